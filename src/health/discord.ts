import { Events, type Client } from "discord.js";
import type { ShardTracker } from "./shards.ts";

/**
 * Feeds a shard tracker from a discord.js client's shard events. Register it before `login`, so
 * the first ready of every shard is seen. A shard is down from a disconnect or a reconnect until
 * it is ready or resumed again.
 */
export function trackShards(client: Client, shards: ShardTracker): void {
  client.on(Events.ShardReady, (shardId) => shards.ready(shardId));
  client.on(Events.ShardResume, (shardId) => shards.ready(shardId));
  client.on(Events.ShardReconnecting, (shardId) => shards.down(shardId, "reconnecting"));
  client.on(Events.ShardDisconnect, (event, shardId) => shards.down(shardId, `closed with code ${event.code}`));
}
