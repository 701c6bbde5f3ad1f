import Fuse from "fuse.js";
import type { KnowledgeFact } from "../knowledge/load.ts";

export interface QuestionChoice {
  question: string;
  factId: string;
}

/**
 * Question suggestions as the user types: fuse.js over every alternate question, so partial words
 * and typos still find them ("when was na", "zelenksy"). Ranked by fuse.js, best first.
 */
export class QuestionSuggester {
  private readonly fuse: Fuse<QuestionChoice>;

  constructor(facts: readonly KnowledgeFact[], private readonly starters: readonly QuestionChoice[]) {
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
    const keys = ["question"];
    this.fuse = new Fuse(choices, { keys, ignoreLocation: true, threshold: 0.4, includeScore: true }, Fuse.createIndex(keys, choices));
  }

  suggest(typed: string, limit = 25): QuestionChoice[] {
    const text = typed.replace(/\s+/g, " ").trim();
    if (!text) return this.starters.slice(0, limit);
    return this.fuse.search(text.slice(0, 100), { limit }).map((r) => r.item);
  }
}
