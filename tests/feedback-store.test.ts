import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { FeedbackStoreError } from "../src/feedback/errors.ts";
import { SCHEMA_VERSION } from "../src/feedback/schema.ts";
import { feedbackFile, openSqliteFeedbackStore } from "../src/feedback/sqlite-store.ts";
import type { FeedbackStore, VoteInput } from "../src/feedback/store.ts";
import { dumpDatabase, feedbackScratch, withDatabase } from "./helpers/feedback-temp.ts";

const scratch = feedbackScratch();
const stores: FeedbackStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  scratch.cleanup();
});

function open(file = feedbackFile(scratch.dir()), retentionDays?: number): { store: FeedbackStore; file: string } {
  const store = openSqliteFeedbackStore({ file, retentionDays });
  stores.push(store);
  return { store, file };
}

const DAY = 86_400_000;
const USER = "284756109384756102";
const OTHER_USER = "918273645546372819";
const GUILD = "112233445566778899";

const vote = (overrides: Partial<VoteInput> = {}): VoteInput => ({
  answerId: "1300000000000000001",
  factId: "nato-founded-1949",
  userId: USER,
  vote: "up",
  question: "When was NATO founded?",
  guildId: GUILD,
  ...overrides,
});

const voteRows = z.array(z.object({ answer_id: z.string(), fact_id: z.string(), voter_hash: z.string(), vote: z.number(), question: z.string(), guild_id: z.string().nullable(), voted_at: z.number() }));
const declinedRows = z.array(z.object({ question: z.string(), guild_id: z.string().nullable(), asked_at: z.number() }));
const readVotes = (file: string) => withDatabase(file, (db) => voteRows.parse(db.prepare("SELECT * FROM votes ORDER BY rowid").all()));
const readDeclined = (file: string) =>
  withDatabase(file, (db) => declinedRows.parse(db.prepare("SELECT question, guild_id, asked_at FROM declined ORDER BY id").all()));

