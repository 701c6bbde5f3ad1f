import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { KnowledgeBase } from "../knowledge/load.ts";
import { createEngine, type Engine, type EngineOptions } from "./engine.ts";
import { knowledgeFingerprint } from "./fingerprint.ts";
import { serializedIndexSchema } from "./index-arrays.ts";

export interface CachedEngine {
  engine: Engine;
  /** "loaded" from the cache, or "built" (and then saved when it could be) */
  source: "loaded" | "built";
  file: string;
  /** why the cache could not be read or written, if it could not; the engine works all the same */
  problem: string | undefined;
}

/**
 * Starts the engine from a saved index when one matches the knowledge (a load takes a fraction of
 * a build at 100,000 facts), else builds it and saves the index for the next start. A missing,
 * stale, damaged or unwritable cache never stops the engine: it is rebuilt, and the problem said.
 */
export function createEngineWithCache(kb: KnowledgeBase, cacheDir: string, options: EngineOptions = {}): CachedEngine {
  const file = join(cacheDir, `index-${knowledgeFingerprint(kb)}.json`);
  let problem: string | undefined;
  if (existsSync(file)) {
    try {
      const index = serializedIndexSchema.parse(JSON.parse(readFileSync(file, "utf8")));
      return { engine: createEngine(kb, { ...options, index }), source: "loaded", file, problem };
    } catch (error) {
      problem = `could not read the index cache ${file}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
    }
  }
  const engine = createEngine(kb, options);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(engine.exportIndex()));
    renameSync(temporary, file);
    removeOlder(cacheDir, file);
  } catch (error) {
    problem ??= `could not save the index cache in ${cacheDir}: ${error instanceof Error ? error.message : String(error)}`;
  }
  return { engine, source: "built", file, problem };
}

/**
 * Each change to the knowledge saves a new index; the older ones would pile up (tens of MB each at
 * 100,000 facts). A process still reading one that goes away just builds its index instead.
 */
function removeOlder(cacheDir: string, kept: string): void {
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (path !== kept && /^index-[0-9a-f]+\.json$/.test(name)) rmSync(path, { force: true });
  }
}
