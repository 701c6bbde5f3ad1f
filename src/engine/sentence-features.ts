import { stem } from "./analyzer.ts";
import { foldText } from "./normalize.ts";
import type { SentenceIndex } from "./sentence-index.ts";
import { wantedKinds, type Slot, type SlotKind } from "./slots.ts";
import { classifyWord, type WordClass } from "./word-class.ts";

/** A question's word, as the sentence index sees it. */
export interface SentenceTerm {
  token: string;
  /** the token's id in the sentence index, -1 when no article has it */
  id: number;
  /** idf, less for a weak word, a corrected typo or an unknown verb */
  weight: number;
  /** a name or a number: the answer must be about it */
  name: boolean;
  /** a noun, name or number (not a verb, adjective or bit of slang): what the question is about */
  content: boolean;
  /** tokens of the same word family ("discovery" for "discovered"), which count for RELATIVE_STRENGTH of it */
  relatives: number[];
}

/** What a word of the same family counts for, against the word itself. */
export const RELATIVE_STRENGTH = 0.7;

export interface SentenceQuestion {
  /** the question's folded words, to tell an answer from a repeat of the question */
  words: ReadonlySet<string>;
  terms: SentenceTerm[];
  /** the sum of the terms' weights */
  total: number;
  /** the kinds of answer it asks for ("when" → a date), if its wording says */
  kinds: SlotKind[] | undefined;
  /** "Is …?", "Did …?": answered by a sentence that says so, with no slot to fill */
  yesNo: boolean;
  /** asks about what will happen ("will", "going to", "expected") */
  future: boolean;
  /** asks for an explanation or for general knowledge ("how does X work", "what does X do", "usually") */
  general: boolean;
  /** the noun a "what X"/"which X" question asks for, if any */
  focus: number;
  /** the question's known tokens in order (-1 for one no article has), for word pairs */
  sequence: number[];
  /** for "how many X": the token of X, the thing counted; -1 otherwise */
  counted: number;
}

/** How much a word no article has counts, by its class: a noun the articles never use is a different subject. */
const UNKNOWN_WEIGHT: Record<WordClass, number> = { content: 1, modifier: 0.7, function: 0.4 };
const WEAK_WEIGHT = 0.35;
const TYPO_STRENGTH = { 1: 0.85, 2: 0.7 } as const;
const GENERAL = /\bhow (?:does|do|did|can|could|would|is|are) .+ (?:work|works|happen|function|made|make)\b|\bhow (?:do|does|can|should|would|could) (?:you|i|we|one|people|someone|anyone)\b|\bwhat (?:does|do|did) .+ (?:do|mean|stand for)\b|\b(?:usually|typically|normally|generally|in general|on average|ever|best way|difference between|explain|meaning of|definition of)\b/;
const FUTURE = /\b(?:will|going to|gonna|expected|expect|plan|plans|planned|due|next|upcoming|future)\b/;
const YES_NO = /^(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|shall|may|might|must)\b/;
const FOCUS = /^(?:.*? )?(?:what|which)(?: (?:is|are|was|were|s))?(?: (?:the|a|an|its|their|his|her))? ([a-z]+)\b/;

