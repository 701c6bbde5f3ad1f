import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";

export const facts = {
  name: "facts",
  type: ApplicationCommandType.ChatInput,
  description: "Privately browse the facts the bot knows, a page at a time.",
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  options: [
    {
      name: "topic",
      description: "Only the facts about this, e.g. Crimea",
      type: ApplicationCommandOptionType.String,
      required: false,
      max_length: 80,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
