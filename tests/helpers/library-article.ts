import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** A second, made-up article with curated facts, for tests of several articles and of reloads. */
export const LIBRARY_TITLE = "Millbrook library reopens after renovation";

export const LIBRARY_TEXT = `
The Millbrook library reopened on Saturday after a two-year renovation that cost 4 million dollars.
Head librarian Priya Shah said the Millbrook library now has 120 computers and a new children's wing.
`;

export const LIBRARY_YAML = `id: millbrook-library
title: Millbrook library reopens after renovation
added: 2026-11-28
facts:
  - id: library-reopened
    answer: According to the article, the Millbrook library reopened on Saturday after a two-year renovation.
    quote: The Millbrook library reopened on Saturday after a two-year renovation
    paragraph: 1
    questions: [When did the library reopen?, when did millbrook library open again, library reopening day]
    keywords: [reopened, renovation, library]
    entities: [Millbrook, Saturday]
  - id: library-renovation-cost
    answer: According to the article, the renovation cost 4 million dollars.
    quote: a two-year renovation that cost 4 million dollars
    paragraph: 1
    questions: [How much did the renovation cost?, what did the library renovation cost, renovation price]
    keywords: [cost, 4 million dollars, renovation]
    entities: [Millbrook]
  - id: library-computers
    answer: According to the article, the Millbrook library now has 120 computers.
    quote: the Millbrook library now has 120 computers
    paragraph: 2
    questions: [How many computers does the library have?, number of computers in the library, library computers]
    keywords: [computers, "120"]
    entities: [Priya Shah, Millbrook]
`;

/** Writes the library article into a knowledge folder's articles/. */
export function writeLibraryArticle(knowledgeDir: string): void {
  writeFileSync(join(knowledgeDir, "articles", "millbrook-library.txt"), LIBRARY_TEXT);
  writeFileSync(join(knowledgeDir, "articles", "millbrook-library.yaml"), LIBRARY_YAML);
}
