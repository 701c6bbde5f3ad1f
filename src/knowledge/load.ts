import { readFileSync, readdirSync, existsSync, realpathSync, statSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { parseDocument, visit } from "yaml";
import { articleFileSchema, factSchema, MAX_ARTICLE_BYTES, synonymsFileSchema, type Fact, type SynonymGroups } from "./schema.ts";
import { splitParagraphs, squashSpace } from "./article-text.ts";
import { describeIssues, KnowledgeError } from "./errors.ts";
import { quoteProblem } from "./quote-rules.ts";

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

export interface LoadOptions {
  /**
   * Files of `articles/` that are not on disk yet, by file name, with their content: the loader
   * reads them as if they were there. `kb add` validates a new article this way before it
   * writes a byte, so a bad draft or an interrupt never leaves a file behind.
   */
  pending?: ReadonlyMap<string, string>;
}

/** Reads, validates and cross-checks every file under `dir`; throws KnowledgeError listing every problem. */
export function loadKnowledge(dir: string, options: LoadOptions = {}): KnowledgeBase {
  const pending = options.pending ?? new Map<string, string>();
  const problems: string[] = [];
  const name = (file: string) => relative(process.cwd(), file) || file;
  const articlesDir = join(dir, "articles");
  const synonymsFile = join(dir, "synonyms.yaml");

  if (!existsSync(articlesDir)) throw new KnowledgeError([`${name(articlesDir)}: the folder is missing`]);
  const outside = outsideOf(dir);
  if (outside(articlesDir)) throw new KnowledgeError([`${name(articlesDir)}: the folder is a link to a place outside the knowledge folder; it must be inside it`]);

  const articles: Article[] = [];
  const facts: KnowledgeFact[] = [];
  const factFiles = new Map<string, string>();

  let names: string[];
  try {
    names = readdirSync(articlesDir);
  } catch (error) {
    throw new KnowledgeError([`${name(articlesDir)}: the folder cannot be read (${reasonOf(error)})`]);
  }
  const yamlFiles = [...new Set([...names, ...pending.keys()])].filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort();
  if (yamlFiles.length === 0) problems.push(`${name(articlesDir)}: no article (.yaml) files`);

  for (const fileName of yamlFiles) {
    const file = join(articlesDir, fileName);
    const raw = parseYaml(pending.get(fileName) ?? readSource(file, problems, name, outside), file, problems, name);
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
    const pendingText = pending.get(`${id}.txt`);
    if (pendingText === undefined && !existsSync(textFile)) {
      problems.push(`${name(file)}: the article text ${name(textFile)} is missing`);
      continue;
    }
    const text = pendingText ?? readArticleText(textFile, problems, name, outside);
    if (text === undefined) continue;
    const paragraphs = splitParagraphs(text);
    const squashed = paragraphs.map(squashSpace);
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
      const problem = quoteProblem(fact, paragraphs, squashed, name(textFile));
      if (problem) {
        problems.push(`${name(file)}: ${label}: ${problem}`);
        return;
      }
      facts.push({ ...fact, articleId: id });
    });
  }

  const synonyms = loadSynonyms(synonymsFile, problems, name, outside);
  if (problems.length > 0) throw new KnowledgeError(problems);
  return { articles: oldestFirst(articles), facts, synonyms };
}

/** Articles by the day they were added, oldest first (undated ones before dated ones, by id). */
function oldestFirst(articles: Article[]): Article[] {
  return [...articles].sort((a, b) => (a.added ?? "").localeCompare(b.added ?? "") || a.id.localeCompare(b.id));
}

/**
 * A test for "this path leads outside `dir`": true when the path, with every link followed, is not
 * inside the folder. A link inside the knowledge folder to a file elsewhere (`x.txt -> ../../.env`)
 * would otherwise let anyone who can ask for a summary read any file the bot can.
 */
function outsideOf(dir: string): (file: string) => boolean {
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    return () => false; // the folder itself is reported missing or unreadable elsewhere
  }
  return (file) => {
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      return false; // a missing file is reported where it is read
    }
    return real !== root && !real.startsWith(root.endsWith(sep) ? root : root + sep);
  };
}

type Outside = (file: string) => boolean;
const OUTSIDE = "is a link to a file outside the knowledge folder; knowledge files must be inside it";

/**
 * A file's text, or undefined with the problem noted: outside the folder, over `limit` bytes, or
 * unreadable. `what` names it in messages ("the article text", "the file").
 */
function readInside(
  file: string,
  problems: string[],
  name: (f: string) => string,
  outside: Outside,
  what: string,
  limit: number,
  tooBig: (size: number) => string,
): string | undefined {
  if (outside(file)) {
    problems.push(`${name(file)}: ${OUTSIDE}`);
    return undefined;
  }
  try {
    const size = statSync(file).size;
    if (size > limit) {
      problems.push(`${name(file)}: ${tooBig(size)}`);
      return undefined;
    }
    return readFileSync(file, "utf8");
  } catch (error) {
    problems.push(`${name(file)}: ${what} cannot be read (${reasonOf(error)})`);
    return undefined;
  }
}

/** An article's text (at most MAX_ARTICLE_BYTES). */
function readArticleText(file: string, problems: string[], name: (f: string) => string, outside: Outside): string | undefined {
  return readInside(file, problems, name, outside, "the article text", MAX_ARTICLE_BYTES, (size) =>
    `the article text is ${size.toLocaleString("en-US")} bytes; at most ${MAX_ARTICLE_BYTES.toLocaleString("en-US")} (1 MB) are allowed`,
  );
}

/** A YAML file's text (at most MAX_YAML_BYTES). */
function readSource(file: string, problems: string[], name: (f: string) => string, outside: Outside): string | undefined {
  return readInside(file, problems, name, outside, "the file", MAX_YAML_BYTES, () => `the file is over ${MAX_YAML_BYTES.toLocaleString("en-US")} bytes`);
}

/** A YAML file's facts file may be several times its article's size, not more. */
const MAX_YAML_BYTES = MAX_ARTICLE_BYTES * 8;

function parseYaml(source: string | undefined, file: string, problems: string[], name: (f: string) => string): unknown {
  if (source === undefined) return undefined;
  const doc = parseDocument(source, { uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    problems.push(`${name(file)}: not valid YAML: ${error.message.split("\n")[0]}`);
    return undefined;
  }
  // Every list in the format holds text. YAML would read `3.10` as 3.1 and `007` as 7, silently
  // changing a keyword; keep a bare number or true/false in a list exactly as it was written.
  visit(doc, {
    Scalar(key, node) {
      if (typeof key === "number" && (typeof node.value === "number" || typeof node.value === "boolean") && node.source !== undefined) {
        node.value = node.source;
      }
    },
  });
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    problems.push(`${name(file)}: not valid YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
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


function loadSynonyms(file: string, problems: string[], name: (f: string) => string, outside: Outside): SynonymGroups {
  if (!existsSync(file)) return [];
  const raw = parseYaml(readSource(file, problems, name, outside), file, problems, name);
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
