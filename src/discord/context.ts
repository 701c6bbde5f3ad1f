import type { Config } from "../config.ts";
import type { Engine } from "../engine/engine.ts";
import type { FeedbackStore } from "../feedback/store.ts";
import type { KnowledgeStatus, ReloadOutcome } from "../knowledge/live.ts";
import type { Logger } from "../logger.ts";
import type { Metrics } from "../metrics.ts";
import type { Cooldown } from "./cooldown.ts";

/** Where the current engine comes from: a fixed one, or live knowledge that reloads. */
export interface EngineSource {
  /** the engine to use now; read it once per question, it may be swapped between questions */
  readonly engine: Engine;
}

/** Knowledge that can be reloaded while the bot runs (LiveKnowledge). */
export interface ReloadableKnowledge extends EngineSource {
  reload(reason: string): Promise<ReloadOutcome>;
  status(): KnowledgeStatus;
}

export function isReloadable(source: EngineSource): source is ReloadableKnowledge {
  return "reload" in source && typeof source.reload === "function" && "status" in source && typeof source.status === "function";
}

/** What every handler may use, passed in rather than reached for. */
export interface BotContext {
  /** the current engine (a getter over the EngineSource, so a reload shows up at once) */
  readonly engine: Engine;
  readonly knowledge: EngineSource;
  /** votes and declined questions; undefined when the database could not be opened */
  readonly feedback: FeedbackStore | undefined;
  /** counters for /metrics; undefined when nobody collects them */
  readonly metrics?: Pick<Metrics, "questionAsked" | "errorCaught"> | undefined;
  logger: Logger;
  cooldown: Cooldown;
  config: Readonly<Config>;
}