describe("votes", () => {
  it("are stored, with the question, server, time and value", () => {
    const { store, file } = open();
    const at = new Date("2025-03-01T12:00:00Z");
    const result = store.recordVote(vote({ vote: "down", at }));
    expect(result).toEqual({ outcome: "recorded", up: 0, down: 1 });
    store.recordVote(vote({ answerId: "1300000000000000002", userId: OTHER_USER, guildId: null, at: new Date(at.getTime() + 5 * DAY) }));
    const rows = readVotes(file);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ answer_id: "1300000000000000001", fact_id: "nato-founded-1949", vote: -1, question: "When was NATO founded?", guild_id: GUILD, voted_at: at.getTime() });
    expect(rows[1]).toMatchObject({ answer_id: "1300000000000000002", vote: 1, guild_id: null, voted_at: at.getTime() + 5 * DAY });
  });

  it("change from up to down and back, and the counts follow", () => {
    const { store, file } = open();
    expect(store.recordVote(vote({ vote: "up" }))).toEqual({ outcome: "recorded", up: 1, down: 0 });
    expect(store.recordVote(vote({ vote: "down" }))).toEqual({ outcome: "changed", up: 0, down: 1 });
    expect(store.recordVote(vote({ vote: "up" }))).toEqual({ outcome: "changed", up: 1, down: 0 });
    expect(readVotes(file)).toHaveLength(1);
  });

  it("the same vote twice is reported unchanged and changes nothing, not even its time", () => {
    const { store, file } = open();
    const first = new Date("2030-01-01T00:00:00Z");
    store.recordVote(vote({ vote: "down", at: first }));
    expect(store.recordVote(vote({ vote: "down", at: new Date(first.getTime() + DAY) }))).toEqual({ outcome: "unchanged", up: 0, down: 1 });
    expect(readVotes(file).map((r) => r.voted_at)).toEqual([first.getTime()]);
  });

  it("one per user per answer: two users make two votes, and counts are per answer and fact", () => {
    const { store } = open();
    expect(store.recordVote(vote({ vote: "up" }))).toEqual({ outcome: "recorded", up: 1, down: 0 });
    expect(store.recordVote(vote({ userId: OTHER_USER, vote: "down" }))).toEqual({ outcome: "recorded", up: 1, down: 1 });
    expect(store.recordVote(vote({ userId: "555555555555555555", vote: "down" }))).toEqual({ outcome: "recorded", up: 1, down: 2 });
    // The same user on another answer, or on another fact of the same message, is a vote of its own.
    expect(store.recordVote(vote({ answerId: "1300000000000000009", vote: "down" }))).toEqual({ outcome: "recorded", up: 0, down: 1 });
    expect(store.recordVote(vote({ factId: "other-fact", vote: "up" }))).toEqual({ outcome: "recorded", up: 1, down: 0 });
    expect(store.recordVote(vote({ userId: OTHER_USER, vote: "up" }))).toEqual({ outcome: "changed", up: 2, down: 1 });
  });

  it("never store the user id in clear: not in any table, not in the file's bytes", () => {
    const { store, file } = open();
    store.recordVote(vote());
    store.recordVote(vote({ answerId: "1300000000000000002", vote: "down" }));
    store.recordDeclined({ question: "What is the capital of Poland?", guildId: GUILD });
    const dump = dumpDatabase(file);
    expect(dump).toContain("nato-founded-1949"); // the dump does hold the rows
    expect(dump).not.toContain(USER);
    const hashes = readVotes(file).map((r) => r.voter_hash);
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
    // The answer is part of the hash: one person's votes on two answers cannot be linked.
    expect(hashes[0]).not.toBe(hashes[1]);
    store.close();
    const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
    expect(bytes.includes("nato-founded-1949")).toBe(true);
    expect(bytes.includes(USER)).toBe(false);
  });

  it("hash users with the salt given, the same for the same salt, and keep no salt of their own then", () => {
    const dir = scratch.dir();
    const hashesWith = (name: string, salt: string) => {
      const file = join(dir, name);
      const store = openSqliteFeedbackStore({ file, salt });
      store.recordVote(vote());
      store.close();
      return { hash: readVotes(file)[0]?.voter_hash, meta: dumpDatabase(file) };
    };
    const a = hashesWith("a.sqlite", "a secret kept elsewhere");
    const b = hashesWith("b.sqlite", "a secret kept elsewhere");
    const c = hashesWith("c.sqlite", "another secret entirely");
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
    expect(a.meta).not.toContain("voter_hash_salt");
  });

  it("are still one per user after the database is closed and opened again (the salt is kept)", () => {
    const { store, file } = open();
    store.recordVote(vote({ vote: "up" }));
    store.close();
    const again = open(file).store;
    expect(again.recordVote(vote({ vote: "up" }))).toEqual({ outcome: "unchanged", up: 1, down: 0 });
  });
  it("are one per user across two connections to the same file (the bot and the terminal command)", () => {
    const { store, file } = open();
    const second = open(file).store;
    expect(store.recordVote(vote({ vote: "up" }))).toEqual({ outcome: "recorded", up: 1, down: 0 });
    expect(second.recordVote(vote({ vote: "down" }))).toEqual({ outcome: "changed", up: 0, down: 1 });
    expect(store.recordVote(vote({ userId: OTHER_USER, vote: "down" }))).toEqual({ outcome: "recorded", up: 0, down: 2 });
    expect(second.gaps().recorded).toEqual({ declined: 0, votes: 2 });
  });
});

describe("declined questions", () => {
  it("are stored with their server (null in DMs) and time", () => {
    const { store, file } = open();
    const at = new Date("2031-06-01T08:30:00Z");
    store.recordDeclined({ question: "What is the capital of Poland?", guildId: GUILD, at });
    store.recordDeclined({ question: "  who is the mayor  ", guildId: null, at: new Date(at.getTime() + 1000) });
    expect(readDeclined(file)).toEqual([
      { question: "What is the capital of Poland?", guild_id: GUILD, asked_at: at.getTime() },
      { question: "who is the mayor", guild_id: null, asked_at: at.getTime() + 1000 },
    ]);
  });
});

