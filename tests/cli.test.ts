import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadKnowledge } from "../src/knowledge/load.ts";

// The CLI contract, checked by running the real commands the way `npm run` does (`tsx src/cli/<x>.ts`).
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const KNOWLEDGE = join(ROOT, "knowledge");
const ARTICLE_ID = "russia-ukraine-ceasefire-nato";

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(script: "ask" | "summary" | "kb-check", args: string[], input?: string): Run {
  const result = spawnSync(process.execPath, ["--import", "tsx", `src/cli/${script}.ts`, ...args], {
    cwd: ROOT,
    input: input ?? "",
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ask = (args: string[], input?: string) => run("ask", args, input);

/** Article paragraphs as the README defines them (non-empty lines), white space squashed. */
function paragraphsOf(articleId: string): string[] {
  return readFileSync(join(KNOWLEDGE, "articles", `${articleId}.txt`), "utf8")
    .split(/\r?\n/)
    .map((line) => squash(line))
    .filter((line) => line.length > 0);
}
const squash = (text: string) => text.replace(/\s+/g, " ").trim();
const realTitle = loadKnowledge(KNOWLEDGE).articles.find((a) => a.id === ARTICLE_ID)?.title ?? "";

/** 501 characters, single-spaced, so it is still 501 after white space is squashed. */
const QUESTION_501 = "why was NATO founded ".repeat(30).slice(0, 500) + "?";

const ASK_KEYS = ["question", "answered", "answer", "confidence", "sources", "suggestions"];
const SOURCE_KEYS = ["article", "title", "paragraph", "quote"];

/** The contract, as a strict schema: no key more, no key less. */
const askJsonSchema = z.strictObject({
  question: z.string(),
  answered: z.boolean(),
  answer: z.string().nullable(),
  confidence: z.number(),
  sources: z.array(z.strictObject({ article: z.string(), title: z.string(), paragraph: z.number().int(), quote: z.string() })),
  suggestions: z.array(z.string()),
});
type AskJson = z.infer<typeof askJsonSchema>;

const summaryJsonSchema = z.strictObject({
  articleId: z.string(),
  title: z.string(),
  topic: z.string().nullable(),
  points: z.array(z.strictObject({ text: z.string(), paragraph: z.number().int() })),
});

/** Checks one `ask --json` object against the contract and returns it typed. */
function checkAskJson(value: unknown): AskJson {
  const json = askJsonSchema.parse(value);
  expect(Object.keys(json)).toEqual(ASK_KEYS);
  expect(json.question).toBeTypeOf("string");
  expect(json.answered).toBeTypeOf("boolean");
  expect(json.confidence).toBeTypeOf("number");
  expect(json.confidence).toBeGreaterThanOrEqual(0);
  expect(json.confidence).toBeLessThanOrEqual(1);
  expect(Array.isArray(json.sources)).toBe(true);
  expect(Array.isArray(json.suggestions)).toBe(true);
  for (const suggestion of json.suggestions) expect(suggestion).toBeTypeOf("string");
  if (json.answered) {
    expect(json.answer).toBeTypeOf("string");
    expect(json.answer?.length).toBeLessThanOrEqual(400);
    expect(json.answer).toMatch(/^According to the article\b/);
    expect(json.sources.length).toBeGreaterThan(0);
  } else {
    expect(json.answer).toBeNull();
    expect(json.sources).toEqual([]);
  }
  for (const source of json.sources) {
    expect(Object.keys(source)).toEqual(SOURCE_KEYS);
    const paragraphs = paragraphsOf(source.article);
    expect(Number.isInteger(source.paragraph)).toBe(true);
    // the quote is verbatim (white space aside) in the paragraph it cites
    expect(paragraphs[source.paragraph - 1]).toContain(squash(source.quote));
    expect(source.title).toBe(realTitle);
  }
  return json;
}

let brokenDir = "";

beforeAll(() => {
  brokenDir = mkdtempSync(join(tmpdir(), "kb-cli-"));
  mkdirSync(join(brokenDir, "articles"));
  writeFileSync(join(brokenDir, "articles", "broken.txt"), "\nThe only paragraph of a tiny article’s text.\n");
  writeFileSync(
    join(brokenDir, "articles", "broken.yaml"),
    [
      "id: broken",
      "title: A broken knowledge folder",
      "facts:",
      "  - id: bad-paragraph",
      '    answer: "According to the article, this is a tiny article."',
      '    quote: "The only paragraph"',
      "    paragraph: five",
      "    questions: [What is this?, what is the article, tell me about it]",
      "    keywords: [tiny]",
      "",
    ].join("\n"),
  );
});

afterAll(() => {
  if (brokenDir) rmSync(brokenDir, { recursive: true, force: true });
});

describe("ask: one question", () => {
  it("prints a readable answer with its quote, paragraph and article title", () => {
    const { status, stdout, stderr } = ask(["When was NATO founded?"]);
    expect(status).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain("Q: When was NATO founded?");
    expect(stdout).toMatch(/^According to the article, .*1949/m);
    const quote = stdout.match(/“([^”]+)”/);
    expect(quote).not.toBeNull();
    expect(quote?.[1]).toContain("1949");
    const cite = stdout.match(/— paragraph (\d+) of "([^"]+)"/);
    expect(cite?.[2]).toBe(realTitle);
    const paragraph = Number(cite?.[1]);
    expect(paragraphsOf(ARTICLE_ID)[paragraph - 1]).toContain(squash(quote?.[1] ?? "(no quote)"));
    expect(stdout).toMatch(/Confidence: [01]\.\d\d/);
  });

  it("--json prints exactly one JSON object with the contract's keys", () => {
    const { status, stdout, stderr } = ask(["--json", "When was NATO founded?"]);
    expect(status).toBe(0);
    expect(stderr).toBe("");
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const json = checkAskJson(JSON.parse(lines[0] as string));
    expect(json.question).toBe("When was NATO founded?");
    expect(json.answered).toBe(true);
    expect(json.answer).toContain("1949");
    expect(json.sources[0]?.article).toBe(ARTICLE_ID);
    expect(json.sources[0]?.quote).toContain("1949");
  });

  it.each([
    ["an empty question", "", /Please ask a question/],
    ["a blank question", "   ", /Please ask a question/],
    ["a 501-character question", QUESTION_501, /501 characters.*500/],
  ])("refuses %s with a message on stderr and exit 2", (_name, question, message) => {
    expect(QUESTION_501.replace(/\s+/g, " ").trim()).toHaveLength(501);
    const { status, stdout, stderr } = ask([question]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });

  it("refuses an unknown option with exit 2 and the help text", () => {
    const { status, stdout, stderr } = ask(["--bogus", "When was NATO founded?"]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("--bogus");
    expect(stderr).toContain("Usage:");
    expect(stderr).toContain("--json");
  });

  it("--help prints the usage, mentioning --json and standard input", () => {
    const { status, stdout } = ask(["--help"]);
    expect(status).toBe(0);
    expect(stdout).toContain("Usage:");
    expect(stdout).toContain("--json");
    expect(stdout).toMatch(/stdin|standard input/);
    expect(stdout).toContain("--knowledge");
  });

  it("--article keeps to one article, by id or title, and refuses an unknown one with exit 2", () => {
    const byId = ask(["--json", "--article", "russia-ukraine-ceasefire-nato", "When was NATO founded?"]);
    expect(byId.status).toBe(0);
    expect(checkAskJson(JSON.parse(byId.stdout)).sources[0]?.paragraph).toBe(5);
    const byTitle = ask(["--json", "--article", "RUSSIA'S CEASEFIRE CONDITIONS FOR UKRAINE AND THE QUESTION OF NATO MEMBERSHIP", "When was NATO founded?"]);
    expect(checkAskJson(JSON.parse(byTitle.stdout)).answered).toBe(true);
    const unknown = ask(["--article", "moon-landing", "When was NATO founded?"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toContain('There is no article "moon-landing". Pick one of: Russia\'s ceasefire conditions');
  });

  it("--knowledge with a broken folder exits 1 and prints the problem on stderr", () => {
    const { status, stdout, stderr } = ask(["--knowledge", brokenDir, "What is this?"]);
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("The knowledge base has 1 problem");
    expect(stderr).toContain("broken.yaml");
    expect(stderr).toContain('fact "bad-paragraph": field "paragraph": the paragraph must be a whole number');
  });
});

describe("ask: questions on standard input", () => {
  it("--json prints one JSON line per input line, in order, and goes on past bad lines", () => {
    const tooLong = "NATO ".repeat(120); // 600 characters
    expect(tooLong).toHaveLength(600);
    const lines = ["When was NATO founded?", "", tooLong, "What is the weather in Paris?", "Who leads NATO?"];
    const { status, stdout, stderr } = ask(["--json"], lines.join("\n") + "\n");
    expect(status).toBe(0);
    expect(stderr).toBe("");

    const out = stdout.trimEnd().split("\n").map((line) => checkAskJson(JSON.parse(line)));
    expect(out).toHaveLength(lines.length);
    expect(out.map((o) => o.question)).toEqual(lines);
    expect(out.map((o) => o.answered)).toEqual([true, false, false, false, true]);

    expect(out[0]?.answer).toContain("1949");
    // the empty and oversized lines are refused, not matched
    expect(out[1]?.confidence).toBe(0);
    expect(out[2]?.confidence).toBe(0);
    // out of scope: declined, no answer, no source
    expect(out[3]?.answer).toBeNull();
    expect(out[3]?.sources).toEqual([]);
    expect(out[4]?.answer).toContain("Rutte");
  });

  it("without --json prints readable answers, one after another", () => {
    const { status, stdout, stderr } = ask([], "When was NATO founded?\nWhat is the weather in Paris?\n");
    expect(status).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).not.toMatch(/^\{/m);
    const first = stdout.indexOf("Q: When was NATO founded?");
    const second = stdout.indexOf("Q: What is the weather in Paris?");
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
    const [answered, declined] = [stdout.slice(first, second), stdout.slice(second)];
    expect(answered).toContain("According to the article");
    expect(answered).toMatch(/“[^”]+”/);
    expect(answered).toContain(`paragraph 5 of "${realTitle}"`);
    expect(declined).toContain("The article doesn't say");
    expect(declined).not.toContain("“");
    expect(declined).not.toContain("Confidence:");
  });
});

describe("summary", () => {
  it("prints the title, then points that each end with their paragraph", () => {
    const { status, stdout, stderr } = run("summary", []);
    expect(status).toBe(0);
    expect(stderr).toBe("");
    const [heading, ...rest] = stdout.trimEnd().split("\n");
    expect(heading).toBe(realTitle);
    const points = rest.filter((line) => line.trim().length > 0);
    expect(points.length).toBeGreaterThanOrEqual(3);
    const paragraphs = paragraphsOf(ARTICLE_ID);
    for (const line of points) {
      const match = line.match(/^• (.+) \(paragraph (\d+)\)$/);
      expect(match, line).not.toBeNull();
      expect(paragraphs[Number(match?.[2]) - 1], line).toContain(squash(match?.[1] ?? "(none)"));
    }
  });

  // `npm run summary -- --json` runs `tsx src/cli/summary.ts --json`: npm eats the `--`.
  it("--json gives points whose text is verbatim in the cited paragraph; --points limits them", () => {
    const { status, stdout } = run("summary", ["--json", "--points", "3"]);
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const summary = summaryJsonSchema.parse(JSON.parse(lines[0] ?? ""));
    expect(summary.topic).toBeNull();
    expect(summary.articleId).toBe(ARTICLE_ID);
    expect(summary.title).toBe(realTitle);
    expect(summary.points).toHaveLength(3);
    const paragraphs = paragraphsOf(ARTICLE_ID);
    for (const point of summary.points) {
      expect(Object.keys(point)).toEqual(["text", "paragraph"]);
      expect(paragraphs[point.paragraph - 1]).toContain(squash(point.text));
    }
    // unfiltered: not every point is about Zelensky (see the --topic case)
    expect(summary.points.some((p) => !/zelensk/i.test(p.text))).toBe(true);
    // listed in article order
    const order = summary.points.map((p) => p.paragraph);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("--topic keeps only the points about that topic", () => {
    const { status, stdout } = run("summary", ["--json", "--topic", "Zelensky"]);
    expect(status).toBe(0);
    const summary = summaryJsonSchema.parse(JSON.parse(stdout));
    expect(summary.topic).toBe("Zelensky");
    expect(summary.points.length).toBeGreaterThan(0);
    const paragraphs = paragraphsOf(ARTICLE_ID);
    for (const point of summary.points) {
      expect(point.text).toMatch(/zelensk/i);
      expect(paragraphs[point.paragraph - 1]).toContain(squash(point.text));
    }
  });

  it("refuses --points 0 with exit 2", () => {
    const { status, stdout, stderr } = run("summary", ["--points", "0"]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("--points must be a whole number from 1 to 25");
  });

  it("refuses an unknown --article, naming the known ones", () => {
    const { status, stdout, stderr } = run("summary", ["--article", "no-such-article"]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('There is no article "no-such-article"');
    expect(stderr).toContain(ARTICLE_ID);
  });
});

describe("kb:check", () => {
  it("validates the real folder and prints its counts", () => {
    const kb = loadKnowledge(KNOWLEDGE);
    const questions = kb.facts.reduce((n, f) => n + f.questions.length, 0);
    const { status, stdout, stderr } = run("kb-check", []);
    expect(status).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain("knowledge OK");
    expect(stdout).toMatch(/^\s*articles: 1$/m);
    expect(stdout).toMatch(new RegExp(`^\\s*facts: ${kb.facts.length} \\(`, "m"));
    expect(stdout).toMatch(new RegExp(`^\\s*alternate questions: ${questions}$`, "m"));
  });

  it("exits 1 on a broken folder, listing the problem", () => {
    const { status, stdout, stderr } = run("kb-check", ["--knowledge", brokenDir]);
    expect(status).toBe(1);
    expect(stdout).not.toContain("knowledge OK");
    expect(stderr).toContain('broken.yaml: fact "bad-paragraph": field "paragraph"');
  });
});
