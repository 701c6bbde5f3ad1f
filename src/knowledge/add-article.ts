import { existsSync, linkSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { splitSentences } from "../engine/sentences.ts";
import { splitParagraphs } from "./article-text.ts";
import { renderArticleYaml } from "./article-yaml.ts";
import { KnowledgeError } from "./errors.ts";
import { loadKnowledge } from "./load.ts";
import { CONTROL_CHARACTER, MAX_ARTICLE_BYTES, MAX_TITLE_LENGTH } from "./schema.ts";
import { idProblem, slugify } from "./slug.ts";

/** The article or its title or id can't be added as given: say so plainly, nothing was written. */
export class ArticleInputError extends Error {}

/** The add was interrupted (Ctrl-C) before it was complete: nothing was written. */
export class AddInterruptedError extends Error {
  constructor() {
    super("Interrupted: nothing was added.");
  }
}

export interface AddArticleInput {
  knowledgeDir: string;
  /** the article text, verbatim */
  text: string;
  title: string;
  /** defaults to the title, slugged */
  id?: string | undefined;
  /** the file it came from, named in the YAML header */
  source?: string | undefined;
  /** for the YAML header; defaults to today */
  date?: string | undefined;
  /** aborted by an interrupt: the add stops at the next step and leaves nothing behind */
  signal?: AbortSignal | undefined;
  /** told each step as it starts (for progress lines, and for tests to interrupt at a step) */
  onStep?: ((step: AddStep) => void) | undefined;
}

export type AddStep = "checking" | "validating" | "writing";

export interface AddArticleResult {
  id: string;
  textFile: string;
  yamlFile: string;
  paragraphs: number;
  sentences: number;
}

/** Why a title can't be used, or undefined when it can. */
export function titleProblem(title: string): string | undefined {
  if (!title) return 'The title is missing: give one with --title "…".';
  if (CONTROL_CHARACTER.test(title)) return "The title must be one line of text, with no control characters (new lines, tabs, escape codes).";
  if (title.length > MAX_TITLE_LENGTH) return `The title is ${title.length} characters long; at most ${MAX_TITLE_LENGTH}.`;
  return undefined;
}

/**
 * Adds `articles/<id>.txt` (the text, verbatim) and `articles/<id>.yaml` (its title, the day, and
 * no facts yet) to the knowledge folder. The engine answers from the article's own sentences at
 * once; curated facts can be added to the YAML later. All or nothing:
 * - it refuses (ArticleInputError, nothing written) an empty or oversized text, a bad title or id,
 *   an id in use, or a folder that is already broken;
 * - it validates the whole folder with the new files held in memory, before writing a byte;
 * - it writes both files under hidden temporary names and links them into place only when
 *   everything is valid, each one refusing to replace a file that appeared meanwhile (another
 *   `kb add` of the same id); on any failure or interrupt it removes what it wrote.
 */
export async function addArticle(input: AddArticleInput): Promise<AddArticleResult> {
  const step = async (name: AddStep) => {
    // Let a pending signal handler run, then stop if it asked to.
    await new Promise((resolve) => setImmediate(resolve));
    if (input.signal?.aborted) throw new AddInterruptedError();
    input.onStep?.(name);
  };
  const title = input.title.trim();
  const badTitle = titleProblem(title);
  if (badTitle) throw new ArticleInputError(badTitle);
  if (!input.text.trim()) throw new ArticleInputError("The article is empty.");
  const bytes = Buffer.byteLength(input.text, "utf8");
  if (bytes > MAX_ARTICLE_BYTES) {
    throw new ArticleInputError(`The article is ${bytes.toLocaleString("en-US")} bytes; at most ${MAX_ARTICLE_BYTES.toLocaleString("en-US")} (1 MB). Split it into parts.`);
  }
  const id = input.id ?? slugify(title);
  if (!id) throw new ArticleInputError("The title has no letters or digits to make an id from: give one with --id.");
  const problem = idProblem(id);
  if (problem) throw new ArticleInputError(`Bad id: ${problem}.`);

  const articlesDir = join(input.knowledgeDir, "articles");
  if (!existsSync(articlesDir)) throw new ArticleInputError(`There is no knowledge folder at ${input.knowledgeDir} (no articles/ in it).`);
  const textName = `${id}.txt`;
  const yamlName = `${id}.yaml`;
  const taken = () => new ArticleInputError(`An article with the id "${id}" is already in ${articlesDir}: choose another with --id.`);

  await step("checking");
  if (readdirSync(articlesDir).some((f) => f === textName || f === yamlName || f === `${id}.yml`)) throw taken();
  let existing;
  try {
    existing = loadKnowledge(input.knowledgeDir);
  } catch (error) {
    if (error instanceof KnowledgeError) throw new ArticleInputError(`The knowledge folder already has problems; fix them first (npm run kb:check):\n- ${error.problems.join("\n- ")}`);
    throw error;
  }
  if (existing.articles.some((a) => a.id === id)) throw taken();

  const paragraphs = splitParagraphs(input.text);
  const sentences = paragraphs.reduce((n, p) => n + splitSentences(p).length, 0);
  const yaml = renderArticleYaml({ id, title, source: input.source, date: input.date ?? new Date().toISOString().slice(0, 10) });

  await step("validating");
  loadKnowledge(input.knowledgeDir, { pending: new Map([[textName, input.text], [yamlName, yaml]]) });

  await step("writing");
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const temporary = [join(articlesDir, `.${textName}.${stamp}.tmp`), join(articlesDir, `.${yamlName}.${stamp}.tmp`)] as const;
  const placed: string[] = [];
  try {
    writeFileSync(temporary[0], input.text, { flag: "wx" });
    writeFileSync(temporary[1], yaml, { flag: "wx" });
    if (input.signal?.aborted) throw new AddInterruptedError();
    // A hard link never replaces a file: if another `kb add` took the name meanwhile, this one fails cleanly.
    // The text goes first: the loader reads an article only once its .yaml is there.
    for (const [from, to] of [
      [temporary[0], join(articlesDir, textName)],
      [temporary[1], join(articlesDir, yamlName)],
    ] as const) {
      linkSync(from, to);
      placed.push(to);
    }
  } catch (error) {
    for (const file of placed) rmSync(file, { force: true });
    if (error instanceof Error && "code" in error && error.code === "EEXIST" && placed.length < 2) throw taken();
    throw error;
  } finally {
    for (const file of temporary) rmSync(file, { force: true });
  }
  return {
    id,
    textFile: join(articlesDir, textName),
    yamlFile: join(articlesDir, yamlName),
    paragraphs: paragraphs.length,
    sentences,
  };
}
