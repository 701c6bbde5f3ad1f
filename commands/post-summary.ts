import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { articleOption } from "./article-option.ts";

export const postSummary = {
  name: "post-summary",
  type: ApplicationCommandType.ChatInput,
  description: "Moderators: post the article's summary in a channel.",
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
  // Servers can override this, so the handler checks Manage Messages again.
  default_member_permissions: String(PermissionFlagsBits.ManageMessages),
  options: [
    {
      name: "channel",
      description: "Where to post the summary",
      type: ApplicationCommandOptionType.Channel,
      channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
      required: true,
    },
    {
      name: "topic",
      description: "Only the points about this, e.g. NATO",
      type: ApplicationCommandOptionType.String,
      required: false,
      max_length: 80,
    },
    articleOption("Which article (default: the newest)"),
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
