import { spawn } from "node:child_process";
import { createServer, type Socket } from "node:net";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "./fake-discord/index.ts";

// `npm start`'s entry point (src/index.ts) as a real process: signals, exit codes, messages.
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const ENTRY = join(ROOT, "src/index.ts");

interface Started {
  exit: Promise<number | null>;
  output: () => string;
  kill: (signal: NodeJS.Signals) => void;
  waitFor: (text: string, timeoutMs?: number) => Promise<void>;
}

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** Runs the bot in a scratch folder (so no developer's .env is read), with only these variables. */
function runBot(env: Record<string, string>): Started {
  const cwd = mkdtempSync(join(tmpdir(), "bot-run-"));
  const child = spawn(process.execPath, ["--import", TSX, ENTRY], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(cwd, { recursive: true, force: true });
  });
  return {
    exit,
    output: () => output,
    kill: (signal) => child.kill(signal),
    waitFor: (text, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!output.includes(text)) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`"${text}" did not appear; output so far:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
  };
}

async function fakeDiscord(): Promise<FakeDiscord> {
  const fake = await startFakeDiscord();
  cleanups.push(() => fake.close());
  return fake;
}

describe("npm start", () => {
  it("without a token, exits 1 with a clear message that points to npm run ask", async () => {
    const bot = runBot({});
    expect(await bot.exit).toBe(1);
    expect(bot.output()).toContain("DISCORD_TOKEN is not set");
    expect(bot.output()).toContain("npm run ask");
  });

  it("with an invalid setting, exits 1 naming the variable", async () => {
    const bot = runBot({ DISCORD_TOKEN: "x", ASK_COOLDOWN_LIMIT: "lots" });
    expect(await bot.exit).toBe(1);
    expect(bot.output()).toMatch(/ASK_COOLDOWN_LIMIT: ASK_COOLDOWN_LIMIT must be a number/);
  });

  it("connects, answers, and exits 0 on SIGTERM, never logging the token", async () => {
    const fake = await fakeDiscord();
    const bot = runBot({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restBase });
    await bot.waitFor('"msg":"ready"');
    const sent = fake.sendInteraction({ kind: "command", name: "ask", options: { question: "When was NATO founded?" } });
    await fake.waitForCall({ method: "POST", path: `/v10/interactions/${sent.id}/${sent.token}/callback` });
    bot.kill("SIGTERM");
    expect(await bot.exit).toBe(0);
    expect(bot.output()).toContain('"msg":"shutting down"');
    expect(bot.output()).not.toContain(fake.token);
  });

  it("stops cleanly on SIGTERM while it is still logging in: the shutdown logged, exit 0", async () => {
    // A Discord that accepts connections and never answers: the login hangs until the signal.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
      silent.close();
    });
    const address = silent.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    const bot = runBot({ DISCORD_TOKEN: "a-token-that-is-never-checked", DISCORD_API_URL: `http://127.0.0.1:${address.port}/api` });
    await bot.waitFor('"msg":"knowledge loaded"');
    // the REST request for the gateway is in flight
    await new Promise<void>((resolve) => (sockets.size > 0 ? resolve() : silent.once("connection", () => resolve())));
    bot.kill("SIGTERM");
    expect(await bot.exit).toBe(0);
    expect(bot.output()).toContain('"msg":"shutting down"');
  });

  it("exits 78 (not to be restarted) naming DISCORD_TOKEN when Discord refuses the token, instead of reconnecting", async () => {
    const fake = await fakeDiscord();
    const bot = runBot({ DISCORD_TOKEN: "wrong-token", DISCORD_API_URL: fake.restBase });
    expect(await bot.exit).toBe(78);
    expect(bot.output()).toContain("DISCORD_TOKEN");
    expect(bot.output()).not.toContain("wrong-token");
  });

  it("with a damaged feedback database, names its path and answers anyway, without votes", async () => {
    const fake = await fakeDiscord();
    const data = mkdtempSync(join(tmpdir(), "bot-data-"));
    cleanups.push(() => rmSync(data, { recursive: true, force: true }));
    writeFileSync(join(data, "feedback.sqlite"), "this is not a database, it is a text file ".repeat(200));
    const bot = runBot({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restBase, DATA_DIR: data });
    await bot.waitFor('"msg":"ready"');
    expect(bot.output()).toContain(`The feedback database ${join(data, "feedback.sqlite")} could not be opened`);
    const sent = fake.sendInteraction({ kind: "command", name: "ask", options: { question: "When was NATO founded?" } });
    const call = await fake.waitForCall({ method: "POST", path: `/v10/interactions/${sent.id}/${sent.token}/callback` });
    const body = JSON.stringify(call.body);
    expect(body).toContain("1949");
    expect(body).toContain("source:nato-founded-1949");
    expect(body).not.toContain("vote:");
    bot.kill("SIGTERM");
    expect(await bot.exit).toBe(0);
  });

  it("reloads the knowledge folder by itself when a file changes, in a worker thread", async () => {
    const fake = await fakeDiscord();
    const dir = mkdtempSync(join(tmpdir(), "bot-kb-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(join(ROOT, "knowledge"), join(dir, "knowledge"), { recursive: true });
    mkdirSync(join(dir, "data"));
    const bot = runBot({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restBase, KNOWLEDGE_DIR: join(dir, "knowledge"), DATA_DIR: join(dir, "data") });
    await bot.waitFor('"msg":"ready"');
    const file = join(dir, "knowledge", "articles", "russia-ukraine-ceasefire-nato.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("      - how old is nato\n", "      - how old is nato\n      - in which year did the alliance come into being\n"));
    await bot.waitFor('"msg":"knowledge reloaded"', 30_000);
    const sent = fake.sendInteraction({ kind: "command", name: "ask", options: { question: "in which year did the alliance come into being" } });
    const call = await fake.waitForCall({ method: "POST", path: `/v10/interactions/${sent.id}/${sent.token}/callback` });
    expect(JSON.stringify(call.body)).toContain("source:nato-founded-1949");
    bot.kill("SIGTERM");
    expect(await bot.exit).toBe(0);
  });

  it("with HEALTH_PORT, serves /healthz (200 once connected) and /metrics on 127.0.0.1", async () => {
    const fake = await fakeDiscord();
    const bot = runBot({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.restBase, HEALTH_PORT: "0" });
    await bot.waitFor('"msg":"ready"');
    const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*health and metrics server listening/.exec(bot.output())?.[1];
    expect(url).toBeDefined();
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const sent = fake.sendInteraction({ kind: "command", name: "ask", options: { question: "When was NATO founded?" } });
    await fake.waitForCall({ method: "POST", path: `/v10/interactions/${sent.id}/${sent.token}/callback` });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^article_bot_questions_total\{outcome="answered"\} 1$/m);
    expect(metrics).toMatch(/^article_bot_shard_ready\{shard="0"\} 1$/m);
    expect(metrics).toMatch(/^article_bot_facts_loaded \d+$/m);
    expect((await fetch(`${url}/nothing-here`)).status).toBe(404);
    bot.kill("SIGTERM");
    expect(await bot.exit).toBe(0);
  });
});
