import pino, { type Logger } from "pino";

/** Structured logs (pino) on stdout; anything that looks like a token is redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "article-answer-bot" },
      redact: {
        paths: ["token", "*.token", "config.token", "headers.authorization", "*.headers.authorization", "DISCORD_TOKEN", "*.DISCORD_TOKEN"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

export type { Logger };
