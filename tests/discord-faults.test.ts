import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { startBot, type Bot } from "../src/bot.ts";
import { loadConfig } from "../src/config.ts";
import { EXIT_REFUSED, GatewayRefusedError } from "../src/discord/client.ts";
import { createEngine, type Engine } from "../src/engine/engine.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { createLogger } from "../src/logger.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import { startFakeDiscord, type FakeCall, type FakeDiscord, type SentInteraction } from "./fake-discord/index.ts";
import { spawnEntry, type Spawned } from "./fake-discord/spawn.ts";
import { callbackOf, EPHEMERAL, messageOf, textOf } from "./helpers/discord-bodies.ts";
import { LogLines } from "./helpers/log-lines.ts";

// Network faults against the real bot (startBot, or src/index.ts as a process) and the fake Discord:
// REST 429 and 5xx, gateway close codes, op 9 INVALID_SESSION, and a refused token. After each
// fault the bot must still answer an /ask (except where it must exit).

let engine: Engine;
beforeAll(() => {
  engine = createEngine(loadKnowledge(DEFAULT_KNOWLEDGE_DIR));
});

interface Started {
  fake: FakeDiscord;
  logs: LogLines;
}

/** The test's own hook (the global one loses track of its test in concurrent tests). */
type Finished = TestContext["onTestFinished"];

/** A fake Discord for this test, closed when it ends; the bot's logs must never show the token. */
async function startFake(onTestFinished: Finished): Promise<Started> {
  const fake = await startFakeDiscord();
  const logs = new LogLines();
  onTestFinished(async () => {
    await fake.close();
    expect(logs.lines.join("\n")).not.toContain(fake.token);
  });
  return { fake, logs };
}

function configFor(f: FakeDiscord) {
  const config = loadConfig({ DISCORD_TOKEN: f.token, DISCORD_API_URL: f.restBase, LOG_LEVEL: "debug", ASK_COOLDOWN_LIMIT: "1000" });
  if (!config.token) throw new Error("no token");
  return { ...config, token: config.token };
}

/** The bot (startBot) connected to a fake Discord; both stopped when the test ends. Tests may run concurrently. */
async function start(onTestFinished: Finished): Promise<Started & { bot: Bot }> {
  const started = await startFake(onTestFinished);
  const bot = await startBot({ config: configFor(started.fake), knowledge: { engine }, logger: createLogger("debug", started.logs) });
  onTestFinished(() => bot.stop());
  return { ...started, bot };
}

const processes: Spawned[] = [];
afterEach(() => {
  for (const p of processes.splice(0)) p.cleanup();
});

const callbackPath = (sent: SentInteraction) => `/v10/interactions/${sent.id}/${sent.token}/callback`;
const callsTo = (f: FakeDiscord, path: string) => f.calls.filter((c) => c.path === path);
const ask = (f: FakeDiscord, question: string) => f.sendInteraction({ kind: "command", name: "ask", options: { question } });
const delivered = (c: FakeCall) => c.status >= 200 && c.status < 300;

/** A plain /ask gets its answer: the bot is alive and connected. */
async function expectAnswers(f: FakeDiscord): Promise<void> {
  const sent = ask(f, "When was NATO founded?");
  const call = await f.waitForCall({ method: "POST", path: callbackPath(sent) }, 10_000);
  expect(call.status).toBe(204);
  expect(textOf(callbackOf(call).data)).toContain("1949");
}

/** The `n`th IDENTIFY (1-based), recorded or future. */
const nthIdentify = (f: FakeDiscord, n: number) => f.waitForIdentify(10_000, (i) => f.identifies.indexOf(i) === n - 1);

