import Fuse from "fuse.js";
import MiniSearch from "minisearch";
import { createEngine, type Engine } from "../src/engine/engine.ts";
import type { KnowledgeBase, KnowledgeFact } from "../src/knowledge/load.ts";

/** What the bench needs from a matcher's reply. */
export interface Reply {
  answered: boolean;
  /** the answer and the quote it cites, to look for the expected words in */
  text: string;
}

/** The small interface every matcher in the bench has. Make a fresh one per knowledge base. */
export interface Matcher {
  readonly name: string;
  /** Work that must happen before build but is not part of it (not timed; its leftovers count towards heap). */
  prepare?(kb: KnowledgeBase): void;
  /** Builds the index: timed, and its heap measured. */
  build(kb: KnowledgeBase): void;
  ask(question: string): Reply;
  /** Drops everything built, so the next matcher's heap figure is not polluted. */
  release(): void;
  /** How many of `total` eval questions to ask against `facts` facts, when not all (slow matchers). */
  questionLimit?(facts: number, total: number): number;
}

export type MatcherFactory = () => Matcher;

const notBuilt = (name: string): never => {
  throw new Error(`${name}: ask before build`);
};

/** The project's engine: build = createEngine(kb); the text is the answer and the first source's quote. */
export function engineMatcher(): Matcher {
  let engine: Engine | undefined;
  return {
    name: "engine",
    build(kb) {
      engine = createEngine(kb);
    },
    ask: (question) => engineReply(engine ?? notBuilt("engine"), question),
    release() {
      engine = undefined;
    },
  };
}

/** An exported engine index; the engine may or may not have one (it is being added elsewhere). */
interface IndexExporter {
  exportIndex(): unknown;
}

export function canExportIndex(engine: object): engine is IndexExporter {
  return "exportIndex" in engine && typeof engine.exportIndex === "function";
}

/**
 * createEngine seen through a wider options type, so this file compiles whether or not
 * EngineOptions has an `index` field yet. Only used once the engine has shown it exports one.
 */
const createEngineWith: (kb: KnowledgeBase, options: object) => Engine = createEngine;

/**
 * The engine loaded from a serialized index: prepare builds an engine, exports its index and
 * round-trips it through JSON (as if read from disk); build times createEngine(kb, { index }) only.
 */
export function prebuiltEngineMatcher(): Matcher {
  let engine: Engine | undefined;
  let index: unknown;
  return {
    name: "engine (prebuilt index)",
    prepare(kb) {
      const source = createEngine(kb);
      if (!canExportIndex(source)) throw new Error("this engine has no exportIndex()");
      const parsed: unknown = JSON.parse(JSON.stringify(source.exportIndex()));
      index = parsed;
    },
    build(kb) {
      if (index === undefined) throw new Error("engine (prebuilt index): build before prepare");
      engine = createEngineWith(kb, { index });
      index = undefined;
    },
    ask: (question) => engineReply(engine ?? notBuilt("engine (prebuilt index)"), question),
    release() {
      engine = undefined;
      index = undefined;
    },
  };
}

function engineReply(engine: Engine, question: string): Reply {
  const result = engine.ask(question);
  return { answered: result.answered, text: `${result.answer ?? ""}\n${result.sources[0]?.quote ?? ""}` };
}

/** A plain fuse.js scan over every fact; answers when the best result scores under 0.4 (0 is a perfect match). */
export function fuseMatcher(): Matcher {
  let fuse: Fuse<KnowledgeFact> | undefined;
  return {
    name: "fuse.js scan",
    build(kb) {
      fuse = new Fuse(kb.facts, {
        keys: [
          { name: "questions", weight: 3 },
          { name: "keywords", weight: 2 },
          { name: "answer", weight: 1 },
          { name: "quote", weight: 1 },
        ],
        ignoreLocation: true,
        includeScore: true,
        threshold: 0.6,
      });
    },
    ask(question) {
      const best = (fuse ?? notBuilt("fuse.js scan")).search(question, { limit: 1 })[0];
      if (!best || best.score === undefined || best.score >= 0.4) return { answered: false, text: "" };
      return { answered: true, text: `${best.item.answer}\n${best.item.quote}` };
    },
    release() {
      fuse = undefined;
    },
    // Bitap over every string of every fact: ~0.2-0.6 s a question at 1k facts, 4-12 s at 10k,
    // ~70 s at 100k (2-core EPYC). Ask a fixed, evenly spread sample beyond the real knowledge base.
    questionLimit: (facts, total) => Math.min(total, facts <= 200 ? total : facts <= 2_000 ? 30 : facts <= 20_000 ? 5 : 2),
  };
}

/** MiniSearch (BM25) over questions, keywords, answer and quote; the top hit answers, declines only on no hit. */
export function miniSearchMatcher(): Matcher {
  let search: MiniSearch<KnowledgeFact> | undefined;
  let facts = new Map<string, KnowledgeFact>();
  return {
    name: "MiniSearch BM25",
    build(kb) {
      const index = new MiniSearch<KnowledgeFact>({
        idField: "id",
        fields: ["questions", "keywords", "answer", "quote"],
        extractField: (fact, field) => fieldText(fact, field),
        searchOptions: { fuzzy: 0.2, prefix: true, boost: { questions: 3, keywords: 2 } },
      });
      index.addAll(kb.facts);
      search = index;
      facts = new Map(kb.facts.map((f) => [f.id, f]));
    },
    ask(question) {
      const hit = (search ?? notBuilt("MiniSearch BM25")).search(question)[0];
      const fact = hit ? facts.get(String(hit.id)) : undefined;
      if (!fact) return { answered: false, text: "" };
      return { answered: true, text: `${fact.answer}\n${fact.quote}` };
    },
    release() {
      search = undefined;
      facts = new Map();
    },
    // fuzzy + prefix expansion of common words scores most documents: ~60 ms a question at 10k
    // facts, ~2 s at 100k
    questionLimit: (facts, total) => Math.min(total, facts <= 20_000 ? total : 20),
  };
}

function fieldText(fact: KnowledgeFact, field: string): string {
  switch (field) {
    case "id":
      return fact.id;
    case "questions":
      return fact.questions.join("\n");
    case "keywords":
      return fact.keywords.join(" ");
    case "answer":
      return fact.answer;
    case "quote":
      return fact.quote;
    default:
      return "";
  }
}
