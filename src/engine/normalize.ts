/**
 * Text folding shared by questions and facts: case, diacritics, curly quotes and
 * apostrophes, dashes, abbreviations and punctuation. Returns plain lower-case words.
 */
const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  // "US"/"U.S." in capitals is the country, never the pronoun; so is "the us" in lower case.
  [/\bU\.?S\.?A?\b(?!\.?\w)/g, " united states "],
  [/\bthe us\b/gi, " the united states "],
  [/\bU\.?K\.?\b(?!\.?\w)/g, " united kingdom "],
  [/\bthe uk\b/gi, " the united kingdom "],
];

export function foldText(text: string): string {
  let out = text.normalize("NFKC");
  for (const [pattern, replacement] of ABBREVIATIONS) out = out.replace(pattern, replacement);
  return out
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015\u2212\u2e3a\u2e3b]/g, "-")
    .replace(/\b((?:\p{L}\.){2,})/gu, (dotted) => dotted.replace(/\./g, ""))
    .replace(/'s\b/g, "")
    .replace(/'/g, "")
    .replace(/(\d)\s*%/g, "$1 percent")
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Folded words, in order. */
export function words(text: string): string[] {
  const folded = foldText(text);
  return folded ? folded.split(" ") : [];
}
