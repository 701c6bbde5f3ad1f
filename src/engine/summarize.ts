import type { Article } from "../knowledge/load.ts";
import type { Analyzer } from "./analyzer.ts";

export interface SummaryPoint {
  /** a sentence of the article, verbatim */
  text: string;
  paragraph: number;
}

export interface Summary {
  articleId: string;
  title: string;
  /** null when the summary covers the whole article */
  topic: string | null;
  points: SummaryPoint[];
}

export interface SummaryOptions {
  /** only points about this topic */
  topic?: string;
  /** at most this many points (default 8) */
  maxPoints?: number;
}

interface Sentence extends SummaryPoint {
  tokens: Set<string>;
  order: number;
  lead: boolean;
}

const REDUNDANCY = 0.6;
/** Sentences that open on a connective or a pronoun need the sentence before them to make sense. */
const LEANS_ON_CONTEXT = /^["“‘]?(however|but|and|also|meanwhile|this|that|these|those|it|he|she|they|his|her|their)\b/i;

/**
 * An extractive summary: the article's own sentences that best cover its main terms, picked with
 * maximal marginal relevance so that no two points say the same thing, and listed in article order.
 */
export function summarizeArticle(article: Article, analyzer: Analyzer, options: SummaryOptions = {}): Summary {
  const maxPoints = options.maxPoints ?? 8;
  const sentences = splitSentences(article.paragraphs).map((s) => ({ ...s, tokens: new Set(analyzer.tokens(s.text)) }));
  const frequency = new Map<string, number>();
  for (const s of sentences) for (const t of s.tokens) frequency.set(t, (frequency.get(t) ?? 0) + 1);

  const topicTokens = options.topic ? new Set(analyzer.tokens(options.topic)) : undefined;
  const centrality = (s: Sentence) => {
    let sum = 0;
    for (const t of s.tokens) sum += Math.log(1 + (frequency.get(t) ?? 0));
    const position = s.order === 0 ? 1.3 : s.lead ? 1.1 : 1;
    const dependent = LEANS_ON_CONTEXT.test(s.text) ? 0.6 : 1;
    const concrete = /\d|\b(one|two|three|four|five|twelve|fifth|half)\b/i.test(s.text) ? 1.15 : 1;
    return (sum / Math.max(s.tokens.size, 1) ** 0.75) * position * dependent * concrete;
  };
  const topicOverlap = (s: Sentence) => (topicTokens ? [...topicTokens].filter((t) => s.tokens.has(t)).length : 1);

  const pool = sentences.filter((s) => topicOverlap(s) > 0);
  const relevance = new Map(pool.map((s) => [s, centrality(s) * (topicTokens ? 1 + topicOverlap(s) : 1)]));
  const top = Math.max(1e-9, ...relevance.values());
  const chosen: Sentence[] = [];
  while (chosen.length < maxPoints) {
    let best: Sentence | undefined;
    let bestValue = -Infinity;
    for (const s of pool) {
      if (chosen.includes(s)) continue;
      const overlap = Math.max(0, ...chosen.map((c) => jaccard(c.tokens, s.tokens)));
      const value = (1 - REDUNDANCY) * ((relevance.get(s) ?? 0) / top) - REDUNDANCY * overlap;
      if (value > bestValue) [best, bestValue] = [s, value];
    }
    if (!best) break;
    chosen.push(best);
  }
  chosen.sort((a, b) => a.order - b.order);
  return {
    articleId: article.id,
    title: article.title,
    topic: options.topic ?? null,
    points: chosen.map(({ text, paragraph }) => ({ text, paragraph })),
  };
}

/** Sentences of each paragraph, verbatim, with their paragraph number. */
export function splitSentences(paragraphs: readonly string[]): Array<SummaryPoint & { order: number; lead: boolean }> {
  const out: Array<SummaryPoint & { order: number; lead: boolean }> = [];
  paragraphs.forEach((paragraph, index) => {
    const parts = paragraph.split(/(?<=[.!?]["”’]?)\s+(?=["“‘]?[A-Z0-9])/u);
    parts.forEach((text, i) => {
      if (text.trim()) out.push({ text: text.trim(), paragraph: index + 1, order: out.length, lead: i === 0 });
    });
  });
  return out;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}
