import type { APIEmbed } from "discord.js";
import type { Engine } from "../../engine/engine.ts";
import { COLORS } from "./answer.ts";
import { LIMITS, showLine, truncate } from "./limits.ts";

/** At most this many articles are listed one by one. */
const LISTED = 15;

export function aboutEmbed(engine: Engine): APIEmbed {
  const counts = new Map<string, number>();
  for (const f of engine.facts) counts.set(f.articleId, (counts.get(f.articleId) ?? 0) + 1);
  const newestFirst = [...engine.articles].reverse();
  const articles = newestFirst.slice(0, LISTED).map((a) => {
    const added = a.added ? `, added ${a.added}` : "";
    const facts = counts.get(a.id) ?? 0;
    // an article with no facts is answered from its sentences: "0 facts" would say it knows nothing
    return `• *${truncate(showLine(a.title), 200)}* (${facts > 0 ? `${facts} facts` : "answered from its text"}${added})`;
  });
  if (newestFirst.length > LISTED) articles.push(`• and ${newestFirst.length - LISTED} more: type in the \`article:\` option of /ask to find them`);
  const one = engine.articles.length === 1;
  return {
    title: "About this bot",
    color: COLORS.info,
    description: truncate(
      [
        one
          ? "I answer questions about this article, quoting its own words and the paragraph they stand in:"
          : `I answer questions about these ${engine.articles.length} articles, newest first, quoting their own words and the paragraph they stand in:`,
        ...articles,
        "",
        "**How to ask**",
        "• `/ask question:` with your question (add `private: True` to see the answer alone" + (one ? ")" : ", `article:` to ask one article)"),
        "• or mention me: `@me when was NATO founded?`, or send me a direct message",
        "• `/summary` for the key points, `/facts` to browse everything I know",
        "• right-click a message → Apps → **Check against article** to see what the article says about it",
        "• 👍/👎 under an answer tells the moderators whether it helped",
        "",
        "Answers come only from the articles. When they don't say, I say so rather than guess.",
      ].join("\n"),
      LIMITS.embedDescription,
    ),
  };
}
