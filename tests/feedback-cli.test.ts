import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { feedbackFile, openSqliteFeedbackStore } from "../src/feedback/sqlite-store.ts";
import { feedbackScratch } from "./helpers/feedback-temp.ts";

// `npm run kb -- gaps`, run the way npm runs it (`tsx src/cli/kb.ts gaps ...`).
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const GUILD_A = "111111111111111111";
const GUILD_B = "222222222222222222";

/** Each run starts tsx and loads discord.js (through the CLI runner): seconds on a busy machine. */
const SPAWN_TIMEOUT_MS = 60_000;

const scratch = feedbackScratch();
afterEach(() => scratch.cleanup());

function gaps(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.DATA_DIR;
  delete env.FEEDBACK_RETENTION_DAYS;
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli/kb.ts", "gaps", ...args], { cwd: ROOT, encoding: "utf8", env, timeout: SPAWN_TIMEOUT_MS });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A data folder with a few declined questions and votes. */
function seeded(): string {
  const dir = scratch.dir();
  const store = openSqliteFeedbackStore({ file: feedbackFile(dir) });
  const start = Date.now() - 60_000;
  const asked: Array<[string, string | null]> = [
    ["who is the mayor", GUILD_A],
    ["Who's the mayor?", GUILD_A],
    ["who is the mayr", GUILD_B],
    ["who is the mayor", GUILD_A],
    ["What is the capital of Poland?", GUILD_B],
    ["what is the capital of poland", GUILD_B],
    ["how tall is putin", null],
  ];
  asked.forEach(([question, guildId], i) => store.recordDeclined({ question, guildId, at: new Date(start + i * 1000) }));
  const vote = (answerId: string, factId: string, userId: string, vote: "up" | "down") =>
    store.recordVote({ answerId, factId, userId, vote, question: `asked about ${factId}`, guildId: GUILD_A });
  vote("m1", "nato-founded-1949", "u1", "down");
  vote("m1", "nato-founded-1949", "u2", "down");
  vote("m1", "nato-founded-1949", "u3", "up");
  vote("m2", "ceasefire-terms", "u1", "down");
  store.close();
  return dir;
}

const reportSchema = z.strictObject({
  file: z.string(),
  declined: z.array(z.strictObject({ question: z.string(), count: z.number().int(), variants: z.array(z.string()) })),
  disliked: z.array(z.strictObject({ factId: z.string(), up: z.number().int(), down: z.number().int(), question: z.string() })),
  recorded: z.strictObject({ declined: z.number().int(), votes: z.number().int() }),
});

describe("npm run kb -- gaps", { timeout: 3 * SPAWN_TIMEOUT_MS }, () => {
  it("prints the grouped declined questions, the most asked first, then the most 👎 answers", () => {
    const dir = seeded();
    const { status, stdout, stderr } = gaps(["--data", dir]);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toContain(feedbackFile(dir));
    expect(stdout).toContain("1. who is the mayor  (asked 4 times)");
    expect(stdout).toContain(`also: "Who's the mayor?", "who is the mayr"`);
    expect(stdout).toContain("2. what is the capital of poland  (asked 2 times)");
    expect(stdout).toContain("3. how tall is putin  (asked 1 time)");
    expect(stdout).toContain("1. nato-founded-1949  👎 2  👍 1");
    expect(stdout).toContain("2. ceasefire-terms  👎 1  👍 0");
    expect(stdout.indexOf("who is the mayor")).toBeLessThan(stdout.indexOf("capital of poland"));
  });

  it("prints parseable JSON with --json, limited with --limit and kept to a server with --guild", () => {
    const dir = seeded();
    const all = gaps(["--data", dir, "--json"]);
    expect(all.status).toBe(0);
    const report = reportSchema.parse(JSON.parse(all.stdout));
    expect(report.file).toBe(feedbackFile(dir));
    expect(report.declined.map((g) => [g.question, g.count])).toEqual([
      ["who is the mayor", 4],
      ["what is the capital of poland", 2],
      ["how tall is putin", 1],
    ]);
    expect(report.disliked.map((d) => [d.factId, d.down, d.up])).toEqual([
      ["nato-founded-1949", 2, 1],
      ["ceasefire-terms", 1, 0],
    ]);
    expect(report.recorded).toEqual({ declined: 7, votes: 4 });

    const limited = reportSchema.parse(JSON.parse(gaps(["--data", dir, "--json", "--limit", "1"]).stdout));
    expect(limited.declined.map((g) => g.question)).toEqual(["who is the mayor"]);
    expect(limited.disliked.map((d) => d.factId)).toEqual(["nato-founded-1949"]);

    const guildB = reportSchema.parse(JSON.parse(gaps(["--data", dir, "--json", "--guild", GUILD_B]).stdout));
    expect(guildB.declined.map((g) => [g.question, g.count])).toEqual([
      ["what is the capital of poland", 2],
      ["who is the mayr", 1],
    ]);
    expect(guildB.disliked).toEqual([]);
  });

  it("says plainly when there is no database yet, and creates none", () => {
    const dir = scratch.dir();
    const text = gaps(["--data", dir]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("No feedback database yet");
    expect(text.stdout).toContain(feedbackFile(dir));
    const json = gaps(["--data", dir, "--json"]);
    expect(json.status).toBe(0);
    expect(reportSchema.parse(JSON.parse(json.stdout)).recorded).toEqual({ declined: 0, votes: 0 });
    expect(json.stderr).toContain("No feedback database yet");
    expect(existsSync(feedbackFile(dir))).toBe(false);
  });

  it("says plainly when nothing was recorded", () => {
    const dir = scratch.dir();
    openSqliteFeedbackStore({ file: feedbackFile(dir) }).close();
    const { status, stdout } = gaps(["--data", dir]);
    expect(status).toBe(0);
    expect(stdout).toContain("Nothing recorded yet");
  });

  it("exits 1 naming the file when it is not a database", () => {
    const dir = join(scratch.dir(), "data");
    mkdirSync(dir);
    writeFileSync(feedbackFile(dir), "garbage, not a database ".repeat(100));
    const { status, stdout, stderr } = gaps(["--data", dir]);
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe(`${feedbackFile(dir)} is not a feedback database: it is not an SQLite file.`);
    expect(stderr).not.toContain("    at "); // a message, not a stack trace
  });

  it("refuses a bad --limit with status 2, and prints its help with --help", () => {
    const bad = gaps(["--limit", "none"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--limit must be a whole number");
    const help = gaps(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("npm run kb -- gaps [--data DIR] [--limit N] [--guild ID] [--json]");
  });
});
