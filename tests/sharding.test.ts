import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startBot, type Bot } from "../src/bot.ts";
import { loadConfig } from "../src/config.ts";
import { EXIT_REFUSED } from "../src/discord/client.ts";
import { createEngine, type Engine } from "../src/engine/engine.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { createLogger } from "../src/logger.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import { spawnDelayMs } from "../src/sharding/manager.ts";
import { startFakeDiscord, type FakeDiscord } from "./fake-discord/index.ts";
import { ROOT, spawnCommand, type Spawned } from "./fake-discord/spawn.ts";
import { callbackOf, textOf } from "./helpers/discord-bodies.ts";

// Sharding against a fake Discord that recommends 2 shards: SHARD_IDS / SHARD_COUNT in one
// process (startBot), and `npm run start:sharded` (discord.js's ShardingManager) as a process.

class Sink extends Writable {
  override _write(_chunk: Buffer, _encoding: string, done: () => void): void {
    done();
  }
}

let engine: Engine;
beforeAll(() => {
  engine = createEngine(loadKnowledge(DEFAULT_KNOWLEDGE_DIR));
});

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function fakeDiscord(): Promise<FakeDiscord> {
  const fake = await startFakeDiscord({ shards: 2 });
  cleanups.push(() => fake.close());
  return fake;
}

/** The shard Discord sends a guild's events to: (guild_id >> 22) % shard_count. */
const shardOfGuild = (guildId: string, count: number) => Number((BigInt(guildId) >> 22n) % BigInt(count));

/** An /ask sent over shard `shard`'s connection is answered. */
async function expectAnswerOver(fake: FakeDiscord, shard: number): Promise<void> {
  const sent = fake.sendInteraction({ kind: "command", name: "ask", options: { question: "When was NATO founded?" } }, { shard });
  const call = await fake.waitForCall({ method: "POST", path: `/v10/interactions/${sent.id}/${sent.token}/callback` }, 10_000);
  expect(call.status).toBe(204);
  expect(textOf(callbackOf(call).data)).toContain("1949");
}

const shardsIdentified = (fake: FakeDiscord) => fake.identifies.map((i) => i.shard).sort((a, b) => (a?.[0] ?? 0) - (b?.[0] ?? 0));

describe("SHARD_IDS and SHARD_COUNT in one process", () => {
  async function start(fake: FakeDiscord, ids: string, count: string): Promise<Bot> {
    const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restBase, LOG_LEVEL: "silent", SHARD_IDS: ids, SHARD_COUNT: count });
    if (!config.token) throw new Error("no token");
    const bot = await startBot({ config: { ...config, token: config.token }, knowledge: { engine }, logger: createLogger("silent", new Sink()) });
    cleanups.push(() => bot.stop());
    return bot;
  }

  it("0,1 of 2: each shard identifies with its own [id, count], and an /ask over each is answered", async () => {
    const fake = await fakeDiscord();
    const bot = await start(fake, "0,1", "2");
    expect(shardsIdentified(fake)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect([...bot.client.ws.shards.keys()].sort()).toEqual([0, 1]);
    // The guild arrived on the shard Discord routes it to.
    expect(bot.client.guilds.cache.get(fake.guild.id)?.shardId).toBe(shardOfGuild(fake.guild.id, 2));
    await expectAnswerOver(fake, 0);
    await expectAnswerOver(fake, 1);
  });

  it("1 of 2: runs only shard 1", async () => {
    const fake = await fakeDiscord();
    const bot = await start(fake, "1", "2");
    expect(shardsIdentified(fake)).toEqual([[1, 2]]);
    expect([...bot.client.ws.shards.keys()]).toEqual([1]);
    await expectAnswerOver(fake, 1);
    expect(() => fake.sendInteraction({ kind: "command", name: "ask", options: { question: "Who is Rutte?" } }, { shard: 0 })).toThrow(/shard 0 has no gateway session/);
  });
});

describe("npm run start:sharded", () => {
  function runSharded(fake: FakeDiscord): Spawned {
    const data = mkdtempSync(join(tmpdir(), "sharded-data-"));
    const p = spawnCommand("npm", ["run", "-s", "start:sharded"], {
      cwd: ROOT,
      group: true,
      env: { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restBase, DATA_DIR: data, LOG_LEVEL: "info" },
    });
    cleanups.push(() => {
      p.cleanup();
      rmSync(data, { recursive: true, force: true });
    });
    return p;
  }

  it("spawns the shard count Discord recommends; shards [0,2] and [1,2] both answer; SIGTERM stops them all", async () => {
    const fake = await fakeDiscord();
    const p = runSharded(fake);
    await p.waitFor('"msg":"shard ready"', { times: 2, timeoutMs: 45_000 });
    expect(p.output()).toMatch(/"shards":\[0,1\],"totalShards":2,"recommended":2/);
    expect(shardsIdentified(fake)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    await expectAnswerOver(fake, 0);
    await expectAnswerOver(fake, 1);
    // Two processes, not one: each shard process logged its own ready.
    expect(p.count('"msg":"ready"')).toBe(2);

    // SIGTERM to the whole process group, as Ctrl-C or a service manager sends it (npm itself
    // passes nothing on): the manager and both shards stop cleanly, each once.
    p.kill("SIGTERM", { group: true });
    await p.waitFor('"msg":"every shard stopped"', { timeoutMs: 15_000 });
    expect(p.count('"msg":"shutting down"')).toBe(3);
    await expect.poll(() => p.alive({ group: true }), { timeout: 10_000 }).toBe(false);
    expect(p.output()).not.toContain(fake.token);
  }, 60_000);

  it("a shard refused with 4004 stops the manager, naming DISCORD_TOKEN, instead of a respawn loop", async () => {
    const fake = await fakeDiscord();
    await fake.revokeToken({ rest: false }); // GET /gateway/bot works, every IDENTIFY is refused
    const p = runSharded(fake);
    expect(await p.exit).toBe(EXIT_REFUSED);
    expect(p.output()).toContain("DISCORD_TOKEN");
    expect(p.output()).toContain("stopping every shard instead of respawning");
    expect(fake.identifies.length).toBeGreaterThanOrEqual(1);
    expect(fake.identifies.length).toBeLessThanOrEqual(2);
    expect(p.output()).not.toContain(fake.token);
  }, 60_000);
});

describe("spawn delay", () => {
  it("keeps shards of one identify bucket 5.5 s apart", () => {
    expect(spawnDelayMs(1)).toBe(5500);
    expect(spawnDelayMs(2)).toBe(2750);
    expect(spawnDelayMs(16)).toBe(344);
    expect(spawnDelayMs(0)).toBe(5500);
  });
});
