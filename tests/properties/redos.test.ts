import { describe, expect, it } from "vitest";
import { formatAnswerText, formatSummaryText } from "../../src/cli/format.ts";
import { aboutEmbed } from "../../src/discord/replies/about.ts";
import { checkEmbed } from "../../src/discord/replies/check.ts";
import { decodeButton, encodeButton } from "../../src/discord/replies/custom-ids.ts";
import { factsPage } from "../../src/discord/replies/facts.ts";
import { defuseMentions, escapeText, plainText, showLine, showUserText, truncate, wellFormed } from "../../src/discord/replies/limits.ts";
import { locateQuote, sourceEmbed } from "../../src/discord/replies/source.ts";
import { summaryEmbed } from "../../src/discord/replies/summary.ts";
import { Analyzer, answerKinds, expectedKind, questionTag } from "../../src/engine/analyzer.ts";
import { createEngine } from "../../src/engine/engine.ts";
import { foldText } from "../../src/engine/normalize.ts";
import { checkQuestion } from "../../src/engine/question.ts";
import { splitSentences, summarizeArticle } from "../../src/engine/summarize.ts";
import { preloadLexicon } from "../../src/engine/word-class.ts";
import type { KnowledgeFact } from "../../src/knowledge/load.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../../src/paths.ts";
import { bounded } from "./bounded.ts";

/**
 * Classic shapes that make a backtracking regex explode, at 10,000 characters, against every
 * function that runs the regular expressions of the files hardened here (read and audited one by
 * one: none has nested or overlapping quantifiers left). Each call must finish within the bound.
 */
const N = 10_000;
const fill = (unit: string, length = N) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
/** 1,500 made-up words, each looked up as a possible typo. */
const distinctWords = Array.from({ length: 1_500 }, (_, i) => `zq${i.toString(26).replace(/\d/g, (d) => "klmnopqrst"[Number(d)] ?? "k")}vbn`).join(" ");

const SHAPES: Record<string, string> = {
  "a × 10,000 + !": `${"a".repeat(N)}!`,
  "spaces": " ".repeat(N),
  "new lines": "\n".repeat(N),
  "tabs, spaces and new lines": fill("\t \n"),
  "question marks": "?".repeat(N),
  "dots": ".".repeat(N),
  "a.": fill("a."),
  "U.S.": fill("U.S."),
  "the  us": fill("the  us "),
  "digits + a": `${"1".repeat(N - 1)}a`,
  "1,": fill("1,"),
  "digits and %": `${fill("1 ", N - 1)}%`,
  "apostrophes": "'".repeat(N),
  "'s": fill("'s"),
  "what": fill("what "),
  "what is the": fill("what is the "),
  "what + long word + digit": fill(`what ${"a".repeat(60)}1 `),
  "how long": fill("how long "),
  "how many": fill("how many "),
  "tell me": fill("tell me "),
  "years": fill("1999 "),
  "y": "y".repeat(N),
  "combining accents": `a${"\u0301".repeat(N - 1)}`,
  "é": "é".repeat(N),
  "emoji": fill("😀"),
  "lone high surrogates": "\ud800".repeat(N),
  "lone low surrogates": "\udc00".repeat(N),
  "zero-width spaces": "\u200b".repeat(N),
  "right-to-left overrides": "\u202e".repeat(N),
  "control characters": fill("\u0000\u0001\u001b\u007f\u0085"),
  "<@": fill("<@"),
  "<@&": fill("<@&"),
  "<@!1": fill("<@!1"),
  "@": "@".repeat(N),
  "@everyone": fill("@everyone "),
  "</a:1": fill("</a:1"),
  "asterisks": "*".repeat(N),
  "*a": fill("*a"),
  "underscores": "_".repeat(N),
  "_a": fill("_a"),
  "backticks": "`".repeat(N),
  "`a": fill("`a"),
  "backslashes": "\\".repeat(N),
  "[": "[".repeat(N),
  "[a](": fill("[a]("),
  "[a](b": fill("[a](b"),
  "nested brackets": `${"[(".repeat(N / 4)}${")]".repeat(N / 4)}`,
  "#": "#".repeat(N),
  "> ": fill("> "),
  "- ": fill("- "),
  "1.": fill("1."),
  "spaces then #": `${" ".repeat(N - 1)}#`,
  "digits then .": `${"1".repeat(N - 1)}.`,
  "http:// + *a": `http://${fill("*a", N - 7)}`,
  "<a: + _a": `<a:${fill("_a", N - 3)}`,
  "ceasfire": fill("ceasfire "),
  "distinct made-up words": distinctWords.slice(0, N),
};

