import type { KnowledgeFact } from "../knowledge/load.ts";
import { answerKinds, questionTag, type Analyzer, type AnswerKind } from "./analyzer.ts";
import { IndexArrays } from "./index-arrays.ts";
import { binarySearch, selectTop } from "./select.ts";
import { Vocabulary } from "./vocabulary.ts";

/**
 * Inverse document frequency is damped (raised to this power) so that one rare word, often a
 * paraphrase that only one alternate question uses, cannot outweigh the rest of a question.
 */
const IDF_DAMPING = 0.6;
/** Weak words ("main", "latest") count this much of their idf. */
export const WEAK_WORD_WEIGHT = 0.3;
/** A word in more than this share of the facts (and at least COMMON_MIN_DF of them) is common. */
const COMMON_SHARE = 0.02;
const COMMON_MIN_DF = 200;
/** The question-word tag of a phrasing ("#why") counts this much. */
export const TAG_WEIGHT = 0.8;

/** How much a word counts when found in each part of a fact (stored as hundredths). */
export const FIELD_WEIGHTS = { questions: 100, keywords: 100, answer: 90, quote: 85 } as const;

const KIND_BITS: Record<AnswerKind, number> = { number: 1, date: 2, year: 4, duration: 8, reason: 16 };

/**
 * The facts, indexed for matching in flat typed arrays, so that 100,000 facts stay small and load
 * fast (see IndexArrays for the layout):
 * - an inverted index from token to the facts that contain it anywhere, with the best field
 *   weight: it finds candidates;
 * - per fact, its own words (answer, quote, keywords, entities) with their weights, and each
 *   alternate question's words apart: the exact scoring reads them.
 * Tokens are numbered; a question's words are looked up once, then everything is integers.
 */
/** A run of fact positions [from, to): one article's facts, which the engine keeps together. */
export interface FactScope {
  from: number;
  to: number;
}

export class FactIndex {
  readonly facts: readonly KnowledgeFact[];
  readonly vocabulary: Vocabulary;
  private readonly ids: Map<string, number>;
  /** per token id: idf × weak-word factor, or TAG_WEIGHT for tags */
  private readonly baseWeight: Float64Array;
  /** per phrasing: the sum of its tokens' base weights */
  private readonly phrasingWeight: Float64Array;
  /** scratch space for one question at a time: a sum per fact, and the facts touched */
  private readonly accumulator: Float64Array;
  private readonly touched: Int32Array;
  /** phrasing postings: phrasePostList[phrasePostStart[id] .. phrasePostStart[id + 1]) */
  private readonly phrasePostStart: Int32Array;
  private readonly phrasePostList: Int32Array;
  private readonly phrasingFact: Int32Array;
  private readonly phraseAccumulator: Float64Array;
  private readonly phraseTouched: Int32Array;

