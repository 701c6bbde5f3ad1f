import type { KnowledgeFact } from "../knowledge/load.ts";
import { expectedKind, questionTag, stem, type AnswerKind } from "./analyzer.ts";
import { f1, FIELD_WEIGHTS, TAG_WEIGHT, WEAK_WORD_WEIGHT, type FactIndex, type FactScope } from "./fact-index.ts";
import { classifyWord, type WordClass } from "./word-class.ts";

export interface QueryTerm {
  token: string;
  /** the token's id in the index, or -1 */
  id: number;
  /** found in the index (exactly or as a corrected typo) */
  known: boolean;
  /** 1 for an exact word, less for a corrected typo */
  strength: number;
  weight: number;
}

export interface AnalyzedQuestion {
  terms: QueryTerm[];
  kind: AnswerKind | undefined;
  /** the question word's tag ("#why") and its id in the index, or -1 */
  tag: string | undefined;
  tagId: number;
  /** the sum of the terms' weights */
  total: number;
  /** the noun a "what X …?" question asks for ("what party …" → party): its id, -1 for none, -2 when no fact has it */
  focusId: number;
}

export interface RankedFact {
  entry: { fact: KnowledgeFact; position: number };
  /** in [0, 1]: how well the fact answers the question */
  score: number;
  /** share of the question's weight that the fact covers */
  coverage: number;
  /** best agreement with one of the fact's phrasings */
  phrasing: number;
  /** the largest share of the question's weight held by one word the fact lacks */
  missing: number;
}

/** How many facts, picked by the inverted index, get the full scoring; and how many more by their phrasings. */
const SHORTLIST = 100;
const PHRASING_SHORTLIST = 50;
const COVERAGE_SHARE = 0.55;
const KIND_MISMATCH = 0.45;
/** Milder: a fact can explain without a "because". */
const REASON_MISMATCH = 0.8;
/** How much a word the knowledge base has never seen counts, by its class. */
const UNKNOWN_WEIGHT: Record<WordClass, number> = { content: 1, modifier: 0.85, function: WEAK_WORD_WEIGHT };
/** A word the fact lacks that carries more than this share of the question marks a different question. */
const MISSING_ALLOWANCE = 0.2;
const MISSING_PENALTY = 2;
/** Each person, place or organisation the question names and the fact does not (counted up to two). */
const ENTITY_MISSING = 0.8;
/** A fact that lacks the thing a "what X" question asks for. */
const FOCUS_MISSING = 0.7;

export function analyzeQuestion(question: string, index: FactIndex): AnalyzedQuestion {
  const strengths = new Map<string, number>();
  const unknownWords = new Map<string, string>();
  const analysis = index.analyzer.analyze(question, (word) => {
    if (index.knows(stem(word))) return word;
    const found = index.vocabulary.lookup(word);
    if (!found) {
      unknownWords.set(stem(word), word);
      return word;
    }
    const token = stem(found.term);
    strengths.set(token, Math.min(strengths.get(token) ?? 1, found.strength));
    return found.term;
  });
  const terms = [...new Set(analysis.tokens)].map((token): QueryTerm => {
    const id = index.idOf(token);
    const known = index.holds(id);
    const surface = unknownWords.get(token);
    const weight = known || surface === undefined ? index.weightOf(token) : index.idf(token) * UNKNOWN_WEIGHT[classifyWord(surface)];
    return { token, id, known, strength: known ? (strengths.get(token) ?? 1) : 0, weight };
  });
  const tag = questionTag(analysis.folded);
  return {
    terms,
    kind: expectedKind(analysis.folded),
    tag,
    tagId: tag ? index.idOf(tag) : -1,
    total: terms.reduce((sum, t) => sum + t.weight, 0),
    focusId: focusOf(analysis.folded, index),
  };
}

/** Nouns after "what" that only say what kind of answer is wanted, not what it is about. */
const GENERIC_FOCUS = new Set(
  "kind type sort year date day month time percent percentage share number amount part way thing things happened happens reason purpose point role".split(" "),
);
const FOCUS = /^(?:.*? )?(?:what|which)(?: (?:is|are|was|were|s))?(?: (?:the|a|an|its|their|his|her))? ([a-z]+)\b/;

/**
 * The thing a "what X …?" question asks for: "what party is Zelensky from?" asks for a party, and
 * a fact about Zelensky that names no party does not answer it. Only a noun counts.
 */
function focusOf(folded: string, index: FactIndex): number {
  const word = FOCUS.exec(folded)?.[1];
  if (!word || GENERIC_FOCUS.has(word) || classifyWord(word) !== "content") return -1;
  const token = index.analyzer.tokens(word)[0];
  if (!token) return -1;
  const id = index.idOf(token);
  return index.holds(id) ? id : FOCUS_NOWHERE;
}

