import { MessageFlags, type MessageContextMenuCommandInteraction } from "discord.js";
import type { RankedFact } from "../../engine/match.ts";
import type { BotContext } from "../context.ts";
import { checkEmbed } from "../replies/check.ts";
import { NOTES } from "../replies/notes.ts";

/** A message is longer than a question: a fact bears on it at a lower score than answers one. */
export const CHECK_FLOOR = 0.4;
const MAX_CHECKED = 500;

/** "Check against article": privately, the facts that bear on a message, or that none does. */
export async function handleCheck(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void> {
  const text = interaction.targetMessage.content.trim();
  if (!text) {
    await interaction.reply({ content: NOTES.noText, flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.reply({ embeds: [checkEmbed(factsBearingOn(text.slice(0, MAX_CHECKED), ctx))], flags: MessageFlags.Ephemeral });
}

/**
 * A claim may get a number wrong ("NATO has 30 members"): it is matched as written and with its
 * numbers left out, so the fact with the right number still comes up.
 */
function factsBearingOn(text: string, ctx: BotContext): RankedFact[] {
  const best = new Map<string, RankedFact>();
  for (const variant of [text, text.replace(/\d+(?:[.,]\d+)?\s*%?/g, " ")]) {
    for (const r of ctx.engine.search(variant, 5)) {
      const seen = best.get(r.entry.fact.id);
      if (r.score >= CHECK_FLOOR && (!seen || r.score > seen.score)) best.set(r.entry.fact.id, r);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, 3);
}
