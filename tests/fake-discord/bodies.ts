import { z } from "zod";
import type { APIEmbed, APIMessageTopLevelComponent } from "discord.js";
import { errorReply } from "./rest.ts";
import type { RestReply } from "./rest.ts";

// Zod schemas for the request bodies the fake reads. Unknown fields are ignored, like most of Discord's.

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Embeds and components are echoed back verbatim (discord.js built them); the fake only checks their outer shape.
const embed = z.custom<APIEmbed>(isObject, { message: "embed must be an object" });
const component = z.custom<APIMessageTopLevelComponent>((v) => isObject(v) && typeof v["type"] === "number", {
  message: "component must be an object with a numeric type",
});

export const messageBody = z.object({
  content: z.string().nullish(),
  embeds: z.array(embed).nullish(),
  components: z.array(component).nullish(),
  flags: z.number().int().nullish(),
  tts: z.boolean().nullish(),
  nonce: z.union([z.string(), z.number()]).nullish(),
  message_reference: z
    .object({
      type: z.number().int().optional(),
      message_id: z.string().optional(),
      channel_id: z.string().optional(),
      guild_id: z.string().optional(),
      fail_if_not_exists: z.boolean().optional(),
    })
    .nullish(),
  allowed_mentions: z
    .object({
      parse: z.array(z.string()).optional(),
      users: z.array(z.string()).optional(),
      roles: z.array(z.string()).optional(),
      replied_user: z.boolean().optional(),
    })
    .nullish(),
  // discord.js sends `description: null`, `title: null`… for each file; only the id matters here.
  attachments: z.array(z.looseObject({ id: z.union([z.string(), z.number()]) })).nullish(),
});
export type MessageBody = z.infer<typeof messageBody>;

export const callbackBody = z.object({ type: z.number().int(), data: z.unknown().optional() });

export const autocompleteData = z.object({
  choices: z
    .array(z.object({ name: z.string().min(1).max(100), value: z.union([z.string().max(100), z.number()]) }))
    .max(25),
});

export const modalData = z.object({
  custom_id: z.string().min(1).max(100),
  title: z.string().min(1).max(45),
  components: z.array(z.unknown()).min(1).max(5),
});

export const commandList = z.array(
  z.looseObject({ name: z.string().min(1).max(32), type: z.number().int().optional(), description: z.string().optional() }),
);
export const commandBody = commandList.element;

export const createDmBody = z.object({ recipient_id: z.string() });

export const guildMembersRequest = z.object({
  guild_id: z.string(),
  query: z.string().optional(),
  limit: z.number().int().optional(),
  user_ids: z.union([z.string(), z.array(z.string())]).optional(),
  nonce: z.string().optional(),
});

/** 400 "Invalid Form Body" with Discord's nested error shape (simplified). */
export function invalidForm(issues: Record<string, string>): RestReply {
  const errors = Object.fromEntries(
    Object.entries(issues).map(([field, message]) => [field, { _errors: [{ code: "BASE_TYPE_INVALID", message }] }]),
  );
  return errorReply(400, 50035, "Invalid Form Body", errors);
}

export function zodProblem(error: z.ZodError): RestReply {
  return invalidForm(Object.fromEntries(error.issues.map((i) => [i.path.join(".") || "_root", i.message])));
}

function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/**
 * The limits bots trip over most: 2000-char content, 10 embeds / 6000 embed chars, 4096-char
 * descriptions, 25 fields, and "Cannot send an empty message" (only for new messages).
 */
export function messageProblem(body: MessageBody, fileCount: number, isNew: boolean): RestReply | null {
  const content = body.content ?? "";
  if (content.length > 2000) return invalidForm({ content: "Must be 2000 or fewer in length." });
  const embeds = body.embeds ?? [];
  if (embeds.length > 10) return invalidForm({ embeds: "Must be 10 or fewer in length." });
  for (const [i, e] of embeds.entries()) {
    if ((e.description?.length ?? 0) > 4096) return invalidForm({ [`embeds.${i}.description`]: "Must be 4096 or fewer in length." });
    if ((e.title?.length ?? 0) > 256) return invalidForm({ [`embeds.${i}.title`]: "Must be 256 or fewer in length." });
    if ((e.fields?.length ?? 0) > 25) return invalidForm({ [`embeds.${i}.fields`]: "Must be 25 or fewer in length." });
  }
  if (embeds.reduce((sum, e) => sum + embedLength(e), 0) > 6000) return invalidForm({ embeds: "Embed size exceeds maximum size of 6000" });
  const empty = content.trim() === "" && embeds.length === 0 && (body.components ?? []).length === 0 && fileCount === 0;
  if (isNew && empty) return errorReply(400, 50006, "Cannot send an empty message");
  return null;
}
