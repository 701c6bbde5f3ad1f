import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";

export const summary = {
  name: "summary",
  type: ApplicationCommandType.ChatInput,
  description: "Privately see the article's key points, each with its paragraph.",
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  options: [
    {
      name: "topic",
      description: "Only the points about this, e.g. NATO or Zelensky",
      type: ApplicationCommandOptionType.String,
      required: false,
      max_length: 80,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
