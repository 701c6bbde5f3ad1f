import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { DatabaseProblem, FeedbackStoreError, openFailure, useFailure } from "./errors.ts";
import type { GapsOptions, GapsReport } from "./gaps.ts";
import { prepareGaps, queryGaps, type GapsStatements } from "./gaps-query.ts";
import { migrate, storedSalt } from "./schema.ts";
import type { DeclinedInput, FeedbackStore, PurgeResult, VoteInput, VoteResult } from "./store.ts";
import { voterHash } from "./user-hash.ts";

/** The database's name inside DATA_DIR. */
export const FEEDBACK_FILE_NAME = "feedback.sqlite";

/** The feedback database in a data folder (config `dataDir`). */
export function feedbackFile(dataDir: string): string {
  return join(dataDir, FEEDBACK_FILE_NAME);
}

export interface SqliteFeedbackOptions {
  /** the database file; its folder is created when missing */
  file: string;
  /** votes and declined questions older than this many days are deleted (default 90; config `feedbackRetentionDays`) */
  retentionDays?: number | undefined;
  /**
   * The key for voter hashes. By default each database makes a random salt once and keeps it in
   * its `meta` table: nothing to configure, and a new database (after the old one is deleted or
   * moved aside) shares no hashes with it. But Discord user ids are public and few, so whoever has
   * the file and a user's id can check whether that user voted on an answer. Pass a secret kept
   * apart from the file (an environment variable, say) to make the file alone reveal nothing.
   * Changing it later lets people vote again on answers they voted on before.
   */
  salt?: string | undefined;
}

/** Waits this long for another process's write to finish before giving up (SQLITE_BUSY). */
const BUSY_TIMEOUT_MS = 5000;
/** Stored questions are cut to this length (the bot takes at most 500 characters). */
const MAX_QUESTION = 500;
const DAY_MS = 86_400_000;

const optionsSchema = z.object({
  file: z.string().min(1),
  retentionDays: z.number().int().positive().default(90),
  salt: z.string().min(16, { error: "a salt must be at least 16 characters" }).optional(),
});

const id = z.string().min(1).max(200);
const question = z
  .string()
  .trim()
  .min(1)
  .transform((q) => q.slice(0, MAX_QUESTION));
const guildId = z.string().min(1).max(200).nullable();
const voteInputSchema = z.object({
  answerId: id,
  factId: id,
  userId: id,
  vote: z.enum(["up", "down"]),
  question,
  guildId,
  at: z.date().optional(),
});
const declinedInputSchema = z.object({ question, guildId, at: z.date().optional() });

const count = z.number().int().min(0);
const voteRowSchema = z.object({ vote: z.union([z.literal(1), z.literal(-1)]) }).optional();
const countsRowSchema = z.object({ up: count, down: count });
const quickCheckSchema = z.array(z.object({ quick_check: z.string() }));

/**
 * Opens (creating when needed) the feedback database: WAL journal, `synchronous = NORMAL`, a busy
 * timeout, the schema brought up to date, a quick integrity check, and expired rows deleted.
 *
 * Why NORMAL: in WAL mode each commit is written to the `-wal` file before COMMIT returns, so a
 * process that crashes or is killed afterwards loses nothing it committed: the data is with the
 * operating system, and the next open replays it. NORMAL skips only the fsync at each commit, so an
 * operating-system crash or power cut may lose the last few votes (the database stays consistent).
 * FULL would pay an fsync on every vote, on the bot's one thread, to save feedback that is cheap to lose.
 *
 * Throws a FeedbackStoreError naming the file when it is damaged, from a newer version, or cannot
 * be created or written.
 */
