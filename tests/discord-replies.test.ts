import { ButtonStyle, ComponentType } from "discord.js";
import { describe, expect, it } from "vitest";
import { createEngine } from "../src/engine/engine.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import { aboutEmbed } from "../src/discord/replies/about.ts";
import { answerReply } from "../src/discord/replies/answer.ts";
import { checkEmbed } from "../src/discord/replies/check.ts";
import { decodeButton, encodeButton } from "../src/discord/replies/custom-ids.ts";
import { FACTS_PER_PAGE, factsPage } from "../src/discord/replies/facts.ts";
import { LIMITS, showUserText, truncate } from "../src/discord/replies/limits.ts";
import { sourceEmbed } from "../src/discord/replies/source.ts";
import { summaryEmbed } from "../src/discord/replies/summary.ts";
import { embedProblems } from "./helpers/embed-limits.ts";

const engine = createEngine(loadKnowledge(DEFAULT_KNOWLEDGE_DIR));

describe("truncate", () => {
  it("leaves short text alone and cuts long text to the limit with an ellipsis", () => {
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("abcdefghijkl", 10)).toBe("abcdefghi…");
    expect(truncate("abcdefghijkl", 10)).toHaveLength(10);
  });

  it("never splits a surrogate pair", () => {
    const cut = truncate("aaaaaaaa😀bbbb", 10);
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe("showUserText", () => {
  it("escapes markdown", () => {
    expect(showUserText("**bold** _it_ `code`", 100)).toBe("\\*\\*bold\\*\\* \\_it\\_ \\`code\\`");
  });

  it("defuses @everyone, @here and mention syntax", () => {
    const shown = showUserText("hi @everyone and @here <@123456789012345678> <@&123456789012345678> <@!1>", 200);
    expect(shown).not.toMatch(/@everyone|@here/);
    expect(shown).not.toMatch(/<@!?\d|<@&\d/);
  });

  it("flattens control characters, direction marks and new lines, and truncates", () => {
    const shown = showUserText("a\u0000b\u202ec\nd\u200be", 100);
    expect(shown).toBe("a b c d e");
    expect(showUserText("x".repeat(300), 50)).toHaveLength(50);
  });
});

describe("button custom ids", () => {
  it("round-trips each kind of button", () => {
    for (const action of [
      { kind: "source", factId: "nato-founded-1949" },
      { kind: "ask", factId: "who-is-rutte" },
      { kind: "facts", page: 3, topic: "NATO: members" },
    ] as const) {
      const id = encodeButton(action);
      expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(decodeButton(id)).toEqual(action);
    }
  });

  it("rejects ids this bot did not make", () => {
    for (const id of ["", "nope", "source:", "source:Bad Id", "facts:x:topic", "facts:-1:t", "vote:up"]) expect(decodeButton(id)).toBeUndefined();
  });
});

describe("answerReply", () => {
  it("shows the answer, the quote as a block quote with its paragraph and title, and the confidence", () => {
    const result = engine.ask("When was NATO founded?");
    const reply = answerReply(result);
    const embed = reply.embeds[0];
    expect(embed?.title).toBe("When was NATO founded?");
    expect(embed?.description).toContain("1949");
    expect(embed?.description).toMatch(/^> .*1949/m);
    expect(embed?.description).toMatch(/— paragraph 5 of \*Russia's ceasefire conditions/);
    expect(embed?.footer?.text).toMatch(/^Confidence \d+% · Answers come only from the article\.$/);
    const firstRow = reply.components[0]?.components ?? [];
    expect(firstRow[0]).toMatchObject({ type: ComponentType.Button, label: "Show source", custom_id: `source:${result.sources[0]?.factId}` });
    expect(embedProblems(embed ?? {})).toEqual([]);
  });

  it("declines plainly and offers the suggestions as buttons that ask them", () => {
    const result = engine.ask("What is the capital of Poland?");
    const reply = answerReply(result);
    expect(reply.embeds[0]?.description).toMatch(/^The article doesn't say anything about that\./);
    const buttons = reply.components.flatMap((row) => row.components);
    expect(buttons.length).toBe(result.suggested.length);
    expect(buttons.length).toBeGreaterThan(0);
    for (const [i, button] of buttons.entries()) {
      expect(button).toMatchObject({ style: ButtonStyle.Primary, custom_id: `ask:${result.suggested[i]?.factId}` });
      expect("label" in button && (button.label ?? "").length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    }
  });

  it("keeps an oversized, hostile question inside the limits and harmless", () => {
    const question = `@everyone **${"why ".repeat(200)}** <@&123456789012345678>`;
    const reply = answerReply({ ...engine.ask("When was NATO founded?"), question });
    const embed = reply.embeds[0] ?? {};
    expect(embedProblems(embed)).toEqual([]);
    expect(embed.title).not.toMatch(/@everyone|<@&\d/);
  });
});

describe("sourceEmbed", () => {
  it("shows the whole paragraph with the quoted words in bold", () => {
    const fact = engine.fact("russia-controls-one-fifth");
    const article = fact && engine.article(fact.articleId);
    if (!fact || !article) throw new Error("the seeded fact is missing");
    const embed = sourceEmbed(fact, article);
    expect(embed.title).toBe(`Paragraph 3 of ${article.title}`);
    expect(embed.description).toContain("**Russia currently controls nearly one-fifth of Ukraine**");
    expect(embed.description).toMatch(/^However, Moscow has rejected this plan\./);
  });
});

describe("summaryEmbed", () => {
  it("lists the key points, each with its paragraph", () => {
    const embed = summaryEmbed(engine.summarize());
    const bullets = (embed.description ?? "").split("\n").filter((l) => l.startsWith("• "));
    expect(bullets.length).toBeGreaterThan(3);
    for (const line of bullets) expect(line).toMatch(/\*\(paragraph \d+\)\*$/);
    expect(embedProblems(embed)).toEqual([]);
  });

  it("says so when the topic has no points", () => {
    expect(summaryEmbed(engine.summarize(undefined, { topic: "pizza" })).description).toMatch(/doesn't say anything about "pizza"/);
  });
});

describe("factsPage", () => {
  const facts = [...engine.facts];

  it("shows a page of facts with Previous disabled on the first page", () => {
    const page = factsPage(facts, 0, "");
    expect(page.embeds[0]?.fields).toHaveLength(FACTS_PER_PAGE);
    const [previous, next] = page.components[0]?.components ?? [];
    expect(previous).toMatchObject({ label: "Previous", disabled: true });
    expect(next).toMatchObject({ label: "Next", disabled: false, custom_id: "facts:1:" });
    expect(page.embeds[0]?.footer?.text).toBe(`Page 1 of ${Math.ceil(facts.length / FACTS_PER_PAGE)} · ${facts.length} facts`);
  });

  it("clamps a page past the end and disables Next there, with distinct button ids", () => {
    const last = Math.ceil(facts.length / FACTS_PER_PAGE) - 1;
    const page = factsPage(facts, 999, "nato");
    const [previous, next] = page.components[0]?.components ?? [];
    expect(next).toMatchObject({ disabled: true });
    expect(previous).toMatchObject({ disabled: false, custom_id: `facts:${last - 1}:nato` });
    expect(previous && "custom_id" in previous && previous.custom_id).not.toBe(next && "custom_id" in next && next.custom_id);
    for (const embed of page.embeds) expect(embedProblems(embed)).toEqual([]);
  });

  it("says the article doesn't cover a topic with no facts, without buttons", () => {
    const page = factsPage([], 0, "pizza");
    expect(page.embeds[0]?.description).toMatch(/doesn't say anything about "pizza"/);
    expect(page.components).toEqual([]);
  });
});

describe("aboutEmbed and checkEmbed", () => {
  it("about names the article, counts the facts and says answers come only from it", () => {
    const description = aboutEmbed(engine).description ?? "";
    expect(description).toContain(engine.articles[0]?.title.replace(/'/g, "'"));
    expect(description).toContain(`${engine.facts.length} facts`);
    expect(description).toMatch(/only from the article/);
  });

  it("check lists the facts with their quotes, or says the article doesn't address it", () => {
    const matches = engine.search("NATO was founded in 1949", 3);
    const embed = checkEmbed(matches);
    expect(embed.fields?.[0]?.value).toMatch(/^According to the article.*\n> /s);
    expect(checkEmbed([]).description).toBe("The article doesn't address this message.");
  });
});
