import { runCli, UsageError } from "./run.ts";

const HELP = `Knowledge operations for moderators.

Usage:
  npm run kb -- add FILE --title "Title" [--id ID] [--knowledge DIR]
      Add a plain-text article to the knowledge folder; the bot answers from its sentences at once.
  npm run kb -- gaps [--data DIR] [--limit N] [--guild ID] [--json]
      The most-asked questions the bot declined, and the answers with the most 👎.

Run a subcommand with --help for its options.`;

type Subcommand = (argv: string[]) => Promise<number>;

const subcommands: Record<string, () => Promise<Subcommand>> = {
  add: async () => (await import("./kb-add.ts")).kbAdd,
  gaps: async () => (await import("./kb-gaps.ts")).kbGaps,
};

runCli(async (argv) => {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(HELP);
    return name === undefined ? 2 : 0;
  }
  const load = subcommands[name];
  if (!load) throw new UsageError(`Unknown subcommand "${name}".\n\n${HELP}`);
  return (await load())(rest);
}, HELP);
