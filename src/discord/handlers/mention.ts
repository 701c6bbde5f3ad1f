import type { Message } from "discord.js";
import type { BotContext } from "../context.ts";
import { NOTES } from "../replies/notes.ts";
import { answerQuestion } from "./respond.ts";

/** "@Bot hi" deserves the how-to, not "the article doesn't say". */
const GREETING = /^(hi|hello|hey|yo|hiya|howdy|sup|help|thanks|thank you|thx|ty|gm)\b[\s!.?]*$/i;

/**
 * "@Bot when was NATO founded?" in a channel, or any direct message: a reply to that message.
 * Works without the privileged Message Content intent, because Discord sends the content of
 * messages that mention the bot, and of direct messages, anyway.
 */
export async function handleMessage(message: Message, ctx: BotContext): Promise<void> {
  const me = message.client.user;
  if (message.author.bot || message.author.id === me.id || message.system) return;
  const botRoleId = message.guild?.members.me?.roles.botRole?.id;
  const mentioned = message.mentions.users.has(me.id) || (botRoleId !== undefined && message.mentions.roles.has(botRoleId));
  if (message.inGuild() && !mentioned) return;

  const question = message.content
    .replace(new RegExp(`<@!?${me.id}>`, "g"), " ")
    .replace(botRoleId ? new RegExp(`<@&${botRoleId}>`, "g") : /$^/, " ")
    .trim();
  if (!question || GREETING.test(question)) {
    await message.reply({ content: NOTES.howTo });
    return;
  }
  const outcome = answerQuestion(question, { userId: message.author.id, guildId: message.guildId }, ctx);
  if (outcome.kind === "note") {
    // A cooldown note in a busy channel would add to the flood; in a DM it is private anyway.
    if (message.inGuild() && outcome.note.startsWith("You're asking quickly")) {
      ctx.logger.debug({ user: message.author.id }, "cooldown: mention ignored");
      return;
    }
    await message.reply({ content: outcome.note });
    return;
  }
  await message.reply(outcome.reply);
}
