// Dev aid: for a question set, the engine's sentence pick, its confidence, and whether it holds an accepted answer.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createEngine } from "../src/engine/engine.ts";
import { Analyzer } from "../src/engine/analyzer.ts";
import { SentenceAnswerer } from "../src/engine/sentence-answerer.ts";
import { SentenceIndex } from "../src/engine/sentence-index.ts";
import { shippedModel } from "../src/engine/answer-model.ts";
import { splitParagraphs } from "../src/knowledge/article-text.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import { holdsAnswer } from "../tests/helpers/corpus.ts";

const { values } = parseArgs({ options: { text: { type: "string" }, questions: { type: "string" } } });
const seed = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const article = { id: "x", title: "x", paragraphs: splitParagraphs(readFileSync(values.text ?? "", "utf8")) };
const index = new SentenceIndex([...seed.articles, article], new Analyzer(seed.synonyms), seed.facts);
const answerer = new SentenceAnswerer(index, shippedModel());
let hist = new Map<string, [number, number]>();
for (const line of readFileSync(values.questions ?? "", "utf8").split("\n").filter((l) => l.trim())) {
  const q = JSON.parse(line) as { q: string; expect: string[] | null };
  const a = answerer.answer(q.q);
  const right = !!a && holdsAnswer(a.quote, q.expect);
  const tag = q.expect === null ? "UNANS" : right ? "RIGHT" : "WRONG";
  console.log(`${(a?.confidence ?? 0).toFixed(2)} ${tag} ${q.q}\n        -> ${a?.quote.slice(0, 150)}`);
  const bin = `${tag}`; const h = hist.get(bin) ?? [0, 0]; h[0]++; h[1] += a?.confidence ?? 0; hist.set(bin, h);
}
for (const [k, [n, s]] of hist) console.log(k, n, (s / n).toFixed(2));
