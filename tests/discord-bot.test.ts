import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../src/bot.ts";
import { loadConfig } from "../src/config.ts";
import { createEngine, type Engine } from "../src/engine/engine.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { createLogger } from "../src/logger.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import { opt, startFakeDiscord, type FakeCall, type FakeDiscord, type SentInteraction } from "./fake-discord/index.ts";
import { allowedMentions, callbackOf, customIdsOf, EPHEMERAL, messageOf, textOf } from "./helpers/discord-bodies.ts";
import { LogLines } from "./helpers/log-lines.ts";

// The bot's real entry code (startBot: client, router, handlers, replies) against a fake Discord on 127.0.0.1.

let engine: Engine;
beforeAll(() => {
  engine = createEngine(loadKnowledge(DEFAULT_KNOWLEDGE_DIR));
});

let fake: FakeDiscord;
let bot: Bot;
let logs: LogLines;

async function start(env: Record<string, string> = {}, botEngine: Engine = engine): Promise<void> {
  fake = await startFakeDiscord();
  logs = new LogLines();
  const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restBase, LOG_LEVEL: "debug", ASK_COOLDOWN_LIMIT: "1000", ...env });
  if (!config.token) throw new Error("no token");
  bot = await startBot({ config: { ...config, token: config.token }, knowledge: { engine: botEngine }, logger: createLogger("debug", logs) });
}

afterEach(async () => {
  await bot?.stop();
  await fake?.close();
  // Whatever happened, nothing the bot sent could ping, and the token never reached the logs.
  expectMentionSafe(fake.calls);
  expect(logs.lines.join("\n")).not.toContain(fake.token);
});

const callbackPath = (sent: SentInteraction) => `/v10/interactions/${sent.id}/${sent.token}/callback`;
const originalPath = (sent: SentInteraction) => `/v10/webhooks/${fake.applicationId}/${sent.token}/messages/@original`;
const followUpPath = (sent: SentInteraction) => `/v10/webhooks/${fake.applicationId}/${sent.token}`;
const channelId = (name: "general" | "announcements" | "readOnly") => fake.guild.channels[name].id;

async function callback(sent: SentInteraction) {
  return callbackOf(await fake.waitForCall({ method: "POST", path: callbackPath(sent) }));
}

const ask = (question: string, extra: Record<string, string | boolean> = {}) =>
  fake.sendInteraction({ kind: "command", name: "ask", options: { question, ...extra } });

/** Every body the bot sent that could carry a message must forbid every mention. */
function expectMentionSafe(calls: readonly FakeCall[]): void {
  const sending = calls.filter((c) => (c.method === "POST" || c.method === "PATCH") && /\/(callback|messages|webhooks\/)/.test(c.path));
  for (const call of sending) {
    const body = /\/callback$/.test(call.path) ? callbackOf(call).data : messageOf(call);
    if (body.content === undefined && body.embeds === undefined && body.components === undefined) continue;
    expect(allowedMentions.parse(body.allowed_mentions), `${call.method} ${call.path}`).toMatchObject({ parse: [] });
  }
}

