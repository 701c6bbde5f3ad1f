import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { findQuote, splitParagraphs, squashSpace } from "../src/knowledge/article-text.ts";
import { KnowledgeError } from "../src/knowledge/errors.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";

// A tiny article of our own: a leading empty line, blank lines between paragraphs, and a curly ’.
const ARTICLE_ID = "millbrook-library";
const ARTICLE_TITLE = "Millbrook opens its new library";
const ARTICLE_TEXT = [
  "",
  "The town of Millbrook opened its new library on Monday, after three years of building work.",
  "",
  "Mayor Jane Ortiz said the library’s reading room would stay open until 9 p.m. every day.",
  "",
  "The building cost 4.2 million dollars, paid for by a bond that voters approved in 2019.",
  "",
].join("\n");

type FactInput = Record<string, unknown>;

function baseFacts(): FactInput[] {
  return [
    {
      id: "library-opened",
      answer: "According to the article, Millbrook opened its new library on Monday.",
      quote: "Millbrook opened its new library on Monday",
      paragraph: 1,
      questions: ["When did the library open?", "is the millbrook library open", "when was the new library opened"],
      keywords: ["library", "opened"],
    },
    {
      id: "reading-room-hours",
      kind: "entity",
      answer: "According to the article, the reading room stays open until 9 p.m. every day.",
      quote: "the library’s reading room would stay open until 9 p.m. every day",
      paragraph: 2,
      questions: ["How late is the reading room open?", "reading room hours", "when does the library close"],
      keywords: ["reading room", 9],
      entities: ["Jane Ortiz", "Millbrook"],
    },
    {
      id: "library-cost",
      answer: "According to the article, the building cost 4.2 million dollars.",
      quote: "The building cost 4.2 million dollars",
      paragraph: 3,
      questions: ["How much did the library cost?", "cost of the library", "what was the price of the building"],
      keywords: ["cost", 2019, 4.2],
      draft: true,
    },
  ];
}

/** Base facts with one fact's fields replaced; a field set to undefined is removed. */
function patchFact(index: number, patch: FactInput): FactInput[] {
  const facts = baseFacts();
  const fact = { ...facts[index], ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete fact[key];
  facts[index] = fact;
  return facts;
}

interface ArticleFiles {
  /** file stem of the .yaml (and, by default, the .txt) */
  stem: string;
  /** the article file's content, as data; `yamlText` wins when given */
  data?: unknown;
  yamlText?: string;
  /** article text; null writes no .txt file */
  text?: string | null;
}

interface KbOptions {
  /** overrides for the base article's header fields (id, title) */
  header?: Record<string, unknown>;
  facts?: unknown[];
  /** raw text for the base article .yaml, instead of the generated one */
  yamlText?: string;
  /** base article text; null writes no .txt */
  text?: string | null;
  /** raw synonyms.yaml; null writes none */
  synonyms?: string | null;
  /** more article files next to the base one */
  extra?: ArticleFiles[];
  /** false: no base article at all */
  base?: boolean;
}

const tempDirs: string[] = [];

afterEach(() => {
  while (tempDirs.length > 0) rmSync(tempDirs.pop() as string, { recursive: true, force: true });
});

function writeArticle(articlesDir: string, files: ArticleFiles): void {
  const yamlText = files.yamlText ?? stringify(files.data);
  writeFileSync(join(articlesDir, `${files.stem}.yaml`), yamlText);
  if (files.text !== null) writeFileSync(join(articlesDir, `${files.stem}.txt`), files.text ?? ARTICLE_TEXT);
}

/** Writes a valid knowledge folder, with one thing overridden per test; returns its path. */
function writeKb(options: KbOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "kb-load-"));
  tempDirs.push(dir);
  const articlesDir = join(dir, "articles");
  mkdirSync(articlesDir);
  if (options.base !== false) {
    writeArticle(articlesDir, {
      stem: ARTICLE_ID,
      data: { id: ARTICLE_ID, title: ARTICLE_TITLE, ...options.header, facts: options.facts ?? baseFacts() },
      ...(options.yamlText !== undefined ? { yamlText: options.yamlText } : {}),
      text: options.text === undefined ? ARTICLE_TEXT : options.text,
    });
  }
  for (const extra of options.extra ?? []) writeArticle(articlesDir, extra);
  const synonyms = options.synonyms === undefined ? "groups:\n  - [library, libraries]\n  - [cost, price]\n" : options.synonyms;
  if (synonyms !== null) writeFileSync(join(dir, "synonyms.yaml"), synonyms);
  return dir;
}

