import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { formatAnswerText, formatSummaryText, toAskJson } from "../../src/cli/format.ts";
import { createEngine } from "../../src/engine/engine.ts";
import { MAX_QUESTION_LENGTH } from "../../src/engine/question.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../../src/paths.ts";
import { hasLoneSurrogate } from "../helpers/embed-limits.ts";
import { longHostileText, noisyQuestion } from "./arbitraries.ts";

const engine = createEngine(loadKnowledge(DEFAULT_KNOWLEDGE_DIR));
const LONG = longHostileText(10_000);

/** What must never reach a terminal from outside: control characters (ESC included) other than the line breaks, direction overrides, lone surrogates. */
function terminalProblems(output: string): string[] {
  const problems: string[] = [];
  for (const line of output.split("\n")) {
    const bad = /[\p{Cc}\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u.exec(line);
    if (bad) problems.push(`U+${bad[0].codePointAt(0)?.toString(16).padStart(4, "0")} in ${JSON.stringify(line.slice(0, 60))}`);
    if (hasLoneSurrogate(line)) problems.push(`lone surrogate in ${JSON.stringify(line.slice(0, 60))}`);
  }
  return problems;
}

/** True when the text survives a trip through UTF-8, as it does on stdout. */
const survivesUtf8 = (text: string) => Buffer.from(text, "utf8").toString("utf8") === text;

describe("ask in a terminal", () => {
  test.prop([fc.oneof(LONG, noisyQuestion)], { numRuns: 150 })(
    "the readable answer shows nothing that could drive the terminal, and the question stays on its own line",
    (question) => {
      const result = engine.ask(question);
      const output = formatAnswerText(result);
      expect(terminalProblems(output)).toEqual([]);
      const lines = output.split("\n");
      expect(lines[0]?.startsWith("Q: ")).toBe(true);
      if (result.status === "invalid") expect(lines).toHaveLength(2);
      else expect(lines[1]).toBe(result.message);
    },
  );

  test.prop([fc.oneof(LONG, noisyQuestion)], { numRuns: 150 })("the JSON line is valid JSON that survives UTF-8, on one line", (question) => {
    const json = JSON.stringify(toAskJson(engine.ask(question)));
    expect(json).not.toContain("\n");
    expect(survivesUtf8(json)).toBe(true);
    const parsed: unknown = JSON.parse(json);
    expect(parsed).toMatchObject({ answered: expect.any(Boolean) });
  });

  test.prop([LONG.map((t) => t.slice(0, MAX_QUESTION_LENGTH))], { numRuns: 60 })("a matched question is echoed cleaned", (question) => {
    const result = engine.ask(question);
    if (result.status !== "invalid") expect(formatAnswerText(result).split("\n")[0]).toBe(`Q: ${result.question}`);
  });
});

describe("summary in a terminal", () => {
  test.prop([LONG], { numRuns: 60 })("for any topic, the summary shows nothing that could drive the terminal", (topic) => {
    const output = formatSummaryText(engine.summarize(undefined, { topic }));
    expect(terminalProblems(output)).toEqual([]);
    // The heading (title and topic) is one line: the topic cannot add lines of its own.
    const lines = output.split("\n");
    expect(lines[1] === "" || lines[1] === "The article doesn't say anything about that topic.").toBe(true);
  });
});
