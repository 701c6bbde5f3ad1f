import Fuse, { type IFuseOptions } from "fuse.js";
import { normalizeQuestion } from "./normalize-question.ts";

/** What to report on. */
export interface GapsOptions {
  /** one server's questions and votes; all of them when unset */
  guildId?: string | undefined;
  /** at most this many question groups and this many answers (default 10) */
  limit?: number | undefined;
  /** only what was recorded at or after this time; everything kept when unset */
  since?: Date | undefined;
}

/** Declined questions that are the same question, however worded. */
export interface QuestionGroup {
  /** the wording asked most often */
  question: string;
  /** how many times the group's questions were asked */
  count: number;
  /** a few other wordings, the most asked first */
  variants: string[];
}

/** An answer people voted down, by the fact it cited. */
export interface DislikedAnswer {
  factId: string;
  up: number;
  down: number;
  /** a question that got this answer and a 👎 (the latest) */
  question: string;
}

export interface GapsReport {
  /** the most-asked declined questions, the most asked first */
  declined: QuestionGroup[];
  /** the answers with the most 👎, the most first */
  disliked: DislikedAnswer[];
  /** how much was recorded in the report's scope, so "nothing yet" can be told from "nothing bad" */
  recorded: { declined: number; votes: number };
}

export interface QuestionCount {
  question: string;
  count: number;
}

export interface GroupingLimits {
  /** rows looked at, the most asked first; the rest are left out (default 2,000) */
  maxRows?: number;
  /** other questions compared with each group's first question (default 20) */
  maxCandidates?: number;
  /** example wordings kept per group (default 3) */
  maxVariants?: number;
}

/** Two words count as the same word misspelt when fuse.js scores them this close, both ways. */
const TYPO_SCORE = 0.3;

const FUSE_OPTIONS: IFuseOptions<string> = { includeScore: true, ignoreLocation: true, threshold: TYPO_SCORE, isCaseSensitive: true };

interface Entry {
  key: string;
  words: string[];
  count: number;
  /** wording → times asked */
  wordings: Map<string, number>;
}

/**
 * Groups declined questions that are the same question: first exact duplicates once normalized
 * (case, spacing, punctuation, contractions), then near-duplicates. Two questions are near-duplicates
 * when they differ in at most one word in four (at least one), and fuse.js finds each differing word
 * to be a misspelling of a differing word of the other ("mayr" / "mayor"), so "capital of Poland"
 * and "capital of France" stay apart. Each group is formed around its most asked question and takes
 * the near-duplicates of that question, so the grouping does not chain.
 *
 * Bounded in cost: at most `maxRows` rows, and each group compares its first question with at most
 * `maxCandidates` others: those sharing the most words with it, found through a word index.
 * A group is shown by its most asked wording; between wordings asked equally often, the one in the
 * earlier row (the store lists the latest asked first). Groups come sorted by count, then by wording.
 */
export function groupQuestions(rows: readonly QuestionCount[], limits: GroupingLimits = {}): QuestionGroup[] {
  const { maxRows = 2000, maxCandidates = 20, maxVariants = 3 } = limits;
  const entries = mergeExact([...rows].sort((a, b) => b.count - a.count).slice(0, maxRows));
  entries.sort((a, b) => b.count - a.count || compare(a.key, b.key));

  const byWord = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    for (const word of new Set(entry.words)) {
      const list = byWord.get(word);
      if (list) list.push(i);
      else byWord.set(word, [i]);
    }
  });

  const taken = new Array<boolean>(entries.length).fill(false);
  const groups: QuestionGroup[] = [];
  entries.forEach((leader, i) => {
    if (taken[i]) return;
    taken[i] = true;
    const members = [leader];
    for (const j of candidates(leader, i, byWord, taken, maxCandidates)) {
      const other = entries[j];
      if (other && nearDuplicates(leader.words, other.words)) {
        taken[j] = true;
        members.push(other);
      }
    }
    groups.push(toGroup(members, maxVariants));
  });
  return groups.sort((a, b) => b.count - a.count || compare(a.question, b.question));
}

function mergeExact(rows: readonly QuestionCount[]): Entry[] {
  const byKey = new Map<string, Entry>();
  for (const { question, count } of rows) {
    const wording = question.trim().replace(/\s+/g, " ");
    const key = normalizeQuestion(wording);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { key, words: key === "" ? [] : key.split(" "), count: 0, wordings: new Map() };
      byKey.set(key, entry);
    }
    entry.count += count;
    entry.wordings.set(wording, (entry.wordings.get(wording) ?? 0) + count);
  }
  return [...byKey.values()];
}

/** Later, untaken entries sharing the most words with the leader; ties go to the more asked. */
function candidates(leader: Entry, index: number, byWord: Map<string, number[]>, taken: boolean[], max: number): number[] {
  const shared = new Map<number, number>();
  for (const word of new Set(leader.words)) {
    for (const j of byWord.get(word) ?? []) if (j > index && !taken[j]) shared.set(j, (shared.get(j) ?? 0) + 1);
  }
  return [...shared]
    .filter(([, n]) => n >= Math.max(1, leader.words.length - allowedEdits(leader.words.length)))
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, max)
    .map(([j]) => j);
}

/** One differing word in four, and at least one. */
function allowedEdits(words: number): number {
  return Math.max(1, Math.floor(words / 4));
}

/** The same question up to a few misspelt words (see groupQuestions). */
export function nearDuplicates(a: readonly string[], b: readonly string[]): boolean {
  const inB = new Set(b);
  const inA = new Set(a);
  const onlyA = [...new Set(a.filter((w) => !inB.has(w)))];
  const onlyB = [...new Set(b.filter((w) => !inA.has(w)))];
  if (Math.max(onlyA.length, onlyB.length) > allowedEdits(Math.max(a.length, b.length))) return false;
  if (onlyA.length === 0 && onlyB.length === 0) return a.length === b.length;
  return onlyA.every((w) => onlyB.some((v) => misspelt(w, v))) && onlyB.every((v) => onlyA.some((w) => misspelt(w, v)));
}

function misspelt(a: string, b: string): boolean {
  return fuseScore(a, b) <= TYPO_SCORE && fuseScore(b, a) <= TYPO_SCORE;
}

function fuseScore(pattern: string, text: string): number {
  const result = Fuse.match(pattern, text, FUSE_OPTIONS);
  return result.isMatch ? (result.score ?? 1) : 1;
}

function toGroup(members: readonly Entry[], maxVariants: number): QuestionGroup {
  const wordings = new Map<string, number>();
  for (const member of members) for (const [wording, n] of member.wordings) wordings.set(wording, (wordings.get(wording) ?? 0) + n);
  // Stable sort: among wordings asked equally often, the leader's come first, then the order of the rows given.
  const ranked = [...wordings].sort((x, y) => y[1] - x[1]);
  const [first, ...rest] = ranked.map(([wording]) => wording);
  return {
    question: first ?? "",
    count: members.reduce((n, m) => n + m.count, 0),
    variants: rest.slice(0, maxVariants),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
