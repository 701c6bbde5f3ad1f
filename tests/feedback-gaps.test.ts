import { afterEach, describe, expect, it } from "vitest";
import { groupQuestions, nearDuplicates } from "../src/feedback/gaps.ts";
import { formatGapsText } from "../src/feedback/gaps-text.ts";
import { normalizeQuestion } from "../src/feedback/normalize-question.ts";
import { feedbackFile, openSqliteFeedbackStore } from "../src/feedback/sqlite-store.ts";
import type { FeedbackStore, VoteInput } from "../src/feedback/store.ts";
import { feedbackScratch } from "./helpers/feedback-temp.ts";

const rows = (...pairs: Array<[string, number]>) => pairs.map(([question, count]) => ({ question, count }));
const words = (text: string) => normalizeQuestion(text).split(" ");

describe("normalizeQuestion", () => {
  it("folds case, spacing, punctuation and contractions", () => {
    expect(normalizeQuestion("  Who's   the MAYOR?! ")).toBe("who is the mayor");
    expect(normalizeQuestion("who\u2019s the mayor")).toBe("who is the mayor");
    expect(normalizeQuestion("Why won't Russia agree?")).toBe("why will not russia agree");
    expect(normalizeQuestion("why doesnt nato act")).toBe("why does not nato act");
    expect(normalizeQuestion("whats NATO's role")).toBe("what is nato role");
  });

  it("keeps different questions different", () => {
    expect(normalizeQuestion("Is it over?")).not.toBe(normalizeQuestion("Is its war over?"));
    expect(normalizeQuestion("When was NATO founded?")).not.toBe(normalizeQuestion("When was NATO funded?"));
  });
});

describe("nearDuplicates", () => {
  it("accepts a misspelt word and rejects a different one", () => {
    expect(nearDuplicates(words("who is the mayor"), words("Who is the mayr"))).toBe(true);
    expect(nearDuplicates(words("how many members does nato have"), words("how many membrs does nato have"))).toBe(true);
    expect(nearDuplicates(words("what is the capital of poland"), words("what is the capital of france"))).toBe(false);
    expect(nearDuplicates(words("who is the mayor"), words("who is the president"))).toBe(false);
  });

  it("rejects an added word and a longer question that merely contains the shorter", () => {
    expect(nearDuplicates(words("when is the election"), words("when is the next election"))).toBe(false);
    expect(nearDuplicates(words("who is the mayor"), words("who is the mayor of kyiv and when was he elected"))).toBe(false);
  });

  it("allows one differing word in four", () => {
    const long = "how many troops did russia send to the border";
    expect(nearDuplicates(words(long), words("how many trops did russia send to the bordr"))).toBe(true);
    expect(nearDuplicates(words(long), words("how many trops did rusia send to teh bordr"))).toBe(false);
  });
});

