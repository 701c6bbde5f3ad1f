import { findDates } from "./dates.ts";
import type { ParsedSentence, Token } from "./parse.ts";

export type EntityKind = "person" | "place" | "organization" | "name" | "number" | "money" | "percent" | "date";

/** Something a sentence names: a person, place, organisation or other name, a number, an amount or a date. */
export interface Entity {
  kind: EntityKind;
  /** as written in the sentence (a possessive "’s" dropped) */
  text: string;
  /** the full form: a person's full name when the sentence says only "Park", else `text` */
  name: string;
  /** token positions in the sentence, inclusive */
  first: number;
  last: number;
  /** for numbers: the noun counted ("600 properties" → "properties") and its last token */
  unit?: string;
  unitLast?: number;
  /** "88th", "ninth" */
  ordinal?: boolean;
  /** an age: "a 97-year-old widow", "Graham Pike, 54," */
  age?: boolean;
}

/** What the whole article tells about names: people's full names by surname and first name, and words written with a capital inside sentences. */
export interface NameContext {
  people: ReadonlyMap<string, string>;
  nameWords: ReadonlySet<string>;
}

export const EMPTY_CONTEXT: NameContext = { people: new Map(), nameWords: new Set() };

const HONORIFICS = new Set(["dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "judge"]);
const ORG_WORDS = new Set(
  `council agency ventures engineering motors united town city fc rovers wanderers athletic university college school hospital bank group inc ltd plc llc corp
  corporation company co party democrats republicans conservatives ministry department association federation union committee commission institute
  foundation trust board authority service services police court parliament assembly senate congress government club society network news times post
  airlines airways energy systems technologies labs capital partners holdings industries foods pharmaceuticals studios records press league`.split(/\s+/),
);
const PLACE_WORDS = new Set(
  "street road lane avenue square bridge park river lake valley hill hills island islands bay coast county state province region district airport station harbour harbor port library stadium centre center hall".split(
    " ",
  ),
);
const NAME_PREFIXES = new Set(["storm", "hurricane", "typhoon", "cyclone", "operation", "project"]);
const PLACE_PREPOSITIONS = new Set(["in", "at", "near", "across", "outside", "inside", "around", "throughout"]);
const CURRENCY_WORDS = /^(?:dollars?|pounds?|euros?|yen|yuan|rupees?|francs?|pence|cents?)$/i;
const MULTIPLES = /^(?:thousand|million|billion|trillion|m|bn|k)$/i;
const NOT_NAME_TAGS = ["Pronoun", "Determiner", "QuestionWord", "Preposition", "Conjunction", "Value", "Copula", "Modal", "Auxiliary"];
/** Words compromise sometimes tags as names at the start of a sentence. */
const NEVER_NAMES = new Set("the a an this that these those it its we i he she they you our their his her my there here".split(" "));
/** Ordinals that rarely count anything: "the first time", "the second half". */
const NON_COUNT_ORDINALS = new Set(["first", "second", "last"]);

const has = (token: Token | undefined, tag: string) => token?.tags.has(tag) ?? false;
const isCapitalised = (token: Token) => /^\p{Lu}/u.test(token.text);
/** "China’s" → "China" */
export const stripPossessive = (text: string) => text.replace(/['’]s$/u, "").replace(/['’]$/u, "");

/** The entities of one sentence, in sentence order. */
export function findEntities(sentence: ParsedSentence, context: NameContext = EMPTY_CONTEXT): Entity[] {
  const { tokens } = sentence;
  const taken = new Array<boolean>(tokens.length).fill(false);
  const entities: Entity[] = [];
  const add = (entity: Entity) => {
    for (let i = entity.first; i <= entity.last; i++) taken[i] = true;
    entities.push(entity);
  };

  for (const span of findDates(sentence.text)) {
    const range = tokenRange(sentence, sentence.start + span.start, sentence.start + span.end);
    if (range) add({ kind: "date", text: sentence.text.slice(span.start, span.end), name: sentence.text.slice(span.start, span.end), ...range });
  }
  findAmounts(sentence, taken, add);
  findNames(sentence, taken, context, add);
  entities.sort((a, b) => a.first - b.first);
  coordinatePeople(sentence, entities);
  return entities;
}

/** Money, percentages and counted numbers ("600 properties", "1.7 kilometres", "88th minute"). */
function findAmounts(sentence: ParsedSentence, taken: boolean[], add: (e: Entity) => void): void {
  const { tokens } = sentence;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || taken[i] || !isNumberToken(token)) continue;
    let last = i;
    // "2-1", "£35 million", "1,000": values written together
    while (last + 1 < tokens.length && !taken[last + 1] && isNumberToken(tokens[last + 1]) && /^[\s-–]*$/.test(tokens[last]?.post ?? ",") && tokens[last + 1]?.normal !== "and") last++;
    const next = tokens[last + 1];
    const lastToken = tokens[last];
    if (next && !taken[last + 1] && lastToken && /^\s*$/.test(lastToken.post) && MULTIPLES.test(next.text)) last++;
    const text = sentence.text.slice((tokens[i]?.start ?? 0) - sentence.start, (tokens[last]?.end ?? 0) - sentence.start);
    const after = tokens[last + 1];
    const isMoney = tokens.slice(i, last + 1).some((t) => has(t, "Money") || /^[£$€¥]/.test(t.text)) || (after !== undefined && CURRENCY_WORDS.test(after.text));
    const isPercent =
      tokens.slice(i, last + 1).some((t) => has(t, "Percent") || t.text.endsWith("%")) || (after !== undefined && /^(?:percent|per)$/i.test(after.text));
    if (isMoney || isPercent) {
      add({ kind: isMoney ? "money" : "percent", text, name: text, first: i, last });
      i = last;
      continue;
    }
    // "97-year-old widow": an age, counting the noun after it
    if (tokens[last]?.post === "-" && tokens[last + 1]?.normal === "year" && tokens[last + 1]?.post === "-" && tokens[last + 2]?.normal === "old") {
      const unit = unitAfter(tokens, last + 2);
      add({ kind: "number", text, name: text, first: i, last: last + 2, age: true, ...(unit ? { unit: unit.text, unitLast: unit.last } : {}) });
      i = last + 2;
      continue;
    }
    // "Graham Pike, 54,": an age set off after a name
    const previous = tokens[i - 1];
    if (i === last && /^\d{1,3}$/.test(token.text) && previous && /,\s*$/.test(previous.post) && /^\p{Lu}/u.test(previous.text) && /^,/.test(token.post)) {
      add({ kind: "number", text, name: text, first: i, last, age: true });
      continue;
    }
    const ordinal = tokens.slice(i, last + 1).some((t) => has(t, "Ordinal"));
    if (ordinal && i === last && NON_COUNT_ORDINALS.has(token.normal)) continue;
    const unit = unitAfter(tokens, last);
    const digits = /\d/.test(text);
    // Words like "two" or "one" count only with a noun after them ("two metres"), not alone ("one of them").
    if (!unit && !digits) continue;
    add({ kind: "number", text, name: text, first: i, last, ordinal, ...(unit ? { unit: unit.text, unitLast: unit.last } : {}) });
    i = last;
  }
}

