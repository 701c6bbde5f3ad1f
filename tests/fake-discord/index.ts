/**
 * A fake Discord (REST + JSON gateway) on 127.0.0.1 for driving a real discord.js v14 Client in tests.
 *
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents, partials: [Partials.Channel], rest: { api: fake.restBase } });
 *   await client.login(fake.token);            // gateway URL comes from GET /gateway/bot
 *   fake.sendInteraction({ kind: "command", name: "ask", options: { question: "why?" } });
 *   const call = await fake.waitForCall({ method: "POST", path: /\/callback$/ });
 *   ...
 *   await client.destroy(); await fake.close();
 */
import { ApplicationCommandType, ChannelType, GatewayDispatchEvents, GatewayIntentBits, InteractionType, MessageType } from "discord.js";
import type { APIMessage, APIUser } from "discord.js";
import { GatewayServer } from "./gateway.ts";
import type { GatewayConnection, IdentifyPayload, ReadySession, ResumePayload } from "./gateway.ts";
import { buildInteraction, buildMessage, messageCreatePayload } from "./payloads.ts";
import type { InteractionInput, InteractionPayload, MessageInput } from "./payloads.ts";
import { rateLimitSpec } from "./rate-limits.ts";
import type { RateLimitOptions } from "./rate-limits.ts";
import { RestServer, matches } from "./rest.ts";
import type { CallMatcher, FailureSpec, FakeCall } from "./rest.ts";
import { createRoutes } from "./routes.ts";
import type { MessageEvent } from "./routes.ts";
import { FakeWorld } from "./world.ts";
import type { FakeGuild, FakeUsers, InteractionRecord } from "./world.ts";

export { opt } from "./payloads.ts";
export type { FakeOption, InteractionInput, InteractionPayload, InteractionPlace, MessageInput, OptionsInput } from "./payloads.ts";
export type { CallMatcher, FailureSpec, FakeCall, FakeFile } from "./rest.ts";
export type { RateLimitOptions } from "./rate-limits.ts";
export type { GatewayConnection, IdentifyPayload, ReadySession, ResumePayload } from "./gateway.ts";
export type { FakeGuild, FakeUsers, FakeWorld, UserKey, UserRef } from "./world.ts";

export interface FakeDiscordOptions {
  /** Bot token accepted on REST (`Authorization: Bot …`) and IDENTIFY. Default "fake-token-123". */
  token?: string;
  /** Shard count recommended by GET /gateway/bot (used by `shards: "auto"`). Default 1. */
  shards?: number;
  /** HELLO heartbeat interval. Default 45000 (discord.js waits a random part of it before the first beat). */
  heartbeatIntervalMs?: number;
  botUsername?: string;
  guildName?: string;
  /** `application.flags` in READY. Default 0. */
  applicationFlags?: number;
  /**
   * Announce messages the bot creates/edits/deletes over REST (channel messages and non-ephemeral
   * interaction responses) as MESSAGE_CREATE/UPDATE/DELETE, like Discord does. Default true.
   */
  echoBotMessages?: boolean;
}

export interface SentInteraction {
  id: string;
  token: string;
  payload: InteractionPayload;
}

export interface SentMessage {
  id: string;
  message: APIMessage;
  /** False when the client's intents filter the event out (no GuildMessages / DirectMessages intent). */
  delivered: boolean;
}

