import type { Entity } from "./entities.ts";
import { questionText } from "./grammar.ts";
import type { ParsedSentence, Token } from "./parse.ts";

/** A person named with what they are: "Council leader Priya Desai", "Helen Marsh, who runs the Quayside Café". */
export interface Role {
  person: Entity;
  /** the verbatim span that says it, to quote */
  quoteStart: number;
  quoteEnd: number;
  /** "the council leader", "" when only an apposition says it */
  title: string;
  /** "runs the Quayside Café", "a former chemistry professor", "of the Liberal Democrats" */
  apposition: string;
  /** the words of the title without articles, for questions: "council leader" */
  titleWords: string;
}

const BREAK = /[,;:–—()]/;
const has = (token: Token | undefined, tag: string) => token?.tags.has(tag) ?? false;
const HONORIFIC = /^(?:dr|mr|mrs|ms|miss|prof|sir|dame|lord|lady|rev)\.?$/i;
const POSSESSIVE_PRONOUN = /^(?:its|their|his|her)$/i;

/**
 * The roles of the people a sentence names: a title just before the name ("Kingsbridge goalkeeper
 * Ryan Hughes"), an apposition after it (", who runs …,", ", a former chemistry professor,",
 * " of the research firm BloombergNEF"), or a title set off before it ("The referee, Andrew
 * Blake,"). `owner` replaces a leading "its"/"their" ("Its area manager" → "the Environment Agency's area manager").
 */
export function findRoles(sentence: ParsedSentence, entities: readonly Entity[], owner?: string): Role[] {
  const { tokens } = sentence;
  const roles: Role[] = [];
  for (const person of entities) {
    if (person.kind !== "person" || !person.text.includes(" ")) continue;
    let quoteStart = tokens[person.first]?.start ?? 0;
    let quoteEnd = tokens[person.last]?.end ?? 0;
    let title = "";

    // A title right before the name: up to four nouns, adjectives, names or an honorific, with no break.
    let first = person.first;
    while (first - 1 >= 0 && person.first - first < 4) {
      const t = tokens[first - 1];
      if (!t || BREAK.test(t.post) || has(t, "Determiner") || has(t, "Verb") && !has(t, "Noun") || has(t, "Preposition") || has(t, "Pronoun") || has(t, "Value")) break;
      if (!(has(t, "Noun") || has(t, "Adjective") || has(t, "ProperNoun") || HONORIFIC.test(t.text))) break;
      first--;
    }
    const titleTokens = tokens.slice(first, person.first).filter((t) => !HONORIFIC.test(t.text));
    if (titleTokens.some((t) => (has(t, "Noun") && !has(t, "ProperNoun") && (!/^\p{Lu}/u.test(t.text) || t === tokens[0])) || has(t, "Actor"))) {
      quoteStart = tokens[first]?.start ?? quoteStart;
      title = `the ${titleTokens.map((t, i) => (i === 0 && !has(t, "ProperNoun") && !entities.some((e) => e.first === first) ? t.text.toLowerCase() : t.text)).join(" ")}`;
    }

    // A title set off before the name: "The referee, Andrew Blake," / "Ohio’s development director, Lydia Crane,".
    const before = tokens[person.first - 1];
    if (!title && before && /,\s*$/.test(before.post)) {
      let start = person.first - 1;
      while (start - 1 >= 0 && !BREAK.test(tokens[start - 1]?.post ?? "") && person.first - start < 5) {
        const t = tokens[start - 1];
        if (!t || has(t, "Verb") && !has(t, "Noun") || has(t, "Preposition") && t.normal !== "of") break;
        start--;
      }
      const segment = tokens.slice(start, person.first);
      const head = segment[segment.length - 1];
      if (head && has(head, "Noun") && !has(head, "ProperNoun") && !has(head, "Pronoun") && !has(head, "Value")) {
        quoteStart = tokens[start]?.start ?? quoteStart;
        const words = questionText(sentence, start, person.first - 1, entities).replace(/[,\s]+$/, "");
        const [firstWord = "", ...others] = words.split(" ");
        if (POSSESSIVE_PRONOUN.test(firstWord)) title = owner ? `${owner.replace(/^the (?=\p{Lu})/u, "the ")}’s ${others.join(" ")}` : `the ${others.join(" ")}`;
        else if (/^(?:the|a|an)$/i.test(firstWord)) title = `the ${others.join(" ")}`;
        else if (/^\p{Lu}.*['’]s$/u.test(firstWord)) title = words;
        else title = `the ${words}`;
      }
    }

    // An apposition after the name.
    let apposition = "";
    const after = tokens[person.last];
    const next = tokens[person.last + 1];
    if (after && next) {
      const comma = /,\s*$/.test(after.post);
      const opens = comma ? /^(?:who|a|an|the|of|from|whose)$/.test(next.normal) : next.normal === "of" && tokens[person.last + 2]?.normal === "the";
      if (opens) {
        let end = person.last + 1;
        while (end + 1 < tokens.length && !BREAK.test(tokens[end]?.post ?? "") && end - person.last < 12) end++;
        const endToken = tokens[end];
        if (endToken && (BREAK.test(endToken.post) || end === tokens.length - 1 || !comma)) {
          quoteEnd = endToken.end;
          const words = questionText(sentence, person.last + 1, end, entities);
          apposition = words.replace(/^who\s+/i, "").replace(/^whose\s+/i, "whose ");
        }
      }
    }
    if (!title && !apposition) continue;
    if (quoteEnd <= quoteStart) continue;
    const titleWords = title.replace(/^the\s+/, "");
    roles.push({ person, quoteStart, quoteEnd, title, apposition, titleWords });
  }
  return roles;
}

/** "Priya Desai is the council leader." / "Helen Marsh runs the Quayside Café." */
export function describeRole(role: Role): string {
  const name = role.person.name;
  const { title, apposition } = role;
  const verbal = apposition !== "" && !/^(?:a|an|the|of|from|whose)\b/i.test(apposition);
  if (title && apposition) return verbal ? `${name} is ${title} and ${apposition}.` : `${name} is ${title}, ${apposition}.`;
  if (title) return `${name} is ${title}.`;
  if (verbal) return `${name} ${apposition}.`;
  if (/^(?:of|from)\b/i.test(apposition)) return `${name} is ${apposition.replace(/^of\b/i, "with")}.`;
  return `${name} is ${apposition}.`;
}
