import type Database from "better-sqlite3";
import { z } from "zod";
import { DatabaseProblem } from "./errors.ts";
import { newSalt } from "./user-hash.ts";

/**
 * The schema, one entry per version: `migrations[n]` takes a database from `user_version` n to
 * n + 1. Add a migration at the end to change it; never edit one that has shipped.
 * Times are milliseconds since 1970 (UTC). A vote is -1 or 1.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) STRICT;
   CREATE TABLE votes (
     answer_id TEXT NOT NULL,
     fact_id TEXT NOT NULL,
     voter_hash TEXT NOT NULL,
     vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
     question TEXT NOT NULL,
     guild_id TEXT,
     voted_at INTEGER NOT NULL,
     PRIMARY KEY (answer_id, fact_id, voter_hash)
   ) STRICT;
   CREATE INDEX votes_voted_at ON votes (voted_at);
   CREATE INDEX votes_fact ON votes (fact_id, vote);
   CREATE TABLE declined (
     id INTEGER PRIMARY KEY,
     question TEXT NOT NULL,
     guild_id TEXT,
     asked_at INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX declined_asked_at ON declined (asked_at);
   CREATE INDEX declined_guild ON declined (guild_id, asked_at);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

const SALT_KEY = "voter_hash_salt";

const versionSchema = z.number().int().min(0);
const saltRowSchema = z.object({ value: z.string().regex(/^[0-9a-f]{64}$/) }).optional();

/** Brings the schema up to date. Call it inside an IMMEDIATE transaction, so two processes opening a new database at once do not both create it. */
export function migrate(db: Database.Database): void {
  const version = versionSchema.parse(db.pragma("user_version", { simple: true }));
  if (version > SCHEMA_VERSION) {
    throw new DatabaseProblem(
      `it was written by a newer version of the bot (schema ${version}; this one knows ${SCHEMA_VERSION})`,
      "Run the newer version, or move it aside to start a new one",
    );
  }
  for (const sql of MIGRATIONS.slice(version)) db.exec(sql);
  if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

/** The database's own salt for voter hashes, created the first time (inside the caller's transaction). */
export function storedSalt(db: Database.Database): string {
  const row = saltRowSchema.parse(db.prepare("SELECT value FROM meta WHERE key = ?").get(SALT_KEY));
  if (row) return row.value;
  const salt = newSalt();
  db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)").run(SALT_KEY, salt);
  return salt;
}
