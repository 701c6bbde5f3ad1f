import { escapeMarkdown, type APIEmbed } from "discord.js";
import type { Article, KnowledgeFact } from "../../knowledge/load.ts";
import { COLORS } from "./answer.ts";
import { LIMITS, truncate } from "./limits.ts";

/** The whole paragraph a fact quotes, with the quoted words in bold. */
export function sourceEmbed(fact: KnowledgeFact, article: Article): APIEmbed {
  const paragraph = article.paragraphs[fact.paragraph - 1] ?? "";
  const words = fact.quote.trim().split(/\s+/).map(escapeRegExp);
  const match = new RegExp(words.join("\\s+")).exec(paragraph);
  const body = match
    ? `${escapeMarkdown(paragraph.slice(0, match.index))}**${escapeMarkdown(match[0])}**${escapeMarkdown(paragraph.slice(match.index + match[0].length))}`
    : escapeMarkdown(paragraph);
  return {
    title: truncate(`Paragraph ${fact.paragraph} of ${article.title}`, LIMITS.embedTitle),
    description: truncate(body, LIMITS.embedDescription),
    color: COLORS.info,
    footer: { text: "The quoted words are in bold." },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
