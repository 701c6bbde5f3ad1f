import {
  ApplicationCommandType,
  MessageFlags,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
} from "discord.js";
import type { commands } from "../../commands/index.ts";
import type { BotContext } from "./context.ts";
import { handleAbout } from "./handlers/about.ts";
import { handleAsk } from "./handlers/ask.ts";
import { handleAutocomplete } from "./handlers/autocomplete.ts";
import { handleButton } from "./handlers/buttons.ts";
import { handleCheck } from "./handlers/check.ts";
import { handleFacts } from "./handlers/facts.ts";
import { handleKb } from "./handlers/kb.ts";
import { handleMessage } from "./handlers/mention.ts";
import { handlePostSummary } from "./handlers/post-summary.ts";
import { handleSummary } from "./handlers/summary.ts";
import { NOTES } from "./replies/notes.ts";

type Command = (typeof commands)[number];
type ChatCommandName = Extract<Command, { type: ApplicationCommandType.ChatInput }>["name"];
type MessageCommandName = Extract<Command, { type: ApplicationCommandType.Message }>["name"];

/** Every command in commands/index.ts has exactly one handler: the compiler checks both lists agree. */
const chatHandlers = {
  ask: handleAsk,
  summary: handleSummary,
  "post-summary": handlePostSummary,
  facts: handleFacts,
  about: handleAbout,
  kb: handleKb,
} satisfies Record<ChatCommandName, (i: ChatInputCommandInteraction, ctx: BotContext) => Promise<void>>;

const messageHandlers = {
  "Check against article": handleCheck,
} satisfies Record<MessageCommandName, (i: MessageContextMenuCommandInteraction, ctx: BotContext) => Promise<void>>;

function isKey<T extends object>(record: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(record, key);
}

async function dispatch(interaction: Interaction, ctx: BotContext): Promise<void> {
  if (interaction.isAutocomplete()) return handleAutocomplete(interaction, ctx);
  if (interaction.isButton()) return handleButton(interaction, ctx);
  if (interaction.isChatInputCommand() && isKey(chatHandlers, interaction.commandName)) {
    return chatHandlers[interaction.commandName](interaction, ctx);
  }
  if (interaction.isMessageContextMenuCommand() && isKey(messageHandlers, interaction.commandName)) {
    return messageHandlers[interaction.commandName](interaction, ctx);
  }
  if (interaction.isRepliable()) await interaction.reply({ content: NOTES.unknownCommand, flags: MessageFlags.Ephemeral });
}

/** The one place interactions enter. Every error is caught, logged, and answered privately. */
export async function routeInteraction(interaction: Interaction, ctx: BotContext): Promise<void> {
  try {
    await dispatch(interaction, ctx);
  } catch (error) {
    ctx.logger.error({ err: error, interaction: describe(interaction) }, "interaction failed");
    ctx.metrics?.errorCaught("interaction");
    await replyWithError(interaction, ctx);
  }
}

/** The one place messages enter. */
export async function routeMessage(message: Message, ctx: BotContext): Promise<void> {
  try {
    await handleMessage(message, ctx);
  } catch (error) {
    ctx.logger.error({ err: error, message: message.id, channel: message.channelId }, "message failed");
    ctx.metrics?.errorCaught("message");
    try {
      await message.reply({ content: NOTES.somethingWentWrong });
    } catch (replyError) {
      ctx.logger.warn({ err: replyError }, "could not report the failure");
    }
  }
}

async function replyWithError(interaction: Interaction, ctx: BotContext): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
    } else if (interaction.isRepliable()) {
      const reply = { content: NOTES.somethingWentWrong, flags: MessageFlags.Ephemeral } as const;
      if (interaction.deferred || interaction.replied) await interaction.followUp(reply);
      else await interaction.reply(reply);
    }
  } catch (error) {
    ctx.logger.warn({ err: error }, "could not report the failure");
  }
}

function describe(interaction: Interaction) {
  return {
    id: interaction.id,
    type: interaction.type,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId: interaction.isMessageComponent() ? interaction.customId : undefined,
    user: interaction.user.id,
    guild: interaction.guildId,
  };
}
