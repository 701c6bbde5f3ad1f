import { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { ShardingManager, type Shard } from "discord.js";
import { EXIT_REFUSED } from "../discord/client.ts";
import type { Logger } from "../logger.ts";

/** Discord lets each identify bucket (shard id % max_concurrency) IDENTIFY once every 5 s. */
const IDENTIFY_INTERVAL_MS = 5500;
/** How long a shard may take from spawn to ready before the manager logs it and moves on. */
const READY_TIMEOUT_MS = 60_000;
/** How long a shard has to stop on SIGTERM before it is killed. */
const STOP_GRACE_MS = 5000;

export interface ShardsOptions {
  /** The bot's entry point (src/index.ts), run once per shard. */
  entry: string;
  /** Node flags for each shard process, e.g. ["--import", <tsx loader>]. */
  execArgv: string[];
  token: string;
  /** The shards to run here, and how many there are in all. */
  shardList: number[];
  totalShards: number;
  /** From GET /gateway/bot: how many shards may identify at once. */
  maxConcurrency: number;
  /** When set (not 0), shard N serves its health server on healthPort + N, so they don't collide. */
  healthPort: number | undefined;
  logger: Logger;
}

export interface Shards {
  manager: ShardingManager;
  /** Settles with the exit status for the manager's process once every shard has stopped. */
  done: Promise<number>;
  /** Stops every shard (SIGTERM, then SIGKILL after a grace period) and respawns none; idempotent. */
  stop(code: number): Promise<number>;
}

/**
 * Time between two shard spawns: shards in the same identify bucket are then at least
 * IDENTIFY_INTERVAL_MS apart (discord.js's own default, 5500 ms, assumes max_concurrency 1).
 */
export function spawnDelayMs(maxConcurrency: number): number {
  return Math.ceil(IDENTIFY_INTERVAL_MS / Math.max(1, maxConcurrency));
}

/**
 * Runs the bot under discord.js's ShardingManager, one process per shard. A shard that dies is
 * respawned (the manager's default), except one that Discord refused for good (exit status
 * EXIT_REFUSED: bad token, disallowed intents…): then every shard is stopped, since a respawn
 * would only be refused again.
 */
export function startShards(options: ShardsOptions): Shards {
  const { logger } = options;
  const manager = new ShardingManager(options.entry, {
    token: options.token,
    totalShards: options.totalShards,
    shardList: options.shardList,
    mode: "process",
    respawn: true,
    execArgv: options.execArgv,
  });

  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  let stopping: Promise<number> | null = null;

  const stop = (code: number): Promise<number> => {
    if (stopping) return stopping;
    manager.respawn = false;
    stopping = (async () => {
      // A shard whose death triggered this is being respawned in this very turn: let that start, then stop it too.
      await new Promise((resolve) => setImmediate(resolve));
      const running = [...manager.shards.values()].flatMap((shard) => (shard.process ? [{ shard, child: shard.process }] : []));
      await Promise.all(running.map(({ shard, child }) => stopShard(shard, child)));
      logger.info({ code }, "every shard stopped");
      finish(code);
      return code;
    })();
    return stopping;
  };

  manager.on("shardCreate", (shard) => {
    // discord.js tells the shard its id and the total in SHARDS / SHARD_COUNT; our config reads
    // SHARD_IDS with SHARD_COUNT, so set it to the same shard.
    const port = options.healthPort ? { HEALTH_PORT: String(options.healthPort + shard.id) } : {};
    if (typeof shard.env === "object" && shard.env !== null) Object.assign(shard.env, { SHARD_IDS: String(shard.id), ...port });
    shard.on("spawn", (child) => {
      const pid = child instanceof ChildProcess ? child.pid : undefined;
      // While stopping, this is discord.js respawning the shard whose death stopped everything: it is stopped at once.
      if (stopping) logger.debug({ shard: shard.id, pid }, "shard respawned while stopping");
      else logger.info({ shard: shard.id, pid }, "shard spawned");
    });
    shard.on("ready", () => logger.info({ shard: shard.id }, "shard ready"));
    shard.on("disconnect", () => logger.warn({ shard: shard.id }, "shard disconnected"));
    shard.on("reconnecting", () => logger.info({ shard: shard.id }, "shard reconnecting"));
    shard.on("error", (error) => {
      if (!stopping) logger.error({ err: error, shard: shard.id }, "shard error");
    });
    shard.on("death", (child) => {
      if (stopping) return;
      const exitCode = child instanceof ChildProcess ? child.exitCode : null;
      const signal = child instanceof ChildProcess ? child.signalCode : null;
      if (exitCode === EXIT_REFUSED) {
        logger.fatal({ shard: shard.id, exitCode }, "Discord refused the shard for good (see its message above); stopping every shard instead of respawning");
        void stop(EXIT_REFUSED);
        return;
      }
      logger.warn({ shard: shard.id, exitCode, signal }, "shard died; respawning it");
    });
  });

  void spawnAll(manager, options, () => stopping !== null);
  return { manager, done, stop };
}

/** Spawns the shards one after another; one that fails to get ready is logged and the rest still start. */
async function spawnAll(manager: ShardingManager, options: ShardsOptions, stopped: () => boolean): Promise<void> {
  const delay = spawnDelayMs(options.maxConcurrency);
  for (const [index, id] of options.shardList.entries()) {
    if (stopped()) return;
    const shard = manager.createShard(id);
    const last = index === options.shardList.length - 1;
    await Promise.all([
      shard.spawn(READY_TIMEOUT_MS).catch((error: unknown) => {
        if (!stopped()) options.logger.error({ err: error, shard: id }, "shard did not become ready");
      }),
      last ? undefined : sleep(delay),
    ]);
  }
}

/** SIGTERM (the bot stops cleanly), then SIGKILL if it is still there after the grace period. */
async function stopShard(shard: Shard, child: ChildProcess): Promise<void> {
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, "exit");
  shard.kill();
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