/** The question, analysed against the sentences: its weighted words, the names it gives, the answer it wants. */
export function analyzeForSentences(question: string, index: SentenceIndex): SentenceQuestion {
  const folded = foldText(question);
  const strengths = new Map<string, number>();
  const unknown = new Map<string, string>();
  const analysis = index.analyzer.analyze(question, (word) => {
    if (index.idOf(stem(word)) >= 0 || index.analyzer.synonyms.aliasTokens.has(stem(word))) return word;
    const found = index.vocabulary.lookup(word);
    if (!found) {
      unknown.set(stem(word), word);
      return word;
    }
    strengths.set(stem(found.term), found.strength === 1 ? 1 : found.strength >= 0.85 ? TYPO_STRENGTH[1] : TYPO_STRENGTH[2]);
    return found.term;
  });
  const capitalised = capitalisedWords(question);

  const maxIdf = index.idf(-1);
  const terms = [...new Set(analysis.tokens)].map((token): SentenceTerm => {
    const id = index.idOf(token);
    const surface = unknown.get(token);
    const name = /\d/.test(token) || capitalised.has(token) || index.isName(id);
    const relatives = index.relatives(token);
    const wordClass = name ? "content" : classifyWord(surface ?? token);
    const content = wordClass === "content";
    if ((id < 0 || index.df(id) === 0) && relatives.length === 0) {
      const weight = maxIdf * UNKNOWN_WEIGHT[surface === undefined ? "content" : classifyWord(surface)];
      return { token, id: -1, weight, name, content, relatives };
    }
    const idf = id >= 0 && index.df(id) > 0 ? index.idf(id) : Math.max(...relatives.map((r) => index.idf(r)));
    const weight = idf * (strengths.get(token) ?? 1) * (index.analyzer.isWeak(token) ? WEAK_WEIGHT : 1);
    return { token, id: id >= 0 && index.df(id) > 0 ? id : -1, weight, name, content, relatives };
  });
  const focusWord = FOCUS.exec(folded)?.[1];
  const focusToken = focusWord && classifyWord(focusWord) === "content" ? index.analyzer.tokens(focusWord)[0] : undefined;
  return {
    words: new Set(folded.split(" ").filter(Boolean)),
    terms,
    total: terms.reduce((sum, t) => sum + t.weight, 0),
    kinds: wantedKinds(folded),
    yesNo: YES_NO.test(folded),
    future: FUTURE.test(folded),
    general: GENERAL.test(folded),
    focus: focusToken ? index.idOf(focusToken) : -1,
    sequence: analysis.tokens.map((token) => index.idOf(token)),
    counted: countedOf(folded, index),
  };
}

/** "how many moons …" counts moons: the token of the first content word after "how many", or -1. */
function countedOf(folded: string, index: SentenceIndex): number {
  const after = /\bhow many ([a-z]+(?: [a-z]+)?)/.exec(folded)?.[1];
  if (!after) return -1;
  const token = index.analyzer.tokens(after)[0];
  return token ? index.idOf(token) : -1;
}

/** The stems of the words written with a capital, other than the first: names the asker typed as names. */
function capitalisedWords(question: string): Set<string> {
  const words = question.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  const out = new Set<string>();
  words.forEach((word, i) => {
    if (i > 0 && /^\p{Lu}/u.test(word)) for (const w of foldText(word).split(" ")) if (w) out.add(stem(w));
  });
  return out;
}

/** What a sentence says about the future. */
const FUTURE_TEXT = /\b(?:will|would|expected|expects|plans?|planned|due|is to|are to|aims?|intends?|proposed|next|scheduled|set to|forecast|predicted)\b/i;

/** How many sentences back, within its paragraph, a sentence's context reaches. */
const CONTEXT_BACK = 3;

/** Where a candidate stood in the retrieval. */
export interface Retrieval {
  /** 0 for the best */
  rank: number;
  bm25: number;
  /** the best and second-best BM25 scores for this question */
  top: number;
  second: number;
  /** the coverage of the question by the article that covers it best (articleCoverages) */
  bestArticle: number;
}

/**
 * Each article's share of the question's weight (what it holds anywhere, its title included),
 * for every article that holds any of it: which article a question is about.
 */
export function articleCoverages(question: SentenceQuestion, index: SentenceIndex): Map<string, number> {
  const covered = new Map<string, number>();
  if (question.total === 0) return covered;
  for (const term of question.terms) {
    const strength = new Map<string, number>();
    for (const id of term.relatives) for (const article of index.articlesWith(id)) strength.set(article, RELATIVE_STRENGTH);
    for (const article of index.articlesWith(term.id)) strength.set(article, 1);
    for (const [article, value] of strength) covered.set(article, (covered.get(article) ?? 0) + (value * term.weight) / question.total);
  }
  return covered;
}

