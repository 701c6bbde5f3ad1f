import { fc, test } from "@fast-check/vitest";
import { beforeAll, describe, expect } from "vitest";
import { Analyzer } from "../../src/engine/analyzer.ts";
import { createEngine } from "../../src/engine/engine.ts";
import { foldText } from "../../src/engine/normalize.ts";
import { checkQuestion, cleanQuestion, MAX_QUESTION_LENGTH } from "../../src/engine/question.ts";
import { preloadLexicon } from "../../src/engine/word-class.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../../src/paths.ts";
import { hasLoneSurrogate } from "../helpers/embed-limits.ts";
import { bounded } from "./bounded.ts";
import { hostileText, invisiblyNoisyQuestion, longHostileText, noisyQuestion } from "./arbitraries.ts";


const kb = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const engine = createEngine(kb);
const analyzer = new Analyzer(kb.synonyms);
const questions = new Set(kb.facts.flatMap((f) => f.questions));
const factIds = new Set(kb.facts.map((f) => f.id));
const sentences = new Set(kb.articles.flatMap((a) => a.paragraphs));

beforeAll(() => {
  // One-time costs (the lexicon, JIT, fuse.js indexes) are not what the bound guards.
  preloadLexicon();
  engine.ask("When was NATO founded?");
  engine.search("ceasfire zelenksy macron", 10);
  engine.suggestQuestions("when was na");
  engine.summarize(undefined, { topic: "nato" });
});

const LONG = longHostileText(10_000);

describe("engine on hostile text up to 10,000 characters: never throws, bounded time, sane results", () => {
  test.prop([LONG], { numRuns: 40 })("ask", (text) => {
    const result = bounded("ask", () => engine.ask(text));
    expect(["answered", "declined", "invalid"]).toContain(result.status);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    if (result.status !== "invalid") {
      expect(result.question.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
      expect(hasLoneSurrogate(result.question)).toBe(false);
    }
    for (const s of result.suggested) expect(factIds.has(s.factId)).toBe(true);
  });

  test.prop([LONG.map((t) => t.slice(0, MAX_QUESTION_LENGTH))], { numRuns: 60 })("ask on text short enough to be matched", (text) => {
    const result = bounded("ask", () => engine.ask(text));
    if (result.answered) expect(result.sources.length).toBeGreaterThan(0);
    for (const s of result.sources) expect(factIds.has(s.factId)).toBe(true);
  });

  test.prop([LONG], { numRuns: 40 })("search", (text) => {
    const ranked = bounded("search", () => engine.search(text, 10));
    expect(ranked.length).toBeLessThanOrEqual(10);
    for (const r of ranked) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
  });

  test.prop([LONG], { numRuns: 30 })("suggestQuestions", (text) => {
    const choices = bounded("suggestQuestions", () => engine.suggestQuestions(text, 25));
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(questions.has(c.question)).toBe(true);
      expect(factIds.has(c.factId)).toBe(true);
    }
  });

  test.prop([LONG], { numRuns: 40 })("summarize with a topic", (text) => {
    const summary = bounded("summarize", () => engine.summarize(undefined, { topic: text }));
    expect(summary.points.length).toBeLessThanOrEqual(8);
    for (const p of summary.points) expect([...sentences].some((s) => s.includes(p.text))).toBe(true);
  });

  test.prop([LONG], { numRuns: 60 })("foldText and the analyzer", (text) => {
    const folded = bounded("foldText", () => foldText(text));
    expect(folded).toMatch(/^(?:[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*)?$/u);
    const analyzed = bounded("analyze", () => analyzer.analyze(text));
    for (const token of analyzed.tokens) expect(token.length).toBeGreaterThan(0);
  });

  test.prop([LONG], { numRuns: 100 })("checkQuestion", (text) => {
    const check = bounded("checkQuestion", () => checkQuestion(text));
    if (!check.ok) {
      expect(check.message.length).toBeLessThan(200);
      return;
    }
    const q = check.question;
    expect(q.length).toBeGreaterThan(0);
    expect(q.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
    expect(hasLoneSurrogate(q)).toBe(false);
    expect(q).not.toMatch(/[\p{Cc}\p{Cf}]|\s\s|^\s|\s$/u);
    // Cleaning a clean question changes nothing.
    expect(cleanQuestion(q)).toBe(q);
  });
});

describe("real questions with noise injected", () => {
  test.prop([noisyQuestion], { numRuns: 150 })("never throw, stay bounded, and answer only with real facts", (text) => {
    const result = bounded("ask", () => engine.ask(text));
    if (result.answered) {
      expect(result.answer).toBe(engine.fact(result.sources[0]?.factId ?? "")?.answer);
    }
    bounded("search", () => engine.search(text, 5));
  });

  // fuse.js over every alternate question: the slowest call here (tens of ms), so fewer runs.
  test.prop([noisyQuestion], { numRuns: 30 })("autocomplete never throws, stays bounded, and offers only real questions", (text) => {
    for (const c of bounded("suggestQuestions", () => engine.suggestQuestions(text))) expect(questions.has(c.question)).toBe(true);
  });

  test.prop([invisiblyNoisyQuestion], { numRuns: 200 })(
    "invisible characters and extra white space change nothing: same answer, same sources, same confidence",
    ({ clean, noisy }) => {
      const expected = engine.ask(clean);
      const got = engine.ask(noisy);
      expect(got.question).toBe(expected.question);
      expect({ status: got.status, answer: got.answer, confidence: got.confidence }).toEqual({
        status: expected.status,
        answer: expected.answer,
        confidence: expected.confidence,
      });
      expect(got.sources.map((s) => s.factId)).toEqual(expected.sources.map((s) => s.factId));
      expect(got.suggestions).toEqual(expected.suggestions);
    },
  );

  test.prop([invisiblyNoisyQuestion], { numRuns: 150 })(
    "search, which does not go through checkQuestion, also ignores invisible characters",
    ({ clean, noisy }) => {
      const order = (text: string) => engine.search(text, 5).map((r) => [r.entry.fact.id, r.score.toFixed(6)]);
      expect(order(noisy)).toEqual(order(clean));
    },
  );

  test.prop([hostileText(20), fc.integer({ min: 1, max: 8 })], { numRuns: 100 })(
    "a lone surrogate anywhere is shown as U+FFFD, not dropped or kept",
    (text, at) => {
      const raw = `${text.slice(0, at)}\ud800x${text.slice(at)} nato`;
      const check = checkQuestion(raw);
      expect(check.ok).toBe(true);
      if (check.ok) {
        expect(hasLoneSurrogate(check.question)).toBe(false);
        expect(check.question).toContain("\ufffd");
      }
    },
  );
});
