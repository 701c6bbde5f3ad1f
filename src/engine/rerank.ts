import Fuse from "fuse.js";
import type { RankedFact } from "./match.ts";
import { foldText } from "./normalize.ts";

/** Facts within this much of the best score count as tied. */
const TIE_MARGIN = 0.1;
/** At most this many tied facts are compared. */
const TIE_DEPTH = 4;
/** How much the wording as written can move a tied fact. */
const SURFACE_WEIGHT = 0.15;

/**
 * Breaks near-ties on the question as written, stop words and word order included, with fuse.js
 * on the tied facts' alternate questions: "when can Ukraine join NATO?" is closer to "when can
 * ukraine join nato" than to "when did nato say ukraine could join", though their content words
 * agree. Only the order changes, never a score, so confidence keeps one meaning; and fuse.js runs
 * only when there is a tie, on a handful of facts.
 */
export function rerankBySurface(question: string, ranked: readonly RankedFact[]): RankedFact[] {
  const best = ranked[0];
  if (!best) return [];
  const tied = ranked.slice(0, TIE_DEPTH).filter((r) => r.score >= best.score - TIE_MARGIN);
  if (tied.length < 2) return [...ranked];
  const pattern = foldText(question);
  const surface = new Array<number>(tied.length).fill(0);
  const phrasings = tied.flatMap((r, slot) => r.entry.fact.questions.map((q) => ({ slot, text: foldText(q) })));
  const fuse = new Fuse(phrasings, { keys: ["text"], includeScore: true, ignoreLocation: true, threshold: 0.6 });
  for (const { item, score } of fuse.search(pattern)) {
    surface[item.slot] = Math.max(surface[item.slot] ?? 0, 1 - (score ?? 1));
  }
  const order = tied
    .map((r, slot) => ({ r, key: r.score + SURFACE_WEIGHT * (surface[slot] ?? 0) }))
    .sort((a, b) => b.key - a.key)
    .map(({ r }) => r);
  return [...order, ...ranked.slice(tied.length)];
}
