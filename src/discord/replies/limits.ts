import { escapeMarkdown } from "discord.js";

/** Discord's limits on what a message may hold. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embedTotal: 6000,
  buttonLabel: 80,
  customId: 100,
  choiceName: 100,
  choiceValue: 100,
  choices: 25,
} as const;

/** Cuts text to `max` characters, ending in "…" when cut, without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/**
 * Makes a user's text safe to show back: one line, no markdown, no mention syntax that could
 * ping (the client also sends allowed_mentions with nothing allowed), and at most `max` long.
 */
export function showUserText(text: string, max: number): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const defused = flat.replace(/@(everyone|here)/gi, "@\u200b$1").replace(/<(@[!&]?|#)(\d+)>/g, "<$1\u200b$2>");
  return escapeMarkdown(truncate(defused, max));
}
