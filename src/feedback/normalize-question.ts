import { foldText } from "../engine/normalize.ts";

/** Contractions spelled out, so "who's the mayor" and "who is the mayor" count as the same question. */
const CONTRACTIONS: ReadonlyArray<[RegExp, string]> = [
  [/\bwon'?t\b/g, "will not"],
  [/\bcan'?t\b|\bcannot\b/g, "can not"],
  [/\b(do|does|did|is|are|was|were|has|have|had|could|would|should)n'?t\b/g, "$1 not"],
  // "its" is left alone: without the apostrophe it is a possessive
  [/\b(who|what|where|when|why|how|that|there|here|it)'s\b/g, "$1 is"],
  [/\b(who|what|where|how|that)s\b/g, "$1 is"],
  [/'re\b/g, " are"],
  [/'ve\b/g, " have"],
  [/'ll\b/g, " will"],
  [/\bi'm\b/g, "i am"],
];

/**
 * The form a declined question is counted under: lower case, no accents or punctuation, single
 * spaces, contractions spelled out. Two wordings with the same form are the same question.
 */
export function normalizeQuestion(text: string): string {
  let out = text.toLowerCase().replace(/[\u2018\u2019\u201b\u2032`\u00b4]/g, "'");
  for (const [pattern, replacement] of CONTRACTIONS) out = out.replace(pattern, replacement);
  return foldText(out);
}
