import { Client, GatewayIntentBits, Partials } from "discord.js";

/**
 * The discord.js client. No privileged intents: Discord delivers the content of messages that
 * mention the bot, and of direct messages, without Message Content. Nothing it sends may ping.
 */
export function createClient(apiUrl: string | undefined): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    rest: apiUrl ? { api: apiUrl } : {},
  });
}
