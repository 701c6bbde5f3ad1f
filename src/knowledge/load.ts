import { readFileSync, readdirSync, existsSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { articleFileSchema, factSchema, synonymsFileSchema, type Fact, type SynonymGroups } from "./schema.ts";
import { findQuote, splitParagraphs } from "./article-text.ts";
import { describeIssues, KnowledgeError } from "./errors.ts";

export interface Article {
  id: string;
  title: string;
  /** when it joined the knowledge base (YYYY-MM-DD), if known */
  added?: string | undefined;
  /** Verbatim paragraphs; paragraph N is paragraphs[N - 1]. */
  paragraphs: string[];
}

export interface KnowledgeFact extends Fact {
  articleId: string;
}

export interface KnowledgeBase {
  articles: Article[];
  facts: KnowledgeFact[];
  synonyms: SynonymGroups;
}

/** Reads, validates and cross-checks every file under `dir`; throws KnowledgeError listing every problem. */
export function loadKnowledge(dir: string): KnowledgeBase {
  const problems: string[] = [];
  const name = (file: string) => relative(process.cwd(), file) || file;
  const articlesDir = join(dir, "articles");
  const synonymsFile = join(dir, "synonyms.yaml");

  if (!existsSync(articlesDir)) throw new KnowledgeError([`${name(articlesDir)}: the folder is missing`]);

  const articles: Article[] = [];
  const facts: KnowledgeFact[] = [];
  const factFiles = new Map<string, string>();

  let names: string[];
  try {
    names = readdirSync(articlesDir);
  } catch (error) {
    throw new KnowledgeError([`${name(articlesDir)}: the folder cannot be read (${reasonOf(error)})`]);
  }
  const yamlFiles = names.filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort();
  if (yamlFiles.length === 0) problems.push(`${name(articlesDir)}: no article (.yaml) files`);

  for (const fileName of yamlFiles) {
    const file = join(articlesDir, fileName);
    const raw = readYaml(file, problems, name);
    if (raw === undefined) continue;
    const header = articleFileSchema.safeParse(raw);
    if (!header.success) {
      for (const issue of describeIssues(header.error)) problems.push(`${name(file)}: ${issue}`);
      continue;
    }
    const { id, title, added } = header.data;
    const stem = basename(fileName).replace(/\.ya?ml$/, "");
    if (id !== stem) {
      problems.push(`${name(file)}: field "id": the article id "${id}" must equal the file name "${stem}"`);
      continue;
    }
    if (articles.some((a) => a.id === id)) {
      problems.push(`${name(file)}: field "id": duplicate article id "${id}"`);
      continue;
    }
    const textFile = join(articlesDir, `${id}.txt`);
    if (!existsSync(textFile)) {
      problems.push(`${name(file)}: the article text ${name(textFile)} is missing`);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(textFile, "utf8");
    } catch (error) {
      problems.push(`${name(textFile)}: the article text cannot be read (${reasonOf(error)})`);
      continue;
    }
    const paragraphs = splitParagraphs(text);
    articles.push({ id, title, added, paragraphs });

    header.data.facts.forEach((rawFact, index) => {
      const label = factLabel(rawFact, index);
      const parsed = factSchema.safeParse(rawFact);
      if (!parsed.success) {
        for (const issue of describeIssues(parsed.error)) problems.push(`${name(file)}: ${label}: ${issue}`);
        return;
      }
      const fact = parsed.data;
      const earlier = factFiles.get(fact.id);
      if (earlier !== undefined) {
        problems.push(`${name(file)}: ${label}: field "id": duplicate fact id, already used in ${earlier}`);
        return;
      }
      factFiles.set(fact.id, name(file));
      const quoteProblem = checkQuote(fact, paragraphs, name(textFile));
      if (quoteProblem) {
        problems.push(`${name(file)}: ${label}: ${quoteProblem}`);
        return;
      }
      facts.push({ ...fact, articleId: id });
    });
  }

  const synonyms = loadSynonyms(synonymsFile, problems, name);
  if (problems.length > 0) throw new KnowledgeError(problems);
  return { articles: oldestFirst(articles), facts, synonyms };
}

/** Articles by the day they were added, oldest first (undated ones before dated ones, by id). */
function oldestFirst(articles: Article[]): Article[] {
  return [...articles].sort((a, b) => (a.added ?? "").localeCompare(b.added ?? "") || a.id.localeCompare(b.id));
}

function readYaml(file: string, problems: string[], name: (f: string) => string): unknown {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    problems.push(`${name(file)}: the file cannot be read (${reasonOf(error)})`);
    return undefined;
  }
  try {
    return parseYaml(source, { uniqueKeys: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    problems.push(`${name(file)}: not valid YAML: ${message}`);
    return undefined;
  }
}

/** "EACCES: permission denied" and the like, without the path (the message names the file already). */
function reasonOf(error: unknown): string {
  if (error instanceof Error) return ("code" in error && typeof error.code === "string" ? `${error.code}: ` : "") + error.message.replace(/^[A-Z]+: /, "").split(",")[0];
  return String(error);
}

function factLabel(rawFact: unknown, index: number): string {
  if (typeof rawFact === "object" && rawFact !== null && "id" in rawFact && typeof rawFact.id === "string") {
    return `fact "${rawFact.id}"`;
  }
  return `fact #${index + 1} (no id)`;
}

function checkQuote(fact: Fact, paragraphs: string[], textFile: string): string | undefined {
  const found = findQuote(paragraphs, fact.quote);
  const shown = fact.quote.length > 80 ? `${fact.quote.slice(0, 77)}...` : fact.quote;
  if (found.length === 0) {
    return `field "quote": the quote does not appear verbatim in ${textFile} (only white space may differ): "${shown}"`;
  }
  if (fact.paragraph > paragraphs.length) {
    return `field "paragraph": paragraph ${fact.paragraph} does not exist; the article has ${paragraphs.length}`;
  }
  if (!found.includes(fact.paragraph)) {
    return `field "paragraph": the quote "${shown}" is in paragraph ${found.join(" or ")}, not ${fact.paragraph}`;
  }
  return undefined;
}

function loadSynonyms(file: string, problems: string[], name: (f: string) => string): SynonymGroups {
  if (!existsSync(file)) return [];
  const raw = readYaml(file, problems, name);
  if (raw === undefined) return [];
  const parsed = synonymsFileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of describeIssues(parsed.error)) problems.push(`${name(file)}: ${issue}`);
    return [];
  }
  const seen = new Map<string, number>();
  parsed.data.groups.forEach((group, index) => {
    for (const term of group) {
      const key = term.toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined && earlier !== index) {
        problems.push(`${name(file)}: field "groups[${index}]": "${term}" is already in group ${earlier + 1}; a term may belong to one group only`);
      }
      seen.set(key, index);
    }
  });
  return parsed.data.groups;
}
