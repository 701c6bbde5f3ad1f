import type { AskResult } from "../engine/engine.ts";
import type { Summary } from "../engine/summarize.ts";

/** The `ask --json` contract: exactly these keys. */
export function toAskJson(result: AskResult) {
  return {
    question: result.question,
    answered: result.answered,
    answer: result.answer,
    confidence: result.confidence,
    sources: result.sources.map(({ article, title, paragraph, quote }) => ({ article, title, paragraph, quote })),
    suggestions: result.suggestions,
  };
}

export function formatAnswerText(result: AskResult): string {
  const lines = [`Q: ${result.question}`];
  if (result.status === "invalid") return printLines([...lines, result.message]);
  lines.push(result.message);
  for (const source of result.sources) {
    lines.push("", `  “${source.quote}”`, `  — paragraph ${source.paragraph} of "${source.title}"`);
  }
  if (result.answered) lines.push("", `Confidence: ${result.confidence.toFixed(2)}`);
  if (result.suggestions.length > 0) {
    if (result.answered) lines.push("Related questions:");
    for (const suggestion of result.suggestions) lines.push(`  • ${suggestion}`);
  }
  return printLines(lines);
}

export function formatSummaryText(summary: Summary): string {
  const heading = summary.topic ? `${summary.title} — on "${summary.topic}"` : summary.title;
  if (summary.points.length === 0) return printLines([heading, "The article doesn't say anything about that topic."]);
  return printLines([heading, "", ...summary.points.map((p) => `• ${p.text} (paragraph ${p.paragraph})`)]);
}

/**
 * Lines for a terminal: a question echoed back may hold anything, and an escape character could
 * drive the terminal, a direction override reorder what follows. Control characters (new lines
 * too: one line stays one line), direction marks, overrides and isolates become spaces; lone
 * surrogates become U+FFFD.
 */
const UNPRINTABLE = /[\p{Cc}\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;
function printLines(lines: readonly string[]): string {
  return lines.map((line) => line.replace(/\p{Cs}/gu, "\uFFFD").replace(UNPRINTABLE, " ")).join("\n");
}