const FOCUS_NOWHERE = -2;

/**
 * Facts ranked best first. Candidates come from the inverted index; only a shortlist is scored in
 * full. With a scope, only the facts in it (one article's) are candidates.
 */
export function rankFacts(question: AnalyzedQuestion, index: FactIndex, scope?: FactScope): RankedFact[] {
  if (question.total === 0) return [];
  const gains = question.terms.filter((t) => t.known).map((t) => ({ id: t.id, gain: t.weight * t.strength }));
  const candidates = new Set(index.topCandidates(gains, SHORTLIST, scope).map((c) => c.position));
  // Also the facts with the alternate questions closest to this one (question word included).
  const tag = question.tagId >= 0 ? { id: question.tagId, gain: TAG_WEIGHT } : undefined;
  const total = question.total + (question.tag ? TAG_WEIGHT : 0);
  for (const position of index.topPhrasingFacts(gains, tag, total, PHRASING_SHORTLIST, scope)) candidates.add(position);
  const ranked = [...candidates].map((position) => scoreFact(question, index, position));
  return ranked.sort((a, b) => b.score - a.score || b.coverage - a.coverage || a.entry.position - b.entry.position);
}

function scoreFact(question: AnalyzedQuestion, index: FactIndex, position: number): RankedFact {
  const fact = index.facts[position] as KnowledgeFact;
  const view = bestView(question, index, position);
  const [first, end] = index.phrasingsOf(position);
  let phrasing = 0;
  for (let p = first; p < end; p++) phrasing = Math.max(phrasing, agreement(question, p, index));
  let score = COVERAGE_SHARE * view.coverage + (1 - COVERAGE_SHARE) * phrasing;
  score *= Math.max(0, 1 - MISSING_PENALTY * Math.max(0, view.missing - MISSING_ALLOWANCE));
  if (question.kind && !index.hasKind(position, question.kind)) score *= question.kind === "reason" ? REASON_MISMATCH : KIND_MISMATCH;
  score *= ENTITY_MISSING ** Math.min(view.missingEntities, 2);
  if (question.focusId === FOCUS_NOWHERE || (question.focusId >= 0 && !factHas(index, position, question.focusId))) score *= FOCUS_MISSING;
  return { entry: { fact, position }, score, coverage: view.coverage, phrasing, missing: view.missing };
}

function factHas(index: FactIndex, position: number, id: number): boolean {
  if (index.coreWeight(position, id) > 0) return true;
  const [first, end] = index.phrasingsOf(position);
  for (let p = first; p < end; p++) if (index.phrasingHas(p, id)) return true;
  return false;
}

interface View {
  coverage: number;
  missing: number;
  missingEntities: number;
}

/**
 * How much of the question the fact covers, read as its own words plus one alternate question
 * at a time: words scattered over different alternate questions do not add up.
 */
function bestView(question: AnalyzedQuestion, index: FactIndex, position: number): View {
  const [first, end] = index.phrasingsOf(position);
  const alternates = end - first - 1; // the last phrasing is the keywords, already in the fact's own words
  const core = question.terms.map((t) => (t.known ? index.coreWeight(position, t.id) : 0));
  let best: View = { coverage: -1, missing: 1, missingEntities: 0 };
  for (let i = 0; i <= alternates; i++) {
    const alternate = i < alternates ? first + i : -1;
    let covered = 0;
    let missing = 0;
    let missingEntities = 0;
    question.terms.forEach((term, t) => {
      const inAlternate = alternate >= 0 && term.known && index.phrasingHas(alternate, term.id);
      const weight = Math.max(core[t] ?? 0, inAlternate ? FIELD_WEIGHTS.questions / 100 : 0);
      if (weight > 0) covered += term.weight * term.strength * weight;
      else {
        missing = Math.max(missing, term.weight / question.total);
        if (term.id >= 0 && index.isEntity(term.id)) missingEntities++;
      }
    });
    const coverage = Math.min(1, covered / question.total);
    if (coverage > best.coverage || (coverage === best.coverage && missing < best.missing)) best = { coverage, missing, missingEntities };
  }
  return best;
}

/** F1 of the weighted overlap between the question's words (and question word) and one phrasing's. */
function agreement(question: AnalyzedQuestion, phrasing: number, index: FactIndex): number {
  let shared = 0;
  for (const term of question.terms) if (term.known && index.phrasingHas(phrasing, term.id)) shared += term.weight * term.strength;
  if (shared === 0) return 0;
  const own = index.phrasingWeightOf(phrasing);
  let total = question.total;
  if (question.tag) {
    total += TAG_WEIGHT;
    if (question.tagId >= 0 && index.phrasingHas(phrasing, question.tagId)) shared += TAG_WEIGHT;
  }
  return f1(shared, total, own);
}
