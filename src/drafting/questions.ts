import { categoryOf } from "./categories.ts";
import type { Entity } from "./entities.ts";
import { invert, join, questionText, verbText, type Clause } from "./grammar.ts";
import type { ParsedSentence, Token } from "./parse.ts";

/** At most this many alternate questions per fact: enough phrasings, not a word salad. */
export const MAX_QUESTIONS = 12;
const MAX_BETWEEN = 6;
const MAX_TAIL = 4;
const MAX_REST = 7;

const BREAK = /[,;:–—()]|\s-\s/;
/** Nouns for people that compromise may not tag as such. */
const PEOPLE = /^(?:people|men|women|man|woman|daughter|son|mother|father|wife|husband|children|child|residents|members|staff|workers|officers|councillors|customers|officials|experts|police)$/;
const SPEECH = new Set(["say", "tell", "add", "explain", "insist", "argue", "warn", "write", "claim", "announce", "state"]);
/** Words that only hedge a number: "about 600", "more than two". */
const HEDGES = new Set(["about", "around", "roughly", "nearly", "almost", "some", "over", "under", "more", "less", "than", "just", "only", "up", "approximately", "at", "least", "most", "fewer"]);
const FUNCTION_TAGS = ["Preposition", "Determiner", "Conjunction", "Pronoun", "QuestionWord", "Auxiliary", "Copula", "Modal"];

const has = (token: Token | undefined, tag: string) => token?.tags.has(tag) ?? false;
const isFunctionWord = (t: Token | undefined) => t === undefined || FUNCTION_TAGS.some((tag) => has(t, tag)) || /^(?:to|and|or|but|not|also|so|a|an|the)$/.test(t.normal);

/** What a question about this entity starts with. */
export function questionWord(entity: Entity, inSubject: boolean): string {
  switch (entity.kind) {
    case "person":
      return "Who";
    case "organization":
      return "Who";
    case "name":
      return inSubject ? "Who" : "What";
    case "place":
      return "Where";
    case "date":
      return "When";
    case "money":
      return "How much";
    case "percent":
      return "What percentage";
    case "number":
      if (entity.age) return "How old";
      if (entity.ordinal) return entity.unit ? `In which ${entity.unit}` : "Which";
      return entity.unit ? `How many ${entity.unit}` : "How many";
  }
}

const LENGTH_OR_TIME = /^(?:kilomet(?:re|er)s?|km|miles?|met(?:re|er)s?|yards?|feet|foot|inches|years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?)$/i;
/**
 * A second way to ask for an entity: "How long …" for a length or a time ("1.7 kilometres",
 * "three years"), "Which storm …" for a name that says what it is, "Which firm …" for a name
 * followed by an apposition (", a firm based in Leeds").
 */
function variantWord(entity: Entity, sentence: ParsedSentence, entities: readonly Entity[]): string | undefined {
  if (entity.kind === "number" && entity.unit && !entity.ordinal && LENGTH_OR_TIME.test(entity.unit.split(" ").pop() ?? "")) return "How long";
  const category = categoryOf(entity, sentence, entities);
  return category ? `Which ${category}` : undefined;
}

/**
 * Questions that one sentence (or clause) answers, built from its clauses and entities: for each
 * entity, a question that asks for it ("How many properties were flooded?", "When did Harwick
 * Borough Council vote to build a flood barrier?", "Who scored the winner?"), a short keyword form
 * of it ("how many properties flooded"), a yes/no question per clause, and "What did X say?" for
 * reported speech. Best first; unique; at most MAX_QUESTIONS.
 */
