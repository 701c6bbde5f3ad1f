import { MessageFlags, type ButtonInteraction } from "discord.js";
import type { BotContext } from "../context.ts";
import { decodeButton, type ButtonAction } from "../replies/custom-ids.ts";
import { factsPage } from "../replies/facts.ts";
import { NOTES } from "../replies/notes.ts";
import { sourceEmbed } from "../replies/source.ts";
import { voteNote } from "../replies/votes.ts";
import { factsFor } from "./facts.ts";
import { answerQuestion } from "./respond.ts";

/** Show source, a suggested question, 👍/👎, or a page of /facts. Replies to buttons are private. */
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
  if (action.kind === "vote") {
    await handleVote(interaction, action, ctx);
    return;
  }
  const engine = ctx.engine;
  const fact = engine.fact(action.factId);
  const article = fact && engine.article(fact.articleId);
  if (!fact || !article) {
    await interaction.reply({ content: NOTES.factGone, flags: MessageFlags.Ephemeral });
    return;
  }
  if (action.kind === "source") {
    await interaction.reply({ embeds: [sourceEmbed(fact, article)], flags: MessageFlags.Ephemeral });
    return;
  }
  const outcome = answerQuestion(fact.questions[0] ?? "", { userId: interaction.user.id, guildId: interaction.guildId, article: fact.articleId }, ctx, engine);
  await interaction.reply(
    outcome.kind === "note"
      ? { content: outcome.note, flags: MessageFlags.Ephemeral }
      : { ...outcome.reply, flags: MessageFlags.Ephemeral },
  );
}

/**
 * 👍/👎 on an answer: one vote per person per answer (the answer is the bot's message), changeable.
 * The question is read back from the answer's title, so nothing more is kept than the vote needs.
 */
async function handleVote(interaction: ButtonInteraction, action: Extract<ButtonAction, { kind: "vote" }>, ctx: BotContext): Promise<void> {
  if (!ctx.feedback) {
    await interaction.reply({ content: NOTES.votesOff, flags: MessageFlags.Ephemeral });
    return;
  }
  let note: string;
  try {
    const result = ctx.feedback.recordVote({
      answerId: interaction.message.id,
      factId: action.factId,
      userId: interaction.user.id,
      vote: action.vote,
      question: questionOf(interaction.message.embeds[0]?.title ?? "") || "(question not shown)",
      guildId: interaction.guildId,
    });
    note = voteNote(action.vote, result.outcome);
  } catch (error) {
    ctx.logger.warn({ err: error }, "could not record a vote");
    note = NOTES.votesOff;
  }
  await interaction.reply({ content: note, flags: MessageFlags.Ephemeral });
}

/** The question as the answer's title shows it, without the escapes and spacers added for display. */
function questionOf(title: string): string {
  return title.replace(/\\([\\*_`~|>#\-[\]()])/g, "$1").replace(/\u200b/g, "");
}