/** Asserts the folder fails with a KnowledgeError and returns its problems. */
function problemsOf(dir: string): readonly string[] {
  expect(() => loadKnowledge(dir)).toThrow(KnowledgeError);
  try {
    loadKnowledge(dir);
  } catch (error) {
    if (error instanceof KnowledgeError) return error.problems;
    throw error;
  }
  throw new Error("unreachable: loadKnowledge did not throw");
}

/** The single problem of a folder that has exactly one. */
function onlyProblem(dir: string): string {
  const problems = problemsOf(dir);
  expect(problems).toHaveLength(1);
  return problems[0] as string;
}

/** How the loader names a file in its messages (relative to the working directory). */
const shown = (dir: string, ...parts: string[]) => relative(process.cwd(), join(dir, ...parts));
const articleFile = (dir: string, stem = ARTICLE_ID) => shown(dir, "articles", `${stem}.yaml`);

describe("loadKnowledge: a valid folder", () => {
  it("loads the article, its paragraphs and its facts with defaults", () => {
    const kb = loadKnowledge(writeKb());

    expect(kb.articles).toHaveLength(1);
    const article = kb.articles[0];
    expect(article?.id).toBe(ARTICLE_ID);
    expect(article?.title).toBe(ARTICLE_TITLE);
    // 3 non-empty lines; the leading and separating blank lines do not count
    expect(article?.paragraphs).toHaveLength(3);
    expect(article?.paragraphs[0]).toBe("The town of Millbrook opened its new library on Monday, after three years of building work.");
    expect(article?.paragraphs[1]).toContain("library’s reading room");

    expect(kb.facts.map((f) => f.id)).toEqual(["library-opened", "reading-room-hours", "library-cost"]);
    for (const fact of kb.facts) expect(fact.articleId).toBe(ARTICLE_ID);

    const [opened, hours, cost] = kb.facts;
    // defaults
    expect(opened?.kind).toBe("statement");
    expect(opened?.draft).toBe(false);
    expect(opened?.entities).toEqual([]);
    // given values are kept
    expect(hours?.kind).toBe("entity");
    expect(hours?.entities).toEqual(["Jane Ortiz", "Millbrook"]);
    expect(cost?.draft).toBe(true);
    // bare numbers in keywords become strings
    expect(hours?.keywords).toEqual(["reading room", "9"]);
    expect(cost?.keywords).toEqual(["cost", "2019", "4.2"]);

    expect(kb.synonyms).toEqual([
      ["library", "libraries"],
      ["cost", "price"],
    ]);
  });

  it("treats a missing synonyms.yaml as no synonyms", () => {
    const kb = loadKnowledge(writeKb({ synonyms: null }));
    expect(kb.synonyms).toEqual([]);
    expect(kb.facts).toHaveLength(3);
  });

  it("accepts .txt files with Windows line endings", () => {
    const kb = loadKnowledge(writeKb({ text: ARTICLE_TEXT.replace(/\n/g, "\r\n") }));
    expect(kb.articles[0]?.paragraphs).toHaveLength(3);
    expect(kb.articles[0]?.paragraphs[2]?.endsWith("\r")).toBe(false);
  });
});

