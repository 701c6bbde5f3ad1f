import { Events, type Client } from "discord.js";
import type { Config } from "./config.ts";
import { Cooldown } from "./discord/cooldown.ts";
import { createClient } from "./discord/client.ts";
import type { BotContext, EngineSource } from "./discord/context.ts";
import { routeInteraction, routeMessage } from "./discord/router.ts";
import type { Logger } from "./logger.ts";

export interface Bot {
  client: Client<true>;
  /** Destroys the client and stops every timer. */
  stop(): Promise<void>;
}

export interface BotDependencies {
  config: Readonly<Config> & { token: string };
  knowledge: EngineSource;
  logger: Logger;
}

/** Connects to Discord and wires the routers; resolves once the client is ready. */
export async function startBot({ config, knowledge, logger }: BotDependencies): Promise<Bot> {
  const cooldown = new Cooldown(config.cooldownSeconds, config.cooldownLimit);
  const ctx: BotContext = {
    get engine() {
      return knowledge.engine;
    },
    logger,
    cooldown,
    config,
  };
  const client = createClient(config.apiUrl);
  client.on(Events.InteractionCreate, (interaction) => void routeInteraction(interaction, ctx));
  client.on(Events.MessageCreate, (message) => void routeMessage(message, ctx));
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (warning) => logger.warn({ warning }, "discord client warning"));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, "gateway disconnected"));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, "gateway resumed"));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(config.token);
  } catch (error) {
    cooldown.dispose();
    await client.destroy();
    throw error;
  }
  const readyClient = await ready;
  logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size, facts: knowledge.engine.facts.length }, "ready");
  return {
    client: readyClient,
    stop: async () => {
      cooldown.dispose();
      await readyClient.destroy();
    },
  };
}
