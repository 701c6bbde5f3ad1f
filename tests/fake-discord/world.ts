import { ChannelType, OverwriteType, PermissionFlagsBits } from "discord.js";
import type { APIDMChannel, APIGuildMember, APIMessage, APIRole, APITextChannel, APIUser, InteractionType, MessageType } from "discord.js";
import { z } from "zod";
import { DM_PERMISSIONS, bits, computePermissions } from "./permissions.ts";
import { snowflake } from "./snowflake.ts";

const registeredCommand = z.object({ id: z.string(), name: z.string() });

/** Flag fields are numeric enums without a 0 member; a plain `number` 0 is assignable to them. */
export const NO_FLAGS: number = 0;

/** The fixture users. `owner` owns the guild (so nobody else gets implicit admin). */
export interface FakeUsers {
  bot: APIUser;
  owner: APIUser;
  moderator: APIUser;
  regular: APIUser;
}
export type UserKey = keyof FakeUsers;

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
  /** `everyone.id === guild.id`, as on Discord. `bot` is the managed integration role. */
  roles: { everyone: APIRole; bot: APIRole; moderator: APIRole };
  channels: { general: APITextChannel; announcements: APITextChannel; readOnly: APITextChannel };
  members: Record<UserKey, APIGuildMember>;
}

/** What the fake knows about an interaction it dispatched (for the callback / webhook routes). */
export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  channelId: string;
  guildId: string | null;
  /** Message type of the original response: 20 chat input, 23 context menu, 0 otherwise. */
  responseMessageType: MessageType;
  /** For component interactions: the message the component is on (target of UPDATE_MESSAGE). */
  messageId: string | null;
  user: APIUser;
  /** Set by the first callback; a second callback is rejected with 40060 like on Discord. */
  callbackType: number | null;
  originalMessageId: string | null;
}

export interface WorldOptions {
  botUsername: string;
  guildName: string;
  applicationFlags: number;
}

function user(username: string, globalName: string | null, bot = false): APIUser {
  const base: APIUser = { id: snowflake(), username, discriminator: "0", global_name: globalName, avatar: null };
  return bot ? { ...base, bot: true } : base;
}

function role(guildId: string | null, name: string, position: number, permissions: string, extra: Partial<APIRole> = {}): APIRole {
  return {
    id: guildId ?? snowflake(),
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed: false,
    mentionable: false,
    flags: NO_FLAGS,
    ...extra,
  };
}

function member(u: APIUser, roles: string[], joinedAt: string): APIGuildMember {
  return {
    user: u,
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: NO_FLAGS,
    pending: false,
    communication_disabled_until: null,
  };
}

/** Everything the fake serves: users, one guild, DM channels, messages, interactions, commands. */
export class FakeWorld {
  readonly applicationId: string;
  readonly users: FakeUsers;
  readonly guild: FakeGuild;
  readonly applicationFlags: number;
  readonly dmChannels = new Map<string, APIDMChannel>();
  /** Every message the fake created or dispatched, so replies / fetches / edits can find them. */
  readonly messages = new Map<string, APIMessage>();
  readonly interactions = new Map<string, InteractionRecord>();
  /** Registered application commands: key "global" or a guild id. */
  readonly commands = new Map<string, unknown[]>();
  private readonly unregisteredCommandIds = new Map<string, string>();

