import { once } from "node:events";
import {
  ButtonInteraction,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  PermissionFlagsBits,
} from "discord.js";
import type { AutocompleteInteraction, ChatInputCommandInteraction, Interaction, Message, MessageContextMenuCommandInteraction } from "discord.js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import { z } from "zod";
import { opt, startFakeDiscord } from "./fake-discord/index.ts";
import type { FakeDiscord } from "./fake-discord/index.ts";

// Smoke test of the fake Discord: a real discord.js Client against it, nothing on the network.

function newClient(fake: FakeDiscord): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    // The gateway URL is not configured: discord.js asks GET /gateway/bot, which points at the fake.
    rest: { api: fake.restBase },
  });
}

async function loginReady(client: Client, token: string): Promise<void> {
  const ready = once(client, Events.ClientReady);
  await client.login(token);
  await ready;
}

/** Resolves with the next interaction that passes `guard` (typed by it). */
function nextInteraction<T extends Interaction>(client: Client, guard: (i: Interaction) => i is T): Promise<T> {
  return new Promise((resolve) => {
    const listener = (interaction: Interaction): void => {
      if (!guard(interaction)) return;
      client.off(Events.InteractionCreate, listener);
      resolve(interaction);
    };
    client.on(Events.InteractionCreate, listener);
  });
}

function nextMessage(client: Client, test: (m: Message) => boolean): Promise<Message> {
  return new Promise((resolve) => {
    const listener = (message: Message): void => {
      if (!test(message)) return;
      client.off(Events.MessageCreate, listener);
      resolve(message);
    };
    client.on(Events.MessageCreate, listener);
  });
}

const isChatInput = (i: Interaction): i is ChatInputCommandInteraction => i.isChatInputCommand();
const isAutocomplete = (i: Interaction): i is AutocompleteInteraction => i.isAutocomplete();
const isButton = (i: Interaction): i is ButtonInteraction => i.isButton();
const isMessageCommand = (i: Interaction): i is MessageContextMenuCommandInteraction => i.isMessageContextMenuCommand();

const callbackBody = z.object({ type: z.number(), data: z.record(z.string(), z.unknown()).optional() });

