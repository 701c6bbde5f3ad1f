import { describe, expect, it } from "vitest";
import { Analyzer, answerKinds, expectedKind, questionTag } from "../src/engine/analyzer.ts";
import { editDistance } from "../src/engine/edit-distance.ts";
import { foldText } from "../src/engine/normalize.ts";
import { Vocabulary } from "../src/engine/vocabulary.ts";

describe("foldText", () => {
  it("lower-cases and strips diacritics", () => {
    expect(foldText("Zelenskýy CAFÉ Kyïv")).toBe("zelenskyy cafe kyiv");
  });

  it("treats curly and straight apostrophes alike and drops possessive s", () => {
    expect(foldText("NATO’s rule")).toBe("nato rule");
    expect(foldText("NATO's rule")).toBe("nato rule");
    expect(foldText("won’t")).toBe(foldText("won't"));
  });

  it("splits on every kind of dash and drops punctuation", () => {
    expect(foldText("one‑fifth — no bullets—just talking!")).toBe("one fifth no bullets just talking");
    expect(foldText("Secretary-General")).toBe("secretary general");
    expect(foldText("“terrorists”?!")).toBe("terrorists");
  });

  it("reads the US as the country, but not the pronoun us", () => {
    expect(foldText("US President")).toBe("united states president");
    expect(foldText("the U.S. agreed")).toBe("the united states agreed");
    expect(foldText("is the us sending weapons")).toBe("is the united states sending weapons");
    expect(foldText("tell us more")).toBe("tell us more");
    expect(foldText("the UK and France")).toBe("the united kingdom and france");
  });

  it("spells out percentages and joins thousands", () => {
    expect(foldText("at least 5% of income")).toBe("at least 5 percent of income");
    expect(foldText("100,000 troops")).toBe("100000 troops");
  });

  it("joins dotted abbreviations", () => {
    expect(foldText("P.O.W.s")).toBe("pows");
  });

  it("returns an empty string for text with no words", () => {
    expect(foldText(" ?!… — ")).toBe("");
  });
});

describe("Analyzer", () => {
  const analyzer = new Analyzer([
    ["ceasefire", "truce", "cease-fire"],
    ["kyiv", "kiev"],
    ["zelensky", "zelenskyy"],
    ["captured soldiers", "prisoners of war", "prisoners"],
    ["secretary general", "head of nato"],
    ["defense", "defence"],
  ]);

  it("drops stop words and question words, and stems what is left", () => {
    expect(analyzer.tokens("When was the alliance founded?")).toEqual(["allianc", "found"]);
  });

  it("rewrites synonyms to one canonical form, on both sides", () => {
    expect(analyzer.tokens("a truce")).toEqual(analyzer.tokens("the ceasefire"));
    expect(analyzer.tokens("cease-fire")).toEqual(analyzer.tokens("ceasefire"));
    expect(analyzer.tokens("Kiev")).toEqual(analyzer.tokens("Kyiv"));
    expect(analyzer.tokens("Zelenskyy")).toEqual(analyzer.tokens("Zelensky"));
    expect(analyzer.tokens("defence")).toEqual(analyzer.tokens("defense"));
  });

  it("rewrites multi-word phrases, longest first", () => {
    expect(analyzer.tokens("prisoners of war")).toEqual(analyzer.tokens("captured soldiers"));
    expect(analyzer.tokens("prisoners")).toEqual(analyzer.tokens("captured soldiers"));
    expect(analyzer.tokens("who is the head of NATO")).toEqual(analyzer.tokens("Secretary-General"));
  });

  it("lets a correction step fix words before stemming", () => {
    expect(analyzer.tokens("ceasfire", (w) => (w === "ceasfire" ? "ceasefire" : w))).toEqual(analyzer.tokens("ceasefire"));
  });

  it("knows weak words", () => {
    expect(analyzer.isWeak(analyzer.tokens("main")[0] ?? "")).toBe(true);
    expect(analyzer.isWeak(analyzer.tokens("ceasefire")[0] ?? "")).toBe(false);
  });
});

describe("answer kinds", () => {
  it("reads the kind of answer a question asks for", () => {
    expect(expectedKind("how many members does nato have")).toBe("number");
    expect(expectedKind("what percentage of ukraine")).toBe("number");
    expect(expectedKind("what year was nato founded")).toBe("year");
    expect(expectedKind("when did russia invade")).toBe("date");
    expect(expectedKind("how long is the ceasefire")).toBe("duration");
    expect(expectedKind("why was nato founded")).toBe("reason");
    expect(expectedKind("what did nato say in 2008")).toBeUndefined();
  });

  it("reads the kinds of answer a fact can give", () => {
    expect([...answerKinds("founded in 1949")].sort()).toEqual(["date", "duration", "year"]);
    expect([...answerKinds("it has 32 members")].sort()).toEqual(["duration", "number"]);
    expect([...answerKinds("this week the us agreed")].sort()).toEqual(["date", "duration"]);
    expect(answerKinds("the kremlin rejected peacekeepers").size).toBe(0);
    expect([...answerKinds("founded to prevent soviet expansion")]).toEqual(["reason"]);
  });

  it("tags the question word", () => {
    expect(questionTag("how many members")).toBe("#how-many");
    expect(questionTag("why was it founded")).toBe("#why");
    expect(questionTag("nato founded")).toBeUndefined();
  });
});

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and swaps", () => {
    expect(editDistance("nato", "nato", 2)).toBe(0);
    expect(editDistance("ceasfire", "ceasefire", 2)).toBe(1);
    expect(editDistance("memebers", "members", 2)).toBe(1);
    expect(editDistance("kusrk", "kursk", 2)).toBe(1);
    expect(editDistance("rutte", "rubio", 2)).toBe(3);
  });

  it("stops early past the budget", () => {
    expect(editDistance("a", "abcdefgh", 2)).toBe(3);
  });
});

describe("Vocabulary", () => {
  const vocabulary = new Vocabulary(new Map([["ceasefire", 3], ["members", 5], ["kursk", 2], ["kind", 1], ["zelensky", 4], ["crimea", 1]]));

  it("returns known words as they are", () => {
    expect(vocabulary.lookup("members")).toEqual({ term: "members", strength: 1 });
  });

  it("corrects typos to the nearest known word, with less strength", () => {
    expect(vocabulary.lookup("ceasfire")?.term).toBe("ceasefire");
    expect(vocabulary.lookup("memebers")?.term).toBe("members");
    expect(vocabulary.lookup("zelenksy")?.term).toBe("zelensky");
    expect(vocabulary.lookup("ceasfire")?.strength).toBeLessThan(1);
  });

  it("leaves short words, numbers and far-off words alone", () => {
    expect(vocabulary.lookup("king")).toBeNull();
    expect(vocabulary.lookup("19490")).toBeNull();
    expect(vocabulary.lookup("pizza")).toBeNull();
    expect(vocabulary.lookup("sweden")).toBeNull();
  });
});