export interface FakeDiscord {
  /** Pass as `rest: { api: restBase }`; discord.js appends `/v10/...`. */
  readonly restBase: string;
  readonly gatewayUrl: string;
  readonly token: string;
  readonly botUser: APIUser;
  readonly applicationId: string;
  readonly users: FakeUsers;
  readonly guild: FakeGuild;
  /** The fake's whole state (messages, DM channels, interactions, registered commands). */
  readonly world: FakeWorld;
  /** Every REST request, in order. */
  readonly calls: readonly FakeCall[];
  readonly identifies: readonly IdentifyPayload[];
  readonly resumes: readonly ResumePayload[];
  /** Every session READY opened (its id and shard), in order. */
  readonly readies: readonly ReadySession[];
  readonly gatewayConnections: readonly GatewayConnection[];
  /** First call (already recorded or future) matching; rejects listing all calls after `timeoutMs` (default 5000). */
  waitForCall(matcher: CallMatcher, timeoutMs?: number): Promise<FakeCall>;
  /** First IDENTIFY (recorded or future) passing `test` (default: any). */
  waitForIdentify(timeoutMs?: number, test?: (identify: IdentifyPayload) => boolean): Promise<IdentifyPayload>;
  waitForResume(timeoutMs?: number): Promise<ResumePayload>;
  /**
   * Dispatches INTERACTION_CREATE with a complete payload; the fake then accepts its callback/webhook calls.
   * It goes to the shard of the interaction's guild (DMs: shard 0), as on Discord, or with `via.shard`
   * over that shard's connection.
   */
  sendInteraction(input: InteractionInput, via?: { shard: number }): SentInteraction;
  /** Dispatches MESSAGE_CREATE (guild channel or DM), applying intent / MESSAGE_CONTENT rules. */
  sendMessage(input: MessageInput): SentMessage;
  /** Raw escape hatch: any dispatch event on the shard of `guildId` (null → shard 0). */
  dispatch(event: string, data: unknown, guildId?: string | null): void;
  /** Closes the gateway connection(s) with `code` (default 4000, resumable). Resolves once closed. */
  closeGateway(code?: number, reason?: string): Promise<void>;
  /** The next `times` (default 1) REST calls matching get this response instead. */
  failNext(matcher: CallMatcher, spec: FailureSpec): void;
  /** The next `times` (default 1) REST calls matching get a 429 as Discord sends it (per-route or global). */
  rateLimitNext(matcher: CallMatcher, options: RateLimitOptions): void;
  /** Sends op 9 INVALID_SESSION with `d: resumable` on every identified connection (or only `shard`'s). */
  invalidateSession(resumable: boolean, shard?: number): void;
  /**
   * The bot token stops working, as after a reset in the Developer Portal: open gateway connections are
   * closed with 4004 and every IDENTIFY / RESUME gets 4004. With `rest: false` REST still accepts it
   * (a token the gateway refuses after GET /gateway/bot succeeded); by default REST answers 401 too.
   */
  revokeToken(options?: { rest?: boolean }): Promise<void>;
  /** Closes sockets and both servers; nothing stays open afterwards. */
  close(): Promise<void>;
}