describe("groupQuestions", () => {
  it("groups near-duplicates, shown by the most asked wording, with variants, and sorts by count", () => {
    const groups = groupQuestions(
      rows(
        ["When was NATO founded?", 1],
        ["who is the mayor", 2],
        ["who's the mayor?", 1],
        ["Who is the mayr", 1],
        ["what is the capital of poland", 1],
        ["What is the capital of Poland?", 1],
        ["what is the capital of france", 3],
      ),
    );
    expect(groups.map((g) => [g.question, g.count])).toEqual([
      ["who is the mayor", 4],
      ["what is the capital of france", 3],
      ["what is the capital of poland", 2],
      ["When was NATO founded?", 1],
    ]);
    expect(groups[0]?.variants).toEqual(["who's the mayor?", "Who is the mayr"]);
    expect(groups[2]?.variants).toEqual(["What is the capital of Poland?"]);
    expect(groups[1]?.variants).toEqual([]);
  });

  it("shows a group by its most frequent wording, even when a misspelling is asked more", () => {
    const groups = groupQuestions(rows(["who is the mayr", 3], ["who is the mayor", 2], ["Who is the mayor?", 2]));
    expect(groups).toHaveLength(1);
    // "who is the mayor" and "Who is the mayor?" are one question asked 4 times; its most frequent wording is the first.
    expect(groups[0]?.count).toBe(7);
    expect(groups[0]?.question).toBe("who is the mayr");
    expect(groups[0]?.variants).toEqual(["who is the mayor", "Who is the mayor?"]);
  });

  it("counts exact duplicates once normalized, whatever the order of the rows", () => {
    const forward = groupQuestions(rows(["Is Ukraine in NATO?", 1], ["is ukraine in nato", 1], ["IS UKRAINE IN NATO", 1], ["how old is nato", 2]));
    const backward = groupQuestions(rows(["how old is nato", 2], ["IS UKRAINE IN NATO", 1], ["is ukraine in nato", 1], ["Is Ukraine in NATO?", 1]));
    expect(forward.map((g) => [normalizeQuestion(g.question), g.count])).toEqual([
      ["is ukraine in nato", 3],
      ["how old is nato", 2],
    ]);
    expect(backward.map((g) => [normalizeQuestion(g.question), g.count])).toEqual(forward.map((g) => [normalizeQuestion(g.question), g.count]));
  });

  it("does not chain: a group takes only the near-duplicates of its own first question", () => {
    // "mayor" ~ "mayr" ~ "mar" (each one letter apart), but "mar" is too far from "mayor".
    const groups = groupQuestions(rows(["who is the mayor", 3], ["who is the mayr", 2], ["who is the mar", 1]));
    expect(groups.map((g) => g.count)).toEqual([5, 1]);
  });

  it("keeps unrelated questions apart, in order of count, ties by wording", () => {
    const groups = groupQuestions(rows(["b question about oil", 1], ["a question about gas", 1], ["why is the war going on", 4]));
    expect(groups.map((g) => g.question)).toEqual(["why is the war going on", "a question about gas", "b question about oil"]);
  });

  it("looks at no more than maxRows rows, the most asked", () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ question: `question ${i} ${"xyzw".repeat(1 + (i % 3))}`, count: i + 1 }));
    const groups = groupQuestions(many, { maxRows: 10 });
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe([41, 42, 43, 44, 45, 46, 47, 48, 49, 50].reduce((a, b) => a + b, 0));
  });

  it("keeps at most maxVariants variants", () => {
    const groups = groupQuestions(
      rows(["who is the mayor", 5], ["who is the mayr", 4], ["Who is the mayor?", 3], ["who is the mayro", 2], ["who is the myor", 1]),
      { maxVariants: 2 },
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]?.variants).toEqual(["who is the mayr", "Who is the mayor?"]);
  });
});

