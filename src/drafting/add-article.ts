import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadKnowledge } from "../knowledge/load.ts";
import { KnowledgeError } from "../knowledge/errors.ts";
import { renderArticleYaml } from "./article-yaml.ts";
import { draftFacts } from "./draft.ts";
import { idProblem, slugify } from "./slug.ts";

export const MAX_TITLE_LENGTH = 200;

/** The article or its title or id can't be added as given: say so plainly, nothing was written. */
export class ArticleInputError extends Error {}

export interface AddArticleInput {
  knowledgeDir: string;
  /** the article text, verbatim */
  text: string;
  title: string;
  /** defaults to the title, slugged */
  id?: string;
  /** the file it came from, named in the YAML header */
  source?: string;
  /** for the YAML header; defaults to today */
  date?: string;
}

export interface AddArticleResult {
  id: string;
  textFile: string;
  yamlFile: string;
  facts: number;
  entityFacts: number;
  questions: number;
  paragraphs: number;
  sentences: number;
}

/**
 * Writes `articles/<id>.txt` (the text, verbatim) and `articles/<id>.yaml` (drafted facts) into the
 * knowledge folder, then validates the whole folder. Refuses (ArticleInputError, nothing written)
 * an empty text, a missing or long title, a bad or taken id, or a folder that is already broken.
 * If the folder does not validate with the new files, they are removed again and the
 * KnowledgeError is thrown: that is a bug in the drafter.
 */
export function addArticle(input: AddArticleInput): AddArticleResult {
  const title = input.title.trim();
  if (!title) throw new ArticleInputError("The title is missing: give one with --title \"…\".");
  if (title.length > MAX_TITLE_LENGTH) throw new ArticleInputError(`The title is ${title.length} characters long; at most ${MAX_TITLE_LENGTH}.`);
  if (!input.text.trim()) throw new ArticleInputError("The article is empty.");
  const id = input.id ?? slugify(title);
  if (!id) throw new ArticleInputError("The title has no letters or digits to make an id from: give one with --id.");
  const problem = idProblem(id);
  if (problem) throw new ArticleInputError(`Bad id: ${problem}.`);

  const articlesDir = join(input.knowledgeDir, "articles");
  if (!existsSync(articlesDir)) throw new ArticleInputError(`There is no knowledge folder at ${input.knowledgeDir} (no articles/ in it).`);
  const textFile = join(articlesDir, `${id}.txt`);
  const yamlFile = join(articlesDir, `${id}.yaml`);
  const taken = readdirSync(articlesDir).some((f) => f === `${id}.txt` || f === `${id}.yaml` || f === `${id}.yml`);
  let existing;
  try {
    existing = loadKnowledge(input.knowledgeDir);
  } catch (error) {
    if (error instanceof KnowledgeError) throw new ArticleInputError(`The knowledge folder already has problems; fix them first (npm run kb:check):\n- ${error.problems.join("\n- ")}`);
    throw error;
  }
  if (taken || existing.articles.some((a) => a.id === id)) throw new ArticleInputError(`An article with the id "${id}" is already in ${articlesDir}: choose another with --id.`);

  const drafted = draftFacts({ articleId: id, title, text: input.text, takenIds: new Set(existing.facts.map((f) => f.id)) });
  if (drafted.facts.length === 0) throw new ArticleInputError("The article has no sentences to draft facts from.");
  const yaml = renderArticleYaml({ id, title, facts: drafted.facts, source: input.source, date: input.date ?? new Date().toISOString().slice(0, 10) });

  writeFileSync(textFile, input.text, { flag: "wx" });
  let wroteYaml = false;
  try {
    writeFileSync(yamlFile, yaml, { flag: "wx" });
    wroteYaml = true;
    loadKnowledge(input.knowledgeDir);
  } catch (error) {
    rmSync(textFile, { force: true });
    if (wroteYaml) rmSync(yamlFile, { force: true });
    throw error;
  }
  return {
    id,
    textFile,
    yamlFile,
    facts: drafted.facts.length,
    entityFacts: drafted.facts.filter((f) => f.kind === "entity").length,
    questions: drafted.facts.reduce((n, f) => n + f.questions.length, 0),
    paragraphs: drafted.paragraphs,
    sentences: drafted.sentences,
  };
}
