import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes } from "discord.js";
import { WebSocket, WebSocketServer } from "ws";
import type { RawData } from "ws";
import { z } from "zod";
import { guildMembersRequest } from "./bodies.ts";
import { guildCreatePayload, readyPayload } from "./payloads.ts";
import { Recorder } from "./recorder.ts";
import type { FakeWorld } from "./world.ts";

const frameSchema = z.object({ op: z.number().int(), d: z.unknown() });

const identifySchema = z.object({
  token: z.string(),
  intents: z.number().int(),
  properties: z.record(z.string(), z.unknown()),
  shard: z.tuple([z.number().int(), z.number().int()]).optional(),
  compress: z.boolean().optional(),
  large_threshold: z.number().int().optional(),
  presence: z.unknown().optional(),
});
export type IdentifyPayload = z.infer<typeof identifySchema>;

const resumeSchema = z.object({ token: z.string(), session_id: z.string(), seq: z.number().int().nullable() });
export type ResumePayload = z.infer<typeof resumeSchema>;

/** A session the fake opened: what READY told the client. */
export interface ReadySession {
  sessionId: string;
  shard: [number, number];
}

export interface GatewayConnection {
  /** Query of the upgrade request, e.g. { v: "10", encoding: "json" }. */
  query: Record<string, string>;
  time: number;
}

interface Session {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  /** Every dispatch of the session, so a RESUME can replay what the client missed. */
  log: Array<{ s: number; text: string }>;
  socket: WebSocket | null;
}

/** Close codes after which Discord refuses to resume the session. */
const SESSION_ENDING_CODES: ReadonlySet<number> = new Set([
  GatewayCloseCodes.InvalidSeq,
  GatewayCloseCodes.SessionTimedOut,
  GatewayCloseCodes.AuthenticationFailed,
]);

export interface GatewayOptions {
  world: FakeWorld;
  token: string;
  heartbeatIntervalMs: number;
}

/** The gateway half of the fake: JSON encoding, no compression, one session per shard. */
export class GatewayServer {
  readonly identifies = new Recorder<IdentifyPayload>("IDENTIFY", (i) => `shard ${JSON.stringify(i.shard ?? null)} intents ${i.intents}`);
  readonly resumes = new Recorder<ResumePayload>("RESUME", (r) => `session ${r.session_id} seq ${r.seq}`);
  readonly readies = new Recorder<ReadySession>("READY", (r) => `session ${r.sessionId} shard ${JSON.stringify(r.shard)}`);
  readonly connections: GatewayConnection[] = [];
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  /** Latest identified session per shard id: where dispatches go. */
  private readonly current = new Map<number, Session>();
  private readonly sockets = new Set<WebSocket>();
  /** The session each connection identified or resumed (none before IDENTIFY / RESUME, or after op 9). */
  private readonly bound = new Map<WebSocket, Session>();
  private revoked = false;
  private port = 0;

