import type { Config } from "../config.ts";
import type { Engine } from "../engine/engine.ts";
import type { Logger } from "../logger.ts";
import type { Cooldown } from "./cooldown.ts";

/** Where the current engine comes from: a fixed one, or live knowledge that reloads. */
export interface EngineSource {
  /** the engine to use now; read it once per question, it may be swapped between questions */
  readonly engine: Engine;
}

/** What every handler may use, passed in rather than reached for. */
export interface BotContext {
  /** the current engine (a getter over the EngineSource, so a reload shows up at once) */
  readonly engine: Engine;
  logger: Logger;
  cooldown: Cooldown;
  config: Readonly<Config>;
}
