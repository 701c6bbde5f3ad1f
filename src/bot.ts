import { Events, type Client } from "discord.js";
import type { Config } from "./config.ts";
import { Cooldown } from "./discord/cooldown.ts";
import { createClient, GatewayRefusedError, watchRefusal } from "./discord/client.ts";
import type { BotContext, EngineSource } from "./discord/context.ts";
import { routeInteraction, routeMessage } from "./discord/router.ts";
import type { FeedbackStore } from "./feedback/store.ts";
import { trackShards } from "./health/discord.ts";
import type { ShardTracker } from "./health/shards.ts";
import type { Logger } from "./logger.ts";
import type { Metrics } from "./metrics.ts";

export interface Bot {
  client: Client<true>;
  /** Settles if Discord later refuses the bot for good (e.g. its token was reset): it will not reconnect. */
  refused: Promise<GatewayRefusedError>;
  /** Destroys the client and stops every timer. */
  stop(): Promise<void>;
}

export interface BotDependencies {
  config: Readonly<Config> & { token: string };
  knowledge: EngineSource;
  /** votes and declined questions; without it the bot answers all the same, without 👍/👎 */
  feedback?: FeedbackStore | undefined;
  /** metrics and the shards' states, for /metrics and /healthz */
  observe?: { metrics: Metrics; shards: ShardTracker } | undefined;
  logger: Logger;
}

/** Connects to Discord and wires the routers; resolves once the client is ready. */
export async function startBot({ config, knowledge, feedback, observe, logger }: BotDependencies): Promise<Bot> {
  const cooldown = new Cooldown(config.cooldownSeconds, config.cooldownLimit);
  const ctx: BotContext = {
    get engine() {
      return knowledge.engine;
    },
    knowledge,
    feedback,
    metrics: observe?.metrics,
    logger,
    cooldown,
    config,
  };
  const client = createClient(config);
  client.on(Events.InteractionCreate, (interaction) => void routeInteraction(interaction, ctx));
  client.on(Events.MessageCreate, (message) => void routeMessage(message, ctx));
  client.on(Events.Error, (error) => {
    logger.error({ err: error }, "discord client error");
    observe?.metrics.errorCaught("client");
  });
  client.on(Events.Warn, (warning) => logger.warn({ warning }, "discord client warning"));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, "gateway disconnected"));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, "gateway resumed"));
  if (observe) trackShards(client, observe.shards);
  client.on(Events.ShardError, (error, shard) => {
    logger.warn({ err: error, shard }, "gateway error");
    observe?.metrics.errorCaught("gateway");
  });

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  let refusal: GatewayRefusedError | undefined;
  const refused = new Promise<GatewayRefusedError>((resolve) =>
    watchRefusal(client, (error) => {
      refusal = error;
      resolve(error);
    }),
  );
  let readyClient: Client<true>;
  try {
    await client.login(config.token);
    const first = await Promise.race([ready, refused]);
    if (first instanceof GatewayRefusedError) throw first;
    readyClient = first;
  } catch (error) {
    cooldown.dispose();
    await client.destroy();
    throw refusal ?? error;
  }
  logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size, facts: knowledge.engine.facts.length }, "ready");
  return {
    client: readyClient,
    refused,
    stop: async () => {
      cooldown.dispose();
      await readyClient.destroy();
    },
  };
}
