import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";

export const kb = {
  name: "kb",
  type: ApplicationCommandType.ChatInput,
  description: "Moderators: reload the knowledge, see its status, or see what people asked that it could not answer.",
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
  // Servers can override this, so the handler checks Manage Server again.
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  options: [
    {
      name: "reload",
      description: "Read the knowledge folder again now (it is also reloaded when its files change)",
      type: ApplicationCommandOptionType.Subcommand,
    },
    {
      name: "status",
      description: "The articles and facts loaded, and the last reload with any problems",
      type: ApplicationCommandOptionType.Subcommand,
    },
    {
      name: "gaps",
      description: "The most-asked questions the bot declined, and the answers with the most 👎",
      type: ApplicationCommandOptionType.Subcommand,
      options: [
        {
          name: "limit",
          description: "How many of each to list (default 10)",
          type: ApplicationCommandOptionType.Integer,
          required: false,
          min_value: 1,
          max_value: 20,
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
