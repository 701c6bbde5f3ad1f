import { fc, test } from "@fast-check/vitest";
import { escapeMarkdown } from "discord.js";
import { describe, expect, it } from "vitest";
import { aboutEmbed } from "../../src/discord/replies/about.ts";
import { answerReply } from "../../src/discord/replies/answer.ts";
import { checkEmbed } from "../../src/discord/replies/check.ts";
import { decodeButton } from "../../src/discord/replies/custom-ids.ts";
import { factsPage } from "../../src/discord/replies/facts.ts";
import { LIMITS, showLine, truncate } from "../../src/discord/replies/limits.ts";
import { NOTES } from "../../src/discord/replies/notes.ts";
import { locateQuote, sourceEmbed } from "../../src/discord/replies/source.ts";
import { summaryEmbed } from "../../src/discord/replies/summary.ts";
import { createEngine, type AskResult } from "../../src/engine/engine.ts";
import type { RankedFact } from "../../src/engine/match.ts";
import type { Summary } from "../../src/engine/summarize.ts";
import { preloadLexicon } from "../../src/engine/word-class.ts";
import type { Article, KnowledgeBase, KnowledgeFact } from "../../src/knowledge/load.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../../src/paths.ts";
import { choiceProblems, duplicateIds, encodingProblems, hasLoneSurrogate, limitProblems, messageProblems, pingProblems } from "../helpers/embed-limits.ts";
import { factIdLike, hostileText, longHostileText, MENTIONS, noisyQuestion } from "./arbitraries.ts";
import { bounded } from "./bounded.ts";

const kb = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const engine = createEngine(kb);
preloadLexicon();

const LONG = longHostileText(10_000);
/** Hostile text that still has something to show (Discord rejects a blank button label). */
const visible = (max: number) => longHostileText(max).filter((t) => /[\p{L}\p{N}]/u.test(t));

const source = fc.record({
  article: hostileText(5),
  title: longHostileText(400),
  paragraph: fc.integer({ min: 1, max: 1_000_000 }),
  quote: longHostileText(2_000),
  factId: factIdLike,
});
const choice = fc.record({ question: visible(300), factId: factIdLike });

/** An AskResult as the engine's contract allows (1 or 2 sources when answered, distinct facts), with hostile text everywhere. */
function askResult(options: { answerMax: number; maxSources: number; distinct: boolean }): fc.Arbitrary<AskResult> {
  return fc
    .record({
      question: LONG,
      answered: fc.boolean(),
      answer: longHostileText(options.answerMax),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      sources: fc.array(source, { minLength: 1, maxLength: options.maxSources }),
      suggested: fc.array(choice, { maxLength: 3 }),
    })
    .filter(({ sources, suggested }) => {
      if (!options.distinct) return true;
      const ids = [...sources.map((s) => s.factId), ...suggested.map((s) => `ask:${s.factId}`)];
      return new Set(ids).size === ids.length;
    })
    .map(({ question, answered, answer, confidence, sources, suggested }) => ({
      question,
      status: answered ? ("answered" as const) : ("declined" as const),
      answered,
      answer: answered ? answer : null,
      message: answered ? answer : "The article doesn't say anything about that.",
      confidence,
      sources: answered ? sources : [],
      suggestions: suggested.map((s) => s.question),
      suggested,
    }));
}

