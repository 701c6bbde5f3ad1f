import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { decodeButton, encodeButton, type ButtonAction } from "../../src/discord/replies/custom-ids.ts";
import { defuseMentions, escapeText, LIMITS, plainText, showLine, showUserText, truncate, wellFormed } from "../../src/discord/replies/limits.ts";
import { hasLoneSurrogate, liveMentions } from "../helpers/embed-limits.ts";
import { factIdLike, hostileText, longHostileText, MARKDOWN, MENTIONS } from "./arbitraries.ts";

/** Markdown characters that stand unescaped, and a backslash left dangling at the end. */
function unescapedMarkdown(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (c === "\\") {
      if (i + 1 >= text.length) found.push("dangling \\ at the end");
      i++;
    } else if ("*_~|`[]".includes(c)) found.push(`${c} at ${i}`);
  }
  if (/^[ \t]*(?:[#>-]|\d+\.)/.test(text)) found.push("a heading, quote or list marker at the start");
  return found;
}

/** Undoes escapeText and defuseMentions: drops each escaping backslash and each zero-width space. */
function unescape(text: string): string {
  return text.replace(/\\([\s\S])/g, "$1").replace(/\u200b/g, "");
}

const CONTROL_OR_INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200c-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
/** Text made only of printable characters, markdown and mention syntax, with single spaces: nothing to flatten. */
const printable = fc
  .array(fc.oneof(fc.constantFrom(...MARKDOWN, ...MENTIONS, "😀", "🇺🇦", "é"), fc.stringMatching(/^[a-zA-Z0-9.,!?'"():;]{1,8}$/)), { maxLength: 30 })
  .map((parts) => parts.join(" "))
  .filter((text) => !/\s{2}|\n|\t/.test(text));

describe("truncate", () => {
  test.prop([fc.string({ unit: "binary", maxLength: 400 }), fc.integer({ min: 1, max: 300 })], { numRuns: 500 })(
    "stays within the limit, keeps a prefix, ends in … when cut, and never splits a pair or leaves a dangling backslash",
    (text, max) => {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      if (text.length <= max) {
        expect(cut).toBe(text);
        return;
      }
      expect(cut.endsWith("…")).toBe(true);
      const kept = cut.slice(0, -1);
      expect(text.startsWith(kept)).toBe(true);
      // At most the pair's high half and one backslash are given up.
      expect(kept.length).toBeGreaterThanOrEqual(max - 3);
      if (!hasLoneSurrogate(text)) expect(hasLoneSurrogate(cut)).toBe(false);
      expect((/\\+$/.exec(kept)?.[0].length ?? 0) % 2).toBe(0);
    },
  );

  test.prop([fc.string({ unit: "grapheme", maxLength: 200 }), fc.integer({ min: 1, max: 120 })], { numRuns: 300 })(
    "never introduces a lone surrogate into well-formed text (emoji, flags, astral letters)",
    (text, max) => {
      expect(hasLoneSurrogate(truncate(text, max))).toBe(false);
    },
  );

  it("cuts an escaped backslash whole, and gives up nothing it need not", () => {
    expect(truncate("ab\\\\cd", 4)).toBe("ab…");
    expect(truncate("a\\\\\\\\cd", 6)).toBe("a\\\\\\\\…");
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("ab😀cd", 4)).toBe("ab…");
    expect(truncate("abc😀d", 5)).toBe("abc…");
    expect(truncate("anything", 0)).toBe("");
  });
});

describe("wellFormed", () => {
  test.prop([fc.string({ unit: "binary", maxLength: 300 })], { numRuns: 500 })(
    "replaces exactly the lone surrogates with U+FFFD, leaving the length and every pair alone",
    (text) => {
      const fixed = wellFormed(text);
      expect(fixed.length).toBe(text.length);
      expect(hasLoneSurrogate(fixed)).toBe(false);
      if (!hasLoneSurrogate(text)) expect(fixed).toBe(text);
      for (let i = 0; i < text.length; i++) if (fixed[i] !== text[i]) expect(fixed[i]).toBe("\ufffd");
    },
  );

  it("fixes explicit lone halves, on either side of a pair", () => {
    expect(wellFormed("a\ud800b\udc00c😀\ud83d")).toBe("a\ufffdb\ufffdc😀\ufffd");
  });
});

describe("showUserText", () => {
  test.prop([longHostileText(2_000), fc.integer({ min: 1, max: 300 })], { numRuns: 300 })(
    "is one line within the limit, valid UTF-8, with no control or invisible character, no live mention and no unescaped markdown",
    (text, max) => {
      const shown = showUserText(text, max);
      expect(shown.length).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(shown)).toBe(false);
      expect(shown).not.toMatch(CONTROL_OR_INVISIBLE);
      expect(shown).not.toMatch(/\s\s|^\s|\n/);
      expect(liveMentions(shown)).toEqual([]);
      expect(unescapedMarkdown(shown)).toEqual([]);
    },
  );

  test.prop([printable], { numRuns: 300 })("loses nothing: undoing the escapes gives the text back", (text) => {
    const shown = showUserText(text, 10_000);
    expect(unescape(shown)).toBe(text.trim());
  });

  it("shows plain text as it is", () => {
    expect(showUserText("When was NATO founded?", 100)).toBe("When was NATO founded?");
  });

  it("escapes what discord.js's escapeMarkdown lets through after <a: or http://, and masked links", () => {
    expect(showUserText("<a: __under__ _it_", 100)).toBe("<a: \\_\\_under\\_\\_ \\_it\\_");
    expect(showUserText("http://x*bold*", 100)).toBe("http://x\\*bold\\*");
    expect(showUserText("[click](http://evil.example)", 100)).toBe("\\[click\\](http://evil.example)");
    expect(showUserText("# big", 100)).toBe("\\# big");
    expect(showUserText("</ask:123>", 100)).toBe("<\u200b/ask:123>");
  });
});

describe("showLine, escapeText, defuseMentions, plainText", () => {
  test.prop([hostileText(60)], { numRuns: 400 })("showLine: one line, valid UTF-8, no live mention, no unescaped markdown", (text) => {
    const shown = showLine(text);
    expect(shown).not.toMatch(/\n/);
    expect(hasLoneSurrogate(shown)).toBe(false);
    expect(liveMentions(shown)).toEqual([]);
    expect(unescapedMarkdown(shown.trimStart())).toEqual([]);
  });

  test.prop([fc.string({ unit: "binary", maxLength: 300 })], { numRuns: 400 })("escapeText is undone by dropping its backslashes", (text) => {
    expect(escapeText(text).replace(/\\([\s\S])/g, "$1")).toBe(text);
    expect(unescapedMarkdown(escapeText(text.replace(/\n/g, " ")))).toEqual([]);
  });

  test.prop([hostileText(60)], { numRuns: 400 })("defuseMentions leaves no live mention and only adds zero-width spaces", (text) => {
    const defused = defuseMentions(text);
    expect(liveMentions(defused)).toEqual([]);
    expect(defused.replace(/\u200b/g, "")).toBe(text.replace(/\u200b/g, ""));
  });

  test.prop([longHostileText(1_000), fc.integer({ min: 1, max: 100 })], { numRuns: 300 })(
    "plainText: one line within the limit, valid UTF-8, trimmed",
    (text, max) => {
      const plain = plainText(text, max);
      expect(plain.length).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(plain)).toBe(false);
      expect(plain).not.toMatch(CONTROL_OR_INVISIBLE);
      expect(plain).toBe(plain.trim());
    },
  );
});

describe("button custom ids", () => {
  const validAction: fc.Arbitrary<ButtonAction> = fc.oneof(
    fc.record({ kind: fc.constant("source" as const), factId: factIdLike }),
    fc.record({ kind: fc.constant("ask" as const), factId: factIdLike }),
    fc.record({
      kind: fc.constant("facts" as const),
      page: fc.integer({ min: 0, max: 10_000 }),
      topic: fc.string({ unit: "grapheme", maxLength: 40 }).map((t) => t.slice(0, 80)).filter((t) => !hasLoneSurrogate(t)),
    }),
  );

  test.prop([validAction], { numRuns: 400 })("every action the bot makes round-trips within 100 characters", (action) => {
    const id = encodeButton(action);
    expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(decodeButton(id)).toEqual(action);
  });

  test.prop([longHostileText(500), fc.integer({ min: 0, max: 10_000 })], { numRuns: 300 })(
    "any topic or fact id still gives a valid id: at most 100 characters, valid UTF-8",
    (text, page) => {
      for (const action of [{ kind: "facts", page, topic: text }, { kind: "source", factId: text }, { kind: "ask", factId: text }] as const) {
        const id = encodeButton(action);
        expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
        expect(hasLoneSurrogate(id)).toBe(false);
      }
    },
  );

  test.prop([longHostileText(2_000)], { numRuns: 300 })("decoding any string never throws and yields a valid action or nothing", (text) => {
    const action = decodeButton(text);
    if (action) expect(decodeButton(encodeButton(action))).toEqual(action);
  });
});
