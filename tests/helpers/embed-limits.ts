import type { APIEmbed } from "discord.js";
import { LIMITS } from "../../src/discord/replies/limits.ts";

/** Every way an embed could break Discord's limits, as a list of plain sentences (empty when fine). */
export function embedProblems(embed: APIEmbed): string[] {
  const problems: string[] = [];
  const title = embed.title ?? "";
  const description = embed.description ?? "";
  const footer = embed.footer?.text ?? "";
  const fields = embed.fields ?? [];
  if (title.length > LIMITS.embedTitle) problems.push(`title is ${title.length} long`);
  if (description.length > LIMITS.embedDescription) problems.push(`description is ${description.length} long`);
  if (footer.length > LIMITS.footer) problems.push(`footer is ${footer.length} long`);
  if (fields.length > LIMITS.fields) problems.push(`${fields.length} fields`);
  for (const f of fields) {
    if (f.name.length === 0 || f.name.length > LIMITS.fieldName) problems.push(`field name is ${f.name.length} long`);
    if (f.value.length === 0 || f.value.length > LIMITS.fieldValue) problems.push(`field value is ${f.value.length} long`);
  }
  const total = title.length + description.length + footer.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  if (total > LIMITS.embedTotal) problems.push(`embed total is ${total}`);
  return problems;
}
