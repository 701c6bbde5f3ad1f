import { stemmer } from "stemmer";
import { withEnglishSynonyms } from "./english-synonyms.ts";
import { foldText } from "./normalize.ts";
import { QUESTION_WORDS, STOP_WORDS, WEAK_WORDS } from "./stopwords.ts";
import { SynonymMap, type MarkedToken } from "./synonyms.ts";

/** "date" is any time reference; "year" asks for a specific one. */
export type AnswerKind = "number" | "date" | "year" | "duration" | "reason";

/** Turns text into the canonical tokens that facts are indexed by and questions are matched with. */
export class Analyzer {
  readonly synonyms: SynonymMap;
  private readonly weak: ReadonlySet<string>;

  constructor(synonymGroups: readonly (readonly string[])[]) {
    const sequence = (phrase: string) => marked(questionWords(phrase));
    const key = (phrase: string) => sequence(phrase).map((m) => m.token).join(" ");
    this.synonyms = new SynonymMap(withEnglishSynonyms(synonymGroups, key), sequence);
    this.weak = new Set([...WEAK_WORDS].map((w) => stemmer(w)));
  }

  /** Content words, stemmed, without synonym rewriting. */
  stems(folded: readonly string[]): string[] {
    return contentWords(folded).map(stem);
  }

  /** Canonical tokens of a text, in order (may repeat). `correct` may replace unknown words (typos) before stemming. */
  tokens(text: string, correct?: (word: string) => string): string[] {
    return this.analyze(text, correct).tokens;
  }

  /** The folded text, its content words as written, and its canonical tokens, in one pass. */
  analyze(text: string, correct?: (word: string) => string): { folded: string; words: string[]; tokens: string[] } {
    const folded = foldText(text);
    const all = fillerless(folded);
    const content = contentWords(all);
    const corrected = correct ? correctSome(content, correct) : content;
    // the whole sequence, stop words marked, with the content words corrected: synonyms match on it
    let k = 0;
    const sequence = all.map((word): MarkedToken => (isContent(word) ? { token: stem(corrected[k++] ?? word), content: true } : { token: word, content: false }));
    return { folded, words: content, tokens: this.synonyms.rewrite(sequence) };
  }

  isWeak(token: string): boolean {
    return this.weak.has(token);
  }
}

/**
 * A typo lookup costs a fuse.js search, so a text gets at most this many distinct words corrected;
 * later new words are kept as written. A question (at most 500 characters) has fewer words than
 * this, so only a pasted wall of text (the check command, a search) is affected.
 */
export const MAX_CORRECTED_WORDS = 256;

/** `correct` applied once per distinct word, to the first MAX_CORRECTED_WORDS distinct words. */
function correctSome(words: readonly string[], correct: (word: string) => string): string[] {
  const done = new Map<string, string>();
  return words.map((word) => {
    let corrected = done.get(word);
    if (corrected === undefined) {
      corrected = done.size < MAX_CORRECTED_WORDS ? correct(word) : word;
      done.set(word, corrected);
    }
    return corrected;
  });
}

/** Set phrases that ask "tell me about X" without naming anything: they carry no content. */
const FILLER_PHRASES = /\b(whats|what is|what|hows|how is) (the )?(deal|story|situation|thing|news|latest|update) (with|on|about)\b|\b(tell|told) me\b|\bwhat about\b|\bhow about\b|\bany (news|info|update)s? (on|about)\b|\b(these days|nowadays|right now|rn|atm|at the moment|as of now|lately|tl dr|tldr|eli5)\b/g;

/** "how long", "how old": the second word only says what kind of answer is wanted. */
const HOW_PHRASES = /\bhow (long|big|large|far|old|often|soon)\b/g;

/** Folded words, without filler phrases. */
function questionWords(text: string): string[] {
  return fillerless(foldText(text));
}

function fillerless(folded: string): string[] {
  const kept = folded.replace(FILLER_PHRASES, " ").replace(HOW_PHRASES, "how").replace(/\s+/g, " ").trim();
  return kept ? kept.split(" ") : [];
}