export function draftQuestions(sentence: ParsedSentence, entities: readonly Entity[], clauses: readonly Clause[], range?: { first: number; last: number }): string[] {
  const first = range?.first ?? 0;
  const last = range?.last ?? sentence.tokens.length - 1;
  const inRange = (e: Entity) => e.first >= first && e.last <= last;
  const slotQuestions: string[] = [];
  const keywordQuestions: string[] = [];
  const otherQuestions: string[] = [];
  const asked = new Set<Entity>();

  for (const clause of clauses) {
    if (clause.verbFirst < first || clause.verbFirst > last) continue;
    const scopeLast = Math.min(clause.scopeLast, last);
    const speech = SPEECH.has(clause.infinitive.split(" ")[0] ?? "");
    const subject = clause.subjectFirst !== undefined && clause.subjectLast !== undefined ? { first: clause.subjectFirst, last: clause.subjectLast } : undefined;
    const usable = !clause.pronoun;

    // Entities in the subject: "Who scored the winner?", "How many properties were flooded?"
    if (subject) {
      for (const entity of entities) {
        if (asked.has(entity) || !inRange(entity) || entity.first < subject.first || entity.last > subject.last) continue;
        if (entity.kind === "date" || entity.kind === "place" || (entity.kind === "number" && !entity.unit)) continue;
        // the entity must be what the subject is ("Daniel Okafor"), not a word describing it ("the Toledo factory")
        if ((entity.unitLast ?? entity.last) !== subject.last && entity.last !== subject.last) continue;
        const after = rest(sentence, clause.verbLast + 1, speech ? last : scopeLast, MAX_REST);
        const verb = verbText(clause);
        const participle = /ing$/.test(clause.verbWords[clause.verbHead] ?? "") && clause.verbHead === 0;
        const ask = join(questionWord(entity, true), participle ? `is ${verb}` : verb, after);
        slotQuestions.push(ask);
        const variant = variantWord(entity, sentence, entities);
        if (variant) slotQuestions.push(join(variant, participle ? `is ${verb}` : verb, after));
        keywordQuestions.push(keywordForm(questionWord(entity, true), sentence, clause, subject, entity, scopeLast));
        asked.add(entity);
      }
    }

    // A subject that names no entity: "Who noticed the withdrawals?" (the daughter of one customer), "What forced open a fire exit?"
    // the head of "the daughter of one customer" is "daughter"
    const ofAt = subject ? sentence.tokens.findIndex((t, k) => k > subject.first && k <= subject.last && t.normal === "of") : -1;
    const headAt = ofAt > 0 ? ofAt - 1 : (subject?.last ?? -1);
    if (subject && usable && !speech && !entities.some((e) => e.first <= headAt && headAt <= (e.unitLast ?? e.last))) {
      const head = sentence.tokens[headAt];
      const after = rest(sentence, clause.verbLast + 1, scopeLast, MAX_REST);
      const personal = [...sentence.tokens.slice(subject.first, subject.last + 1)].some((t) => has(t, "Actor") || has(t, "Person") || PEOPLE.test(t.normal));
      if (head && has(head, "Noun") && !has(head, "Pronoun") && after) {
        const verb = verbText(clause);
        const participle = /ing$/.test(clause.verbWords[clause.verbHead] ?? "") && clause.verbHead === 0;
        slotQuestions.push(join(personal ? "Who" : "What", participle ? `is ${verb}` : verb, after));
      }
    }

    // Entities the verb governs: "How much will the barrier cost?", "When did X win the cup?"
    if (usable) {
      for (const entity of entities) {
        if (asked.has(entity) || !inRange(entity) || entity.first <= clause.verbLast || entity.first > scopeLast) continue;
        if (speech && entity.first > clause.verbLast + 1) continue;
        if (entity.kind === "number" && !entity.unit && !entity.age) continue;
        const between = betweenText(sentence, clause.verbLast + 1, entity.first - 1, entity, questionWord(entity, false).startsWith("In "));
        if (between === undefined) {
          keywordQuestions.push(keywordForm(questionWord(entity, false), sentence, clause, subject, entity, scopeLast));
          asked.add(entity);
          continue;
        }
        const tailFrom = (entity.unitLast ?? entity.last) + 1;
        const tail = tailText(sentence, tailFrom, scopeLast);
        slotQuestions.push(join(questionWord(entity, false), invert(clause), between, tail));
        const variant = variantWord(entity, sentence, entities);
        if (variant) slotQuestions.push(join(variant, invert(clause), between, tail));
        keywordQuestions.push(keywordForm(questionWord(entity, false), sentence, clause, subject, entity, scopeLast));
        asked.add(entity);
      }
    }

    if (!usable) continue;
    if (speech) {
      otherQuestions.push(`What ${invert(clause).replace(/ say$| tell$/, " say")}?`.replace(/ {2,}/g, " "));
      continue;
    }
    // A yes/no question in the clause's own words: "Will the footpaths along the river stay open?"
    const after = rest(sentence, clause.verbLast + 1, scopeLast, MAX_REST + 1);
    if (after) otherQuestions.push(capitalise(join(invert(clause), after)));
    // "What does Voltara make?"
    const object = sentence.tokens[clause.verbLast + 1];
    if (object && (has(object, "Determiner") || (has(object, "Noun") && !has(object, "Pronoun"))) && !has(object, "Value") && !/^(?:be|have)$/.test(clause.infinitive)) {
      otherQuestions.push(`What ${invert(clause)}`);
    }
  }

  // Around each entity, a short keyword form of the words next to it ("which river build flood barrier along"):
  // long sentences bury an entity far from its clause's verb, where the forms above do not reach.
  for (const entity of entities) {
    if (!inRange(entity) || (entity.kind === "number" && !entity.unit && !entity.age)) continue;
    const words = nearWords(sentence, entity, first, last);
    if (words.length < 2) continue;
    const variant = variantWord(entity, sentence, entities);
    keywordQuestions.push([(variant ?? questionWord(entity, false)).toLowerCase(), ...words].join(" "));
  }

  const all = [...slotQuestions, ...otherQuestions, ...keywordQuestions].map(finish);
  return unique(all).slice(0, MAX_QUESTIONS);
}

const NEAR_BEFORE = 6;
const NEAR_AFTER = 3;

