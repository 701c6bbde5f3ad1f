import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Engine } from "../src/engine/engine.ts";
import { buildKnowledge } from "../src/knowledge/build.ts";
import { buildInWorker } from "../src/knowledge/build-in-worker.ts";
import { LiveKnowledge, type Builder, type ReloadOutcome } from "../src/knowledge/live.ts";
import { createLogger } from "../src/logger.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import { LIBRARY_TITLE, writeLibraryArticle } from "./helpers/library-article.ts";
import { LogLines } from "./helpers/log-lines.ts";

let root: string;
let dir: string;
let logs: LogLines;
let live: LiveKnowledge | undefined;
const inThread: Builder = async (d, c) => buildKnowledge(d, c);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "live-kb-"));
  dir = join(root, "knowledge");
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  logs = new LogLines();
});

afterEach(() => {
  live?.close();
  live = undefined;
  rmSync(root, { recursive: true, force: true });
});

async function start(build: Builder = inThread, onReload?: (o: ReloadOutcome) => void): Promise<LiveKnowledge> {
  live = await LiveKnowledge.start({ dir, cacheDir: join(root, "cache"), logger: createLogger("debug", logs), build, onReload, debounceMs: 50 });
  return live;
}

function addSecondArticle(): void {
  writeLibraryArticle(dir);
}

/** Resolves with the next reload outcome the watcher (or anything else) produces, or fails after `ms`. */
function nextReload(outcomes: ReloadOutcome[], ms = 15_000): Promise<ReloadOutcome> {
  const seen = outcomes.length;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const next = outcomes[seen];
      if (next) {
        clearInterval(poll);
        resolve(next);
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        reject(new Error("no reload happened"));
      }
    }, 10);
  });
}

describe("live knowledge", () => {
  it("picks up a new article when the folder changes, and answers from it", async () => {
    const outcomes: ReloadOutcome[] = [];
    const knowledge = await start(inThread, (o) => outcomes.push(o));
    knowledge.watch();
    expect(knowledge.status().watching).toBe(true);
    expect(knowledge.engine.ask("How many computers does the Millbrook library have?").answered).toBe(false);

    const reloaded = nextReload(outcomes);
    addSecondArticle();
    const outcome = await reloaded;
    // The two files may arrive as two reloads; wait until the second article is in.
    while (knowledge.engine.articles.length < 2) await nextReload(outcomes);
    expect(outcome.ok).toBe(true);
    const answer = knowledge.engine.ask("How many computers does the Millbrook library have?");
    expect(answer.answered).toBe(true);
    expect(answer.sources[0]?.quote).toBe("the Millbrook library now has 120 computers");
    expect(answer.sources[0]?.title).toBe(LIBRARY_TITLE);
    // The seeded article still answers as before.
    expect(knowledge.engine.ask("When was NATO founded?").sources[0]?.factId).toBe("nato-founded-1949");
  });

  it("keeps the last good engine when a change fails validation, and says which file and field", async () => {
    const knowledge = await start();
    const before = knowledge.engine;
    const file = join(dir, "articles", "russia-ukraine-ceasefire-nato.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("paragraph: 5\n", "paragraph: five\n"));
    const outcome = await knowledge.reload("test");
    expect(outcome.ok).toBe(false);
    expect(outcome.problems.join("\n")).toMatch(/russia-ukraine-ceasefire-nato\.yaml: fact "[a-z0-9-]+": field "paragraph": the paragraph must be a whole number/);
    expect(knowledge.engine).toBe(before);
    expect(knowledge.engine.ask("When was NATO founded?").answered).toBe(true);
    const status = knowledge.status();
    expect(status.last.ok).toBe(false);
    expect(status.lastFailure?.problems).toEqual(outcome.problems);
    expect(logs.lines.some((l) => l.includes("knowledge reload rejected") && l.includes("field \\\"paragraph\\\""))).toBe(true);
  });

  it("keeps answering from memory when the folder disappears or cannot be read", async () => {
    const knowledge = await start();
    const before = knowledge.engine;
    renameSync(dir, `${dir}-gone`);
    const outcome = await knowledge.reload("test");
    expect(outcome.ok).toBe(false);
    expect(outcome.problems[0]).toContain("the folder is missing");
    expect(knowledge.engine).toBe(before);
    expect(knowledge.engine.ask("When was NATO founded?").sources[0]?.factId).toBe("nato-founded-1949");
  });

  it("keeps answering from memory when a file in the folder cannot be read", async () => {
    const knowledge = await start();
    const before = knowledge.engine;
    // Tests may run as root, whom chmod does not stop: a folder where the text file should be can't be read by anyone.
    const text = join(dir, "articles", "russia-ukraine-ceasefire-nato.txt");
    rmSync(text);
    mkdirSync(text);
    const outcome = await knowledge.reload("test");
    expect(outcome.ok).toBe(false);
    expect(outcome.problems.join("\n")).toMatch(/russia-ukraine-ceasefire-nato\.txt.*EISDIR|EISDIR.*russia-ukraine-ceasefire-nato\.txt/);
    expect(knowledge.engine).toBe(before);
    expect(knowledge.engine.ask("When was NATO founded?").sources[0]?.factId).toBe("nato-founded-1949");
  });

  it("runs one reload at a time: requests during a reload share one more run", async () => {
    let builds = 0;
    const counting: Builder = async (d, c) => {
      builds++;
      await new Promise((r) => setTimeout(r, 30));
      return buildKnowledge(d, c);
    };
    const knowledge = await start(counting);
    builds = 0;
    const all = await Promise.all([knowledge.reload("a"), knowledge.reload("b"), knowledge.reload("c"), knowledge.reload("d")]);
    expect(all.every((o) => o.ok)).toBe(true);
    expect(builds).toBe(2);
  });

  it("builds in a worker thread: questions asked during the reload are answered from the old engine, never a half-built one", async () => {
    const knowledge = await start(buildInWorker);
    const old = knowledge.engine;
    expect(old.articles).toHaveLength(1);
    addSecondArticle();
    const seen = new Set<Engine>();
    let answeredDuringReload = 0;
    const reload = knowledge.reload("test");
    let done = false;
    void reload.then(() => (done = true));
    const deadline = Date.now() + 30_000;
    while (!done && Date.now() < deadline) {
      const engine = knowledge.engine;
      seen.add(engine);
      const result = engine.ask("When was NATO founded?");
      expect(result.sources[0]?.factId).toBe("nato-founded-1949");
      if (knowledge.status().reloading) answeredDuringReload++;
      await new Promise((r) => setImmediate(r));
    }
    const outcome = await reload;
    expect(outcome.ok).toBe(true);
    // The event loop kept turning while the worker built: many questions were answered meanwhile, all by the old engine.
    expect(answeredDuringReload).toBeGreaterThan(10);
    expect([...seen]).toEqual([old]);
    const fresh = knowledge.engine;
    expect(fresh).not.toBe(old);
    expect(fresh.articles.map((a) => a.id)).toEqual(["russia-ukraine-ceasefire-nato", "millbrook-library"]);
    expect(fresh.facts.length).toBe(old.facts.length + 3);
    expect(fresh.ask("When did the Millbrook library reopen?").sources[0]?.factId).toBe("library-reopened");
  });

  it("refuses to start from a folder that fails validation, listing the problems", async () => {
    writeFileSync(join(dir, "articles", "broken.yaml"), "id: broken\ntitle: Broken\nfacts: []\n");
    await expect(start()).rejects.toThrow(/broken\.yaml: the article text .*broken\.txt is missing/);
  });
});
