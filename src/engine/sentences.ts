/** A sentence of a paragraph: `paragraph.slice(start, end)`, trimmed, verbatim. */
export interface SentenceSpan {
  start: number;
  end: number;
}

/**
 * Words that end with a full stop without ending a sentence ("Dr. Smith", "c. 1200", "No. 5"),
 * compared in lower case. A single letter ("J. K. Rowling") and a word with dots inside ("U.S.",
 * "e.g.", "a.m.") count too.
 */
const ABBREVIATIONS = new Set(
  `mr mrs ms messrs dr prof st mt ft jr sr gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt insp det cllr cpl pte
  inc ltd co corp plc bros llc dept univ assn est approx vs etc al cf ca c fl b d no nos vol vols pp fig figs ch art sec
  jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ave blvd rd hwy
  op ed eds trans repr illus min max avg ref nr tel`.split(/\s+/),
);

/** What may close a sentence after its full stop: quotes and brackets. */
const CLOSERS = new Set(['"', "'", "\u201d", "\u2019", ")", "]", "\u00bb"]);
/** What may open the next sentence: a capital letter or a digit, perhaps after a quote or bracket. */
const OPENER = /["'\u201c\u2018(\u00ab[]?[\p{Lu}\p{N}]/u;

/**
 * Splits a paragraph into sentences, keeping every character's position so a sentence is a
 * verbatim slice. A sentence ends at ".", "!", "?" or "…" (with any closing quotes or brackets)
 * followed by white space and a capital letter or a digit, unless the full stop ends an
 * abbreviation or an initial.
 */
export function splitSentences(paragraph: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  const n = paragraph.length;
  for (let i = 0; i < n; i++) {
    const ch = paragraph[i] as string;
    if (ch !== "." && ch !== "!" && ch !== "?" && ch !== "\u2026") continue;
    let end = i + 1;
    while (end < n && (paragraph[end] === "." || paragraph[end] === "!" || paragraph[end] === "?")) end++;
    while (end < n && CLOSERS.has(paragraph[end] as string)) end++;
    let next = end;
    while (next < n && /\s/.test(paragraph[next] as string)) next++;
    if (next === end || next >= n) continue; // no space after it, or the paragraph's end
    if (!OPENER.test(paragraph.slice(next, next + 2))) continue;
    if (ch === "." && endsAbbreviation(paragraph, i)) continue;
    pushTrimmed(spans, paragraph, start, end);
    start = next;
    i = next - 1;
  }
  pushTrimmed(spans, paragraph, start, n);
  return spans;
}

/** Whether the full stop at `dot` ends an abbreviation or an initial rather than a sentence. */
function endsAbbreviation(text: string, dot: number): boolean {
  let from = dot;
  while (from > 0 && /[\p{L}\p{N}.]/u.test(text[from - 1] as string)) from--;
  const word = text.slice(from, dot);
  if (word.length === 0) return false;
  if (word.includes(".")) return true; // U.S. e.g. a.m. Ph.D.
  if (/^\p{Lu}$/u.test(word)) return true; // an initial
  return ABBREVIATIONS.has(word.toLowerCase());
}

function pushTrimmed(spans: SentenceSpan[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  if (end > start) spans.push({ start, end });
}