describe("the gaps report from the store", () => {
  const scratch = feedbackScratch();
  const stores: FeedbackStore[] = [];
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    scratch.cleanup();
  });
  const open = () => {
    const file = feedbackFile(scratch.dir());
    const store = openSqliteFeedbackStore({ file });
    stores.push(store);
    return { store, file };
  };
  const GUILD_A = "111111111111111111";
  const GUILD_B = "222222222222222222";
  let user = 0;
  const vote = (factId: string, value: "up" | "down", extra: Partial<VoteInput> = {}): VoteInput => ({
    answerId: `answer-${factId}`,
    factId,
    userId: `user-${user++}`,
    vote: value,
    question: `question for ${factId}`,
    guildId: GUILD_A,
    ...extra,
  });

  it("lists the grouped declined questions and the most 👎 answers, in order", () => {
    const { store } = open();
    const start = Date.now() - 60_000;
    const asked = ["who is the mayor", "who's the mayor?", "Who is the mayr", "who is the mayor", "what is the capital of poland", "What is the capital of Poland?"];
    // Explicit times: between wordings asked equally often, the latest asked shows the group.
    asked.forEach((question, i) => store.recordDeclined({ question, guildId: GUILD_A, at: new Date(start + i * 1000) }));
    store.recordDeclined({ question: "how tall is putin", guildId: null });
    for (const v of ["down", "down", "up"] as const) store.recordVote(vote("fact-b", v));
    for (const v of ["down", "down", "down", "up", "up"] as const) store.recordVote(vote("fact-a", v));
    for (const v of ["down", "down"] as const) store.recordVote(vote("fact-c", v));
    store.recordVote(vote("fact-liked", "up"));
    store.recordVote(vote("fact-a", "down", { answerId: "another-answer-same-fact", question: "the latest question for fact-a" }));

    const report = store.gaps();
    expect(report.declined).toEqual([
      { question: "who is the mayor", count: 4, variants: ["who's the mayor?", "Who is the mayr"] },
      { question: "What is the capital of Poland?", count: 2, variants: ["what is the capital of poland"] },
      { question: "how tall is putin", count: 1, variants: [] },
    ]);
    expect(report.disliked).toEqual([
      { factId: "fact-a", up: 2, down: 4, question: "the latest question for fact-a" },
      { factId: "fact-c", up: 0, down: 2, question: "question for fact-c" },
      { factId: "fact-b", up: 1, down: 2, question: "question for fact-b" },
    ]);
    expect(report.recorded).toEqual({ declined: 7, votes: 12 });
  });

  it("keeps to one server, to a time and to a limit", () => {
    const { store } = open();
    const now = Date.now();
    store.recordDeclined({ question: "question in a", guildId: GUILD_A, at: new Date(now - 5000) });
    store.recordDeclined({ question: "question in b", guildId: GUILD_B, at: new Date(now - 5000) });
    store.recordDeclined({ question: "older question in b", guildId: GUILD_B, at: new Date(now - 86_400_000) });
    store.recordDeclined({ question: "question in b", guildId: GUILD_B, at: new Date(now - 4000) });
    store.recordVote(vote("fact-in-a", "down"));
    store.recordVote(vote("fact-in-b", "down", { guildId: GUILD_B }));

    const b = store.gaps({ guildId: GUILD_B });
    expect(b.declined.map((g) => [g.question, g.count])).toEqual([
      ["question in b", 2],
      ["older question in b", 1],
    ]);
    expect(b.disliked.map((d) => d.factId)).toEqual(["fact-in-b"]);
    expect(b.recorded).toEqual({ declined: 3, votes: 1 });

    const recentB = store.gaps({ guildId: GUILD_B, since: new Date(now - 60_000) });
    expect(recentB.declined.map((g) => g.question)).toEqual(["question in b"]);

    const top = store.gaps({ limit: 1 });
    expect(top.declined.map((g) => g.question)).toEqual(["question in b"]);
    expect(top.disliked).toHaveLength(1);
  });

  it("is empty, with nothing recorded, on a new database", () => {
    const { store } = open();
    expect(store.gaps()).toEqual({ declined: [], disliked: [], recorded: { declined: 0, votes: 0 } });
  });
});

describe("formatGapsText", () => {
  const scope = { file: "data/feedback.sqlite" };

  it("prints the groups with their counts and variants, then the answers", () => {
    const text = formatGapsText(
      {
        declined: [
          { question: "who is the mayor", count: 3, variants: ["who's the mayor?", "Who is the mayr"] },
          { question: "what is the capital of poland", count: 1, variants: [] },
        ],
        disliked: [{ factId: "nato-founded-1949", up: 1, down: 4, question: "When was NATO founded?" }],
        recorded: { declined: 4, votes: 5 },
      },
      { ...scope, guildId: "111111111111111111" },
    );
    expect(text).toContain("server 111111111111111111");
    expect(text).toContain("1. who is the mayor  (asked 3 times)");
    expect(text).toContain(`also: "who's the mayor?", "Who is the mayr"`);
    expect(text).toContain("2. what is the capital of poland  (asked 1 time)");
    expect(text).toContain("1. nato-founded-1949  👎 4  👍 1");
    expect(text.indexOf("who is the mayor")).toBeLessThan(text.indexOf("what is the capital"));
    expect(text.indexOf("what is the capital")).toBeLessThan(text.indexOf("nato-founded-1949"));
  });

  it("says plainly when nothing was recorded, and when a list is empty", () => {
    expect(formatGapsText({ declined: [], disliked: [], recorded: { declined: 0, votes: 0 } }, scope)).toContain("Nothing recorded yet");
    const votesOnly = formatGapsText({ declined: [], disliked: [], recorded: { declined: 0, votes: 2 } }, scope);
    expect(votesOnly).not.toContain("Nothing recorded yet");
    expect(votesOnly.match(/  none/g)).toHaveLength(2);
  });

  it("prints a question on one line, without control characters", () => {
    const text = formatGapsText({ declined: [{ question: "who\nis \u001b[31mthe mayor", count: 1, variants: [] }], disliked: [], recorded: { declined: 1, votes: 0 } }, scope);
    expect(text).toContain("1. who is  [31mthe mayor");
    expect(text).not.toContain("\u001b");
  });
});