describe("fake Discord with a real discord.js Client", () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeEach(async () => {
    fake = await startFakeDiscord();
    client = newClient(fake);
    await loginReady(client, fake.token);
  });

  afterEach(async () => {
    await client.destroy();
    await fake.close();
  });

  it("becomes ready with the guild, channels, own member and correct permissions cached", () => {
    const identify = fake.identifies[0];
    expect(identify?.token).toBe(fake.token);
    expect(identify?.shard).toEqual([0, 1]);
    expect(identify?.intents).toBe(
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages,
    );
    expect(fake.gatewayConnections[0]?.query).toMatchObject({ v: "10", encoding: "json" });
    expect(client.user?.id).toBe(fake.botUser.id);
    expect(client.application?.id).toBe(fake.applicationId);

    const guild = client.guilds.cache.get(fake.guild.id);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.map((c) => c.name).sort()).toEqual(["announcements", "general", "read-only"]);
    const me = guild?.members.me;
    expect(me?.id).toBe(fake.botUser.id);
    if (!guild || !me) throw new Error("guild or own member missing");

    const permsIn = (name: string) => {
      const channel = guild.channels.cache.find((c) => c.name === name);
      if (!channel || channel.type !== ChannelType.GuildText) throw new Error(`no text channel ${name}`);
      return channel.permissionsFor(me);
    };
    expect(permsIn("general").has([PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks])).toBe(true);
    expect(permsIn("announcements").has([PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks])).toBe(true);
    expect(permsIn("read-only").has(PermissionFlagsBits.ViewChannel)).toBe(true);
    expect(permsIn("read-only").has(PermissionFlagsBits.SendMessages)).toBe(false);

    const moderator = guild.members.cache.get(fake.users.moderator.id);
    expect(moderator?.permissions.has(PermissionFlagsBits.ManageMessages)).toBe(true);
    expect(guild.members.cache.get(fake.users.regular.id)?.permissions.has(PermissionFlagsBits.ManageMessages)).toBe(false);
  });

  it("delivers chat-input commands and records reply / deferReply + editReply", async () => {
    const got = nextInteraction(client, isChatInput);
    const sent = fake.sendInteraction({
      kind: "command",
      name: "ask",
      user: "moderator",
      options: [opt.string("question", "Who signed it?"), opt.boolean("public", false), opt.channel("where", "announcements")],
    });
    const interaction = await got;
    expect(interaction.id).toBe(sent.id);
    expect(interaction.commandName).toBe("ask");
    expect(interaction.options.getString("question")).toBe("Who signed it?");
    expect(interaction.options.getBoolean("public")).toBe(false);
    expect(interaction.options.getChannel("where")?.id).toBe(fake.guild.channels.announcements.id);
    expect(interaction.inCachedGuild()).toBe(true);
    expect(interaction.user.id).toBe(fake.users.moderator.id);
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages)).toBe(true);
    expect(interaction.appPermissions.has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(interaction.channelId).toBe(fake.guild.channels.general.id);

    await interaction.reply({ content: "Only you can see this", flags: MessageFlags.Ephemeral });
    const call = await fake.waitForCall({ method: "POST", path: `/v10/interactions/${sent.id}/${sent.token}/callback` });
    expect(call.status).toBe(204);
    expect(call.authorized).toBe(false);
    expect(callbackBody.parse(call.body)).toEqual({ type: 4, data: expect.objectContaining({ content: "Only you can see this", flags: 64 }) });

    // A second acknowledgement is rejected like on Discord (40060).
    const again = client.rest.post(`/interactions/${sent.id}/${sent.token}/callback`, { body: { type: 5 }, auth: false });
    await expect(again).rejects.toMatchObject({ code: 40060 });

    // Deferred flow, in a DM this time.
    const deferredGot = nextInteraction(client, isChatInput);
    const deferred = fake.sendInteraction({ kind: "command", name: "summary", dm: true, options: { length: 3 } });
    const dmInteraction = await deferredGot;
    expect(dmInteraction.guildId).toBeNull();
    expect(dmInteraction.inGuild()).toBe(false);
    expect(dmInteraction.channel?.type).toBe(ChannelType.DM);
    expect(dmInteraction.options.getInteger("length")).toBe(3);
    await dmInteraction.deferReply();
    const edited = await dmInteraction.editReply({ content: "Here is the summary", embeds: [{ title: "Summary", description: "…" }] });
    expect(edited.content).toBe("Here is the summary");
    expect(edited.embeds[0]?.title).toBe("Summary");
    const deferCall = await fake.waitForCall({ method: "POST", path: `/v10/interactions/${deferred.id}/${deferred.token}/callback` });
    expect(callbackBody.parse(deferCall.body).type).toBe(5);
    const patch = await fake.waitForCall({ method: "PATCH", path: `/v10/webhooks/${fake.applicationId}/${deferred.token}/messages/@original` });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ content: "Here is the summary" });

    const followUp = await dmInteraction.followUp({ content: "One more thing" });
    expect(followUp.content).toBe("One more thing");
    await fake.waitForCall({ method: "POST", path: `/v10/webhooks/${fake.applicationId}/${deferred.token}` });
  });

  it("records autocomplete responses as callback type 8", async () => {
    const got = nextInteraction(client, isAutocomplete);
    const sent = fake.sendInteraction({ kind: "autocomplete", name: "ask", focused: { name: "question", value: "who" } });
    const interaction = await got;
    expect(interaction.commandName).toBe("ask");
    expect(interaction.options.getFocused(true)).toMatchObject({ name: "question", value: "who" });
    await interaction.respond([{ name: "Who signed the ceasefire?", value: "who-signed" }]);
    const call = await fake.waitForCall({ path: `/v10/interactions/${sent.id}/${sent.token}/callback` });
    expect(callbackBody.parse(call.body)).toEqual({ type: 8, data: { choices: [{ name: "Who signed the ceasefire?", value: "who-signed" }] } });
  });

  it("delivers button clicks and message context-menu commands", async () => {
    const buttonGot = nextInteraction(client, isButton);
    fake.sendInteraction({ kind: "button", customId: "answer:sources:42", message: { content: "The answer", label: "Sources" } });
    const button = await buttonGot;
    expect(button.customId).toBe("answer:sources:42");
    expect(button.message.content).toBe("The answer");
    expect(button.message.author.id).toBe(fake.botUser.id);
    await button.update({ content: "The answer (with sources)", components: [] });
    const update = await fake.waitForCall({ path: new RegExp(`/interactions/${button.id}/`) });
    expect(callbackBody.parse(update.body).type).toBe(7);

    const menuGot = nextInteraction(client, isMessageCommand);
    fake.sendInteraction({
      kind: "messageCommand",
      name: "Check this claim",
      user: "regular",
      target: { content: "NATO signed it", author: "moderator" },
    });
    const menu = await menuGot;
    expect(menu.commandName).toBe("Check this claim");
    expect(menu.targetMessage.content).toBe("NATO signed it");
    expect(menu.targetMessage.author.id).toBe(fake.users.moderator.id);
    expect(menu.targetId).toBe(menu.targetMessage.id);
  });

  it("delivers guild and DM messages and records replies; Discord errors surface as DiscordAPIError", async () => {
    const mentioned = nextMessage(client, (m) => !m.author.bot);
    fake.sendMessage({ content: `<@${fake.botUser.id}> what happened?`, channel: "general" });
    const message = await mentioned;
    expect(message.content).toBe(`<@${fake.botUser.id}> what happened?`);
    expect(message.inGuild()).toBe(true);
    expect(message.mentions.users.has(fake.botUser.id)).toBe(true);
    expect(message.member?.id).toBe(fake.users.regular.id);

    // Discord echoes the bot's own message back over the gateway.
    const echoed = nextMessage(client, (m) => m.author.id === fake.botUser.id);
    const reply = await message.reply("A ceasefire was announced.");
    expect(reply.reference?.messageId).toBe(message.id);
    expect((await echoed).id).toBe(reply.id);
    const post = await fake.waitForCall({ method: "POST", path: `/v10/channels/${fake.guild.channels.general.id}/messages` });
    expect(post.authorized).toBe(true);
    expect(post.body).toMatchObject({ content: "A ceasefire was announced.", message_reference: { message_id: message.id } });

    const dmGot = nextMessage(client, (m) => !m.author.bot);
    fake.sendMessage({ content: "hello in private", dm: true, author: "regular" });
    const dm = await dmGot;
    expect(dm.content).toBe("hello in private");
    expect(dm.guildId).toBeNull();
    expect(dm.channel.type).toBe(ChannelType.DM);
    await dm.reply("hi!");
    await fake.waitForCall({ method: "POST", path: `/v10/channels/${dm.channelId}/messages` });
    // The partial DM channel can be fetched: GET /channels/:id answers with type 1 and the recipient.
    const dmChannel = await client.channels.fetch(dm.channelId, { force: true });
    expect(dmChannel?.type).toBe(ChannelType.DM);
    expect(dmChannel?.type === ChannelType.DM ? dmChannel.recipientId : null).toBe(fake.users.regular.id);
    expect(fake.calls.some((c) => c.method === "GET" && c.path === `/v10/channels/${dm.channelId}`)).toBe(true);

    // Without the MessageContent intent, Discord blanks guild messages that don't mention the bot.
    const plainGot = nextMessage(client, (m) => !m.author.bot);
    fake.sendMessage({ content: "just chatting", channel: "general", author: "moderator" });
    expect((await plainGot).content).toBe("");

    const readOnly = client.channels.cache.get(fake.guild.channels.readOnly.id);
    if (!readOnly?.isSendable()) throw new Error("read-only channel not cached");
    await expect(readOnly.send("should fail")).rejects.toSatisfy((e) => e instanceof DiscordAPIError && e.code === 50013 && e.status === 403);

    fake.failNext({ method: "POST", path: /\/messages$/ }, { status: 403, body: { code: 50001, message: "Missing Access" } });
    const general = client.channels.cache.get(fake.guild.channels.general.id);
    if (!general?.isSendable()) throw new Error("general channel not cached");
    await expect(general.send("x")).rejects.toMatchObject({ code: 50001 });
    await expect(general.send("y")).resolves.toMatchObject({ content: "y" });
    await expect(general.send("z".repeat(2001))).rejects.toMatchObject({ code: 50035 });
  });

  it("resumes after the gateway closes with 4000 and keeps delivering events", async () => {
    const resumed = once(client, Events.ShardResume);
    await fake.closeGateway(4000);
    // Sent while the client is disconnected: queued in the session and replayed on RESUME.
    const missed = nextInteraction(client, isChatInput);
    fake.sendInteraction({ kind: "command", name: "while-away" });
    const resume = await fake.waitForResume(10_000);
    expect(resume.token).toBe(fake.token);
    expect(resume.session_id).toMatch(/^[0-9a-f]{32}$/);
    expect(resume.seq).toBeGreaterThanOrEqual(2); // READY + GUILD_CREATE at least
    await resumed;
    expect((await missed).commandName).toBe("while-away");
    expect(fake.identifies).toHaveLength(1);
    expect(fake.gatewayConnections).toHaveLength(2);

    const got = nextInteraction(client, isChatInput);
    fake.sendInteraction({ kind: "command", name: "ping" });
    expect((await got).commandName).toBe("ping");
  });
});

