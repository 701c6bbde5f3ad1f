/**
 * npm run train: fits the sentence-answering model on the tuning articles of
 * tests/fixtures/articles/ and writes src/engine/answer-model.json.
 *
 * - Candidates: for each question, the retrieval shortlist from an index holding the seeded
 *   article, the question's own article and two other tuning articles (so that telling articles
 *   apart is part of what is learned), each with its features (src/engine/sentence-features.ts).
 *   A candidate is right when it is from the question's article and holds an accepted answer.
 * - The ranker (a conditional logit with a "none" option) is fitted on every question.
 * - The verifier (a logistic regression on the ranker's pick) is fitted on picks made by rankers
 *   that had not seen the pick's article (leave one article out), so it learns how often a pick
 *   is right on an article nobody tuned for: its probability is the confidence.
 * - The threshold is the confidence that maximises right answers minus twice the wrong ones
 *   (a wrong answer costs twice what a right one is worth), over the same held-out picks.
 * - Leave-one-article-out cross-validation of the whole procedure is reported, with calibration.
 *
 * Usage: npm run train [-- --check]   (--check: fit and report, write nothing)
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Analyzer } from "../src/engine/analyzer.ts";
import { MODEL_FILE, MODEL_FORMAT, VERIFIER_INPUTS, pickOf, type AnswerModel, type LinearModel } from "../src/engine/answer-model.ts";
import { SentenceAnswerer } from "../src/engine/sentence-answerer.ts";
import { analyzeForSentences, FEATURE_NAMES } from "../src/engine/sentence-features.ts";
import { SentenceIndex } from "../src/engine/sentence-index.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import { holdsAnswer, readCorpus, type LabelledQuestion } from "../tests/helpers/corpus.ts";
import { fitChoice, fitLogistic, predict, type FittedModel } from "./logistic.ts";

const CANDIDATES = 30;
const L2 = 1;
/** A wrong answer costs this many right ones. */
const WRONG_COST = 2;

interface Item {
  question: LabelledQuestion;
  rows: number[][];
  /** the candidates' sentences, for --show */
  texts: string[];
  /** the index of the right candidate, or -1 */
  answer: number;
}

const { values } = parseArgs({ options: { check: { type: "boolean", default: false }, show: { type: "string" } } });
const started = performance.now();
const corpus = readCorpus("tune");
const seed = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const analyzer = new Analyzer(seed.synonyms);
const stub: AnswerModel = {
  format: MODEL_FORMAT,
  candidates: CANDIDATES,
  features: [...FEATURE_NAMES],
  ranker: { mean: [], scale: [], weights: [], bias: 0 },
  verifierInputs: [...VERIFIER_INPUTS],
  verifier: { mean: [], scale: [], weights: [], bias: 0 },
  threshold: 0.5,
  training: {},
};

// Candidates and features, once.
const items: Item[] = [];
corpus.forEach((labelled, i) => {
  const neighbours = [corpus[(i + 1) % corpus.length], corpus[(i + 2) % corpus.length]].flatMap((c) => (c && c !== labelled ? [c.article] : []));
  const index = new SentenceIndex([...seed.articles, labelled.article, ...neighbours], analyzer);
  const answerer = new SentenceAnswerer(index, stub);
  for (const question of labelled.questions) {
    const candidates = answerer.candidates(analyzeForSentences(question.q, index));
    const answer = candidates.findIndex((c) => {
      const sentence = index.sentences[c.position];
      return sentence?.articleId === question.articleId && holdsAnswer(sentence.text, question.expect);
    });
    items.push({ question, rows: candidates.map((c) => c.features), texts: candidates.map((c) => index.sentences[c.position]?.text ?? ""), answer });
  }
});

const fitRanker = (train: readonly Item[]) => fitChoice(train.map((t) => ({ rows: t.rows, answer: t.answer })), { l2: L2 });

/** Folds for the verifier's data: the articles dealt into this many groups. */
const INNER_FOLDS = 4;

/** The verifier's training data: each item's pick by a ranker that never saw its article (articles in INNER_FOLDS groups). */
function heldOutPicks(train: readonly Item[]): Array<{ item: Item; inputs: number[]; right: boolean }> {
  const picks: Array<{ item: Item; inputs: number[]; right: boolean }> = [];
  const articles = [...new Set(train.map((t) => t.question.articleId))];
  for (let fold = 0; fold < INNER_FOLDS; fold++) {
    const out = new Set(articles.filter((_, i) => i % INNER_FOLDS === fold));
    const ranker = toLinear(fitRanker(train.filter((t) => !out.has(t.question.articleId))));
    for (const item of train.filter((t) => out.has(t.question.articleId))) {
      const pick = pickOf(ranker, item.rows);
      if (pick) picks.push({ item, inputs: pick.inputs, right: pick.index === item.answer });
    }
  }
  return picks;
}

function toLinear(model: FittedModel): LinearModel {
  return { mean: model.mean, scale: model.scale.map((s) => (s > 0 ? s : 1)), weights: model.weights, bias: model.bias };
}

interface Outcome {
  item: Item;
  confidence: number;
  right: boolean;
  pick: number;
}

