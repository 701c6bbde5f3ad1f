import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** What became of a question: answered, declined (the article doesn't say), invalid input, or refused by the cooldown. */
export type QuestionOutcomeLabel = "answered" | "declined" | "invalid" | "cooldown";
export type ReloadResult = "ok" | "failed";

/** Seconds; from a fast in-memory answer (0.5 ms) to a slow one (1 s). */
export const ANSWER_SECONDS_BUCKETS: readonly number[] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** Names of the bot's own metrics (the process metrics from prom-client keep their standard names). */
export const METRIC_NAMES = {
  questions: "article_bot_questions_total",
  answerSeconds: "article_bot_answer_duration_seconds",
  errors: "article_bot_errors_total",
  reloads: "article_bot_knowledge_reloads_total",
  shardReady: "article_bot_shard_ready",
  facts: "article_bot_facts_loaded",
} as const;

export interface Metrics {
  /** The bot's own prom-client registry (never the global one). */
  readonly registry: Registry;
  /** One question. `seconds` is how long answering took; leave it out when nothing was answered (cooldown). */
  questionAsked(outcome: QuestionOutcomeLabel, seconds?: number): void;
  /** An error caught somewhere; `where` is a short fixed name ("interaction", "message", "client", …), never free text. */
  errorCaught(where: string): void;
  reloaded(result: ReloadResult): void;
  /** 1 while the shard is connected and ready, 0 otherwise. */
  shardStatus(shardId: number, ready: boolean): void;
  factsLoaded(count: number): void;
  /** The Prometheus text exposition of everything in the registry. */
  render(): Promise<string>;
  /** The Content-Type that goes with `render()`. */
  readonly contentType: string;
}

export interface MetricsOptions {
  /** Also collect prom-client's process metrics (CPU, memory, event loop lag, GC) into the registry. Default true. */
  processMetrics?: boolean;
}

/**
 * The bot's metrics on a registry of its own. prom-client's process metrics install a GC observer
 * and an event-loop monitor that live as long as the process: create one Metrics per process.
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const questions = new Counter({
    name: METRIC_NAMES.questions,
    help: "Questions asked, by outcome: answered, declined, invalid or cooldown.",
    labelNames: ["outcome"] as const,
    registers,
  });
  const answerSeconds = new Histogram({
    name: METRIC_NAMES.answerSeconds,
    help: "Time to answer a question (engine and reply building), in seconds.",
    buckets: [...ANSWER_SECONDS_BUCKETS],
    registers,
  });
  const errors = new Counter({
    name: METRIC_NAMES.errors,
    help: "Errors caught, by where they were caught.",
    labelNames: ["where"] as const,
    registers,
  });
  const reloads = new Counter({
    name: METRIC_NAMES.reloads,
    help: "Knowledge reloads, by result: ok or failed.",
    labelNames: ["result"] as const,
    registers,
  });
  const shardReady = new Gauge({
    name: METRIC_NAMES.shardReady,
    help: "1 while the gateway shard is connected and ready, 0 otherwise.",
    labelNames: ["shard"] as const,
    registers,
  });
  const facts = new Gauge({ name: METRIC_NAMES.facts, help: "Facts in the loaded knowledge.", registers });

  // Zero the labelled series up front, so a scrape shows every outcome before it first happens.
  for (const outcome of ["answered", "declined", "invalid", "cooldown"] satisfies QuestionOutcomeLabel[]) questions.inc({ outcome }, 0);
  for (const result of ["ok", "failed"] satisfies ReloadResult[]) reloads.inc({ result }, 0);

  return {
    registry,
    questionAsked(outcome, seconds) {
      questions.inc({ outcome });
      if (seconds !== undefined && Number.isFinite(seconds) && seconds >= 0) answerSeconds.observe(seconds);
    },
    errorCaught(where) {
      errors.inc({ where });
    },
    reloaded(result) {
      reloads.inc({ result });
    },
    shardStatus(shardId, ready) {
      shardReady.set({ shard: String(shardId) }, ready ? 1 : 0);
    },
    factsLoaded(count) {
      facts.set(count);
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