const F = GatewayIntentBits;

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? "fake-token-123";
  const shards = options.shards ?? 1;
  const echo = options.echoBotMessages ?? true;
  const world = new FakeWorld({
    botUsername: options.botUsername ?? "ArticleBot",
    guildName: options.guildName ?? "Fake Guild",
    applicationFlags: options.applicationFlags ?? 0,
  });
  const gateway = new GatewayServer({ world, token, heartbeatIntervalMs: options.heartbeatIntervalMs ?? 45_000 });

  /**
   * Sends a MESSAGE_* event as Discord would: only with the GuildMessages / DirectMessages intent,
   * and without MESSAGE_CONTENT the content, embeds, attachments and components of guild messages
   * are blanked unless the bot wrote or is mentioned in them. Returns whether it was sent.
   */
  const deliverMessageEvent = (event: MessageEvent, message: APIMessage, required: boolean): boolean => {
    const channel = world.findChannel(message.channel_id);
    if (!channel) throw new Error(`fake-discord: message in unknown channel ${message.channel_id}`);
    const guildId = channel.type === ChannelType.DM ? null : world.guild.id;
    const intents = gateway.intentsFor(guildId);
    if (intents === null) {
      if (required) throw new Error("fake-discord: no gateway session yet (has the client logged in and received READY?)");
      return false;
    }
    const needed = guildId === null ? F.DirectMessages : F.GuildMessages;
    if ((intents & needed) === 0) return false;
    if (event === "MESSAGE_DELETE") {
      gateway.dispatch(guildId, GatewayDispatchEvents.MessageDelete, {
        id: message.id,
        channel_id: message.channel_id,
        ...(guildId ? { guild_id: guildId } : {}),
      });
      return true;
    }
    const privileged =
      (intents & F.MessageContent) !== 0 ||
      guildId === null ||
      message.author.id === world.botUser.id ||
      message.mentions.some((u) => u.id === world.botUser.id);
    const visible: APIMessage = privileged ? message : { ...message, content: "", embeds: [], attachments: [], components: [] };
    const t = event === "MESSAGE_CREATE" ? GatewayDispatchEvents.MessageCreate : GatewayDispatchEvents.MessageUpdate;
    gateway.dispatch(guildId, t, messageCreatePayload(world, visible));
    return true;
  };

  const rest = new RestServer(
    createRoutes({
      world,
      gatewayUrl: () => gateway.url,
      shards,
      announce: (event, message) => {
        if (echo) deliverMessageEvent(event, message, false);
      },
    }),
    token,
  );
  await Promise.all([rest.listen(), gateway.listen()]);

  const recordInteraction = (payload: InteractionPayload): InteractionRecord => {
    const channelId = payload.channel_id;
    if (channelId === undefined) throw new Error("fake-discord: interaction without channel_id");
    let responseMessageType = MessageType.Default;
    let messageId: string | null = null;
    if (payload.type === InteractionType.ApplicationCommand) {
      responseMessageType = payload.data.type === ApplicationCommandType.ChatInput ? MessageType.ChatInputCommand : MessageType.ContextMenuCommand;
    } else if (payload.type === InteractionType.MessageComponent) {
      messageId = payload.message.id;
    }
    const user = payload.member?.user ?? payload.user;
    if (!user) throw new Error("fake-discord: interaction without user");
    const record: InteractionRecord = {
      id: payload.id,
      token: payload.token,
      type: payload.type,
      channelId,
      guildId: payload.guild_id ?? null,
      responseMessageType,
      messageId,
      user,
      callbackType: null,
      originalMessageId: null,
    };
    world.interactions.set(record.id, record);
    return record;
  };

  return {
    restBase: rest.base,
    gatewayUrl: gateway.url,
    token,
    botUser: world.botUser,
    applicationId: world.applicationId,
    users: world.users,
    guild: world.guild,
    world,
    calls: rest.calls.items,
    identifies: gateway.identifies.items,
    resumes: gateway.resumes.items,
    readies: gateway.readies.items,
    gatewayConnections: gateway.connections,

    waitForCall(matcher, timeoutMs = 5000) {
      const label = typeof matcher === "function" ? "predicate" : JSON.stringify({ method: matcher.method, path: String(matcher.path) });
      return rest.calls.waitFor((call) => matches(matcher, call), timeoutMs, label);
    },
    waitForIdentify(timeoutMs = 5000, test = () => true) {
      return gateway.identifies.waitFor(test, timeoutMs);
    },
    waitForResume(timeoutMs = 5000) {
      return gateway.resumes.waitFor(() => true, timeoutMs);
    },

    sendInteraction(input, via) {
      const payload = buildInteraction(world, input);
      recordInteraction(payload);
      if (via === undefined) gateway.dispatch(payload.guild_id ?? null, GatewayDispatchEvents.InteractionCreate, payload);
      else gateway.dispatchToShard(via.shard, GatewayDispatchEvents.InteractionCreate, payload);
      return { id: payload.id, token: payload.token, payload };
    },

    sendMessage(input) {
      const message = world.addMessage(buildMessage(world, input));
      const delivered = deliverMessageEvent("MESSAGE_CREATE", message, true);
      return { id: message.id, message, delivered };
    },

    dispatch(event, data, guildId = null) {
      gateway.dispatch(guildId, event, data);
    },

    closeGateway(code = 4000, reason = "fake-discord: closed by test") {
      return gateway.closeConnections(code, reason);
    },

    failNext(matcher, spec) {
      rest.failNext(matcher, spec);
    },

    rateLimitNext(matcher, rateLimit) {
      rest.failNext(matcher, rateLimitSpec(rateLimit));
    },

    invalidateSession(resumable, shard) {
      gateway.invalidateSessions(resumable, shard);
    },

    async revokeToken({ rest: refuseRest = true } = {}) {
      if (refuseRest) rest.revokeToken();
      await gateway.revokeToken();
    },

    async close() {
      await Promise.all([gateway.close(), rest.close()]);
      // Server handles finish closing in libuv's close phase, which runs after this turn's setImmediate:
      // wait one more loop turn so `getActiveResourcesInfo()` no longer lists them when close() resolves.
      await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
    },
  };
}
