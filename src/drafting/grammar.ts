import type { Entity } from "./entities.ts";
import type { ParsedSentence, Token } from "./parse.ts";

/** A verb group with what belongs to it: "is expected to begin", its subject, and the words it governs. */
export interface Clause {
  /** token positions of the verb group, inclusive */
  verbFirst: number;
  verbLast: number;
  /** the verb group as it reads: "will also plant", "is expected to take" */
  verbWords: string[];
  /** position in `verbWords` of the first verb (after adverbs such as "also") */
  verbHead: number;
  infinitive: string;
  tense: string;
  /** token positions of the subject, inclusive; undefined when the verb shares the subject of an earlier one */
  subjectFirst: number | undefined;
  subjectLast: number | undefined;
  /** the subject as a question would name it: "the barrier", "Voltara" (a pronoun replaced by what it stands for) */
  subjectText: string;
  /** the subject is a pronoun we could not resolve ("it", "she") */
  pronoun: boolean;
  /** the subject is plural ("councillors", "they") */
  plural: boolean;
  /** the last token the verb governs (up to the next clause) */
  scopeLast: number;
}

const AUXILIARIES = new Set("will would shall should can could may might must has have had is are was were am be been being do does did".split(" "));
const COPULAS = new Set(["is", "are", "was", "were", "am"]);
const RELATIVES = new Set(["who", "which", "that", "whom"]);
const PERSONAL = new Set(["he", "she"]);
const IMPERSONAL = new Set(["it", "they"]);
const PRONOUNS = new Set([...PERSONAL, ...IMPERSONAL, "we", "i", "you", "this", "that", "these", "those", "one", "everyone", "nobody", "someone", "anyone"]);
const BREAKS = /[,;:–—()]|\s-\s/;

const has = (token: Token | undefined, tag: string) => token?.tags.has(tag) ?? false;

/** What a pronoun may stand for: the last person named, and the last subject. */
export interface Antecedents {
  person?: string;
  thing?: string;
}

interface Chain {
  first: number;
  last: number;
  words: string[];
  /** position in `words` of the first verb (after adverbs such as "also") */
  head: number;
  infinitive: string;
  tense: string;
  /** "… and to take": shares the verb and subject of the chain before */
  coordinated: boolean;
}

/**
 * The clauses of a sentence: its verb groups ("is expected to begin", "was later estimated" kept
 * whole), each with its subject. Pronoun subjects are resolved from the sentence or `antecedents`.
 */
export function findClauses(sentence: ParsedSentence, entities: readonly Entity[], antecedents: Antecedents = {}): Clause[] {
  const { tokens } = sentence;
  const clauses: Clause[] = [];
  for (const chain of chainVerbs(sentence)) {
    const subject = chain.coordinated ? undefined : subjectRange(tokens, chain.first, entities);
    let subjectText: string;
    let pronoun = false;
    let plural = false;
    if (subject) {
      subjectText = questionText(sentence, subject.first, subject.last, entities);
      const head = tokens[subject.last];
      plural = has(head, "Plural") || /^(they|we|you|i)$/.test(head?.normal ?? "");
      const word = subject.first === subject.last ? (head?.normal ?? "") : "";
      if (PRONOUNS.has(word)) {
        let resolved: string | undefined;
        if (PERSONAL.has(word)) resolved = [...entities].reverse().find((e) => e.kind === "person" && e.last < subject.first)?.name ?? antecedents.person;
        else if (IMPERSONAL.has(word)) resolved = previousThing(clauses) ?? antecedents.thing;
        if (resolved) {
          subjectText = resolved;
          plural = word === "they";
        } else pronoun = true;
      }
    } else {
      const shared = chain.coordinated ? clauses[clauses.length - 1] : sharedSubject(clauses, chain.tense);
      if (!shared) continue;
      subjectText = shared.subjectText;
      pronoun = shared.pronoun;
      plural = shared.plural;
    }
    clauses.push({
      verbFirst: chain.first,
      verbLast: chain.last,
      verbWords: chain.words,
      verbHead: chain.head,
      infinitive: chain.infinitive,
      tense: chain.tense,
      subjectFirst: subject?.first,
      subjectLast: subject?.last,
      subjectText,
      pronoun,
      plural,
      scopeLast: tokens.length - 1,
    });
  }
  // Each clause governs the words up to where the next one (its subject, or its verb) begins.
  for (let k = 0; k + 1 < clauses.length; k++) {
    const clause = clauses[k];
    const next = clauses[k + 1];
    if (!clause || !next) continue;
    const nextStart = next.subjectFirst !== undefined && next.subjectFirst > clause.verbLast ? next.subjectFirst : next.verbFirst;
    clause.scopeLast = Math.max(clause.verbLast, nextStart - 1);
  }
  return clauses;
}

