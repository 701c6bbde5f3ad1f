import { watch, type FSWatcher } from "node:fs";
import { createEngine, type Engine } from "../engine/engine.ts";
import type { Logger } from "../logger.ts";
import type { BuildResult } from "./build.ts";
import { KnowledgeError } from "./errors.ts";

/** Builds a knowledge folder; in the bot a worker thread does it (buildInWorker), in tests it may run here. */
export type Builder = (dir: string, cacheDir: string) => Promise<BuildResult>;

export interface ReloadOutcome {
  ok: boolean;
  /** what asked for it: "start", "watch", "/kb reload by …" */
  reason: string;
  at: Date;
  ms: number;
  articles: number;
  facts: number;
  /** each problem with its file and field, when the folder failed validation */
  problems: string[];
}

export interface KnowledgeStatus {
  dir: string;
  articles: number;
  facts: number;
  drafts: number;
  loadedAt: Date;
  watching: boolean;
  reloading: boolean;
  /** the last reload attempt, good or bad */
  last: ReloadOutcome;
  /** the last attempt that failed, if any since the engine was loaded */
  lastFailure: ReloadOutcome | undefined;
}

export interface LiveKnowledgeOptions {
  dir: string;
  cacheDir: string;
  logger: Logger;
  build: Builder;
  /** called after every reload attempt (metrics) */
  onReload?: (outcome: ReloadOutcome) => void;
  /** how long the folder must stay quiet before a change is reloaded (ms) */
  debounceMs?: number;
}

/**
 * The knowledge the bot answers from, reloaded while it runs. A reload builds a whole new engine
 * (in a worker thread) and then swaps it in with one assignment: a question reads `engine` once
 * and gets the old engine or the new one, never a half-built one. A folder that fails validation
 * leaves the last good engine in place, and the problems are kept for /kb status.
 */
export class LiveKnowledge {
  private current: Engine;
  private loadedAt: Date;
  private last: ReloadOutcome;
  private lastFailure: ReloadOutcome | undefined;
  private running: Promise<ReloadOutcome> | undefined;
  private queued: Promise<ReloadOutcome> | undefined;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    private readonly options: LiveKnowledgeOptions,
    engine: Engine,
    first: ReloadOutcome,
  ) {
    this.current = engine;
    this.loadedAt = first.at;
    this.last = first;
  }

  /** Loads the folder once; throws when it is not valid (a bot can't start without knowledge). */
  static async start(options: LiveKnowledgeOptions): Promise<LiveKnowledge> {
    const started = performance.now();
    const result = await options.build(options.dir, options.cacheDir);
    if (!result.ok) throw new KnowledgeError(result.problems);
    if (result.cacheProblem) options.logger.warn({ problem: result.cacheProblem }, "index cache not used");
    const engine = createEngine(result.kb, { index: result.index });
    const outcome = outcomeOf("start", started, engine, []);
    options.logger.info({ articles: outcome.articles, facts: outcome.facts, index: result.source, ms: outcome.ms }, "knowledge loaded");
    options.onReload?.(outcome);
    return new LiveKnowledge(options, engine, outcome);
  }

  /** The engine to answer from now. */
  get engine(): Engine {
    return this.current;
  }

  /**
   * Reloads the folder. Asked again while a reload runs, it queues one more (which sees every
   * change so far) instead of running two at once.
   */
  reload(reason: string): Promise<ReloadOutcome> {
    if (!this.running) {
      this.running = this.runReload(reason).finally(() => {
        // a queued reload starts from its own .then, after this
        this.running = undefined;
        this.queued = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running.then(() => this.reload(reason));
    return this.queued;
  }

  /** Reloads on every change under the folder, once it has been quiet for a moment. */
  watch(): void {
    if (this.watcher || this.closed) return;
    const { dir, logger } = this.options;
    try {
      this.watcher = watch(dir, { recursive: true }, (_event, file) => this.changed(file));
      this.watcher.on("error", (error) => {
        logger.warn({ err: error, dir }, "stopped watching the knowledge folder; /kb reload still works");
        this.unwatch();
      });
    } catch (error) {
      logger.warn({ err: error, dir }, "cannot watch the knowledge folder; /kb reload still works");
    }
  }

  status(): KnowledgeStatus {
    const engine = this.current;
    return {
      dir: this.options.dir,
      articles: engine.articles.length,
      facts: engine.facts.length,
      drafts: engine.facts.filter((f) => f.draft).length,
      loadedAt: this.loadedAt,
      watching: this.watcher !== undefined,
      reloading: this.running !== undefined,
      last: this.last,
      lastFailure: this.lastFailure,
    };
  }

  /** Stops watching; a reload already running still finishes. */
  close(): void {
    this.closed = true;
    this.unwatch();
  }

  private changed(file: string | Buffer | null): void {
    if (this.closed) return;
    const name = file === null ? "" : String(file);
    // Editors write swap and backup files next to the real ones; they change nothing.
    if (/(^|\/)(\.[^/]*\.swp|[^/]*~|\.#[^/]*|4913)$/.test(name)) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(`change to ${name || "the folder"}`), this.options.debounceMs ?? 300);
    this.timer.unref();
  }

  private unwatch(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }

  private async runReload(reason: string): Promise<ReloadOutcome> {
    const { dir, cacheDir, build, logger } = this.options;
    const started = performance.now();
    let outcome: ReloadOutcome;
    try {
      const result = await build(dir, cacheDir);
      if (result.ok) {
        if (result.cacheProblem) logger.warn({ problem: result.cacheProblem }, "index cache not used");
        const engine = createEngine(result.kb, { index: result.index });
        this.current = engine;
        this.loadedAt = new Date();
        outcome = outcomeOf(reason, started, engine, []);
        logger.info({ reason, articles: outcome.articles, facts: outcome.facts, ms: outcome.ms }, "knowledge reloaded");
      } else {
        outcome = outcomeOf(reason, started, this.current, result.problems, false);
        logger.error({ reason, problems: result.problems }, "knowledge reload rejected; still answering from the last good knowledge");
      }
    } catch (error) {
      const problem = `the reload failed: ${error instanceof Error ? error.message : String(error)}`;
      outcome = outcomeOf(reason, started, this.current, [problem], false);
      logger.error({ reason, err: error }, "knowledge reload failed; still answering from the last good knowledge");
    }
    this.last = outcome;
    if (!outcome.ok) this.lastFailure = outcome;
    this.options.onReload?.(outcome);
    return outcome;
  }
}

function outcomeOf(reason: string, started: number, engine: Engine, problems: string[], ok = problems.length === 0): ReloadOutcome {
  return {
    ok,
    reason,
    at: new Date(),
    ms: Math.round(performance.now() - started),
    articles: engine.articles.length,
    facts: engine.facts.length,
    problems,
  };
}