/** Content words close to an entity, within its stretch of the sentence between breaks. */
function nearWords(sentence: ParsedSentence, entity: Entity, first: number, last: number): string[] {
  const words: string[] = [];
  const end = entity.unitLast ?? entity.last;
  let from = entity.first;
  while (from - 1 >= first && entity.first - from < NEAR_BEFORE && !BREAK.test(sentence.tokens[from - 1]?.post ?? "")) from--;
  let to = end;
  while (to + 1 <= last && to - end < NEAR_AFTER && !BREAK.test(sentence.tokens[to]?.post ?? "")) to++;
  for (let k = from; k <= to; k++) {
    if (k >= entity.first && k <= entity.last) continue;
    const t = sentence.tokens[k];
    if (!t || isFunctionWord(t) || has(t, "Value") || HEDGES.has(t.normal) || (k > end && has(t, "Verb"))) continue;
    words.push(stripMarks(t.normal));
  }
  return unique(words);
}

/** Words after the verb, up to a break, at most `max`, without trailing function words. */
function rest(sentence: ParsedSentence, from: number, to: number, max: number): string {
  let end = from - 1;
  let broke = false;
  for (let k = from; k <= to && k < from + max; k++) {
    end = k;
    if (BREAK.test(sentence.tokens[k]?.post ?? "")) {
      broke = true;
      break;
    }
  }
  // finish the noun phrase cut short: "to build a flood barrier", not "to build a flood"
  for (let extra = 0; !broke && extra < 3 && end + 1 <= to && has(sentence.tokens[end + 1], "Noun") && !BREAK.test(sentence.tokens[end]?.post ?? ""); extra++) end++;
  while (end >= from && isFunctionWord(sentence.tokens[end])) end--;
  return end >= from ? questionText(sentence, from, end) : "";
}

/** The words between the verb and the entity asked for, without the preposition or hedge just before it; undefined when too long or broken. */
function betweenText(sentence: ParsedSentence, from: number, to: number, entity: Entity, asked = false): string | undefined {
  let end = to;
  while (end >= from && HEDGES.has(sentence.tokens[end]?.normal ?? "")) end--;
  while (end >= from && has(sentence.tokens[end], "Determiner")) end--;
  const dropPreposition = asked || entity.kind === "date" || entity.kind === "place" || (entity.kind === "number" && !entity.unit);
  if (dropPreposition && end >= from && has(sentence.tokens[end], "Preposition")) end--;
  while (end >= from && has(sentence.tokens[end], "Determiner")) end--;
  if (end < from) return "";
  if (end - from + 1 > MAX_BETWEEN) return undefined;
  for (let k = from; k < end; k++) if (BREAK.test(sentence.tokens[k]?.post ?? "")) return undefined;
  return questionText(sentence, from, end);
}

/** A few words after the entity, up to a break, a conjunction or a relative pronoun. */
function tailText(sentence: ParsedSentence, from: number, to: number): string {
  if (BREAK.test(sentence.tokens[from - 1]?.post ?? "")) return "";
  let end = from - 1;
  for (let k = from; k <= to && k < from + MAX_TAIL; k++) {
    const t = sentence.tokens[k];
    if (!t || /^(?:and|but|or|who|which|that|when|while|where|after|before|because)$/.test(t.normal)) break;
    end = k;
    if (BREAK.test(t.post)) break;
  }
  for (let extra = 0; extra < 2 && end + 1 <= to && has(sentence.tokens[end + 1], "Noun") && !BREAK.test(sentence.tokens[end]?.post ?? ""); extra++) end++;
  while (end >= from && isFunctionWord(sentence.tokens[end])) end--;
  return end >= from ? questionText(sentence, from, end) : "";
}

/** "how many properties flooded": the question word and the clause's content words, as people type them. */
function keywordForm(word: string, sentence: ParsedSentence, clause: Clause, subject: { first: number; last: number } | undefined, entity: Entity, scopeLast: number): string {
  const words: string[] = [word.toLowerCase()];
  const take = (from: number, to: number) => {
    for (let k = from; k <= to; k++) {
      if (k >= entity.first && k <= (entity.unitLast ?? entity.last)) continue;
      const t = sentence.tokens[k];
      if (!t || isFunctionWord(t) || has(t, "Value") || HEDGES.has(t.normal) || has(t, "Adverb")) continue;
      words.push(stripMarks(t.normal));
    }
  };
  if (subject) take(subject.first, subject.last);
  else if (!clause.pronoun) words.push(clause.subjectText.toLowerCase());
  const main = sentence.tokens[clause.verbLast];
  if (main && !/^(?:be|have|do)$/.test(clause.infinitive)) words.push(main.normal);
  take(clause.verbLast + 1, Math.min(scopeLast, clause.verbLast + 8));
  return unique(words).slice(0, 7).join(" ");
}

const stripMarks = (text: string) => text.replace(/[“”"‘’']/g, "");

function finish(question: string): string {
  const text = question.replace(/\s+/g, " ").replace(/\s+([,.;:?!])/g, "$1").trim();
  if (/^[a-z]/.test(text) && !text.includes("?") && text.split(" ").length <= 7 && !/^(?:who|what|when|where|how|which|in which)\b/i.test(text)) return text;
  if (/^(?:who|what|when|where|how|which|in which|why)\b/.test(text) && !/[A-Z]/.test(text.charAt(0))) return text; // keyword form, kept lower case
  return `${capitalise(text.replace(/[?.!,;:]+$/, ""))}?`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function unique(items: readonly string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