/** "… and called for a cheaper embankment": the subject of the latest clause in the same tense, else of the latest one. */
function sharedSubject(clauses: readonly Clause[], tense: string): Clause | undefined {
  for (let k = clauses.length - 1; k >= 0; k--) if (clauses[k]?.tense === tense) return clauses[k];
  return clauses[clauses.length - 1];
}

function previousThing(clauses: readonly Clause[]): string | undefined {
  for (let k = clauses.length - 1; k >= 0; k--) {
    const c = clauses[k];
    if (c && !c.pronoun) return c.subjectText;
  }
  return undefined;
}

/**
 * Verb groups. "V to V", "is due to V" and "was later estimated" are one group; "… and to take"
 * is a group of its own that borrows the words before "to" ("is expected to take"). Left out:
 * verbs used as adjectives ("three pumping stations"), reduced relatives ("a firm based in
 * Leeds", "traders affected by the works") and bare infinitives ("to build a barrier").
 */
function chainVerbs(sentence: ParsedSentence): Chain[] {
  const { tokens } = sentence;
  const chains: Chain[] = [];
  const wordsOf = (first: number, last: number) => tokens.slice(first, last + 1).map((t) => (t.tags.has("ProperNoun") ? t.text : t.text.toLowerCase()));
  const appositions = appositionTokens(tokens);
  for (const verb of sentence.verbs) {
    if (appositions.has(verb.first)) continue;
    const head = tokens[verb.first];
    if (!head || has(head, "ProperNoun") || (has(head, "Noun") && !has(head, "Verb"))) continue;
    const before = tokens[verb.first - 1];
    const after = tokens[verb.last + 1];
    if (verb.first === verb.last && /ing$/.test(head.normal) && (has(before, "Determiner") || has(before, "Adjective") || (has(before, "Value") && !has(before, "Money"))) && has(after, "Noun")) continue;
    const previous = chains[chains.length - 1];
    if (previous) {
      const gap = tokens.slice(previous.last + 1, verb.first);
      const noBreak = tokens.slice(previous.last, verb.first).every((t) => !BREAKS.test(t.post));
      const toJoined = gap.length > 0 && gap.length <= 2 && gap[gap.length - 1]?.normal === "to" && gap.slice(0, -1).every((t) => has(t, "Adjective") || has(t, "Adverb"));
      const adverbsOnly = gap.every((t) => has(t, "Adverb") || has(t, "Negative"));
      if (noBreak && (toJoined || adverbsOnly)) {
        previous.last = verb.last;
        previous.words = wordsOf(previous.first, verb.last);
        if (!previous.infinitive || AUXILIARIES.has(previous.words[0] ?? "") && previous.words.length === 1) previous.infinitive = verb.infinitive;
        continue;
      }
      if (before?.normal === "to" && /^(?:and|or)$/.test(tokens[verb.first - 2]?.normal ?? "") && noBreak) {
        const toAt = previous.words.lastIndexOf("to");
        if (toAt > 0) {
          chains.push({ first: verb.first, last: verb.last, words: [...previous.words.slice(0, toAt + 1), ...wordsOf(verb.first, verb.last)], head: previous.head, infinitive: previous.infinitive, tense: previous.tense, coordinated: true });
          continue;
        }
      }
    }
    if (before?.normal === "to") continue;
    if (previous && isReducedRelative(tokens, verb.first, verb.auxiliary, previous.last)) continue;
    const headAt = Math.max(0, tokens.slice(verb.first, verb.last + 1).findIndex((t) => has(t, "Verb")));
    chains.push({ first: verb.first, last: verb.last, words: wordsOf(verb.first, verb.last), head: headAt, infinitive: verb.infinitive, tense: verb.tense, coordinated: false });
  }
  return chains;
}

