import type { Article, KnowledgeBase, KnowledgeFact } from "../knowledge/load.ts";
import { Analyzer } from "./analyzer.ts";
import { FactIndex, type FactScope } from "./fact-index.ts";
import { knowledgeFingerprint } from "./fingerprint.ts";
import { IndexArrays, type SerializedIndex } from "./index-arrays.ts";
import { analyzeQuestion, rankFacts, type RankedFact } from "./match.ts";
import { checkQuestion, cleanQuestion } from "./question.ts";
import { rerankBySurface } from "./rerank.ts";
import { QuestionSuggester, type QuestionChoice } from "./autocomplete.ts";
import { squashSpace } from "../knowledge/article-text.ts";
import { summarizeArticle, type Summary, type SummaryOptions } from "./summarize.ts";
import { shippedModel, type AnswerModel } from "./answer-model.ts";
import { SentenceAnswerer, type SentenceAnswer } from "./sentence-answerer.ts";
import { SentenceIndex } from "./sentence-index.ts";
import { isCommonWord } from "./word-class.ts";

/** Below this confidence the engine declines instead of answering. */
export const DEFAULT_THRESHOLD = 0.55;
/**
 * Drafted facts (`draft: true`, from `npm run kb -- add`) are unreviewed: their questions are
 * generated, so a middling match is often a wrong one. Measured on seven articles written for
 * the tests, four of them held out: at 0.55 drafts answered 62 of 110 held-out questions right,
 * 12 wrong, and 10 of 43 out-of-scope ones; at 0.75, 45 right, 4 wrong and 1 out-of-scope.
 * Reviewing a fact (draft: false) brings it back to the usual bar.
 */
export const DEFAULT_DRAFT_THRESHOLD = 0.75;
/** A second fact is cited too when it scores this close to the best one. */
const SECOND_SOURCE_RATIO = 0.97;
const SUGGESTION_FLOOR = 0.1;
const MAX_SUGGESTIONS = 3;
/** search() reads at most this much of a text (a message checked against the article, say). */
const MAX_SEARCH_LENGTH = 2000;

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

/** Where to look: one article (by id), or every article when absent. */
export interface ScopeOptions {
  article?: string | undefined;
}

export interface Engine {
  /** oldest first: the last one is the newest */
  readonly articles: readonly Article[];
  readonly facts: readonly KnowledgeFact[];
  ask(question: string, options?: ScopeOptions): AskResult;
  /** Facts ranked for a free text, best first (for browsing and checking a message). */
  search(text: string, limit?: number, options?: ScopeOptions): RankedFact[];
  /** One article's summary; the newest article's when no id is given. */
  summarize(articleId?: string, options?: SummaryOptions): Summary;
  article(articleId: string): Article | undefined;
  /** An article by its id or its exact title (case and spacing aside). */
  findArticle(idOrTitle: string): Article | undefined;
  fact(factId: string): KnowledgeFact | undefined;
  /** The index as plain JSON data, to save and pass back as `createEngine(kb, { index })`. */
  exportIndex(): SerializedIndex;
  /** Questions it can answer, ranked by fuse.js against what has been typed; a few starters when nothing is. */
  suggestQuestions(typed: string, limit?: number, options?: ScopeOptions): QuestionChoice[];
}

export interface EngineOptions {
  threshold?: number;
  /** the confidence a drafted (unreviewed) fact needs to be the answer; never below `threshold` */
  draftThreshold?: number;
  /** a prebuilt index (from exportIndex); used when it was built from the same knowledge, else rebuilt */
  index?: SerializedIndex;
  /** the model that answers from the articles' sentences; default the one that ships (answer-model.json) */
  answerModel?: AnswerModel;
}

