import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { renderArticleYaml } from "../src/drafting/article-yaml.ts";
import { answerKinds, expectedKind } from "../src/engine/analyzer.ts";
import { findDates } from "../src/drafting/dates.ts";
import { draftFacts } from "../src/drafting/draft.ts";
import { findEntities, nameContext, type Entity } from "../src/drafting/entities.ts";
import { parseParagraph } from "../src/drafting/parse.ts";
import { idProblem, slugify } from "../src/drafting/slug.ts";
import { findQuote, splitParagraphs } from "../src/knowledge/article-text.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { articleFileSchema, factSchema, ID_PATTERN, MAX_ANSWER_LENGTH, type Fact } from "../src/knowledge/schema.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURES = join(ROOT, "tests", "fixtures", "drafting");
const manifest = z.array(z.object({ id: z.string(), title: z.string(), tuned: z.boolean() })).parse(JSON.parse(readFileSync(join(FIXTURES, "articles.json"), "utf8")));
const articleText = (id: string) => readFileSync(join(FIXTURES, `${id}.txt`), "utf8");

/** Entities of the sentence of `paragraph` that contains `words`, with the whole paragraph's name context. */
function entitiesOf(paragraph: string, words: string): Entity[] {
  const sentences = parseParagraph(paragraph, 1);
  const sentence = sentences.find((s) => s.text.includes(words));
  if (!sentence) throw new Error(`no sentence with "${words}"`);
  return findEntities(sentence, nameContext(sentences));
}
const named = (entities: readonly Entity[], kind: Entity["kind"]) => entities.filter((e) => e.kind === kind).map((e) => e.name);

describe("sentences", () => {
  it("splits a paragraph into verbatim sentences, abbreviations and closing quotes handled", () => {
    const paragraph = `Chief executive Dr. Elena Park said the cells hold more. Ohio’s director called it “a vote of confidence.” The state has offered $45 million. “We will win,” Park said.`;
    const sentences = parseParagraph(paragraph, 4);
    expect(sentences.map((s) => s.text)).toEqual([
      "Chief executive Dr. Elena Park said the cells hold more.",
      "Ohio’s director called it “a vote of confidence.”",
      "The state has offered $45 million.",
      "“We will win,” Park said.",
    ]);
    for (const s of sentences) {
      expect(paragraph.slice(s.start, s.end)).toBe(s.text);
      expect(s.paragraph).toBe(4);
    }
  });
});

describe("dates", () => {
  it("finds days, months, years, weekdays and relative dates, but not the modal 'may' or money", () => {
    const text = "On Wednesday night, from 14 October, in March 2025 and in 2019; last summer and early next year. Prices may rise by £2025.";
    const found = findDates(text).map((d) => text.slice(d.start, d.end));
    expect(found).toEqual(["Wednesday night", "14 October", "March 2025", "2019", "last summer", "early next year"]);
  });
});

describe("entities", () => {
  it("finds people, with their full name where the text later uses the surname", () => {
    const paragraph = "Council leader Priya Desai said the decision was overdue. Helen Marsh, who runs the Quayside Café, agreed. Desai said more.";
    expect(named(entitiesOf(paragraph, "Council leader"), "person")).toEqual(["Priya Desai"]);
    expect(named(entitiesOf(paragraph, "Helen Marsh"), "person")).toEqual(["Helen Marsh"]);
    const later = entitiesOf(paragraph, "Desai said more");
    expect(later.find((e) => e.text === "Desai")).toMatchObject({ kind: "person", name: "Priya Desai" });
  });

  it("finds places and organizations", () => {
    const paragraph = "The contract has been awarded to Calder Civil Engineering, a firm based in Leeds that built similar defences in York, with money from the Environment Agency.";
    const entities = entitiesOf(paragraph, "contract");
    expect(named(entities, "organization")).toEqual(["Calder Civil Engineering", "Environment Agency"]);
    expect(named(entities, "place")).toEqual(["Leeds", "York"]);
  });

  it("finds counted numbers with their noun, money, percentages and dates", () => {
    const paragraph = "About 600 properties were flooded in February 2020 and the damage was estimated at £35 million, 20% more than planned.";
    const entities = entitiesOf(paragraph, "properties");
    expect(entities.find((e) => e.kind === "number")).toMatchObject({ text: "600", unit: "properties" });
    expect(named(entities, "money")).toEqual(["£35 million"]);
    expect(named(entities, "percent")).toEqual(["20%"]);
    expect(named(entities, "date")).toEqual(["February 2020"]);
  });
});

