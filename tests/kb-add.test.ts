import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kbAdd } from "../src/cli/kb-add.ts";
import { UsageError } from "../src/cli/run.ts";
import { createEngine } from "../src/engine/engine.ts";
import { renderArticleYaml } from "../src/knowledge/article-yaml.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { articleFileSchema, ID_PATTERN } from "../src/knowledge/schema.ts";
import { idProblem, slugify } from "../src/knowledge/slug.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURES = join(ROOT, "tests", "fixtures", "articles");
const HARWICK = join(FIXTURES, "harwick-flood-barrier.txt");
const HARWICK_TITLE = "Harwick approves £18 million flood barrier after years of delays";

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

describe("the new article's YAML", () => {
  it("has the id, the title, the date and no facts, and passes the article schema", () => {
    const yaml = renderArticleYaml({ id: "harwick", title: "Harwick: a barrier", source: "harwick.txt", date: "2026-12-02" });
    expect(yaml.startsWith("# Added by `npm run kb -- add` from harwick.txt on 2026-12-02.")).toBe(true);
    expect(articleFileSchema.parse(parseYaml(yaml))).toEqual({ id: "harwick", title: "Harwick: a barrier", added: "2026-12-02", facts: [] });
  });

  it("has no added field without a date", () => {
    const yaml = renderArticleYaml({ id: "harwick", title: "Harwick" });
    expect(yaml).not.toMatch(/^added:/m);
    expect(articleFileSchema.parse(parseYaml(yaml)).added).toBeUndefined();
  });
});

describe("npm run kb -- add", () => {
  let dir = "";
  let knowledge = "";
  const listing = () => readdirSync(join(knowledge, "articles")).sort();
  const add = (args: string[]) => kbAdd([...args, "--knowledge", knowledge]);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kb-add-"));
    knowledge = join(dir, "knowledge");
    cpSync(join(ROOT, "knowledge"), knowledge, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("as a process: writes the text verbatim and a dated YAML, and the article is answered from its sentences at once", () => {
    const today = () => new Date().toISOString().slice(0, 10);
    const before = today();
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli/kb.ts", "add", HARWICK, "--title", HARWICK_TITLE, "--id", "harwick", "--knowledge", knowledge], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Added ".*" as harwick/);
    expect(readFileSync(join(knowledge, "articles", "harwick.txt"))).toEqual(readFileSync(HARWICK));
    const kb = loadKnowledge(knowledge);
    // dated today (the day the command ran), so it is the newest article: the default for /summary
    const added = kb.articles.find((a) => a.id === "harwick")?.added;
    expect(added !== undefined && new Set([before, today()]).has(added), `added: ${added}`).toBe(true);
    expect(kb.facts.filter((f) => f.articleId === "harwick")).toEqual([]);
    const answer = createEngine(kb).ask("How much will the flood barrier cost?", { article: "harwick" });
    expect(answer.answered).toBe(true);
    expect(answer.sources[0]?.quote).toContain("£18 million");
  });

  it("slugs the id from the title when none is given", async () => {
    expect(await add([join(FIXTURES, "voltara-battery-plant.txt"), "--title", "Voltara’s new plant"])).toBe(0);
    expect(existsSync(join(knowledge, "articles", "voltaras-new-plant.yaml"))).toBe(true);
  });

  it.each([
    ["a duplicate id", () => [HARWICK, "--title", "Again", "--id", "harwick"], /already/],
    ["a duplicate slugged id", () => [HARWICK, "--title", "Voltara’s new plant"], /already/],
    ["a missing file", () => [join(dir, "nope.txt"), "--title", "T"], /no file/],
    ["a missing title", () => [HARWICK], /title is missing/],
    ["an empty title", () => [HARWICK, "--title", "  "], /title is missing/],
    ["a title over 200 characters", () => [HARWICK, "--title", "t".repeat(201)], /at most 200/],
    ["a title with a new line", () => [HARWICK, "--title", "Two\nlines"], /one line of text/],
    ["a malformed id", () => [HARWICK, "--title", "T", "--id", "Not_OK"], /lower-case letters/],
    ["no file at all", () => ["--title", "T"], /Give the text file/],
  ])("refuses %s with a clear message and writes nothing", async (_name, args, message) => {
    const before = listing();
    await expect(add(args())).rejects.toThrow(UsageError);
    await expect(add(args())).rejects.toThrow(message);
    expect(listing()).toEqual(before);
  });

  it("refuses an empty file, a binary file and a file over 1 MB", async () => {
    const empty = join(dir, "empty.txt");
    const binary = join(dir, "binary.txt");
    const huge = join(dir, "huge.txt");
    writeFileSync(empty, " \n\n ");
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    writeFileSync(huge, "word ".repeat(210_000));
    const before = listing();
    await expect(add([empty, "--title", "Empty"])).rejects.toThrow(/empty/);
    await expect(add([binary, "--title", "Binary"])).rejects.toThrow(/not a plain-text file/);
    await expect(add([huge, "--title", "Huge"])).rejects.toThrow(/1,050,000 bytes; an article may be at most 1,048,576 \(1 MB\)/);
    expect(listing()).toEqual(before);
  });
});