export function openSqliteFeedbackStore(options: SqliteFeedbackOptions): FeedbackStore {
  const { file, retentionDays, salt: givenSalt } = optionsSchema.parse(options);
  let db: Database.Database | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    const mode = z.string().parse(db.pragma("journal_mode = WAL", { simple: true }));
    if (mode !== "wal") throw new DatabaseProblem(`it could not use WAL journaling (got "${mode}")`, "Put DATA_DIR on a local disk");
    db.pragma("synchronous = NORMAL");
    const found = quickCheckSchema.parse(db.pragma("quick_check")).map((row) => row.quick_check);
    if (found.length !== 1 || found[0] !== "ok") {
      const problems = found.filter((line) => !line.startsWith("***")).slice(0, 2);
      throw new DatabaseProblem(`it is damaged (${problems.join("; ") || "quick_check failed"})`, "Move it aside to start a new one");
    }
    const open = db;
    const salt = open.transaction(() => {
      migrate(open);
      return givenSalt ?? storedSalt(open);
    }).immediate();
    const store = new SqliteFeedbackStore(open, file, retentionDays, salt);
    store.purgeExpired();
    return store;
  } catch (error) {
    db?.close();
    // The purge throws its own FeedbackStoreError; say it once, as a failure to open.
    throw openFailure(file, error instanceof FeedbackStoreError ? error.cause : error);
  }
}

class SqliteFeedbackStore implements FeedbackStore {
  private readonly statements;
  private readonly gapsStatements: GapsStatements;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly retentionDays: number,
    private readonly salt: string,
  ) {
    this.gapsStatements = prepareGaps(db);
    this.statements = {
      findVote: db.prepare("SELECT vote FROM votes WHERE answer_id = ? AND fact_id = ? AND voter_hash = ?"),
      insertVote: db.prepare(
        "INSERT INTO votes (answer_id, fact_id, voter_hash, vote, question, guild_id, voted_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      changeVote: db.prepare(
        "UPDATE votes SET vote = ?, question = ?, guild_id = ?, voted_at = ? WHERE answer_id = ? AND fact_id = ? AND voter_hash = ?",
      ),
      counts: db.prepare(
        "SELECT count(*) FILTER (WHERE vote = 1) AS up, count(*) FILTER (WHERE vote = -1) AS down FROM votes WHERE answer_id = ? AND fact_id = ?",
      ),
      insertDeclined: db.prepare("INSERT INTO declined (question, guild_id, asked_at) VALUES (?, ?, ?)"),
      purgeVotes: db.prepare("DELETE FROM votes WHERE voted_at < ?"),
      purgeDeclined: db.prepare("DELETE FROM declined WHERE asked_at < ?"),
    };
  }

  recordVote(input: VoteInput): VoteResult {
    const v = voteInputSchema.parse(input);
    const hash = voterHash(this.salt, v.answerId, v.factId, v.userId);
    const value = v.vote === "up" ? 1 : -1;
    const at = (v.at ?? new Date()).getTime();
    const s = this.statements;
    return this.guard("could not record the vote", () =>
      // IMMEDIATE takes the write lock first, so a busy database waits (busy timeout) instead of failing mid-transaction.
      this.db
        .transaction((): VoteResult => {
          const previous = voteRowSchema.parse(s.findVote.get(v.answerId, v.factId, hash));
          let outcome: VoteResult["outcome"];
          if (!previous) {
            s.insertVote.run(v.answerId, v.factId, hash, value, v.question, v.guildId, at);
            outcome = "recorded";
          } else if (previous.vote === value) {
            outcome = "unchanged";
          } else {
            s.changeVote.run(value, v.question, v.guildId, at, v.answerId, v.factId, hash);
            outcome = "changed";
          }
          return { outcome, ...countsRowSchema.parse(s.counts.get(v.answerId, v.factId)) };
        })
        .immediate(),
    );
  }

  recordDeclined(input: DeclinedInput): void {
    const d = declinedInputSchema.parse(input);
    const at = (d.at ?? new Date()).getTime();
    this.guard("could not record the declined question", () =>
      this.db.transaction(() => this.statements.insertDeclined.run(d.question, d.guildId, at)).immediate(),
    );
  }

  gaps(options: GapsOptions = {}): GapsReport {
    return this.guard("could not be read", () => queryGaps(this.db, this.gapsStatements, options));
  }

  purgeExpired(now: Date = new Date()): PurgeResult {
    const cutoff = now.getTime() - this.retentionDays * DAY_MS;
    const s = this.statements;
    return this.guard("could not delete expired feedback", () =>
      this.db
        .transaction(() => ({ votes: s.purgeVotes.run(cutoff).changes, declined: s.purgeDeclined.run(cutoff).changes }))
        .immediate(),
    );
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private guard<T>(action: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw useFailure(this.file, action, error);
    }
  }
}
