import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { articleOption } from "./article-option.ts";

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
    articleOption("Which article (default: the newest)"),
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
