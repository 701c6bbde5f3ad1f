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

/** The 1-based numbers of the paragraphs that contain the quote verbatim (white space aside). */
export function findQuote(paragraphs: readonly string[], quote: string): number[] {
  const wanted = squashSpace(quote);
  const found: number[] = [];
  paragraphs.forEach((paragraph, index) => {
    if (squashSpace(paragraph).includes(wanted)) found.push(index + 1);
  });
  return found;
}
