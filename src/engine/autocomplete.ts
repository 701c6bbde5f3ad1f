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

  constructor(
    private readonly facts: readonly KnowledgeFact[],
    private readonly starters: readonly QuestionChoice[],
    private readonly findFacts: (text: string, limit: number) => readonly KnowledgeFact[],
  ) {}

  suggest(typed: string, limit = 25): QuestionChoice[] {
    const text = typed.replace(/\s+/g, " ").trim().slice(0, 100);
    if (!text) return this.starters.slice(0, limit);
    const questions = this.facts.reduce((n, f) => n + f.questions.length, 0);
    if (questions <= FULL_SCAN_LIMIT) {
      this.full ??= fuseOver(this.facts);
      return this.full.search(text, { limit }).map((r) => r.item);
    }
    return fuseOver(this.findFacts(text, 50)).search(text, { limit }).map((r) => r.item);
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