describe("slugs and ids", () => {
  it("slugs a title into a valid id of at most 60 characters, cut at a dash", () => {
    expect(slugify("Harwick approves £18 million flood barrier")).toBe("harwick-approves-18-million-flood-barrier");
    expect(slugify("Café owners’ “worries” — explained!")).toBe("cafe-owners-worries-explained");
    const long = slugify("word ".repeat(40));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toMatch(ID_PATTERN);
    expect(long.endsWith("word")).toBe(true);
    expect(slugify("¿¡!")).toBe("");
  });

  it("says what is wrong with an id", () => {
    expect(idProblem("good-id-2")).toBeUndefined();
    expect(idProblem("Bad_Id")).toMatch(/lower-case/);
    expect(idProblem("a--b")).toMatch(/single dashes/);
    expect(idProblem("a".repeat(61))).toMatch(/at most 60/);
  });
});

/** Every article of the fixtures, drafted once. */
const drafted = manifest.map((article) => {
  const text = articleText(article.id);
  return { ...article, text, paragraphs: splitParagraphs(text), result: draftFacts({ articleId: article.id, title: article.title, text }) };
});

describe.each(drafted)("drafted facts of $id", ({ id, text, paragraphs, result }) => {
  const facts = result.facts;
  const sentences = paragraphs.flatMap((p, i) => parseParagraph(p, i + 1));

  it("pass the fact schema, are drafts and start 'According to the article' within 400 characters", () => {
    expect(facts.length).toBeGreaterThan(0);
    for (const fact of facts) {
      expect(factSchema.safeParse(fact).success, fact.id).toBe(true);
      expect(fact.draft).toBe(true);
      expect(fact.answer.length, fact.id).toBeLessThanOrEqual(MAX_ANSWER_LENGTH);
      expect(fact.answer).toMatch(/^According to the article, /);
      expect(fact.questions.length, fact.id).toBeGreaterThanOrEqual(3);
      expect(fact.keywords.length, fact.id).toBeGreaterThanOrEqual(1);
    }
  });

  it("quote the article verbatim, in the paragraph they name", () => {
    for (const fact of facts) {
      expect(findQuote(paragraphs, fact.quote), `${fact.id}: ${fact.quote}`).toContain(fact.paragraph);
      expect(paragraphs[fact.paragraph - 1]?.includes(fact.quote), fact.id).toBe(true);
    }
    expect(text).toBe(articleText(id));
  });

  it("have at least one statement fact for every sentence", () => {
    expect(result.sentences).toBe(sentences.length);
    for (const sentence of sentences) {
      const covering = facts.filter((f) => f.kind === "statement" && f.paragraph === sentence.paragraph && sentence.text.includes(f.quote));
      expect(covering.length, sentence.text).toBeGreaterThanOrEqual(1);
    }
  });

  it("have unique ids made from the article id", () => {
    const ids = facts.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const factId of ids) {
      expect(factId).toMatch(ID_PATTERN);
      expect(factId.startsWith(`${id}-`)).toBe(true);
    }
  });
});

describe("generated questions", () => {
  const text = [
    "Ashford Town won the County Cup on Saturday, beating Kingsbridge United in front of 11,200 fans.",
    "Striker Daniel Okafor scored the winner in the 88th minute.",
    "The council will also plant 5,000 trees upstream.",
  ].join("\n");
  const { facts } = draftFacts({ articleId: "cup", title: "A cup final", text });
  const questionsOf = (words: string) => facts.find((f) => f.kind === "statement" && f.quote.includes(words))?.questions ?? [];

  it("ask 'how many' for a number with its noun", () => {
    expect(questionsOf("5,000 trees")).toContain("How many trees will the council also plant upstream?");
    expect(questionsOf("11,200 fans").some((q) => /^How many fans\b/.test(q))).toBe(true);
  });

  it("ask 'when' for a date", () => {
    expect(questionsOf("on Saturday")).toContain("When did Ashford Town win the County Cup?");
  });

  it("ask 'who' for a person, and draft a 'who is' fact for a person named with a role", () => {
    expect(questionsOf("Daniel Okafor")).toContain("Who scored the winner in the 88th minute?");
    const who = facts.find((f) => f.kind === "entity");
    expect(who).toMatchObject({ quote: "Striker Daniel Okafor", answer: "According to the article, Daniel Okafor is the striker.", entities: ["Daniel Okafor"] });
    expect(who?.questions).toContain("Who is Daniel Okafor?");
  });

  it("ask about an entity far from its clause's verb in the words next to it, and about a subject that names no one", () => {
    const more = draftFacts({
      articleId: "barrier",
      title: "A barrier",
      text: "The council voted on Wednesday night to build a flood barrier along the River Tane, ending years of debate.\nThe daughter of one customer noticed withdrawals and contacted the police.",
    }).facts;
    const of = (words: string) => more.find((f) => f.quote.includes(words))?.questions ?? [];
    expect(of("River Tane")).toContain("which river build flood barrier");
    expect(of("daughter")).toContain("Who noticed withdrawals?");
  });

  it("ask for the name of someone known by a role", () => {
    const who = facts.find((f) => f.kind === "entity");
    expect(who?.questions).toContain("What is the name of the striker?");
    expect(who?.keywords).toContain("name");
  });

  it("avoid fact ids already used in the knowledge folder", () => {
    const again = draftFacts({ articleId: "cup", title: "A cup final", text, takenIds: new Set(["cup-1", "cup-2"]) });
    const ids = again.facts.map((f) => f.id);
    expect(ids).not.toContain("cup-1");
    expect(ids).not.toContain("cup-2");
    expect(ids).toContain("cup-3");
  });
});

