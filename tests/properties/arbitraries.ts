import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fc } from "@fast-check/vitest";
import { z } from "zod";

/** C0 and C1 control characters, and a terminal escape sequence. */
export const CONTROLS = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), "\u007f", "\u0085", "\u009b", "\u001b[31m", "\u001b]0;x\u0007"];
/** Direction marks, embeddings, overrides and isolates. */
export const DIRECTION_MARKS = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];
export const ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"];
/** Halves of surrogate pairs, on their own. */
export const LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d"];
export const MARKDOWN = [
  "**", "__", "*", "_", "`", "``", "```", "~~", "~", "||", "|", ">", "> ", ">>> ", "# ", "## ", "### ", "-# ", "- ", "* ", "1. ",
  "[x](http://example.com)", "[click](https://evil.example/a_b*c)", "\\", "\\\\", "http://x", "<http://x>", "<a:x:1>", "<:x:1>", "<t:1:R>", "[", "](", ")",
];
export const MENTIONS = [
  "@everyone", "@here", "@EVERYONE", "@Here", "@", "<@123456789012345678>", "<@!123456789012345678>", "<@&123456789012345678>",
  "<#123456789012345678>", "</ask:123456789012345678>", "</kb add:1>", "<@", "<#", "<@&",
];

/** Every invisible format character above: removing them must not change what a question means. */
export const INVISIBLE = [...ZERO_WIDTH, ...DIRECTION_MARKS];

const questionLine = z.object({ q: z.string() });

/** The eval sets' questions, read through zod. */
function readQuestions(name: string): string[] {
  const text = readFileSync(fileURLToPath(new URL(`../eval/${name}`, import.meta.url)), "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => questionLine.parse(JSON.parse(line)).q);
}

export const EVAL_QUESTIONS: readonly string[] = [...readQuestions("questions.jsonl"), ...readQuestions("casual.jsonl")];
const WORDS = [...new Set(EVAL_QUESTIONS.flatMap((q) => q.split(/\s+/)).filter(Boolean))];

const noise = fc.constantFrom(...CONTROLS, ...DIRECTION_MARKS, ...ZERO_WIDTH, ...LONE_SURROGATES, ...MARKDOWN, ...MENTIONS);

/** One piece of hostile text: noise, any UTF-16 (lone surrogates included), graphemes, real words, spacing. */
export const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: noise },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }) },
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(" ", "  ", "\n", "\t", "?", "!", ".", ",", "'s", "%", "-") },
);

/** Short hostile text: a mix of pieces. */
export function hostileText(maxPieces = 40): fc.Arbitrary<string> {
  return fc.array(piece, { maxLength: maxPieces }).map((pieces) => pieces.join(""));
}

/** Hostile text up to `max` characters (default 10,000): long mixes, long runs of one shape, raw binary strings. */
export function longHostileText(max = 10_000): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.array(piece, { minLength: 50, maxLength: 2_000 }).map((pieces) => pieces.join("")),
      fc.tuple(hostileText(6), fc.integer({ min: 1, max })).map(([unit, length]) => (unit || "a").repeat(Math.ceil(length / Math.max(1, unit.length)))),
      fc.string({ unit: "binary", maxLength: max }),
      fc.string({ unit: "grapheme", maxLength: Math.floor(max / 4) }),
    )
    .map((text) => text.slice(0, max));
}

/** Inserts each piece at its position (taken modulo the length so far). */
export function insertAll(text: string, inserts: ReadonlyArray<readonly [number, string]>): string {
  let out = text;
  for (const [at, what] of inserts) {
    const i = at % (out.length + 1);
    out = out.slice(0, i) + what + out.slice(i);
  }
  return out;
}

/** A real question from the eval sets with hostile pieces injected anywhere. */
export const noisyQuestion: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...EVAL_QUESTIONS), fc.array(fc.tuple(fc.nat(), piece), { maxLength: 8 }))
  .map(([question, inserts]) => insertAll(question, inserts));

/**
 * A real question and the same question with invisible characters injected anywhere (between
 * code units of a word included) and extra white space around its words.
 */
export const invisiblyNoisyQuestion: fc.Arbitrary<{ clean: string; noisy: string }> = fc
  .tuple(
    fc.constantFrom(...EVAL_QUESTIONS),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE)), { minLength: 1, maxLength: 8 }),
    fc.constantFrom(" ", "  ", "\t", " \n "),
  )
  .map(([clean, inserts, space]) => ({ clean, noisy: `${space}${insertAll(clean.split(" ").join(space), inserts)}${space}` }));

/** An id of the knowledge's shape: lower-case words joined by single dashes. */
export const factIdLike: fc.Arbitrary<string> = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join("-"));
