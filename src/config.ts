import { existsSync, statSync } from "node:fs";
import { z } from "zod";

const snowflake = (name: string) =>
  z.string().regex(/^\d{17,20}$/, { error: `${name} must be a Discord id: 17 to 20 digits` });

const positiveInt = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number` })
    .positive({ error: `${name} must be 1 or more` })
    .default(fallback);

/** Empty strings (as in a copied .env.example) count as unset. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/**
 * The token as pasted: white space around it (a Windows line ending, a stray space) is dropped,
 * blank means unset, and a control character inside it is refused by name (the message never
 * shows the token).
 */
const token = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() || undefined : v),
  z
    .string()
    .refine((t) => !/[\p{Cc}\s]/u.test(t), { error: "DISCORD_TOKEN holds a control character or a space; copy the token again from the Developer Portal" })
    .optional(),
);

/** A port: a plain whole number, 0 to 65535 (not " 80", 0x50 or 1e3). */
const port = (name: string) =>
  z
    .string()
    .regex(/^\d{1,5}$/, { error: `${name} must be a whole number from 0 to 65535, written in plain digits` })
    .transform(Number)
    .refine((n) => n <= 65535, { error: `${name} must be 0 to 65535` });

/** A folder the bot writes into: fine when missing (it is created), refused when it is a file. */
const folder = (name: string) =>
  z.string().min(1).refine((dir) => !existsSync(dir) || statSync(dir).isDirectory(), { error: `${name} must be a folder, and this is a file` });

const envSchema = z.object({
  DISCORD_TOKEN: token,
  DISCORD_CLIENT_ID: optional(snowflake("DISCORD_CLIENT_ID")),
  DISCORD_GUILD_ID: optional(snowflake("DISCORD_GUILD_ID")),
  DISCORD_API_URL: optional(z.url({ error: "DISCORD_API_URL must be a URL, like https://discord.com/api" })),
  LOG_LEVEL: optional(
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
    }),
  ),
  ASK_COOLDOWN_SECONDS: optional(positiveInt("ASK_COOLDOWN_SECONDS", 30)),
  ASK_COOLDOWN_LIMIT: optional(positiveInt("ASK_COOLDOWN_LIMIT", 5)),
  KNOWLEDGE_DIR: optional(z.string().min(1)),
  DATA_DIR: optional(folder("DATA_DIR")),
  FEEDBACK_RETENTION_DAYS: optional(positiveInt("FEEDBACK_RETENTION_DAYS", 90)),
  HEALTH_PORT: optional(port("HEALTH_PORT")),
  HEALTH_HOST: optional(z.string().min(1)),
  SHARD_IDS: optional(
    z
      .string()
      .regex(/^\s*\d+\s*(,\s*\d+\s*)*$/, { error: "SHARD_IDS must be shard numbers separated by commas, like 0,1" })
      .transform((v) => [...new Set(v.split(",").map((n) => Number(n.trim())))].sort((a, b) => a - b)),
  ),
  SHARD_COUNT: optional(positiveInt("SHARD_COUNT", 1)),
});

export interface Config {
  token: string | undefined;
  clientId: string | undefined;
  guildId: string | undefined;
  apiUrl: string | undefined;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** a user may ask `cooldownLimit` questions per `cooldownSeconds` */
  cooldownSeconds: number;
  cooldownLimit: number;
  knowledgeDir: string | undefined;
  /** where the bot keeps what it writes (the index cache, the feedback database); default ./data */
  dataDir: string;
  /** votes and declined questions older than this many days are deleted */
  feedbackRetentionDays: number;
  /** the health and metrics server's port; off when unset */
  healthPort: number | undefined;
  /** the address it binds to; default 127.0.0.1 */
  healthHost: string;
  /** the shards this process runs, with the total; both set or neither */
  shards: { ids: number[]; count: number } | undefined;
}

/** A missing or invalid setting, said plainly. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment once, through zod. Reads `.env` first when there is one. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = ".env"): Readonly<Config> {
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile);
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${String(issue.path[0] ?? "environment")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const shardProblem = checkShards(e.SHARD_IDS, e.SHARD_COUNT);
  if (shardProblem) throw new ConfigError(`Invalid configuration (see .env.example):\n- ${shardProblem}`);
  return Object.freeze({
    token: e.DISCORD_TOKEN,
    clientId: e.DISCORD_CLIENT_ID,
    guildId: e.DISCORD_GUILD_ID,
    apiUrl: e.DISCORD_API_URL,
    logLevel: e.LOG_LEVEL ?? "info",
    cooldownSeconds: e.ASK_COOLDOWN_SECONDS ?? 30,
    cooldownLimit: e.ASK_COOLDOWN_LIMIT ?? 5,
    knowledgeDir: e.KNOWLEDGE_DIR,
    dataDir: e.DATA_DIR ?? "data",
    feedbackRetentionDays: e.FEEDBACK_RETENTION_DAYS ?? 90,
    healthPort: e.HEALTH_PORT,
    healthHost: e.HEALTH_HOST ?? "127.0.0.1",
    shards: e.SHARD_IDS && e.SHARD_COUNT ? { ids: e.SHARD_IDS, count: e.SHARD_COUNT } : undefined,
  });
}

function checkShards(ids: number[] | undefined, count: number | undefined): string | undefined {
  if (ids === undefined && count === undefined) return undefined;
  if (ids === undefined || count === undefined) return "SHARD_IDS and SHARD_COUNT must be set together (or neither)";
  const outside = ids.filter((id) => id >= count);
  if (outside.length > 0) return `SHARD_IDS: shard ${outside.join(", ")} does not exist when SHARD_COUNT is ${count} (shards are numbered from 0)`;
  return undefined;
}

export const NO_TOKEN_MESSAGE = `DISCORD_TOKEN is not set, so the bot cannot connect to Discord.
Put your bot token in .env (see .env.example and the README's "Run it on Discord").
To try the answers without Discord, run:  npm run ask -- "When was NATO founded?"`;