describe("ages answer 'how old'", () => {
  it("a fact giving an age answers a 'how old' question, as a year does; a plain count does not", () => {
    expect(expectedKind("how old was the oldest victim")).toBe("year");
    expect(answerKinds("the oldest was a 97 year old widow").has("year")).toBe(true);
    expect(answerKinds("she was aged 54 at the time").has("year")).toBe(true);
    expect(answerKinds("nato was founded in 1949").has("year")).toBe(true);
    expect(answerKinds("he admitted 31 counts of fraud").has("year")).toBe(false);
  });
});

describe("long sentences", () => {
  it("are drafted as clause facts whose answers fit and whose quotes are verbatim", () => {
    const clause = (n: number) => `the committee in district number ${n} reviewed the budget for roads, schools, parks and libraries in great detail`;
    const sentence = `${[1, 2, 3, 4, 5].map(clause).join(", and ")}.`;
    const text = `Sentence one is short.\n${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`;
    expect(sentence.length).toBeGreaterThan(MAX_ANSWER_LENGTH);
    const { facts } = draftFacts({ articleId: "long", title: "Budgets", text });
    const paragraphs = splitParagraphs(text);
    const second = facts.filter((f) => f.paragraph === 2);
    expect(second.length).toBeGreaterThanOrEqual(2);
    for (const fact of second) {
      expect(fact.answer.length).toBeLessThanOrEqual(MAX_ANSWER_LENGTH);
      expect(findQuote(paragraphs, fact.quote)).toContain(2);
    }
  });

  it("hold for any text: quotes verbatim, facts valid (fast-check, bounded)", () => {
    const word = fc.constantFrom("the", "council", "Ana", "Lopez", "said", "2024", "£12", "million", "on", "Monday", "bridge", "won", "50%", "“yes,”", "it", "and", "—", "Dr.", "over", "3");
    const sentenceArb = fc.array(word, { minLength: 1, maxLength: 30 }).map((words) => `${words.join(" ")}.`);
    const textArb = fc.array(fc.array(sentenceArb, { minLength: 1, maxLength: 3 }).map((s) => s.join(" ")), { minLength: 1, maxLength: 3 }).map((ps) => ps.join("\n"));
    fc.assert(
      fc.property(textArb, (text) => {
        const paragraphs = splitParagraphs(text);
        const { facts } = draftFacts({ articleId: "random", title: "Random", text });
        for (const fact of facts) {
          expect(factSchema.safeParse(fact).success).toBe(true);
          expect(findQuote(paragraphs, fact.quote)).toContain(fact.paragraph);
        }
      }),
      { numRuns: 25, interruptAfterTimeLimit: 20_000 },
    );
  });
});

describe("the YAML file", () => {
  it("round-trips through the knowledge schemas, with a header saying the facts are drafts", () => {
    const [first] = drafted;
    if (!first) throw new Error("no fixture");
    const yaml = renderArticleYaml({ id: first.id, title: first.title, facts: first.result.facts, source: "a.txt", date: "2026-01-02" });
    expect(yaml.split("\n")[0]).toBe("# Facts drafted by `npm run kb -- add` from a.txt on 2026-01-02.");
    expect(yaml).toMatch(/draft: true/);
    const header = articleFileSchema.parse(parseYaml(yaml));
    expect(header).toMatchObject({ id: first.id, title: first.title, added: "2026-01-02" });
    expect(yaml).toMatch(/^added: 2026-01-02$/m);
    const facts: Fact[] = header.facts.map((f) => factSchema.parse(f));
    expect(facts).toEqual(first.result.facts);
  });

  it("has no added field without a date", () => {
    const [first] = drafted;
    if (!first) throw new Error("no fixture");
    const yaml = renderArticleYaml({ id: first.id, title: first.title, facts: first.result.facts });
    expect(yaml).not.toMatch(/^added:/m);
    expect(articleFileSchema.parse(parseYaml(yaml)).added).toBeUndefined();
  });
});

