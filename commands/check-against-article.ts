import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord.js";

/** Right-click a message → Apps → "Check against article". */
export const checkAgainstArticle = {
  name: "Check against article",
  type: ApplicationCommandType.Message,
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
} as const satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;
