import type { APIEmbed } from "discord.js";
import type { RankedFact } from "../../engine/match.ts";
import { COLORS, ONLY_FROM_ARTICLE } from "./answer.ts";
import { LIMITS, showLine, truncate } from "./limits.ts";

/** What the article says that bears on a message: each fact with its quote, or a plain "nothing". */
export function checkEmbed(matches: readonly RankedFact[]): APIEmbed {
  if (matches.length === 0) {
    return {
      title: "Check against article",
      description: "The article doesn't address this message.",
      color: COLORS.decline,
      footer: { text: ONLY_FROM_ARTICLE },
    };
  }
  return {
    title: "What the article says about this",
    color: COLORS.info,
    fields: matches.slice(0, 5).map(({ entry }) => ({
      name: truncate(`Paragraph ${entry.fact.paragraph}`, LIMITS.fieldName),
      value: truncate(`${showLine(entry.fact.answer)}\n> ${showLine(entry.fact.quote)}`, LIMITS.fieldValue),
    })),
    footer: { text: "The article's facts closest to the message; it may not settle every claim in it." },
  };
}