  constructor(
    facts: readonly KnowledgeFact[],
    readonly analyzer: Analyzer,
    readonly arrays: IndexArrays,
  ) {
    this.facts = facts;
    this.ids = new Map(arrays.tokens.map((token, id) => [token, id]));
    this.vocabulary = new Vocabulary(new Map(arrays.surface));
    const n = facts.length;
    this.baseWeight = new Float64Array(arrays.tokens.length);
    arrays.tokens.forEach((token, id) => {
      this.baseWeight[id] = token.startsWith("#") ? TAG_WEIGHT : this.weightFromDf(token, arrays.df[id] ?? 0);
    });
    const phrasings = arrays.phraseTokStart.length - 1;
    this.phrasingWeight = new Float64Array(phrasings);
    for (let p = 0; p < phrasings; p++) {
      let sum = 0;
      for (let i = arrays.phraseTokStart[p] ?? 0; i < (arrays.phraseTokStart[p + 1] ?? 0); i++) sum += this.baseWeight[arrays.phraseTokens[i] ?? 0] ?? 0;
      this.phrasingWeight[p] = sum;
    }
    this.accumulator = new Float64Array(n);
    this.touched = new Int32Array(n);

    // Which phrasings hold each token (tags included), and whose fact each phrasing is:
    // derived from the phrasings themselves, so a loaded index gets them too.
    this.phrasingFact = new Int32Array(phrasings);
    for (let f = 0; f < n; f++) for (let p = arrays.phraseStart[f] ?? 0; p < (arrays.phraseStart[f + 1] ?? 0); p++) this.phrasingFact[p] = f;
    this.phrasePostStart = new Int32Array(arrays.tokens.length + 1);
    for (const id of arrays.phraseTokens) this.phrasePostStart[id + 1] = (this.phrasePostStart[id + 1] ?? 0) + 1;
    for (let id = 0; id < arrays.tokens.length; id++) this.phrasePostStart[id + 1] = (this.phrasePostStart[id + 1] ?? 0) + (this.phrasePostStart[id] ?? 0);
    const fill = this.phrasePostStart.slice(0, arrays.tokens.length);
    this.phrasePostList = new Int32Array(arrays.phraseTokens.length);
    for (let p = 0; p < phrasings; p++) {
      for (let i = arrays.phraseTokStart[p] ?? 0; i < (arrays.phraseTokStart[p + 1] ?? 0); i++) {
        const id = arrays.phraseTokens[i] ?? 0;
        const at = fill[id] ?? 0;
        this.phrasePostList[at] = p;
        fill[id] = at + 1;
      }
    }
    this.phraseAccumulator = new Float64Array(phrasings);
    this.phraseTouched = new Int32Array(phrasings);
  }

  /**
   * The facts whose best phrasing agrees most with the question: a second way to find
   * candidates, so that a fact written to answer the question is not lost among many facts that
   * merely contain its words. `agreement` turns (shared weight, phrasing weight) into a key.
   */
  topPhrasingFacts(
    tokens: ReadonlyArray<{ id: number; gain: number }>,
    tag: { id: number; gain: number } | undefined,
    total: number,
    limit: number,
    scope?: FactScope,
  ): number[] {
    const [lowest, highest] = scope ? [this.arrays.phraseStart[scope.from] ?? 0, this.arrays.phraseStart[scope.to] ?? 0] : [0, Infinity];
    const acc = this.phraseAccumulator;
    const touched = this.phraseTouched;
    const start = this.phrasePostStart;
    const list = this.phrasePostList;
    let count = 0;
    // As for facts: a word in very many phrasings only adds to those a rarer word found.
    const common = Math.max(COMMON_MIN_DF, this.phrasingWeight.length * COMMON_SHARE);
    const size = (id: number) => (start[id + 1] ?? 0) - (start[id] ?? 0);
    const ordered = [...tokens].sort((a, b) => size(a.id) - size(b.id));
    const anyRare = ordered.some((t) => size(t.id) <= common);
    for (const { id, gain } of ordered) {
      const from = start[id] ?? 0;
      const to = start[id + 1] ?? 0;
      if (anyRare && to - from > common) {
        for (let i = 0; i < count; i++) {
          const p = touched[i] ?? 0;
          if (binarySearch(list, from, to, p) >= 0) acc[p] = (acc[p] ?? 0) + gain;
        }
        continue;
      }
      for (let i = from; i < to; i++) {
        const p = list[i] ?? 0;
        if (p < lowest || p >= highest) continue;
        const before = acc[p] ?? 0;
        if (before === 0) touched[count++] = p;
        acc[p] = before + gain;
      }
    }
    // The question word only adds to phrasings its words found: "#why" alone is in too many.
    if (tag && tag.id >= 0) {
      const from = start[tag.id] ?? 0;
      const to = start[tag.id + 1] ?? 0;
      for (let i = 0; i < count; i++) {
        const p = touched[i] ?? 0;
        if (binarySearch(list, from, to, p) >= 0) acc[p] = (acc[p] ?? 0) + tag.gain;
      }
    }
    // F1 of the shared weight against the question's and the phrasing's own.
    for (let i = 0; i < count; i++) {
      const p = touched[i] ?? 0;
      acc[p] = f1(acc[p] ?? 0, total, this.phrasingWeight[p] ?? 0) + 1e-9;
    }
    const best = selectTop(touched, count, acc, limit * 2);
    for (let i = 0; i < count; i++) acc[touched[i] ?? 0] = 0;
    const facts: number[] = [];
    for (const { position } of best) {
      const fact = this.phrasingFact[position] ?? 0;
      if (!facts.includes(fact)) facts.push(fact);
      if (facts.length === limit) break;
    }
    return facts;
  }