describe("REST 429", () => {
  it("per-route: waits retry_after, retries the /ask reply and delivers it", async ({ onTestFinished }) => {
    const { fake: f } = await start(onTestFinished);
    f.rateLimitNext({ method: "POST", path: /\/callback$/ }, { retryAfter: 0.2 });
    const sent = ask(f, "When was NATO founded?");
    const ok = await f.waitForCall((c) => c.path === callbackPath(sent) && delivered(c), 10_000);
    const calls = callsTo(f, callbackPath(sent));
    expect(calls.map((c) => c.status)).toEqual([429, 204]);
    // The retry came after the wait Discord asked for, not before.
    expect(ok.time - (calls[0]?.time ?? 0)).toBeGreaterThanOrEqual(200);
    expect(textOf(callbackOf(ok).data)).toContain("1949");
    await expectAnswers(f);
  });

  it("global: waits retry_after, retries the /ask reply and delivers it", async ({ onTestFinished }) => {
    const { fake: f } = await start(onTestFinished);
    f.rateLimitNext({ method: "POST", path: /\/callback$/ }, { retryAfter: 0.15, global: true });
    const sent = ask(f, "Who is the head of NATO?");
    const ok = await f.waitForCall((c) => c.path === callbackPath(sent) && delivered(c), 10_000);
    const calls = callsTo(f, callbackPath(sent));
    expect(calls.map((c) => c.status)).toEqual([429, 204]);
    expect(ok.time - (calls[0]?.time ?? 0)).toBeGreaterThanOrEqual(150);
    expect(textOf(callbackOf(ok).data)).toContain("Rutte");
    await expectAnswers(f);
  });

  it("per-route on a channel message (bucket headers): the reply to a mention is retried and delivered", async ({ onTestFinished }) => {
    const { fake: f } = await start(onTestFinished);
    const path = `/v10/channels/${f.guild.channels.general.id}/messages`;
    f.rateLimitNext({ method: "POST", path }, { retryAfter: 0.1, times: 2 });
    const mention = f.sendMessage({ content: `<@${f.botUser.id}> when was nato founded?` });
    const ok = await f.waitForCall((c) => c.method === "POST" && c.path === path && delivered(c), 10_000);
    expect(f.calls.filter((c) => c.method === "POST" && c.path === path).map((c) => c.status)).toEqual([429, 429, 200]);
    expect(messageOf(ok).message_reference?.message_id).toBe(mention.id);
    expect(textOf(messageOf(ok))).toContain("1949");
    await expectAnswers(f);
  });
});

describe("REST 500", () => {
  it("on a reply: retried, then logged and answered with a private note; nothing crashes and the next /ask is answered", async ({ onTestFinished }) => {
    const { fake: f, logs } = await start(onTestFinished);
    // @discordjs/rest retries a 5xx three times: four 500s make the reply fail for good.
    f.failNext({ method: "POST", path: /\/callback$/ }, { status: 500, times: 4 });
    const sent = ask(f, "When was NATO founded?");
    const note = await f.waitForCall((c) => c.path === callbackPath(sent) && delivered(c), 10_000);
    expect(callsTo(f, callbackPath(sent)).map((c) => c.status)).toEqual([500, 500, 500, 500, 204]);
    expect(callbackOf(note).data).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/^Something went wrong/) });
    expect(logs.lines.some((l) => l.includes('"msg":"interaction failed"') && l.includes("500"))).toBe(true);
    await expectAnswers(f);
  });

  it("when Discord keeps failing, even the note: both logged, and the next /ask is answered", async ({ onTestFinished }) => {
    const { fake: f, logs } = await start(onTestFinished);
    f.failNext({ method: "POST", path: /\/callback$/ }, { status: 502, times: 8 });
    const sent = ask(f, "When was NATO founded?");
    await expect.poll(() => logs.lines.some((l) => l.includes('"msg":"could not report the failure"')), { timeout: 10_000 }).toBe(true);
    expect(callsTo(f, callbackPath(sent)).map((c) => c.status)).toEqual(Array(8).fill(502));
    expect(logs.lines.some((l) => l.includes('"msg":"interaction failed"'))).toBe(true);
    await expectAnswers(f);
  });
});

