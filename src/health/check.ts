import type { ShardState } from "./shards.ts";

/** The answer of a health check: ok, or not with one plain reason per problem. */
export interface HealthStatus {
  ok: boolean;
  reasons: string[];
}

export interface HealthInputs {
  /** the expected shards and what they are doing */
  shards: () => readonly ShardState[];
  /** whether a knowledge index is loaded and answering */
  knowledgeLoaded: () => boolean;
}

/** Healthy when every expected shard is ready and the knowledge index is loaded. */
export function createHealthCheck({ shards, knowledgeLoaded }: HealthInputs): () => HealthStatus {
  return () => {
    const states = shards();
    const reasons = states.filter((s) => !s.ready).map((s) => `gateway disconnected (shard ${s.id}: ${s.detail})`);
    if (states.length === 0) reasons.push("gateway disconnected (no shard connected yet)");
    if (!knowledgeLoaded()) reasons.push("knowledge index not loaded");
    return { ok: reasons.length === 0, reasons };
  };
}
