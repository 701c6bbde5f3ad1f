import { ID_PATTERN } from "./schema.ts";

export const MAX_ID_LENGTH = 60;

/** An article id from a title: lower-case letters and digits joined by single dashes, at most 60 characters, cut at a dash. "" when the title has no such characters. */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= MAX_ID_LENGTH) return slug;
  const cut = slug.slice(0, MAX_ID_LENGTH + 1);
  const dash = cut.lastIndexOf("-");
  return (dash > 0 ? cut.slice(0, dash) : slug.slice(0, MAX_ID_LENGTH)).replace(/-+$/, "");
}

/** Why an article id is not acceptable, or undefined when it is. */
export function idProblem(id: string): string | undefined {
  if (!ID_PATTERN.test(id)) return `the id "${id}" must be lower-case letters, digits and single dashes, like "harwick-flood-barrier"`;
  if (id.length > MAX_ID_LENGTH) return `the id "${id}" is ${id.length} characters long; at most ${MAX_ID_LENGTH}`;
  return undefined;
}
