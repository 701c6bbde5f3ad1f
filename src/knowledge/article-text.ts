/** Splits an article into paragraphs: the non-empty lines, numbered from 1. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Collapses every run of white space to one space, so quotes may differ from the article only in white space. */
export function squashSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The 1-based numbers of the paragraphs that contain the quote verbatim (white space aside), as
 * whole words: a quote may not start or end in the middle of a word. `squashed` is the paragraphs
 * already squashed (squashSpace), so a caller checking many quotes squashes each paragraph once.
 */
export function findQuote(paragraphs: readonly string[], quote: string, squashed: readonly string[] = paragraphs.map(squashSpace)): number[] {
  const wanted = squashSpace(quote);
  const found: number[] = [];
  if (!wanted) return found;
  squashed.forEach((text, index) => {
    if (containsWords(text, wanted)) found.push(index + 1);
  });
  return found;
}

/** True when `wanted` (squashed) stands in `text` (squashed) as whole words. */
export function containsWords(text: string, wanted: string): boolean {
  if (!wanted) return false;
  for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
    if (isWordEdge(text, at) && isWordEdge(text, at + wanted.length)) return true;
  }
  return false;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** True unless `at` falls between two word characters (the quote would cut a word in two). */
function isWordEdge(text: string, at: number): boolean {
  const before = text[at - 1];
  const after = text[at];
  return before === undefined || after === undefined || !(WORD_CHAR.test(before) && WORD_CHAR.test(after));
}