/** The features of the model, in order; the weights file names them too, so the two cannot drift apart. */
export const FEATURE_NAMES = [
  "coverage",
  "coverageWithContext",
  "coverageOfParagraph",
  "coverageOfArticle",
  "behindBestArticle",
  "unknownShare",
  "unknownContentShare",
  "otherCoverage",
  "tenseMismatch",
  "generalQuestion",
  "largestMissing",
  "namesMissing",
  "namesAsked",
  "kindWanted",
  "kindFound",
  "yesNo",
  "bm25Relative",
  "rank",
  "margin",
  "density",
  "questionTerms",
  "sentenceLength",
  "focusMissing",
  "novelty",
  "pairsTogether",
  "answerNearby",
  "articlePosition",
  "numbersMissing",
  "countedHere",
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** The evidence that sentence `s` answers the question, as numbers for the model (FEATURE_NAMES order). */
export function sentenceFeatures(question: SentenceQuestion, index: SentenceIndex, s: number, retrieval: Retrieval): number[] {
  const sentence = index.sentences[s];
  if (!sentence || question.total === 0) return FEATURE_NAMES.map(() => 0);
  const scope = index.scopeOf(sentence.articleId) ?? { from: s, to: s + 1 };
  const paragraph = index.paragraphOf(s);
  const title = index.titleOf(sentence.articleId);
  // The context a sentence leans on: the sentences before it in its paragraph (up to CONTEXT_BACK),
  // or the one before the paragraph when it opens one, and the article's title.
  const contextFrom = Math.max(scope.from, paragraph.from === s ? s - 1 : Math.max(paragraph.from, s - CONTEXT_BACK));
  const inContextOf = (id: number) => index.hasIn(contextFrom, s, id) || title.has(id);
  let own = 0;
  let withContext = 0;
  let inParagraph = 0;
  let inArticle = 0;
  let unknown = 0;
  let unknownContent = 0;
  let other = 0;
  let otherCovered = 0;
  let largestMissing = 0;
  let namesMissing = 0;
  let numbersMissing = 0;
  let namesAsked = 0;
  for (const term of question.terms) {
    if (term.name) namesAsked++;
    if (!term.name) other += term.weight;
    if (term.id < 0 && term.relatives.length === 0) {
      unknown += term.weight;
      if (term.content) unknownContent += term.weight;
      largestMissing = Math.max(largestMissing, term.weight);
      if (term.name) namesMissing++;
      if (/\d/.test(term.token)) numbersMissing++;
      continue;
    }
    const strength = (holds: (id: number) => boolean) => (term.id >= 0 && holds(term.id) ? 1 : term.relatives.some(holds) ? RELATIVE_STRENGTH : 0);
    const inOwn = strength((id) => index.has(s, id));
    const inContext = Math.max(inOwn, strength(inContextOf));
    const inPara = Math.max(inContext, strength((id) => index.hasIn(paragraph.from, paragraph.to, id)));
    const inArt = Math.max(inPara, strength((id) => index.hasIn(scope.from, scope.to, id)));
    own += inOwn * term.weight;
    if (!term.name) otherCovered += inContext * term.weight;
    withContext += inContext * term.weight;
    if (inContext === 0) {
      largestMissing = Math.max(largestMissing, term.weight);
      if (term.name) namesMissing++;
      if (/\d/.test(term.token)) numbersMissing++;
    }
    inParagraph += inPara * term.weight;
    inArticle += inArt * term.weight;
  }
  const total = question.total;
  const tokens = index.tokensOf(s);
  const asked = new Set(question.terms.flatMap((t) => [t.id, ...t.relatives]));
  let first = -1;
  let last = -1;
  let matched = 0;
  let novel = 0;
  tokens.forEach((id, at) => {
    if (asked.has(id)) {
      if (first < 0) first = at;
      last = at;
      matched++;
    } else novel++;
  });
  const wantedSlots = question.kinds === undefined ? [] : index.slotsOf(s).filter((slot) => question.kinds?.includes(slot.kind) && slot.words.some((w) => !question.words.has(w)));
  const kindFound = wantedSlots.length > 0;
  const values: Record<FeatureName, number> = {
    coverage: own / total,
    coverageWithContext: withContext / total,
    coverageOfParagraph: inParagraph / total,
    coverageOfArticle: inArticle / total,
    behindBestArticle: retrieval.bestArticle - inArticle / total,
    unknownShare: unknown / total,
    unknownContentShare: unknownContent / total,
    otherCoverage: other > 0 ? otherCovered / other : 1,
    generalQuestion: question.general ? 1 : 0,
    tenseMismatch: question.future && !FUTURE_TEXT.test(sentence.text) ? 1 : 0,
    largestMissing: largestMissing / total,
    namesMissing: Math.min(namesMissing, 3),
    namesAsked: Math.min(namesAsked, 3),
    kindWanted: question.kinds ? 1 : 0,
    kindFound: kindFound ? 1 : 0,
    yesNo: question.yesNo ? 1 : 0,
    bm25Relative: retrieval.top > 0 ? retrieval.bm25 / retrieval.top : 0,
    rank: Math.log2(1 + retrieval.rank),
    margin: retrieval.top > 0 ? (retrieval.top - retrieval.second) / retrieval.top : 0,
    density: matched > 0 ? matched / (last - first + 1) : 0,
    questionTerms: Math.log(1 + question.terms.length),
    sentenceLength: Math.log(1 + tokens.length),
    focusMissing: question.focus >= 0 && !index.has(s, question.focus) && !inContextOf(question.focus) ? 1 : 0,
    novelty: tokens.length > 0 ? novel / tokens.length : 0,
    pairsTogether: pairsTogether(question.sequence, tokens),
    answerNearby: answerNearby(wantedSlots, tokens, asked, index),
    articlePosition: Math.log(1 + s - scope.from),
    numbersMissing: Math.min(numbersMissing, 2),
    countedHere: question.counted < 0 ? 0.5 : countedHere(question.counted, tokens, index) ? 1 : 0,
  };
  return FEATURE_NAMES.map((name) => values[name]);
}

/** The share of the question's neighbouring word pairs that stand within two words of each other in the sentence. */
function pairsTogether(sequence: readonly number[], tokens: Int32Array): number {
  let pairs = 0;
  let together = 0;
  for (let i = 0; i + 1 < sequence.length; i++) {
    const a = sequence[i] ?? -1;
    const b = sequence[i + 1] ?? -1;
    if (a < 0 || b < 0 || a === b) continue;
    pairs++;
    let found = false;
    for (let j = 0; j < tokens.length && !found; j++) {
      if (tokens[j] !== a) continue;
      for (let k = Math.max(0, j - 2); k <= Math.min(tokens.length - 1, j + 2); k++) if (k !== j && tokens[k] === b) found = true;
    }
    if (found) together++;
  }
  return pairs === 0 ? 0 : together / pairs;
}

/**
 * How close the nearest slot of the wanted kind stands to a word of the question, as 1 / (1 + the
 * distance in words): "take about 22 months" answers "how long will it take" better than a
 * number at the far end of the sentence. 0 without such a slot.
 */
function answerNearby(slots: readonly Slot[], tokens: Int32Array, asked: ReadonlySet<number>, index: SentenceIndex): number {
  if (slots.length === 0) return 0;
  const matched: number[] = [];
  tokens.forEach((id, at) => {
    if (asked.has(id)) matched.push(at);
  });
  if (matched.length === 0) return 0;
  let best = Infinity;
  for (const slot of slots) {
    const ids = new Set(index.analyzer.tokens(slot.words.join(" ")).map((t) => index.idOf(t)));
    tokens.forEach((id, at) => {
      if (!ids.has(id) || asked.has(id)) return;
      for (const m of matched) best = Math.min(best, Math.abs(m - at));
    });
  }
  return best === Infinity ? 0 : 1 / (1 + best);
}

/** Whether a number stands within two words before the counted thing ("214 stores", "a thousand Jews"). */
function countedHere(counted: number, tokens: Int32Array, index: SentenceIndex): boolean {
  for (let at = 0; at < tokens.length; at++) {
    if (tokens[at] !== counted) continue;
    for (let k = Math.max(0, at - 3); k < at; k++) if (isNumberToken(index, tokens[k] ?? -1)) return true;
  }
  return false;
}

const NUMBER_WORD = /^(?:\d[\d.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelv|twelve|thirteen|fifteen|twenti|thirti|forti|fifti|hundr|hundred|thousand|million|billion|dozen|sever|sever|mani|few)$/;
function isNumberToken(index: SentenceIndex, id: number): boolean {
  return id >= 0 && NUMBER_WORD.test(index.tokenName(id));
}
