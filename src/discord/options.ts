import type { ChatInputCommandInteraction } from "discord.js";
import type { z } from "zod";

/** A command's options, read into a plain object and parsed through the handler's zod schema. */
export function readOptions<T extends z.ZodType>(interaction: ChatInputCommandInteraction, schema: T): z.infer<T> {
  const raw: Record<string, unknown> = {};
  for (const option of interaction.options.data) raw[option.name] = option.value;
  return schema.parse(raw);
}
