import type { AutocompleteInteraction } from "discord.js";
import Fuse from "fuse.js";
import type { Engine } from "../../engine/engine.ts";
import type { BotContext } from "../context.ts";
import { LIMITS, plainText } from "../replies/limits.ts";

/**
 * Autocomplete for /ask's question (answerable questions, within the chosen article if one is),
 * and for the article option of /ask, /summary and /post-summary (titles; the value is the id).
 */
export async function handleAutocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const engine = ctx.engine;
  if (focused.name === "article") {
    await interaction.respond(articleChoices(engine, String(focused.value)));
    return;
  }
  if (focused.name !== "question") {
    await interaction.respond([]);
    return;
  }
  const picked = interaction.options.getString("article");
  const article = picked ? engine.findArticle(picked) : undefined;
  const seen = new Set<string>();
  const choices = [];
  for (const { question } of engine.suggestQuestions(String(focused.value), LIMITS.choices * 2, { article: article?.id })) {
    const text = plainText(question, LIMITS.choiceName);
    if (!text || seen.has(text)) continue;
    seen.add(text);
    choices.push({ name: text, value: plainText(question, LIMITS.choiceValue) });
    if (choices.length === LIMITS.choices) break;
  }
  await interaction.respond(choices);
}

/** The articles, newest first, or those whose title is like what has been typed. */
function articleChoices(engine: Engine, typed: string): Array<{ name: string; value: string }> {
  const newestFirst = [...engine.articles].reverse();
  const text = typed.trim().slice(0, 100);
  const found = text ? new Fuse(newestFirst, { keys: ["title", "id"], ignoreLocation: true, threshold: 0.4 }).search(text).map((r) => r.item) : newestFirst;
  return found.slice(0, LIMITS.choices).map((a) => ({ name: plainText(a.title, LIMITS.choiceName) || a.id, value: a.id }));
}
