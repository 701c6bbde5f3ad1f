/**
 * Discord's limits on what a message may hold. Lengths are counted in UTF-16 code units (JS
 * `.length`), which is never less than the number of code points, so a text within these limits
 * is within them however Discord counts.
 */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  choiceName: 100,
  choiceValue: 100,
  choices: 25,
} as const;

/** A surrogate that is not half of a pair: JSON.stringify keeps it, but it is not valid UTF-8, and Discord rejects it. */
const LONE_SURROGATE = /\p{Cs}/gu;

/** Replaces lone surrogates with U+FFFD, so the text can be sent as UTF-8. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * Cuts text to `max` characters, ending in "…" when cut. The cut never splits a surrogate pair and
 * never leaves a dangling escape backslash (which would escape the "…" or what follows the text).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return "";
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  let backslashes = 0;
  while (backslashes < cut && text.charCodeAt(cut - 1 - backslashes) === 0x5c) backslashes++;
  if (backslashes % 2 === 1) cut--;
  return `${text.slice(0, cut)}…`;
}

/**
 * Control characters, invisible format characters (zero-width spaces and joiners, word joiner,
 * BOM) and direction marks, embeddings, overrides and isolates: in text shown back they would hide
 * or reorder what follows, so each becomes a space.
 */
const CONTROL_OR_INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** One line: controls and invisible characters become spaces, runs of white space one space. Not trimmed. */
function flatten(text: string): string {
  return wellFormed(text).replace(CONTROL_OR_INVISIBLE, " ").replace(/\s+/g, " ");
}

/**
 * Everything that could notify or link: @everyone and @here get a zero-width space after the @,
 * and so does every "<" that could open a user, role, channel or command mention (<@…>, <@!…>,
 * <@&…>, <#…>, </cmd:…>). The client also sends allowed_mentions with nothing allowed.
 */
export function defuseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, "@\u200b$1").replace(/<(?=[@#/])/g, "<\u200b");
}

/** Characters that open or close Discord markdown anywhere in a line, the backslash included. */
const INLINE_MARKDOWN = /[\\*_~|`[\]]/g;
/** Markers that count only at the start of a line: headings, block quotes, lists, subtext, numbered lists ("1."). */
const LINE_START_MARKDOWN = /^([ \t]*)(?:([#>-])|(\d+)\.)/gm;

/**
 * Escapes markdown with backslashes, which Discord hides. Linear in the text, unlike discord.js's
 * escapeMarkdown (quadratic: about a second for 10,000 characters), and with no exceptions for
 * text after "http://" or "<a:", which that one leaves unescaped. Also escapes masked links.
 */
export function escapeText(text: string): string {
  return text
    .replace(INLINE_MARKDOWN, "\\$&")
    .replace(LINE_START_MARKDOWN, (_, space: string, mark: string | undefined, digits: string | undefined) =>
      mark ? `${space}\\${mark}` : `${space}${digits}\\.`,
    );
}

/**
 * Text from outside (a user, or a knowledge file) made safe to show inside markdown: one line,
 * valid UTF-8, no mention that could ping or link, markdown escaped. Neither trimmed nor cut.
 */
export function showLine(text: string): string {
  return escapeText(defuseMentions(flatten(text)));
}

/**
 * Makes a user's text safe to show back: one line, no markdown, no mention syntax that could
 * ping (the client also sends allowed_mentions with nothing allowed), and at most `max` long.
 */
export function showUserText(text: string, max: number): string {
  return truncate(showLine(flatten(text).trim()), max);
}

/** Text for places that show no markdown (button labels, autocomplete choices): one line, valid UTF-8, at most `max` long. */
export function plainText(text: string, max: number): string {
  return truncate(flatten(text).trim(), max);
}