  constructor(options: WorldOptions) {
    const bot = user(options.botUsername, null, true);
    // A bot's application id is usually its user id.
    this.applicationId = bot.id;
    this.applicationFlags = options.applicationFlags;
    this.users = {
      bot,
      owner: user("guild_owner", "Guild Owner"),
      moderator: user("mod_mia", "Mia (mod)"),
      regular: user("regular_rob", "Rob"),
    };
    const guildId = snowflake();
    const joinedAt = new Date(Date.now() - 86_400_000).toISOString();
    const F = PermissionFlagsBits;
    const roles = {
      everyone: role(
        guildId,
        "@everyone",
        0,
        bits(F.ViewChannel, F.SendMessages, F.ReadMessageHistory, F.EmbedLinks, F.AttachFiles, F.AddReactions,
          F.UseExternalEmojis, F.UseApplicationCommands, F.CreateInstantInvite, F.ChangeNickname, F.SendMessagesInThreads),
      ),
      // Bots get a managed role named after them; `tags.bot_id` marks it.
      bot: role(null, options.botUsername, 1, bits(F.ViewChannel, F.SendMessages, F.EmbedLinks, F.ReadMessageHistory,
        F.AttachFiles, F.AddReactions, F.UseExternalEmojis), { managed: true, tags: { bot_id: bot.id } }),
      moderator: role(null, "Moderator", 2, bits(F.ManageMessages), { hoist: true, mentionable: true }),
    };
    const channel = (name: string, position: number, overwrites: APITextChannel["permission_overwrites"]): APITextChannel => ({
      id: snowflake(),
      type: ChannelType.GuildText,
      guild_id: guildId,
      name,
      position,
      topic: null,
      nsfw: false,
      parent_id: null,
      rate_limit_per_user: 0,
      last_message_id: null,
      last_pin_timestamp: null,
      flags: NO_FLAGS,
      permission_overwrites: overwrites ?? [],
    });
    this.guild = {
      id: guildId,
      name: options.guildName,
      ownerId: this.users.owner.id,
      joinedAt,
      roles,
      channels: {
        general: channel("general", 0, []),
        // Only the bot (and moderators) may post announcements; @everyone may not.
        announcements: channel("announcements", 1, [
          { id: guildId, type: OverwriteType.Role, allow: "0", deny: bits(F.SendMessages) },
          { id: roles.bot.id, type: OverwriteType.Role, allow: bits(F.SendMessages, F.EmbedLinks), deny: "0" },
          { id: roles.moderator.id, type: OverwriteType.Role, allow: bits(F.SendMessages), deny: "0" },
        ]),
        // Everyone may talk here except the bot (member overwrite).
        readOnly: channel("read-only", 2, [
          { id: bot.id, type: OverwriteType.Member, allow: "0", deny: bits(F.SendMessages) },
        ]),
      },
      members: {
        bot: member(bot, [roles.bot.id], joinedAt),
        owner: member(this.users.owner, [], joinedAt),
        moderator: member(this.users.moderator, [roles.moderator.id], joinedAt),
        regular: member(this.users.regular, [], joinedAt),
      },
    };
  }

  get botUser(): APIUser {
    return this.users.bot;
  }

  roleList(): APIRole[] {
    return Object.values(this.guild.roles);
  }

  channelList(): APITextChannel[] {
    return Object.values(this.guild.channels);
  }

  memberList(): APIGuildMember[] {
    return Object.values(this.guild.members);
  }

  /** A fixture key ("moderator"), a fixture user id, or a user object (used as is). */
  resolveUser(ref: UserRef): APIUser {
    if (typeof ref === "object") return ref;
    if (ref === "bot" || ref === "owner" || ref === "moderator" || ref === "regular") return this.users[ref];
    const found = Object.values(this.users).find((u) => u.id === ref);
    if (!found) throw new Error(`fake-discord: unknown user ${ref}`);
    return found;
  }

  findUser(id: string): APIUser | undefined {
    return Object.values(this.users).find((u) => u.id === id);
  }

  memberOf(userId: string): APIGuildMember | undefined {
    return this.memberList().find((m) => m.user.id === userId);
  }

  /** A guild channel by name ("general", "read-only") or id. */
  resolveGuildChannel(ref: string): APITextChannel {
    const found = this.channelList().find((c) => c.id === ref || c.name === ref);
    if (!found) throw new Error(`fake-discord: unknown guild channel ${ref} (have ${this.channelList().map((c) => c.name).join(", ")})`);
    return found;
  }

  findChannel(id: string): APITextChannel | APIDMChannel | undefined {
    return this.channelList().find((c) => c.id === id) ?? this.dmChannels.get(id);
  }

  /** The (lazily created) DM channel between the bot and a user. */
  dmChannelFor(u: APIUser): APIDMChannel {
    for (const dm of this.dmChannels.values()) {
      if (dm.recipients?.some((r) => r.id === u.id)) return dm;
    }
    const dm: APIDMChannel = {
      id: snowflake(),
      type: ChannelType.DM,
      name: null,
      recipients: [u],
      last_message_id: null,
      flags: NO_FLAGS,
    };
    this.dmChannels.set(dm.id, dm);
    return dm;
  }

  /** A user's permissions in a channel (DMs get Discord's fixed DM set). */
  permissionsIn(userId: string, channel: APITextChannel | APIDMChannel): bigint {
    if (channel.type === ChannelType.DM) return DM_PERMISSIONS;
    const m = this.memberOf(userId);
    const guild = { id: this.guild.id, ownerId: this.guild.ownerId, roles: this.roleList() };
    return computePermissions(guild, { userId, roleIds: m?.roles ?? [] }, channel.permission_overwrites ?? []);
  }

  /** The id of a registered command with that name, else a stable made-up id. */
  commandIdFor(name: string): string {
    for (const list of this.commands.values()) {
      for (const command of list) {
        const parsed = registeredCommand.safeParse(command);
        if (parsed.success && parsed.data.name === name) return parsed.data.id;
      }
    }
    let id = this.unregisteredCommandIds.get(name);
    if (id === undefined) {
      id = snowflake();
      this.unregisteredCommandIds.set(name, id);
    }
    return id;
  }

  addMessage(message: APIMessage): APIMessage {
    this.messages.set(message.id, message);
    return message;
  }
}

export type UserRef = UserKey | string | APIUser;
