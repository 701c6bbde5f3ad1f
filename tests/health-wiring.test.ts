import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../src/bot.ts";
import { loadConfig } from "../src/config.ts";
import { startObservability, type BotObservability } from "../src/health/for-bot.ts";
import { buildKnowledge } from "../src/knowledge/build.ts";
import { LiveKnowledge } from "../src/knowledge/live.ts";
import { createLogger } from "../src/logger.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import { startFakeDiscord, type FakeDiscord } from "./fake-discord/index.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The health server wired to the real bot: shard events and reloads feed /healthz and /metrics.

class Sink extends Writable {
  override _write(_chunk: Buffer, _encoding: string, done: () => void): void {
    done();
  }
}

let fake: FakeDiscord | undefined;
let bot: Bot | undefined;
let observe: BotObservability | undefined;
let live: LiveKnowledge | undefined;
const cacheDir = mkdtempSync(join(tmpdir(), "health-wiring-"));

afterEach(async () => {
  await bot?.stop();
  await fake?.close();
  await observe?.close();
  live?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe("health wiring", () => {
  it("is off without HEALTH_PORT", async () => {
    expect(await startObservability({ healthPort: undefined, healthHost: "127.0.0.1", shards: undefined }, () => undefined, createLogger("silent"))).toBeUndefined();
  });

  it("says 503 until the knowledge is loaded and the gateway ready, then 200; reloads and questions are counted", async () => {
    const logger = createLogger("silent", new Sink());
    observe = await startObservability({ healthPort: 0, healthHost: "127.0.0.1", shards: undefined }, () => live, logger);
    if (!observe) throw new Error("not started");
    const url = /^(http:\/\/127\.0\.0\.1:\d+)$/.exec(observe.url)?.[1];
    expect(url).toBeDefined();
    const first = await fetch(`${url}/healthz`);
    expect(first.status).toBe(503);
    const reasons = await first.text();
    expect(reasons).toContain("gateway disconnected (no shard connected yet)");
    expect(reasons).toContain("knowledge index not loaded");

    live = await LiveKnowledge.start({ dir: DEFAULT_KNOWLEDGE_DIR, cacheDir, logger, build: async (d, c) => buildKnowledge(d, c), onReload: observe.onReload });
    const loaded = await (await fetch(`${url}/healthz`)).text();
    expect(loaded).not.toContain("knowledge index not loaded");
    expect(loaded).toContain("no shard connected yet");

    fake = await startFakeDiscord();
    const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restBase, ASK_COOLDOWN_LIMIT: "1000" });
    bot = await startBot({ config: { ...config, token: fake.token }, knowledge: live, observe, logger });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    for (const question of ["When was NATO founded?", "What is the capital of Poland?"]) {
      const sent = fake.sendInteraction({ kind: "command", name: "ask", options: { question } });
      await fake.waitForCall({ method: "POST", path: `/v10/interactions/${sent.id}/${sent.token}/callback` });
    }
    await live.reload("test");
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^article_bot_questions_total\{outcome="answered"\} 1$/m);
    expect(metrics).toMatch(/^article_bot_questions_total\{outcome="declined"\} 1$/m);
    expect(metrics).toMatch(/^article_bot_answer_duration_seconds_count 2$/m);
    expect(metrics).toMatch(/^article_bot_knowledge_reloads_total\{result="ok"\} 2$/m);
    expect(metrics).toMatch(/^article_bot_facts_loaded 47$/m);
  });
});
