import type { Entity } from "./entities.ts";
import type { ParsedSentence } from "./parse.ts";

/** Category nouns that start or end a name: "Storm Dennis" is a storm, "Kaito Motors" a company. */
const NAME_CATEGORIES: ReadonlyArray<[RegExp, string | undefined]> = [
  [/^(?:storm|hurricane|typhoon|cyclone)\b/i, undefined],
  [/\b(?:democrats|republicans|conservatives|party|labour|greens)$/i, "party"],
  [/\b(?:motors|ventures|engineering|corporation|inc|ltd|plc|group|holdings|industries|technologies|systems|labs)$/i, "company"],
  [/\b(?:united|rovers|athletic|wanderers|fc)$/i, "team"],
  [/\b(?:university|college)\b/i, "university"],
  [/\b(?:bank|court|police|council|agency|hospital|school|airport|museum|library|church)$/i, undefined],
  [/^river\b|\briver$/i, "river"],
  [/\b(?:street|road|lane|avenue)$/i, "street"],
  [/\b(?:stadium|park|hall|bridge)$/i, undefined],
];

/**
 * What kind of thing a name is, when the text says so: a word of the name ("Storm Dennis" →
 * storm, "Kaito Motors" → company), or the head of an apposition after it ("Calder Civil
 * Engineering, a firm based in Leeds" → firm; "Voltara, a battery start-up" → start-up).
 */
export function categoryOf(entity: Entity, sentence: ParsedSentence, entities: readonly Entity[]): string | undefined {
  if (entity.kind !== "organization" && entity.kind !== "name" && entity.kind !== "place") return undefined;
  for (const [pattern, category] of NAME_CATEGORIES) {
    const match = pattern.exec(entity.name);
    if (match) return category ?? match[0].toLowerCase();
  }
  const { tokens } = sentence;
  const article = tokens[entity.last + 1];
  if (!/,\s*$/.test(tokens[entity.last]?.post ?? "") || !article || !/^(?:a|an|the)$/.test(article.normal)) return undefined;
  for (let k = entity.last + 2; k < tokens.length && k <= entity.last + 6; k++) {
    const t = tokens[k];
    if (!t || entities.some((e) => e.first <= k && k <= e.last)) break;
    // a compound written with hyphens ("start-up") is one noun, whatever its parts were tagged
    let end = k;
    while (tokens[end]?.post === "-" && tokens[end + 1]) end++;
    if ((!t.tags.has("Noun") && end === k) || t.tags.has("Possessive")) continue;
    const next = tokens[end + 1];
    const nextIsNoun = next !== undefined && (next.tags.has("Noun") || next.post === "-");
    if (/[,;]/.test(tokens[end]?.post ?? "") || !nextIsNoun) {
      return tokens
        .slice(k, end + 1)
        .map((w) => w.normal)
        .join("-");
    }
    k = end;
  }
  return undefined;
}
