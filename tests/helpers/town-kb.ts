import type { KnowledgeBase, KnowledgeFact } from "../../src/knowledge/load.ts";
import { splitParagraphs } from "../../src/knowledge/article-text.ts";

/** A small made-up article and facts, for engine tests that must not depend on the real knowledge base. */
export const TOWN_TEXT = `
The Riverton council voted on Tuesday to build a new bridge over the Alder River. The bridge will cost 12 million dollars and is due to open in 2027.
Mayor Ana Lopez said the old ferry will keep running until the bridge opens. Critics argue that the money should go to schools instead.
`;

const ARTICLE = "riverton-bridge";

function fact(partial: Omit<KnowledgeFact, "articleId" | "kind" | "entities" | "draft"> & Partial<KnowledgeFact>): KnowledgeFact {
  return { kind: "statement", entities: [], draft: false, articleId: ARTICLE, ...partial };
}

export function townKnowledge(): KnowledgeBase {
  return {
    articles: [{ id: ARTICLE, title: "Riverton votes for a new bridge", paragraphs: splitParagraphs(TOWN_TEXT) }],
    synonyms: [["bridge", "crossing"], ["cost", "price", "budget"]],
    facts: [
      fact({
        id: "council-votes-for-bridge",
        answer: "According to the article, the Riverton council voted on Tuesday to build a new bridge over the Alder River.",
        quote: "The Riverton council voted on Tuesday to build a new bridge over the Alder River.",
        paragraph: 1,
        questions: ["What did the council vote for?", "when did the council vote", "riverton council bridge vote"],
        keywords: ["council", "vote", "bridge"],
        entities: ["Riverton", "Alder River", "Tuesday"],
      }),
      fact({
        id: "bridge-cost",
        answer: "According to the article, the bridge will cost 12 million dollars.",
        quote: "The bridge will cost 12 million dollars",
        paragraph: 1,
        questions: ["How much will the bridge cost?", "bridge price", "how expensive is the bridge"],
        keywords: ["cost", "12 million dollars"],
      }),
      fact({
        id: "bridge-opens-2027",
        answer: "According to the article, the bridge is due to open in 2027.",
        quote: "is due to open in 2027",
        paragraph: 1,
        questions: ["When will the bridge open?", "what year does the bridge open", "bridge opening date"],
        keywords: ["open", "2027"],
      }),
      fact({
        id: "ferry-keeps-running",
        answer: "According to the article, Mayor Ana Lopez said the old ferry will keep running until the bridge opens.",
        quote: "Mayor Ana Lopez said the old ferry will keep running until the bridge opens.",
        paragraph: 2,
        questions: ["What happens to the ferry?", "will the ferry keep running", "ferry until the bridge opens"],
        keywords: ["ferry", "keep running"],
        entities: ["Ana Lopez"],
      }),
      fact({
        id: "critics-want-schools",
        answer: "According to the article, critics argue that the money should go to schools instead.",
        quote: "Critics argue that the money should go to schools instead.",
        paragraph: 2,
        questions: ["What do critics say?", "why do people oppose the bridge", "who is against the bridge"],
        keywords: ["critics", "schools", "money"],
      }),
      fact({
        id: "who-is-ana-lopez",
        kind: "entity",
        answer: "According to the article, Ana Lopez is the mayor; she said the old ferry will keep running until the bridge opens.",
        quote: "Mayor Ana Lopez",
        paragraph: 2,
        questions: ["Who is Ana Lopez?", "who is the mayor", "who is lopez"],
        keywords: ["mayor"],
        entities: ["Ana Lopez"],
      }),
    ],
  };
}