function isContent(word: string): boolean {
  return !STOP_WORDS.has(word) && !QUESTION_WORDS.has(word);
}

export function contentWords(folded: readonly string[]): string[] {
  return folded.filter(isContent);
}

/** Words as stems, stop words kept (unstemmed) and marked. */
function marked(words: readonly string[]): MarkedToken[] {
  return words.map((word) => (isContent(word) ? { token: stem(word), content: true } : { token: word, content: false }));
}

const stems = new Map<string, string>();

/** Porter stem, cached: a vocabulary is small next to the text it is used in. */
export function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = /^\d/.test(word) ? word : stemmer(word);
    if (stems.size > 200_000) stems.clear();
    stems.set(word, stemmed);
  }
  return stemmed;
}

const NUMBER_QUESTION = /\b(how (many|much|big|large|far)|what (percent|percentage|share|proportion|fraction|portion|number|amount)|which (percent|percentage|number))\b/;
/** "what is NATO's budget?" asks for an amount as surely as "how big is NATO's budget?". */
const QUANTITY_QUESTION = /\bwhat (is|are|was|were|s) (the |its |their |his |her )?(\w+ ){0,3}(budget|budgets|cost|costs|price|population|size|gdp|income|salary|amount|total|rate|value|count|death toll|toll|casualties|number)\b/;
const YEAR_QUESTION = /\b(what|which|in what|in which) (year|date|day|month)\b|\bhow old\b/;
const DATE_QUESTION = /\b(when|what time|since when|how long ago)\b/;
const DURATION_QUESTION = /\bhow long\b/;
const REASON_QUESTION = /\b(why|how come|what for|for what reason|what reason|what was the reason)\b/;

/** The kind of answer a question asks for, if its wording says so. */
export function expectedKind(foldedQuestion: string): AnswerKind | undefined {
  if (NUMBER_QUESTION.test(foldedQuestion) || QUANTITY_QUESTION.test(foldedQuestion)) return "number";
  if (YEAR_QUESTION.test(foldedQuestion)) return "year";
  if (DURATION_QUESTION.test(foldedQuestion) && !DATE_QUESTION.test(foldedQuestion)) return "duration";
  if (REASON_QUESTION.test(foldedQuestion)) return "reason";
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
/** An age: what "how old" asks for as much as a year of founding ("a 97-year-old widow", "aged 54", "54 years old"). */
const AGE_WORDS = /\b\d{1,3} years? old\b|\baged \d{1,3}\b/;
const YEAR_WORDS = /\b(1[5-9]\d\d|20\d\d|january|february|march|april|june|july|august|september|october|november|december)\b/;
const DATE_WORDS = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|(this|last|next|that) (week|month|year)|(few|several|many) (days|weeks|months|years)|yesterday|tomorrow|ago|since|soon|after|before|until|earlier|later|recently|decade|century)\b/;

/** Words that give a cause, a purpose or a condition: what "why" asks for. */
const REASON_WORDS = /\b(because|since|due to|so that|in order to|to (prevent|stop|avoid|protect|counter|end)|argu(e|ed|es|ing)|reason|after|unless|condition|if|would (put|bring)|which angered|concerns)\b/;

/** The kinds of answer a fact's folded text can give. */
export function answerKinds(foldedFactText: string): Set<AnswerKind> {
  const kinds = new Set<AnswerKind>();
  if (NUMBER_WORDS.test(foldedFactText)) kinds.add("number");
  if (YEAR_WORDS.test(foldedFactText)) kinds.add("year").add("date");
  if (AGE_WORDS.test(foldedFactText)) kinds.add("year");
  if (DATE_WORDS.test(foldedFactText)) kinds.add("date");
  if (kinds.has("number") || kinds.has("date")) kinds.add("duration");
  if (REASON_WORDS.test(foldedFactText)) kinds.add("reason");
  return kinds;
}
