import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { loadConfig } from "../config.ts";
import { formatGapsText } from "../feedback/gaps-text.ts";
import { readGapsReport, ReportReadError } from "../feedback/read-report.ts";
import { feedbackFile } from "../feedback/sqlite-store.ts";
import { UsageError } from "./run.ts";

const HELP = `The most-asked questions the bot declined (near-duplicates grouped), and the answers with the most 👎.

Usage:
  npm run kb -- gaps [--data DIR] [--limit N] [--guild ID] [--json]

Options:
  --data DIR     the bot's data folder, holding feedback.sqlite (default: DATA_DIR, else ./data)
  --limit N      at most N question groups and N answers (default 10)
  --guild ID     only this server's questions and votes
  --json         print JSON: {"file", "declined": [{"question", "count", "variants"}],
                 "disliked": [{"factId", "up", "down", "question"}], "recorded": {"declined", "votes"}}
  -h, --help     this text

Only reads: the database is opened read-only and never changed. Exits 1 when the file is not a
feedback database, is damaged or cannot be read.`;

const limitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(1000);

/** `npm run kb -- gaps`: prints the gaps report; 0 when printed (even empty), 1 when the database cannot be read. */
export async function kbGaps(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: "string" },
      limit: { type: "string", default: "10" },
      guild: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const limit = limitSchema.safeParse(values.limit);
  if (!limit.success) throw new UsageError(`--limit must be a whole number from 1 to 1000\n\n${HELP}`);
  if (values.guild !== undefined && values.guild.trim() === "") throw new UsageError(`--guild needs a server id\n\n${HELP}`);

  const config = loadConfig();
  const file = feedbackFile(values.data ?? config.dataDir);
  if (!existsSync(file)) {
    const message = `No feedback database yet at ${file}: the bot has recorded no votes or declined questions there.`;
    if (values.json) {
      console.error(message);
      console.log(JSON.stringify({ file, declined: [], disliked: [], recorded: { declined: 0, votes: 0 } }, null, 2));
    } else {
      console.log(message);
    }
    return 0;
  }

  let report;
  try {
    // Only what the bot would still keep: older rows are due for deletion at its next start.
    const since = new Date(Date.now() - config.feedbackRetentionDays * 86_400_000);
    report = readGapsReport(file, { guildId: values.guild, limit: limit.data, since });
  } catch (error) {
    if (!(error instanceof ReportReadError)) throw error;
    console.error(error.message);
    return 1;
  }
  console.log(values.json ? JSON.stringify({ file, ...report }, null, 2) : formatGapsText(report, { file, guildId: values.guild }));
  return 0;
}
