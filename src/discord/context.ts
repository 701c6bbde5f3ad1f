import type { Config } from "../config.ts";
import type { Engine } from "../engine/engine.ts";
import type { Logger } from "../logger.ts";
import type { Cooldown } from "./cooldown.ts";

/** What every handler may use, passed in rather than reached for. */
export interface BotContext {
  engine: Engine;
  logger: Logger;
  cooldown: Cooldown;
  config: Readonly<Config>;
}
