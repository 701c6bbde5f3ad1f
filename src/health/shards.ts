import type { Metrics } from "../metrics.ts";

export interface ShardState {
  id: number;
  ready: boolean;
  /** why it is not ready ("not connected yet", "closed with code 4000", …); empty when ready */
  detail: string;
}

/** What the gateway shards are doing, fed from the client's shard events; keeps the shard gauge in step. */
export interface ShardTracker {
  ready(shardId: number): void;
  down(shardId: number, detail: string): void;
  states(): ShardState[];
}

/** Every expected shard starts down ("not connected yet") until its first ready. */
export function createShardTracker(shardIds: readonly number[], metrics?: Pick<Metrics, "shardStatus">): ShardTracker {
  const states = new Map<number, ShardState>();
  const set = (id: number, ready: boolean, detail: string) => {
    states.set(id, { id, ready, detail: ready ? "" : detail });
    metrics?.shardStatus(id, ready);
  };
  for (const id of shardIds) set(id, false, "not connected yet");
  return {
    ready: (id) => set(id, true, ""),
    down: (id, detail) => set(id, false, detail),
    states: () => [...states.values()].sort((a, b) => a.id - b.id).map((s) => ({ ...s })),
  };
}
