import type { AutocompleteInteraction } from "discord.js";
import type { BotContext } from "../context.ts";
import { LIMITS, truncate } from "../replies/limits.ts";

/** Suggests answerable questions as the user types (at most 25, each at most 100 characters). */
export async function handleAutocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== "question") {
    await interaction.respond([]);
    return;
  }
  const seen = new Set<string>();
  const choices = [];
  for (const { question } of ctx.engine.suggestQuestions(String(focused.value), LIMITS.choices * 2)) {
    const text = truncate(question, LIMITS.choiceName);
    if (seen.has(text)) continue;
    seen.add(text);
    choices.push({ name: text, value: truncate(question, LIMITS.choiceValue) });
    if (choices.length === LIMITS.choices) break;
  }
  await interaction.respond(choices);
}