  /** Analyzes every fact and lays the index out; `synonymTerms` join the vocabulary for typo correction. */
  static build(facts: readonly KnowledgeFact[], analyzer: Analyzer, synonymTerms: readonly string[] = []): FactIndex {
    return new FactIndex(facts, analyzer, buildArrays(facts, analyzer, synonymTerms));
  }

  get size(): number {
    return this.facts.length;
  }

  /** The token's id, or -1 when no fact has it. */
  idOf(token: string): number {
    return this.ids.get(token) ?? -1;
  }

  /** Whether some fact holds the token with this id. */
  holds(id: number): boolean {
    return (this.arrays.df[id] ?? 0) > 0;
  }

  /** Whether a canonical token means anything to the index: in a fact, or part of a synonym. */
  knows(token: string): boolean {
    return this.holds(this.idOf(token)) || this.analyzer.synonyms.aliasTokens.has(token);
  }

  isEntity(id: number): boolean {
    return this.arrays.entity[id] === 1;
  }

  /** Damped inverse document frequency; a word in no fact counts as much as the rarest. */
  idf(token: string): number {
    return Math.log(1 + this.facts.length / Math.max(this.arrays.df[this.idOf(token)] ?? 0, 1)) ** IDF_DAMPING;
  }

  /** What a token weighs in a question: its idf, less for weak words (precomputed for indexed tokens). */
  weightOf(token: string): number {
    const id = this.idOf(token);
    return id >= 0 ? (this.baseWeight[id] ?? 0) : this.weightFromDf(token, 0);
  }

  private weightFromDf(token: string, df: number): number {
    const idf = Math.log(1 + this.facts.length / Math.max(df, 1)) ** IDF_DAMPING;
    return idf * (this.analyzer.isWeak(token) ? WEAK_WORD_WEIGHT : 1);
  }

  hasKind(position: number, kind: AnswerKind): boolean {
    return ((this.arrays.kinds[position] ?? 0) & KIND_BITS[kind]) !== 0;
  }

  /**
   * Adds `gain × field weight` for every fact that holds each token, and returns the `limit`
   * facts with the highest sums, best first. Work grows with the postings of the question's
   * words, never with the whole index: a common word (in more than COMMON_SHARE of the facts)
   * only adds to facts that a rarer word of the question already found, when there is one.
   */
  topCandidates(tokens: ReadonlyArray<{ id: number; gain: number }>, limit: number, scope?: FactScope): Array<{ position: number; sum: number }> {
    const { postStart, postFacts, postWeights, df } = this.arrays;
    const [lowest, highest] = scope ? [scope.from, scope.to] : [0, Infinity];
    const acc = this.accumulator;
    const touched = this.touched;
    let count = 0;
    const commonDf = Math.max(COMMON_MIN_DF, this.facts.length * COMMON_SHARE);
    const ordered = [...tokens].sort((a, b) => (df[a.id] ?? 0) - (df[b.id] ?? 0));
    const anyRare = ordered.some((t) => (df[t.id] ?? 0) <= commonDf);
    for (const { id, gain } of ordered) {
      const start = postStart[id] ?? 0;
      const end = postStart[id + 1] ?? 0;
      const scale = gain / 100;
      if (anyRare && end - start > commonDf) {
        // only the facts found so far: look this word up in each, instead of walking its postings
        for (let i = 0; i < count; i++) {
          const fact = touched[i] ?? 0;
          const at = binarySearch(postFacts, start, end, fact);
          if (at >= 0) acc[fact] = (acc[fact] ?? 0) + scale * candidateWeight(postWeights[at] ?? 0);
        }
        continue;
      }
      for (let p = start; p < end; p++) {
        const fact = postFacts[p] ?? 0;
        if (fact < lowest || fact >= highest) continue;
        const before = acc[fact] ?? 0;
        if (before === 0) touched[count++] = fact;
        acc[fact] = before + scale * candidateWeight(postWeights[p] ?? 0);
      }
    }
    const best = selectTop(touched, count, acc, limit);
    for (let i = 0; i < count; i++) acc[touched[i] ?? 0] = 0;
    return best;
  }

