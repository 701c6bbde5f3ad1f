import type { KnowledgeFact } from "../knowledge/load.ts";
import type { RankedFact } from "./match.ts";
import { foldText } from "./normalize.ts";

/** Facts within this much of the best score count as tied. */
const TIE_MARGIN = 0.1;
/** At most this many tied facts are compared. */
const TIE_DEPTH = 40;
/** How much the wording as written can move a tied fact. */
const SURFACE_WEIGHT = 0.15;
/** Below this best score the question will be declined: the order of its suggestions needs no tie-break. */
const RERANK_FLOOR = 0.3;

/**
 * Breaks near-ties on the question as written, stop words and word order included: "when can
 * Ukraine join NATO?" is closer to "when can ukraine join nato" than to "when did nato say
 * ukraine could join", though their content words agree. It compares words and word pairs
 * (Dice coefficient) with the tied facts' alternate questions. Only the order changes, never a
 * score, so confidence keeps one meaning.
 */
export function rerankBySurface(question: string, ranked: readonly RankedFact[]): RankedFact[] {
  const best = ranked[0];
  if (!best || best.score < RERANK_FLOOR) return [...ranked];
  const tied = ranked.slice(0, TIE_DEPTH).filter((r) => r.score >= best.score - TIE_MARGIN);
  if (tied.length < 2) return [...ranked];
  const asked = shingles(question);
  const order = tied
    .map((r) => {
      let surface = 0;
      for (const alternate of alternateShingles(r.entry.fact)) surface = Math.max(surface, dice(asked, alternate));
      return { r, key: r.score + SURFACE_WEIGHT * surface };
    })
    .sort((a, b) => b.key - a.key)
    .map(({ r }) => r);
  return [...order, ...ranked.slice(tied.length)];
}

/** A fact's alternate questions as shingles, made once per fact (and dropped with the fact). */
const cache = new WeakMap<KnowledgeFact, Set<string>[]>();
function alternateShingles(fact: KnowledgeFact): Set<string>[] {
  let made = cache.get(fact);
  if (!made) cache.set(fact, (made = fact.questions.map(shingles)));
  return made;
}

/** The folded words of a text, its pairs of neighbouring words, and how it opens ("^why"). */
function shingles(text: string): Set<string> {
  const words = foldText(text).split(" ").filter(Boolean);
  const out = new Set(words);
  if (words[0]) out.add(`^${words[0]}`);
  for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]} ${words[i]}`);
  return out;
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const s of a) if (b.has(s)) shared++;
  return (2 * shared) / (a.size + b.size);
}
