import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { renderArticleYaml } from "../src/drafting/article-yaml.ts";
import { draftFacts } from "../src/drafting/draft.ts";
import { createEngine, type Engine } from "../src/engine/engine.ts";
import { squashSpace } from "../src/knowledge/article-text.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { foldForMatch, readEvalSet } from "./helpers/eval-set.ts";

/**
 * How well drafted facts alone answer plain factual questions, on articles written for this test
 * with their questions before the drafter saw them (tests/fixtures/drafting/). Three were used to
 * tune the drafter; the others ("tuned": false) never were, and are reported apart.
 * Each article is drafted into a temporary knowledge folder with a copy of the bot's
 * knowledge/synonyms.yaml, as `npm run kb -- add` would put it next to the real article.
 *
 * Goal (the issue): at least 80% of in-scope questions answered with the right quote, and
 * out-of-scope ones declined as well as before (80%), with few wrong answers.
 */
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURES = join(ROOT, "tests", "fixtures", "drafting");
const manifest = z.array(z.object({ id: z.string(), title: z.string(), tuned: z.boolean() })).parse(JSON.parse(readFileSync(join(FIXTURES, "articles.json"), "utf8")));
const questionSchema = z.object({ question: z.string().min(1), expect: z.string().min(1).nullable() });
const questionsOf = (id: string) =>
  readFileSync(join(FIXTURES, `${id}.questions.jsonl`), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => questionSchema.parse(JSON.parse(line)));

const GOAL_IN = 0.8;
const GOAL_OUT = 0.8;
const MAX_WRONG = 2;
/**
 * What each article must reach: floors just under the figures measured when they were last set
 * (in-scope right / out-of-scope declined / wrong). Drafted facts must clear a higher confidence
 * than curated ones (DEFAULT_DRAFT_THRESHOLD, 0.75) to be the answer: at the usual 0.55 they
 * answered more (harwick 25/27, voltara 21/26; held out 62/110) but gave many confident wrong
 * answers (22 of 153 held-out questions); at 0.75 few are wrong and out-of-scope questions are
 * declined as well as for curated facts, at the cost of answering fewer. The 80% goal is far from
 * met on every article, tuned or not: these floors only keep the drafter from getting worse.
 * Held out of tuning (never looked at one by one): ashford-county-cup, northline-rail-strike,
 * marlow-museum-theft and kestrel-hospital-opening.
 *   harwick 16/27, 11/11, 0 · voltara 13/26, 10/10, 0 · bank 11/25, 11/11, 1
 *   ashford 13/28, 11/11, 1 · northline 11/27, 11/11, 3 · marlow 10/27, 10/10, 0
 *   kestrel 11/28, 10/11, 0
 */
const FLOOR_IN: Record<string, number> = {
  "harwick-flood-barrier": 0.55,
  "voltara-battery-plant": 0.48,
  "bank-manager-jailed": 0.42,
  "ashford-county-cup": 0.44,
  "northline-rail-strike": 0.4,
  "marlow-museum-theft": 0.35,
  "kestrel-hospital-opening": 0.38,
};
const FLOOR_OUT: Record<string, number> = {};
const WRONG_CAP: Record<string, number> = { "northline-rail-strike": 3 };

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A knowledge folder holding `base` (a copy of a folder, or only the synonyms) plus the drafted article. */
function knowledgeWith(id: string, title: string, base: "synonyms" | "knowledge"): string {
  const dir = mkdtempSync(join(tmpdir(), "drafting-quality-"));
  dirs.push(dir);
  if (base === "knowledge") cpSync(join(ROOT, "knowledge"), dir, { recursive: true });
  else {
    mkdirSync(join(dir, "articles"));
    copyFileSync(join(ROOT, "knowledge", "synonyms.yaml"), join(dir, "synonyms.yaml"));
  }
  const text = readFileSync(join(FIXTURES, `${id}.txt`), "utf8");
  const { facts } = draftFacts({ articleId: id, title, text });
  writeFileSync(join(dir, "articles", `${id}.txt`), text);
  writeFileSync(join(dir, "articles", `${id}.yaml`), renderArticleYaml({ id, title, facts }));
  return dir;
}

interface Score {
  inScope: number;
  right: number;
  wrong: number;
  outOfScope: number;
  declined: number;
  failures: string[];
}

