import { once } from "node:events";
import { connect } from "node:net";
import { Writable } from "node:stream";
import { Client, Events, GatewayIntentBits } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { createHealthCheck } from "../src/health/check.ts";
import { trackShards } from "../src/health/discord.ts";
import type { HealthStatus } from "../src/health/check.ts";
import { startHealthServer, type HealthServer } from "../src/health/server.ts";
import { createShardTracker } from "../src/health/shards.ts";
import { createLogger } from "../src/logger.ts";
import { createMetrics, METRIC_NAMES, type Metrics } from "../src/metrics.ts";
import { startFakeDiscord } from "./fake-discord/index.ts";

const silent = createLogger("silent");
const servers: HealthServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(health: () => HealthStatus, metrics: Metrics = createMetrics({ processMetrics: false }), host?: string) {
  const server = await startHealthServer({ port: 0, metrics, health, logger: silent, ...(host === undefined ? {} : { host }) });
  servers.push(server);
  return server;
}

const healthy = (): HealthStatus => ({ ok: true, reasons: [] });

// ── a strict reader of the Prometheus text format (0.0.4), enough to check what prom-client writes ──

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const HELP_LINE = new RegExp(`^# HELP (${NAME}) .*$`);
const TYPE_LINE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SAMPLE_LINE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;

function parsePrometheus(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line === "") continue;
    const where = `line ${index + 1}: ${line}`;
    if (line.startsWith("#")) {
      const type = TYPE_LINE.exec(line);
      if (type?.[1] && type[2]) types.set(type[1], type[2]);
      else if (!HELP_LINE.test(line)) throw new Error(`not a HELP or TYPE comment, ${where}`);
      continue;
    }
    const m = SAMPLE_LINE.exec(line);
    if (!m?.[1] || m[3] === undefined) throw new Error(`not a sample, ${where}`);
    const labels: Record<string, string> = {};
    const body = m[2] ?? "";
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < body.length) {
      const l = LABEL.exec(body);
      if (!l?.[1] || l[2] === undefined) throw new Error(`bad labels, ${where}`);
      labels[l[1]] = l[2];
    }
    // Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes "Nan").
    const raw = m[3].toLowerCase();
    const value = raw === "+inf" || raw === "inf" ? Infinity : raw === "-inf" ? -Infinity : raw === "nan" ? Number.NaN : Number(raw);
    if (Number.isNaN(value) && raw !== "nan") throw new Error(`bad value, ${where}`);
    const family = m[1].replace(/_(bucket|sum|count|total|created)$/, "");
    if (!types.has(m[1]) && !types.has(family)) throw new Error(`sample without a TYPE, ${where}`);
    samples.push({ name: m[1], labels, value });
  }
  return { types, samples };
}

function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