describe("retention", () => {
  it("purgeExpired deletes rows older than the retention period and keeps newer ones", () => {
    const { store, file } = open(undefined, 30);
    const now = new Date("2032-01-31T00:00:00Z");
    const daysAgo = (d: number) => new Date(now.getTime() - d * DAY);
    store.recordDeclined({ question: "old question", guildId: GUILD, at: daysAgo(31) });
    store.recordDeclined({ question: "new question", guildId: GUILD, at: daysAgo(29) });
    store.recordVote(vote({ answerId: "1300000000000000001", at: daysAgo(40) }));
    store.recordVote(vote({ answerId: "1300000000000000002", at: daysAgo(1) }));
    expect(store.purgeExpired(now)).toEqual({ votes: 1, declined: 1 });
    expect(readDeclined(file).map((r) => r.question)).toEqual(["new question"]);
    expect(readVotes(file).map((r) => r.answer_id)).toEqual(["1300000000000000002"]);
    expect(store.purgeExpired(now)).toEqual({ votes: 0, declined: 0 });
  });

  it("a changed vote counts from when it was changed", () => {
    const { store, file } = open(undefined, 30);
    const now = new Date("2032-01-31T00:00:00Z");
    store.recordVote(vote({ vote: "up", at: new Date(now.getTime() - 40 * DAY) }));
    store.recordVote(vote({ vote: "down", at: new Date(now.getTime() - 2 * DAY) }));
    store.purgeExpired(now);
    expect(readVotes(file).map((r) => r.vote)).toEqual([-1]);
  });

  it("runs when the database is opened", () => {
    const { store, file } = open(undefined, 90);
    const now = Date.now();
    store.recordDeclined({ question: "asked long ago", guildId: null, at: new Date(now - 91 * DAY) });
    store.recordDeclined({ question: "asked lately", guildId: null, at: new Date(now - 89 * DAY) });
    store.close();
    open(file, 90);
    expect(readDeclined(file).map((r) => r.question)).toEqual(["asked lately"]);
  });
});

describe("the database file", () => {
  it("uses WAL, carries its schema version, and is created with its folder", () => {
    const file = join(scratch.dir(), "nested", "deeper", "feedback.sqlite");
    open(file);
    expect(existsSync(file)).toBe(true);
    withDatabase(file, (db) => {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    });
  });

  it("lives in the data folder as feedback.sqlite", () => {
    expect(feedbackFile(join("data"))).toBe(join("data", "feedback.sqlite"));
  });
});

describe("a database that cannot be used", () => {
  function openError(file: string): FeedbackStoreError {
    try {
      open(file);
    } catch (error) {
      if (error instanceof FeedbackStoreError) return error;
      throw error;
    }
    throw new Error("expected opening to fail");
  }

  it("a file of garbage: FeedbackStoreError naming the path, saying to move it aside", () => {
    const file = join(scratch.dir(), "feedback.sqlite");
    writeFileSync(file, Buffer.from("this is not a database, just some bytes ".repeat(200)));
    const error = openError(file);
    expect(error.message).toContain(file);
    expect(error.file).toBe(file);
    expect(error.message).toMatch(/could not be opened: file is not a database\. Move it aside/);
    expect(readFileSync(file, "utf8")).toMatch(/^this is not a database/); // left as it was
  });

  it("a damaged database (pages overwritten after the header): FeedbackStoreError naming the path", () => {
    const { store, file } = open();
    for (let i = 0; i < 300; i++) store.recordDeclined({ question: `question number ${i} about something`, guildId: GUILD });
    store.close();
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(8192);
    bytes.fill(0x5a, 4096); // every page but the first (the header and schema)
    writeFileSync(file, bytes);
    const error = openError(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain("Move it aside");
  });

  it("a database with a few bytes zeroed inside a page: found on open (quick_check), FeedbackStoreError naming the path", () => {
    const { store, file } = open();
    for (let i = 0; i < 300; i++) store.recordDeclined({ question: `question number ${i} about something`, guildId: GUILD });
    store.close();
    const bytes = readFileSync(file);
    bytes.fill(0, 8192, 8192 + 200);
    writeFileSync(file, bytes);
    const error = openError(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/damaged|malformed/);
    expect(error.message).toContain("Move it aside");
  });

  it("a file where its folder should be: FeedbackStoreError naming the path", () => {
    const dir = scratch.dir();
    writeFileSync(join(dir, "data"), "a file in the way");
    const file = join(dir, "data", "feedback.sqlite");
    const error = openError(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain("could not be opened");
    expect(error.message).toContain("written to");
  });

  it("a folder where the file should be: FeedbackStoreError naming the path", () => {
    const file = join(scratch.dir(), "feedback.sqlite");
    mkdirSync(file);
    const error = openError(file);
    expect(error.message).toContain(file);
  });

  it("a database from a newer version: FeedbackStoreError saying so", () => {
    const { store, file } = open();
    store.close();
    withDatabase(file, (db) => db.pragma(`user_version = ${SCHEMA_VERSION + 1}`));
    const error = openError(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain("newer version");
  });

  it("a closed store says so in a FeedbackStoreError", () => {
    const { store, file } = open();
    store.close();
    expect(() => store.recordDeclined({ question: "anything", guildId: null })).toThrow(FeedbackStoreError);
    expect(() => store.recordDeclined({ question: "anything", guildId: null })).toThrow(file);
  });
});
