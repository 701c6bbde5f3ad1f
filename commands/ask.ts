import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { articleOption } from "./article-option.ts";

export const ask = {
  name: "ask",
  type: ApplicationCommandType.ChatInput,
  description: "Ask a question about the articles; the answer quotes the article.",
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  options: [
    {
      name: "question",
      description: "What you want to know, e.g. When was NATO founded?",
      type: ApplicationCommandOptionType.String,
      required: true,
      autocomplete: true,
    },
    articleOption("Only this article (default: all of them)"),
    {
      name: "private",
      description: "Only you see the answer (default: everyone in the channel sees it)",
      type: ApplicationCommandOptionType.Boolean,
      required: false,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
