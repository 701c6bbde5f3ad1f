import { DiscordAPIError } from "discord.js";
import { ConfigError } from "../config.ts";
import { KnowledgeError } from "../knowledge/errors.ts";

/** A mistake in how the command was called: printed plainly, exit status 2. */
export class UsageError extends Error {}

/** Runs a command's main, turning known errors into plain messages and exit codes. */
export function runCli(main: (argv: string[]) => Promise<number>, help: string): void {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(error.message);
        process.exitCode = 2;
      } else if (error instanceof DiscordAPIError) {
        console.error(`Discord refused the request: ${error.message} (code ${error.code}, HTTP ${error.status}). Check DISCORD_CLIENT_ID and DISCORD_GUILD_ID, and that the bot is in that server.`);
        process.exitCode = 1;
      } else if (error instanceof KnowledgeError || error instanceof ConfigError) {
        console.error(error.message);
        process.exitCode = 1;
      } else if (error instanceof Error && "code" in error && typeof error.code === "string" && error.code.startsWith("ERR_PARSE_ARGS")) {
        console.error(`${error.message}\n\n${help}`);
        process.exitCode = 2;
      } else {
        console.error(error);
        process.exitCode = 1;
      }
    },
  );
}
