import { expectedKind, questionTag, stem, type AnswerKind } from "./analyzer.ts";
import { FIELD_WEIGHTS, type FactIndex, type IndexedFact } from "./fact-index.ts";
import { foldText } from "./normalize.ts";
import { classifyWord, type WordClass } from "./word-class.ts";

export interface QueryTerm {
  token: string;
  /** found in the index (exactly or as a corrected typo) */
  known: boolean;
  /** 1 for an exact word, less for a corrected typo */
  strength: number;
  weight: number;
}

export interface AnalyzedQuestion {
  terms: QueryTerm[];
  kind: AnswerKind | undefined;
  tag: string | undefined;
  /** the sum of the terms' weights */
  total: number;
}

export interface RankedFact {
  entry: IndexedFact;
  /** in [0, 1]: how well the fact answers the question */
  score: number;
  /** share of the question's weight that the fact covers */
  coverage: number;
  /** best agreement with one of the fact's phrasings */
  phrasing: number;
  /** the largest share of the question's weight held by one word the fact lacks */
  missing: number;
}

/** How many facts, picked by the inverted index, get the full scoring. */
const SHORTLIST = 40;
const COVERAGE_SHARE = 0.55;
const KIND_MISMATCH = 0.45;
/** Milder: a fact can explain without a "because". */
const REASON_MISMATCH = 0.8;
const WEAK_WORD_WEIGHT = 0.3;
/** How much a word the knowledge base has never seen counts, by its class. */
const UNKNOWN_WEIGHT: Record<WordClass, number> = { content: 1, modifier: 0.85, function: WEAK_WORD_WEIGHT };
const TAG_WEIGHT = 0.8;
/** A word the fact lacks that carries more than this share of the question marks a different question. */
const MISSING_ALLOWANCE = 0.2;
const MISSING_PENALTY = 2;
/** Each person, place or organisation the question names and the fact does not (counted up to two). */
const ENTITY_MISSING = 0.8;

export function analyzeQuestion(question: string, index: FactIndex): AnalyzedQuestion {
  const strengths = new Map<string, number>();
  const unknownWords = new Map<string, string>();
  const tokens = index.analyzer.tokens(question, (word) => {
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
  const terms = [...new Set(tokens)].map((token): QueryTerm => {
    const known = index.postingsOf(token) !== undefined;
    const surface = unknownWords.get(token);
    const weight = known || surface === undefined ? tokenWeight(token, index) : index.idf(token) * UNKNOWN_WEIGHT[classifyWord(surface)];
    return { token, known, strength: known ? (strengths.get(token) ?? 1) : 0, weight };
  });
  const folded = foldText(question);
  return { terms, kind: expectedKind(folded), tag: questionTag(folded), total: terms.reduce((sum, t) => sum + t.weight, 0) };
}

function tokenWeight(token: string, index: FactIndex): number {
  return index.idf(token) * (index.analyzer.isWeak(token) ? WEAK_WORD_WEIGHT : 1);
}

/** Facts ranked best first. Candidates come from the inverted index; only a shortlist is scored in full. */
export function rankFacts(question: AnalyzedQuestion, index: FactIndex): RankedFact[] {
  if (question.total === 0) return [];
  const accumulated = new Map<number, number>();
  for (const term of question.terms) {
    if (!term.known) continue;
    const postings = index.postingsOf(term.token);
    if (!postings) continue;
    const gain = term.weight * term.strength;
    for (let i = 0; i < postings.facts.length; i++) {
      const fact = postings.facts[i] as number;
      accumulated.set(fact, (accumulated.get(fact) ?? 0) + gain * (postings.weights[i] as number));
    }
  }
  const shortlist = [...accumulated].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, SHORTLIST);
  const ranked = shortlist.map(([position]) => scoreFact(question, index, position));
  return ranked.sort((a, b) => b.score - a.score || b.coverage - a.coverage);
}

function scoreFact(question: AnalyzedQuestion, index: FactIndex, position: number): RankedFact {
  const entry = index.entries[position] as IndexedFact;
  const view = bestView(question, index, entry);
  const phrasing = Math.max(0, ...entry.phrasings.map((p) => agreement(question, p, index)));
  let score = COVERAGE_SHARE * view.coverage + (1 - COVERAGE_SHARE) * phrasing;
  score *= Math.max(0, 1 - MISSING_PENALTY * Math.max(0, view.missing - MISSING_ALLOWANCE));
  if (question.kind && !entry.kinds.has(question.kind)) score *= question.kind === "reason" ? REASON_MISMATCH : KIND_MISMATCH;
  score *= ENTITY_MISSING ** Math.min(view.missingEntities, 2);
  return { entry, score, coverage: view.coverage, phrasing, missing: view.missing };
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
function bestView(question: AnalyzedQuestion, index: FactIndex, entry: IndexedFact): View {
  let best: View = { coverage: -1, missing: 1, missingEntities: 0 };
  for (let i = 0; i <= entry.fact.questions.length; i++) {
    const alternate = i < entry.fact.questions.length ? entry.phrasings[i] : undefined;
    let covered = 0;
    let missing = 0;
    let missingEntities = 0;
    for (const term of question.terms) {
      const weight = term.known ? Math.max(entry.core.get(term.token) ?? 0, alternate?.has(term.token) ? FIELD_WEIGHTS.questions : 0) : 0;
      if (weight > 0) covered += term.weight * term.strength * weight;
      else {
        missing = Math.max(missing, term.weight / question.total);
        if (index.isEntity(term.token)) missingEntities++;
      }
    }
    const coverage = Math.min(1, covered / question.total);
    if (coverage > best.coverage || (coverage === best.coverage && missing < best.missing)) best = { coverage, missing, missingEntities };
  }
  return best;
}

/** F1 of the weighted overlap between the question's words (and question word) and one phrasing's. */
function agreement(question: AnalyzedQuestion, phrasing: ReadonlySet<string>, index: FactIndex): number {
  let shared = 0;
  for (const term of question.terms) if (phrasing.has(term.token)) shared += term.weight * term.strength;
  if (shared === 0) return 0;
  let own = 0;
  for (const token of phrasing) own += token.startsWith("#") ? TAG_WEIGHT : tokenWeight(token, index);
  let total = question.total;
  if (question.tag) {
    total += TAG_WEIGHT;
    if (phrasing.has(question.tag)) shared += TAG_WEIGHT;
  }
  const precision = shared / total;
  const recall = Math.min(1, shared / own);
  return (2 * precision * recall) / (precision + recall);
}
