/**
 * npm run eval: how well articles nobody wrote facts for are answered, side by side with plain
 * BM25 sentence retrieval (MiniSearch), on the labelled articles of tests/fixtures/articles/.
 *
 * For each system and setting it counts, per kind of question:
 * - answerable: right (the answer or its quote holds an accepted answer), wrong, declined;
 * - off-topic and tricky (the article does not say): declined.
 *
 * Settings:
 * - alone: each article loaded with the seeded article only, as after `kb add`;
 * - together: every article of the split and the seeded article loaded at once, questions asked
 *   of all of them (a question about one article must not be answered from another).
 *
 * Systems:
 * - engine: createEngine, exactly as the bot answers (curated facts, then sentences);
 * - engine's best sentence: the same with the model's threshold at 0, so it never declines
 *   (how well it ranks, next to BM25's ranking);
 * - BM25: MiniSearch over the same sentences, configured as its documentation suggests (stop
 *   words out, prefix search, fuzzy matching for terms over 3 characters); it always answers
 *   with its best sentence;
 * - BM25 + threshold: the same, declining below the score that was most often right on the
 *   tuning articles (right answers plus declined questions the article does not answer).
 *
 * Usage: npm run eval [-- --split heldout|tune|all] [--json]
 *        npm run eval -- --text FILE.txt --questions FILE.jsonl [--title T]   (any article and question set)
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import MiniSearch from "minisearch";
import { z } from "zod";
import { shippedModel } from "../src/engine/answer-model.ts";
import { createEngine } from "../src/engine/engine.ts";
import { STOP_WORDS } from "../src/engine/stopwords.ts";
import { splitSentences } from "../src/engine/sentences.ts";
import { splitParagraphs } from "../src/knowledge/article-text.ts";
import { loadKnowledge, type Article, type KnowledgeBase } from "../src/knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import { holdsAnswer, readCorpus, type LabelledArticle, type LabelledQuestion } from "../tests/helpers/corpus.ts";

interface Reply {
  answered: boolean;
  text: string;
  /** the engine's confidence; none for BM25 */
  confidence?: number;
}
type System = (question: string) => Reply;

interface Tally {
  /** answers given with a confidence of 0.8 or more, and how many of them were right */
  sure: { answers: number; right: number };
  answerable: { total: number; right: number; wrong: number; declined: number };
  offtopic: { total: number; declined: number };
  tricky: { total: number; declined: number };
}

const { values } = parseArgs({
  options: {
    split: { type: "string", default: "heldout" },
    json: { type: "boolean", default: false },
    text: { type: "string" },
    questions: { type: "string" },
    title: { type: "string" },
    thresholds: { type: "string", default: "" },
  },
});
/** Extra engine rows at other confidence thresholds (--thresholds 0.4,0.5). */
const extraThresholds = values.thresholds
  .split(",")
  .filter((t) => t.trim())
  .map((t) => z.coerce.number().min(0).max(1).parse(t));

const seed = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const articles = values.text ? [externalArticle(values.text, values.questions, values.title)] : readSplit(values.split);
const bm25Threshold = tuneBm25Threshold(readCorpus("tune"));

const rows: Array<{ setting: string; system: string; tally: Tally }> = [];
for (const setting of ["alone", "together"] as const) {
  if (setting === "together" && articles.length < 2) continue;
  const groups = setting === "alone" ? articles.map((a) => [a]) : [articles];
  const tallies = { engine: emptyTally(), engineAlways: emptyTally(), bm25: emptyTally(), bm25Threshold: emptyTally() };
  const atThreshold = extraThresholds.map(() => emptyTally());
  for (const group of groups) {
    const kb: KnowledgeBase = { ...seed, articles: [...seed.articles, ...group.map((g) => g.article)] };
    const engine = createEngine(kb);
    const always = createEngine(kb, { answerModel: { ...shippedModel(), threshold: 0 } });
    const bm25 = bm25Over(kb.articles);
    const questions = group.flatMap((g) => g.questions);
    score(tallies.engine, questions, (q) => {
      const r = engine.ask(q);
      return { answered: r.answered, text: `${r.answer ?? ""} \u0000 ${r.sources[0]?.quote ?? ""}`, confidence: r.confidence };
    });
    score(tallies.engineAlways, questions, (q) => {
      const r = always.ask(q);
      return { answered: r.answered, text: `${r.answer ?? ""} \u0000 ${r.sources[0]?.quote ?? ""}` };
    });
    extraThresholds.forEach((threshold, i) => {
      const at = createEngine(kb, { answerModel: { ...shippedModel(), threshold } });
      score(atThreshold[i] ?? emptyTally(), questions, (q) => {
        const r = at.ask(q);
        return { answered: r.answered, text: `${r.answer ?? ""} \u0000 ${r.sources[0]?.quote ?? ""}` };
      });
    });
    score(tallies.bm25, questions, (q) => bm25(q, -Infinity));
    score(tallies.bm25Threshold, questions, (q) => bm25(q, bm25Threshold));
  }
  rows.push({ setting, system: "engine", tally: tallies.engine });
  extraThresholds.forEach((threshold, i) => rows.push({ setting, system: `engine, threshold ${threshold}`, tally: atThreshold[i] ?? emptyTally() }));
  rows.push({ setting, system: "engine's best sentence, never declines", tally: tallies.engineAlways });
  rows.push({ setting, system: "BM25 (MiniSearch), always answers", tally: tallies.bm25 });
  rows.push({ setting, system: `BM25 (MiniSearch), declines below ${bm25Threshold.toFixed(1)}`, tally: tallies.bm25Threshold });
}

