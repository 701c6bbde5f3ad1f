import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import type { BotContext } from "../context.ts";
import { aboutEmbed } from "../replies/about.ts";

/** /about: what the bot knows and how to ask, privately. */
export async function handleAbout(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply({ embeds: [aboutEmbed(ctx.engine)], flags: MessageFlags.Ephemeral });
}
