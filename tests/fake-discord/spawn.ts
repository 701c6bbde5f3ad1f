import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root, and how to start its TypeScript entry points with node + tsx. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TSX_LOADER = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

export interface Spawned {
  readonly pid: number;
  /** The exit code (null when killed by a signal). */
  readonly exit: Promise<number | null>;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** How many times `text` occurs in the output so far. */
  count(text: string): number;
  /** Resolves once `text` has appeared `times` times (default 1); rejects with the output after `timeoutMs`. */
  waitFor(text: string, options?: { times?: number; timeoutMs?: number }): Promise<void>;
  /**
   * Sends `signal` to the process only (its children get what it passes on), or with `group: true`
   * to its whole process group, as a terminal's Ctrl-C or a service manager does.
   */
  kill(signal: NodeJS.Signals, options?: { group?: boolean }): void;
  /** Whether the process (with `group: true`, any process of its group) is still running. */
  alive(options?: { group?: boolean }): boolean;
  /** SIGKILLs whatever is still running (the whole group with `group: true`) and deletes the scratch folder. */
  cleanup(): void;
}

export interface SpawnOptions {
  /** Only these variables (plus PATH and HOME) reach the process, so no developer setting leaks in. */
  env: Record<string, string>;
  /** Default: a scratch folder (so no .env is read), deleted by cleanup(). */
  cwd?: string;
  /** Start it as the leader of its own process group, so cleanup() reaches its children too. */
  group?: boolean;
}

/** Starts a command with a bounded, inspectable output; every Spawned must be cleaned up. */
export function spawnCommand(command: string, args: string[], options: SpawnOptions): Spawned {
  const scratch = options.cwd === undefined ? mkdtempSync(join(tmpdir(), "bot-run-")) : null;
  const group = options.group ?? false;
  const child = spawn(command, args, {
    cwd: options.cwd ?? scratch ?? undefined,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: group,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${command}`);
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    for (const listener of [...listeners]) listener();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      exited = true;
      resolve(code);
    }),
  );
  const count = (text: string) => output.split(text).length - 1;
  const signal = (sig: NodeJS.Signals, wholeGroup: boolean) => {
    try {
      if (wholeGroup) process.kill(-pid, sig);
      else child.kill(sig);
    } catch {
      /* already gone */
    }
  };
  return {
    pid,
    exit,
    output: () => output,
    count,
    waitFor: (text, { times = 1, timeoutMs = 20_000 } = {}) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (count(text) < times) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`"${text}" did not appear ${times} time(s) within ${timeoutMs}ms; output so far:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
    kill: (sig, { group: wholeGroup = false } = {}) => signal(sig, wholeGroup && group),
    alive: ({ group: wholeGroup = false } = {}) => {
      try {
        process.kill(wholeGroup && group ? -pid : pid, 0);
        return true;
      } catch {
        return false;
      }
    },
    cleanup: () => {
      // A group may outlive its leader (shard processes of a manager that died): always sweep it.
      if (group) signal("SIGKILL", true);
      else if (!exited) signal("SIGKILL", false);
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** `node --import tsx <entry>` for a TypeScript entry point of the repository (e.g. "src/index.ts"). */
export function spawnEntry(entry: string, options: SpawnOptions): Spawned {
  return spawnCommand(process.execPath, ["--import", TSX_LOADER, join(ROOT, entry)], options);
}
