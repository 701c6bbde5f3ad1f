import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { splitParagraphs } from "../../src/knowledge/article-text.ts";
import type { Article } from "../../src/knowledge/load.ts";
import { foldForMatch } from "./eval-set.ts";

/** The labelled articles: tests/fixtures/articles/ (manifest.json, <id>.txt, <id>.questions.jsonl). */
export const CORPUS_DIR = fileURLToPath(new URL("../fixtures/articles", import.meta.url));

const manifestSchema = z.array(
  z.strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    genre: z.string().min(1),
    split: z.enum(["tune", "heldout"]),
    source: z.string(),
  }),
);

export type QuestionKind = "answerable" | "offtopic" | "tricky";

const questionSchema = z.strictObject({
  q: z.string().min(1),
  expect: z.array(z.string().min(1)).min(1).nullable(),
  kind: z.enum(["answerable", "offtopic", "tricky"]),
});

export interface LabelledQuestion {
  articleId: string;
  q: string;
  expect: string[] | null;
  kind: QuestionKind;
}

export interface LabelledArticle {
  article: Article;
  genre: string;
  split: "tune" | "heldout";
  questions: LabelledQuestion[];
}

/** Every labelled article, or those of one split; read through zod. */
export function readCorpus(split?: "tune" | "heldout", dir = CORPUS_DIR): LabelledArticle[] {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")));
  return manifest
    .filter((m) => split === undefined || m.split === split)
    .map((m) => ({
      article: { id: m.id, title: m.title, paragraphs: splitParagraphs(readFileSync(join(dir, `${m.id}.txt`), "utf8")) },
      genre: m.genre,
      split: m.split,
      questions: readFileSync(join(dir, `${m.id}.questions.jsonl`), "utf8")
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => ({ articleId: m.id, ...questionSchema.parse(JSON.parse(line)) })),
    }));
}

/** Whether a reply's text holds one of the accepted answers (folded as the shared scorer folds). */
export function holdsAnswer(text: string, expect: readonly string[] | null): boolean {
  return expect !== null && expect.some((e) => foldForMatch(text).includes(foldForMatch(e)));
}
