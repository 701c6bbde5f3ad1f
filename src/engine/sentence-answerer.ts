import { pickOf, sigmoid, linearScore, type AnswerModel } from "./answer-model.ts";
import { foldText } from "./normalize.ts";
import type { SentenceIndex, SentenceScope } from "./sentence-index.ts";
import { analyzeForSentences, articleCoverages, RELATIVE_STRENGTH, sentenceFeatures, type SentenceQuestion } from "./sentence-features.ts";

/** A candidate sentence for a question, with the evidence the model reads. */
export interface SentenceCandidate {
  position: number;
  features: number[];
}

/** The sentence that answers a question, and how sure the model is. */
export interface SentenceAnswer {
  position: number;
  articleId: string;
  paragraph: number;
  /** the words to cite: the sentence, a part of a long one, or the sentence with the one before it */
  quote: string;
  /** in [0, 1]: the verifier's probability that this is the answer */
  confidence: number;
  /** whether it clears the model's threshold */
  confident: boolean;
  /** the article that holds most of the question's words: what the question is about */
  topic: string;
}

/** An answer is "According to the article, " and the quote: this leaves the quote 374 characters. */
export const MAX_QUOTE = 374;

/**
 * Finds answers in the articles' own sentences: retrieval (BM25 over the sentence index) hands a
 * shortlist to the learned model, which picks one and says how sure it is.
 */
export class SentenceAnswerer {
  constructor(
    readonly index: SentenceIndex,
    readonly model: AnswerModel,
  ) {}

  /** The retrieval shortlist for a question, each with its features (what training and answering share). */
  candidates(question: SentenceQuestion, scope?: SentenceScope): SentenceCandidate[] {
    return this.shortlist(question, scope).candidates;
  }

  private shortlist(question: SentenceQuestion, scope?: SentenceScope): { candidates: SentenceCandidate[]; topic: string } {
    const index = this.index;
    const terms = question.terms.flatMap((t) => [
      ...(t.id >= 0 ? [{ id: t.id, weight: t.weight / Math.max(index.idf(t.id), 1e-9) }] : []),
      ...t.relatives.map((id) => ({ id, weight: (RELATIVE_STRENGTH * t.weight) / Math.max(index.idf(id), 1e-9) })),
    ]);
    const hits = index.search(terms, this.model.candidates, scope);
    const top = hits[0]?.sum ?? 0;
    const second = hits[1]?.sum ?? 0;
    // Which article the question is about: the one that holds most of it, whether or not its
    // sentences are candidates (a curated article's are not).
    let topic = "";
    let bestArticle = 0;
    for (const [id, coverage] of articleCoverages(question, index)) {
      if (scope && index.scopeOf(id)?.from !== scope.from) continue;
      if (coverage > bestArticle || (coverage === bestArticle && id < topic)) [topic, bestArticle] = [id, coverage];
    }
    const candidates = hits.map((hit, rank) => ({
      position: hit.position,
      features: sentenceFeatures(question, index, hit.position, { rank, bm25: hit.sum, top, second, bestArticle }),
    }));
    return { candidates, topic };
  }

  /** The best sentence for a question, with its confidence; undefined when no sentence shares a word with it. */
  answer(text: string, scope?: SentenceScope): SentenceAnswer | undefined {
    const question = analyzeForSentences(text, this.index);
    if (question.total === 0) return undefined;
    const { candidates, topic } = this.shortlist(question, scope);
    const pick = pickOf(this.model.ranker, candidates.map((c) => c.features));
    const chosen = pick ? candidates[pick.index] : undefined;
    const sentence = chosen ? this.index.sentences[chosen.position] : undefined;
    if (!pick || !chosen || !sentence) return undefined;
    const confidence = sigmoid(linearScore(this.model.verifier, pick.inputs));
    return {
      position: chosen.position,
      articleId: sentence.articleId,
      paragraph: sentence.paragraph,
      quote: quoteFor(this.index, chosen.position, question),
      confidence,
      confident: confidence >= this.model.threshold,
      topic,
    };
  }
}

const LEANS_BACK = /^["“‘(]?(?:he|she|it|its|they|their|them|this|that|these|those|his|her|the (?:company|firm|city|town|club|team|group|council|court|museum|league|party|government|study|team|plant|project|scheme|bank|charity|trust|union|hospital|school|university|report|deal|plan)|such|both|there)\b/i;

/**
 * The words to cite for a sentence answer, verbatim:
 * - a sentence that leans on the one before ("She was born…", "The company said…") comes with
 *   it when the question's names are there and both fit;
 * - a sentence too long for an answer is cut to the run of its clauses that holds most of the
 *   question's words (and its answer), at clause boundaries.
 */
function quoteFor(index: SentenceIndex, position: number, question: SentenceQuestion): string {
  const sentence = index.sentences[position];
  if (!sentence) return "";
  const previous = index.sentences[position - 1];
  if (
    previous &&
    previous.articleId === sentence.articleId &&
    previous.paragraph === sentence.paragraph &&
    LEANS_BACK.test(sentence.text) &&
    question.terms.some((t) => t.name && t.id >= 0 && index.has(position - 1, t.id) && !index.has(position, t.id)) &&
    previous.text.length + 1 + sentence.text.length <= MAX_QUOTE
  ) {
    return `${previous.text} ${sentence.text}`;
  }
  if (sentence.text.length <= MAX_QUOTE) return sentence.text;
  return bestClauses(sentence.text, question, index);
}

/** The run of clauses (cut after ",", ";", ":", " – ") of at most MAX_QUOTE characters that holds most of the question's words. */
function bestClauses(text: string, question: SentenceQuestion, index: SentenceIndex): string {
  const cuts = [0];
  for (const match of text.matchAll(/[,;:]\s+|\s+[–—-]\s+|\s+\(/g)) cuts.push((match.index ?? 0) + (match[0].startsWith(" ") && match[0].trim() === "(" ? match[0].length - 1 : match[0].length));
  cuts.push(text.length);
  const wanted = new Map<string, number>();
  for (const term of question.terms) wanted.set(term.token, term.weight);
  const weightOf = (from: number, to: number) => {
    let sum = 0;
    const tokens = new Set(index.analyzer.tokens(text.slice(from, to)));
    for (const [token, weight] of wanted) if (tokens.has(token)) sum += weight;
    // a clause that gives something new (a number, a name) beats one that repeats the question
    const novel = foldText(text.slice(from, to)).split(" ").filter((w) => /\d/.test(w) && !question.words.has(w)).length;
    return sum + 0.1 * Math.min(novel, 3);
  };
  let best = { from: 0, to: 0, score: -1 };
  for (let i = 0; i < cuts.length - 1; i++) {
    for (let j = i + 1; j < cuts.length; j++) {
      const from = cuts[i] ?? 0;
      const to = cuts[j] ?? text.length;
      if (to - from > MAX_QUOTE) break;
      const score = weightOf(from, to);
      if (score > best.score || (score === best.score && to - from > best.to - best.from)) best = { from, to, score };
    }
  }
  if (best.to <= best.from) return cutAtWord(text, MAX_QUOTE);
  return text.slice(best.from, best.to).replace(/[\s,;:–—-]+$/u, "").trim();
}

/** The text's first `max` characters, cut at a word boundary. */
function cutAtWord(text: string, max: number): string {
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return (space > 0 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/u, "");
}
