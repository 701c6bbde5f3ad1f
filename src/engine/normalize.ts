/**
 * Text folding shared by questions and facts: case, diacritics, curly quotes and
 * apostrophes, dashes, abbreviations and punctuation. Returns plain lower-case words.
 */
const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  // "US"/"U.S." in capitals is the country, never the pronoun; so is "the us" in lower case, however spaced.
  [/\bU\.?S\.?A?\b(?!\.?\w)/g, " united states "],
  [/\bthe\s+us\b/gi, " the united states "],
  [/\bU\.?K\.?\b(?!\.?\w)/g, " united kingdom "],
  [/\bthe\s+uk\b/gi, " the united kingdom "],
];

const MAY_ABBREVIATE = /\b(?:U\.?S|U\.?K|the\s+us|the\s+uk)\b/i;

/** Invisible format characters (zero-width spaces and joiners, direction marks, soft hyphens, BOM): "cease\u200bfire" is one word. */
const INVISIBLE = /\p{Cf}/gu;

/** Every step runs only when the text has what it changes: most texts skip most steps. */
export function foldText(text: string): string {
  const ascii = !/[^\u0000-\u007f]/.test(text);
  let out = ascii ? text : text.replace(INVISIBLE, "").normalize("NFKC");
  if (MAY_ABBREVIATE.test(out)) for (const [pattern, replacement] of ABBREVIATIONS) out = out.replace(pattern, replacement);
  if (!ascii) {
    out = out
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .replace(/[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
      .replace(/[\u2010-\u2015\u2212\u2e3a\u2e3b]/g, "-");
  }
  out = out.toLowerCase();
  if (out.includes(".")) out = out.replace(/\b((?:\p{L}\.){2,})/gu, (dotted) => dotted.replace(/\./g, ""));
  if (out.includes("'")) out = out.replace(/'s\b/g, "").replace(/'/g, "");
  if (out.includes("%")) out = out.replace(/(\d)\s*%/g, "$1 percent");
  if (out.includes(",")) out = out.replace(/(\d),(?=\d{3}\b)/g, "$1");
  return out.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}