describe("loadKnowledge: YAML and field problems", () => {
  it("reports invalid YAML syntax, naming the file", () => {
    const dir = writeKb({ yamlText: `id: ${ARTICLE_ID}\ntitle: "unterminated\nfacts: [\n` });
    const problem = onlyProblem(dir);
    expect(problem.startsWith(`${articleFile(dir)}: not valid YAML`)).toBe(true);
  });

  it("reports a duplicated key as invalid YAML", () => {
    const dir = writeKb({ yamlText: `id: ${ARTICLE_ID}\ntitle: One\ntitle: Two\nfacts: []\n` });
    expect(onlyProblem(dir)).toContain(`${articleFile(dir)}: not valid YAML`);
  });

  it("reports a missing required field, naming the fact id and the field", () => {
    const dir = writeKb({ facts: patchFact(0, { quote: undefined }) });
    const problem = onlyProblem(dir);
    expect(problem).toBe(`${articleFile(dir)}: fact "library-opened": field "quote": the quote is missing`);
  });

  it.each([
    ["a paragraph that is not a number", { paragraph: "five" }, 'field "paragraph": the paragraph must be a whole number'],
    ["a paragraph that is not whole", { paragraph: 1.5 }, 'field "paragraph": the paragraph must be a whole number'],
    ["a paragraph of 0", { paragraph: 0 }, 'field "paragraph": the paragraph must be 1 or more'],
    ["too few questions", { questions: ["When did it open?", "opening day"] }, 'field "questions": a fact needs at least 3 questions'],
    ["an empty keyword list", { keywords: [] }, 'field "keywords": a fact needs at least 1 keyword'],
    ["a keyword that is not text", { keywords: ["library", { a: 1 }] }, 'field "keywords[1]": a keyword must be text'],
    ["an answer over 400 characters", { answer: `According to the article, ${"very ".repeat(80)}long.` }, 'field "answer": the answer must be at most 400 characters'],
    ["an answer without the attribution", { answer: "Millbrook opened its new library on Monday." }, 'field "answer": the answer must start "According to the article"'],
    ["an unknown kind", { kind: "opinion" }, 'field "kind": kind must be "statement" or "entity"'],
    ["a draft flag that is not true/false", { draft: "yes" }, 'field "draft": draft must be true or false'],
  ])("reports %s, naming the fact id and the field", (_name, patch, expected) => {
    const dir = writeKb({ facts: patchFact(0, patch) });
    expect(onlyProblem(dir)).toBe(`${articleFile(dir)}: fact "library-opened": ${expected}`);
  });

  it("accepts an answer of exactly 400 characters", () => {
    const answer = `According to the article, ${"x".repeat(400 - "According to the article, ".length)}`;
    expect(answer).toHaveLength(400);
    const kb = loadKnowledge(writeKb({ facts: patchFact(0, { answer }) }));
    expect(kb.facts[0]?.answer).toBe(answer);
  });

  it("reports a badly formed fact id", () => {
    const dir = writeKb({ facts: patchFact(0, { id: "Bad Id" }) });
    const problem = onlyProblem(dir);
    expect(problem).toContain(`${articleFile(dir)}: fact "Bad Id": field "id":`);
    expect(problem).toContain("lower-case letters, digits and single dashes");
  });

  it("reports an unknown field by name", () => {
    // a typo: `qoute` is unknown, and `quote` is then missing
    const dir = writeKb({ facts: patchFact(0, { quote: undefined, qoute: "Millbrook opened its new library on Monday" }) });
    const problems = problemsOf(dir);
    expect(problems).toContain(`${articleFile(dir)}: fact "library-opened": unknown field(s): qoute`);
    expect(problems.some((p) => p.includes('fact "library-opened": field "quote"'))).toBe(true);
  });

  it("labels a fact without an id by its position", () => {
    const dir = writeKb({ facts: patchFact(1, { id: undefined }) });
    const problem = onlyProblem(dir);
    expect(problem).toContain(`${articleFile(dir)}: fact #2 (no id): field "id"`);
  });

  it("reports a fact that is not a mapping", () => {
    const facts: unknown[] = baseFacts();
    facts.push("just a sentence");
    const dir = writeKb({ facts });
    expect(onlyProblem(dir)).toBe(`${articleFile(dir)}: fact #4 (no id): a fact must be a mapping of fields`);
  });

  it("reports an article file with a missing title and facts that are not a list", () => {
    const dir = writeKb({ yamlText: `id: ${ARTICLE_ID}\nfacts: nope\n` });
    const problems = problemsOf(dir);
    expect(problems).toContain(`${articleFile(dir)}: field "title": the title is missing`);
    expect(problems).toContain(`${articleFile(dir)}: field "facts": the facts must be a list`);
  });
});

