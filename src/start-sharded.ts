import { fileURLToPath } from "node:url";
import { DiscordAPIError, REST } from "discord.js";
import { ConfigError, loadConfig, NO_TOKEN_MESSAGE } from "./config.ts";
import { TOKEN_REFUSED_MESSAGE } from "./discord/client.ts";
import { createLogger } from "./logger.ts";
import { fetchGatewayInfo } from "./sharding/gateway-info.ts";
import { startShards } from "./sharding/manager.ts";

/**
 * npm run start:sharded: the bot under discord.js's ShardingManager, one process per shard
 * (src/index.ts through tsx). The shard count is Discord's recommendation (GET /gateway/bot), or
 * SHARD_IDS of SHARD_COUNT when set (to split the shards over several machines).
 * SIGINT/SIGTERM stop every shard cleanly.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.token) {
    console.error(NO_TOKEN_MESSAGE);
    return 1;
  }
  const logger = createLogger(config.logLevel).child({ process: "shard-manager" });
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  let gateway;
  try {
    gateway = await fetchGatewayInfo(rest);
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 401) {
      logger.fatal(TOKEN_REFUSED_MESSAGE);
      return 1;
    }
    throw error;
  }
  const shardList = config.shards?.ids ?? Array.from({ length: gateway.shards }, (_, id) => id);
  const totalShards = config.shards?.count ?? gateway.shards;
  logger.info({ shards: shardList, totalShards, recommended: gateway.shards, maxConcurrency: gateway.maxConcurrency }, "starting shards");

  const shards = startShards({
    entry: fileURLToPath(new URL("./index.ts", import.meta.url)),
    execArgv: ["--import", import.meta.resolve("tsx")],
    token: config.token,
    shardList,
    totalShards,
    maxConcurrency: gateway.maxConcurrency,
    healthPort: config.healthPort,
    logger,
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    void shards.stop(0);
  };
  // `on`, not `once`: a second signal (a process group signalled as a whole) must not kill the manager mid-stop.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return shards.done;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
