/**
 * Load on the fake Discord: dispatch many interactions and time each one's first response, the
 * interaction callback, from the moment its INTERACTION_CREATE left the fake's gateway.
 *
 *   const run = await sendLoad(fake, inputs, { timeoutMs: 30_000 });            // a burst: all at once
 *   const run = await sendLoad(fake, inputs, { inFlight: 200, timeoutMs: 60_000 }); // a steady stream
 *
 * Timing hooks into the fake's call recorder with one waiter whose predicate sees every REST call
 * as it is recorded, so there is no polling and no per-interaction waiter.
 */
import type { FakeCall, FakeDiscord, InteractionInput, SentInteraction } from "./index.ts";

export interface LoadOptions {
  /** At most this many interactions without a first response at once; default: all (a burst). */
  inFlight?: number;
  /** Stop waiting after this long in all (ms); interactions still unanswered then count as lost. */
  timeoutMs: number;
  /** After the last first response, wait this long (ms) for late duplicates before counting. Default 200. */
  settleMs?: number;
  /** Called after each first response (e.g. to sample memory); keep it cheap. */
  onResponse?: (answered: number) => void;
}

export interface InteractionTiming {
  sent: SentInteraction;
  /** performance.now() just after the dispatch was handed to the gateway socket */
  dispatchedAt: number;
  /** performance.now() when the fake recorded the first callback, or null if none came */
  respondedAt: number | null;
  /** respondedAt - dispatchedAt, or null */
  ms: number | null;
  /** every callback call the fake recorded for this interaction (more than one is a double answer) */
  callbacks: FakeCall[];
}

export interface LoadRun {
  timings: InteractionTiming[];
  /** from the first dispatch to the last first response (or the time-out), ms */
  wallMs: number;
  /** interactions that got no callback at all */
  lost: number;
  /** interactions that got more than one callback */
  doubled: number;
}

const callbackPath = (sent: SentInteraction) => `/v10/interactions/${sent.id}/${sent.token}/callback`;

export async function sendLoad(fake: FakeDiscord, inputs: readonly InteractionInput[], options: LoadOptions): Promise<LoadRun> {
  const inFlight = Math.max(1, options.inFlight ?? inputs.length);
  const byPath = new Map<string, InteractionTiming>();
  const timings: InteractionTiming[] = [];
  let next = 0;
  let answered = 0;
  let outstanding = 0;

  const dispatchOne = (): void => {
    const input = inputs[next];
    if (input === undefined) return;
    next += 1;
    outstanding += 1;
    const sent = fake.sendInteraction(input);
    const timing: InteractionTiming = { sent, dispatchedAt: performance.now(), respondedAt: null, ms: null, callbacks: [] };
    timings.push(timing);
    byPath.set(callbackPath(sent), timing);
  };
  let refillScheduled = false;
  const refill = (): void => {
    refillScheduled = false;
    while (outstanding < inFlight && next < inputs.length) dispatchOne();
  };

  const start = performance.now();
  if (inputs.length === 0) return { timings, wallMs: 0, lost: 0, doubled: 0 };
  const done = fake.waitForCall((call) => {
    if (call.method !== "POST") return false;
    const timing = byPath.get(call.path);
    if (!timing || timing.respondedAt !== null) return false;
    timing.respondedAt = performance.now();
    timing.ms = timing.respondedAt - timing.dispatchedAt;
    answered += 1;
    outstanding -= 1;
    options.onResponse?.(answered);
    // Not from inside the recorder's push: dispatch the next ones on a later turn.
    if (next < inputs.length && !refillScheduled) {
      refillScheduled = true;
      setImmediate(refill);
    }
    return answered === inputs.length;
  }, options.timeoutMs);
  refill();

  let end: number;
  try {
    await done;
    end = performance.now();
    await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 200));
  } catch {
    end = performance.now(); // timed out: the unanswered ones are lost
  }

  for (const call of fake.calls) {
    if (call.method === "POST") byPath.get(call.path)?.callbacks.push(call);
  }
  return {
    timings,
    wallMs: end - start,
    lost: timings.filter((t) => t.callbacks.length === 0).length + (inputs.length - timings.length),
    doubled: timings.filter((t) => t.callbacks.length > 1).length,
  };
}

/** The q-th quantile (0..1) of numbers, nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
