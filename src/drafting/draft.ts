import { splitParagraphs } from "../knowledge/article-text.ts";
import { MAX_ANSWER_LENGTH, type Fact } from "../knowledge/schema.ts";
import { findEntities, nameContext, stripPossessive, type Entity } from "./entities.ts";
import { findClauses, questionText, type Antecedents, type Clause } from "./grammar.ts";
import { parseParagraph, type ParsedSentence, type Token } from "./parse.ts";
import { draftQuestions, MAX_QUESTIONS } from "./questions.ts";
import { categoryOf } from "./categories.ts";
import { relatedWords } from "./related-words.ts";
import { describeRole, findRoles } from "./roles.ts";

export const ANSWER_PREFIX = "According to the article, ";
/** A sentence longer than this is drafted as several clause facts. */
const LONG_SENTENCE = 300;
const MAX_PART = MAX_ANSWER_LENGTH - ANSWER_PREFIX.length - 4;
const MIN_QUESTIONS = 3;
const MAX_RELATED = 16;
/** A common word of the title is a topic when at least this many sentences use it. */
const TOPIC_MIN_SENTENCES = 3;
const TITLE_STOP = new Set("the and for with from after before over into about that this than are was were has have will new says said".split(" "));
const FUNCTION_TAGS = ["Determiner", "Preposition", "Conjunction", "Pronoun", "Auxiliary", "Copula", "Modal", "QuestionWord"];
const SETTING_KINDS = new Set(["date"]);

export interface DraftInput {
  articleId: string;
  title: string;
  text: string;
  /** fact ids already used in the knowledge folder: drafted ids avoid them */
  takenIds?: ReadonlySet<string>;
}

export interface DraftedArticle {
  facts: Fact[];
  paragraphs: number;
  sentences: number;
}

/**
 * Drafts facts for an article: one statement fact per sentence (several clause facts for a long
 * one), each quoting the article verbatim with its paragraph, an answer "According to the article,
 * …", alternate questions built from the sentence's entities, and its keywords and entities; plus
 * a "who is" fact for each person the article names with a role. Every fact is `draft: true`.
 */
export function draftFacts(input: DraftInput): DraftedArticle {
  const paragraphs = splitParagraphs(input.text);
  const sentences = paragraphs.flatMap((paragraph, index) => parseParagraph(paragraph, index + 1));
  const context = nameContext(sentences);
  const ids = idMaker(input.articleId, input.takenIds ?? new Set());
  const analysed = sentences.map((sentence) => ({ sentence, entities: findEntities(sentence, context) }));
  const topic = topicTerms(input.title, analysed, context.people);
  // What each name is, from wherever the article says so ("Voltara, a battery start-up, …").
  const categories = new Map<string, string>();
  for (const { sentence, entities } of analysed) {
    for (const e of entities) {
      const category = categoryOf(e, sentence, entities);
      if (category && !categories.has(e.name)) categories.set(e.name, category);
    }
  }
  const facts: Fact[] = [];
  const introduced = new Set<string>();
  // "the bank" after "Marlow Bank", "the firm" after "Calder Civil Engineering, a firm …"
  const definite = new Map<string, string>();
  const antecedents: Antecedents = {};
  let paragraph = 0;

  let setting: string[] = [];
  for (const { sentence, entities } of analysed) {
    if (sentence.paragraph !== paragraph) {
      paragraph = sentence.paragraph;
      delete antecedents.thing;
      setting = [];
    }
    const clauses = findClauses(sentence, entities, antecedents);
    for (const e of entities) {
      if (e.kind !== "organization" && e.kind !== "place" && e.kind !== "name") continue;
      const lastWord = e.name.split(" ").pop()?.toLowerCase();
      if (lastWord && e.name.includes(" ")) definite.set(lastWord, e.name);
      const category = categories.get(e.name);
      if (category) definite.set(category, e.name);
    }

    for (const role of findRoles(sentence, entities, antecedents.thing)) {
      if (introduced.has(role.person.name)) continue;
      introduced.add(role.person.name);
      facts.push(entityFact(ids("who", role.person.name), sentence, role, topic));
    }
    for (const part of sentenceParts(sentence)) {
      facts.push(statementFact(ids(), sentence, part, entities, clauses, [...topic, ...setting], introduced, categories, definite));
    }
    // Later sentences of the paragraph happen in the same setting: its dates and names.
    setting = [...setting, ...entities.filter((e) => SETTING_KINDS.has(e.kind)).map((e) => e.name)];

    const lastPerson = [...entities].reverse().find((e) => e.kind === "person");
    if (lastPerson) antecedents.person = lastPerson.name;
    const main = clauses.find((c) => !c.pronoun && c.subjectFirst !== undefined);
    if (main) antecedents.thing = main.subjectText;
  }
  return { facts, paragraphs: paragraphs.length, sentences: sentences.length };
}