// Re-identifying waits out discord.js's identify throttle (5 s per bucket): these run side by side.
describe.concurrent("gateway close codes", () => {
  it("4000 unknown error: resumes the same session", async ({ onTestFinished }) => {
    const { fake: f } = await start(onTestFinished);
    await f.closeGateway(4000);
    const resume = await f.waitForResume(10_000);
    expect(resume.session_id).toBe(f.readies[0]?.sessionId);
    expect(resume.token).toBe(f.token);
    await expectAnswers(f);
    expect(f.identifies).toHaveLength(1);
  });

  it("1000 (discord.js: a fresh session): identifies again, does not resume", async ({ onTestFinished }) => {
    const { fake: f } = await start(onTestFinished);
    await f.closeGateway(1000);
    await nthIdentify(f, 2);
    await expectAnswers(f);
    expect(f.resumes).toHaveLength(0);
    expect(f.readies).toHaveLength(2);
  });

  it("4009 session timed out: ends with a new IDENTIFY (discord.js first tries RESUME, which Discord refuses)", async ({ onTestFinished }) => {
    const { fake: f } = await start(onTestFinished);
    const first = f.readies[0]?.sessionId;
    await f.closeGateway(4009);
    await nthIdentify(f, 2);
    await expectAnswers(f);
    // discord.js 14.28 (@discordjs/ws 1.2) treats 4009 as resumable; the session is gone, so the
    // gateway answers op 9 (d: false) and the client starts over.
    expect(f.resumes.map((r) => r.session_id)).toEqual([first]);
    expect(f.readies.map((r) => r.sessionId)).not.toContain(undefined);
    expect(f.readies[1]?.sessionId).not.toBe(first);
  });

  it("op 9 invalid session, not resumable: identifies again", async ({ onTestFinished }) => {
    const { fake: f } = await start(onTestFinished);
    f.invalidateSession(false);
    await nthIdentify(f, 2);
    await expectAnswers(f);
    expect(f.resumes).toHaveLength(0);
  });

  it("op 9 invalid session, resumable: resumes the same session", async ({ onTestFinished }) => {
    const { fake: f } = await start(onTestFinished);
    f.invalidateSession(true);
    const resume = await f.waitForResume(10_000);
    expect(resume.session_id).toBe(f.readies[0]?.sessionId);
    await expectAnswers(f);
    expect(f.identifies).toHaveLength(1);
  });
});

describe.concurrent("4004 authentication failed", () => {
  it("at login: startBot rejects naming DISCORD_TOKEN, after one IDENTIFY", async ({ onTestFinished }) => {
    const { fake: f, logs } = await startFake(onTestFinished);
    await f.revokeToken({ rest: false }); // GET /gateway/bot works, IDENTIFY is refused
    const started = startBot({ config: configFor(f), knowledge: { engine }, logger: createLogger("debug", logs) });
    const error = await started.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GatewayRefusedError);
    expect(error).toMatchObject({ code: 4004, shard: 0, message: expect.stringContaining("DISCORD_TOKEN") });
    await sleep(1500); // longer than discord.js's reconnect delay (500 ms): no second try comes
    expect(f.identifies).toHaveLength(1);
  });

  it("once running (token reset): `refused` settles with the same message, and no reconnect is tried", async ({ onTestFinished }) => {
    const { fake: f, bot: b } = await start(onTestFinished);
    await expectAnswers(f);
    await f.revokeToken();
    const error = await b.refused;
    expect(error).toMatchObject({ code: 4004, message: expect.stringContaining("DISCORD_TOKEN") });
    await sleep(1500);
    expect(f.identifies).toHaveLength(1);
    expect(f.resumes).toHaveLength(0);
  });
});

describe("4004 for the process (src/index.ts)", () => {
  const run = (f: FakeDiscord) => {
    const p = spawnEntry("src/index.ts", { env: { DISCORD_TOKEN: f.token, DISCORD_API_URL: f.restBase } });
    processes.push(p);
    return p;
  };

  it("at startup: exits non-zero naming DISCORD_TOKEN, after one IDENTIFY", async ({ onTestFinished }) => {
    const { fake: f } = await startFake(onTestFinished);
    await f.revokeToken({ rest: false });
    const p = run(f);
    expect(await p.exit).toBe(EXIT_REFUSED);
    expect(p.output()).toContain("DISCORD_TOKEN");
    expect(p.output()).not.toContain(f.token);
    expect(f.identifies.length).toBeGreaterThanOrEqual(1);
    expect(f.identifies.length).toBeLessThanOrEqual(2);
  });

  it("after it was ready and answering: exits non-zero with the same message instead of reconnecting", async ({ onTestFinished }) => {
    const { fake: f } = await startFake(onTestFinished);
    const p = run(f);
    await p.waitFor('"msg":"ready"');
    await expectAnswers(f);
    await f.revokeToken();
    expect(await p.exit).toBe(EXIT_REFUSED);
    expect(p.output()).toMatch(/"level":60.*DISCORD_TOKEN/);
    expect(p.output()).not.toContain(f.token);
    expect(f.identifies).toHaveLength(1);
    expect(f.resumes).toHaveLength(0);
  });
});
