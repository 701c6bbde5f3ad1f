import { MessageFlags, PermissionFlagsBits, type ChatInputCommandInteraction } from "discord.js";
import { z } from "zod";
import { isReloadable, type BotContext } from "../context.ts";
import { gapsEmbed, reloadEmbed, statusEmbed } from "../replies/kb.ts";
import { NOTES } from "../replies/notes.ts";

const gapsOptions = z.object({ limit: z.int().min(1).max(20).default(10) });

/**
 * /kb reload | status | gaps, for moderators. Discord hides it from members without Manage
 * Server by default, but servers can change that, so the permission is checked again here.
 * Every reply is private: the problems and the questions people asked are for moderators.
 */
export async function handleKb(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!interaction.inGuild()) {
    await interaction.reply({ content: NOTES.guildOnly, flags: MessageFlags.Ephemeral });
    return;
  }
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    await interaction.reply({ content: NOTES.moderatorsOnly, flags: MessageFlags.Ephemeral });
    return;
  }
  const sub = interaction.options.getSubcommand(true);
  if (sub === "gaps") {
    if (!ctx.feedback) {
      await interaction.reply({ content: NOTES.feedbackOff, flags: MessageFlags.Ephemeral });
      return;
    }
    const { limit } = gapsOptions.parse({ limit: interaction.options.getInteger("limit") ?? undefined });
    // Grouping a long history can take a moment: defer first, so Discord's 3 seconds never run out.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const report = ctx.feedback.gaps({ guildId: interaction.guildId, limit });
    const engine = ctx.engine;
    await interaction.editReply({ embeds: [gapsEmbed(report, (id) => engine.fact(id)?.answer)] });
    return;
  }
  const knowledge = ctx.knowledge;
  if (!isReloadable(knowledge)) {
    await interaction.reply({ content: NOTES.reloadOff, flags: MessageFlags.Ephemeral });
    return;
  }
  if (sub === "status") {
    await interaction.reply({ embeds: [statusEmbed(knowledge.status())], flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const outcome = await knowledge.reload(`/kb reload by ${interaction.user.id}`);
  ctx.logger.info({ guild: interaction.guildId, by: interaction.user.id, ok: outcome.ok }, "reload asked for");
  await interaction.editReply({ embeds: [reloadEmbed(outcome)] });
}