describe("fake Discord on its own", () => {
  it("closes an IDENTIFY with a wrong token with 4004", async () => {
    const fake = await startFakeDiscord();
    try {
      const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
      const closed = once(socket, "close");
      const [hello] = await once(socket, "message");
      expect(JSON.parse(String(hello))).toMatchObject({ op: 10, d: { heartbeat_interval: 45_000 } });
      socket.send(JSON.stringify({ op: 2, d: { token: "wrong", intents: 1, properties: {} } }));
      const [code] = await closed;
      expect(code).toBe(4004);
      expect(fake.identifies[0]?.token).toBe("wrong");
    } finally {
      await fake.close();
    }
  });

  it("answers unknown routes with 404 and records them; waitForCall explains timeouts", async () => {
    const fake = await startFakeDiscord();
    try {
      const res = await fetch(`${fake.restBase}/v10/nothing/here`, { headers: { authorization: `Bot ${fake.token}` } });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: "Unknown route", code: 0 });
      expect(fake.calls).toMatchObject([{ method: "GET", path: "/v10/nothing/here", status: 404 }]);
      await expect(fake.waitForCall({ method: "DELETE" }, 50)).rejects.toThrow(/No REST call matching .*GET \/v10\/nothing\/here → 404/s);
    } finally {
      await fake.close();
    }
  });

  it("leaves no server, socket or timer open after client.destroy() and fake.close()", async () => {
    const count = () => {
      const counts = new Map<string, number>();
      for (const r of process.getActiveResourcesInfo()) counts.set(r, (counts.get(r) ?? 0) + 1);
      return counts;
    };
    // Start from a clean slate: no TCP handle left by earlier tests (vitest itself talks over pipes).
    await vi.waitFor(() => {
      const now = count();
      expect([now.get("TCPServerWrap") ?? 0, now.get("TCPSocketWrap") ?? 0]).toEqual([0, 0]);
    });
    const before = count();
    const fake = await startFakeDiscord();
    const client = newClient(fake);
    await loginReady(client, fake.token);
    const got = nextInteraction(client, isChatInput);
    fake.sendInteraction({ kind: "command", name: "ping" });
    await (await got).reply("pong");
    expect(count().get("TCPServerWrap")).toBe(2);
    await client.destroy();
    await fake.close();
    // Checked right away: close() resolves only once servers and sockets are really gone.
    const after = count();
    // No more than before: a timer left by an earlier test may expire meanwhile, never one more.
    for (const kind of ["TCPServerWrap", "TCPSocketWrap", "Timeout"]) {
      expect(after.get(kind) ?? 0, kind).toBeLessThanOrEqual(before.get(kind) ?? 0);
    }
  });
});