/** Tokens of appositions set off by commas: "Voltara, a battery start-up spun out of the University of Michigan, said". */
function appositionTokens(tokens: readonly Token[]): Set<number> {
  const inside = new Set<number>();
  for (let i = 1; i < tokens.length; i++) {
    const opener = tokens[i];
    if (!opener || !/,\s*$/.test(tokens[i - 1]?.post ?? "") || !/^(?:a|an|the)$/.test(opener.normal) || !has(tokens[i - 1], "Noun")) continue;
    let end = i;
    while (end < tokens.length - 1 && !BREAKS.test(tokens[end]?.post ?? "")) end++;
    if (!/,\s*$/.test(tokens[end]?.post ?? "") || !has(tokens[end + 1], "Verb")) continue;
    for (let k = i; k <= end; k++) inside.add(k);
  }
  return inside;
}

/** "a firm based in Leeds", "the size expected once": a past participle after a noun that an earlier verb or preposition governs. */
function isReducedRelative(tokens: readonly Token[], verbFirst: number, auxiliary: string, previousLast: number): boolean {
  const head = tokens[verbFirst];
  if (!head || auxiliary || !has(head, "PastTense")) return false;
  const phrase = nounPhraseEndingAt(tokens, verbFirst - 1);
  if (!phrase) return false;
  const words = tokens.slice(phrase.first, phrase.last + 1);
  if (words.some((t) => has(t, "ProperNoun") || has(t, "Pronoun"))) return false;
  const opener = tokens[phrase.first - 1];
  return phrase.first - 1 >= previousLast && opener !== undefined && (has(opener, "Preposition") || has(opener, "Verb") || BREAKS.test(opener.post) || phrase.first - 1 === previousLast);
}

const isNounPhraseToken = (t: Token | undefined) =>
  t !== undefined &&
  !RELATIVES.has(t.normal) &&
  (has(t, "Noun") || has(t, "ProperNoun") || has(t, "Adjective") || has(t, "Determiner") || has(t, "Possessive") || has(t, "Value") || has(t, "Pronoun") || /^\p{Lu}/u.test(t.text)) &&
  !has(t, "Preposition") &&
  !has(t, "Conjunction");

/** The noun phrase that ends at `end`, scanning back to a break, a preposition or a verb. */
function nounPhraseEndingAt(tokens: readonly Token[], end: number): { first: number; last: number } | undefined {
  const last = tokens[end];
  if (!isNounPhraseToken(last)) return undefined;
  if (has(last, "Pronoun") && !has(last, "Possessive")) return { first: end, last: end };
  let first = end;
  while (
    first - 1 >= 0 &&
    !has(tokens[first], "Determiner") &&
    isNounPhraseToken(tokens[first - 1]) &&
    !(has(tokens[first - 1], "Pronoun") && !has(tokens[first - 1], "Possessive")) &&
    !has(tokens[first - 1], "Date") &&
    !(has(tokens[first - 1], "Ordinal") && has(tokens[first - 2], "Preposition")) &&
    !BREAKS.test(tokens[first - 1]?.post ?? "")
  )
    first--;
  // "About 600 properties": a hedge before the number belongs to the phrase
  if (/^(?:about|around|nearly|almost|some|roughly)$/.test(tokens[first - 1]?.normal ?? "") && !BREAKS.test(tokens[first - 1]?.post ?? "")) first--;
  return { first, last: end };
}

/**
 * The subject of the verb group starting at `verbFirst`: the noun phrase just before it (with up
 * to two "of …"/"on …" phrases); the one before an apposition ("Voltara, a battery start-up …,
 * said"), unless the apposition is a person ("Ohio’s development director, Lydia Crane,
 * welcomed"); the noun a relative pronoun stands for ("Marco Silva, who curled"). Undefined when
 * the verb follows "and" or a preposition.
 */
function subjectRange(tokens: readonly Token[], verbFirst: number, entities: readonly Entity[]): { first: number; last: number } | undefined {
  const before = verbFirst - 1;
  const token = tokens[before];
  if (!token) return undefined;
  if (RELATIVES.has(token.normal)) return relativeAntecedent(tokens, before - 1);
  if (has(token, "Conjunction") || has(token, "Preposition")) return undefined;
  if (/,\s*$/.test(token.post)) {
    const person = entities.find((e) => e.kind === "person" && e.last === before);
    const segmentStart = lastBreakBefore(tokens, before);
    if (person && (segmentStart === undefined || person.first <= segmentStart + 4)) return { first: person.first, last: person.last };
    if (segmentStart === undefined) return undefined;
    return nounPhraseEndingAt(tokens, segmentStart);
  }
  const phrase = nounPhraseEndingAt(tokens, before);
  return phrase ? withPrepositionalPhrases(tokens, phrase) : undefined;
}