interface Part {
  first: number;
  last: number;
  /** offsets in the paragraph */
  start: number;
  end: number;
}

/** The whole sentence, or, for a long one, clauses split at breaks so every answer fits. */
function sentenceParts(sentence: ParsedSentence): Part[] {
  const whole: Part = { first: 0, last: sentence.tokens.length - 1, start: sentence.start, end: sentence.end };
  if (sentence.text.length <= LONG_SENTENCE) return [whole];
  const { tokens } = sentence;
  const parts: Part[] = [];
  let first = 0;
  const close = (last: number) => {
    const startToken = tokens[first];
    const endToken = tokens[last];
    if (!startToken || !endToken) return;
    const start = first === 0 ? sentence.start : startToken.start;
    const end = last === tokens.length - 1 ? sentence.end : endToken.end;
    parts.push({ first, last, start, end });
    first = last + 1;
  };
  for (let k = 0; k < tokens.length - 1; k++) {
    const t = tokens[k];
    const next = tokens[k + 1];
    const startToken = tokens[first];
    if (!t || !next || !startToken) continue;
    const length = t.end - startToken.start;
    const strongBreak = /[;:–—]/.test(t.post) || (/,/.test(t.post) && /^(?:and|but|while|whereas|although|though|which|when|with|after|before|because)$/.test(next.normal));
    const anyBreak = /[,;:–—]/.test(t.post);
    const nextEnd = tokens[tokens.length - 1]?.end ?? t.end;
    const tooLong = nextEnd - startToken.start > MAX_PART;
    if ((strongBreak && length >= 60) || (anyBreak && tooLong && length >= 60) || t.end - startToken.start > MAX_PART - 40) close(k);
  }
  close(tokens.length - 1);
  return parts;
}

