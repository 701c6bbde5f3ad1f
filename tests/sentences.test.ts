import { describe, expect, it } from "vitest";
import { findSlots, wantedKinds } from "../src/engine/slots.ts";
import { splitSentences } from "../src/engine/sentences.ts";

const sentencesOf = (paragraph: string) => splitSentences(paragraph).map((s) => paragraph.slice(s.start, s.end));

describe("splitSentences", () => {
  it("splits at full stops, question and exclamation marks, keeping each sentence verbatim", () => {
    const paragraph = "The bridge opened in 2027. Was it late? Yes! Critics, however, were quiet.";
    expect(sentencesOf(paragraph)).toEqual(["The bridge opened in 2027.", "Was it late?", "Yes!", "Critics, however, were quiet."]);
  });

  it("does not split after an abbreviation, an initial or a dotted abbreviation", () => {
    const paragraph = "Chief executive Dr. Elena Park met J. K. Rowling in the U.S. Senate at 9 a.m. Monday. It was c. 1200 words long. No. 5 won.";
    expect(sentencesOf(paragraph)).toEqual(["Chief executive Dr. Elena Park met J. K. Rowling in the U.S. Senate at 9 a.m. Monday.", "It was c. 1200 words long.", "No. 5 won."]);
  });

  it("keeps closing quotes and brackets with their sentence, and needs a capital or a digit after", () => {
    const paragraph = "She called it “a vote of confidence.” The state paid (in full.) Then e.g. this happened. 2027 came.";
    expect(sentencesOf(paragraph)).toEqual(["She called it “a vote of confidence.”", "The state paid (in full.)", "Then e.g. this happened.", "2027 came."]);
  });

  it("gives offsets into the paragraph, spaces trimmed, for any text", () => {
    const paragraph = "  One.   Two.  ";
    const spans = splitSentences(paragraph);
    expect(spans.map((s) => paragraph.slice(s.start, s.end))).toEqual(["One.", "Two."]);
    expect(splitSentences("")).toEqual([]);
  });
});

describe("answer slots", () => {
  const kinds = (text: string) => findSlots(text).map((s) => `${s.kind}:${s.words.join(" ")}`);

  it("finds dates, years and months, and does not count a year or a day of the month as a number", () => {
    const found = kinds("The plant closed on 31 March 2006, after 412 jobs were lost in 2005.");
    expect(found).toEqual(expect.arrayContaining(["date:31 march", "date:2006", "date:2005", "number:412"]));
    expect(found).not.toContain("number:2006");
    expect(found).not.toContain("number:31");
  });

  it("finds names and, after 'in', 'at' or 'from', places; not the first word when it is an everyday word", () => {
    const found = kinds("The mosque was opened by Interior Minister Manuel Valls in Strasbourg.");
    expect(found).toEqual(expect.arrayContaining(["name:interior minister manuel valls", "name:strasbourg", "place:strasbourg"]));
    expect(found.some((k) => k.startsWith("name:the"))).toBe(false);
  });

  it("finds durations and reasons", () => {
    expect(kinds("The work will take about 22 months because the site floods.")).toEqual(expect.arrayContaining(["duration:22 months", "reason:because"]));
  });

  it("reads the kind of answer a question wants from its wording", () => {
    expect(wantedKinds("when did the plant close")).toEqual(["date"]);
    expect(wantedKinds("how many jobs were lost")).toEqual(["number", "duration"]);
    expect(wantedKinds("how long will the work take")).toEqual(["duration", "number"]);
    expect(wantedKinds("who opened the mosque")).toEqual(["name"]);
    expect(wantedKinds("where is the mosque")).toEqual(["place", "name"]);
    expect(wantedKinds("why did the plant close")).toEqual(["reason"]);
    // "who is X?" asks for a description, not another name
    expect(wantedKinds("who is manuel valls")).toBeUndefined();
    expect(wantedKinds("is the mosque open")).toBeUndefined();
  });
});
