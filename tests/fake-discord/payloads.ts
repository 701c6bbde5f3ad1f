import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageReferenceType,
  MessageType,
} from "discord.js";
import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandInteractionDataOption,
  APIChatInputApplicationCommandInteraction,
  APIDMChannel,
  APIEmbed,
  APIInteractionDataResolved,
  APIInteractionGuildMember,
  APIMessage,
  APIMessageApplicationCommandInteraction,
  APIMessageComponentButtonInteraction,
  APIMessageTopLevelComponent,
  APITextChannel,
  APIUser,
  APIUserWithMember,
  GatewayGuildCreateDispatchData,
  GatewayMessageCreateDispatchData,
  GatewayReadyDispatchData,
} from "discord.js";
import { snowflake } from "./snowflake.ts";
import { NO_FLAGS } from "./world.ts";
import type { FakeWorld, UserRef } from "./world.ts";

// ───────────────────────────── gateway: READY / GUILD_CREATE ─────────────────────────────

export function readyPayload(
  world: FakeWorld,
  sessionId: string,
  resumeGatewayUrl: string,
  shard: [number, number],
  guildIds: string[],
): GatewayReadyDispatchData {
  return {
    v: 10,
    user: { ...world.botUser, verified: true, mfa_enabled: false, flags: NO_FLAGS },
    // Guilds arrive as unavailable stubs; discord.js waits for a GUILD_CREATE per id before `clientReady`.
    guilds: guildIds.map((id) => ({ id, unavailable: true })),
    session_id: sessionId,
    resume_gateway_url: resumeGatewayUrl,
    shard,
    application: { id: world.applicationId, flags: world.applicationFlags, flags_new: String(world.applicationFlags) },
  };
}