function statementFact(
  id: string,
  sentence: ParsedSentence,
  part: Part,
  entities: readonly Entity[],
  clauses: readonly Clause[],
  topic: readonly string[],
  introduced: ReadonlySet<string>,
  categories: ReadonlyMap<string, string>,
  definite: ReadonlyMap<string, string>,
): Fact {
  const quote = sentence.text.slice(part.start - sentence.start, part.end - sentence.start).replace(/^[\s,;]+|[\s,;:–—]+$/g, "");
  const inPart = entities.filter((e) => e.first >= part.first && e.last <= part.last);
  const partClauses = clauses.filter((c) => c.verbFirst >= part.first && c.verbFirst <= part.last);
  const answer = answerFor(sentence, part, quote, partClauses, inPart);
  const questions = draftQuestions(sentence, entities, clauses, part);
  for (const person of inPart) {
    if (person.kind === "person" && !introduced.has(person.name)) questions.push(`Who is ${person.name}?`);
    const age = inPart.find((e) => e.age && !e.unit && e.first === person.last + 1);
    if (person.kind === "person" && age) questions.unshift(`How old is ${person.name}?`);
  }
  const about = partClauses.find((c) => !c.pronoun)?.subjectText ?? inPart.find((e) => e.kind !== "number")?.name ?? mainNoun(sentence, part);
  const fallbacks = [`What does the article say about ${about}?`, `What happened with ${about}?`, `Tell me about ${about}`, `${about}?`];
  for (const f of fallbacks) if (uniqueWords(questions).length < MIN_QUESTIONS) questions.push(f);
  const resolved = partClauses.filter((c) => c.subjectFirst !== undefined && isPronoun(sentence.tokens[c.subjectFirst]) && !c.pronoun).map((c) => c.subjectText);
  const inName = (k: number) => inPart.some((e) => e.first <= k && k <= e.last && (e.kind === "person" || e.kind === "organization" || e.kind === "place" || e.kind === "name"));
  const contentWords = sentence.tokens.flatMap((t, k) => (k >= part.first && k <= part.last && !inName(k) && !FUNCTION_TAGS.some((tag) => t.tags.has(tag)) ? [t.normal] : []));
  // "the bank" names Marlow Bank when the article named it before
  const partTokens = sentence.tokens.slice(part.first, part.last + 1);
  const meant = partTokens.flatMap((t, k) => {
    const previous = partTokens[k - 1];
    const name = previous?.normal === "the" && t.tags.has("Noun") && !t.tags.has("ProperNoun") ? definite.get(t.normal) : undefined;
    return name ? [name] : [];
  });
  // irregular verbs in their plain form: "stole" → "steal", "taken" → "take"
  const infinitives = sentence.verbs
    .filter((v) => v.first >= part.first && v.first <= part.last)
    .flatMap((v) => v.infinitive.split(" "))
    .filter((w) => w.length > 2 && !/^(?:be|have|do|will|would|can|could|may|might|shall|should|must)$/.test(w));
  const ages = inPart.filter((e) => e.age).length > 0 ? ["age", "old"] : [];
  const kinds = [...inPart.map((e) => e.name), ...resolved, ...meant, ...topic].flatMap((name) => {
    const category = categories.get(name);
    return category ? [category] : [];
  });
  const keywords = uniqueWords([
    ...topic,
    ...resolved,
    ...meant,
    ...kinds,
    ...ages,
    ...infinitives,
    ...inPart.map((e) => e.name),
    ...inPart.flatMap((e) => (e.unit ? [e.unit] : [])),
    ...(inPart.some((e) => e.kind === "money") ? ["money"] : []),
    // "from 14 October": that is when it starts
    ...(inPart.some((e) => e.kind === "date" && /^(?:from|starting|since)$/.test(sentence.tokens[e.first - 1]?.normal ?? "")) ? ["start", "open", "begin"] : []),
    ...relatedWords([...contentWords, ...kinds, ...resolved.flatMap((r) => r.split(" "))]).slice(0, MAX_RELATED),
  ]);
  if (keywords.length === 0) keywords.push(mainNoun(sentence, part));
  return {
    id,
    kind: "statement",
    answer,
    quote,
    paragraph: sentence.paragraph,
    questions: uniqueWords(questions).slice(0, MAX_QUESTIONS + 2),
    keywords,
    entities: uniqueWords(inPart.filter((e) => e.kind !== "number" || /\d/.test(e.text)).map((e) => e.name)),
    draft: true,
  };
}

function entityFact(id: string, sentence: ParsedSentence, role: ReturnType<typeof findRoles>[number], topic: readonly string[]): Fact {
  const name = role.person.name;
  const surname = name.split(" ").slice(-1)[0] ?? name;
  const quote = sentence.text.slice(role.quoteStart - sentence.start, role.quoteEnd - sentence.start);
  const description = describeRole(role);
  const questions = [`Who is ${name}?`, `who is ${surname}`, `What does ${name} do?`];
  // "prosecutor" → "prosecute", "manager" → "manage": who prosecuted? who manages?
  const agentVerbs = role.titleWords.split(/\s+/).flatMap((w) => {
    const match = /^(\p{Ll}{4,})(?:or|er)$/u.exec(w);
    return match?.[1] ? [match[1], `${match[1]}e`] : [];
  });
  if (role.titleWords) questions.push(`Who is ${role.title}?`, `What is the name of ${role.title}?`, `${name} ${role.titleWords}`);
  return {
    id,
    kind: "entity",
    answer: truncate(`${ANSWER_PREFIX}${description}`),
    quote,
    paragraph: sentence.paragraph,
    questions,
    keywords: uniqueWords([...(role.titleWords ? [role.titleWords, ...role.titleWords.split(/\s+/).map(stripPossessive)] : []), ...agentVerbs, ...topic, name, "name", "role", "job", ...relatedWords(`${role.titleWords} ${role.apposition}`.split(/\s+/).filter(Boolean)).slice(0, MAX_RELATED)]),
    entities: [name],
    draft: true,
  };
}

