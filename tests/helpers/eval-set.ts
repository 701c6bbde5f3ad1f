import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { squashSpace } from "../../src/knowledge/article-text.ts";

/** One question of tests/eval/*.jsonl: accepted answer substrings, or null when it must be declined. */
const itemSchema = z.object({ q: z.string().min(1), expect: z.array(z.string().min(1)).min(1).nullable() });

/** A question set of tests/eval/ ("questions.jsonl", "casual.jsonl"), each line through zod. */
export function readEvalSet(name: string): Array<z.infer<typeof itemSchema>> {
  return readFileSync(fileURLToPath(new URL(`../eval/${name}`, import.meta.url)), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => itemSchema.parse(JSON.parse(line)));
}

/** Text as compared with an accepted answer: white space squashed, lower case, straight quotes and dashes. */
export const foldForMatch = (s: string): string =>
  squashSpace(s)
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015]/g, "-");
