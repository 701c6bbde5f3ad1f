import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import { readOptions } from "../options.ts";
import { summaryEmbed } from "../replies/summary.ts";
import { chooseArticle } from "./article.ts";

export const topicOptions = z.object({ topic: z.string().trim().max(80).optional() });
const summaryOptions = topicOptions.extend({ article: z.string().optional() });

/** /summary [topic] [article]: the key points of one article (the newest by default), privately. */
export async function handleSummary(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const { topic, article } = readOptions(interaction, summaryOptions);
  const engine = ctx.engine;
  const choice = chooseArticle(engine, article);
  if (!choice.ok) {
    await interaction.reply({ content: choice.note, flags: MessageFlags.Ephemeral });
    return;
  }
  const summary = engine.summarize(choice.article?.id, { topic: topic || undefined });
  await interaction.reply({ embeds: [summaryEmbed(summary)], flags: MessageFlags.Ephemeral });
}