export function createEngine(given: KnowledgeBase, options: EngineOptions = {}): Engine {
  const kb = groupedByArticle(given);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const draftThreshold = Math.max(threshold, options.draftThreshold ?? DEFAULT_DRAFT_THRESHOLD);
  const analyzer = new Analyzer(kb.synonyms);
  const fingerprint = options.index ? knowledgeFingerprint(kb) : undefined;
  const index =
    options.index && options.index.fingerprint === fingerprint && options.index.facts === kb.facts.length
      ? new FactIndex(kb.facts, analyzer, IndexArrays.deserialize(options.index))
      : FactIndex.build(kb.facts, analyzer, kb.synonyms.flat());
  const articles = new Map(kb.articles.map((a) => [a.id, a]));
  const factsById = new Map(kb.facts.map((f) => [f.id, f]));
  // Curated facts answer for the sentences they quote; the other sentences answer for themselves.
  const quoted = kb.facts.filter((f) => !f.draft);
  const sentences = new SentenceAnswerer(new SentenceIndex(kb.articles, analyzer, quoted), options.answerModel ?? shippedModel());
  const sentenceIds = sentenceIdsOf(sentences.index);
  const scopes = articleScopes(kb.facts);
  const findArticle = (idOrTitle: string): Article | undefined => {
    const wanted = squashSpace(idOrTitle).toLowerCase();
    return articles.get(idOrTitle.trim()) ?? kb.articles.find((a) => squashSpace(a.title).toLowerCase() === wanted);
  };
  /** The facts to search: undefined for all; an empty run for an article with no facts. */
  const scopeOf = (scope: ScopeOptions | undefined): FactScope | undefined =>
    scope?.article === undefined ? undefined : (scopes.get(scope.article) ?? { from: 0, to: 0 });
  const summarize = (articleId?: string, summaryOptions?: SummaryOptions): Summary => {
    const article = articleId ? articles.get(articleId) : kb.articles[kb.articles.length - 1];
    if (!article) throw new Error(`There is no article "${articleId}". Known articles: ${kb.articles.map((a) => a.id).join(", ")}`);
    return summarizeArticle(article, analyzer, summaryOptions);
  };
  const suggester = new QuestionSuggester(
    kb.facts,
    (articleId) => starterQuestions(kb, articleId, summarize),
    (text, limit, articleId) =>
      rankFacts(analyzeQuestion(text, index), index, scopeOf({ article: articleId }))
        .slice(0, limit)
        .map((r) => r.entry.fact),
  );

  const sentenceAnswer = (question: string, found: SentenceAnswer): AskResult => {
    const fact = sentenceFact(found);
    return {
      question,
      status: "answered",
      answered: true,
      answer: fact.answer,
      message: fact.answer,
      confidence: round(found.confidence),
      sources: [toSource(fact)],
      suggestions: [],
      suggested: [],
    };
  };
  /** A sentence answer as a fact, so that sources, "Show source" and votes treat it like any other. */
  const sentenceFact = (found: { position: number; quote: string }): KnowledgeFact => {
    const sentence = sentences.index.sentences[found.position];
    const articleId = sentence?.articleId ?? "";
    return {
      id: sentenceIds.idOf(found.position),
      kind: "statement",
      answer: attributed(found.quote),
      quote: found.quote,
      paragraph: sentence?.paragraph ?? 1,
      questions: [],
      keywords: [],
      entities: [],
      draft: false,
      articleId,
    };
  };
  const toSource = (fact: KnowledgeFact): Source => ({
    article: fact.articleId,
    title: articles.get(fact.articleId)?.title ?? fact.articleId,
    paragraph: fact.paragraph,
    quote: fact.quote,
    factId: fact.id,
  });

  const search = (raw: string, limit = 10, scope?: ScopeOptions): RankedFact[] => {
    const text = cleanQuestion(raw).slice(0, MAX_SEARCH_LENGTH);
    return rerankBySurface(text, rankFacts(analyzeQuestion(text, index), index, scopeOf(scope))).slice(0, limit);
  };

  const ask = (raw: string, scope?: ScopeOptions): AskResult => {
    const check = checkQuestion(raw);
    const invalid = (message: string): AskResult => ({
      question: raw,
      status: "invalid",
      answered: false,
      answer: null,
      message,
      confidence: 0,
      sources: [],
      suggestions: [],
      suggested: [],
    });
    if (!check.ok) return invalid(check.message);
    if (scope?.article !== undefined && !articles.has(scope.article)) return invalid(unknownArticle(scope.article, kb.articles));
    const question = check.question;
    const ranked = search(question, 10, scope);
    // An unreviewed (drafted) fact must clear a higher bar than a curated one to be the answer.
    const trusted = ranked.filter((r) => !r.entry.fact.draft || r.score >= draftThreshold);
    const best = trusted[0];
    const confidence = round(best?.score ?? 0);
    if (!best || best.score < threshold) {
      // No curated fact answers it: the article's own sentences may.
      const sentenceScope = scope?.article === undefined ? undefined : (sentences.index.scopeOf(scope.article) ?? { from: 0, to: 0 });
      const found = sentences.answer(question, sentenceScope);
      if (found?.confident) return sentenceAnswer(question, found);
      // Questions to offer instead: from the article the question is about, not another one's.
      const suggested = uniqueQuestions(ranked.filter((r) => r.score >= SUGGESTION_FLOOR && (found === undefined || r.entry.fact.articleId === found.topic)));
      return {
        question,
        status: "declined",
        answered: false,
        answer: null,
        message: "The article doesn't say anything about that." + (suggested.length ? " It does cover these:" : ""),
        // how close it came: the best fact's score, or the best sentence's confidence
        confidence: Math.max(confidence, round(found?.confidence ?? 0)),
        sources: [],
        suggestions: suggested.map((s) => s.question),
        suggested,
      };
    }
    const cited = trusted.filter(
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
    findArticle,
    fact: (factId) => {
      const curated = factsById.get(factId);
      if (curated) return curated;
      const position = sentenceIds.positionOf(factId);
      const sentence = position === undefined ? undefined : sentences.index.sentences[position];
      return position === undefined || !sentence ? undefined : sentenceFact({ position, quote: sentence.text });
    },
    exportIndex: () => index.arrays.serialize(fingerprint ?? knowledgeFingerprint(kb), kb.facts.length),
    suggestQuestions: (typed, limit, scope) => suggester.suggest(typed, limit, scope?.article),
  };
}

/** What to say when asked about an article that isn't there. */
export function unknownArticle(asked: string, known: readonly Article[]): string {
  const shown = asked.length > 60 ? `${asked.slice(0, 57)}...` : asked;
  if (known.length === 0) return `There is no article "${shown}": no article is loaded.`;
  return `There is no article "${shown}". Pick one of: ${known.map((a) => a.title).join("; ")}.`.slice(0, 1000);
}

/**
 * The same knowledge with each article's facts side by side (the loader already gives them so),
 * so one article's facts are a run of positions the index can keep to.
 */
function groupedByArticle(kb: KnowledgeBase): KnowledgeBase {
  const seen = new Set<string>();
  let grouped = true;
  let previous: string | undefined;
  for (const fact of kb.facts) {
    if (fact.articleId !== previous) {
      if (seen.has(fact.articleId)) grouped = false;
      seen.add(fact.articleId);
      previous = fact.articleId;
    }
  }
  if (grouped) return kb;
  const order = [...seen];
  return { ...kb, facts: order.flatMap((id) => kb.facts.filter((f) => f.articleId === id)) };
}

function articleScopes(facts: readonly KnowledgeFact[]): Map<string, FactScope> {
  const scopes = new Map<string, FactScope>();
  facts.forEach((fact, position) => {
    const scope = scopes.get(fact.articleId);
    if (scope) scope.to = position + 1;
    else scopes.set(fact.articleId, { from: position, to: position + 1 });
  });
  return scopes;
}

/** Pinned starter questions: one per point of an article's summary (the newest's by default), from the fact that quotes it. */
function starterQuestions(kb: KnowledgeBase, articleId: string | undefined, summarize: (articleId?: string) => Summary): QuestionChoice[] {
  if (kb.articles.length === 0) return [];
  if (articleId !== undefined && !kb.articles.some((a) => a.id === articleId)) return [];
  const starters: QuestionChoice[] = [];
  const summary = summarize(articleId);
  for (const point of summary.points) {
    const text = squashSpace(point.text);
    const fact = kb.facts.find(
      (f) => f.kind === "statement" && f.articleId === summary.articleId && f.paragraph === point.paragraph && text.includes(squashSpace(f.quote)),
    );
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

/**
 * Ids for sentences, so an answer from a sentence can be cited, shown and voted on like a fact:
 * "<article id>--<n>", the article's n-th sentence (from 1). A double dash never occurs in a
 * fact id (the knowledge format forbids it), so the two cannot clash.
 */
function sentenceIdsOf(index: SentenceIndex): { idOf: (position: number) => string; positionOf: (id: string) => number | undefined } {
  const byId = new Map<string, number>();
  const ids: string[] = [];
  let article = "";
  let first = 0;
  index.sentences.forEach((sentence, position) => {
    if (sentence.articleId !== article) {
      article = sentence.articleId;
      first = position;
    }
    const id = `${article.slice(0, 80)}--${position - first + 1}`;
    ids.push(id);
    if (!byId.has(id)) byId.set(id, position);
  });
  return { idOf: (position) => ids[position] ?? "", positionOf: (id) => byId.get(id) };
}

/**
 * "According to the article, " and the quote; a quote that opens with an everyday word ("The",
 * "Located") starts in lower case, one that opens with a name ("Strasbourg") as it is.
 */
function attributed(quote: string): string {
  const [, first = "", next = ""] = /^(\p{L}+)[\s,]*(\p{L}*)/u.exec(quote) ?? [];
  // "Estuary Boats said …" is a name: the next word's capital says so
  const lower = first.length > 1 && /^\p{Lu}\p{Ll}+$/u.test(first) && isCommonWord(first.toLowerCase()) && !/^\p{Lu}/u.test(next);
  return `According to the article, ${lower ? first.toLowerCase() + quote.slice(first.length) : quote}`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
