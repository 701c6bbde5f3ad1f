import { ApplicationCommandOptionType } from "discord.js";

/** The optional `article:` option of /ask, /summary and /post-summary; its choices come from autocomplete. */
export const articleOption = (description: string) =>
  ({
    name: "article",
    description,
    type: ApplicationCommandOptionType.String,
    required: false,
    autocomplete: true,
    max_length: 200,
  }) as const;
