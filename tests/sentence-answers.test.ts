import { describe, expect, it } from "vitest";
import { answerModelSchema, linearScore, shippedModel } from "../src/engine/answer-model.ts";
import { Analyzer } from "../src/engine/analyzer.ts";
import { createEngine } from "../src/engine/engine.ts";
import { MAX_QUOTE, SentenceAnswerer } from "../src/engine/sentence-answerer.ts";
import { analyzeForSentences } from "../src/engine/sentence-features.ts";
import { SentenceIndex } from "../src/engine/sentence-index.ts";
import { findQuote } from "../src/knowledge/article-text.ts";
import type { KnowledgeFact } from "../src/knowledge/load.ts";
import { FERRY, LIBRARY, uncuratedKnowledge } from "./helpers/uncurated-kb.ts";

const engine = createEngine(uncuratedKnowledge());

describe("answers from an article's own sentences", () => {
  it("answers with the sentence that holds the answer, verbatim, in its paragraph, as 'According to the article, …'", () => {
    const result = engine.ask("How much did the library renovation cost?");
    expect(result.answered).toBe(true);
    const source = result.sources[0];
    expect(source).toMatchObject({ article: LIBRARY.id, title: LIBRARY.title, paragraph: 1, factId: `${LIBRARY.id}--1` });
    expect(source?.quote).toContain("£3.2 million");
    expect(findQuote(LIBRARY.paragraphs, source?.quote ?? "")).toEqual([1]);
    expect(result.answer).toBe(`According to the article, the town of Millbrook reopened its public library on Saturday after a renovation that took 18 months and cost £3.2 million.`);
    expect(result.confidence).toBeGreaterThanOrEqual(shippedModel().threshold);
  });

  it("ranks the sentence that answers above one that only shares its words", () => {
    const index = new SentenceIndex(uncuratedKnowledge().articles, new Analyzer([]));
    const answerer = new SentenceAnswerer(index, shippedModel());
    const candidates = answerer.candidates(analyzeForSentences("How much did the library renovation cost?", index));
    const order = candidates
      .map((c) => ({ text: index.sentences[c.position]?.text ?? "", score: linearScore(shippedModel().ranker, c.features) }))
      .sort((a, b) => b.score - a.score)
      .map((c) => c.text);
    const total = order.findIndex((t) => t.includes("cost £3.2 million"));
    const part = order.findIndex((t) => t.includes("It closed for the renovation in March 2023"));
    expect(total).toBe(0);
    expect(part).toBeGreaterThan(total);
  });

  it("answers each question from the article it is about", () => {
    expect(engine.ask("How many people use the ferry each day?").sources[0]).toMatchObject({ article: FERRY.id, paragraph: 3 });
    expect(engine.ask("When did the library first open?").sources[0]).toMatchObject({ article: LIBRARY.id, paragraph: 4 });
    expect(engine.ask("When did the library first open?").sources[0]?.quote).toContain("1898");
  });

  it("keeps to one article when asked to", () => {
    const result = engine.ask("How many people use the ferry each day?", { article: LIBRARY.id });
    expect(result.sources.every((s) => s.article === LIBRARY.id)).toBe(true);
  });

  it("declines what neither article says, and says how close it came", () => {
    for (const question of ["Who won the World Cup in 2018?", "What is the capital of France?", "How do solar panels work?"]) {
      const result = engine.ask(question);
      expect(result.answered, question).toBe(false);
      expect(result.message).toMatch(/^The article doesn't say anything about that\./);
      expect(result.confidence).toBeLessThan(shippedModel().threshold);
    }
  });

  it("cites a sentence that leans on the one before together with it, when the question's names are there", () => {
    const index = new SentenceIndex(uncuratedKnowledge().articles, new Analyzer([]));
    const found = new SentenceAnswerer(index, shippedModel()).answer("Since when has Grace Okonedo run the library?");
    expect(found?.quote).toBe(
      "The head librarian, Grace Okonedo, said the building now has a children's wing, a café and 40 public computers. She has run the library since 2019.",
    );
    expect(findQuote(LIBRARY.paragraphs, found?.quote ?? "")).toEqual([3]);
  });

  it("cuts a sentence too long for an answer to the clauses that answer, verbatim", () => {
    const long = LIBRARY.paragraphs[4] ?? "";
    expect(long.length).toBeGreaterThan(MAX_QUOTE);
    const result = engine.ask("How much do visitors from elsewhere pay to borrow books?");
    expect(result.answered).toBe(true);
    const quote = result.sources[0]?.quote ?? "";
    expect(quote.length).toBeLessThanOrEqual(MAX_QUOTE);
    expect(quote).toContain("£12 a year");
    expect(long).toContain(quote);
    expect(result.answer?.length).toBeLessThanOrEqual(400);
  });

  it("resolves a sentence's id like a fact's, for 'Show source' and votes", () => {
    const fact = engine.fact(`${FERRY.id}--2`);
    expect(fact).toMatchObject({ articleId: FERRY.id, paragraph: 2, kind: "statement", draft: false });
    expect(fact?.quote).toBe("Estuary Boats said the ferry lost £240,000 last year because passenger numbers fell after the new road bridge opened.");
    expect(fact?.answer).toBe(`According to the article, ${fact?.quote}`);
    expect(engine.fact(`${FERRY.id}--99`)).toBeUndefined();
  });
});

describe("curated facts come first", () => {
  const curated: KnowledgeFact = {
    id: "library-cost",
    articleId: LIBRARY.id,
    kind: "statement",
    answer: "According to the article, the renovation cost £3.2 million.",
    quote: "cost £3.2 million",
    paragraph: 1,
    questions: ["How much did the library renovation cost?", "what did the renovation cost", "library renovation price"],
    keywords: ["cost", "renovation"],
    entities: [],
    draft: false,
  };

  it("answers with the curated fact where it matches, and never cites the sentence it quotes", () => {
    const withFact = createEngine({ ...uncuratedKnowledge(), facts: [curated] });
    const result = withFact.ask("How much did the library renovation cost?");
    expect(result.sources[0]?.factId).toBe("library-cost");
    expect(result.answer).toBe(curated.answer);
    // the quoted sentence is the fact's now: a question the fact does not match cannot reach it
    const other = withFact.ask("When did the library reopen after the renovation?");
    expect(other.sources.map((s) => s.factId)).not.toContain(`${LIBRARY.id}--1`);
  });

  it("still answers from the sentences no curated fact quotes", () => {
    const withFact = createEngine({ ...uncuratedKnowledge(), facts: [curated] });
    expect(withFact.ask("How many people use the ferry each day?").sources[0]?.article).toBe(FERRY.id);
  });
});

describe("the answer model file", () => {
  it("is refused, with what to do, when its features are not the engine's", () => {
    const model = shippedModel();
    const stale = { ...model, features: [...model.features.slice(1), "somethingElse"] };
    const parsed = answerModelSchema.safeParse(stale);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/run npm run train/);
  });

  it("has a threshold and the record of how it was trained", () => {
    const model = shippedModel();
    expect(model.threshold).toBeGreaterThan(0.3);
    expect(model.threshold).toBeLessThan(0.95);
    expect(model.training).toMatchObject({ command: "npm run train" });
  });
});
