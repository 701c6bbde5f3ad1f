import {
  ChannelType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageReferenceType,
  MessageType,
  PermissionFlagsBits,
} from "discord.js";
import type { APIAttachment, APIDMChannel, APIMessage, APITextChannel, APIUser } from "discord.js";
import {
  autocompleteData,
  callbackBody,
  commandBody,
  commandList,
  createDmBody,
  invalidForm,
  messageBody,
  messageProblem,
  modalData,
  zodProblem,
} from "./bodies.ts";
import type { MessageBody } from "./bodies.ts";
import { errorReply, param } from "./rest.ts";
import type { FakeFile, Params, RestReply, RestRequest, Route } from "./rest.ts";
import { guildCreatePayload } from "./payloads.ts";
import { snowflake } from "./snowflake.ts";
import type { FakeWorld, InteractionRecord } from "./world.ts";

export type MessageEvent = "MESSAGE_CREATE" | "MESSAGE_UPDATE" | "MESSAGE_DELETE";

export interface RouteContext {
  world: FakeWorld;
  gatewayUrl: () => string;
  shards: number;
  /** Called after a REST change that Discord would also announce on the gateway. */
  announce: (event: MessageEvent, message: APIMessage) => void;
}

const json = (body: unknown, status = 200): RestReply => ({ status, body });
const noContent: RestReply = { status: 204 };

const unknownChannel = (): RestReply => errorReply(404, 10003, "Unknown Channel");
const unknownMessage = (): RestReply => errorReply(404, 10008, "Unknown Message");
const unknownInteraction = (): RestReply => errorReply(404, 10062, "Unknown interaction");
const unknownWebhook = (): RestReply => errorReply(404, 10015, "Unknown Webhook");

const EPHEMERAL: number = MessageFlags.Ephemeral;
const LOADING: number = MessageFlags.Loading;

/** Which callback types Discord accepts for which interaction types. */
const ALLOWED_CALLBACKS = new Map<InteractionType, number[]>([
  [InteractionType.ApplicationCommand, [4, 5, 9, 12]],
  [InteractionType.MessageComponent, [4, 5, 6, 7, 9]],
  [InteractionType.ApplicationCommandAutocomplete, [8]],
  [InteractionType.ModalSubmit, [4, 5, 6, 7]],
]);

