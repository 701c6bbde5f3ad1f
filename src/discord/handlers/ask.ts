import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import { readOptions } from "../options.ts";
import { chooseArticle } from "./article.ts";
import { answerQuestion } from "./respond.ts";

const askOptions = z.object({ question: z.string(), article: z.string().optional(), private: z.boolean().optional() });

/** /ask question:<text> [article:<one article>] [private:<bool>]: public by default; notes are always private. */
export async function handleAsk(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const options = readOptions(interaction, askOptions);
  const engine = ctx.engine;
  const choice = chooseArticle(engine, options.article);
  if (!choice.ok) {
    await interaction.reply({ content: choice.note, flags: MessageFlags.Ephemeral });
    return;
  }
  const outcome = answerQuestion(options.question, { userId: interaction.user.id, guildId: interaction.guildId, article: choice.article?.id }, ctx, engine);
  if (outcome.kind === "note") {
    await interaction.reply({ content: outcome.note, flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.reply({ ...outcome.reply, flags: options.private ? MessageFlags.Ephemeral : undefined });
}
