import { squashSpace } from "../knowledge/article-text.ts";
import type { Article } from "../knowledge/load.ts";
import type { Analyzer } from "./analyzer.ts";
import { binarySearch, selectTop } from "./select.ts";
import { splitSentences } from "./sentences.ts";
import { findNames, findSlots, type Slot } from "./slots.ts";
import { Vocabulary } from "./vocabulary.ts";

/** One sentence of an article, verbatim. */
export interface Sentence {
  articleId: string;
  /** 1-based, like a fact's */
  paragraph: number;
  /** the sentence's text, exactly as in the paragraph */
  text: string;
}

/** A run of sentence positions [from, to): one article's sentences. */
export interface SentenceScope {
  from: number;
  to: number;
}

/** Stems that share this many first letters, one beginning the other, are one word family. */
const FAMILY_PREFIX = 5;
const AGENT_SUFFIXES = ["er", "or", "r"];
/** BM25's usual constants. */
const K1 = 1.2;
const B = 0.75;

/**
 * Every sentence of every article, indexed for retrieval: the sentences are what uncurated
 * articles are answered from. Tokens (the analyzer's canonical stems, synonyms applied) are
 * numbered; a sentence's tokens, and each token's sentences, live in flat typed arrays.
 * - a sentence's tokens, in order: tokens[tokStart[s] .. tokStart[s + 1]);
 * - a token's sentences, sorted, with how often each holds it: postSentences/postTf
 *   [postStart[id] .. postStart[id + 1]);
 * - each sentence's paragraph runs from paraFrom[s] to paraTo[s] (sentence positions).
 */
export class SentenceIndex {
  readonly sentences: Sentence[] = [];
  readonly vocabulary: Vocabulary;
  private readonly ids = new Map<string, number>();
  private readonly tokStart: Int32Array;
  private readonly tokens: Int32Array;
  private readonly postStart: Int32Array;
  private readonly postSentences: Int32Array;
  private readonly postTf: Uint16Array;
  private readonly paraFrom: Int32Array;
  private readonly paraTo: Int32Array;
  private readonly scopes = new Map<string, SentenceScope>();
  private readonly titleTokens = new Map<string, Set<number>>();
  /** 1 for the tokens of names (capitalised words) somewhere in the articles */
  private readonly nameToken: Uint8Array;
  private readonly averageLength: number;
  private readonly accumulator: Float64Array;
  private readonly touched: Int32Array;
  private readonly slotCache = new Map<number, Slot[]>();
  /** the first five letters of a word's stem → the stems that start so (a word family: "discov", "discoveri") */
  private readonly families = new Map<string, number[]>();

  /** 1 for a sentence that a curated fact quotes: the fact answers for it, so it is no candidate */
  private readonly curated: Uint8Array;

