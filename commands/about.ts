import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";

export const about = {
  name: "about",
  type: ApplicationCommandType.ChatInput,
  description: "What the bot knows and how to ask it.",
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
