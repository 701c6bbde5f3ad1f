import { createRequire } from "node:module";

/** How much an unknown word says about what a question is after. */
export type WordClass = "content" | "modifier" | "function";

type EnLexicon = typeof import("en-lexicon");
let lexicon: EnLexicon["lexicon"] | undefined;

/** en-lexicon (112k words with Penn Treebank tags, most frequent first) loads on first use: ~0.3 s. */
function loadLexicon(): EnLexicon["lexicon"] {
  if (!lexicon) {
    const require = createRequire(import.meta.url);
    const module: EnLexicon = require("en-lexicon");
    lexicon = module.lexicon;
  }
  return lexicon;
}

/** Loads the lexicon now, so the first question does not pay for it (the bot calls this at start). */
export function preloadLexicon(): void {
  loadLexicon();
}

/**
 * Classifies a word the knowledge base has never seen. Nouns, names and numbers ("capital",
 * "Macron", "G7") name something the article would have to mention: they weigh fully. Adjectives
 * weigh less. Verbs, adverbs and chat slang ("went", "realistically", "rn") only carry the
 * question along: they weigh little.
 */
export function classifyWord(word: string): WordClass {
  if (/\d/.test(word)) return "content";
  const entry = Object.hasOwn(loadLexicon(), word) ? loadLexicon()[word] : undefined;
  if (entry === undefined) return word.length <= 3 ? "function" : "content";
  const tag = entry.split("|")[0] ?? "";
  if (tag.startsWith("NN") || tag === "CD" || tag === "FW") return "content";
  if (tag.startsWith("JJ")) return "modifier";
  return "function";
}

/** Whether a lower-case word is an everyday English word (the lexicon knows it as more than a name): "the", "in", "however". */
export function isCommonWord(word: string): boolean {
  const entry = Object.hasOwn(loadLexicon(), word) ? loadLexicon()[word] : undefined;
  if (entry === undefined) return false;
  return entry.split("|").some((tag) => tag !== "NNP" && tag !== "NNPS");
}
