import type { Article, KnowledgeBase, KnowledgeFact } from "../knowledge/load.ts";
import { Analyzer } from "./analyzer.ts";
import { FactIndex } from "./fact-index.ts";
import { knowledgeFingerprint } from "./fingerprint.ts";
import { IndexArrays, type SerializedIndex } from "./index-arrays.ts";
import { analyzeQuestion, rankFacts, type RankedFact } from "./match.ts";
import { checkQuestion } from "./question.ts";
import { rerankBySurface } from "./rerank.ts";
import { QuestionSuggester, type QuestionChoice } from "./autocomplete.ts";
import { squashSpace } from "../knowledge/article-text.ts";
import { summarizeArticle, type Summary, type SummaryOptions } from "./summarize.ts";

/** Below this confidence the engine declines instead of answering. */
export const DEFAULT_THRESHOLD = 0.55;
/** A second fact is cited too when it scores this close to the best one. */
const SECOND_SOURCE_RATIO = 0.97;
const SUGGESTION_FLOOR = 0.1;
const MAX_SUGGESTIONS = 3;

export interface Source {
  article: string;
  title: string;
  paragraph: number;
  quote: string;
  factId: string;
}

export interface AskResult {
  question: string;
  status: "answered" | "declined" | "invalid";
  answered: boolean;
  /** the short answer, or null when declined or invalid */
  answer: string | null;
  /** what to show a person: the answer, or a plain decline or input message */
  message: string;
  confidence: number;
  sources: Source[];
  /** questions the knowledge base can answer: related ones, or nearby ones after a decline */
  suggestions: string[];
  /** the same suggestions with the facts they lead to */
  suggested: QuestionChoice[];
}

export interface Engine {
  readonly articles: readonly Article[];
  readonly facts: readonly KnowledgeFact[];
  ask(question: string): AskResult;
  /** Facts ranked for a free text, best first (for browsing and checking a message). */
  search(text: string, limit?: number): RankedFact[];
  summarize(articleId?: string, options?: SummaryOptions): Summary;
  article(articleId: string): Article | undefined;
  fact(factId: string): KnowledgeFact | undefined;
  /** The index as plain JSON data, to save and pass back as `createEngine(kb, { index })`. */
  exportIndex(): SerializedIndex;
  /** Questions it can answer, ranked by fuse.js against what has been typed; a few starters when nothing is. */
  suggestQuestions(typed: string, limit?: number): QuestionChoice[];
}

export interface EngineOptions {
  threshold?: number;
  /** a prebuilt index (from exportIndex); used when it was built from the same knowledge, else rebuilt */
  index?: SerializedIndex;
}

export function createEngine(kb: KnowledgeBase, options: EngineOptions = {}): Engine {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const analyzer = new Analyzer(kb.synonyms);
  const fingerprint = options.index ? knowledgeFingerprint(kb) : undefined;
  const index =
    options.index && options.index.fingerprint === fingerprint && options.index.facts === kb.facts.length
      ? new FactIndex(kb.facts, analyzer, IndexArrays.deserialize(options.index))
      : FactIndex.build(kb.facts, analyzer, kb.synonyms.flat());
  const articles = new Map(kb.articles.map((a) => [a.id, a]));
  const factsById = new Map(kb.facts.map((f) => [f.id, f]));
  const summarize = (articleId?: string, summaryOptions?: SummaryOptions): Summary => {
    const article = articleId ? articles.get(articleId) : kb.articles[kb.articles.length - 1];
    if (!article) throw new Error(`There is no article "${articleId}". Known articles: ${kb.articles.map((a) => a.id).join(", ")}`);
    return summarizeArticle(article, analyzer, summaryOptions);
  };
  const suggester = new QuestionSuggester(kb.facts, starterQuestions(kb, summarize), (text, limit) =>
    rankFacts(analyzeQuestion(text, index), index)
      .slice(0, limit)
      .map((r) => r.entry.fact),
  );

  const toSource = (fact: KnowledgeFact): Source => ({
    article: fact.articleId,
    title: articles.get(fact.articleId)?.title ?? fact.articleId,
    paragraph: fact.paragraph,
    quote: fact.quote,
    factId: fact.id,
  });

  const search = (text: string, limit = 10): RankedFact[] =>
    rerankBySurface(text, rankFacts(analyzeQuestion(text, index), index)).slice(0, limit);

  const ask = (raw: string): AskResult => {
    const check = checkQuestion(raw);
    if (!check.ok) {
      return { question: raw, status: "invalid", answered: false, answer: null, message: check.message, confidence: 0, sources: [], suggestions: [], suggested: [] };
    }
    const question = check.question;
    const ranked = search(question, 10);
    const best = ranked[0];
    const confidence = round(best?.score ?? 0);
    if (!best || best.score < threshold) {
      const suggested = uniqueQuestions(ranked.filter((r) => r.score >= SUGGESTION_FLOOR));
      return {
        question,
        status: "declined",
        answered: false,
        answer: null,
        message: "The article doesn't say anything about that." + (suggested.length ? " It does cover these:" : ""),
        confidence,
        sources: [],
        suggestions: suggested.map((s) => s.question),
        suggested,
      };
    }
    const cited = ranked.filter(
      (r, i) => i === 0 || (i === 1 && r.score >= best.score * SECOND_SOURCE_RATIO && r.entry.fact.quote !== best.entry.fact.quote),
    );
    const answer = best.entry.fact.answer;
    const suggested = uniqueQuestions(ranked.slice(1).filter((r) => r.score >= threshold * 0.8 && r.entry.fact.id !== best.entry.fact.id));
    return {
      question,
      status: "answered",
      answered: true,
      answer,
      message: answer,
      confidence,
      sources: cited.slice(0, 2).map((r) => toSource(r.entry.fact)),
      suggestions: suggested.map((s) => s.question),
      suggested,
    };
  };

  return {
    articles: kb.articles,
    facts: kb.facts,
    ask,
    search,
    summarize,
    article: (articleId) => articles.get(articleId),
    fact: (factId) => factsById.get(factId),
    exportIndex: () => index.arrays.serialize(fingerprint ?? knowledgeFingerprint(kb), kb.facts.length),
    suggestQuestions: (typed, limit) => suggester.suggest(typed, limit),
  };
}

/** Pinned starter questions: one per point of the newest article's summary, from the fact that quotes it. */
function starterQuestions(kb: KnowledgeBase, summarize: () => Summary): QuestionChoice[] {
  if (kb.articles.length === 0) return [];
  const starters: QuestionChoice[] = [];
  for (const point of summarize().points) {
    const text = squashSpace(point.text);
    const fact = kb.facts.find((f) => f.kind === "statement" && f.paragraph === point.paragraph && text.includes(squashSpace(f.quote)));
    const question = fact?.questions[0];
    if (fact && question && !starters.some((s) => s.factId === fact.id)) starters.push({ question, factId: fact.id });
  }
  return starters.slice(0, 5);
}

function uniqueQuestions(ranked: readonly RankedFact[]): QuestionChoice[] {
  const seen = new Set<string>();
  const out: QuestionChoice[] = [];
  for (const { entry } of ranked) {
    const question = entry.fact.questions[0] ?? "";
    if (seen.has(entry.fact.quote) || out.some((o) => o.question === question)) continue;
    seen.add(entry.fact.quote);
    out.push({ question, factId: entry.fact.id });
    if (out.length === MAX_SUGGESTIONS) break;
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
