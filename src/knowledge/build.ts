import { createEngineWithCache } from "../engine/index-cache.ts";
import type { SerializedIndex } from "../engine/index-arrays.ts";
import { KnowledgeError } from "./errors.ts";
import { loadKnowledge, type KnowledgeBase } from "./load.ts";

/** A knowledge folder read, checked and indexed: what a reload swaps in. */
export type BuildResult =
  | {
      ok: true;
      kb: KnowledgeBase;
      index: SerializedIndex;
      /** "loaded" from the index cache, or "built" */
      source: "loaded" | "built";
      /** why the index cache could not be used or saved; the knowledge is good all the same */
      cacheProblem: string | undefined;
    }
  | { ok: false; problems: string[] };

/**
 * Reads and validates the folder, then builds the index (or loads it from the cache). Every
 * problem comes back as data, with its file and field, so a caller can keep what it has.
 */
export function buildKnowledge(dir: string, cacheDir: string): BuildResult {
  let kb: KnowledgeBase;
  try {
    kb = loadKnowledge(dir);
  } catch (error) {
    if (error instanceof KnowledgeError) return { ok: false, problems: [...error.problems] };
    return { ok: false, problems: [`${dir}: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const cached = createEngineWithCache(kb, cacheDir);
  return { ok: true, kb, index: cached.engine.exportIndex(), source: cached.source, cacheProblem: cached.problem };
}
