import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { addArticle, AddInterruptedError, ArticleInputError, type AddStep } from "../src/knowledge/add-article.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURES = join(ROOT, "tests/fixtures/articles");
const TEXT = readFileSync(join(FIXTURES, "harwick-flood-barrier.txt"), "utf8");
const TITLE = "Harwick votes for a flood barrier";

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop() as string, { recursive: true, force: true });
});

/** A copy of the shipped knowledge folder in a temporary folder. */
function knowledgeCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "kb-add-safe-"));
  dirs.push(dir);
  const knowledge = join(dir, "knowledge");
  cpSync(join(ROOT, "knowledge"), knowledge, { recursive: true });
  return knowledge;
}
const listing = (knowledge: string) => readdirSync(join(knowledge, "articles")).sort();

describe("kb add: all or nothing", () => {
  it.each<AddStep>(["checking", "validating", "writing"])("an interrupt as the %s step starts leaves the folder as it was", async (at) => {
    const knowledge = knowledgeCopy();
    const before = listing(knowledge);
    const interrupt = new AbortController();
    const add = addArticle({
      knowledgeDir: knowledge,
      text: TEXT,
      title: TITLE,
      signal: interrupt.signal,
      // the interrupt lands while this step runs: the add must notice it before anything is final
      onStep: (step) => {
        if (step === at) interrupt.abort();
      },
    });
    await expect(add).rejects.toBeInstanceOf(AddInterruptedError);
    expect(listing(knowledge)).toEqual(before);
  });

  it("a second add of the same id that loses the race says the id is taken, and leaves the winner's files whole", async () => {
    const knowledge = knowledgeCopy();
    const winner = "A different article that took the id first.\n";
    const add = addArticle({
      knowledgeDir: knowledge,
      text: TEXT,
      title: TITLE,
      // another `kb add` writes the same id after this one checked, before it writes
      onStep: (step) => {
        if (step === "writing") writeFileSync(join(knowledge, "articles", "harwick-votes-for-a-flood-barrier.txt"), winner);
      },
    });
    await expect(add).rejects.toThrow(new ArticleInputError(`An article with the id "harwick-votes-for-a-flood-barrier" is already in ${join(knowledge, "articles")}: choose another with --id.`));
    expect(readFileSync(join(knowledge, "articles", "harwick-votes-for-a-flood-barrier.txt"), "utf8")).toBe(winner);
    expect(listing(knowledge).filter((f) => f.startsWith("."))).toEqual([]);
    expect(existsSync(join(knowledge, "articles", "harwick-votes-for-a-flood-barrier.yaml"))).toBe(false);
  });

  it("writes no temporary file that outlives it", async () => {
    const knowledge = knowledgeCopy();
    await addArticle({ knowledgeDir: knowledge, text: TEXT, title: TITLE });
    expect(listing(knowledge).filter((f) => f.startsWith("."))).toEqual([]);
    expect(loadKnowledge(knowledge).articles.map((a) => a.id)).toContain("harwick-votes-for-a-flood-barrier");
  });

  it.each([
    ["an escape sequence", "Harwick \u001b[31mvotes\u001b[0m"],
    ["a new line", "Harwick\nvotes"],
  ])("refuses a title with %s, writing nothing", async (_name, title) => {
    const knowledge = knowledgeCopy();
    const before = listing(knowledge);
    await expect(addArticle({ knowledgeDir: knowledge, text: TEXT, title })).rejects.toThrow(
      "The title must be one line of text, with no control characters (new lines, tabs, escape codes).",
    );
    expect(listing(knowledge)).toEqual(before);
  });

  it("refuses a text over 1 MB up front, writing nothing", async () => {
    const knowledge = knowledgeCopy();
    const before = listing(knowledge);
    await expect(addArticle({ knowledgeDir: knowledge, text: "word ".repeat(210_000), title: TITLE })).rejects.toThrow(
      "The article is 1,050,000 bytes; at most 1,048,576 (1 MB). Split it into parts.",
    );
    expect(listing(knowledge)).toEqual(before);
  });
});

describe("kb add as a process", () => {
  it("Ctrl-C during validation leaves either nothing or both files whole, never half", async () => {
    const knowledge = knowledgeCopy();
    const before = listing(knowledge);
    const big = join(knowledge, "..", "big.txt");
    // a long article (about 400 KB) keeps the add busy long enough to be interrupted
    writeFileSync(big, Array.from({ length: 60 }, () => TEXT).join("\n"));
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/kb.ts", "add", big, "--title", TITLE, "--knowledge", knowledge, "--progress"], { cwd: ROOT });
    let stderr = "";
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // interrupt it as validation starts: the signal handlers are in place, and nothing is written yet
    const validating = new Promise<void>((resolve) =>
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes("Validating…")) resolve();
      }),
    );
    child.stdout.resume();
    await Promise.race([validating, exited]);
    child.kill("SIGINT");
    const code = await exited;
    const after = listing(knowledge);
    if (after.length === before.length) {
      expect(after).toEqual(before);
      // interrupted before the end: told so, unless the signal came before the handlers were in place
      if (code === 130) expect(stderr).toContain("Interrupted: nothing was added.");
    } else {
      // finished before the signal landed: both files, whole
      expect(after).toEqual([...before, "harwick-votes-for-a-flood-barrier.txt", "harwick-votes-for-a-flood-barrier.yaml"].sort());
      expect(() => loadKnowledge(knowledge)).not.toThrow();
    }
  }, 60_000);
});
