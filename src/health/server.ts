import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.ts";
import type { Metrics } from "../metrics.ts";
import type { HealthStatus } from "./check.ts";

export interface HealthServerOptions {
  /** Address to bind; default 127.0.0.1 (only this machine can reach it). */
  host?: string;
  /** 0 picks a free port; the returned url has the real one. */
  port: number;
  metrics: Pick<Metrics, "render" | "contentType">;
  health: () => HealthStatus;
  logger: Pick<Logger, "info" | "warn" | "error">;
}

export interface HealthServer {
  /** e.g. http://127.0.0.1:9464 */
  readonly url: string;
  readonly address: AddressInfo;
  /** Stops listening and closes open connections; resolves once the server is closed. */
  close(): Promise<void>;
}

export const DEFAULT_HEALTH_HOST = "127.0.0.1";

/**
 * GET /healthz (200 ok, or 503 with the reasons) and GET /metrics (Prometheus text) on node:http.
 * Anything else is 404, methods other than GET and HEAD are 405. Request bodies are never read.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const host = options.host ?? DEFAULT_HEALTH_HOST;
  const server = createServer((req, res) => {
    handle(req, res, options).catch((error: unknown) => {
      options.logger.error({ err: error, url: req.url }, "health server request failed");
      send(res, req, 500, "text/plain; charset=utf-8", "internal error\n");
    });
  });
  // Bounded: no slow-loris headers, no long-lived idle sockets.
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.maxRequestsPerSocket = 100;
  server.on("clientError", (error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
    options.logger.warn({ err: error }, "health server: bad request");
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error) => options.logger.error({ err: error }, "health server error"));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("health server: no TCP address after listen");
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;
  options.logger.info({ url }, "health server listening");

  let closing: Promise<void> | undefined;
  return {
    url,
    address,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HealthServerOptions): Promise<void> {
  const method = req.method ?? "";
  if (method !== "GET" && method !== "HEAD") {
    // The body (if any) stays unread: close the connection rather than drain it.
    res.setHeader("allow", "GET, HEAD");
    res.setHeader("connection", "close");
    send(res, req, 405, "text/plain; charset=utf-8", "method not allowed\n");
    return;
  }
  const path = pathOf(req.url);
  if (path === "/healthz") {
    const status = checked(options);
    const body = status.ok ? { status: "ok", uptimeSeconds: Math.round(process.uptime()) } : { status: "unavailable", reasons: status.reasons };
    send(res, req, status.ok ? 200 : 503, "application/json; charset=utf-8", `${JSON.stringify(body)}\n`);
    return;
  }
  if (path === "/metrics") {
    const text = await options.metrics.render();
    send(res, req, 200, options.metrics.contentType, text);
    return;
  }
  send(res, req, 404, "text/plain; charset=utf-8", "not found\n");
}

/** The health function's answer; a throwing check counts as unhealthy rather than crashing the server. */
function checked(options: HealthServerOptions): HealthStatus {
  try {
    return options.health();
  } catch (error) {
    options.logger.error({ err: error }, "health check threw");
    return { ok: false, reasons: [`health check failed: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

/** The path of a request target, without query; null when it cannot be parsed. */
function pathOf(target: string | undefined): string | null {
  if (target === undefined || !target.startsWith("/")) return null;
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

function send(res: ServerResponse, req: IncomingMessage, status: number, contentType: string, body: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : body);
}