async function scrape(server: HealthServer) {
  const res = await fetch(`${server.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await res.text());
}

describe("GET /healthz", () => {
  it("answers 200 with status ok when the check passes", async () => {
    const server = await serve(healthy);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("answers 503 with every reason while the gateway is down or the index is not loaded, and 200 once both are fine", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const shards = createShardTracker([0, 1], metrics);
    let loaded = false;
    const server = await serve(createHealthCheck({ shards: () => shards.states(), knowledgeLoaded: () => loaded }), metrics);

    let res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: "unavailable",
      reasons: ["gateway disconnected (shard 0: not connected yet)", "gateway disconnected (shard 1: not connected yet)", "knowledge index not loaded"],
    });

    shards.ready(0);
    shards.ready(1);
    shards.down(1, "closed with code 4000");
    loaded = true;
    res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", reasons: ["gateway disconnected (shard 1: closed with code 4000)"] });
    const { samples } = await scrape(server);
    expect(valueOf(samples, METRIC_NAMES.shardReady, { shard: "0" })).toBe(1);
    expect(valueOf(samples, METRIC_NAMES.shardReady, { shard: "1" })).toBe(0);

    shards.ready(1);
    res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("says the gateway is down when no shard is expected or known", async () => {
    const check = createHealthCheck({ shards: () => [], knowledgeLoaded: () => true });
    expect(check()).toEqual({ ok: false, reasons: ["gateway disconnected (no shard connected yet)"] });
  });

  it("answers 503 rather than crashing when the check itself throws", async () => {
    const server = await serve(() => {
      throw new Error("engine gone");
    });
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", reasons: ["health check failed: engine gone"] });
    expect((await fetch(`${server.url}/healthz?again=1`)).status).toBe(503);
  });

  it("answers HEAD with the status and no body", async () => {
    const server = await serve(healthy);
    const res = await fetch(`${server.url}/healthz`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });
});

describe("GET /metrics", () => {
  it("is Prometheus text whose counts follow the metric methods", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const server = await serve(healthy, metrics);

    const before = await scrape(server);
    expect(before.types.get(METRIC_NAMES.questions)).toBe("counter");
    expect(before.types.get(METRIC_NAMES.answerSeconds)).toBe("histogram");
    expect(before.types.get(METRIC_NAMES.errors)).toBe("counter");
    expect(before.types.get(METRIC_NAMES.reloads)).toBe("counter");
    expect(before.types.get(METRIC_NAMES.shardReady)).toBe("gauge");
    expect(before.types.get(METRIC_NAMES.facts)).toBe("gauge");
    for (const outcome of ["answered", "declined", "invalid", "cooldown"]) {
      expect(valueOf(before.samples, METRIC_NAMES.questions, { outcome })).toBe(0);
    }
    expect(valueOf(before.samples, `${METRIC_NAMES.answerSeconds}_count`)).toBe(0);

    metrics.questionAsked("answered", 0.0004);
    metrics.questionAsked("answered", 0.002);
    metrics.questionAsked("declined", 0.3);
    metrics.questionAsked("cooldown");
    metrics.errorCaught("interaction");
    metrics.errorCaught("interaction");
    metrics.errorCaught("client");
    metrics.reloaded("ok");
    metrics.reloaded("failed");
    metrics.reloaded("ok");
    metrics.shardStatus(0, true);
    metrics.factsLoaded(47);

    const after = (await scrape(server)).samples;
    expect(valueOf(after, METRIC_NAMES.questions, { outcome: "answered" })).toBe(2);
    expect(valueOf(after, METRIC_NAMES.questions, { outcome: "declined" })).toBe(1);
    expect(valueOf(after, METRIC_NAMES.questions, { outcome: "cooldown" })).toBe(1);
    expect(valueOf(after, METRIC_NAMES.questions, { outcome: "invalid" })).toBe(0);
    // Three timed answers (the cooldown had no answering time), cumulative buckets.
    const bucket = (le: string) => valueOf(after, `${METRIC_NAMES.answerSeconds}_bucket`, { le });
    expect(valueOf(after, `${METRIC_NAMES.answerSeconds}_count`)).toBe(3);
    expect(bucket("0.0005")).toBe(1);
    expect(bucket("0.001")).toBe(1);
    expect(bucket("0.0025")).toBe(2);
    expect(bucket("0.25")).toBe(2);
    expect(bucket("0.5")).toBe(3);
    expect(bucket("1")).toBe(3);
    expect(bucket("+Inf")).toBe(3);
    expect(valueOf(after, `${METRIC_NAMES.answerSeconds}_sum`)).toBeCloseTo(0.3024, 6);
    expect(valueOf(after, METRIC_NAMES.errors, { where: "interaction" })).toBe(2);
    expect(valueOf(after, METRIC_NAMES.errors, { where: "client" })).toBe(1);
    expect(valueOf(after, METRIC_NAMES.reloads, { result: "ok" })).toBe(2);
    expect(valueOf(after, METRIC_NAMES.reloads, { result: "failed" })).toBe(1);
    expect(valueOf(after, METRIC_NAMES.shardReady, { shard: "0" })).toBe(1);
    expect(valueOf(after, METRIC_NAMES.facts)).toBe(47);

    metrics.shardStatus(0, false);
    expect(valueOf((await scrape(server)).samples, METRIC_NAMES.shardReady, { shard: "0" })).toBe(0);
  });

  it("includes prom-client's process metrics on its own registry, not the global one", async () => {
    const { register } = await import("prom-client");
    const metrics = createMetrics();
    const server = await serve(healthy, metrics);
    const { samples, types } = await scrape(server);
    expect(types.get("process_cpu_user_seconds_total")).toBe("counter");
    expect(valueOf(samples, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
    expect(register.getSingleMetric(METRIC_NAMES.questions)).toBeUndefined();
    expect(register.getSingleMetric("process_cpu_user_seconds_total")).toBeUndefined();
  });

  it("keeps two Metrics apart", async () => {
    const a = createMetrics({ processMetrics: false });
    const b = createMetrics({ processMetrics: false });
    a.questionAsked("answered", 0.001);
    const server = await serve(healthy, b);
    expect(valueOf((await scrape(server)).samples, METRIC_NAMES.questions, { outcome: "answered" })).toBe(0);
  });
});

describe("anything else", () => {
  it("is 404 for other paths and 405 for other methods, without reading the body", async () => {
    const server = await serve(healthy);
    for (const path of ["/", "/health", "/healthz/extra", "/metrics.txt", "/%zz"]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
    }
    const post = await fetch(`${server.url}/healthz`, { method: "POST", body: "x".repeat(100_000) });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    for (const method of ["PUT", "DELETE", "OPTIONS", "PATCH"]) {
      expect((await fetch(`${server.url}/metrics`, { method })).status, method).toBe(405);
    }
  });

  it("survives malformed requests and keeps serving", async () => {
    const server = await serve(healthy);
    const { port } = server.address;
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, "127.0.0.1");
        let out = "";
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new Error(`no answer to ${JSON.stringify(text)}`));
        }, 5000);
        socket.on("data", (chunk) => (out += chunk.toString("latin1")));
        socket.on("close", () => {
          clearTimeout(timer);
          resolve(out);
        });
        socket.on("error", () => undefined);
        socket.end(text);
      });
    expect(await raw("GARBAGE\r\n\r\n")).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n")).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw("GET http://elsewhere/healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).toMatch(/^HTTP\/1\.1 404/);
    expect(await raw("OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).toMatch(/^HTTP\/1\.1 405/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe("the server", () => {
  it("binds to 127.0.0.1 by default, with the real port in its url", async () => {
    const server = await serve(healthy);
    expect(server.address.address).toBe("127.0.0.1");
    expect(server.address.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.address.port}`);
  });

  it("binds where it is told", async () => {
    const server = await serve(healthy, undefined, "localhost");
    expect(["127.0.0.1", "::1"]).toContain(server.address.address);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("rejects when the port is taken", async () => {
    const first = await serve(healthy);
    await expect(
      startHealthServer({ port: first.address.port, metrics: createMetrics({ processMetrics: false }), health: healthy, logger: silent }),
    ).rejects.toThrow(/EADDRINUSE/);
  });

  it("closes cleanly, even with a kept-alive connection open, and then refuses connections", async () => {
    const lines: string[] = [];
    const logger = createLogger(
      "info",
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString("utf8"));
          done();
        },
      }),
    );
    const server = await startHealthServer({ port: 0, metrics: createMetrics({ processMetrics: false }), health: healthy, logger });
    const res = await fetch(`${server.url}/healthz`, { headers: { connection: "keep-alive" } });
    expect(res.status).toBe(200);
    await res.text();
    await server.close();
    await server.close(); // twice is fine
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(lines.join("")).toContain(server.url);
  });
});

