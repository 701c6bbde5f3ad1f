import { stringify } from "yaml";
import type { Fact } from "../knowledge/schema.ts";

export interface ArticleFile {
  id: string;
  title: string;
  facts: readonly Fact[];
  /** where the text came from, for the header comment */
  source?: string;
  /** ISO date of drafting (YYYY-MM-DD): the header comment and the article's `added` field */
  date?: string;
}

/**
 * The article's YAML file in the knowledge format (knowledge/README.md), with a header saying the
 * facts are drafts to review, and `added: <date>` when it has a date (the loader makes the newest
 * article the default for /summary). A statement fact leaves out `kind`, its default.
 */
export function renderArticleYaml(file: ArticleFile): string {
  const facts = file.facts.map((fact) => ({
    id: fact.id,
    ...(fact.kind === "entity" ? { kind: fact.kind } : {}),
    answer: fact.answer,
    quote: fact.quote,
    paragraph: fact.paragraph,
    questions: fact.questions,
    keywords: fact.keywords,
    ...(fact.entities.length > 0 ? { entities: fact.entities } : {}),
    draft: fact.draft,
  }));
  const header = [
    `# Facts drafted by \`npm run kb -- add\`${file.source ? ` from ${file.source}` : ""}${file.date ? ` on ${file.date}` : ""}.`,
    "# They are drafts (draft: true), made by a program and not yet reviewed: check every answer",
    "# against its quote, fix or delete what is wrong, add the questions people really ask, then set",
    "# draft to false (or remove it). `npm run kb:check` validates the folder.",
  ].join("\n");
  return `${header}\n${stringify({ id: file.id, title: file.title, ...(file.date ? { added: file.date } : {}), facts }, { lineWidth: 0 })}`;
}
