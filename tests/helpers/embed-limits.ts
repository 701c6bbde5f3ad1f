import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from "discord.js";
import { LIMITS } from "../../src/discord/replies/limits.ts";

/*
 * Lengths are counted as Discord limits are checked here: in UTF-16 code units (JS `.length`),
 * never fewer than the code points, so a text that passes is within the limit however it is counted.
 */

/** Every way an embed could break Discord's limits, as a list of plain sentences (empty when fine). */
export function embedProblems(embed: APIEmbed): string[] {
  const problems: string[] = [];
  const title = embed.title ?? "";
  const description = embed.description ?? "";
  const footer = embed.footer?.text ?? "";
  const author = embed.author?.name ?? "";
  const fields = embed.fields ?? [];
  if (title.length > LIMITS.embedTitle) problems.push(`title is ${title.length} long`);
  if (description.length > LIMITS.embedDescription) problems.push(`description is ${description.length} long`);
  if (footer.length > LIMITS.footer) problems.push(`footer is ${footer.length} long`);
  if (author.length > LIMITS.authorName) problems.push(`author name is ${author.length} long`);
  if (fields.length > LIMITS.fields) problems.push(`${fields.length} fields`);
  for (const f of fields) {
    if (f.name.length === 0 || f.name.length > LIMITS.fieldName) problems.push(`field name is ${f.name.length} long`);
    if (f.value.length === 0 || f.value.length > LIMITS.fieldValue) problems.push(`field value is ${f.value.length} long`);
  }
  const total = embedTextLength(embed);
  if (total > LIMITS.embedTotal) problems.push(`embed total is ${total}`);
  return problems;
}

/** The characters of an embed that count toward Discord's 6,000 per message. */
export function embedTextLength(embed: APIEmbed): number {
  const fields = embed.fields ?? [];
  return (
    (embed.title ?? "").length +
    (embed.description ?? "").length +
    (embed.footer?.text ?? "").length +
    (embed.author?.name ?? "").length +
    fields.reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** The texts of an embed a person reads. */
export function embedTexts(embed: APIEmbed): string[] {
  return [
    embed.title ?? "",
    embed.description ?? "",
    embed.footer?.text ?? "",
    embed.author?.name ?? "",
    ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]),
  ];
}

/** What a reply may hold: content, embeds and rows of buttons. */
export interface MessageParts {
  content?: string | undefined;
  embeds?: readonly APIEmbed[] | undefined;
  components?: readonly APIActionRowComponent<APIButtonComponent>[] | undefined;
}

/** Discord's limits on a whole message: lengths and counts of content, embeds, rows and buttons. */
export function limitProblems(message: MessageParts): string[] {
  const problems: string[] = [];
  const content = message.content ?? "";
  if (content.length > LIMITS.content) problems.push(`content is ${content.length} long`);
  const embeds = message.embeds ?? [];
  if (embeds.length > LIMITS.embeds) problems.push(`${embeds.length} embeds`);
  for (const embed of embeds) problems.push(...embedProblems(embed));
  const total = embeds.reduce((n, e) => n + embedTextLength(e), 0);
  if (total > LIMITS.embedTotal) problems.push(`the embeds hold ${total} characters together`);
  const rows = message.components ?? [];
  if (rows.length > LIMITS.actionRows) problems.push(`${rows.length} action rows`);
  for (const row of rows) {
    if (row.components.length === 0 || row.components.length > LIMITS.buttonsPerRow) problems.push(`a row of ${row.components.length} buttons`);
    for (const button of row.components) {
      const label = "label" in button ? button.label : undefined;
      const emoji = "emoji" in button ? button.emoji : undefined;
      if ((label === undefined || label.length === 0) && emoji === undefined) problems.push("a button with neither label nor emoji");
      if (label !== undefined && label.length > LIMITS.buttonLabel) problems.push(`a button label is ${label.length} long`);
      const id = "custom_id" in button ? button.custom_id : undefined;
      if (id !== undefined && (id.length === 0 || id.length > LIMITS.customId)) problems.push(`a custom id is ${id.length} long`);
    }
  }
  return problems;
}

/** Custom ids must be unique within a message. */
export function duplicateIds(message: MessageParts): string[] {
  const ids = (message.components ?? []).flatMap((row) => row.components.flatMap((b) => ("custom_id" in b ? [b.custom_id] : [])));
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

/** Every string of a message: what it shows, and its button labels and ids. */
export function allTexts(message: MessageParts): string[] {
  return [
    message.content ?? "",
    ...(message.embeds ?? []).flatMap(embedTexts),
    ...(message.components ?? []).flatMap((row) =>
      row.components.flatMap((b) => [...("label" in b && b.label !== undefined ? [b.label] : []), ...("custom_id" in b ? [b.custom_id] : [])]),
    ),
  ];
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the text holds half a surrogate pair: not valid UTF-8, which Discord rejects. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** Texts of the message that are not valid UTF-8. */
export function encodingProblems(message: MessageParts): string[] {
  return allTexts(message)
    .filter(hasLoneSurrogate)
    .map((t) => `not valid UTF-8: ${JSON.stringify(t.slice(0, 80))}`);
}

/** Mentions that would notify or render: @everyone, @here, <@…>, <@!…>, <@&…>, <#…> and </command:…>. */
const LIVE_MENTION = /@(?:everyone|here)|<(?:@[!&]?|#)\d+>|<\/[^<>\n:]{1,100}:\d+>/gi;

export function liveMentions(text: string): string[] {
  return text.match(LIVE_MENTION) ?? [];
}

/** Live mentions in what the message shows (content and embeds). */
export function pingProblems(message: MessageParts): string[] {
  const shown = [message.content ?? "", ...(message.embeds ?? []).flatMap(embedTexts)];
  return shown.flatMap(liveMentions).map((m) => `live mention ${JSON.stringify(m)}`);
}

/** All of the above: empty when Discord would accept the message and it cannot ping. */
export function messageProblems(message: MessageParts): string[] {
  return [...limitProblems(message), ...duplicateIds(message).map((id) => `duplicate custom id ${id}`), ...encodingProblems(message), ...pingProblems(message)];
}

/** Autocomplete choices: at most 25, each name and value 1 to 100 characters and valid UTF-8. */
export function choiceProblems(choices: ReadonlyArray<{ name: string; value: string | number }>): string[] {
  const problems: string[] = [];
  if (choices.length > LIMITS.choices) problems.push(`${choices.length} choices`);
  for (const { name, value } of choices) {
    if (name.length === 0 || name.length > LIMITS.choiceName || hasLoneSurrogate(name)) problems.push(`choice name ${JSON.stringify(name)}`);
    if (typeof value === "string" && (value.length === 0 || value.length > LIMITS.choiceValue || hasLoneSurrogate(value))) {
      problems.push(`choice value ${JSON.stringify(value)}`);
    }
  }
  return problems;
}
