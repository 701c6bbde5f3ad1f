import { ConfigError, type Config } from "../config.ts";
import type { LiveKnowledge } from "../knowledge/live.ts";
import type { Logger } from "../logger.ts";
import { createMetrics, type Metrics } from "../metrics.ts";
import { createHealthCheck } from "./check.ts";
import { startHealthServer } from "./server.ts";
import { createShardTracker, type ShardTracker } from "./shards.ts";

export interface BotObservability {
  /** where the health server listens, e.g. http://127.0.0.1:9464 */
  url: string;
  metrics: Metrics;
  shards: ShardTracker;
  /** feeds the reload counter and the facts gauge */
  onReload(outcome: { ok: boolean; facts: number }): void;
  close(): Promise<void>;
}

/**
 * With HEALTH_PORT set: metrics, the shards' states and the health server (/healthz, /metrics),
 * bound to HEALTH_HOST (127.0.0.1 by default). Off, and nothing collected, without it.
 * Started before the bot connects, so /healthz says 503 "not connected yet" meanwhile.
 */
export async function startObservability(
  config: Pick<Config, "healthPort" | "healthHost" | "shards">,
  knowledge: () => LiveKnowledge | undefined,
  logger: Logger,
): Promise<BotObservability | undefined> {
  if (config.healthPort === undefined) return undefined;
  const metrics = createMetrics();
  // With SHARD_IDS, those shards are expected; otherwise (one process, or a shard under
  // start:sharded, which gets its ids from discord.js) the shards that connect are tracked.
  const shards = createShardTracker(config.shards?.ids ?? [], metrics);
  const health = createHealthCheck({ shards: () => shards.states(), knowledgeLoaded: () => (knowledge()?.engine.facts.length ?? 0) > 0 });
  let server;
  try {
    server = await startHealthServer({ host: config.healthHost, port: config.healthPort, metrics, health, logger });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Cannot serve /healthz and /metrics on ${config.healthHost}:${config.healthPort} (${reason}). Set HEALTH_PORT to a free port, or leave it empty to turn the server off.`);
  }
  logger.info({ url: server.url }, "health and metrics server listening");
  return {
    url: server.url,
    metrics,
    shards,
    onReload: (outcome) => {
      metrics.reloaded(outcome.ok ? "ok" : "failed");
      metrics.factsLoaded(outcome.facts);
    },
    close: () => server.close(),
  };
}