describe("loadKnowledge: ids and files", () => {
  it("reports a fact id used twice in one file", () => {
    const facts = baseFacts();
    facts.push({ ...facts[0], quote: "after three years of building work" });
    const dir = writeKb({ facts });
    expect(onlyProblem(dir)).toBe(
      `${articleFile(dir)}: fact "library-opened": field "id": duplicate fact id, already used in ${articleFile(dir)}`,
    );
  });

  it("reports a fact id used in two article files, naming the earlier file", () => {
    // files are read in name order: "aaa-other" before "millbrook-library"
    const other: ArticleFiles = {
      stem: "aaa-other",
      data: { id: "aaa-other", title: "Another article", facts: [baseFacts()[2]] },
    };
    const dir = writeKb({ extra: [other] });
    expect(onlyProblem(dir)).toBe(
      `${articleFile(dir)}: fact "library-cost": field "id": duplicate fact id, already used in ${articleFile(dir, "aaa-other")}`,
    );
  });

  it("orders articles by the day they were added, undated ones first, with the date quoted or bare", () => {
    const older: ArticleFiles = {
      stem: "zzz-older",
      data: { id: "zzz-older", title: "An older article", added: "2025-01-15", facts: [{ ...baseFacts()[0], id: "older-library-opened" }] },
    };
    const undated: ArticleFiles = {
      stem: "aaa-undated",
      data: { id: "aaa-undated", title: "An undated article", facts: [{ ...baseFacts()[0], id: "undated-library-opened" }] },
    };
    const dir = writeKb({ header: { added: "2026-11-28" }, extra: [older, undated] });
    // the newest written bare and the older quoted
    const file = join(dir, "articles", `${ARTICLE_ID}.yaml`);
    expect(readFileSync(file, "utf8")).toContain("\nadded: 2026-11-28\n");
    const olderFile = join(dir, "articles", "zzz-older.yaml");
    writeFileSync(olderFile, readFileSync(olderFile, "utf8").replace("added: 2025-01-15", 'added: "2025-01-15"'));
    const kb = loadKnowledge(dir);
    expect(kb.articles.map((a) => [a.id, a.added])).toEqual([
      ["aaa-undated", undefined],
      ["zzz-older", "2025-01-15"],
      [ARTICLE_ID, "2026-11-28"],
    ]);
  });

  it("reports an added date that is not a date", () => {
    const dir = writeKb({ header: { added: "last Tuesday" } });
    expect(onlyProblem(dir)).toBe(`${articleFile(dir)}: field "added": added must be a date like 2026-11-28`);
  });

  it("reports an article id that does not match the file name", () => {
    const dir = writeKb({ header: { id: "millbrook-books" } });
    expect(onlyProblem(dir)).toBe(
      `${articleFile(dir)}: field "id": the article id "millbrook-books" must equal the file name "${ARTICLE_ID}"`,
    );
  });

  it("reports a missing article text file", () => {
    const dir = writeKb({ text: null });
    expect(onlyProblem(dir)).toBe(`${articleFile(dir)}: the article text ${shown(dir, "articles", `${ARTICLE_ID}.txt`)} is missing`);
  });

  it("reports a missing articles folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "kb-load-"));
    tempDirs.push(dir);
    expect(onlyProblem(dir)).toBe(`${shown(dir, "articles")}: the folder is missing`);
  });

  it("reports an articles folder without .yaml files", () => {
    const dir = writeKb({ base: false, synonyms: null });
    writeFileSync(join(dir, "articles", "notes.txt"), "Not an article file.\n");
    expect(onlyProblem(dir)).toBe(`${shown(dir, "articles")}: no article (.yaml) files`);
  });
});