  /** `quoted` lists the curated facts' quotes, each with its article and paragraph. */
  constructor(
    articles: readonly Article[],
    readonly analyzer: Analyzer,
    quoted: ReadonlyArray<{ articleId: string; paragraph: number; quote: string }> = [],
  ) {
    const sentenceTokens: number[][] = [];
    const surface = new Map<string, number>();
    const paraFrom: number[] = [];
    const paraTo: number[] = [];
    /** per folded word: how many sentences write it inside a name, and how many hold it at all */
    const inNames = new Map<string, number>();
    const anywhere = new Map<string, number>();
    for (const article of articles) {
      const from = this.sentences.length;
      this.titleTokens.set(article.id, new Set(analyzer.tokens(article.title).map((t) => this.idFor(t))));
      article.paragraphs.forEach((paragraph, index) => {
        const first = this.sentences.length;
        for (const span of splitSentences(paragraph)) {
          const text = paragraph.slice(span.start, span.end);
          const analysis = analyzer.analyze(text);
          for (const word of analysis.words) surface.set(word, (surface.get(word) ?? 0) + 1);
          sentenceTokens.push(analysis.tokens.map((t) => this.idFor(t)));
          this.sentences.push({ articleId: article.id, paragraph: index + 1, text });
          const named = new Set(findNames(text).flatMap((slot) => (slot.kind === "name" ? slot.words : [])));
          for (const word of named) inNames.set(word, (inNames.get(word) ?? 0) + 1);
          for (const word of new Set(analysis.words)) anywhere.set(word, (anywhere.get(word) ?? 0) + 1);
        }
        for (let s = first; s < this.sentences.length; s++) {
          paraFrom.push(first);
          paraTo.push(this.sentences.length);
        }
      });
      this.scopes.set(article.id, { from, to: this.sentences.length });
    }
    this.vocabulary = new Vocabulary(surface);
    this.paraFrom = Int32Array.from(paraFrom);
    this.paraTo = Int32Array.from(paraTo);

    const n = this.sentences.length;
    this.tokStart = new Int32Array(n + 1);
    sentenceTokens.forEach((list, s) => (this.tokStart[s + 1] = (this.tokStart[s] ?? 0) + list.length));
    this.tokens = Int32Array.from(sentenceTokens.flat());
    this.averageLength = n === 0 ? 1 : Math.max(1, this.tokens.length / n);

    const vocabularySize = this.ids.size;
    const counts = new Int32Array(vocabularySize + 1);
    const distinct = sentenceTokens.map((list) => countTokens(list));
    for (const map of distinct) for (const id of map.keys()) counts[id + 1] = (counts[id + 1] ?? 0) + 1;
    for (let id = 0; id < vocabularySize; id++) counts[id + 1] = (counts[id + 1] ?? 0) + (counts[id] ?? 0);
    this.postStart = counts;
    const total = this.postStart[vocabularySize] ?? 0;
    this.postSentences = new Int32Array(total);
    this.postTf = new Uint16Array(total);
    const fill = this.postStart.slice(0, vocabularySize);
    distinct.forEach((map, s) => {
      for (const [id, tf] of map) {
        const at = fill[id] ?? 0;
        this.postSentences[at] = s;
        this.postTf[at] = Math.min(tf, 65535);
        fill[id] = at + 1;
      }
    });
    this.nameToken = new Uint8Array(vocabularySize);
    // a name is a word the articles write as one most of the time ("Lisbon"), not a word that is
    // sometimes part of one ("river" in "River Ill", "council" in "Harwick Borough Council")
    for (const [word, count] of inNames) {
      if (count * 2 < (anywhere.get(word) ?? count)) continue;
      for (const token of analyzer.tokens(word)) {
        const id = this.ids.get(token);
        if (id !== undefined) this.nameToken[id] = 1;
      }
    }
    this.accumulator = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.curated = markQuoted(this.sentences, this.scopes, quoted);
    for (const [token, id] of this.ids) {
      if (token.length < FAMILY_PREFIX || /\d/.test(token)) continue;
      const key = token.slice(0, FAMILY_PREFIX);
      const family = this.families.get(key) ?? [];
      family.push(id);
      this.families.set(key, family);
    }
  }

  /**
   * Other tokens of the same word family: stems of which one begins the other, five letters at
   * least ("discov" for "discoveri", "prosecut" for "prosecutor"). The stemmer leaves such pairs
   * apart; a question that says "discovery" for the article's "discovered" should still find it.
   */
  relatives(token: string): number[] {
    if (/\d/.test(token)) return [];
    const own = this.ids.get(token);
    const family =
      token.length < FAMILY_PREFIX
        ? []
        : (this.families.get(token.slice(0, FAMILY_PREFIX)) ?? []).filter((id) => {
            const other = this.tokenName(id);
            return other.startsWith(token) || token.startsWith(other);
          });
    // the one who does it: "lead" and "leader", "found" and "founder", "own" and "owner"
    const agents = token.length >= 3 ? AGENT_SUFFIXES.map((suffix) => this.ids.get(token + suffix) ?? -1) : [];
    return [...new Set([...family, ...agents])].filter((id) => id >= 0 && id !== own && this.df(id) > 0);
  }

  private tokenNames: string[] | undefined;
  /** The token with this id. */
  tokenName(id: number): string {
    this.tokenNames ??= [...this.ids.keys()];
    return this.tokenNames[id] ?? "";
  }

