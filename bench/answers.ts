/**
 * npm run bench:answers: how fast the engine answers from articles' sentences with ten articles
 * loaded (the held-out articles of tests/fixtures/articles/ and the seeded one), and how long it
 * takes to build. Every held-out question and every question of tests/eval/ is asked, after
 * three warm-up passes, over five timed passes; per-question latency in ms.
 *
 * Usage: npm run bench:answers [-- --json]
 */
import { parseArgs } from "node:util";
import { createEngine } from "../src/engine/engine.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import { readCorpus } from "../tests/helpers/corpus.ts";
import { readEvalSet } from "../tests/helpers/eval-set.ts";

const { values } = parseArgs({ options: { json: { type: "boolean", default: false } } });
const seed = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const heldOut = readCorpus("heldout");
const kb = { ...seed, articles: [...seed.articles, ...heldOut.map((h) => h.article)] };
const paragraphs = kb.articles.reduce((n, a) => n + a.paragraphs.length, 0);

const started = performance.now();
const engine = createEngine(kb);
const buildMs = performance.now() - started;

const questions = [...heldOut.flatMap((h) => h.questions.map((q) => q.q)), ...readEvalSet("questions.jsonl").map((q) => q.q), ...readEvalSet("casual.jsonl").map((q) => q.q)];
const first = performance.now();
engine.ask(questions[0] ?? "");
const firstMs = performance.now() - first;
for (let pass = 0; pass < 3; pass++) for (const q of questions) engine.ask(q);
const times: number[] = [];
for (let pass = 0; pass < 5; pass++) {
  for (const q of questions) {
    const t = performance.now();
    engine.ask(q);
    times.push(performance.now() - t);
  }
}
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
const result = {
  articles: kb.articles.length,
  paragraphs,
  questions: questions.length,
  buildMs: Math.round(buildMs),
  firstQuestionMs: Number(firstMs.toFixed(1)),
  p50Ms: Number(at(0.5).toFixed(3)),
  p99Ms: Number(at(0.99).toFixed(3)),
  maxMs: Number((times[times.length - 1] ?? 0).toFixed(3)),
};
if (values.json) console.log(JSON.stringify(result));
else {
  console.log(`${result.articles} articles (${result.paragraphs} paragraphs), ${result.questions} questions × 5 passes`);
  console.log(`build ${result.buildMs} ms; first question ${result.firstQuestionMs} ms; then p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms`);
}