describe("loadKnowledge: quotes and paragraphs", () => {
  it("reports a quote that is not in the article, showing the quote", () => {
    const quote = "Millbrook closed its old library on Friday";
    const dir = writeKb({ facts: patchFact(0, { quote }) });
    const problem = onlyProblem(dir);
    expect(problem).toContain(`${articleFile(dir)}: fact "library-opened": field "quote":`);
    expect(problem).toContain("does not appear verbatim");
    expect(problem).toContain(shown(dir, "articles", `${ARTICLE_ID}.txt`));
    expect(problem).toContain(`"${quote}"`);
  });

  it("shortens a long missing quote in the message", () => {
    const quote = `Millbrook ${"never ".repeat(30)}opened anything`;
    const problem = onlyProblem(writeKb({ facts: patchFact(0, { quote }) }));
    expect(problem).toContain(`"${quote.slice(0, 77)}..."`);
    expect(problem).not.toContain(quote);
  });

  it("reports a quote cited from the wrong paragraph, saying which paragraph it is in", () => {
    const dir = writeKb({ facts: patchFact(0, { paragraph: 2 }) });
    expect(onlyProblem(dir)).toBe(
      `${articleFile(dir)}: fact "library-opened": field "paragraph": the quote "Millbrook opened its new library on Monday" is in paragraph 1, not 2`,
    );
  });

  it("reports a paragraph number beyond the end of the article", () => {
    const dir = writeKb({ facts: patchFact(0, { paragraph: 9 }) });
    expect(onlyProblem(dir)).toBe(
      `${articleFile(dir)}: fact "library-opened": field "paragraph": paragraph 9 does not exist; the article has 3`,
    );
  });

  it("accepts a quote that differs from the article only in white space", () => {
    const quote = "  Millbrook   opened its\nnew\tlibrary  on Monday ";
    const kb = loadKnowledge(writeKb({ facts: patchFact(0, { quote }) }));
    expect(kb.facts[0]?.quote.trim()).toBe(quote.trim());
  });

  it("rejects a quote with a straight apostrophe where the article has a curly ’", () => {
    const dir = writeKb({ facts: patchFact(1, { quote: "the library's reading room would stay open until 9 p.m. every day" }) });
    const problem = onlyProblem(dir);
    expect(problem).toContain('fact "reading-room-hours": field "quote"');
    expect(problem).toContain("does not appear verbatim");
  });

  it("rejects a quote with one word changed", () => {
    const dir = writeKb({ facts: patchFact(2, { quote: "The building cost 4.5 million dollars" }) });
    const problem = onlyProblem(dir);
    expect(problem).toContain('fact "library-cost": field "quote"');
    expect(problem).toContain("does not appear verbatim");
  });

  it("rejects a quote whose letters differ only in case", () => {
    const dir = writeKb({ facts: patchFact(0, { quote: "millbrook opened its new library on monday" }) });
    expect(onlyProblem(dir)).toContain("does not appear verbatim");
  });
});

describe("loadKnowledge: synonyms.yaml", () => {
  it("reports a group with a single term", () => {
    const dir = writeKb({ synonyms: "groups:\n  - [library, libraries]\n  - [cost]\n" });
    expect(onlyProblem(dir)).toBe(`${shown(dir, "synonyms.yaml")}: field "groups[1]": a group needs at least 2 terms`);
  });

  it("reports a term that belongs to two groups, whatever its case", () => {
    const dir = writeKb({ synonyms: "groups:\n  - [library, libraries]\n  - [cost, price]\n  - [building, Library]\n" });
    expect(onlyProblem(dir)).toBe(
      `${shown(dir, "synonyms.yaml")}: field "groups[2]": "Library" is already in group 1; a term may belong to one group only`,
    );
  });

  it.each([
    ["groups that are not a list", "groups: library\n", 'field "groups": groups must be a list'],
    ["a group that is not a list", "groups:\n  - library libraries\n", 'field "groups[0]": each group must be a list of words'],
    ["a list instead of a mapping", "- [library, libraries]\n", "synonyms.yaml must be a mapping with a groups list"],
    ["an unknown top-level field", "groups: []\nsynonym: []\n", "unknown field(s): synonym"],
  ])("reports %s", (_name, yamlText, expected) => {
    const dir = writeKb({ synonyms: yamlText });
    expect(onlyProblem(dir)).toBe(`${shown(dir, "synonyms.yaml")}: ${expected}`);
  });

  it("reports invalid YAML in synonyms.yaml", () => {
    const dir = writeKb({ synonyms: "groups:\n  - [library, libraries\n" });
    expect(onlyProblem(dir)).toContain(`${shown(dir, "synonyms.yaml")}: not valid YAML`);
  });
});

describe("loadKnowledge: several problems", () => {
  it("reports every problem at once, and the error message lists them", () => {
    const facts = baseFacts();
    facts[0] = { ...facts[0], paragraph: "five" };
    facts[1] = { ...facts[1], keywords: [] };
    facts[2] = { ...facts[2], quote: "The building cost nothing at all" };
    const dir = writeKb({ facts, synonyms: "groups:\n  - [cost]\n" });

    let caught: unknown;
    try {
      loadKnowledge(dir);
    } catch (error) {
      caught = error;
    }
    if (!(caught instanceof KnowledgeError)) throw new Error("expected a KnowledgeError");
    const error = caught;
    expect(error.name).toBe("KnowledgeError");
    expect(error.problems).toHaveLength(4);
    expect(error.problems[0]).toContain('fact "library-opened": field "paragraph"');
    expect(error.problems[1]).toContain('fact "reading-room-hours": field "keywords"');
    expect(error.problems[2]).toContain('fact "library-cost": field "quote"');
    expect(error.problems[3]).toContain('synonyms.yaml: field "groups[0]"');

    const lines = error.message.split("\n");
    expect(lines[0]).toBe("The knowledge base has 4 problems:");
    expect(lines.slice(1)).toEqual(error.problems.map((p) => `- ${p}`));
  });

  it("says \"1 problem\" in the singular", () => {
    const dir = writeKb({ facts: patchFact(0, { kind: "opinion" }) });
    expect(() => loadKnowledge(dir)).toThrow(/^The knowledge base has 1 problem:\n- /);
  });
});

