import { stringify } from "yaml";

export interface ArticleFile {
  id: string;
  title: string;
  /** where the text came from, for the header comment */
  source?: string | undefined;
  /** ISO date it was added (YYYY-MM-DD): the header comment and the article's `added` field */
  date?: string | undefined;
}

/**
 * A new article's YAML file in the knowledge format (knowledge/README.md): its id, title, the day
 * it was added (the newest article is the default for /summary) and no facts. The bot answers
 * from the article's own sentences; the header says how to add curated facts.
 */
export function renderArticleYaml(file: ArticleFile): string {
  const header = [
    `# Added by \`npm run kb -- add\`${file.source ? ` from ${file.source}` : ""}${file.date ? ` on ${file.date}` : ""}.`,
    "# The bot answers questions about this article from its own sentences, as soon as it is loaded.",
    "# To give a question a written answer of your own, add a fact below (see knowledge/README.md);",
    "# a fact that matches a question takes priority over the sentences. `npm run kb:check` validates the folder.",
  ].join("\n");
  return `${header}\n${stringify({ id: file.id, title: file.title, ...(file.date ? { added: file.date } : {}), facts: [] }, { lineWidth: 0 })}`;
}