export function guildCreatePayload(world: FakeWorld): GatewayGuildCreateDispatchData {
  const g = world.guild;
  return {
    id: g.id,
    name: g.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: g.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: world.roleList(),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: g.channels.general.id,
    system_channel_flags: NO_FLAGS,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    max_members: 500_000,
    // GUILD_CREATE-only fields.
    joined_at: g.joinedAt,
    large: false,
    unavailable: false,
    member_count: world.memberList().length,
    voice_states: [],
    members: world.memberList(),
    channels: world.channelList(),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

// ───────────────────────────── messages ─────────────────────────────

export interface MessageInput {
  content: string;
  /** Fixture key, user id or user object. Default "regular". */
  author?: UserRef;
  /** Guild channel name or id, or a DM channel id. Default "general". Ignored when `dm` is set. */
  channel?: string;
  /** Send in the author's DM with the bot instead of the guild. */
  dm?: boolean;
  id?: string;
  /** Id of a known message this one replies to. */
  replyTo?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
}

const MENTION = /<@!?(\d+)>/g;
const ROLE_MENTION = /<@&(\d+)>/g;

/** Resolves where a message/interaction happens: a guild text channel or the user's DM channel. */
export function resolvePlace(world: FakeWorld, user: APIUser, dm: boolean | undefined, channel: string | undefined): APITextChannel | APIDMChannel {
  if (dm) return world.dmChannelFor(user);
  const known = channel === undefined ? undefined : world.dmChannels.get(channel);
  return known ?? world.resolveGuildChannel(channel ?? "general");
}

/** A plain APIMessage (what REST returns, and the base of MESSAGE_CREATE). */
export function buildMessage(world: FakeWorld, input: MessageInput): APIMessage {
  const author = world.resolveUser(input.author ?? "regular");
  const place = resolvePlace(world, author, input.dm, input.channel);
  const mentions = [...input.content.matchAll(MENTION)].flatMap((m) => world.findUser(m[1] ?? "") ?? []);
  const referenced = input.replyTo === undefined ? undefined : world.messages.get(input.replyTo);
  if (input.replyTo !== undefined && !referenced) throw new Error(`fake-discord: replyTo unknown message ${input.replyTo}`);
  const message: APIMessage = {
    id: input.id ?? snowflake(),
    channel_id: place.id,
    author,
    content: input.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: /@(everyone|here)\b/.test(input.content),
    mentions,
    mention_roles: [...input.content.matchAll(ROLE_MENTION)].map((m) => m[1] ?? ""),
    attachments: [],
    embeds: input.embeds ?? [],
    components: input.components ?? [],
    pinned: false,
    type: referenced ? MessageType.Reply : MessageType.Default,
    flags: NO_FLAGS,
  };
  if (referenced) {
    message.message_reference = {
      type: MessageReferenceType.Default,
      message_id: referenced.id,
      channel_id: referenced.channel_id,
      ...(place.type === ChannelType.GuildText ? { guild_id: world.guild.id } : {}),
    };
    message.referenced_message = referenced;
  }
  return message;
}

/** MESSAGE_CREATE data: the message plus gateway-only `guild_id`, `member`, `mentions[].member`, `channel_type`. */
export function messageCreatePayload(world: FakeWorld, message: APIMessage): GatewayMessageCreateDispatchData {
  const channel = world.findChannel(message.channel_id);
  if (!channel) throw new Error(`fake-discord: message in unknown channel ${message.channel_id}`);
  if (channel.type === ChannelType.DM) {
    // `channel_type` lets discord.js build a partial DMChannel (with Partials.Channel) for an uncached DM.
    return { ...message, channel_type: ChannelType.DM };
  }
  const withMember = (u: APIUser): APIUserWithMember => {
    const m = world.memberOf(u.id);
    if (!m) return u;
    const { user: _user, ...member } = m;
    return { ...u, member };
  };
  const authorMember = world.memberOf(message.author.id);
  const payload: GatewayMessageCreateDispatchData = {
    ...message,
    guild_id: world.guild.id,
    channel_type: channel.type,
    mentions: message.mentions.map(withMember),
  };
  if (authorMember) {
    const { user: _user, ...member } = authorMember;
    payload.member = member;
  }
  return payload;
}

// ───────────────────────────── interactions ─────────────────────────────

/** One chat-input option. Channel / user / role options also fill `data.resolved`. */
export type FakeOption =
  | { type: "string"; name: string; value: string; focused?: boolean }
  | { type: "integer"; name: string; value: number; focused?: boolean }
  | { type: "number"; name: string; value: number; focused?: boolean }
  | { type: "boolean"; name: string; value: boolean }
  | { type: "channel"; name: string; channel: string }
  | { type: "user"; name: string; user: UserRef }
  | { type: "role"; name: string; role: string };

/** Option builders: `opt.string("question", "who?")`, `opt.channel("where", "announcements")`. */
export const opt = {
  string: (name: string, value: string): FakeOption => ({ type: "string", name, value }),
  integer: (name: string, value: number): FakeOption => ({ type: "integer", name, value }),
  number: (name: string, value: number): FakeOption => ({ type: "number", name, value }),
  boolean: (name: string, value: boolean): FakeOption => ({ type: "boolean", name, value }),
  /** `channel` is a guild channel name ("general") or id. */
  channel: (name: string, channel: string): FakeOption => ({ type: "channel", name, channel }),
  user: (name: string, user: UserRef): FakeOption => ({ type: "user", name, user }),
  /** `role` is "everyone" | "moderator" | "bot" or a role id. */
  role: (name: string, role: string): FakeOption => ({ type: "role", name, role }),
};

/**
 * Options as a list of `opt.*` or a shorthand record: string → STRING, boolean → BOOLEAN,
 * integer number → INTEGER, other number → NUMBER.
 */
export type OptionsInput = FakeOption[] | Record<string, string | number | boolean>;

/** Where and by whom an interaction happens. */
export interface InteractionPlace {
  /** Fixture key, user id or user object. Default "regular". */
  user?: UserRef;
  /** In the user's DM with the bot (no guild, no member). */
  dm?: boolean;
  /** Guild channel name or id. Default "general". */
  channel?: string;
  /** Override `member.permissions` (default: computed from roles + channel overwrites). */
  memberPermissions?: bigint | string;
  locale?: Locale;
}

export type InteractionInput =
  | ({ kind: "command"; name: string; options?: OptionsInput; subcommand?: string } & InteractionPlace)
  | ({
      kind: "autocomplete";
      name: string;
      /** The option being typed into; `type` defaults to "string". */
      focused: { name: string; value: string; type?: "string" | "integer" | "number" };
      options?: OptionsInput;
      subcommand?: string;
    } & InteractionPlace)
  | ({
      kind: "button";
      customId: string;
      /** Id of a known message (e.g. the bot's earlier reply), or the content of a new bot message carrying the button. */
      message?: string | { content?: string; label?: string };
    } & InteractionPlace)
  | ({
      kind: "messageCommand";
      name: string;
      /** Id of a known message, or a new message to target (author defaults to "regular"). */
      target: string | { content: string; author?: UserRef; id?: string };
    } & InteractionPlace);

export type InteractionPayload =
  | APIChatInputApplicationCommandInteraction
  | APIApplicationCommandAutocompleteInteraction
  | APIMessageComponentButtonInteraction
  | APIMessageApplicationCommandInteraction;

/** Always 1; a declared literal type keeps the object property `1` rather than `number`. */
const INTERACTION_VERSION: 1 = 1;

/** 10 MiB: the attachment limit of an unboosted guild. */
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/**
 * The fields every interaction needs. discord.js calls `entitlements.reduce` and indexes
 * `authorizing_integration_owners` unconditionally: without them its gateway handler throws
 * (an unhandled rejection; `interactionCreate` never fires). Without `channel`,
 * `interaction.channelId` is null; without `app_permissions`, `appPermissions` is empty.
 */
function envelope<T extends InteractionType>(world: FakeWorld, place: InteractionPlace, type: T) {
  const user = world.resolveUser(place.user ?? "regular");
  const channel = resolvePlace(world, user, place.dm, place.channel);
  const id = snowflake();
  const common = {
    id,
    application_id: world.applicationId,
    type,
    token: `fake-interaction-token.${id}.${Math.random().toString(36).slice(2)}`,
    version: INTERACTION_VERSION,
    channel,
    channel_id: channel.id,
    app_permissions: world.permissionsIn(world.botUser.id, channel).toString(),
    locale: place.locale ?? Locale.EnglishUS,
    entitlements: [],
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
  if (channel.type === ChannelType.DM) {
    return {
      ...common,
      user,
      context: InteractionContextType.BotDM,
      // For a guild-installed app used in the bot's DM, Discord reports the guild-install owner as "0".
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: "0" },
    };
  }
  const m = world.memberOf(user.id);
  if (!m) throw new Error(`fake-discord: ${user.username} is not a guild member; use dm: true`);
  const member: APIInteractionGuildMember = {
    ...m,
    user,
    permissions: (place.memberPermissions ?? world.permissionsIn(user.id, channel)).toString(),
  };
  return {
    ...common,
    guild_id: world.guild.id,
    guild: { id: world.guild.id, features: [], locale: Locale.EnglishUS },
    guild_locale: Locale.EnglishUS,
    member,
    context: InteractionContextType.Guild,
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: world.guild.id },
  };
}

function toOptionList(input: OptionsInput | undefined): FakeOption[] {
  if (!input) return [];
  if (Array.isArray(input)) return input;
  return Object.entries(input).map(([name, value]): FakeOption => {
    if (typeof value === "string") return { type: "string", name, value };
    if (typeof value === "boolean") return { type: "boolean", name, value };
    return Number.isInteger(value) ? { type: "integer", name, value } : { type: "number", name, value };
  });
}

/** Converts fake options to API options, collecting `resolved` entries for channels/users/roles. */
function buildOptions(
  world: FakeWorld,
  options: FakeOption[],
  invoker: APIUser,
): { options: APIApplicationCommandInteractionDataBasicOption[]; resolved: APIInteractionDataResolved } {
  const resolved: APIInteractionDataResolved = {};
  const out = options.map((o): APIApplicationCommandInteractionDataBasicOption => {
    switch (o.type) {
      case "string":
        return { type: ApplicationCommandOptionType.String, name: o.name, value: o.value, ...(o.focused ? { focused: true } : {}) };
      case "integer":
        return { type: ApplicationCommandOptionType.Integer, name: o.name, value: o.value, ...(o.focused ? { focused: true } : {}) };
      case "number":
        return { type: ApplicationCommandOptionType.Number, name: o.name, value: o.value, ...(o.focused ? { focused: true } : {}) };
      case "boolean":
        return { type: ApplicationCommandOptionType.Boolean, name: o.name, value: o.value };
      case "channel": {
        const channel = world.resolveGuildChannel(o.channel);
        // Resolved channels are partial, with the *invoking user's* permissions in them.
        (resolved.channels ??= {})[channel.id] = {
          id: channel.id,
          name: channel.name,
          type: channel.type,
          permissions: world.permissionsIn(invoker.id, channel).toString(),
        };
        return { type: ApplicationCommandOptionType.Channel, name: o.name, value: channel.id };
      }
      case "user": {
        const u = world.resolveUser(o.user);
        (resolved.users ??= {})[u.id] = u;
        const m = world.memberOf(u.id);
        if (m) {
          const { user: _user, deaf: _deaf, mute: _mute, ...member } = m;
          (resolved.members ??= {})[u.id] = { ...member, permissions: world.permissionsIn(u.id, world.guild.channels.general).toString() };
        }
        return { type: ApplicationCommandOptionType.User, name: o.name, value: u.id };
      }
      case "role": {
        const roles = world.guild.roles;
        const r =
          o.role === "everyone" || o.role === "moderator" || o.role === "bot"
            ? roles[o.role]
            : world.roleList().find((x) => x.id === o.role);
        if (!r) throw new Error(`fake-discord: unknown role ${o.role}`);
        (resolved.roles ??= {})[r.id] = r;
        return { type: ApplicationCommandOptionType.Role, name: o.name, value: r.id };
      }
    }
  });
  return { options: out, resolved };
}

function wrapSubcommand(
  subcommand: string | undefined,
  options: APIApplicationCommandInteractionDataBasicOption[],
): APIApplicationCommandInteractionDataOption[] {
  return subcommand === undefined ? options : [{ type: ApplicationCommandOptionType.Subcommand, name: subcommand, options }];
}

function isEmpty(resolved: APIInteractionDataResolved): boolean {
  return Object.keys(resolved).length === 0;
}

/** A message in the place of the interaction: a stored one by id, or a new one (stored too). */
function targetMessage(world: FakeWorld, ref: string, channelId: string): APIMessage {
  const found = world.messages.get(ref);
  if (!found) throw new Error(`fake-discord: unknown message ${ref}`);
  if (found.channel_id !== channelId) throw new Error(`fake-discord: message ${ref} is not in channel ${channelId}`);
  return found;
}

export function buildInteraction(world: FakeWorld, input: InteractionInput): InteractionPayload {
  const invoker = world.resolveUser(input.user ?? "regular");
  switch (input.kind) {
    case "command": {
      const { options, resolved } = buildOptions(world, toOptionList(input.options), invoker);
      return {
        ...envelope(world, input, InteractionType.ApplicationCommand),
        data: {
          id: world.commandIdFor(input.name),
          name: input.name,
          type: ApplicationCommandType.ChatInput,
          options: wrapSubcommand(input.subcommand, options),
          ...(isEmpty(resolved) ? {} : { resolved }),
        },
      };
    }
    case "autocomplete": {
      const focusedType = input.focused.type ?? "string";
      const focused: FakeOption =
        focusedType === "string"
          ? { type: "string", name: input.focused.name, value: input.focused.value, focused: true }
          : // While typing, numeric options arrive with the raw text; discord.js passes it through.
            { type: focusedType, name: input.focused.name, value: Number(input.focused.value), focused: true };
      const { options, resolved } = buildOptions(world, [...toOptionList(input.options), focused], invoker);
      return {
        ...envelope(world, input, InteractionType.ApplicationCommandAutocomplete),
        data: {
          id: world.commandIdFor(input.name),
          name: input.name,
          type: ApplicationCommandType.ChatInput,
          options: wrapSubcommand(input.subcommand, options),
          ...(isEmpty(resolved) ? {} : { resolved }),
        },
      };
    }
    case "button": {
      const env = envelope(world, input, InteractionType.MessageComponent);
      const message =
        typeof input.message === "string"
          ? targetMessage(world, input.message, env.channel_id)
          : world.addMessage(
              buildMessage(world, {
                content: input.message?.content ?? "",
                author: "bot",
                channel: env.channel_id,
                components: [
                  {
                    type: ComponentType.ActionRow,
                    components: [
                      { type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: input.customId, label: input.message?.label ?? "Button" },
                    ],
                  },
                ],
              }),
            );
      return {
        ...env,
        message,
        data: { custom_id: input.customId, component_type: ComponentType.Button },
      };
    }
    case "messageCommand": {
      const env = envelope(world, input, InteractionType.ApplicationCommand);
      const target =
        typeof input.target === "string"
          ? targetMessage(world, input.target, env.channel_id)
          : world.addMessage(
              buildMessage(world, {
                content: input.target.content,
                author: input.target.author ?? "regular",
                ...(input.target.id === undefined ? {} : { id: input.target.id }),
                channel: env.channel_id,
              }),
            );
      return {
        ...env,
        data: {
          id: world.commandIdFor(input.name),
          name: input.name,
          type: ApplicationCommandType.Message,
          target_id: target.id,
          resolved: { messages: { [target.id]: target } },
        },
      };
    }
  }
}
