import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createEngine } from "../src/engine/engine.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";

/**
 * Pins what the engine answers for every question of the eval sets: the fact it picks (or a
 * decline) and its confidence. Optimisations of the index and the matcher must keep these the
 * same. When a change means to alter answers, regenerate with `npx vitest run tests/engine-pin.test.ts -u`
 * and review the diff of tests/eval/answers.snapshot.json like any other change.
 */
const questions = ["questions.jsonl", "casual.jsonl"].flatMap((name) =>
  readFileSync(fileURLToPath(new URL(`./eval/${name}`, import.meta.url)), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => z.object({ q: z.string() }).parse(JSON.parse(line)).q),
);

describe("engine answers, pinned", () => {
  it("picks the same fact, or declines, with the same confidence, for every eval question", async () => {
    const engine = createEngine(loadKnowledge(DEFAULT_KNOWLEDGE_DIR));
    const answers = Object.fromEntries(
      questions.map((q) => {
        const result = engine.ask(q);
        return [q, `${result.answered ? result.sources.map((s) => s.factId).join("+") : "declined"} ${result.confidence.toFixed(2)}`];
      }),
    );
    await expect(JSON.stringify(answers, null, 1) + "\n").toMatchFileSnapshot("./eval/answers.snapshot.json");
  });
});