export function createRoutes(ctx: RouteContext): Route[] {
  const { world } = ctx;
  const route = (method: string, pattern: string, handle: Route["handle"], auth = true): Route => ({ method, pattern, auth, handle });

  // ── message helpers ──

  const attachmentsFor = (channelId: string, files: FakeFile[]): APIAttachment[] =>
    files.map((f) => {
      const id = snowflake();
      const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(f.name)}`;
      return { id, filename: f.name, size: f.size, url, proxy_url: url, content_type: f.contentType };
    });

  const mentionsIn = (content: string, body: MessageBody): APIUser[] => {
    const allowed = body.allowed_mentions;
    const ids = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? "");
    return ids
      .filter((id) => !allowed || allowed.parse?.includes("users") || allowed.users?.includes(id))
      .flatMap((id) => world.findUser(id) ?? []);
  };

  /** A message authored by the bot from a create body (channel message, interaction reply or follow-up). */
  const newBotMessage = (
    channelId: string,
    body: MessageBody,
    files: FakeFile[],
    extra: { type?: MessageType; flags?: number; webhook?: boolean; referenced?: APIMessage; guildId?: string | null },
  ): APIMessage => {
    const content = body.content ?? "";
    const message: APIMessage = {
      id: snowflake(),
      channel_id: channelId,
      author: world.botUser,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: body.tts ?? false,
      mention_everyone: false,
      mentions: mentionsIn(content, body),
      mention_roles: [],
      attachments: attachmentsFor(channelId, files),
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      type: extra.type ?? (extra.referenced ? MessageType.Reply : MessageType.Default),
      flags: extra.flags ?? body.flags ?? 0,
    };
    if (body.nonce !== undefined && body.nonce !== null) message.nonce = body.nonce;
    if (extra.webhook) {
      // Interaction responses are sent through the application's webhook.
      message.webhook_id = world.applicationId;
      message.application_id = world.applicationId;
    }
    if (extra.referenced) {
      message.message_reference = {
        type: MessageReferenceType.Default,
        message_id: extra.referenced.id,
        channel_id: extra.referenced.channel_id,
        ...(extra.guildId ? { guild_id: extra.guildId } : {}),
      };
      message.referenced_message = extra.referenced;
    }
    return world.addMessage(message);
  };

  /** Applies an edit body; returns the new stored message. */
  const editMessage = (old: APIMessage, body: MessageBody, files: FakeFile[]): APIMessage => {
    const wasLoading = ((old.flags ?? 0) & LOADING) !== 0;
    const keptAttachments = body.attachments
      ? old.attachments.filter((a) => body.attachments?.some((k) => String(k.id) === a.id))
      : old.attachments;
    const content = body.content === undefined ? old.content : (body.content ?? "");
    const updated: APIMessage = {
      ...old,
      content,
      mentions: body.content === undefined ? old.mentions : mentionsIn(content, body),
      embeds: body.embeds === undefined ? old.embeds : (body.embeds ?? []),
      components: body.components === undefined ? old.components : (body.components ?? []),
      attachments: [...keptAttachments, ...attachmentsFor(old.channel_id, files)],
      // The first edit of a deferred ("thinking…") reply turns it into the real reply; it is not "edited".
      flags: (old.flags ?? 0) & ~LOADING,
      edited_timestamp: wasLoading ? null : new Date().toISOString(),
    };
    return world.addMessage(updated);
  };

  const parseMessage = (raw: unknown, files: FakeFile[], isNew: boolean): { body: MessageBody } | { reply: RestReply } => {
    const parsed = messageBody.safeParse(raw ?? {});
    if (!parsed.success) return { reply: zodProblem(parsed.error) };
    const problem = messageProblem(parsed.data, files.length, isNew);
    return problem ? { reply: problem } : { body: parsed.data };
  };

  const isEphemeral = (m: APIMessage): boolean => ((m.flags ?? 0) & EPHEMERAL) !== 0;
  const announceUnlessEphemeral = (event: MessageEvent, m: APIMessage) => () => {
    if (!isEphemeral(m)) ctx.announce(event, m);
  };

  const channelOf = (id: string): APITextChannel | APIDMChannel | undefined => world.findChannel(id);
  const guildIdOf = (channel: APITextChannel | APIDMChannel): string | null => (channel.type === ChannelType.DM ? null : world.guild.id);

  // ── interactions & webhooks ──

  const interactionByToken = (params: Params): InteractionRecord | undefined => {
    if (param(params, "app") !== world.applicationId) return undefined;
    const token = param(params, "token");
    return [...world.interactions.values()].find((i) => i.token === token);
  };

  const webhookMessage = (interaction: InteractionRecord, id: string): APIMessage | undefined => {
    const messageId = id === "@original" ? interaction.originalMessageId : id;
    return messageId === null ? undefined : world.messages.get(messageId);
  };

  const callback = (req: RestRequest, params: Params): RestReply => {
    const interaction = world.interactions.get(param(params, "id"));
    if (!interaction || interaction.token !== param(params, "token")) return unknownInteraction();
    if (interaction.callbackType !== null) return errorReply(400, 40060, "Interaction has already been acknowledged.");
    const parsed = callbackBody.safeParse(req.body);
    if (!parsed.success) return zodProblem(parsed.error);
    const { type, data } = parsed.data;
    if (!(ALLOWED_CALLBACKS.get(interaction.type) ?? []).includes(type)) {
      return invalidForm({ type: `Callback type ${type} is not valid for interaction type ${interaction.type}` });
    }

    let message: APIMessage | undefined;
    let after: (() => void) | undefined;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource: {
        const result = parseMessage(data, req.files, true);
        if ("reply" in result) return result.reply;
        message = newBotMessage(interaction.channelId, result.body, req.files, {
          type: interaction.responseMessageType,
          flags: (result.body.flags ?? 0) & EPHEMERAL,
          webhook: true,
        });
        interaction.originalMessageId = message.id;
        after = announceUnlessEphemeral("MESSAGE_CREATE", message);
        break;
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const result = parseMessage(data, [], false);
        if ("reply" in result) return result.reply;
        // The user sees "Bot is thinking…": an empty message flagged LOADING (plus EPHEMERAL if asked).
        message = newBotMessage(interaction.channelId, { content: "" }, [], {
          type: interaction.responseMessageType,
          flags: ((result.body.flags ?? 0) & EPHEMERAL) | LOADING,
          webhook: true,
        });
        interaction.originalMessageId = message.id;
        after = announceUnlessEphemeral("MESSAGE_CREATE", message);
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
        interaction.originalMessageId = interaction.messageId;
        break;
      case InteractionResponseType.UpdateMessage: {
        const result = parseMessage(data, req.files, false);
        if ("reply" in result) return result.reply;
        const old = interaction.messageId === null ? undefined : world.messages.get(interaction.messageId);
        if (!old) return unknownMessage();
        message = editMessage(old, result.body, req.files);
        interaction.originalMessageId = message.id;
        after = announceUnlessEphemeral("MESSAGE_UPDATE", message);
        break;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult: {
        const choices = autocompleteData.safeParse(data);
        if (!choices.success) return zodProblem(choices.error);
        break;
      }
      case InteractionResponseType.Modal: {
        const modal = modalData.safeParse(data);
        if (!modal.success) return zodProblem(modal.error);
        break;
      }
      default:
        break;
    }
    interaction.callbackType = type;

    if (req.query.get("with_response") !== "true") return { ...noContent, ...(after ? { after } : {}) };
    // `withResponse: true` in discord.js → an InteractionCallbackResponse.
    return {
      status: 200,
      body: {
        interaction: {
          id: interaction.id,
          type: interaction.type,
          response_message_id: message?.id,
          response_message_loading: message ? ((message.flags ?? 0) & LOADING) !== 0 : undefined,
          response_message_ephemeral: message ? isEphemeral(message) : undefined,
        },
        resource: message ? { type, message } : { type },
      },
      ...(after ? { after } : {}),
    };
  };

  const followUp = (req: RestRequest, params: Params): RestReply => {
    const interaction = interactionByToken(params);
    if (!interaction) return unknownWebhook();
    if (interaction.callbackType === null) return unknownWebhook();
    const result = parseMessage(req.body, req.files, true);
    if ("reply" in result) return result.reply;
    const original = webhookMessage(interaction, "@original");
    const deferred = interaction.callbackType === InteractionResponseType.DeferredChannelMessageWithSource;
    if (deferred && original && ((original.flags ?? 0) & LOADING) !== 0) {
      // After a defer, the first follow-up replaces the "thinking…" message (keeping its ephemerality).
      const edited = editMessage(original, result.body, req.files);
      return { status: 200, body: edited, after: announceUnlessEphemeral("MESSAGE_UPDATE", edited) };
    }
    const message = newBotMessage(interaction.channelId, result.body, req.files, {
      flags: (result.body.flags ?? 0) & EPHEMERAL,
      webhook: true,
    });
    return { status: 200, body: message, after: announceUnlessEphemeral("MESSAGE_CREATE", message) };
  };

  const getWebhookMessage = (_req: RestRequest, params: Params): RestReply => {
    const interaction = interactionByToken(params);
    if (!interaction) return unknownWebhook();
    const message = webhookMessage(interaction, param(params, "message"));
    return message ? json(message) : unknownMessage();
  };

  const patchWebhookMessage = (req: RestRequest, params: Params): RestReply => {
    const interaction = interactionByToken(params);
    if (!interaction) return unknownWebhook();
    const old = webhookMessage(interaction, param(params, "message"));
    if (!old) return unknownMessage();
    const result = parseMessage(req.body, req.files, false);
    if ("reply" in result) return result.reply;
    const message = editMessage(old, result.body, req.files);
    return { status: 200, body: message, after: announceUnlessEphemeral("MESSAGE_UPDATE", message) };
  };

  const deleteWebhookMessage = (_req: RestRequest, params: Params): RestReply => {
    const interaction = interactionByToken(params);
    if (!interaction) return unknownWebhook();
    const message = webhookMessage(interaction, param(params, "message"));
    if (!message) return unknownMessage();
    world.messages.delete(message.id);
    return { ...noContent, after: announceUnlessEphemeral("MESSAGE_DELETE", message) };
  };

  // ── channels & messages ──

  const createChannelMessage = (req: RestRequest, params: Params): RestReply => {
    const channel = channelOf(param(params, "channel"));
    if (!channel) return unknownChannel();
    const perms = world.permissionsIn(world.botUser.id, channel);
    if ((perms & PermissionFlagsBits.ViewChannel) === 0n) return errorReply(403, 50001, "Missing Access");
    if ((perms & PermissionFlagsBits.SendMessages) === 0n) return errorReply(403, 50013, "Missing Permissions");
    const result = parseMessage(req.body, req.files, true);
    if ("reply" in result) return result.reply;
    const ref = result.body.message_reference;
    let referenced: APIMessage | undefined;
    if (ref?.message_id !== undefined) {
      referenced = world.messages.get(ref.message_id);
      if (!referenced && ref.fail_if_not_exists !== false) {
        return invalidForm({ "message_reference.message_id": "Unknown message" });
      }
    }
    const message = newBotMessage(channel.id, result.body, req.files, {
      // Bots may only set SUPPRESS_EMBEDS / SUPPRESS_NOTIFICATIONS on new channel messages.
      flags: (result.body.flags ?? 0) & (MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications),
      ...(referenced ? { referenced } : {}),
      guildId: guildIdOf(channel),
    });
    return { status: 200, body: message, after: () => ctx.announce("MESSAGE_CREATE", message) };
  };

  const channelMessage = (params: Params): { channel: APITextChannel | APIDMChannel; message: APIMessage } | RestReply => {
    const channel = channelOf(param(params, "channel"));
    if (!channel) return unknownChannel();
    const message = world.messages.get(param(params, "message"));
    if (!message || message.channel_id !== channel.id) return unknownMessage();
    return { channel, message };
  };

  const editChannelMessage = (req: RestRequest, params: Params): RestReply => {
    const found = channelMessage(params);
    if ("status" in found) return found;
    if (found.message.author.id !== world.botUser.id) return errorReply(403, 50005, "Cannot edit a message authored by another user");
    const result = parseMessage(req.body, req.files, false);
    if ("reply" in result) return result.reply;
    const message = editMessage(found.message, result.body, req.files);
    return { status: 200, body: message, after: () => ctx.announce("MESSAGE_UPDATE", message) };
  };

  const deleteChannelMessage = (_req: RestRequest, params: Params): RestReply => {
    const found = channelMessage(params);
    if ("status" in found) return found;
    const own = found.message.author.id === world.botUser.id;
    const canManage = (world.permissionsIn(world.botUser.id, found.channel) & PermissionFlagsBits.ManageMessages) !== 0n;
    if (!own && !canManage) return errorReply(403, 50013, "Missing Permissions");
    world.messages.delete(found.message.id);
    return { ...noContent, after: () => ctx.announce("MESSAGE_DELETE", found.message) };
  };

  const listChannelMessages = (req: RestRequest, params: Params): RestReply => {
    const channel = channelOf(param(params, "channel"));
    if (!channel) return unknownChannel();
    const limit = Math.min(Number(req.query.get("limit") ?? 50) || 50, 100);
    const inChannel = [...world.messages.values()].filter((m) => m.channel_id === channel.id);
    // Newest first, like Discord.
    inChannel.sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    return json(inChannel.slice(0, limit));
  };

  const commandsKey = (params: Params): string => params.get("guild") ?? "global";
  const withIds = (raw: Record<string, unknown>, key: string): Record<string, unknown> => ({
    id: snowflake(),
    application_id: world.applicationId,
    version: snowflake(),
    type: 1,
    description: "",
    default_member_permissions: null,
    nsfw: false,
    ...(key === "global" ? {} : { guild_id: key }),
    ...raw,
  });
  const putCommands = (req: RestRequest, params: Params): RestReply => {
    if (param(params, "app") !== world.applicationId) return errorReply(403, 50001, "Missing Access");
    const parsed = commandList.safeParse(req.body);
    if (!parsed.success) return zodProblem(parsed.error);
    const key = commandsKey(params);
    const commands = parsed.data.map((c) => withIds(c, key));
    world.commands.set(key, commands);
    return json(commands);
  };
  const postCommand = (req: RestRequest, params: Params): RestReply => {
    const parsed = commandBody.safeParse(req.body);
    if (!parsed.success) return zodProblem(parsed.error);
    const key = commandsKey(params);
    const command = withIds(parsed.data, key);
    world.commands.set(key, [...(world.commands.get(key) ?? []), command]);
    return json(command, 201);
  };
  const getCommands = (_req: RestRequest, params: Params): RestReply => json(world.commands.get(commandsKey(params)) ?? []);

  const guildOnly = (params: Params): RestReply | null =>
    param(params, "guild") === world.guild.id ? null : errorReply(404, 10004, "Unknown Guild");

  const application = () => ({
    id: world.applicationId,
    name: world.botUser.username,
    icon: null,
    description: "",
    summary: "",
    type: null,
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: "0".repeat(64),
    flags: world.applicationFlags,
    team: null,
    bot: world.botUser,
    owner: world.users.owner,
    approximate_guild_count: 1,
    integration_types_config: { "0": {} },
  });

  return [
    // Gateway discovery: discord.js asks this before connecting (and takes the shard count from it).
    route("GET", "/gateway/bot", () =>
      json({
        url: ctx.gatewayUrl(),
        shards: ctx.shards,
        // max_concurrency = shards so @discordjs/ws doesn't wait 5 s between shard identifies.
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: ctx.shards },
      }),
    ),
    route("GET", "/gateway", () => json({ url: ctx.gatewayUrl() }), false),

    route("POST", "/interactions/:id/:token/callback", callback, false),
    route("POST", "/webhooks/:app/:token", followUp, false),
    route("GET", "/webhooks/:app/:token/messages/:message", getWebhookMessage, false),
    route("PATCH", "/webhooks/:app/:token/messages/:message", patchWebhookMessage, false),
    route("DELETE", "/webhooks/:app/:token/messages/:message", deleteWebhookMessage, false),

    route("GET", "/users/@me", () => json(world.botUser)),
    route("GET", "/users/:user", (_req, p) => {
      const u = world.findUser(param(p, "user"));
      return u ? json(u) : errorReply(404, 10013, "Unknown User");
    }),
    route("POST", "/users/@me/channels", (req) => {
      const parsed = createDmBody.safeParse(req.body);
      if (!parsed.success) return zodProblem(parsed.error);
      const u = world.findUser(parsed.data.recipient_id);
      return u ? json(world.dmChannelFor(u)) : errorReply(404, 10013, "Unknown User");
    }),
    route("GET", "/applications/@me", () => json(application())),

    route("GET", "/applications/:app/commands", getCommands),
    route("PUT", "/applications/:app/commands", putCommands),
    route("POST", "/applications/:app/commands", postCommand),
    route("GET", "/applications/:app/guilds/:guild/commands", getCommands),
    route("PUT", "/applications/:app/guilds/:guild/commands", putCommands),
    route("POST", "/applications/:app/guilds/:guild/commands", postCommand),

    route("GET", "/channels/:channel", (_req, p) => {
      const channel = channelOf(param(p, "channel"));
      return channel ? json(channel) : unknownChannel();
    }),
    route("POST", "/channels/:channel/messages", createChannelMessage),
    route("GET", "/channels/:channel/messages", listChannelMessages),
    route("GET", "/channels/:channel/messages/:message", (_req, p) => {
      const found = channelMessage(p);
      return "status" in found ? found : json(found.message);
    }),
    route("PATCH", "/channels/:channel/messages/:message", editChannelMessage),
    route("DELETE", "/channels/:channel/messages/:message", deleteChannelMessage),
    route("POST", "/channels/:channel/typing", (_req, p) => (channelOf(param(p, "channel")) ? noContent : unknownChannel())),
    route("PUT", "/channels/:channel/messages/:message/reactions/:emoji/@me", (_req, p) => {
      const found = channelMessage(p);
      return "status" in found ? found : noContent;
    }),
    route("DELETE", "/channels/:channel/messages/:message/reactions/:emoji/@me", (_req, p) => {
      const found = channelMessage(p);
      return "status" in found ? found : noContent;
    }),

    route("GET", "/guilds/:guild", (_req, p) => guildOnly(p) ?? json(guildCreatePayload(world))),
    route("GET", "/guilds/:guild/channels", (_req, p) => guildOnly(p) ?? json(world.channelList())),
    route("GET", "/guilds/:guild/roles", (_req, p) => guildOnly(p) ?? json(world.roleList())),
    route("GET", "/guilds/:guild/members/:user", (_req, p) => {
      const problem = guildOnly(p);
      if (problem) return problem;
      const m = world.memberOf(param(p, "user"));
      return m ? json(m) : errorReply(404, 10007, "Unknown Member");
    }),
  ];
}