if (values.json) {
  console.log(JSON.stringify({ articles: articles.map((a) => a.article.id), rows }, null, 1));
} else {
  const questions = articles.reduce((n, a) => n + a.questions.length, 0);
  console.log(`${articles.length} article(s), ${questions} questions (${values.text ? basename(values.text) : `split: ${values.split}`})\n`);
  console.log("| setting | system | answerable right | wrong | declined | off-topic declined | tricky declined |");
  console.log("|---|---|---:|---:|---:|---:|---:|");
  for (const { setting, system, tally } of rows) {
    const a = tally.answerable;
    console.log(
      `| ${setting} | ${system} | ${share(a.right, a.total)} | ${share(a.wrong, a.total)} | ${a.declined} | ${share(tally.offtopic.declined, tally.offtopic.total)} | ${share(tally.tricky.declined, tally.tricky.total)} |`,
    );
  }
  console.log("\nCalibration: of the engine's answers given with a confidence of 0.8 or more, how many were right");
  for (const { setting, system, tally } of rows) if (system === "engine") console.log(`  ${setting}: ${share(tally.sure.right, tally.sure.answers)}`);
}

function readSplit(split: string): LabelledArticle[] {
  if (split === "all") return readCorpus();
  if (split === "heldout" || split === "tune") return readCorpus(split);
  throw new Error(`--split must be heldout, tune or all, not "${split}"`);
}

/** An article and its questions from outside the corpus (the shared scorer's format: {"q", "expect"}). */
function externalArticle(textFile: string, questionsFile: string | undefined, title: string | undefined): LabelledArticle {
  if (!questionsFile) throw new Error("--text needs --questions FILE.jsonl");
  const line = z.object({ q: z.string(), expect: z.array(z.string()).nullable(), kind: z.enum(["answerable", "offtopic", "tricky"]).optional() });
  const id = basename(textFile).replace(/\.[^.]+$/, "").toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const questions = readFileSync(questionsFile, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l): LabelledQuestion => {
      const q = line.parse(JSON.parse(l));
      return { articleId: id, q: q.q, expect: q.expect, kind: q.kind ?? (q.expect ? "answerable" : "offtopic") };
    });
  return {
    article: { id, title: title ?? id, paragraphs: splitParagraphs(readFileSync(textFile, "utf8")) },
    genre: "external",
    split: "heldout",
    questions,
  };
}

function emptyTally(): Tally {
  return { sure: { answers: 0, right: 0 }, answerable: { total: 0, right: 0, wrong: 0, declined: 0 }, offtopic: { total: 0, declined: 0 }, tricky: { total: 0, declined: 0 } };
}

function score(tally: Tally, questions: readonly LabelledQuestion[], system: System): void {
  for (const question of questions) {
    const reply = system(question.q);
    if (reply.answered && (reply.confidence ?? 0) >= 0.8) {
      tally.sure.answers++;
      if (holdsAnswer(reply.text, question.expect)) tally.sure.right++;
    }
    if (question.expect === null) {
      const bucket = question.kind === "tricky" ? tally.tricky : tally.offtopic;
      bucket.total++;
      if (!reply.answered) bucket.declined++;
      continue;
    }
    tally.answerable.total++;
    if (!reply.answered) tally.answerable.declined++;
    else if (holdsAnswer(reply.text, question.expect)) tally.answerable.right++;
    else tally.answerable.wrong++;
  }
}

/** MiniSearch over every sentence of the articles, configured as its documentation suggests. */
function sentenceSearch(all: readonly Article[]): MiniSearch {
  const documents = all.flatMap((article) => article.paragraphs.flatMap((p) => splitSentences(p).map((s) => p.slice(s.start, s.end)))).map((text, id) => ({ id, text }));
  const search = new MiniSearch({
    fields: ["text"],
    storeFields: ["text"],
    processTerm: (term) => {
      const lower = term.toLowerCase();
      return STOP_WORDS.has(lower) ? null : lower;
    },
    searchOptions: { prefix: true, fuzzy: (term) => (term.length > 3 ? 0.2 : false) },
  });
  search.addAll(documents);
  return search;
}

/** MiniSearch over every sentence; answers with the best sentence at or above `threshold`. */
function bm25Over(all: readonly Article[]): (question: string, threshold: number) => Reply {
  const search = sentenceSearch(all);
  return (question, threshold) => {
    const best = search.search(question)[0];
    if (!best || best.score < threshold) return { answered: false, text: "" };
    return { answered: true, text: String(best["text"] ?? "") };
  };
}

/** The BM25 score below which declining was most often right on the tuning articles (right answers plus right declines, each article alone). */
function tuneBm25Threshold(tune: readonly LabelledArticle[]): number {
  const scored: Array<{ score: number; answerable: boolean; right: boolean }> = [];
  for (const labelled of tune) {
    const search = sentenceSearch([...seed.articles, labelled.article]);
    for (const q of labelled.questions) {
      const best = search.search(q.q)[0];
      if (!best) continue;
      const text = String(best["text"] ?? "");
      scored.push({ score: best.score, answerable: q.expect !== null, right: holdsAnswer(text, q.expect) });
    }
  }
  let best = { threshold: 0, utility: -Infinity };
  for (const { score: candidate } of scored) {
    let utility = 0;
    for (const s of scored) if (s.score >= candidate ? s.right : !s.answerable) utility++;
    if (utility > best.utility) best = { threshold: candidate, utility };
  }
  return best.threshold;
}

function share(n: number, total: number): string {
  return total === 0 ? "-" : `${n}/${total} (${((100 * n) / total).toFixed(0)}%)`;
}
