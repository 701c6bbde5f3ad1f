import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import { readOptions } from "../options.ts";
import { answerQuestion } from "./respond.ts";

const askOptions = z.object({ question: z.string(), private: z.boolean().optional() });

/** /ask question:<text> [private:<bool>]: public by default; notes are always private. */
export async function handleAsk(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const options = readOptions(interaction, askOptions);
  const outcome = answerQuestion(options.question, interaction.user.id, ctx);
  if (outcome.kind === "note") {
    await interaction.reply({ content: outcome.note, flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.reply({ ...outcome.reply, flags: options.private ? MessageFlags.Ephemeral : undefined });
}
