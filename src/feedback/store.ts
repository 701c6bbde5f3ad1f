import type { GapsOptions, GapsReport } from "./gaps.ts";

export type VoteValue = "up" | "down";

/** A 👍 or 👎 on one answer. */
export interface VoteInput {
  /** the answer: the Discord message id of the bot's reply */
  answerId: string;
  /** the fact the answer cited */
  factId: string;
  /** who voted; stored only as a salted hash, to allow one vote per user per answer */
  userId: string;
  vote: VoteValue;
  /** the question the answer was for */
  question: string;
  /** the server; null in direct messages */
  guildId: string | null;
  /** when; now when unset */
  at?: Date | undefined;
}

export interface VoteResult {
  /** "recorded" a first vote, "changed" it to the other value, or "unchanged" (the same vote again) */
  outcome: "recorded" | "changed" | "unchanged";
  /** the answer's votes after this one */
  up: number;
  down: number;
}

/** A question the bot could not answer. */
export interface DeclinedInput {
  question: string;
  /** the server; null in direct messages */
  guildId: string | null;
  /** when; now when unset */
  at?: Date | undefined;
}

export interface PurgeResult {
  votes: number;
  declined: number;
}

/**
 * Where votes and declined questions are kept. Synchronous, because the SQLite implementation is
 * (better-sqlite3) and each call takes well under a millisecond; an implementation over a network
 * database (PostgreSQL) would make these methods return promises, and its callers await them.
 * Every method may throw a FeedbackStoreError naming the database; each write is one transaction.
 */
export interface FeedbackStore {
  /** Records a vote, or changes this user's vote on this answer; says what happened and the counts. */
  recordVote(vote: VoteInput): VoteResult;
  /** Records a question the bot declined. */
  recordDeclined(declined: DeclinedInput): void;
  /** The most-asked declined questions, grouped, and the answers with the most 👎. */
  gaps(options?: GapsOptions): GapsReport;
  /** Deletes what is older than the retention period (at `now`, default the current time). */
  purgeExpired(now?: Date): PurgeResult;
  close(): void;
}
