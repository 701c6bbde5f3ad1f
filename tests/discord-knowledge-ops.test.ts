import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../src/bot.ts";
import { loadConfig } from "../src/config.ts";
import { openSqliteFeedbackStore } from "../src/feedback/sqlite-store.ts";
import type { FeedbackStore } from "../src/feedback/store.ts";
import { buildKnowledge } from "../src/knowledge/build.ts";
import { LiveKnowledge } from "../src/knowledge/live.ts";
import { createLogger } from "../src/logger.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import { startFakeDiscord, type FakeDiscord, type SentInteraction } from "./fake-discord/index.ts";
import { callbackOf, EPHEMERAL, messageOf } from "./helpers/discord-bodies.ts";
import { LIBRARY_TITLE, writeLibraryArticle } from "./helpers/library-article.ts";
import { FERRY, FERRY_TEXT } from "./helpers/uncurated-kb.ts";
import { LogLines } from "./helpers/log-lines.ts";

// Several articles, live reload, /kb and 👍/👎, through the real discord.js client and a fake Discord on 127.0.0.1.



const NATO_TITLE = "Russia's ceasefire conditions for Ukraine and the question of NATO membership";

let root: string;
let dir: string;
let fake: FakeDiscord;
let bot: Bot | undefined;
let live: LiveKnowledge;
let feedback: FeedbackStore;
let logs: LogLines;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "kb-ops-"));
  dir = join(root, "knowledge");
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  writeLibraryArticle(dir);
  logs = new LogLines();
  const logger = createLogger("debug", logs);
  live = await LiveKnowledge.start({ dir, cacheDir: join(root, "cache"), logger, build: async (d, c) => buildKnowledge(d, c) });
  feedback = openSqliteFeedbackStore({ file: join(root, "data", "feedback.sqlite") });
  fake = await startFakeDiscord();
  const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restBase, LOG_LEVEL: "debug", ASK_COOLDOWN_LIMIT: "1000" });
  if (!config.token) throw new Error("no token");
  bot = await startBot({ config: { ...config, token: config.token }, knowledge: live, feedback, logger });
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await fake.close();
  live.close();
  feedback.close();
  rmSync(root, { recursive: true, force: true });
});

const callbackPath = (sent: SentInteraction) => `/v10/interactions/${sent.id}/${sent.token}/callback`;
const originalPath = (sent: SentInteraction) => `/v10/webhooks/${fake.applicationId}/${sent.token}/messages/@original`;
async function callback(sent: SentInteraction) {
  return callbackOf(await fake.waitForCall({ method: "POST", path: callbackPath(sent) }));
}
const ask = (question: string, extra: Record<string, string | boolean> = {}) =>
  fake.sendInteraction({ kind: "command", name: "ask", options: { question, ...extra } });
const asModerator = { user: "owner" as const, memberPermissions: String(PermissionFlagsBits.ManageGuild) };

describe("more than one article", () => {
  it("answers from the right article and cites it by title, with or without article:", async () => {
    const library = (await callback(ask("How many computers does the Millbrook library have?"))).data.embeds?.[0];
    expect(library?.description).toContain("120 computers");
    expect(library?.description).toContain(`paragraph 2 of *${LIBRARY_TITLE}*`);
    const nato = (await callback(ask("When was NATO founded?", { article: "russia-ukraine-ceasefire-nato" }))).data.embeds?.[0];
    expect(nato?.description).toContain("1949");
    expect(nato?.description).toContain("of *Russia's ceasefire conditions");
  });

  it("keeps to the chosen article: a question about the other one is declined there", async () => {
    const scoped = (await callback(ask("How many computers does the Millbrook library have?", { article: "russia-ukraine-ceasefire-nato" }))).data;
    expect(scoped.embeds?.[0]?.description).toMatch(/^The article doesn't say anything about that\./);
    // A typed title works as well as the picked id.
    const byTitle = (await callback(ask("How many computers does the library have?", { article: LIBRARY_TITLE.toUpperCase() }))).data;
    expect(byTitle.embeds?.[0]?.description).toContain("120 computers");
  });

  it("says privately which articles there are when article: names none", async () => {
    const { data } = await callback(ask("When was NATO founded?", { article: "the-moon-landing" }));
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.content).toContain('There is no article "the-moon-landing"');
    expect(data.content).toContain(LIBRARY_TITLE);
    expect(data.content).toContain(NATO_TITLE);
  });

  it("autocompletes the article option with titles, newest first, and filters them as you type", async () => {
    const all = (await callback(fake.sendInteraction({ kind: "autocomplete", name: "ask", focused: { name: "article", value: "" } }))).data;
    expect(all.choices).toEqual([
      { name: LIBRARY_TITLE, value: "millbrook-library" },
      { name: NATO_TITLE, value: "russia-ukraine-ceasefire-nato" },
    ]);
    const typed = (await callback(fake.sendInteraction({ kind: "autocomplete", name: "summary", focused: { name: "article", value: "ceasfire" } }))).data;
    expect(typed.choices?.map((c) => c.value)).toEqual(["russia-ukraine-ceasefire-nato"]);
  });

  it("suggests questions from the chosen article only", async () => {
    const { data } = await callback(
      fake.sendInteraction({ kind: "autocomplete", name: "ask", focused: { name: "question", value: "how many" }, options: { article: "millbrook-library" } }),
    );
    const names = data.choices?.map((c) => c.name) ?? [];
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => /library|computers|renovation/i.test(n))).toBe(true);
  });

  it("/summary defaults to the newest article and takes article: for another", async () => {
    const newest = (await callback(fake.sendInteraction({ kind: "command", name: "summary" }))).data.embeds?.[0];
    expect(newest?.title).toBe(`Summary: ${LIBRARY_TITLE}`);
    const other = (await callback(fake.sendInteraction({ kind: "command", name: "summary", options: { article: "russia-ukraine-ceasefire-nato" } }))).data.embeds?.[0];
    expect(other?.title).toBe(`Summary: ${NATO_TITLE}`);
  });

  it("/about lists every article, newest first", async () => {
    const embed = (await callback(fake.sendInteraction({ kind: "command", name: "about" }))).data.embeds?.[0];
    const description = embed?.description ?? "";
    expect(description).toContain("these 2 articles");
    expect(description.indexOf("Millbrook")).toBeGreaterThan(0);
    expect(description.indexOf("Millbrook")).toBeLessThan(description.indexOf("Russia's ceasefire"));
    expect(description).toContain("(3 facts, added 2026-11-28)");
  });
});