/** "According to the article, " + the quote, its first word in lower case unless a name, a leading pronoun replaced by what it stands for. */
function answerFor(sentence: ParsedSentence, part: Part, quote: string, clauses: readonly Clause[], entities: readonly Entity[]): string {
  let body = quote.replace(/^(?:and|but|while|with|which|when)\s+/i, "");
  const first = sentence.tokens[part.first];
  const opening = clauses[0];
  if (first && opening && opening.subjectFirst === part.first && opening.subjectLast === part.first && isPronoun(first) && !opening.pronoun && body.startsWith(first.text)) {
    body = opening.subjectText + body.slice(first.text.length);
  } else if (first && body.startsWith(first.text) && !isName(first, part.first, entities)) {
    body = body.charAt(0).toLowerCase() + body.slice(1);
  }
  if (!/[.!?]["”’)]*$/.test(body)) body = `${body.replace(/[,;:]$/, "")}.`;
  return truncate(`${ANSWER_PREFIX}${body}`);
}

function truncate(answer: string): string {
  if (answer.length <= MAX_ANSWER_LENGTH) return answer;
  const cut = answer.slice(0, MAX_ANSWER_LENGTH - 1);
  return `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}

const isPronoun = (t: Token | undefined) => t !== undefined && t.tags.has("Pronoun") && /^(?:it|he|she|they)$/.test(t.normal);
const isName = (t: Token, index: number, entities: readonly Entity[]) =>
  t.tags.has("ProperNoun") || /^\p{Lu}{2,}/u.test(t.text) || entities.some((e) => e.first === index && e.kind !== "number" && e.kind !== "money" && e.kind !== "percent" && e.kind !== "date") || t.text === "I";

function mainNoun(sentence: ParsedSentence, part: Part): string {
  const nouns = sentence.tokens.slice(part.first, part.last + 1).filter((t) => t.tags.has("Noun") && !t.tags.has("Pronoun"));
  const longest = [...nouns].sort((a, b) => b.normal.length - a.normal.length)[0];
  return longest ? questionText(sentence, sentence.tokens.indexOf(longest), sentence.tokens.indexOf(longest)) : `paragraph ${sentence.paragraph}`;
}

/**
 * What the whole article is about: the title's words that the text uses in at least a few
 * sentences ("Harwick", "barrier", "Voltara"), people's names aside. They go into every fact's
 * keywords: within the article they do not tell facts apart, but a question that names the
 * article's subject is not held against a fact that doesn't repeat it.
 */
function topicTerms(title: string, analysed: ReadonlyArray<{ sentence: ParsedSentence }>, people: ReadonlyMap<string, string>): string[] {
  const counts = new Map<string, number>();
  for (const { sentence } of analysed) {
    const seen = new Set<string>();
    for (const t of sentence.tokens) seen.add(stripPossessive(t.normal));
    for (const word of seen) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const terms: string[] = [];
  for (const raw of title.split(/[^\p{L}\p{N}'’-]+/u)) {
    const word = stripPossessive(raw);
    const key = word.toLowerCase();
    if (word.length < 3 || TITLE_STOP.has(key) || /\d/.test(word) || /^(?:thousand|million|billion|trillion|percent)$/.test(key) || people.has(word) || terms.some((t) => t.toLowerCase() === key)) continue;
    const capitalised = /^\p{Lu}/u.test(word);
    if ((counts.get(key) ?? 0) >= (capitalised ? 2 : TOPIC_MIN_SENTENCES)) terms.push(word);
  }
  return terms;
}

/** Ids "<article>-<n>" and "<article>-who-<name>", skipping any already used. */
function idMaker(articleId: string, taken: ReadonlySet<string>): (...parts: string[]) => string {
  const used = new Set(taken);
  let n = 0;
  return (...parts) => {
    let id: string;
    if (parts.length === 0) {
      do id = `${articleId}-${++n}`;
      while (used.has(id));
    } else {
      const base = [articleId, ...parts.map(slugPart)].filter(Boolean).join("-");
      id = base;
      for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
    }
    used.add(id);
    return id;
  };
}

const slugPart = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

function uniqueWords(items: readonly string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.toLowerCase().trim();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