describe("/ask", () => {
  beforeEach(() => start());

  it("answers in public with the quote, paragraph, title, confidence and a Show source button", async () => {
    const sent = ask("When was NATO founded?");
    const { type, data } = await callback(sent);
    expect(type).toBe(4);
    expect(data.flags ?? 0).toBe(0);
    const embed = data.embeds?.[0];
    expect(embed?.description).toContain("1949");
    expect(embed?.description).toMatch(/^> .+\n— paragraph 5 of \*Russia's ceasefire conditions/m);
    expect(embed?.footer?.text).toMatch(/^Confidence \d+%/);
    expect(customIdsOf(data)[0]).toMatch(/^source:nato-founded/);
  });

  it("answers privately when asked to", async () => {
    const { data } = await callback(ask("Who is the head of NATO?", { private: true }));
    expect(data.flags).toBe(EPHEMERAL);
    expect(textOf(data)).toContain("Rutte");
  });

  it("declines plainly, with the suggestions as buttons", async () => {
    const { data } = await callback(ask("What is the capital of Poland?"));
    expect(textOf(data)).toContain("The article doesn't say anything about that.");
    const ids = customIdsOf(data);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^ask:[a-z0-9-]+$/);
  });

  it("gives a short private note for a question over 500 characters", async () => {
    const { data } = await callback(ask("why ".repeat(150)));
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.content).toMatch(/^That question is \d{3} characters long; please keep it under 500\.$/);
  });

  it("never pings, even when the question says @everyone or mentions a role", async () => {
    const sent = ask("@everyone @here <@&123456789012345678> when was NATO founded?");
    const { data } = await callback(sent);
    expect(data.embeds?.[0]?.title).not.toMatch(/@everyone|@here|<@&\d/);
    fake.sendMessage({ content: `<@${fake.botUser.id}> @everyone when was NATO founded?` });
    await fake.waitForCall({ method: "POST", path: `/v10/channels/${channelId("general")}/messages` });
    expect(fake.calls.filter((c) => c.method === "POST").length).toBeGreaterThanOrEqual(2);
    expectMentionSafe(fake.calls); // and again after every test
  });
});