  private idFor(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(token, id);
    }
    return id;
  }

  get size(): number {
    return this.sentences.length;
  }

  /** The token's id, or -1 when no sentence (nor title) has it. */
  idOf(token: string): number {
    return this.ids.get(token) ?? -1;
  }

  /** How many sentences hold the token. */
  df(id: number): number {
    return id < 0 ? 0 : (this.postStart[id + 1] ?? 0) - (this.postStart[id] ?? 0);
  }

  /** BM25's inverse document frequency, over sentences. */
  idf(id: number): number {
    const n = this.sentences.length;
    const df = this.df(id);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  isName(id: number): boolean {
    return id >= 0 && this.nameToken[id] === 1;
  }

  scopeOf(articleId: string): SentenceScope | undefined {
    return this.scopes.get(articleId);
  }

  /** The ids of the articles that hold a token in some sentence or in their title. */
  articlesWith(id: number): Set<string> {
    const found = new Set<string>();
    if (id < 0) return found;
    const end = this.postStart[id + 1] ?? 0;
    for (let p = this.postStart[id] ?? 0; p < end; p++) {
      const sentence = this.sentences[this.postSentences[p] ?? 0];
      if (sentence) found.add(sentence.articleId);
    }
    for (const [article, tokens] of this.titleTokens) if (tokens.has(id)) found.add(article);
    return found;
  }

  /** The article's title tokens. */
  titleOf(articleId: string): ReadonlySet<number> {
    return this.titleTokens.get(articleId) ?? new Set();
  }

  /** A sentence's tokens, in order. */
  tokensOf(s: number): Int32Array {
    return this.tokens.subarray(this.tokStart[s] ?? 0, this.tokStart[s + 1] ?? 0);
  }

  /** Whether sentence `s` holds token `id`. */
  has(s: number, id: number): boolean {
    return id >= 0 && binarySearch(this.postSentences, this.postStart[id] ?? 0, this.postStart[id + 1] ?? 0, s) >= 0;
  }

  /** Whether any sentence in [from, to) holds token `id`. */
  hasIn(from: number, to: number, id: number): boolean {
    if (id < 0) return false;
    const list = this.postSentences;
    let low = this.postStart[id] ?? 0;
    let high = (this.postStart[id + 1] ?? 0) - 1;
    // the first posting at or after `from`
    while (low <= high) {
      const mid = (low + high) >> 1;
      if ((list[mid] ?? 0) < from) low = mid + 1;
      else high = mid - 1;
    }
    return low < (this.postStart[id + 1] ?? 0) && (list[low] ?? 0) < to;
  }

  /** The sentences of `s`'s paragraph, [from, to). */
  paragraphOf(s: number): SentenceScope {
    return { from: this.paraFrom[s] ?? s, to: this.paraTo[s] ?? s + 1 };
  }

  /** The sentence's answer slots (names, dates, numbers, …), found once and kept. */
  slotsOf(s: number): Slot[] {
    let slots = this.slotCache.get(s);
    if (!slots) {
      slots = findSlots(this.sentences[s]?.text ?? "");
      if (this.slotCache.size > 50_000) this.slotCache.clear();
      this.slotCache.set(s, slots);
    }
    return slots;
  }

  /** The `limit` sentences with the highest BM25 score for the weighted tokens, best first. */
  search(terms: ReadonlyArray<{ id: number; weight: number }>, limit: number, scope?: SentenceScope): Array<{ position: number; sum: number }> {
    const acc = this.accumulator;
    const touched = this.touched;
    const [lowest, highest] = scope ? [scope.from, scope.to] : [0, Infinity];
    let count = 0;
    for (const { id, weight } of terms) {
      if (id < 0 || weight <= 0) continue;
      const idf = this.idf(id) * weight;
      for (let p = this.postStart[id] ?? 0; p < (this.postStart[id + 1] ?? 0); p++) {
        const s = this.postSentences[p] ?? 0;
        if (s < lowest || s >= highest || this.curated[s] === 1) continue;
        const tf = this.postTf[p] ?? 0;
        const length = (this.tokStart[s + 1] ?? 0) - (this.tokStart[s] ?? 0);
        const gain = (idf * (tf * (K1 + 1))) / (tf + K1 * (1 - B + (B * length) / this.averageLength));
        const before = acc[s] ?? 0;
        if (before === 0) touched[count++] = s;
        acc[s] = before + gain;
      }
    }
    const best = selectTop(touched, count, acc, limit);
    for (let i = 0; i < count; i++) acc[touched[i] ?? 0] = 0;
    return best;
  }
}

/** Marks the sentences that a quote overlaps, in the quote's paragraph (white space aside). */
function markQuoted(
  sentences: readonly Sentence[],
  scopes: ReadonlyMap<string, SentenceScope>,
  quoted: ReadonlyArray<{ articleId: string; paragraph: number; quote: string }>,
): Uint8Array {
  const marks = new Uint8Array(sentences.length);
  for (const { articleId, paragraph, quote } of quoted) {
    const scope = scopes.get(articleId);
    if (!scope) continue;
    const inParagraph: Array<{ s: number; text: string }> = [];
    for (let s = scope.from; s < scope.to; s++) if (sentences[s]?.paragraph === paragraph) inParagraph.push({ s, text: squashSpace(sentences[s]?.text ?? "") });
    const joined = inParagraph.map((x) => x.text).join(" ");
    const at = joined.indexOf(squashSpace(quote));
    if (at < 0) continue;
    const end = at + squashSpace(quote).length;
    let offset = 0;
    for (const { s, text } of inParagraph) {
      if (offset < end && offset + text.length > at) marks[s] = 1;
      offset += text.length + 1;
    }
  }
  return marks;
}

function countTokens(list: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const id of list) map.set(id, (map.get(id) ?? 0) + 1);
  return map;
}