describe("shard status from a discord.js client", () => {
  it("follows ready, a resumable close and its resume, then a close Discord refuses, through /healthz and the gauge", async () => {
    const fake = await startFakeDiscord();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.restBase } });
    try {
      const metrics = createMetrics({ processMetrics: false });
      const shards = createShardTracker([0], metrics);
      const seen: string[] = [];
      trackShards(client, {
        ready(id) {
          seen.push(`ready ${id}`);
          shards.ready(id);
        },
        down(id, why) {
          seen.push(`down ${id}: ${why}`);
          shards.down(id, why);
        },
        states: () => shards.states(),
      });
      const server = await serve(createHealthCheck({ shards: () => shards.states(), knowledgeLoaded: () => true }), metrics);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(503);

      const ready = once(client, Events.ClientReady);
      await client.login(fake.token);
      await ready;
      expect(seen).toEqual(["ready 0"]);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(valueOf((await scrape(server)).samples, METRIC_NAMES.shardReady, { shard: "0" })).toBe(1);

      const resumed = once(client, Events.ShardResume);
      await fake.closeGateway(4000);
      await resumed;
      expect(seen).toEqual(["ready 0", "down 0: reconnecting", "ready 0"]);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      const disconnected = once(client, Events.ShardDisconnect);
      await fake.closeGateway(4004, "Authentication failed.");
      await disconnected;
      expect(seen.at(-1)).toBe("down 0: closed with code 4004");
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "unavailable", reasons: ["gateway disconnected (shard 0: closed with code 4004)"] });
      expect(valueOf((await scrape(server)).samples, METRIC_NAMES.shardReady, { shard: "0" })).toBe(0);
    } finally {
      await client.destroy();
      await fake.close();
    }
  });
});