  /** The field weight (0 to 1) of a token in a fact's own words, 0 when absent. */
  coreWeight(position: number, id: number): number {
    const { coreStart, coreTokens, coreWeights } = this.arrays;
    const at = binarySearch(coreTokens, coreStart[position] ?? 0, coreStart[position + 1] ?? 0, id);
    return at < 0 ? 0 : (coreWeights[at] ?? 0) / 100;
  }

  /** The phrasings (alternate questions, then keywords) of a fact: [first, end) phrasing numbers. */
  phrasingsOf(position: number): [number, number] {
    return [this.arrays.phraseStart[position] ?? 0, this.arrays.phraseStart[position + 1] ?? 0];
  }

  phrasingHas(phrasing: number, id: number): boolean {
    const { phraseTokStart, phraseTokens } = this.arrays;
    return binarySearch(phraseTokens, phraseTokStart[phrasing] ?? 0, phraseTokStart[phrasing + 1] ?? 0, id) >= 0;
  }

  phrasingWeightOf(phrasing: number): number {
    return this.phrasingWeight[phrasing] ?? 0;
  }
}

/** F1 of a shared weight against the question's total weight (precision) and a phrasing's own (recall). */
export function f1(shared: number, total: number, own: number): number {
  if (shared <= 0 || total <= 0 || own <= 0) return 0;
  const precision = Math.min(1, shared / total);
  const recall = Math.min(1, shared / own);
  return (2 * precision * recall) / (precision + recall);
}

/**
 * What a match counts for when picking candidates: a word found in a fact's alternate questions or
 * keywords (curated for asking) counts twice. Among many facts that merely contain the words, the
 * ones written to answer such a question come first; the exact score is computed afterwards.
 */
function candidateWeight(fieldWeight: number): number {
  return fieldWeight >= FIELD_WEIGHTS.questions ? 2 * fieldWeight : fieldWeight;
}