function isNumberToken(token: Token | undefined): boolean {
  if (!token) return false;
  if (token.normal === "a" || token.normal === "an" || token.normal === "and") return false;
  return has(token, "Value") || has(token, "Money") || /^[£$€¥]?\d/.test(token.text);
}

/** The noun a number counts: up to three words of a noun phrase after it, ending in a noun. */
function unitAfter(tokens: readonly Token[], last: number): { text: string; last: number } | undefined {
  const words: Token[] = [];
  let end = -1;
  for (let j = last + 1; j < tokens.length && j <= last + 3; j++) {
    const t = tokens[j];
    const previous = tokens[j - 1];
    if (!t || !previous || !/^[\s-]*$/.test(previous.post)) break;
    if (has(t, "Value") || has(t, "Pronoun") || has(t, "Determiner") || has(t, "Preposition") || has(t, "Conjunction") || has(t, "Possessive") || has(t, "ProperNoun")) break;
    const nounish = has(t, "Noun") || has(t, "Adjective") || /ing$/.test(t.normal);
    if (!nounish) break;
    words.push(t);
    if (has(t, "Noun")) end = j;
    // a counted noun is plural: "5,000 trees upstream" counts trees
    if (has(t, "Plural")) break;
  }
  if (end < 0) return undefined;
  const kept = words.slice(0, end - last);
  return { text: kept.map((t) => t.text).join(" "), last: end };
}

