import type { APIEmbed } from "discord.js";
import type { Article, KnowledgeFact } from "../../knowledge/load.ts";
import { COLORS } from "./answer.ts";
import { LIMITS, showLine, truncate } from "./limits.ts";

/** The whole paragraph a fact quotes, with the quoted words in bold. */
export function sourceEmbed(fact: KnowledgeFact, article: Article): APIEmbed {
  const paragraph = article.paragraphs[fact.paragraph - 1] ?? "";
  const found = locateQuote(paragraph, fact.quote);
  const body = found
    ? `${showLine(paragraph.slice(0, found.start))}**${showLine(paragraph.slice(found.start, found.end))}**${showLine(paragraph.slice(found.end))}`
    : showLine(paragraph);
  return {
    title: truncate(`Paragraph ${fact.paragraph} of ${showLine(article.title)}`, LIMITS.embedTitle),
    description: truncate(body.trim(), LIMITS.embedDescription) || "(empty paragraph)",
    color: COLORS.info,
    footer: { text: "The quoted words are in bold." },
  };
}

/**
 * Where the quote stands in the paragraph, white space aside (the first place, as the knowledge
 * loader checks it): its start and end in the paragraph. Linear in the paragraph: the words are
 * joined by single spaces and searched with indexOf, not with a regular expression built from
 * the quote, which backtracks on long repetitive quotes.
 */
export function locateQuote(paragraph: string, quote: string): { start: number; end: number } | undefined {
  const wanted = quote.trim().split(/\s+/).join(" ");
  if (!wanted) return undefined;
  const words = [...paragraph.matchAll(/\S+/g)];
  let squashed = "";
  const starts: number[] = [];
  for (const word of words) {
    if (starts.length > 0) squashed += " ";
    starts.push(squashed.length);
    squashed += word[0];
  }
  const at = squashed.indexOf(wanted);
  if (at < 0) return undefined;
  // The quote starts and ends on a word's character: map both back to the paragraph.
  const original = (position: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= position) low = mid;
      else high = mid - 1;
    }
    return (words[low]?.index ?? 0) + position - (starts[low] ?? 0);
  };
  return { start: original(at), end: original(at + wanted.length - 1) + 1 };
}
