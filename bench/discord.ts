/**
 * npm run bench:discord: the bot under bursts of /ask interactions through the fake Discord.
 *
 * The fake Discord (tests/fake-discord/, a dev tool: this bench imports it from the tests folder)
 * runs in this process; the bot runs in a child process (discord-bot-process.ts: the real
 * startBot, engine and knowledge). Apart, the two do not share an event loop or a heap, as the
 * bot and Discord do not in production, so the first-response times are the bot's own and the
 * heap figures are the bot's alone, not the fake's records.
 */
import { closeSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { askMix, dmUsers } from "../tests/fake-discord/ask-mix.ts";
import { startFakeDiscord } from "../tests/fake-discord/index.ts";
import { quantile, sendLoad } from "../tests/fake-discord/load.ts";
import { startBotProcess, type BotProcess } from "./discord-process.ts";
import { loadEvalSet } from "./measure.ts";

const DEFAULT_BURSTS = [100, 1_000, 5_000];
const DEFAULT_STREAM = 10_000;
const STREAM_IN_FLIGHT = 100;
const DEFAULT_WARM_UP = 500;
/** Warm-up traffic is steady: the bot's code gets warm, its pool of REST connections stays small. */
const WARM_UP_IN_FLIGHT = 10;
const DM_USERS = 3;

const USAGE = `Usage: npm run bench:discord -- [--bursts 100,1000,5000] [--stream 10000] [--warm-up 200] [--log-level info] [--json]

Starts a fake Discord on 127.0.0.1 and the bot in a child process, then sends /ask interactions
(the questions of tests/eval/questions.jsonl, in and out of scope, from guild members in three
channels and from people in DMs, one in six private) and times each one's first response: from
the gateway dispatch of INTERACTION_CREATE to the fake receiving the interaction callback.

  --bursts LIST    burst sizes, comma-separated: all sent at once (default ${DEFAULT_BURSTS.join(",")})
  --stream N       then N interactions with at most ${STREAM_IN_FLIGHT} awaiting a response (default ${DEFAULT_STREAM}; 0: none)
  --warm-up N      interactions sent ${WARM_UP_IN_FLIGHT} at a time (and not counted) before the first row (default ${DEFAULT_WARM_UP})
  --log-level L    the bot's LOG_LEVEL (default info: a log line per question, to a temporary file, as in production)
  --json           one JSON object per row on stdout; everything else on stderr
                   (use npm run -s bench:discord -- --json)
  --help           this text

Columns: p50/p99/max ms of first responses; answers/s: interactions over the time from the first
dispatch to the last first response; bot heap MB before and after the row, each after a full
collection in the bot process; lost: interactions with no callback (Discord allows 3 s).`;

interface Row {
  load: string;
  interactions: number;
  inFlight: number;
  lost: number;
  doubled: number;
  over3s: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  answersPerSecond: number;
  heapBeforeMB: number;
  heapAfterMB: number;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        bursts: { type: "string" },
        stream: { type: "string" },
        "warm-up": { type: "string" },
        "log-level": { type: "string", default: "info" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values } = args;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const bursts = values.bursts === undefined ? DEFAULT_BURSTS : parseCounts(values.bursts, 1);
  const stream = values.stream === undefined ? DEFAULT_STREAM : parseCounts(values.stream, 0)?.[0];
  const warmUp = values["warm-up"] === undefined ? DEFAULT_WARM_UP : parseCounts(values["warm-up"], 0)?.[0];
  if (!bursts || stream === undefined || warmUp === undefined) {
    console.error(`--bursts wants whole numbers above 0 separated by commas; --stream and --warm-up one whole number\n\n${USAGE}`);
    return 2;
  }
  const logLevel = values["log-level"];
  const json = values.json;
  const info = (line: string) => (json ? console.error(line) : console.log(line));

  const cpu = cpus();
  info(`machine: ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB, node ${process.version}; ${loadAverage()}`);
  const questions = loadEvalSet();
  const dms = dmUsers(DM_USERS);

  const logDir = mkdtempSync(join(tmpdir(), "bench-discord-"));
  const logFd = openSync(join(logDir, "bot.log"), "w");
  const fake = await startFakeDiscord();
  let bot: BotProcess | undefined;
  const started = performance.now();
  try {
    bot = await startBotProcess({
      apiUrl: fake.restBase,
      token: fake.token,
      env: { ASK_COOLDOWN_LIMIT: "1000000", LOG_LEVEL: logLevel },
      stdout: logFd,
    });
    const heapGc = (await bot.heap()).gc;
    info(`bot: ${bot.facts} facts, pid ${bot.pid}, log level ${logLevel}${heapGc ? "" : " (gc not exposed: heap figures are noise)"}`);
    info(`questions: ${questions.length} (${questions.filter((q) => q.expect !== null).length} in scope), ${DM_USERS} DM users and 3 guild members`);
    if (warmUp > 0) {
      const warm = await sendLoad(fake, askMix(questions, warmUp, dms), { timeoutMs: 60_000, inFlight: WARM_UP_IN_FLIGHT });
      info(`warm-up: ${warmUp} interactions, ${WARM_UP_IN_FLIGHT} at a time, ${warm.lost} lost`);
    }

    if (!json) {
      info("");
      info("| load | interactions | p50 ms | p99 ms | max ms | answers/s | bot heap before MB | bot heap after MB | lost | over 3 s |");
      info("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    }
    const plan = [
      ...bursts.map((n) => ({ load: "burst", n, inFlight: n })),
      ...(stream > 0 ? [{ load: `stream (${STREAM_IN_FLIGHT} in flight)`, n: stream, inFlight: STREAM_IN_FLIGHT }] : []),
    ];
    let failed = 0;
    for (const step of plan) {
      const before = await bot.heap();
      const run = await sendLoad(fake, askMix(questions, step.n, dms), {
        inFlight: step.inFlight,
        timeoutMs: Math.max(30_000, step.n * 20),
      });
      const after = await bot.heap();
      const ms = run.timings.flatMap((t) => (t.ms === null ? [] : [t.ms]));
      const row: Row = {
        load: step.load,
        interactions: step.n,
        inFlight: step.inFlight,
        lost: run.lost,
        doubled: run.doubled,
        over3s: ms.filter((m) => m > 3_000).length,
        p50Ms: round(quantile(ms, 0.5), 1),
        p99Ms: round(quantile(ms, 0.99), 1),
        maxMs: round(ms.reduce((a, b) => Math.max(a, b), 0), 1),
        answersPerSecond: Math.round((ms.length / run.wallMs) * 1000),
        heapBeforeMB: round(before.heapUsed / 2 ** 20, 1),
        heapAfterMB: round(after.heapUsed / 2 ** 20, 1),
      };
      if (row.lost > 0 || row.doubled > 0) failed += 1;
      if (json) console.log(JSON.stringify(row));
      else {
        console.log(
          `| ${row.load} | ${row.interactions.toLocaleString("en-US")} | ${row.p50Ms} | ${row.p99Ms} | ${row.maxMs} | ${row.answersPerSecond.toLocaleString("en-US")} | ${row.heapBeforeMB} | ${row.heapAfterMB} | ${row.lost} | ${row.over3s} |`,
        );
      }
    }
    info(`\ntotal run time: ${((performance.now() - started) / 1000).toFixed(1)} s; ${loadAverage()}`);
    return failed > 0 ? 1 : 0;
  } finally {
    await bot?.stop();
    await fake.close();
    closeSync(logFd);
    rmSync(logDir, { recursive: true, force: true });
  }
}

/** Whole numbers separated by commas, each at least `min`; undefined when the text is not that. */
function parseCounts(text: string, min: number): number[] | undefined {
  const parts = text.split(",").map((s) => s.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) return undefined;
  const counts = parts.map(Number);
  return counts.length > 0 && counts.every((n) => Number.isSafeInteger(n) && n >= min) ? counts : undefined;
}

/** Other work on the machine slows the bot and the fake alike: say how busy it was. */
function loadAverage(): string {
  return `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