/** Leave one article out: the whole procedure (ranker, verifier) fitted without it, then run on it. */
const outcomes: Outcome[] = [];
for (const article of new Set(items.map((t) => t.question.articleId))) {
  const train = items.filter((t) => t.question.articleId !== article);
  const ranker = toLinear(fitRanker(train));
  const picks = heldOutPicks(train);
  const verifier = fitLogistic(
    picks.map((p) => p.inputs),
    picks.map((p) => (p.right ? 1 : 0)),
    { l2: L2 },
  );
  for (const item of items.filter((t) => t.question.articleId === article)) {
    const pick = pickOf(ranker, item.rows);
    outcomes.push({ item, confidence: pick ? predict(verifier, pick.inputs) : 0, right: pick !== undefined && pick.index === item.answer, pick: pick?.index ?? -1 });
  }
}

const threshold = bestThreshold(outcomes);
const report = summarise(outcomes, threshold);
const calibration = calibrationTable(outcomes);

// The shipped model: the ranker on everything, the verifier on held-out picks from everything.
const ranker = toLinear(fitRanker(items));
const allPicks = heldOutPicks(items);
const verifier = toLinear(
  fitLogistic(
    allPicks.map((p) => p.inputs),
    allPicks.map((p) => (p.right ? 1 : 0)),
    { l2: L2 },
  ),
);
const model: AnswerModel = {
  ...stub,
  ranker: round(ranker),
  verifier: round(verifier),
  threshold: Math.round(threshold * 1000) / 1000,
  training: {
    command: "npm run train",
    articles: corpus.map((c) => c.article.id),
    questions: items.length,
    crossValidation: { method: "leave one article out", threshold, ...report, calibration },
  },
};

console.log(`Trained on ${corpus.length} articles, ${items.length} questions (${((performance.now() - started) / 1000).toFixed(1)} s).`);
console.log(`Leave-one-article-out, at the chosen threshold ${threshold.toFixed(2)}:`);
console.log(`  answerable: ${report.answerable.right}/${report.answerable.total} right, ${report.answerable.wrong} wrong, ${report.answerable.declined} declined`);
console.log(`  off-topic:  ${report.offtopic.declined}/${report.offtopic.total} declined`);
console.log(`  tricky:     ${report.tricky.declined}/${report.tricky.total} declined`);
console.log("  at other thresholds (answerable right, wrong; off-topic and tricky declined):");
for (const t of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
  const r = summarise(outcomes, t);
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(d, 1)).toFixed(0)}%`;
  console.log(`    ${t.toFixed(1)}: ${pct(r.answerable.right, r.answerable.total)} right, ${pct(r.answerable.wrong, r.answerable.total)} wrong; ${pct(r.offtopic.declined, r.offtopic.total)}, ${pct(r.tricky.declined, r.tricky.total)} declined`);
}
console.log("  calibration (answers by confidence: how many, how many right):");
for (const row of calibration) console.log(`    ${row.range.padEnd(10)} ${String(row.answers).padStart(4)} ${String(row.right).padStart(4)}  ${row.answers ? ((100 * row.right) / row.answers).toFixed(0) : "-"}%`);
console.log("  ranker weights (standardised features):");
FEATURE_NAMES.forEach((name, j) => console.log(`    ${name.padEnd(22)} ${(ranker.weights[j] ?? 0).toFixed(3)}`));
if (values.show) {
  // dev aid: the held-out outcomes of one kind ("offtopic", "tricky", "wrong", "declined") above/below 0.5
  for (const o of outcomes) {
    const kind = o.item.question.kind;
    const show =
      values.show === "wrong" ? kind === "answerable" && !o.right && o.confidence >= 0.5
      : values.show === "declined" ? kind === "answerable" && o.right && o.confidence < 0.5
      : kind === values.show && o.confidence >= 0.5;
    if (show) console.log(`${o.confidence.toFixed(2)} ${o.item.question.q}  [${o.item.question.expect?.join(" | ") ?? ""}]\n      -> ${(o.item.texts[o.pick] ?? "").slice(0, 180)}`);
  }
}
if (!values.check) {
  writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 1)}\n`);
  console.log(`Wrote ${MODEL_FILE.pathname}`);
}

function bestThreshold(results: readonly Outcome[]): number {
  let best = { threshold: 0.5, utility: -Infinity };
  for (let t = 0.2; t <= 0.951; t += 0.01) {
    let utility = 0;
    for (const r of results) if (r.confidence >= t) utility += r.right ? 1 : -WRONG_COST;
    if (utility > best.utility) best = { threshold: t, utility };
  }
  return best.threshold;
}

function summarise(results: readonly Outcome[], t: number) {
  const of = (kind: string) => results.filter((r) => r.item.question.kind === kind);
  const answerable = of("answerable");
  return {
    answerable: {
      total: answerable.length,
      right: answerable.filter((r) => r.confidence >= t && r.right).length,
      wrong: answerable.filter((r) => r.confidence >= t && !r.right).length,
      declined: answerable.filter((r) => r.confidence < t).length,
    },
    offtopic: { total: of("offtopic").length, declined: of("offtopic").filter((r) => r.confidence < t).length },
    tricky: { total: of("tricky").length, declined: of("tricky").filter((r) => r.confidence < t).length },
  };
}

function calibrationTable(results: readonly Outcome[]) {
  const edges = [0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001];
  return edges.slice(0, -1).map((low, i) => {
    const high = edges[i + 1] ?? 1;
    const bin = results.filter((r) => r.confidence >= low && r.confidence < high);
    return { range: `${low.toFixed(1)}-${Math.min(high, 1).toFixed(1)}`, answers: bin.length, right: bin.filter((r) => r.right).length };
  });
}

function round(model: LinearModel): LinearModel {
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  return { mean: model.mean.map(r), scale: model.scale.map(r), weights: model.weights.map(r), bias: r(model.bias) };
}
