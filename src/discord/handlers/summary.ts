import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import { readOptions } from "../options.ts";
import { summaryEmbed } from "../replies/summary.ts";

export const topicOptions = z.object({ topic: z.string().trim().max(80).optional() });

/** /summary [topic]: the key points, privately. */
export async function handleSummary(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const { topic } = readOptions(interaction, topicOptions);
  const summary = ctx.engine.summarize(undefined, { topic: topic || undefined });
  await interaction.reply({ embeds: [summaryEmbed(summary)], flags: MessageFlags.Ephemeral });
}
