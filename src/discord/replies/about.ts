import { escapeMarkdown, type APIEmbed } from "discord.js";
import type { Engine } from "../../engine/engine.ts";
import { COLORS } from "./answer.ts";
import { LIMITS, truncate } from "./limits.ts";

export function aboutEmbed(engine: Engine): APIEmbed {
  const articles = engine.articles.map((a) => {
    const count = engine.facts.filter((f) => f.articleId === a.id).length;
    return `• *${escapeMarkdown(a.title)}*: ${count} facts`;
  });
  return {
    title: "About this bot",
    color: COLORS.info,
    description: truncate(
      [
        "I answer questions about this article, quoting its own words and the paragraph they stand in:",
        ...articles,
        "",
        "**How to ask**",
        "• `/ask question:` with your question (add `private: True` to see the answer alone)",
        "• or mention me: `@me when was NATO founded?`, or send me a direct message",
        "• `/summary` for the key points, `/facts` to browse everything I know",
        "• right-click a message → Apps → **Check against article** to see what the article says about it",
        "",
        "Answers come only from the article. When it doesn't say, I say so rather than guess.",
      ].join("\n"),
      LIMITS.embedDescription,
    ),
  };
}
