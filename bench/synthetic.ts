import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Article, KnowledgeBase, KnowledgeFact } from "../src/knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import { mulberry32, type Random } from "./random.ts";

/** Synthetic facts per synthetic article. */
export const FACTS_PER_ARTICLE = 40;
const MIN_WORDS = 12;
const MAX_WORDS = 31;

/**
 * The running words of the real articles, in order and with repeats, so drawing from it follows
 * their word frequencies: "the" often, "Kursk" rarely. Punctuation around a word is dropped.
 */
export function articleWords(knowledgeDir: string = DEFAULT_KNOWLEDGE_DIR): string[] {
  const dir = join(knowledgeDir, "articles");
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
  const out: string[] = [];
  for (const file of files) {
    for (const raw of readFileSync(join(dir, file), "utf8").split(/\s+/)) {
      const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      if (word) out.push(word);
    }
  }
  if (out.length === 0) throw new Error(`no article text (*.txt) under ${dir}`);
  return out;
}

/**
 * `size` synthetic statement facts over articles of FACTS_PER_ARTICLE facts each, written with the
 * real articles' words so they compete with the real facts. Each article paragraph is one fact's
 * sentence, so every quote is verbatim and every paragraph number right.
 */
export function syntheticKnowledge(size: number, seed: number, vocabulary: readonly string[] = articleWords()): KnowledgeBase {
  const random = mulberry32(seed);
  const articles: Article[] = [];
  const facts: KnowledgeFact[] = [];
  for (let n = 0; n < size; n++) {
    const articleNumber = Math.floor(n / FACTS_PER_ARTICLE) + 1;
    let article = articles[articleNumber - 1];
    if (!article) {
      article = { id: `synthetic-${articleNumber}`, title: `Synthetic article ${articleNumber}`, paragraphs: [] };
      articles.push(article);
    }
    const sentenceWords = Array.from({ length: random.between(MIN_WORDS, MAX_WORDS) }, () => random.pick(vocabulary));
    const sentence = capitalise(`${sentenceWords.join(" ")}.`);
    article.paragraphs.push(sentence);
    facts.push({
      id: `syn-${n}`,
      articleId: article.id,
      kind: "statement",
      answer: `According to the article, ${sentence}`,
      quote: sentence,
      paragraph: article.paragraphs.length,
      questions: questionsFor(sentenceWords, random),
      keywords: random.sample(contentWords(sentenceWords), 3),
      entities: [...new Set(sentenceWords.filter((w) => /^\p{Lu}/u.test(w)))],
      draft: false,
    });
  }
  return { articles, facts, synonyms: [] };
}

/** The real knowledge base merged into a synthetic one; the real articles come last (the newest). */
export function withRealFacts(synthetic: KnowledgeBase, real: KnowledgeBase): KnowledgeBase {
  const articleIds = new Set(synthetic.articles.map((a) => a.id));
  const factIds = new Set(synthetic.facts.map((f) => f.id));
  const clash = real.articles.find((a) => articleIds.has(a.id)) ?? real.facts.find((f) => factIds.has(f.id));
  if (clash) throw new Error(`the real id "${clash.id}" is also a synthetic id`);
  return {
    articles: [...synthetic.articles, ...real.articles],
    facts: [...synthetic.facts, ...real.facts],
    synonyms: [...synthetic.synonyms, ...real.synonyms],
  };
}

/** Three alternate questions from random words of the sentence, in the usual casual shapes. */
function questionsFor(sentenceWords: readonly string[], random: Random): string[] {
  const pool = contentWords(sentenceWords);
  const some = (count: number) => random.sample(pool, count).join(" ");
  return [`what about ${some(2)}?`, some(3), `why did ${some(2)}`];
}

/** Words of 4 letters or more when there are at least 3 of them (so keywords are not "the"), else all. */
function contentWords(sentenceWords: readonly string[]): string[] {
  const distinct = [...new Set(sentenceWords)];
  const long = distinct.filter((w) => w.length >= 4);
  return long.length >= 3 ? long : distinct;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