describe("answerReply", () => {
  test.prop([fc.oneof(noisyQuestion, LONG.map((t) => t.slice(0, 500)), LONG)], { numRuns: 150 })(
    "for anything asked of the engine: within every limit, valid UTF-8, no live mention, unique ids, with or without votes",
    (question) => {
      const result = engine.ask(question);
      for (const votes of [false, true]) expect(messageProblems(answerReply(result, { votes }))).toEqual([]);
    },
  );

  test.prop([LONG, fc.constantFrom("When was NATO founded?", "What is the capital of Poland?", "how many members does nato have")], { numRuns: 100 })(
    "a hostile question shown back (the title) is harmless whatever the engine said",
    (question, asked) => {
      const reply = answerReply({ ...engine.ask(asked), question }, { votes: true });
      expect(messageProblems(reply)).toEqual([]);
    },
  );

  test.prop([askResult({ answerMax: 600, maxSources: 2, distinct: true })], { numRuns: 60 })(
    "hostile answers, quotes, titles and suggestions are cut to Discord's limits, not rejected",
    (result) => {
      const reply = answerReply(result, { votes: true });
      expect(limitProblems(reply)).toEqual([]);
      const description = reply.embeds[0]?.description ?? "";
      if (result.answered) expect(description.length).toBeGreaterThan(0);
    },
  );

  // The fixes for these are in answer.ts, which is not mine to edit: see the report. Remove
  // `.fails` once applied; each then passes.
  it("hostile answers, quotes and titles: no live mention, valid UTF-8", () => {
    fc.assert(
      fc.property(askResult({ answerMax: 300, maxSources: 2, distinct: true }), (result) => {
        const reply = answerReply(result);
        expect([...pingProblems(reply), ...encodingProblems(reply)]).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it("an answer naming @everyone and a role is defused", () => {
    const result = engine.ask("When was NATO founded?");
    const reply = answerReply({ ...result, answer: "According to the article, @everyone <@&123456789012345678> \ud800" });
    expect([...pingProblems(reply), ...encodingProblems(reply)]).toEqual([]);
  });

  it("two sources or suggestions that lead to the same fact still give unique custom ids", () => {
    const result = engine.ask("When was NATO founded?");
    const first = result.sources[0];
    if (!first) throw new Error("expected a source");
    const reply = answerReply({
      ...result,
      sources: [first, first],
      suggested: [{ question: "a?", factId: "x" }, { question: "b?", factId: "x" }],
    });
    expect(duplicateIds(reply)).toEqual([]);
  });

  it("any number of sources fits the 5 buttons of a row, and an answer without sources has no empty row", () => {
    const result = engine.ask("When was NATO founded?");
    const first = result.sources[0];
    if (!first) throw new Error("expected a source");
    const many = ["a", "b", "c", "d"].map((id) => ({ ...first, factId: id }));
    expect(limitProblems(answerReply({ ...result, sources: many }, { votes: true }))).toEqual([]);
    expect(limitProblems(answerReply({ ...result, sources: [] }))).toEqual([]);
  });

  it("a 10,000-character answer is escaped in bounded time", () => {
    const result = engine.ask("When was NATO founded?");
    bounded("answerReply", () => answerReply({ ...result, answer: "`a".repeat(5_000) }));
  });
});

describe("showLine on the knowledge base's own text", () => {
  it("shows exactly what discord.js's escapeMarkdown did, so replies to real questions look the same", () => {
    const texts = [
      ...kb.articles.flatMap((a) => [a.title, ...a.paragraphs]),
      ...kb.facts.flatMap((f) => [f.answer, f.quote, ...f.questions]),
    ];
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) expect(showLine(text)).toBe(escapeMarkdown(text));
  });
});

describe("sourceEmbed", () => {
  const word = fc.oneof(fc.stringMatching(/^[a-z]{1,3}$/), fc.constantFrom(...MENTIONS, "**", "_", "\\", "`", "\ud800", "😀"));
  const space = fc.constantFrom(" ", "  ", "\t", " \u00a0 ");

  test.prop([fc.array(fc.tuple(word, space), { minLength: 1, maxLength: 60 }), fc.nat(), fc.nat(), LONG], { numRuns: 200 })(
    "shows the paragraph with the quote in bold, within the limits and harmless, whatever the text",
    (words, a, b, title) => {
      const paragraph = words.map(([w, s]) => w + s).join("").trim();
      const start = a % words.length;
      const end = start + 1 + (b % (words.length - start));
      const quote = words.slice(start, end).map(([w]) => w).join(" ");
      const fact: KnowledgeFact = { ...(kb.facts[0] as KnowledgeFact), quote, paragraph: 1 };
      const article: Article = { id: "x", title, paragraphs: [paragraph] };
      const embed = sourceEmbed(fact, article);
      expect(messageProblems({ embeds: [embed] })).toEqual([]);
      const found = locateQuote(paragraph, quote);
      expect(found).toBeDefined();
      if (!found) return;
      // The bold part is the quote as the paragraph writes it, white space aside.
      expect(paragraph.slice(found.start, found.end).split(/\s+/).join(" ")).toBe(quote);
      if (paragraph.length < 3_000) expect(embed.description).toContain(`**${showLine(paragraph.slice(found.start, found.end))}**`);
    },
  );

  test.prop([fc.stringMatching(/^[ab \n\t]{0,40}$/), fc.stringMatching(/^[ab \n\t]{0,8}$/)], { numRuns: 500 })(
    "finds the quote exactly where the regular expression it replaces would (white space aside)",
    (paragraph, quote) => {
      const words = quote.trim().split(/\s+/);
      const oracle = words[0] ? new RegExp(words.join("\\s+")).exec(paragraph) : null;
      const found = locateQuote(paragraph, quote);
      expect(found).toEqual(oracle ? { start: oracle.index, end: oracle.index + oracle[0].length } : undefined);
    },
  );

  test.prop([fc.integer({ min: -5, max: 50 }), LONG], { numRuns: 50 })("a paragraph number past the article still gives a valid embed", (paragraph, title) => {
    const fact: KnowledgeFact = { ...(kb.facts[0] as KnowledgeFact), paragraph };
    const article = kb.articles[0] as Article;
    expect(messageProblems({ embeds: [sourceEmbed(fact, { ...article, title })] })).toEqual([]);
  });
});

describe("summaryEmbed", () => {
  test.prop([LONG], { numRuns: 60 })("for any topic asked of the engine", (topic) => {
    expect(messageProblems({ embeds: [summaryEmbed(engine.summarize(undefined, { topic }))] })).toEqual([]);
  });

  const summary: fc.Arbitrary<Summary> = fc.record({
    articleId: hostileText(5),
    title: longHostileText(1_000),
    topic: fc.option(longHostileText(2_000), { nil: null }),
    points: fc.array(fc.record({ text: longHostileText(1_500), paragraph: fc.integer({ min: 1, max: 1_000_000 }) }), { maxLength: 12 }),
  });

  test.prop([summary], { numRuns: 80 })("for a summary with hostile text everywhere", (s) => {
    expect(messageProblems({ embeds: [summaryEmbed(s)] })).toEqual([]);
  });
});

const hostileFact: fc.Arbitrary<KnowledgeFact> = fc
  .record({
    id: factIdLike,
    answer: longHostileText(1_500),
    quote: longHostileText(1_500),
    paragraph: fc.integer({ min: 1, max: 1_000_000 }),
    questions: fc.array(longHostileText(400), { maxLength: 4 }),
  })
  .map((f) => ({ ...(kb.facts[0] as KnowledgeFact), ...f }));

describe("factsPage", () => {
  test.prop([fc.array(hostileFact, { maxLength: 12 }), fc.integer({ min: -1_000, max: 100_000 }), LONG], { numRuns: 80 })(
    "any facts, page and topic: within the limits, harmless, distinct button ids",
    (facts, page, topic) => {
      const reply = factsPage(facts, page, topic);
      expect(messageProblems(reply)).toEqual([]);
    },
  );

  test.prop([fc.integer({ min: -10, max: 100 }), hostileText(10)], { numRuns: 150 })(
    "the buttons decode to the page they show, for any topic /facts accepts (at most 80 characters)",
    (page, rawTopic) => {
      const topic = rawTopic.slice(0, 80);
      const facts = [...engine.facts];
      const reply = factsPage(facts, page, topic);
      expect(messageProblems(reply)).toEqual([]);
      const pages = Math.ceil(facts.length / 5);
      const shown = Math.min(Math.max(0, page), pages - 1);
      const [previous, next] = reply.components[0]?.components ?? [];
      for (const [button, target] of [[previous, shown - 1], [next, shown + 1]] as const) {
        const id = button && "custom_id" in button ? button.custom_id : "";
        const action = decodeButton(id);
        expect(action?.kind).toBe("facts");
        if (action?.kind === "facts") {
          expect(action.page).toBe(Math.min(Math.max(0, target), pages - 1));
          if (!hasLoneSurrogate(topic)) expect(action.topic).toBe(topic);
        }
      }
    },
  );
});

describe("checkEmbed", () => {
  test.prop([LONG], { numRuns: 40 })("for whatever the engine finds in any message", (text) => {
    expect(messageProblems({ embeds: [checkEmbed(engine.search(text.slice(0, 500), 5))] })).toEqual([]);
  });

  test.prop([fc.array(hostileFact, { maxLength: 8 })], { numRuns: 60 })("for hostile facts", (facts) => {
    const matches: RankedFact[] = facts.map((fact, position) => ({ entry: { fact, position }, score: 0.9, coverage: 1, phrasing: 1, missing: 0 }));
    expect(messageProblems({ embeds: [checkEmbed(matches)] })).toEqual([]);
  });
});

describe("aboutEmbed", () => {
  test.prop([fc.array(longHostileText(500), { minLength: 1, maxLength: 20 })], { numRuns: 15 })(
    "for an engine built from articles with hostile titles",
    (titles) => {
      const facts = kb.facts.slice(0, 3);
      const articles: Article[] = titles.map((title, i) => ({ id: i === 0 ? (facts[0]?.articleId ?? "a") : `article-${i}`, title, paragraphs: kb.articles[0]?.paragraphs ?? [] }));
      const hostileKb: KnowledgeBase = { articles, facts, synonyms: kb.synonyms };
      expect(messageProblems({ embeds: [aboutEmbed(createEngine(hostileKb))] })).toEqual([]);
    },
  );
});

describe("notes and autocomplete choices", () => {
  it("every note fits in a message and cannot ping", () => {
    for (const note of Object.values(NOTES)) if (typeof note === "string") expect(messageProblems({ content: note })).toEqual([]);
  });

  test.prop([fc.integer({ min: 1, max: 2_000_000_000 })], { numRuns: 200 })("the cooldown note, for any wait", (retryAfterSeconds) => {
    expect(messageProblems({ content: NOTES.cooldown({ ok: false, retryAfterSeconds }) })).toEqual([]);
  });

  test.prop([LONG], { numRuns: 60 })("the engine's message for any input, sent as content", (text) => {
    expect(messageProblems({ content: engine.ask(text).message })).toEqual([]);
  });

  test.prop([LONG], { numRuns: 30 })("suggestions cut to choice length make valid autocomplete choices", (typed) => {
    const choices = engine
      .suggestQuestions(typed, LIMITS.choices)
      .map(({ question }) => ({ name: truncate(question, LIMITS.choiceName), value: truncate(question, LIMITS.choiceValue) }));
    expect(choiceProblems(choices)).toEqual([]);
  });
});
