import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { feedbackFile, openSqliteFeedbackStore } from "../src/feedback/sqlite-store.ts";
import { feedbackScratch, withDatabase } from "./helpers/feedback-temp.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WRITER = fileURLToPath(new URL("./helpers/feedback-writer.ts", import.meta.url));
/** Reports to wait for before the kill. */
const KILL_AFTER = 200;
/** The child is given this long to start and report; the test fails past it. */
const DEADLINE_MS = 45_000;

const scratch = feedbackScratch();
afterEach(() => scratch.cleanup());

interface Killed {
  reported: number[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the writer, kills it with SIGKILL after KILL_AFTER committed reports, and returns every report it read. */
function writeAndKill(file: string): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WRITER, file], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const reported: number[] = [];
    let pending = "";
    let stderr = "";
    let killed = false;
    const deadline = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the writer did not report ${KILL_AFTER} records within ${DEADLINE_MS} ms; stderr: ${stderr}`));
    }, DEADLINE_MS);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? ""; // a line cut short is not a report
      for (const line of lines) reported.push(Number(line));
      if (!killed && reported.length >= KILL_AFTER) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    // "close": the exit and the end of its output, so every report written before the kill has been read.
    child.on("close", (_code, signal) => {
      clearTimeout(deadline);
      resolve({ reported, signal, stderr });
    });
  });
}

describe("crash safety", () => {
  it("keeps everything a writer had committed when it is killed with SIGKILL mid-write", { timeout: DEADLINE_MS + 15_000 }, async () => {
    const file = feedbackFile(scratch.dir());
    const { reported, signal, stderr } = await writeAndKill(file);

    expect(stderr).toBe("");
    // Killed while still writing, not finished on its own.
    expect(signal).toBe("SIGKILL");
    expect(reported.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(reported.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);

    const { answers, questions, integrity } = withDatabase(file, (db) => ({
      integrity: db.pragma("integrity_check", { simple: true }),
      answers: new Set(z.array(z.object({ answer_id: z.string() })).parse(db.prepare("SELECT answer_id FROM votes").all()).map((r) => r.answer_id)),
      questions: new Set(z.array(z.object({ question: z.string() })).parse(db.prepare("SELECT question FROM declined").all()).map((r) => r.question)),
    }));
    expect(integrity).toBe("ok");
    const missing = reported.filter((i) => (i % 2 === 0 ? !answers.has(`answer-${i}`) : !questions.has(`declined question ${i}`)));
    expect(missing).toEqual([]);
    // Nothing appears that was not written: at most the one record being committed when it died goes unreported.
    expect(answers.size + questions.size).toBeGreaterThanOrEqual(reported.length);
    expect(answers.size + questions.size).toBeLessThanOrEqual(reported.length + 1);

    // And the store opens it again as usual.
    const store = openSqliteFeedbackStore({ file });
    expect(store.gaps().recorded).toEqual({ declined: questions.size, votes: answers.size });
    store.close();
  });
});
