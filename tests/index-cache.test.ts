import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine } from "../src/engine/engine.ts";
import { IndexArrays, serializedIndexSchema } from "../src/engine/index-arrays.ts";
import { createEngineWithCache } from "../src/engine/index-cache.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import { townKnowledge } from "./helpers/town-kb.ts";

const kb = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const QUESTIONS = ["When was NATO founded?", "who is the nato boss", "wat did putin say bout prisoners", "What is the capital of Poland?", "how many members does nato have"];

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), "index-cache-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("a serialized index", () => {
  it("answers exactly like the index it was exported from, after a round trip through JSON", () => {
    const built = createEngine(kb);
    const index = serializedIndexSchema.parse(JSON.parse(JSON.stringify(built.exportIndex())));
    const loaded = createEngine(kb, { index });
    for (const q of QUESTIONS) expect(loaded.ask(q)).toEqual(built.ask(q));
  });

  it("is ignored, and the index rebuilt, when the knowledge changed", () => {
    const stale = createEngine(townKnowledge()).exportIndex();
    const engine = createEngine(kb, { index: stale });
    expect(engine.ask("When was NATO founded?").answer).toContain("1949");
  });

  it("refuses damaged arrays with a plain message", () => {
    const index = createEngine(kb).exportIndex();
    expect(() => IndexArrays.deserialize({ ...index, int32: { ...index.int32, postStart: "AAAAAA==" } })).toThrow(/do not fit together/);
    expect(() => IndexArrays.deserialize({ ...index, int32: { ...index.int32, postStart: "AAAA" } })).toThrow(/stray byte/);
    expect(serializedIndexSchema.safeParse({ ...index, format: 99 }).success).toBe(false);
    expect(serializedIndexSchema.safeParse({ ...index, int32: { ...index.int32, df: "not base64!" } }).success).toBe(false);
  });
});

describe("createEngineWithCache", () => {
  it("builds and saves the index, then loads it on the next start", () => {
    const dir = scratch();
    const first = createEngineWithCache(kb, dir);
    expect(first.source).toBe("built");
    expect(first.problem).toBeUndefined();
    expect(readdirSync(dir)).toEqual([first.file.split("/").pop()]);
    const second = createEngineWithCache(kb, dir);
    expect(second.source).toBe("loaded");
    for (const q of QUESTIONS) expect(second.engine.ask(q)).toEqual(first.engine.ask(q));
  });

  it("keeps only the newest index when the knowledge changes", () => {
    const dir = scratch();
    writeFileSync(join(dir, "notes.txt"), "not an index");
    const town = createEngineWithCache(townKnowledge(), dir);
    const real = createEngineWithCache(kb, dir);
    expect(town.file).not.toBe(real.file);
    expect(readdirSync(dir).sort()).toEqual([real.file.split("/").pop(), "notes.txt"].sort());
  });

  it("rebuilds over a damaged cache file, and says so", () => {
    const dir = scratch();
    const { file } = createEngineWithCache(kb, dir);
    writeFileSync(file, "{ not json");
    const again = createEngineWithCache(kb, dir);
    expect(again.source).toBe("built");
    expect(again.problem).toMatch(/could not read the index cache/);
    expect(again.engine.ask("When was NATO founded?").answered).toBe(true);
  });

  it("still answers when the cache folder cannot be written", () => {
    // a folder under a plain file cannot be made, even by root
    const blocker = join(scratch(), "a-file");
    writeFileSync(blocker, "");
    const result = createEngineWithCache(kb, join(blocker, "cache"));
    expect(result.source).toBe("built");
    expect(result.problem).toMatch(/could not save the index cache/);
    expect(result.engine.ask("When was NATO founded?").answered).toBe(true);
  });
});