describe("npm run kb -- add (the CLI)", () => {
  let dir = "";
  let knowledge = "";
  const [harwick] = manifest;
  if (!harwick) throw new Error("no fixture");
  const articleFile = join(FIXTURES, `${harwick.id}.txt`);

  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli/kb.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const listing = () => readdirSync(join(knowledge, "articles")).sort();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kb-add-"));
    knowledge = join(dir, "knowledge");
    cpSync(join(ROOT, "knowledge"), knowledge, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints its help", () => {
    const result = run(["add", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/npm run kb -- add FILE --title/);
  });

  it("writes the text verbatim and the drafted facts, which the loader accepts", () => {
    const today = () => new Date().toISOString().slice(0, 10);
    const before = today();
    const result = run(["add", articleFile, "--title", harwick.title, "--id", "harwick", "--knowledge", knowledge]);
    const days = new Set([before, today()]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Added ".*" as harwick/);
    expect(result.stdout).toMatch(/\d+ drafted facts/);
    expect(result.stdout).toMatch(/npm run kb:check/);
    expect(readFileSync(join(knowledge, "articles", "harwick.txt"))).toEqual(readFileSync(articleFile));
    const yaml = readFileSync(join(knowledge, "articles", "harwick.yaml"), "utf8");
    expect(yaml.startsWith("# Facts drafted by `npm run kb -- add`")).toBe(true);
    const kb = loadKnowledge(knowledge);
    expect(kb.articles.map((a) => a.id)).toContain("harwick");
    // dated today (the day the command ran), so it is the newest article: the default for /summary
    const added = kb.articles.find((a) => a.id === "harwick")?.added;
    expect(added !== undefined && days.has(added), `added: ${added}`).toBe(true);
    expect(yaml).toMatch(new RegExp(`^added: ${added}$`, "m"));
    const facts = kb.facts.filter((f) => f.articleId === "harwick");
    expect(facts.length).toBeGreaterThan(10);
    expect(facts.every((f) => f.draft)).toBe(true);
  });

  it("slugs the id from the title when none is given", () => {
    const result = run(["add", join(FIXTURES, "voltara-battery-plant.txt"), "--title", "Voltara’s new plant", "--knowledge", knowledge]);
    expect(result.status).toBe(0);
    expect(existsSync(join(knowledge, "articles", "voltaras-new-plant.yaml"))).toBe(true);
  });

  it.each([
    ["a duplicate id", () => ["add", articleFile, "--title", "Again", "--id", "harwick"], /already/],
    ["a duplicate slugged id", () => ["add", articleFile, "--title", "Voltara’s new plant"], /already/],
    ["a missing file", () => ["add", join(dir, "nope.txt"), "--title", "T"], /no file/],
    ["a missing title", () => ["add", articleFile], /title is missing/],
    ["an empty title", () => ["add", articleFile, "--title", "  "], /title is missing/],
    ["a title over 200 characters", () => ["add", articleFile, "--title", "t".repeat(201)], /at most 200/],
    ["a malformed id", () => ["add", articleFile, "--title", "T", "--id", "Not_OK"], /lower-case letters/],
    ["no file at all", () => ["add", "--title", "T"], /Give the text file/],
  ])("refuses %s with a clear message, exit 2, and writes nothing", (_name, args, message) => {
    const before = listing();
    const result = run([...args(), "--knowledge", knowledge]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(listing()).toEqual(before);
  });

  it("refuses an empty file and a binary file", () => {
    const empty = join(dir, "empty.txt");
    const binary = join(dir, "binary.txt");
    writeFileSync(empty, " \n\n ");
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const before = listing();
    const a = run(["add", empty, "--title", "Empty", "--knowledge", knowledge]);
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/empty/);
    const b = run(["add", binary, "--title", "Binary", "--knowledge", knowledge]);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/not a plain-text file/);
    expect(listing()).toEqual(before);
  });
});