  constructor(private readonly options: GatewayOptions) {
    this.http = createServer((_req, res) => {
      res.writeHead(426, { "content-type": "text/plain" });
      res.end("fake-discord gateway: WebSocket only");
    });
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on("connection", (socket, request) => {
      const query = new URL(request.url ?? "/", "ws://127.0.0.1").searchParams;
      this.connections.push({ query: Object.fromEntries(query), time: Date.now() });
      this.accept(socket);
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.http.once("error", reject);
      this.http.listen(0, "127.0.0.1", () => resolve());
    });
    const address: AddressInfo | string | null = this.http.address();
    if (address === null || typeof address === "string") throw new Error("fake-discord: gateway has no port");
    this.port = address.port;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /**
   * The live session that receives events for a guild: the one whose shard id is
   * (guild_id >> 22) % shard_count. DMs go to shard 0.
   */
  private sessionFor(guildId: string | null): Session | undefined {
    return [...this.current.values()].find((s) => s.shard[0] === shardOf(guildId, s.shard[1]));
  }

  /** Intents of the session that would receive events for `guildId` (null: DMs), or null before IDENTIFY. */
  intentsFor(guildId: string | null): number | null {
    return this.sessionFor(guildId)?.intents ?? null;
  }

  /** Sends (or, while disconnected, queues for RESUME replay) an op 0 dispatch for a guild (null: DMs). */
  dispatch(guildId: string | null, t: string, d: unknown): void {
    const session = this.sessionFor(guildId);
    if (!session) throw new Error("fake-discord: no gateway session yet (has the client logged in and received READY?)");
    this.send(session, t, d);
  }

  /** Sends (or queues for RESUME replay) a dispatch over the current session of shard `shardId`, whatever guild it is about. */
  dispatchToShard(shardId: number, t: string, d: unknown): void {
    const session = this.current.get(shardId);
    if (!session) throw new Error(`fake-discord: shard ${shardId} has no gateway session (identified: ${[...this.current.keys()].join(", ") || "none"})`);
    this.send(session, t, d);
  }

  /**
   * Sends op 9 INVALID_SESSION on every identified connection (or only shard `shardId`'s). `resumable`
   * is its `d`: true, the client may RESUME on the same connection; false, the session is gone and
   * the client must IDENTIFY anew.
   */
  invalidateSessions(resumable: boolean, shardId?: number): void {
    for (const [socket, session] of [...this.bound]) {
      if (shardId !== undefined && session.shard[0] !== shardId) continue;
      this.bound.delete(socket);
      session.socket = null;
      if (!resumable) {
        this.sessions.delete(session.id);
        if (this.current.get(session.shard[0]) === session) this.current.delete(session.shard[0]);
      }
      sendRaw(socket, { op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  /** The token stops working: IDENTIFY / RESUME with it get 4004, and open connections are closed with 4004. */
  async revokeToken(): Promise<void> {
    this.revoked = true;
    await this.closeConnections(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
  }

  /** Closes every open gateway connection with `code`; resolves once they are closed. */
  async closeConnections(code: number, reason: string): Promise<void> {
    const open = [...this.sockets].filter((s) => s.readyState === WebSocket.OPEN);
    if (SESSION_ENDING_CODES.has(code)) {
      for (const session of this.sessions.values()) {
        if (session.socket && open.includes(session.socket)) this.sessions.delete(session.id);
      }
    }
    await Promise.all(open.map((socket) => closeSocket(socket, code, reason)));
  }

  async close(): Promise<void> {
    this.identifies.cancelAll("fake closed");
    this.readies.cancelAll("fake closed");
    this.resumes.cancelAll("fake closed");
    const closed = [...this.sockets].map((socket) => new Promise((resolve) => socket.once("close", resolve)));
    for (const socket of this.sockets) socket.terminate();
    await Promise.all(closed);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on("error", () => {
      /* a client vanishing mid-frame is not the fake's problem */
    });
    socket.on("close", () => {
      this.sockets.delete(socket);
      const session = this.bound.get(socket);
      if (session?.socket === socket) session.socket = null;
      this.bound.delete(socket);
    });
    socket.on("message", (data, isBinary) => {
      const frame = parseFrame(data, isBinary);
      if (!frame) return socket.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
      if (frame.op === GatewayOpcodes.Heartbeat) return sendRaw(socket, { op: GatewayOpcodes.HeartbeatAck });
      const session = this.bound.get(socket);
      if (frame.op === GatewayOpcodes.Identify || frame.op === GatewayOpcodes.Resume) {
        if (session) return socket.close(GatewayCloseCodes.AlreadyAuthenticated, "You sent more than one identify payload.");
        const started = frame.op === GatewayOpcodes.Identify ? this.identify(socket, frame.d) : this.resume(socket, frame.d);
        if (started) this.bound.set(socket, started);
        return;
      }
      if (!session) return socket.close(GatewayCloseCodes.NotAuthenticated, "Not authenticated.");
      switch (frame.op) {
        case GatewayOpcodes.RequestGuildMembers:
          return this.requestGuildMembers(session, frame.d);
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
        case GatewayOpcodes.RequestSoundboardSounds:
          return;
        default:
          return socket.close(GatewayCloseCodes.UnknownOpcode, "Unknown opcode.");
      }
    });
    // HELLO first; discord.js then heartbeats after a random fraction of the interval and identifies/resumes.
    sendRaw(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs }, s: null, t: null });
  }

  private identify(socket: WebSocket, raw: unknown): Session | null {
    const parsed = identifySchema.safeParse(raw);
    if (!parsed.success) {
      socket.close(GatewayCloseCodes.DecodeError, "Invalid identify payload.");
      return null;
    }
    const data = parsed.data;
    this.identifies.push(data);
    if (data.token !== this.options.token || this.revoked) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return null;
    }
    // Any valid [id, count] is accepted (GET /gateway/bot only *recommends* a count), as on Discord.
    const shard = data.shard ?? [0, 1];
    if (shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1]) {
      socket.close(GatewayCloseCodes.InvalidShard, "Invalid shard.");
      return null;
    }
    const session: Session = { id: randomBytes(16).toString("hex"), shard, intents: data.intents, seq: 0, log: [], socket };
    this.sessions.set(session.id, session);
    this.current.set(shard[0], session);

    const { world } = this.options;
    const guildIds = shardOf(world.guild.id, shard[1]) === shard[0] ? [world.guild.id] : [];
    this.send(session, GatewayDispatchEvents.Ready, readyPayload(world, session.id, this.url, shard, guildIds));
    this.readies.push({ sessionId: session.id, shard });
    // Then one GUILD_CREATE per guild of the shard, with everything discord.js caches (roles, channels, members…).
    if (guildIds.length > 0) this.send(session, GatewayDispatchEvents.GuildCreate, guildCreatePayload(world));
    return session;
  }

  private resume(socket: WebSocket, raw: unknown): Session | null {
    const parsed = resumeSchema.safeParse(raw);
    if (!parsed.success) {
      socket.close(GatewayCloseCodes.DecodeError, "Invalid resume payload.");
      return null;
    }
    const data = parsed.data;
    this.resumes.push(data);
    if (this.revoked) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return null;
    }
    const session = this.sessions.get(data.session_id);
    if (!session || data.token !== this.options.token) {
      // op 9 with d=false: not resumable; discord.js reconnects and identifies anew.
      sendRaw(socket, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return null;
    }
    if (session.socket && session.socket !== socket) session.socket.terminate();
    session.socket = socket;
    // Replay what the client missed, then RESUMED — all continuing the session's sequence numbers.
    for (const entry of session.log) {
      if (entry.s > (data.seq ?? 0)) socket.send(entry.text);
    }
    this.send(session, GatewayDispatchEvents.Resumed, {});
    return session;
  }

  private requestGuildMembers(session: Session, raw: unknown): void {
    const parsed = guildMembersRequest.safeParse(raw);
    if (!parsed.success) return;
    const { world } = this.options;
    const { user_ids, query, limit, nonce } = parsed.data;
    const ids = user_ids === undefined ? null : [user_ids].flat();
    let members = world.memberList().filter((m) => (ids ? ids.includes(m.user.id) : m.user.username.startsWith(query ?? "")));
    if (limit) members = members.slice(0, limit);
    this.send(session, GatewayDispatchEvents.GuildMembersChunk, {
      guild_id: world.guild.id,
      members,
      chunk_index: 0,
      chunk_count: 1,
      not_found: ids ? ids.filter((id) => !members.some((m) => m.user.id === id)) : [],
      ...(nonce === undefined ? {} : { nonce }),
    });
  }

  private send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const text = JSON.stringify({ op: GatewayOpcodes.Dispatch, t, s: session.seq, d });
    session.log.push({ s: session.seq, text });
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(text);
  }
}

function shardOf(guildId: string | null, shardCount: number): number {
  return guildId === null ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

function parseFrame(data: RawData, isBinary: boolean): z.infer<typeof frameSchema> | null {
  if (isBinary) return null;
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
  const text = bytes.toString("utf8");
  try {
    const parsed = frameSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function sendRaw(socket: WebSocket, payload: unknown): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
}

/** Closes with a code and waits for the closing handshake (terminating after 1 s if the peer stalls). */
function closeSocket(socket: WebSocket, code: number, reason: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => socket.terminate(), 1000);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    socket.close(code, reason);
  });
}
