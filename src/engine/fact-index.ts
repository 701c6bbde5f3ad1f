import type { KnowledgeFact } from "../knowledge/load.ts";
import { answerKinds, contentWords, questionTag, type Analyzer, type AnswerKind } from "./analyzer.ts";
import { foldText, words } from "./normalize.ts";
import { Vocabulary } from "./vocabulary.ts";

/**
 * Inverse document frequency is damped (raised to this power) so that one rare word, often a
 * paraphrase that only one alternate question uses, cannot outweigh the rest of a question.
 */
const IDF_DAMPING = 0.6;

/** How much a word counts when found in each part of a fact. */
export const FIELD_WEIGHTS = { questions: 1, keywords: 1, answer: 0.9, quote: 0.85 } as const;

export interface IndexedFact {
  fact: KnowledgeFact;
  /** the fact's own words (answer, quote, keywords, entities), each with its best field weight */
  core: ReadonlyMap<string, number>;
  /** one token set per alternate question (with its question-word tag), and one for keywords and entities */
  phrasings: ReadonlySet<string>[];
  kinds: ReadonlySet<AnswerKind>;
}

interface Postings {
  facts: number[];
  weights: number[];
}

/**
 * An inverted index from canonical token to the facts that contain it anywhere, with its best
 * field weight: it finds candidates. Each entry keeps its fields apart for the exact scoring.
 */
export class FactIndex {
  readonly entries: IndexedFact[] = [];
  private readonly postings = new Map<string, Postings>();
  /** tokens of every fact's entities: who and what the facts are about */
  private readonly entityTokens = new Set<string>();
  readonly vocabulary: Vocabulary;

  constructor(facts: readonly KnowledgeFact[], readonly analyzer: Analyzer, synonymTerms: readonly string[] = []) {
    const surface = new Map<string, number>();
    const countWords = (texts: readonly string[]) => {
      for (const word of new Set(texts.flatMap((t) => contentWords(words(t))))) surface.set(word, (surface.get(word) ?? 0) + 1);
    };
    facts.forEach((fact, position) => {
      countWords([...fact.questions, ...fact.keywords, ...fact.entities, fact.answer, fact.quote]);
      const coreFields: Array<[number, string[]]> = [
        [FIELD_WEIGHTS.keywords, [...fact.keywords, ...fact.entities].flatMap((k) => analyzer.tokens(k))],
        [FIELD_WEIGHTS.answer, analyzer.tokens(fact.answer)],
        [FIELD_WEIGHTS.quote, analyzer.tokens(fact.quote)],
      ];
      for (const entity of fact.entities) for (const token of analyzer.tokens(entity)) this.entityTokens.add(token);
      const core = new Map<string, number>();
      for (const [weight, tokens] of coreFields) {
        for (const token of tokens) core.set(token, Math.max(core.get(token) ?? 0, weight));
      }
      const best = new Map(core);
      for (const token of fact.questions.flatMap((q) => analyzer.tokens(q))) best.set(token, FIELD_WEIGHTS.questions);
      for (const [token, weight] of best) {
        let list = this.postings.get(token);
        if (!list) this.postings.set(token, (list = { facts: [], weights: [] }));
        list.facts.push(position);
        list.weights.push(weight);
      }
      const phrasings = fact.questions.map((q) => {
        const tokens = new Set(analyzer.tokens(q));
        const tag = questionTag(foldText(q));
        return tag ? tokens.add(tag) : tokens;
      });
      phrasings.push(new Set([...fact.keywords, ...fact.entities].flatMap((k) => analyzer.tokens(k))));
      // "Who is X?" facts introduce someone; they do not answer how many or when.
      const kinds = fact.kind === "entity" ? new Set<AnswerKind>() : answerKinds(foldText(`${fact.quote} ${fact.answer}`));
      this.entries.push({ fact, core, phrasings, kinds });
    });
    for (const word of synonymTerms.flatMap((t) => contentWords(words(t)))) if (!surface.has(word)) surface.set(word, 0);
    this.vocabulary = new Vocabulary(surface);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Whether a canonical token means anything to the index: in a fact, or part of a synonym. */
  knows(token: string): boolean {
    return this.postings.has(token) || this.analyzer.synonyms.aliasTokens.has(token);
  }

  isEntity(token: string): boolean {
    return this.entityTokens.has(token);
  }

  /** Inverse document frequency; a word in no fact counts as much as the rarest. */
  idf(token: string): number {
    const df = this.postings.get(token)?.facts.length ?? 0;
    return Math.log(1 + this.entries.length / Math.max(df, 1)) ** IDF_DAMPING;
  }

  postingsOf(token: string): Postings | undefined {
    return this.postings.get(token);
  }

  /** Whether the fact at `position` contains the token (postings are sorted by position). */
  contains(token: string, position: number): boolean {
    const list = this.postings.get(token)?.facts;
    if (!list) return false;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const value = list[mid] as number;
      if (value === position) return true;
      if (value < position) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }
}
