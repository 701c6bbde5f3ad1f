import { z } from "zod";
import type { FakeCall } from "../fake-discord/index.ts";

/** Outgoing Discord bodies, read through zod (the fake records them as unknown JSON). */
const embed = z.looseObject({
  title: z.string().optional(),
  description: z.string().optional(),
  fields: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  footer: z.object({ text: z.string() }).optional(),
});
const component = z.looseObject({ custom_id: z.string().optional(), label: z.string().optional(), disabled: z.boolean().optional() });
const row = z.looseObject({ components: z.array(component) });
export const allowedMentions = z.looseObject({ parse: z.array(z.string()), replied_user: z.boolean().optional() });

export const messageBody = z.looseObject({
  content: z.string().optional(),
  embeds: z.array(embed).optional(),
  components: z.array(row).optional(),
  flags: z.number().optional(),
  allowed_mentions: allowedMentions.optional(),
  message_reference: z.looseObject({ message_id: z.string() }).optional(),
  choices: z.array(z.object({ name: z.string(), value: z.union([z.string(), z.number()]) })).optional(),
});
export type MessageBody = z.infer<typeof messageBody>;

export const callbackBody = z.looseObject({ type: z.number(), data: messageBody.optional() });

/** An interaction callback: its type and the message data it carries. */
export function callbackOf(call: FakeCall): { type: number; data: MessageBody } {
  const parsed = callbackBody.parse(call.body);
  return { type: parsed.type, data: parsed.data ?? {} };
}

/** A message body sent to a channel or a webhook. */
export function messageOf(call: FakeCall): MessageBody {
  return messageBody.parse(call.body);
}

export const EPHEMERAL = 64;

/** All the text a message shows: content, embed titles, descriptions and fields. */
export function textOf(body: MessageBody): string {
  const parts = [body.content ?? ""];
  for (const e of body.embeds ?? []) {
    parts.push(e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? "");
  }
  return parts.join("\n");
}

export function customIdsOf(body: MessageBody): string[] {
  return (body.components ?? []).flatMap((r) => r.components.map((c) => c.custom_id ?? ""));
}