describe("loadKnowledge: hostile or careless files", () => {
  it("refuses an article text that is a link to a file outside the knowledge folder, and never reads it", () => {
    const secret = join(mkdtempSync(join(tmpdir(), "kb-secret-")), ".env");
    tempDirs.push(dirname(secret));
    writeFileSync(secret, "DISCORD_TOKEN=not-for-anyone\n");
    const dir = writeKb({ base: false, extra: [{ stem: "x", data: { id: "x", title: "Looks harmless", facts: [] }, text: null }] });
    symlinkSync(secret, join(dir, "articles", "x.txt"));
    const problem = onlyProblem(dir);
    expect(problem).toBe(`${shown(dir, "articles", "x.txt")}: is a link to a file outside the knowledge folder; knowledge files must be inside it`);
    expect(problem).not.toContain("not-for-anyone");
  });

  it("refuses a relative link that climbs out of the folder, a linked YAML file and a linked synonyms file", () => {
    const outsideDir = mkdtempSync(join(tmpdir(), "kb-outside-"));
    tempDirs.push(outsideDir);
    writeFileSync(join(outsideDir, "facts.yaml"), stringify({ id: "y", title: "Linked", facts: [] }));
    writeFileSync(join(outsideDir, "synonyms.yaml"), "groups:\n  - [a, b]\n");
    const dir = writeKb({ synonyms: null, extra: [{ stem: "y", data: null, yamlText: "", text: "Some text here." }] });
    rmSync(join(dir, "articles", "y.yaml"));
    symlinkSync(join(outsideDir, "facts.yaml"), join(dir, "articles", "y.yaml"));
    symlinkSync(relative(dir, join(outsideDir, "synonyms.yaml")), join(dir, "synonyms.yaml"));
    const problems = problemsOf(dir);
    expect(problems).toEqual([
      `${shown(dir, "articles", "y.yaml")}: is a link to a file outside the knowledge folder; knowledge files must be inside it`,
      `${shown(dir, "synonyms.yaml")}: is a link to a file outside the knowledge folder; knowledge files must be inside it`,
    ]);
  });

  it("refuses an articles folder that is a link to somewhere else", () => {
    const elsewhere = writeKb();
    const dir = mkdtempSync(join(tmpdir(), "kb-linked-"));
    tempDirs.push(dir);
    symlinkSync(join(elsewhere, "articles"), join(dir, "articles"));
    expect(onlyProblem(dir)).toBe(`${shown(dir, "articles")}: the folder is a link to a place outside the knowledge folder; it must be inside it`);
  });

  it("accepts a link that stays inside the knowledge folder", () => {
    const dir = writeKb({ text: null });
    writeFileSync(join(dir, "millbrook.txt"), ARTICLE_TEXT);
    symlinkSync(join("..", "millbrook.txt"), join(dir, "articles", `${ARTICLE_ID}.txt`));
    expect(loadKnowledge(dir).facts).toHaveLength(3);
  });

  it("refuses an article text over 1 MB, naming the file and the limit", () => {
    const dir = writeKb({ text: `${ARTICLE_TEXT}\n${"word ".repeat(210_000)}` });
    expect(onlyProblem(dir)).toMatch(/^.*millbrook-library\.txt: the article text is 1,050,\d{3} bytes; at most 1,048,576 \(1 MB\) are allowed$/);
  });

  it.each([
    ["a single character", "."],
    ["two short words", "on Monday"],
  ])("refuses a quote of %s: too short to stand as a source", (_name, quote) => {
    const dir = writeKb({ facts: patchFact(0, { quote }) });
    expect(onlyProblem(dir)).toBe(
      `${articleFile(dir)}: fact "library-opened": field "quote": "${quote}" is too short to stand as a source; quote at least 3 whole words or 15 characters`,
    );
  });

  it("accepts a short quote of three words, and a two-word quote of 15 characters", () => {
    expect(() => loadKnowledge(writeKb({ facts: patchFact(0, { quote: "its new library" }) }))).not.toThrow();
    expect(() => loadKnowledge(writeKb({ facts: patchFact(0, { quote: "Millbrook opened" }) }))).not.toThrow();
  });

  it("refuses an answer that names a person or a number its quote and paragraph do not", () => {
    const dir = writeKb({ facts: patchFact(0, { answer: "According to the article, Mayor Bob Stone opened the library on Monday, 12 May." }) });
    expect(onlyProblem(dir)).toBe(
      `${articleFile(dir)}: fact "library-opened": field "answer": "Mayor", "Bob", "Stone", "12", "May" are in neither the quote nor its paragraph (or the one before); an answer may only name what the article says there`,
    );
  });

  it("accepts an answer whose names stand in its paragraph or the paragraph before, whatever their case or apostrophe", () => {
    const facts = patchFact(1, { answer: "According to the article, Millbrook's reading room stays open until 9 p.m. every day, Jane Ortiz said." });
    expect(() => loadKnowledge(writeKb({ facts }))).not.toThrow();
  });

  it("keeps a number in a list as it was written: 3.10 stays 3.10, 007 stays 007, 1949 stays 1949", () => {
    const yamlText = stringify({ id: ARTICLE_ID, title: ARTICLE_TITLE, facts: baseFacts() }).replace(
      /keywords:\n(\s+)- cost\n/,
      "keywords:\n$1- cost\n$1- 3.10\n$1- 007\n$1- 1949\n$1- true\n",
    );
    expect(yamlText).toContain("- 3.10");
    const fact = loadKnowledge(writeKb({ yamlText })).facts.find((f) => f.id === "library-cost");
    expect(fact?.keywords).toEqual(["cost", "3.10", "007", "1949", "true", "2019", "4.2"]);
  });

  it.each([
    ["an escape sequence", "Millbrook \u001b[31mopens\u001b[0m"],
    ["a new line", "Millbrook\nopens"],
    ["a tab", "Millbrook\topens"],
  ])("refuses a title with %s", (_name, title) => {
    const dir = writeKb({ header: { title } });
    expect(onlyProblem(dir)).toBe(`${articleFile(dir)}: field "title": the title must be one line with no control characters`);
  });
});

