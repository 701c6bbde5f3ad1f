import { Client, Events, GatewayCloseCodes, GatewayIntentBits, Options, Partials } from "discord.js";
import type { Config } from "../config.ts";

/**
 * The discord.js client. No privileged intents: Discord delivers the content of messages that
 * mention the bot, and of direct messages, without Message Content. Nothing it sends may ping.
 *
 * With `shards` (SHARD_IDS / SHARD_COUNT) it runs exactly those shards of that many. Without, it
 * runs what a ShardingManager put in its environment (SHARDS / SHARD_COUNT, read by discord.js),
 * else every shard Discord recommends (`GET /gateway/bot`).
 */
export function createClient({ apiUrl, shards }: Pick<Config, "apiUrl" | "shards">): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    // The bot never reads old messages: caching them (its own replies in every DM channel above
    // all) would grow the heap with every new user. Users and channels are swept hourly.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      users: { interval: 3600, filter: () => (user) => user.id !== user.client.user.id },
    },
    rest: apiUrl ? { api: apiUrl } : {},
    ...(shards ? { shards: shards.ids, shardCount: shards.count } : {}),
  });
}

export const TOKEN_REFUSED_MESSAGE = "Discord refused the token. Check DISCORD_TOKEN in .env (Developer Portal → Bot → Reset Token).";

/**
 * Exit status of a bot that Discord refused for good (token, intents, shards): restarting cannot
 * help, so a ShardingManager must not respawn it. 78 is EX_CONFIG of sysexits.h.
 */
export const EXIT_REFUSED = 78;

/** The close codes after which discord.js gives a shard up for good, each with what to do about it. */
const FATAL_CLOSE_CODES: ReadonlyMap<number, string> = new Map([
  [GatewayCloseCodes.AuthenticationFailed, TOKEN_REFUSED_MESSAGE],
  [GatewayCloseCodes.InvalidShard, "Discord refused the shard. Check SHARD_IDS and SHARD_COUNT (shards are numbered from 0)."],
  [GatewayCloseCodes.ShardingRequired, "Discord requires sharding for this bot. Start it with `npm run start:sharded`, or set SHARD_IDS and SHARD_COUNT."],
  [GatewayCloseCodes.InvalidAPIVersion, "Discord refused the gateway API version. Update discord.js."],
  [GatewayCloseCodes.InvalidIntents, "Discord refused the gateway intents as invalid."],
  [GatewayCloseCodes.DisallowedIntents, "Discord refused an intent the bot is not allowed (Developer Portal → Bot → Privileged Gateway Intents)."],
]);

/** Discord closed the gateway with a code that no reconnect can get past. */
export class GatewayRefusedError extends Error {
  override name = "GatewayRefusedError";
  constructor(
    readonly code: number,
    readonly shard: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Calls `onRefused` once, the first time a shard of `client` closes with a code discord.js will
 * not reconnect from (4004 authentication failed, 4010–4014). Before or after ready alike:
 * discord.js then leaves the shard dead, so without this the bot would sit silent.
 */
export function watchRefusal(client: Client, onRefused: (error: GatewayRefusedError) => void): void {
  let seen = false;
  client.on(Events.ShardDisconnect, (event, shard) => {
    const message = FATAL_CLOSE_CODES.get(event.code);
    if (message === undefined || seen) return;
    seen = true;
    onRefused(new GatewayRefusedError(event.code, shard, message));
  });
}
