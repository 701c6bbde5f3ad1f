import { stemmer } from "stemmer";
import { words } from "./normalize.ts";
import { QUESTION_WORDS, STOP_WORDS, WEAK_WORDS } from "./stopwords.ts";
import { SynonymMap } from "./synonyms.ts";

/** "date" is any time reference; "year" asks for a specific one. */
export type AnswerKind = "number" | "date" | "year" | "duration";

/** Turns text into the canonical tokens that facts are indexed by and questions are matched with. */
export class Analyzer {
  readonly synonyms: SynonymMap;
  private readonly weak: ReadonlySet<string>;

  constructor(synonymGroups: readonly (readonly string[])[]) {
    this.synonyms = new SynonymMap(synonymGroups, (phrase) => this.stems(words(phrase)));
    this.weak = new Set([...WEAK_WORDS].map((w) => stemmer(w)));
  }

  /** Content words, stemmed, without synonym rewriting. */
  stems(folded: readonly string[]): string[] {
    return contentWords(folded).map(stem);
  }

  /** Canonical tokens of a text, in order (may repeat). `correct` may replace unknown words (typos) before stemming. */
  tokens(text: string, correct?: (word: string) => string): string[] {
    const content = contentWords(words(text));
    return this.synonyms.rewrite((correct ? content.map(correct) : content).map(stem));
  }

  isWeak(token: string): boolean {
    return this.weak.has(token);
  }
}

export function contentWords(folded: readonly string[]): string[] {
  return folded.filter((w) => !STOP_WORDS.has(w) && !QUESTION_WORDS.has(w));
}

export function stem(word: string): string {
  return /^\d/.test(word) ? word : stemmer(word);
}

const NUMBER_QUESTION = /\b(how (many|much|big|large|far)|what (percent|percentage|share|proportion|fraction|portion|number|amount)|which (percent|percentage|number))\b/;
const YEAR_QUESTION = /\b(what|which|in what|in which) (year|date|day|month)\b/;
const DATE_QUESTION = /\b(when|what time|since when|how long ago)\b/;
const DURATION_QUESTION = /\bhow long\b/;

/** The kind of answer a question asks for, if its wording says so. */
export function expectedKind(foldedQuestion: string): AnswerKind | undefined {
  if (NUMBER_QUESTION.test(foldedQuestion)) return "number";
  if (YEAR_QUESTION.test(foldedQuestion)) return "year";
  if (DURATION_QUESTION.test(foldedQuestion) && !DATE_QUESTION.test(foldedQuestion)) return "duration";
  if (DATE_QUESTION.test(foldedQuestion)) return "date";
  return undefined;
}

const TAGS: ReadonlyArray<[RegExp, string]> = [
  [/\bhow (many|much)\b/, "#how-many"],
  [/\bwhen\b/, "#when"],
  [/\bwhy\b/, "#why"],
  [/\b(who|whom|whose)\b/, "#who"],
  [/\bwhere\b/, "#where"],
  [/\bhow\b/, "#how"],
];

/** A token naming the question word, so "why was NATO founded?" prefers phrasings that also ask why. */
export function questionTag(foldedQuestion: string): string | undefined {
  return TAGS.find(([pattern]) => pattern.test(foldedQuestion))?.[1];
}

/** Numbers, but not years: "how many" is not answered by "in 1949". */
const NUMBER_WORDS = /\b((?!(1[5-9]\d\d|20\d\d)\b)\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|third|quarter|fifth|tenth|dozen|percent|few|several)\b/;
const YEAR_WORDS = /\b(1[5-9]\d\d|20\d\d|january|february|march|april|june|july|august|september|october|november|december)\b/;
const DATE_WORDS = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|(this|last|next|that) (week|month|year)|(few|several|many) (days|weeks|months|years)|yesterday|tomorrow|ago|since|soon|after|before|until|earlier|later|recently|decade|century)\b/;

/** The kinds of answer a fact's folded text can give. */
export function answerKinds(foldedFactText: string): Set<AnswerKind> {
  const kinds = new Set<AnswerKind>();
  if (NUMBER_WORDS.test(foldedFactText)) kinds.add("number");
  if (YEAR_WORDS.test(foldedFactText)) kinds.add("year").add("date");
  if (DATE_WORDS.test(foldedFactText)) kinds.add("date");
  if (kinds.size > 0) kinds.add("duration");
  return kinds;
}