const kb = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
const engine = createEngine(kb);
const analyzer = new Analyzer(kb.synonyms);
const article = kb.articles[0];
const fact = kb.facts[0];
if (!article || !fact) throw new Error("the knowledge base is empty");

preloadLexicon();
engine.ask("When was NATO founded?");
engine.suggestQuestions("nato");

/** Every function under test, on one shape. */
const CALLS: Record<string, (s: string) => unknown> = {
  foldText: (s) => foldText(s),
  "analyzer.analyze": (s) => analyzer.analyze(s),
  "expectedKind, questionTag, answerKinds (folded)": (s) => {
    const folded = foldText(s);
    return [expectedKind(folded), questionTag(folded), answerKinds(folded)];
  },
  "expectedKind, questionTag, answerKinds (raw)": (s) => [expectedKind(s), questionTag(s), answerKinds(s)],
  checkQuestion: (s) => checkQuestion(s),
  "engine.ask": (s) => engine.ask(s),
  "engine.ask (first 500)": (s) => engine.ask(s.slice(0, 500)),
  "engine.search": (s) => engine.search(s, 10),
  "engine.suggestQuestions": (s) => engine.suggestQuestions(s),
  "engine.summarize (topic)": (s) => engine.summarize(undefined, { topic: s }),
  splitSentences: (s) => splitSentences([s, `${s}. ${s}`]),
  "summarizeArticle (hostile article)": (s) => summarizeArticle({ id: "x", title: s, paragraphs: [s, `A. ${s}. B ${s}`] }, analyzer, { topic: s }),
  "truncate, wellFormed": (s) => [truncate(s, 100), wellFormed(s)],
  "showUserText, showLine, plainText": (s) => [showUserText(s, 256), showLine(s), plainText(s, 80)],
  "escapeText, defuseMentions": (s) => [escapeText(s), defuseMentions(s)],
  "encodeButton, decodeButton": (s) => [decodeButton(s), encodeButton({ kind: "facts", page: 1, topic: s }), decodeButton(`facts:1:${s}`)],
  "locateQuote, sourceEmbed": (s) => {
    const hostile: KnowledgeFact = { ...fact, quote: s.slice(0, N / 2), paragraph: 1 };
    return [locateQuote(s, s.slice(0, N / 2)), locateQuote(s, `${s.slice(0, N / 2)}b`), sourceEmbed(hostile, { ...article, title: s, paragraphs: [s] })];
  },
  "summaryEmbed, factsPage, checkEmbed": (s) => {
    const hostile: KnowledgeFact = { ...fact, answer: s, quote: s, questions: [s] };
    return [
      summaryEmbed({ articleId: "x", title: s, topic: s, points: [{ text: s, paragraph: 1 }] }),
      factsPage([hostile], 0, s),
      checkEmbed([{ entry: { fact: hostile, position: 0 }, score: 1, coverage: 1, phrasing: 1, missing: 0 }]),
    ];
  },
  "formatAnswerText, formatSummaryText": (s) => [
    formatAnswerText(engine.ask(s)),
    formatSummaryText({ articleId: "x", title: s, topic: s, points: [{ text: s, paragraph: 1 }] }),
  ],
};

describe("classic ReDoS shapes at 10,000 characters", () => {
  it.each(Object.keys(SHAPES))("%s: every call finishes within the bound", (name) => {
    const shape = SHAPES[name] ?? "";
    expect(shape.length).toBeGreaterThan(N / 2);
    for (const [call, run] of Object.entries(CALLS)) bounded(`${call} on ${name}`, () => run(shape));
  });

  it("aboutEmbed is fixed text and the engine's titles", () => {
    bounded("aboutEmbed", () => aboutEmbed(engine));
  });
});
