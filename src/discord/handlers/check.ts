import { MessageFlags, type MessageContextMenuCommandInteraction } from "discord.js";
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
  const matches = ctx.engine.search(text.slice(0, MAX_CHECKED), 5).filter((r) => r.score >= CHECK_FLOOR);
  await interaction.reply({ embeds: [checkEmbed(matches.slice(0, 3))], flags: MessageFlags.Ephemeral });
}
