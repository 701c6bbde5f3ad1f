import type { APIEmbed } from "discord.js";
import type { Summary } from "../../engine/summarize.ts";
import { COLORS, ONLY_FROM_ARTICLE } from "./answer.ts";
import { LIMITS, showLine, showUserText, truncate } from "./limits.ts";

/** The summary as an embed: one bullet per key point, each with its paragraph. */
export function summaryEmbed(summary: Summary): APIEmbed {
  const title = truncate(`Summary: ${showLine(summary.title)}`, LIMITS.embedTitle);
  if (summary.points.length === 0) {
    return {
      title,
      description: `The article doesn't say anything about "${showUserText(summary.topic ?? "", 80)}".`,
      color: COLORS.decline,
      footer: { text: ONLY_FROM_ARTICLE },
    };
  }
  const lines = summary.points.map((p) => `• ${showLine(p.text)} *(paragraph ${p.paragraph})*`);
  const heading = summary.topic ? `Key points on "${showUserText(summary.topic, 80)}":\n\n` : "";
  return {
    title,
    description: truncate(heading + lines.join("\n"), LIMITS.embedDescription),
    color: COLORS.info,
    footer: { text: "Each point is the article's own sentence." },
  };
}