describe("an article with no facts, added as by kb add", () => {
  it("is answered from its own sentences; Show source and 👍 work on the sentence", async () => {
    writeFileSync(join(dir, "articles", "alder-ferry.txt"), FERRY_TEXT);
    writeFileSync(join(dir, "articles", "alder-ferry.yaml"), `id: alder-ferry\ntitle: ${FERRY.title}\nadded: 2026-12-02\nfacts: []\n`);
    await live.reload("test");
    const sent = ask("How many people use the ferry each day?");
    const { data } = await callback(sent);
    const description = data.embeds?.[0]?.description ?? "";
    expect(description).toContain("About 300 people a day still use the ferry");
    expect(description).toContain(`paragraph 3 of *${FERRY.title}*`);
    const customIds = (data.components ?? []).flatMap((row) => ("components" in row ? row.components : [])).flatMap((c) => ("custom_id" in c && typeof c.custom_id === "string" ? [c.custom_id] : []));
    expect(customIds).toEqual(expect.arrayContaining(["source:alder-ferry--3", "vote:up:alder-ferry--3"]));
    const messageId = fake.world.interactions.get(sent.id)?.originalMessageId ?? "";
    const source = await callback(fake.sendInteraction({ kind: "button", customId: "source:alder-ferry--3", message: messageId }));
    expect(source.data.flags).toBe(EPHEMERAL);
    expect(JSON.stringify(source.data)).toContain("**About 300 people a day still use the ferry");
    const up = await callback(fake.sendInteraction({ kind: "button", customId: "vote:up:alder-ferry--3", message: messageId }));
    expect(up.data.content).toMatch(/^Thanks for the 👍/);
    expect(feedback.gaps({ guildId: fake.guild.id }).recorded.votes).toBe(1);
  });
});

