import Fuse from "fuse.js";
import type { KnowledgeFact } from "../knowledge/load.ts";

export interface QuestionChoice {
  question: string;
  factId: string;
}

/** Up to this many alternate questions, fuse.js searches them all; past it, only the facts the index finds. */
const FULL_SCAN_LIMIT = 20_000;

const KEYS = ["question"];
const OPTIONS = { keys: KEYS, ignoreLocation: true, threshold: 0.4, includeScore: true };

/**
 * Question suggestions as the user types, ranked by fuse.js, so partial words and typos still
 * find them ("when was na", "zelenksy"). For a large knowledge base, fuse.js ranks the alternate
 * questions of the facts the engine's index finds for the text, so the work stays small.
 */
export class QuestionSuggester {
  private full: Fuse<QuestionChoice> | undefined;
  private readonly starters = new Map<string, readonly QuestionChoice[]>();
  private readonly articleOf: Map<string, string>;
  private readonly articles: Set<string>;
  /** whether fuse.js can rank every alternate question, or only those of the facts the index finds */
  private readonly scanAll: boolean;

  constructor(
    private readonly facts: readonly KnowledgeFact[],
    /** a few questions to offer before anything is typed, for one article or (undefined) the newest */
    private readonly startersFor: (articleId: string | undefined) => readonly QuestionChoice[],
    /** the facts the engine's index finds for a text, within one article when given */
    private readonly findFacts: (text: string, limit: number, articleId: string | undefined) => readonly KnowledgeFact[],
  ) {
    this.articleOf = new Map(facts.map((f) => [f.id, f.articleId]));
    this.articles = new Set(this.articleOf.values());
    this.scanAll = facts.reduce((n, f) => n + f.questions.length, 0) <= FULL_SCAN_LIMIT;
  }

  suggest(typed: string, limit = 25, articleId?: string): QuestionChoice[] {
    const text = typed.replace(/\s+/g, " ").trim().slice(0, 100);
    if (!text) return this.startersOf(articleId).slice(0, limit);
    if (this.scanAll) {
      this.full ??= fuseOver(this.facts);
      if (articleId === undefined) return this.full.search(text, { limit }).map((r) => r.item);
      const inArticle: QuestionChoice[] = [];
      for (const { item } of this.full.search(text)) {
        if (this.articleOf.get(item.factId) !== articleId) continue;
        inArticle.push(item);
        if (inArticle.length === limit) break;
      }
      return inArticle;
    }
    return fuseOver(this.findFacts(text, 50, articleId)).search(text, { limit }).map((r) => r.item);
  }

  private startersOf(articleId: string | undefined): readonly QuestionChoice[] {
    if (articleId !== undefined && !this.articles.has(articleId)) return [];
    const key = articleId ?? "";
    let found = this.starters.get(key);
    if (!found) this.starters.set(key, (found = this.startersFor(articleId)));
    return found;
  }
}

function fuseOver(facts: readonly KnowledgeFact[]): Fuse<QuestionChoice> {
  const seen = new Set<string>();
  const choices: QuestionChoice[] = [];
  for (const fact of facts) {
    for (const question of fact.questions) {
      const key = question.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      choices.push({ question, factId: fact.id });
    }
  }
  return new Fuse(choices, OPTIONS, Fuse.createIndex(KEYS, choices));
}
