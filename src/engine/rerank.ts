import Fuse from "fuse.js";
import type { RankedFact } from "./match.ts";
import { foldText } from "./normalize.ts";

/** How many of the best facts are compared with the question as written. */
const RERANK_DEPTH = 8;
/** The part of the final score that comes from the wording as written. */
export const SURFACE_SHARE = 0.1;

/**
 * Breaks near-ties on the question as written, stop words and word order included, with fuse.js on
 * the shortlisted facts' alternate questions: "when can Ukraine join NATO?" is closer to "when can
 * ukraine join nato" than to "when did nato say ukraine could join", though their content words agree.
 */
export function rerankBySurface(question: string, ranked: readonly RankedFact[]): RankedFact[] {
  const top = ranked.slice(0, RERANK_DEPTH);
  const phrasings = top.flatMap((r, slot) => r.entry.fact.questions.map((q) => ({ slot, text: foldText(q) })));
  const pattern = foldText(question);
  const surface = new Array<number>(top.length).fill(0);
  if (pattern) {
    const fuse = new Fuse(phrasings, { keys: ["text"], includeScore: true, ignoreLocation: true, threshold: 0.6 });
    for (const { item, score } of fuse.search(pattern)) {
      surface[item.slot] = Math.max(surface[item.slot] as number, 1 - (score ?? 1));
    }
  }
  return ranked
    .map((r, i) => ({ ...r, score: r.score * (1 - SURFACE_SHARE) + SURFACE_SHARE * (surface[i] ?? 0) }))
    .sort((a, b) => b.score - a.score || b.coverage - a.coverage);
}
