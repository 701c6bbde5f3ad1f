import { MessageFlags, PermissionFlagsBits, PermissionsBitField, type ChatInputCommandInteraction } from "discord.js";
import { z } from "zod";
import type { BotContext } from "../context.ts";
import { readOptions } from "../options.ts";
import { NOTES } from "../replies/notes.ts";
import { summaryEmbed } from "../replies/summary.ts";
import { chooseArticle } from "./article.ts";

const postSummaryOptions = z.object({
  channel: z.string().regex(/^\d+$/),
  topic: z.string().trim().max(80).optional(),
  article: z.string().optional(),
});

const NEEDED = [
  [PermissionFlagsBits.ViewChannel, "View Channel"],
  [PermissionFlagsBits.SendMessages, "Send Messages"],
  [PermissionFlagsBits.EmbedLinks, "Embed Links"],
] as const;

/**
 * /post-summary channel:<#channel> [topic] [article]: moderators post the summary in a channel. Discord
 * hides it from members without Manage Messages by default, but servers can change that, so the
 * permission is checked again here, and so are the bot's own permissions in the channel.
 */
export async function handlePostSummary(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!interaction.inCachedGuild()) {
    await interaction.reply({ content: NOTES.guildOnly, flags: MessageFlags.Ephemeral });
    return;
  }
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageMessages)) {
    await interaction.reply({ content: "Only members who can manage messages may post the summary.", flags: MessageFlags.Ephemeral });
    return;
  }
  const options = readOptions(interaction, postSummaryOptions);
  const engine = ctx.engine;
  const choice = chooseArticle(engine, options.article);
  if (!choice.ok) {
    await interaction.reply({ content: choice.note, flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const channel = interaction.guild.channels.cache.get(options.channel);
  const me = interaction.guild.members.me;
  if (!channel || !channel.isTextBased() || !me) {
    await interaction.editReply("I can't post there: it isn't a text channel I can see.");
    return;
  }
  const permissions = channel.permissionsFor(me) ?? new PermissionsBitField();
  const missing = NEEDED.filter(([flag]) => !permissions.has(flag)).map(([, name]) => name);
  if (missing.length > 0) {
    await interaction.editReply(`I can't post in ${channel}: I'm missing ${missing.join(", ")} there. Nothing was posted.`);
    return;
  }
  const summary = engine.summarize(choice.article?.id, { topic: options.topic || undefined });
  const posted = await channel.send({ embeds: [summaryEmbed(summary)] });
  ctx.logger.info({ channel: channel.id, guild: interaction.guildId, by: interaction.user.id }, "summary posted");
  await interaction.editReply(`Posted the summary in ${channel}: ${posted.url}`);
}