/** One pass over the facts: analyze each text once, number the tokens, then lay out the arrays. */
function buildArrays(facts: readonly KnowledgeFact[], analyzer: Analyzer, synonymTerms: readonly string[]): IndexArrays {
  const ids = new Map<string, number>();
  const tokens: string[] = [];
  const idOf = (token: string) => {
    let id = ids.get(token);
    if (id === undefined) {
      id = tokens.length;
      ids.set(token, id);
      tokens.push(token);
    }
    return id;
  };
  const surface = new Map<string, number>();
  const entityIds = new Set<number>();
  const coreStart = [0];
  const coreTokens: number[] = [];
  const coreWeights: number[] = [];
  const phraseStart = [0];
  const phraseTokStart = [0];
  const phraseTokens: number[] = [];
  const kinds = new Uint8Array(facts.length);
  const factTokens: Array<Map<number, number>> = [];

  facts.forEach((fact, position) => {
    const factWords = new Set<string>();
    const analyzed = (text: string) => {
      const a = analyzer.analyze(text);
      for (const w of a.words) factWords.add(w);
      return a;
    };
    const core = new Map<number, number>();
    const addCore = (weight: number, list: readonly string[]) => {
      for (const token of list) {
        const id = idOf(token);
        core.set(id, Math.max(core.get(id) ?? 0, weight));
      }
    };
    const keywordTokens: string[] = [];
    for (const k of fact.keywords) keywordTokens.push(...analyzed(k).tokens);
    for (const e of fact.entities) {
      const entityTokens = analyzed(e).tokens;
      keywordTokens.push(...entityTokens);
      for (const token of entityTokens) entityIds.add(idOf(token));
    }
    addCore(FIELD_WEIGHTS.keywords, keywordTokens);
    const answer = analyzed(fact.answer);
    const quote = analyzed(fact.quote);
    addCore(FIELD_WEIGHTS.answer, answer.tokens);
    addCore(FIELD_WEIGHTS.quote, quote.tokens);
    // "Who is X?" facts introduce someone; they do not answer how many or when.
    if (fact.kind !== "entity") {
      let bits = 0;
      for (const kind of answerKinds(`${quote.folded} ${answer.folded}`)) bits |= KIND_BITS[kind];
      kinds[position] = bits;
    }

    const anywhere = new Map(core);
    const pushPhrasing = (list: Iterable<number>) => {
      phraseTokens.push(...[...new Set(list)].sort((a, b) => a - b));
      phraseTokStart.push(phraseTokens.length);
    };
    for (const question of fact.questions) {
      const q = analyzed(question);
      const ids = q.tokens.map(idOf);
      for (const id of ids) anywhere.set(id, FIELD_WEIGHTS.questions);
      const tag = questionTag(q.folded);
      pushPhrasing(tag ? [...ids, idOf(tag)] : ids);
    }
    pushPhrasing(keywordTokens.map(idOf));
    phraseStart.push(phraseTokStart.length - 1);

    const sortedCore = [...core].sort((a, b) => a[0] - b[0]);
    for (const [id, weight] of sortedCore) {
      coreTokens.push(id);
      coreWeights.push(weight);
    }
    coreStart.push(coreTokens.length);
    factTokens.push(anywhere);
    for (const w of factWords) surface.set(w, (surface.get(w) ?? 0) + 1);
  });
  for (const term of synonymTerms) {
    for (const w of analyzer.analyze(term).words) if (!surface.has(w)) surface.set(w, 0);
  }

  // Postings, laid out by token: count, then fill, in fact order (so each list is sorted).
  const df = new Int32Array(tokens.length);
  for (const anywhere of factTokens) for (const id of anywhere.keys()) df[id] = (df[id] ?? 0) + 1;
  const postStart = new Int32Array(tokens.length + 1);
  for (let id = 0; id < tokens.length; id++) postStart[id + 1] = (postStart[id] ?? 0) + (df[id] ?? 0);
  const fill = postStart.slice(0, tokens.length);
  const postFacts = new Int32Array(postStart[tokens.length] ?? 0);
  const postWeights = new Uint8Array(postFacts.length);
  factTokens.forEach((anywhere, position) => {
    for (const [id, weight] of anywhere) {
      const at = fill[id] ?? 0;
      postFacts[at] = position;
      postWeights[at] = weight;
      fill[id] = at + 1;
    }
  });
  const entity = new Uint8Array(tokens.length);
  for (const id of entityIds) entity[id] = 1;

  return new IndexArrays({
    tokens,
    surface: [...surface],
    df,
    entity,
    postStart,
    postFacts,
    postWeights,
    coreStart: Int32Array.from(coreStart),
    coreTokens: Int32Array.from(coreTokens),
    coreWeights: Uint8Array.from(coreWeights),
    phraseStart: Int32Array.from(phraseStart),
    phraseTokStart: Int32Array.from(phraseTokStart),
    phraseTokens: Int32Array.from(phraseTokens),
    kinds,
  });
}
