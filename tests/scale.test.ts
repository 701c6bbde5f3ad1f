import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { syntheticKnowledge, withRealFacts } from "../bench/synthetic.ts";
import { createEngine, type Engine } from "../src/engine/engine.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";

/**
 * The real article's questions asked among thousands of synthetic facts made of the article's
 * own words (the benchmark's generator): the real facts must still win. Synthetic facts are
 * harsher rivals than real articles would be, so the floors sit below the real-only scores.
 */
const items = readFileSync(fileURLToPath(new URL("./eval/questions.jsonl", import.meta.url)), "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => z.object({ q: z.string(), expect: z.array(z.string()).nullable() }).parse(JSON.parse(line)));

const fold = (s: string) => s.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2010-\u2015]/g, "-");

function score(engine: Engine) {
  let right = 0;
  let declined = 0;
  for (const item of items) {
    const r = engine.ask(item.q);
    if (item.expect === null) declined += r.answered ? 0 : 1;
    else if (r.answered && item.expect.some((e) => fold(`${r.answer ?? ""} ${r.sources[0]?.quote ?? ""}`).includes(fold(e)))) right++;
  }
  return { right, declined };
}

describe("the real facts among synthetic ones", () => {
  it("still answer most real questions right and decline most out-of-scope ones, among 5,000 synthetic facts", () => {
    const real = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
    const alone = score(createEngine(real));
    const crowded = score(createEngine(withRealFacts(syntheticKnowledge(5000, 1), real)));
    const report = `alone ${JSON.stringify(alone)}, among 5,000 synthetic ${JSON.stringify(crowded)}`;
    expect(crowded.right / alone.right, report).toBeGreaterThanOrEqual(0.9);
    expect(crowded.declined / alone.declined, report).toBeGreaterThanOrEqual(0.65);
  });
});