describe("autocomplete", () => {
  beforeEach(() => start());

  it("suggests answerable questions ranked by fuse.js, at most 25 of at most 100 characters", async () => {
    const sent = fake.sendInteraction({ kind: "autocomplete", name: "ask", focused: { name: "question", value: "when was nato fou" } });
    const { type, data } = await callback(sent);
    expect(type).toBe(8);
    const choices = data.choices ?? [];
    expect(choices[0]?.name).toBe("When was NATO founded?");
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it("offers pinned starter questions for an empty field", async () => {
    const { data } = await callback(fake.sendInteraction({ kind: "autocomplete", name: "ask", focused: { name: "question", value: "" } }));
    expect(data.choices?.map((c) => c.name)).toEqual(engine.suggestQuestions("").map((c) => c.question));
    expect(data.choices?.length).toBeGreaterThan(2);
  });
});

describe("mentions and direct messages", () => {
  beforeEach(() => start());

  it("replies to a mention with the answer embed, pinging nobody", async () => {
    const sent = fake.sendMessage({ content: `<@${fake.botUser.id}> when was nato founded?` });
    const body = messageOf(await fake.waitForCall({ method: "POST", path: `/v10/channels/${channelId("general")}/messages` }));
    expect(body.message_reference?.message_id).toBe(sent.id);
    expect(textOf(body)).toContain("1949");
    expect(body.allowed_mentions).toMatchObject({ parse: [], replied_user: false });
  });

  it.each(["", " hello!", " help"])("answers a bare mention or a greeting (%j) with a one-line how-to", async (rest) => {
    fake.sendMessage({ content: `<@${fake.botUser.id}>${rest}` });
    const body = messageOf(await fake.waitForCall({ method: "POST", path: `/v10/channels/${channelId("general")}/messages` }));
    expect(body.content).toMatch(/^Ask me about the article/);
    expect(body.content?.split("\n")).toHaveLength(1);
  });

  it("ignores other bots, and messages that don't mention it", async () => {
    const otherBot = { id: "999999999999999999", username: "other_bot", discriminator: "0", global_name: null, avatar: null, bot: true };
    fake.sendMessage({ content: `<@${fake.botUser.id}> when was nato founded?`, author: otherBot });
    fake.sendMessage({ content: "when was nato founded?" });
    const human = fake.sendMessage({ content: `<@${fake.botUser.id}> who is rutte` });
    const call = await fake.waitForCall({ method: "POST", path: `/v10/channels/${channelId("general")}/messages` });
    expect(messageOf(call).message_reference?.message_id).toBe(human.id);
    expect(fake.calls.filter((c) => c.method === "POST" && c.path.endsWith("/messages"))).toHaveLength(1);
  });

  it("answers direct messages", async () => {
    const sent = fake.sendMessage({ content: "who is marco rubio?", dm: true });
    const call = await fake.waitForCall((c) => c.method === "POST" && c.path.endsWith("/messages"));
    const body = messageOf(call);
    expect(body.message_reference?.message_id).toBe(sent.id);
    expect(textOf(body)).toContain("Secretary of State");
  });
});

describe("/summary, /facts, /about and the buttons", () => {
  beforeEach(() => start());

  it("/summary is private, one point per line with its paragraph", async () => {
    const { data } = await callback(fake.sendInteraction({ kind: "command", name: "summary" }));
    expect(data.flags).toBe(EPHEMERAL);
    const bullets = (data.embeds?.[0]?.description ?? "").split("\n").filter((l) => l.startsWith("• "));
    expect(bullets.length).toBeGreaterThan(3);
    for (const line of bullets) expect(line).toMatch(/\(paragraph \d+\)\*$/);
  });

  it("/about says what it knows, privately", async () => {
    const { data } = await callback(fake.sendInteraction({ kind: "command", name: "about" }));
    expect(data.flags).toBe(EPHEMERAL);
    expect(textOf(data)).toContain(`${engine.facts.length} facts`);
  });

  it("Show source shows the whole paragraph privately, the quote in bold", async () => {
    const { data } = await callback(fake.sendInteraction({ kind: "button", customId: "source:russia-controls-one-fifth" }));
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.embeds?.[0]?.title).toMatch(/^Paragraph 3 of /);
    expect(data.embeds?.[0]?.description).toContain("**Russia currently controls nearly one-fifth of Ukraine**");
  });

  it("a suggestion button asks its question", async () => {
    const { data } = await callback(fake.sendInteraction({ kind: "button", customId: "ask:who-is-rutte" }));
    expect(textOf(data)).toContain("Mark Rutte");
    expect(customIdsOf(data)[0]).toBe("source:who-is-rutte");
  });

  it("/facts pages with Previous and Next, updating the message", async () => {
    const first = await callback(fake.sendInteraction({ kind: "command", name: "facts" }));
    expect(first.data.flags).toBe(EPHEMERAL);
    expect(first.data.embeds?.[0]?.footer?.text).toMatch(/^Page 1 of \d+/);
    expect(customIdsOf(first.data)).toEqual(["facts:0:", "facts:1:"]);
    const next = await callback(fake.sendInteraction({ kind: "button", customId: "facts:1:" }));
    expect(next.type).toBe(7);
    expect(next.data.embeds?.[0]?.footer?.text).toMatch(/^Page 2 of \d+/);
  });

  it("a button with a stale fact says so privately", async () => {
    const { data } = await callback(fake.sendInteraction({ kind: "button", customId: "source:no-such-fact" }));
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.content).toMatch(/no longer in my knowledge base/);
  });
});

describe("Check against article", () => {
  beforeEach(() => start());

  it("lists the facts that bear on a message, with their quotes", async () => {
    const sent = fake.sendInteraction({ kind: "messageCommand", name: "Check against article", target: { content: "NATO was set up in 1949 to stop the Soviets" } });
    const { data } = await callback(sent);
    expect(data.flags).toBe(EPHEMERAL);
    expect(textOf(data)).toMatch(/founded in 1949/);
    expect(textOf(data)).toMatch(/\n> /);
  });

  it("finds the fact with the right number for a claim with a wrong one", async () => {
    const sent = fake.sendInteraction({ kind: "messageCommand", name: "Check against article", target: { content: "NATO has 30 members" } });
    expect(textOf((await callback(sent)).data)).toContain("32 members");
  });

  it("says when the article doesn't address a message", async () => {
    const sent = fake.sendInteraction({ kind: "messageCommand", name: "Check against article", target: { content: "the best pizza topping is pineapple" } });
    expect(textOf((await callback(sent)).data)).toContain("The article doesn't address this message.");
  });
});