describe("👍/👎 and the gaps", () => {
  async function publicAnswer(question: string): Promise<{ messageId: string; customIds: string[] }> {
    const sent = ask(question);
    const { data } = await callback(sent);
    const customIds = (data.components ?? []).flatMap((row) => ("components" in row ? row.components : [])).flatMap((c) => ("custom_id" in c && typeof c.custom_id === "string" ? [c.custom_id] : []));
    const messageId = fake.world.interactions.get(sent.id)?.originalMessageId;
    if (!messageId) throw new Error("the answer was not stored as a message");
    return { messageId, customIds };
  }

  const vote = (messageId: string, customId: string, user: "regular" | "moderator" = "regular") =>
    fake.sendInteraction({ kind: "button", customId, message: messageId, user });

  it("puts 👍/👎 under an answer; one vote per user per answer, changeable, and counted", async () => {
    const { messageId, customIds } = await publicAnswer("When was NATO founded?");
    expect(customIds).toContain("vote:up:nato-founded-1949");
    expect(customIds).toContain("vote:down:nato-founded-1949");

    const first = await callback(vote(messageId, "vote:down:nato-founded-1949"));
    expect(first.data.flags).toBe(EPHEMERAL);
    expect(first.data.content).toMatch(/^Thanks for the 👎/);
    const again = await callback(vote(messageId, "vote:down:nato-founded-1949"));
    expect(again.data.content).toBe("You already gave this answer a 👎.");
    const changed = await callback(vote(messageId, "vote:up:nato-founded-1949"));
    expect(changed.data.content).toBe("Changed your vote on this answer to 👍. Thanks!");
    await callback(vote(messageId, "vote:down:nato-founded-1949", "moderator"));

    const report = feedback.gaps({ guildId: fake.guild.id });
    expect(report.recorded.votes).toBe(2);
    expect(report.disliked).toEqual([{ factId: "nato-founded-1949", up: 1, down: 1, question: "When was NATO founded?" }]);
  });

  it("records declined questions, and /kb gaps shows them grouped with the most 👎 answers", async () => {
    for (const question of ["Who won the 2024 Olympics?", "who won the 2024 olympics", "Who won the 2024 Olymics?", "What is the capital of Poland?"]) {
      const { data } = await callback(ask(question));
      expect(data.embeds?.[0]?.description).toMatch(/^The article doesn't say/);
    }
    const { messageId } = await publicAnswer("When was NATO founded?");
    await callback(vote(messageId, "vote:down:nato-founded-1949"));

    const sent = fake.sendInteraction({ kind: "command", name: "kb", subcommand: "gaps", ...asModerator });
    const deferred = await callback(sent);
    expect(deferred.type).toBe(5);
    expect(deferred.data.flags).toBe(EPHEMERAL);
    const data = messageOf(await fake.waitForCall({ method: "PATCH", path: originalPath(sent) }));
    const fields = data.embeds?.[0]?.fields ?? [];
    const declined = fields.find((f) => f.name.startsWith("Most-asked"))?.value ?? "";
    const lines = declined.split("\n").filter((l) => /^\d+\./.test(l));
    // three wordings of one question, one of them misspelt: one group, shown by one of its wordings
    expect(lines[0]).toMatch(/^1\. “who won the 2024 olympics\??” ×3/i);
    expect(lines[1]).toMatch(/^2\. “What is the capital of Poland\?” ×1/);
    expect(fields.find((f) => f.name.startsWith("Answers with the most"))?.value).toMatch(/^1\. NATO, the North Atlantic Treaty Or.*\(`nato-founded-1949`\): 👎 1 · 👍 0, e\.g\. asked “When was NATO founded\?”/);
  });

  it("answers without 👍/👎 when there is no feedback database", async () => {
    await bot?.stop();
    const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restBase, LOG_LEVEL: "debug", ASK_COOLDOWN_LIMIT: "1000" });
    bot = await startBot({ config: { ...config, token: fake.token }, knowledge: live, feedback: undefined, logger: createLogger("silent") });
    const { data } = await callback(ask("When was NATO founded?"));
    const ids = JSON.stringify(data.components);
    expect(ids).toContain("source:nato-founded-1949");
    expect(ids).not.toContain("vote:");
    const gaps = await callback(fake.sendInteraction({ kind: "command", name: "kb", subcommand: "gaps", ...asModerator }));
    expect(gaps.data.content).toMatch(/^Votes and declined questions aren't being recorded/);
  });
});

describe("/kb reload and /kb status", () => {
  it("is for members who can manage the server, checked again when it runs", async () => {
    const { data } = await callback(fake.sendInteraction({ kind: "command", name: "kb", subcommand: "status", user: "moderator" }));
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.content).toBe("Only members who can manage the server may use /kb.");
  });

  it("reloads a good change, and the next question is answered from it", async () => {
    const file = join(dir, "articles", "millbrook-library.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("library computers]", "library computers, how many pcs are there]"));
    const sent = fake.sendInteraction({ kind: "command", name: "kb", subcommand: "reload", ...asModerator });
    expect((await callback(sent)).type).toBe(5);
    const edited = messageOf(await fake.waitForCall({ method: "PATCH", path: originalPath(sent) }));
    expect(edited.embeds?.[0]?.title).toBe("Knowledge reloaded");
    expect(edited.embeds?.[0]?.description).toMatch(/^2 articles, 50 facts, in \d+ ms/);
    const answer = (await callback(ask("how many pcs are there"))).data.embeds?.[0];
    expect(answer?.description).toContain("120 computers");
  });

  it("rejects a bad change, keeps answering from the last good knowledge, and /kb status says which file and field", async () => {
    const file = join(dir, "articles", "millbrook-library.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("paragraph: 2", "paragraph: 7"));
    const sent = fake.sendInteraction({ kind: "command", name: "kb", subcommand: "reload", ...asModerator });
    const edited = messageOf(await fake.waitForCall({ method: "PATCH", path: originalPath(sent) }));
    expect(edited.embeds?.[0]?.title).toBe("Reload rejected: still answering from the last good knowledge");
    expect(edited.embeds?.[0]?.description).toContain('millbrook-library.yaml: fact "library-computers": field "paragraph": paragraph 7 does not exist');

    const answer = (await callback(ask("How many computers does the library have?"))).data.embeds?.[0];
    expect(answer?.description).toContain("120 computers");

    const status = (await callback(fake.sendInteraction({ kind: "command", name: "kb", subcommand: "status", ...asModerator }))).data;
    expect(status.flags).toBe(EPHEMERAL);
    const fields = status.embeds?.[0]?.fields ?? [];
    expect(fields.find((f) => f.name === "Loaded")?.value).toMatch(/^2 articles, 50 facts \(0 drafts\)/);
    expect(fields.find((f) => f.name === "Last reload")?.value).toMatch(/^❌ rejected/);
    expect(fields.find((f) => f.name.startsWith("Problems"))?.value).toContain('field "paragraph"');
    expect(logs.lines.some((l) => l.includes("knowledge reload rejected"))).toBe(true);
  });
});