/** What "who"/"that" stands for: the noun phrase before it, past "based in Leeds" to "a firm". */
function relativeAntecedent(tokens: readonly Token[], end: number): { first: number; last: number } | undefined {
  if (end < 0) return undefined;
  const phrase = nounPhraseEndingAt(tokens, end);
  if (!phrase) return undefined;
  const preposition = tokens[phrase.first - 1];
  const participle = tokens[phrase.first - 2];
  if (has(preposition, "Preposition") && participle && has(participle, "Verb") && !BREAKS.test(participle.post)) {
    const earlier = nounPhraseEndingAt(tokens, phrase.first - 3);
    if (earlier) return earlier;
  }
  return phrase;
}

/** "Shop owners on the riverside", "Sarah Klein of the research firm BloombergNEF". */
function withPrepositionalPhrases(tokens: readonly Token[], phrase: { first: number; last: number }): { first: number; last: number } {
  let { first } = phrase;
  for (let n = 0; n < 2; n++) {
    const preposition = tokens[first - 1];
    if (!preposition || !/^(?:of|on|in|from|at|for|with)$/.test(preposition.normal) || BREAKS.test(preposition.post) || BREAKS.test(tokens[first - 2]?.post ?? ",")) break;
    const head = nounPhraseEndingAt(tokens, first - 2);
    if (!head || tokens.slice(head.first, first - 1).some((t) => has(t, "Pronoun"))) break;
    first = head.first;
  }
  return { first, last: phrase.last };
}

/** The last token before `end` whose trailing punctuation is a break. */
function lastBreakBefore(tokens: readonly Token[], end: number): number | undefined {
  for (let k = end - 1; k >= 0; k--) if (BREAKS.test(tokens[k]?.post ?? "")) return k;
  return undefined;
}

/** Tokens [first, last] as plain words for a question: the text between them kept, quote marks dropped, a capital only kept for names. */
export function questionText(sentence: ParsedSentence, first: number, last: number, entities: readonly Entity[] = []): string {
  const firstToken = sentence.tokens[first];
  const lastToken = sentence.tokens[last];
  if (!firstToken || !lastToken || last < first) return "";
  let text = sentence.text
    .slice(firstToken.start - sentence.start, lastToken.end - sentence.start)
    .replace(/[“”"‘()[\]]/g, "")
    .replace(/(^|\s)['’]|['’](?=\s|$)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  const isName = firstToken.tags.has("ProperNoun") || entities.some((e) => e.first <= first && first <= e.last && e.kind !== "number" && e.kind !== "money" && e.kind !== "percent" && e.kind !== "date");
  const keepsCapital = isName || /^\p{Lu}{2,}/u.test(firstToken.text) || firstToken.text === "I" || (first > 0 && /^\p{Lu}/u.test(firstToken.text) && !/[“"‘]$/.test(firstToken.pre));
  if (!keepsCapital) text = text.charAt(0).toLowerCase() + text.slice(1);
  return text;
}

/**
 * Puts a clause in question order after a question word: "will the council also plant",
 * "did Ashford Town win", "is construction expected to begin".
 */
export function invert(clause: Clause): string {
  const words = clause.verbWords;
  const headWord = words[clause.verbHead] ?? "";
  if (AUXILIARIES.has(headWord) && (words.length > clause.verbHead + 1 || COPULAS.has(headWord))) {
    return join(headWord, clause.subjectText, [...words.slice(0, clause.verbHead), ...words.slice(clause.verbHead + 1)].join(" "));
  }
  const helper = clause.tense === "PastTense" ? "did" : clause.plural ? "do" : "does";
  const infinitive = clause.infinitive.split(" ")[0] || headWord;
  // adverbs before the verb ("also take part") stay before it
  return join(helper, clause.subjectText, [...words.slice(0, clause.verbHead), infinitive, ...words.slice(clause.verbHead + 1)].join(" "));
}

/** The clause's verb as it stands after its subject ("was led", "will also plant"), for questions about the subject. */
export function verbText(clause: Clause): string {
  return clause.verbWords.join(" ");
}

export function join(...parts: string[]): string {
  return parts.filter((p) => p.length > 0).join(" ");
}
