import { STATUS_CODES, createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Recorder } from "./recorder.ts";

/** A file part of a multipart request (discord.js sends multipart only when there are files). */
export interface FakeFile {
  /** Form field, e.g. "files[0]". */
  field: string;
  name: string;
  size: number;
  contentType: string;
}

/** One REST request as the fake saw it. */
export interface FakeCall {
  method: string;
  /** Decoded path below `/api`, without query: `/v10/webhooks/APP/TOKEN/messages/@original`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body (the `payload_json` part for multipart), or null. */
  body: unknown;
  files: FakeFile[];
  /** Status the fake answered with. */
  status: number;
  /** Whether an `Authorization: Bot <token>` header with the right token was sent. */
  authorized: boolean;
  time: number;
}

/** A predicate, or a shorthand `{ method, path }` (path: exact string or RegExp). */
export type CallMatcher = ((call: FakeCall) => boolean) | { method?: string; path?: string | RegExp };

export interface FailureSpec {
  status: number;
  /** Default: `{ message: <status text>, code: 0 }`. */
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching calls fail (default 1). Note @discordjs/rest retries 5xx up to 3 times. */
  times?: number;
}

export interface RestRequest {
  method: string;
  /** Decoded path segments after `/api/vN`. */
  segments: string[];
  query: URLSearchParams;
  body: unknown;
  files: FakeFile[];
  authorized: boolean;
}

export interface RestReply {
  status: number;
  /** JSON-serialised; omit for an empty body (e.g. 204). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Runs after the response is written (used to echo gateway events after REST answers). */
  after?: () => void;
}

export type Params = ReadonlyMap<string, string>;

export interface Route {
  method: string;
  /** Below `/api/vN`, with `:name` placeholders, e.g. `/channels/:channel/messages`. */
  pattern: string;
  /** Bot-token auth required (interaction callbacks and webhooks use the interaction token instead). */
  auth: boolean;
  handle: (request: RestRequest, params: Params) => RestReply;
}

export function param(params: Params, name: string): string {
  const value = params.get(name);
  if (value === undefined) throw new Error(`fake-discord: route has no :${name}`);
  return value;
}

export function errorReply(status: number, code: number, message: string, errors?: unknown): RestReply {
  return { status, body: errors === undefined ? { message, code } : { message, code, errors } };
}

export function matches(matcher: CallMatcher, call: FakeCall): boolean {
  if (typeof matcher === "function") return matcher(call);
  if (matcher.method !== undefined && matcher.method.toUpperCase() !== call.method) return false;
  if (matcher.path === undefined) return true;
  return typeof matcher.path === "string" ? matcher.path === call.path : matcher.path.test(call.path);
}

export function describeCall(call: FakeCall): string {
  const query = new URLSearchParams(call.query).toString();
  const body = call.body === null ? "" : ` ${JSON.stringify(call.body).slice(0, 200)}`;
  return `${call.method} ${call.path}${query ? `?${query}` : ""} → ${call.status}${body}`;
}

interface PendingFailure {
  matcher: CallMatcher;
  spec: FailureSpec;
  remaining: number;
}

/** The REST half of the fake: a tiny router over node:http that records every request. */
export class RestServer {
  readonly calls = new Recorder<FakeCall>("REST call", describeCall);
  private readonly server: Server;
  private readonly failures: PendingFailure[] = [];
  private readonly sockets = new Set<Socket>();
  private port = 0;
  private revoked = false;

  constructor(
    private readonly routes: Route[],
    private readonly token: string,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: `fake-discord crashed: ${String(error)}`, code: 0 }));
      });
    });
    this.server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    const address: AddressInfo | string | null = this.server.address();
    if (address === null || typeof address === "string") throw new Error("fake-discord: REST server has no port");
    this.port = address.port;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  failNext(matcher: CallMatcher, spec: FailureSpec): void {
    this.failures.push({ matcher, spec, remaining: spec.times ?? 1 });
  }

  /** From now on the bot token is refused (401), as after a token reset in the Developer Portal. */
  revokeToken(): void {
    this.revoked = true;
  }

  async close(): Promise<void> {
    this.calls.cancelAll("fake closed");
    const closed = [...this.sockets].map((socket) => new Promise((resolve) => socket.once("close", resolve)));
    // undici keeps sockets alive; close them or server.close() would wait for their idle timeout.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all(closed);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const rawSegments = url.pathname.split("/").filter((s) => s !== "");
    // discord.js URL-encodes some segments (`@original` arrives as `%40original`, emojis in reactions).
    const decoded = rawSegments.map((s) => decodeURIComponent(s));
    const { body, files } = await readBody(req);
    const authorized = !this.revoked && req.headers.authorization === `Bot ${this.token}`;
    const partial = {
      method,
      path: `/${decoded.slice(1).join("/")}`,
      query: Object.fromEntries(url.searchParams),
      body,
      files,
      authorized,
      time: Date.now(),
    };

    const reply = this.route(method, decoded, url.searchParams, partial);
    const call: FakeCall = { ...partial, status: reply.status };
    this.calls.push(call);
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
    } else {
      res.writeHead(reply.status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(reply.body));
    }
    reply.after?.();
  }

  private route(method: string, decoded: string[], query: URLSearchParams, partial: Omit<FakeCall, "status">): RestReply {
    const probe: FakeCall = { ...partial, status: 0 };
    const failure = this.failures.find((f) => matches(f.matcher, probe));
    if (failure) {
      failure.remaining -= 1;
      if (failure.remaining <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      const { status, body, headers } = failure.spec;
      return { status, body: body ?? { message: STATUS_CODES[status] ?? "Error", code: 0 }, headers: headers ?? {} };
    }

    const [api, version, ...segments] = decoded;
    if (api !== "api" || version === undefined || !/^v\d+$/.test(version)) return errorReply(404, 0, "Unknown route");
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const params = matchPattern(route.pattern, segments);
      if (!params) continue;
      if (route.auth && !partial.authorized) return errorReply(401, 0, "401: Unauthorized");
      return route.handle({ method, segments, query, body: partial.body, files: partial.files, authorized: partial.authorized }, params);
    }
    return errorReply(404, 0, "Unknown route");
  }
}

function matchPattern(pattern: string, segments: string[]): Params | null {
  const parts = pattern.split("/").filter((s) => s !== "");
  if (parts.length !== segments.length) return null;
  const params = new Map<string, string>();
  for (const [index, part] of parts.entries()) {
    const segment = segments[index];
    if (segment === undefined) return null;
    if (part.startsWith(":")) params.set(part.slice(1), segment);
    else if (part !== segment) return null;
  }
  return params;
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: FakeFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: null, files: [] };
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) {
    // Let undici's Request parse the multipart body; the JSON lives in the `payload_json` part.
    const form = await new Request("http://fake.invalid/", { method: "POST", headers: { "content-type": type }, body: raw }).formData();
    const files: FakeFile[] = [];
    let body: unknown = null;
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") {
        if (field === "payload_json") body = parseJson(value);
      } else {
        files.push({ field, name: value.name, size: value.size, contentType: value.type });
      }
    }
    return { body, files };
  }
  return { body: parseJson(raw.toString("utf8")), files: [] };
}

function parseJson(text: string): unknown {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch {
    return text;
  }
}
