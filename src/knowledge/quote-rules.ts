import { containsWords, squashSpace } from "./article-text.ts";
import type { Fact } from "./schema.ts";

/** A quote must say something: at least this many words, or this many characters. */
export const MIN_QUOTE_WORDS = 3;
export const MIN_QUOTE_CHARS = 15;

const WORDS = /[\p{L}\p{N}]+/gu;
/** Lower case, one apostrophe, no possessive "'s" ("NATO’s" is "nato"). */
const fold = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/'s\b/g, "");

/**
 * What is wrong with a fact's quote and answer against its article, or undefined when nothing is.
 * `squashed` holds the article's paragraphs, each squashed once by the caller: a check costs the
 * length of the fact's own paragraph, not of the article, so checking every fact stays linear.
 */
export function quoteProblem(fact: Fact, paragraphs: readonly string[], squashed: readonly string[], textFile: string): string | undefined {
  const wanted = squashSpace(fact.quote);
  const shown = wanted.length > 80 ? `${wanted.slice(0, 77)}...` : wanted;
  const words = wanted.match(WORDS)?.length ?? 0;
  if (words < MIN_QUOTE_WORDS && wanted.length < MIN_QUOTE_CHARS) {
    return `field "quote": "${shown}" is too short to stand as a source; quote at least ${MIN_QUOTE_WORDS} whole words or ${MIN_QUOTE_CHARS} characters`;
  }
  const own = squashed[fact.paragraph - 1];
  if (own === undefined || !containsWords(own, wanted)) {
    // The slow path, only for a fact that fails: where is the quote, if anywhere?
    const found: number[] = [];
    squashed.forEach((text, index) => {
      if (containsWords(text, wanted)) found.push(index + 1);
    });
    if (found.length === 0) return `field "quote": the quote does not appear verbatim in ${textFile} (only white space may differ): "${shown}"`;
    if (fact.paragraph > paragraphs.length) return `field "paragraph": paragraph ${fact.paragraph} does not exist; the article has ${paragraphs.length}`;
    return `field "paragraph": the quote "${shown}" is in paragraph ${found.join(" or ")}, not ${fact.paragraph}`;
  }
  const unsupported = unsupportedNames(fact.answer, [fact.quote, own, squashed[fact.paragraph - 2] ?? ""]);
  if (unsupported.length > 0) {
    return `field "answer": ${unsupported.map((w) => `"${w}"`).join(", ")} ${unsupported.length === 1 ? "is" : "are"} in neither the quote nor its paragraph (or the one before); an answer may only name what the article says there`;
  }
  return undefined;
}

/**
 * The names and numbers of an answer (its words that start with a capital or hold a digit, after
 * "According to the article") that none of `sources` contains, compared word by word and ignoring case.
 */
export function unsupportedNames(answer: string, sources: readonly string[]): string[] {
  const known = new Set(sources.flatMap((s) => fold(s).match(WORDS) ?? []));
  const body = answer.replace(/^According to the article\b[,:]?/, "");
  const tokens = body.match(/[\p{L}\p{N}](?:[\p{L}\p{N}'’.,-]*[\p{L}\p{N}])?/gu) ?? [];
  const missing = tokens.filter((t) => (/^\p{Lu}/u.test(t) || /\p{N}/u.test(t)) && !(fold(t).match(WORDS) ?? []).every((w) => known.has(w)));
  return [...new Set(missing)];
}