describe("/post-summary", () => {
  beforeEach(() => start());

  it("refuses a member without Manage Messages, privately, and posts nothing", async () => {
    const sent = fake.sendInteraction({ kind: "command", name: "post-summary", options: [opt.channel("channel", "announcements")], user: "regular" });
    const { data } = await callback(sent);
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.content).toMatch(/Only members who can manage messages/);
    expect(fake.calls.some((c) => c.path.startsWith("/v10/channels/") && c.method === "POST")).toBe(false);
  });

  it("refuses a channel where the bot cannot send, and posts nothing", async () => {
    const sent = fake.sendInteraction({ kind: "command", name: "post-summary", options: [opt.channel("channel", "read-only")], user: "moderator" });
    expect((await callback(sent)).data.flags).toBe(EPHEMERAL);
    const edit = messageOf(await fake.waitForCall({ method: "PATCH", path: originalPath(sent) }));
    expect(edit.content).toMatch(/I can't post in <#\d+>: I'm missing Send Messages there\. Nothing was posted\./);
    expect(fake.calls.some((c) => c.path.startsWith("/v10/channels/") && c.method === "POST")).toBe(false);
  });

  it("posts the summary in the channel and confirms privately with a link", async () => {
    const sent = fake.sendInteraction({ kind: "command", name: "post-summary", options: [opt.channel("channel", "announcements")], user: "moderator" });
    const post = messageOf(await fake.waitForCall({ method: "POST", path: `/v10/channels/${channelId("announcements")}/messages` }));
    expect(post.embeds?.[0]?.title).toMatch(/^Summary: /);
    expect(post.embeds?.[0]?.description).toMatch(/\(paragraph 1\)/);
    const edit = messageOf(await fake.waitForCall({ method: "PATCH", path: originalPath(sent) }));
    expect(edit.content).toMatch(/^Posted the summary in <#\d+>: https:\/\/discord\.com\/channels\/\d+\/\d+\/\d+$/);
  });
});

describe("errors, floods and the gateway", () => {
  it("answers privately when a handler throws, and keeps answering", async () => {
    const failing: Engine = { ...engine, ask: (q) => (q === "explode" ? (() => { throw new Error("boom"); })() : engine.ask(q)) };
    await start({}, failing);
    const { data } = await callback(ask("explode"));
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.content).toMatch(/^Something went wrong/);
    expect(logs.lines.some((l) => l.includes("interaction failed") && l.includes("boom"))).toBe(true);
    expect(textOf((await callback(ask("When was NATO founded?"))).data)).toContain("1949");
  });

  it("reports a failure after deferring as a private follow-up", async () => {
    await start();
    fake.failNext({ method: "POST", path: `/v10/channels/${channelId("announcements")}/messages` }, { status: 500, times: 4 }); // discord.js retries a 5xx three times
    const sent = fake.sendInteraction({ kind: "command", name: "post-summary", options: [opt.channel("channel", "announcements")], user: "moderator" });
    const followUp = messageOf(await fake.waitForCall({ method: "POST", path: followUpPath(sent) }, 10_000));
    expect(followUp.content).toMatch(/^Something went wrong/);
    expect(followUp.flags).toBe(EPHEMERAL);
  });

  it("tells a user who floods it to wait, privately", async () => {
    await start({ ASK_COOLDOWN_LIMIT: "2", ASK_COOLDOWN_SECONDS: "60" });
    await callback(ask("When was NATO founded?"));
    await callback(ask("Who is Rutte?"));
    const { data } = await callback(ask("Who is Rubio?"));
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.content).toMatch(/^You're asking quickly\. Please wait \d+ seconds? and try again\.$/);
  });

  it("resumes after the gateway closes with 4000, and answers", async () => {
    await start();
    await fake.closeGateway(4000);
    await fake.waitForResume(10_000);
    expect(textOf((await callback(ask("When was NATO founded?"))).data)).toContain("1949");
  });
});
