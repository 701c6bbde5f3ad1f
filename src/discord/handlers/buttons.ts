import { MessageFlags, type ButtonInteraction } from "discord.js";
import type { BotContext } from "../context.ts";
import { decodeButton } from "../replies/custom-ids.ts";
import { factsPage } from "../replies/facts.ts";
import { NOTES } from "../replies/notes.ts";
import { sourceEmbed } from "../replies/source.ts";
import { factsFor } from "./facts.ts";
import { answerQuestion } from "./respond.ts";

/** Show source, a suggested question, or a page of /facts. Replies to buttons are private. */
export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const action = decodeButton(interaction.customId);
  if (!action) {
    await interaction.reply({ content: NOTES.unknownCommand, flags: MessageFlags.Ephemeral });
    return;
  }
  if (action.kind === "facts") {
    await interaction.update(factsPage(factsFor(ctx.engine, action.topic), action.page, action.topic));
    return;
  }
  const fact = ctx.engine.fact(action.factId);
  const article = fact && ctx.engine.article(fact.articleId);
  if (!fact || !article) {
    await interaction.reply({ content: NOTES.factGone, flags: MessageFlags.Ephemeral });
    return;
  }
  if (action.kind === "source") {
    await interaction.reply({ embeds: [sourceEmbed(fact, article)], flags: MessageFlags.Ephemeral });
    return;
  }
  const outcome = answerQuestion(fact.questions[0] ?? "", interaction.user.id, ctx);
  await interaction.reply(
    outcome.kind === "note"
      ? { content: outcome.note, flags: MessageFlags.Ephemeral }
      : { ...outcome.reply, flags: MessageFlags.Ephemeral },
  );
}