/** Runs of capitalised words: people, places, organisations and other names. */
function findNames(sentence: ParsedSentence, taken: boolean[], context: NameContext, add: (e: Entity) => void): void {
  const { tokens } = sentence;
  let i = 0;
  while (i < tokens.length) {
    if (!canStartName(tokens, i, taken, context)) {
      i++;
      continue;
    }
    let last = i;
    for (;;) {
      const current = tokens[last];
      if (!current || has(current, "Possessive") || /['’]s$/u.test(current.text) || current.post !== " ") break;
      const next = tokens[last + 1];
      const afterNext = tokens[last + 2];
      if (next && !taken[last + 1] && isNameWord(next)) last++;
      else if (next && afterNext && /^(?:of|de|del|van|von|da|la|le|for|&)$/.test(next.text) && next.post === " " && !taken[last + 2] && isNameWord(afterNext) && !has(afterNext, "Person")) last += 2;
      else break;
    }
    let first = i;
    while (first <= last && HONORIFICS.has((tokens[first]?.normal ?? "").replace(/\.$/, ""))) first++;
    if (first > last) {
      i = last + 1;
      continue;
    }
    const run = tokens.slice(first, last + 1);
    const text = stripPossessive(sentence.text.slice((tokens[first]?.start ?? 0) - sentence.start, (tokens[last]?.end ?? 0) - sentence.start));
    const onlyAdjective = run.length === 1 && has(run[0], "Adjective") && !has(run[0], "Noun");
    if (!onlyAdjective) {
      const kind = classifyName(tokens, first, last, text, context);
      const name = kind === "person" ? (context.people.get(text) ?? text) : text;
      add({ kind, text, name, first, last });
    }
    i = last + 1;
  }
}

function isNameWord(token: Token): boolean {
  return isCapitalised(token) && !NEVER_NAMES.has(token.normal) && !NOT_NAME_TAGS.some((tag) => has(token, tag) && !has(token, "ProperNoun"));
}

function canStartName(tokens: readonly Token[], i: number, taken: readonly boolean[], context: NameContext): boolean {
  const token = tokens[i];
  if (!token || taken[i] || !isNameWord(token)) return false;
  // A capital that only marks the start of a sentence (or of a quotation) is not a name, unless the word is one elsewhere.
  const starts = i === 0 || /[“"‘]\s*$/.test(tokens[i - 1]?.post ?? "") || /[“"‘]$/.test(token.pre);
  if (!starts) return true;
  return ["ProperNoun", "Person", "Place", "Organization", "Honorific"].some((tag) => has(token, tag)) || context.nameWords.has(stripPossessive(token.text));
}

function classifyName(tokens: readonly Token[], first: number, last: number, text: string, context: NameContext): EntityKind {
  const run = tokens.slice(first, last + 1);
  const words = run.map((t) => stripPossessive(t.normal).replace(/\.$/, ""));
  const lastWord = words[words.length - 1] ?? "";
  const before = tokens[first - 1];
  const after = tokens[last + 1];
  const honorific = before !== undefined && HONORIFICS.has(before.normal.replace(/\.$/, ""));
  if (NAME_PREFIXES.has(words[0] ?? "")) return "name";
  if (context.people.has(text)) return "person";
  const tokensAfter = tokens[last]?.post ?? "";
  const whoAfter = /,\s*$/.test(tokensAfter) && after?.normal === "who";
  if (honorific || whoAfter) return "person";
  if (ORG_WORDS.has(lastWord) || words[0] === "university" || run.some((t) => has(t, "Organization"))) return "organization";
  if (PLACE_WORDS.has(lastWord) || (words[0] === "river" && run.length > 1)) return "place";
  const personTagged = run.some((t) => has(t, "Person") || has(t, "FirstName") || has(t, "LastName"));
  const roleBefore = before !== undefined && !isCapitalised(before) && has(before, "Actor") && !has(before, "Plural");
  const saidAfter = after !== undefined && /^(?:said|says|told|added|explained|insisted|argued|warned|wrote)$/.test(after.normal) && /^\s+$/.test(tokensAfter);
  if (before && PLACE_PREPOSITIONS.has(before.normal)) return "place";
  if (run.length >= 2 && run.length <= 3 && (roleBefore || saidAfter)) return "person";
  if (run.some((t) => has(t, "Place") || has(t, "Country") || has(t, "City") || has(t, "Region"))) return "place";
  if (personTagged) return "person";
  if (run.length === 1 && (/^\p{Lu}{2,}$/u.test(run[0]?.text ?? "") || /\p{Ll}\p{Lu}/u.test(run[0]?.text ?? ""))) return "organization";
  return "name";
}

/** "Raj Mehta and Carlos Ortiz": a two- or three-word name listed with a person is a person too. */
function coordinatePeople(sentence: ParsedSentence, entities: Entity[]): void {
  for (let k = 0; k < entities.length; k++) {
    const entity = entities[k];
    if (!entity || entity.kind !== "name" || entity.last - entity.first < 1 || entity.last - entity.first > 2) continue;
    const neighbours = [entities[k - 1], entities[k + 1]];
    const listed = neighbours.some((other) => {
      if (!other || other.kind !== "person") return false;
      const [left, right] = other.first < entity.first ? [other, entity] : [entity, other];
      const between = sentence.tokens.slice(left.last + 1, right.first);
      const separator = (sentence.tokens[left.last]?.post ?? "") + between.map((t) => t.text + t.post).join("");
      return /^\s*(?:,|and|,\s*and|&)\s*$/.test(separator);
    });
    if (listed) entity.kind = "person";
  }
}

/** The tokens of a sentence that overlap [start, end) of the paragraph. */
function tokenRange(sentence: ParsedSentence, start: number, end: number): { first: number; last: number } | undefined {
  let first = -1;
  let last = -1;
  sentence.tokens.forEach((t, i) => {
    if (t.end > start && t.start < end) {
      if (first < 0) first = i;
      last = i;
    }
  });
  return first < 0 ? undefined : { first, last };
}

/**
 * What the whole article says about names, from a first pass: every person's full name under
 * their surname and first name (when only one person has it), and every word written with a
 * capital inside a sentence.
 */
export function nameContext(sentences: readonly ParsedSentence[]): NameContext {
  const nameWords = new Set<string>();
  for (const s of sentences) {
    s.tokens.forEach((t, i) => {
      if (i > 0 && isCapitalised(t) && !/[“"‘]\s*$/.test(s.tokens[i - 1]?.post ?? "")) nameWords.add(stripPossessive(t.text));
    });
  }
  const byPart = new Map<string, Set<string>>();
  const full = new Set<string>();
  for (const s of sentences) {
    for (const e of findEntities(s, { people: new Map(), nameWords })) {
      if (e.kind !== "person" || !e.text.includes(" ")) continue;
      full.add(e.text);
      for (const part of e.text.split(" ")) {
        if (!byPart.has(part)) byPart.set(part, new Set());
        byPart.get(part)?.add(e.text);
      }
    }
  }
  const people = new Map<string, string>();
  for (const name of full) people.set(name, name);
  for (const [part, names] of byPart) {
    const only = [...names][0];
    if (names.size === 1 && only !== undefined && !people.has(part)) people.set(part, only);
  }
  return { people, nameWords };
}
