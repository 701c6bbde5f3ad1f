import { stem } from "../engine/analyzer.ts";
import type { ParsedSentence } from "./parse.ts";
import type { PartOfSpeech, Thesaurus } from "./wordnet.ts";

export interface Paraphrasing {
  thesaurus: Thesaurus;
  /** the words go into the fact's keywords, or make one extra alternate question */
  into: "keywords" | "question";
  /** how many of a word's senses, most common first */
  senses: number;
  /** words with more senses than this are too ambiguous to expand */
  maxSenses: number;
  /** at most this many synonyms of one word, and of one fact */
  perWord: number;
  perFact: number;
  /** which of the sentence's words to expand */
  kinds: readonly PartOfSpeech[];
  /** also the nouns and verbs WordNet derives from the word ("employ" → "employee") */
  derived: boolean;
  /** the synonyms themselves ("employ" → "hire") */
  synonyms: boolean;
}

/** Words too common or too vague to expand, or to add: they would match nearly any question. */
const SKIP = new Set(
  ("be have do say said make get go come take give put set keep let seem become show use see know think want look find tell " +
    "thing things way time year years day days people man woman part place case point number lot kind sort end").split(" "),
);
const FUNCTION_TAGS = ["Determiner", "Preposition", "Conjunction", "Pronoun", "Auxiliary", "Copula", "Modal", "QuestionWord", "ProperNoun", "Value"];

/**
 * Synonyms, from a thesaurus, of the nouns and verbs in tokens `part.first..part.last` of the
 * sentence (names aside): the words a question may use where the sentence uses another
 * ("employ" → "hire", "discover" → "detect", "notice"). Verbs first, then nouns, in sentence
 * order; words whose stem is already in `present` are left out.
 */
export function paraphraseWords(
  sentence: ParsedSentence,
  part: { first: number; last: number },
  inName: (k: number) => boolean,
  paraphrasing: Paraphrasing,
  present: readonly string[],
): string[] {
  const { thesaurus } = paraphrasing;
  const seen = new Set(present.flatMap((w) => w.toLowerCase().split(/\s+/)).map(stem));
  const byPos: Record<PartOfSpeech, string[]> = { verb: [], noun: [] };
  for (let k = part.first; k <= part.last; k++) {
    const t = sentence.tokens[k];
    if (!t || inName(k) || !/^[a-z][a-z-]+$/.test(t.normal) || FUNCTION_TAGS.some((tag) => t.tags.has(tag))) continue;
    const pos: PartOfSpeech | undefined = t.tags.has("Verb") ? "verb" : t.tags.has("Noun") ? "noun" : undefined;
    if (!pos) continue;
    const base = thesaurus.baseForm(t.normal, pos);
    if (base && !SKIP.has(base)) byPos[pos].push(base);
  }
  const out: string[] = [];
  for (const pos of paraphrasing.kinds) {
    for (const word of byPos[pos]) {
      let added = 0;
      const candidates = [...(paraphrasing.synonyms ? thesaurus.synonyms(word, pos, paraphrasing) : []), ...(paraphrasing.derived ? thesaurus.derived(word, pos, paraphrasing) : [])];
      for (const synonym of candidates) {
        if (out.length >= paraphrasing.perFact || added >= paraphrasing.perWord) break;
        const key = stem(synonym);
        if (SKIP.has(synonym) || seen.has(key)) continue;
        seen.add(key);
        out.push(synonym);
        added++;
      }
    }
  }
  return out;
}