describe("article-text helpers", () => {
  it("splitParagraphs keeps the non-empty lines, trimmed, in order", () => {
    expect(splitParagraphs("\nFirst one.\n\n  Second one.  \r\n   \n\tThird’s here.\n")).toEqual([
      "First one.",
      "Second one.",
      "Third’s here.",
    ]);
    expect(splitParagraphs("")).toEqual([]);
    expect(splitParagraphs("\n \n\t\n")).toEqual([]);
  });

  it("squashSpace collapses every run of white space to one space and trims", () => {
    expect(squashSpace("  a \t b\n\nc\r\n d  ")).toBe("a b c d");
    expect(squashSpace("no-change")).toBe("no-change");
    expect(squashSpace(" \n ")).toBe("");
  });

  it("findQuote returns the 1-based paragraphs that contain the quote, white space aside", () => {
    const paragraphs = ["The cat sat on the mat.", "The dog sat  on the\tmat too.", "Nobody’s here."];
    expect(findQuote(paragraphs, "sat on the mat")).toEqual([1, 2]);
    expect(findQuote(paragraphs, "dog sat\non   the mat")).toEqual([2]);
    expect(findQuote(paragraphs, "Nobody’s")).toEqual([3]);
    expect(findQuote(paragraphs, "Nobody's")).toEqual([]);
    expect(findQuote(paragraphs, "the cat sat")).toEqual([]);
    expect(findQuote(paragraphs, "a bird")).toEqual([]);
  });

  it("findQuote refuses a quote that starts or ends in the middle of a word", () => {
    const paragraphs = ["The cat sat on the mat.", "Nobody’s here."];
    expect(findQuote(paragraphs, "at sat on")).toEqual([]);
    expect(findQuote(paragraphs, "cat sat on the ma")).toEqual([]);
    expect(findQuote(paragraphs, "cat sat on the mat.")).toEqual([1]);
    expect(findQuote(paragraphs, "Nobody")).toEqual([2]);
    expect(findQuote(paragraphs, "")).toEqual([]);
  });
});
