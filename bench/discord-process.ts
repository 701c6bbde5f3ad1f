import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { childMessage, type ChildMessage, type HeapReading, type ParentMessage } from "./discord-ipc.ts";

const CHILD = fileURLToPath(new URL("./discord-bot-process.ts", import.meta.url));

export interface BotProcess {
  readonly pid: number;
  readonly facts: number;
  /** The bot's heap after a full collection (gc is false if the child could not collect). */
  heap(timeoutMs?: number): Promise<HeapReading>;
  /** Stops the bot and waits for the process to exit; kills it if it has not after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<number | null>;
}

export interface BotProcessOptions {
  /** the fake's REST base (DISCORD_API_URL) and token */
  apiUrl: string;
  token: string;
  /** more settings, as environment variables (ASK_COOLDOWN_LIMIT, LOG_LEVEL, KNOWLEDGE_DIR, …) */
  env?: Record<string, string>;
  /** where the bot's log lines (stdout) go: a file descriptor, or "ignore" (default) */
  stdout?: number | "ignore";
  /** more node flags for the bot process, e.g. ["--cpu-prof"] */
  nodeArgs?: string[];
  /** reject if the bot is not ready by then (ms, default 60 000) */
  readyTimeoutMs?: number;
}

/**
 * Starts bench/discord-bot-process.ts with node --expose-gc --import tsx and resolves when its
 * bot is ready. Only PATH and HOME come from this environment, so no real token can leak in.
 */
export function startBotProcess(options: BotProcessOptions): Promise<BotProcess> {
  const child = fork(CHILD, [], {
    execArgv: ["--expose-gc", ...(options.nodeArgs ?? []), "--import", "tsx"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      DISCORD_TOKEN: options.token,
      DISCORD_API_URL: options.apiUrl,
      LOG_LEVEL: "warn",
      ...options.env,
    },
    stdio: ["ignore", options.stdout ?? "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-8_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  /** The next message that `pick` accepts. */
  const next = <T>(type: string, pick: (message: ChildMessage) => T | undefined, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (raw: unknown) => {
        const parsed = childMessage.safeParse(raw);
        const picked = parsed.success ? pick(parsed.data) : undefined;
        if (picked === undefined) return;
        cleanup();
        resolve(picked);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`bot process exited (${code}) before "${type}":\n${stderr}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`bot process: no "${type}" within ${timeoutMs} ms:\n${stderr}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
      };
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  const post = (message: ParentMessage) => {
    if (child.connected) child.send(message);
  };

  return next("ready", (m) => (m.type === "ready" ? m : undefined), options.readyTimeoutMs ?? 60_000).then(
    (ready) => ({
      pid: ready.pid,
      facts: ready.facts,
      heap(timeoutMs = 30_000) {
        const reading = next("heap", (m) => (m.type === "heap" ? m : undefined), timeoutMs);
        post({ type: "heap" });
        return reading;
      },
      async stop(timeoutMs = 10_000) {
        return stopChild(child, exited, () => post({ type: "stop" }), timeoutMs);
      },
    }),
    async (error: unknown) => {
      await stopChild(child, exited, () => undefined, 1_000);
      throw error;
    },
  );
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, ask: () => void, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  ask();
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