function score(engine: Engine, questions: ReadonlyArray<z.infer<typeof questionSchema>>): Score {
  const result: Score = { inScope: 0, right: 0, wrong: 0, outOfScope: 0, declined: 0, failures: [] };
  for (const { question, expect: expected } of questions) {
    const answer = engine.ask(question);
    const quote = squashSpace(answer.sources[0]?.quote ?? "");
    if (expected === null) {
      result.outOfScope++;
      if (!answer.answered) result.declined++;
      else result.failures.push(`answered out of scope: ${question} -> ${quote}`);
      continue;
    }
    result.inScope++;
    if (answer.answered && quote.includes(squashSpace(expected))) result.right++;
    else if (answer.answered) {
      result.wrong++;
      result.failures.push(`wrong: ${question} -> ${quote} (want "${expected}")`);
    } else result.failures.push(`declined: ${question} (want "${expected}")`);
  }
  return result;
}

const percent = (n: number, of: number) => `${n}/${of} (${((100 * n) / of).toFixed(1)}%)`;

describe.each(manifest)("drafted facts alone, $id (tuned: $tuned)", ({ id, title, tuned }) => {
  const questions = questionsOf(id);
  const engine = createEngine(loadKnowledge(knowledgeWith(id, title, "synonyms")));
  const result = score(engine, questions);
  console.log(
    `[drafting quality] ${id}${tuned ? "" : " (untuned)"}: in-scope right ${percent(result.right, result.inScope)}, ` +
      `out-of-scope declined ${percent(result.declined, result.outOfScope)}, wrong ${result.wrong}`,
  );

  it("has a real question set: about 25 in-scope and 10 out-of-scope questions", () => {
    expect(result.inScope).toBeGreaterThanOrEqual(25);
    expect(result.outOfScope).toBeGreaterThanOrEqual(10);
  });

  const floor = FLOOR_IN[id] ?? GOAL_IN;
  it(`answers at least ${floor * 100}% of in-scope questions with the right quote (the goal is ${GOAL_IN * 100}%)`, () => {
    expect(result.right / result.inScope, result.failures.join("\n")).toBeGreaterThanOrEqual(floor);
  });

  const floorOut = FLOOR_OUT[id] ?? GOAL_OUT;
  const maxWrong = WRONG_CAP[id] ?? MAX_WRONG;
  it(`declines at least ${floorOut * 100}% of out-of-scope questions, and answers at most ${maxWrong} wrong (the goal is ${GOAL_OUT * 100}% and ${MAX_WRONG})`, () => {
    expect(result.declined / result.outOfScope, result.failures.join("\n")).toBeGreaterThanOrEqual(floorOut);
    expect(result.wrong, result.failures.join("\n")).toBeLessThanOrEqual(maxWrong);
  });
});

/** The project's own eval set for the seeded article (tests/eval/questions.jsonl). */
const evalItems = readEvalSet("questions.jsonl");
const fold = foldForMatch;

function seededScore(engine: Engine): { right: number; declined: number; stolen: string[] } {
  let right = 0;
  let declined = 0;
  const stolen: string[] = [];
  for (const item of evalItems) {
    const answer = engine.ask(item.q);
    if (answer.answered && answer.sources[0]?.article !== "russia-ukraine-ceasefire-nato") stolen.push(`${item.q} -> ${answer.sources[0]?.factId}`);
    if (item.expect === null) {
      if (!answer.answered) declined++;
      continue;
    }
    const text = fold(`${answer.answer ?? ""} \u0000 ${answer.sources[0]?.quote ?? ""}`);
    if (answer.answered && item.expect.some((e) => text.includes(fold(e)))) right++;
  }
  return { right, declined, stolen };
}

describe("the seeded article next to a drafted one", () => {
  const alone = seededScore(createEngine(loadKnowledge(join(ROOT, "knowledge"))));

  it.each(manifest)("keeps its answers with $id drafted beside it (at most 1 worse)", ({ id, title }) => {
    const together = seededScore(createEngine(loadKnowledge(knowledgeWith(id, title, "knowledge"))));
    console.log(
      `[drafting quality] seeded eval set with ${id}: right ${together.right} (alone ${alone.right}), ` +
        `declined ${together.declined} (alone ${alone.declined}), answered from the drafted article ${together.stolen.length}`,
    );
    expect(together.right, together.stolen.join("\n")).toBeGreaterThanOrEqual(alone.right - 1);
    expect(together.declined, together.stolen.join("\n")).toBeGreaterThanOrEqual(alone.declined - 1);
  });
});
