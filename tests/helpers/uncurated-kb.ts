import { splitParagraphs } from "../../src/knowledge/article-text.ts";
import type { Article, KnowledgeBase } from "../../src/knowledge/load.ts";

/**
 * Two made-up articles with no facts at all, as `kb add` leaves them: the engine can only answer
 * from their sentences. Written for the engine tests, apart from every labelled set.
 */
export const LIBRARY_TEXT = `
The town of Millbrook reopened its public library on Saturday after a renovation that took 18 months and cost £3.2 million.

The work was paid for by a grant from the Heritage Fund and by the county council, which put in £900,000. It was carried out by Hallam Builders, a firm based in Sheffield.

The head librarian, Grace Okonedo, said the building now has a children's wing, a café and 40 public computers. She has run the library since 2019.

The library first opened in 1898, when the mill owner Samuel Pratt gave the land and the money for the building, because he wanted his workers to be able to read. It closed for the renovation in March 2023, after water damaged the roof.

Opening hours are from 9am to 8pm on weekdays and from 10am to 4pm on Saturdays; the library is closed on Sundays, and membership is free for anyone who lives, works or studies in the county, with a small fee of £12 a year for visitors from elsewhere who want to borrow books, music or films, and a reduced fee of £6 for students from other counties, while groups such as schools, reading circles and local charities can book the meeting room upstairs for free on weekday mornings.
`;

export const FERRY_TEXT = `
The Alder Ferry, which has carried passengers across the Alder estuary since 1952, will stop running in October, its operator said on Monday.

Estuary Boats said the ferry lost £240,000 last year because passenger numbers fell after the new road bridge opened.

About 300 people a day still use the ferry, most of them commuters and schoolchildren from Portwell.
`;

export const LIBRARY: Article = { id: "millbrook-library", title: "Millbrook library reopens after renovation", added: "2026-12-01", paragraphs: splitParagraphs(LIBRARY_TEXT) };
export const FERRY: Article = { id: "alder-ferry", title: "Alder Ferry to stop in October", added: "2026-12-02", paragraphs: splitParagraphs(FERRY_TEXT) };

export function uncuratedKnowledge(...articles: Article[]): KnowledgeBase {
  return { articles: articles.length ? articles : [LIBRARY, FERRY], facts: [], synonyms: [] };
}
