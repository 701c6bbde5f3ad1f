import { cpus, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { createEngine } from "../src/engine/engine.ts";
import { loadKnowledge, type KnowledgeBase } from "../src/knowledge/load.ts";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.ts";
import {
  canExportIndex,
  engineMatcher,
  fuseMatcher,
  miniSearchMatcher,
  prebuiltEngineMatcher,
  type MatcherFactory,
} from "./baselines.ts";
import { collect, gcExposed, loadEvalSet, measure, type EvalItem, type Measurement } from "./measure.ts";
import { articleWords, syntheticKnowledge, withRealFacts } from "./synthetic.ts";

const DEFAULT_SIZES = [1_000, 10_000, 100_000];
const QUICK_SIZES = [1_000, 10_000];
const SEED = 20240601;

const USAGE = `Usage: npm run bench -- [--quick | --sizes 1000,10000,100000] [--json]

Benchmarks the engine against two reference matchers (fuse.js scan, MiniSearch BM25) on the real
knowledge base alone and merged into N synthetic facts drawn from the real article's words, asking
every question of tests/eval/questions.jsonl.

  --sizes LIST  synthetic fact counts, comma-separated (default ${DEFAULT_SIZES.join(",")})
  --quick       sizes ${QUICK_SIZES.join(",")} only
  --json        one JSON object per row on stdout; everything else on stderr
                (use npm run -s bench -- --json: without -s npm prints its own header on stdout)
  --help        this text

Columns: build ms (index build), heap MB (heapUsed added by the build, after gc), p50/p99 ms
(per question, after 3 warm-up passes; fast matchers ask the set 5 times), accuracy (in-scope answered with an expected phrase plus
out-of-scope declined, over the questions asked). Slow matchers (fuse.js scan beyond the real
knowledge base, MiniSearch beyond 20k facts) ask a fixed, evenly spread sample of the questions
with no warm-up (the real-knowledge row, always first, has run their code with every question).
The notes column (stderr with --json) gives in-/out-of-scope tallies, sampling, and heap that grew
while asking. The synthetic facts are seeded: the same sizes give the same knowledge bases.
Run with node --expose-gc (npm run bench does).`;

interface Row {
  engine: string;
  facts: number;
  buildMs: number;
  heapMB: number | null;
  p50Ms: number;
  p99Ms: number;
  accuracy: number;
}

function main(): number {
  let args;
  try {
    args = parseArgs({
      options: {
        json: { type: "boolean", default: false },
        sizes: { type: "string" },
        quick: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { json, quick, help, sizes: sizesArg } = args.values;
  if (help) {
    console.log(USAGE);
    return 0;
  }
  if (quick && sizesArg !== undefined) {
    console.error("--quick and --sizes do not go together");
    return 2;
  }
  const sizes = quick ? QUICK_SIZES : sizesArg !== undefined ? parseSizes(sizesArg) : DEFAULT_SIZES;
  if (!sizes) {
    console.error(`--sizes wants positive whole numbers separated by commas, like 1000,10000; got "${sizesArg}"`);
    return 2;
  }

  // the table goes to stdout; with --json only the rows do, and all the rest to stderr
  const info = (line: string) => (json ? console.error(line) : console.log(line));
  const note = (line: string) => console.error(line);
  const started = process.hrtime.bigint();

  const cpu = cpus();
  info(`machine: ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB, node ${process.version}`);
  if (!gcExposed) info("note: gc is not exposed (run with node --expose-gc): heap figures are not measured");

  const real = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
  const items = loadEvalSet();
  const inScope = items.filter((i) => i.expect !== null).length;
  info(`eval: ${items.length} questions (${inScope} in scope, ${items.length - inScope} out of scope); real knowledge base: ${real.facts.length} facts`);

  const matchers: MatcherFactory[] = [engineMatcher];
  if (canExportIndex(createEngine(real))) matchers.push(prebuiltEngineMatcher);
  else info('note: the engine has no exportIndex(), so there is no "engine (prebuilt index)" row');
  matchers.push(fuseMatcher, miniSearchMatcher);

  if (!json) {
    console.log("");
    console.log(formatRow(["engine", "facts", "build ms", "heap MB", "p50 ms", "p99 ms", "accuracy", "notes"]));
    console.log(formatRow(WIDTHS.map((w) => "-".repeat(w))));
  }

  const vocabulary = articleWords();
  const bases: Array<{ label: string; make: () => KnowledgeBase }> = [
    { label: "real", make: () => real },
    ...sizes.map((size) => ({ label: `${size} synthetic`, make: () => withRealFacts(syntheticKnowledge(size, SEED + size, vocabulary), real) })),
  ];
  let failures = 0;
  for (const base of bases) {
    note(`[${base.label}] generating the knowledge base...`);
    let kb: KnowledgeBase | undefined = base.make();
    for (const factory of matchers) {
      const { name, result: m } = measureOnce(factory, kb, items, base.label);
      collect(); // the built matcher is unreachable now: free it before the next one is measured
      if (!m) {
        failures++;
        continue;
      }
      const row = toRow(name, kb.facts.length, m);
      const notes = rowNotes(m);
      if (json) {
        console.log(JSON.stringify(row));
        note(`${row.engine} at ${row.facts} facts: ${notes}`);
      } else {
        console.log(
          formatRow([
            row.engine,
            String(row.facts),
            row.buildMs.toFixed(1),
            row.heapMB === null ? "n/a" : row.heapMB.toFixed(1),
            row.p50Ms.toFixed(3),
            row.p99Ms.toFixed(3),
            row.accuracy.toFixed(3),
            notes,
          ]),
        );
      }
    }
    kb = undefined;
    collect();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  info(`\ntotal run time: ${seconds.toFixed(1)} s`);
  return failures > 0 ? 1 : 0;
}

/** Builds and measures one fresh matcher, then releases it; the result is undefined when it failed. */
function measureOnce(factory: MatcherFactory, kb: KnowledgeBase, items: readonly EvalItem[], label: string): { name: string; result?: Measurement } {
  const matcher = factory();
  console.error(`[${label}] ${matcher.name}: building and asking...`);
  try {
    return { name: matcher.name, result: measure(matcher, kb, items) };
  } catch (error) {
    console.error(`[${label}] ${matcher.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { name: matcher.name };
  } finally {
    matcher.release();
  }
}

/** In- and out-of-scope tallies, sampling, and heap that grew while asking (lazy structures, caches). */
function rowNotes(m: Measurement): string {
  const notes = [`in ${m.inScope.right}/${m.inScope.asked}, out ${m.outOfScope.right}/${m.outOfScope.asked}`];
  if (m.asked < m.total) notes.push(`sampled ${m.asked}/${m.total} questions, no warm-up`);
  if (m.heapMB !== null && m.heapAfterAskingMB !== null && m.heapAfterAskingMB - m.heapMB > Math.max(1, 0.1 * m.heapMB)) {
    notes.push(`heap ${m.heapAfterAskingMB.toFixed(1)} MB after asking`);
  }
  return notes.join("; ");
}

function toRow(engine: string, facts: number, m: Measurement): Row {
  return {
    engine,
    facts,
    buildMs: round(m.buildMs, 1),
    heapMB: m.heapMB === null ? null : round(m.heapMB, 1),
    p50Ms: round(m.p50Ms, 3),
    p99Ms: round(m.p99Ms, 3),
    accuracy: round(m.accuracy, 3),
  };
}

function parseSizes(text: string): number[] | undefined {
  const parts = text.split(",").map((s) => s.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) return undefined;
  const sizes = parts.map(Number);
  return sizes.length > 0 && sizes.every((n) => Number.isSafeInteger(n) && n > 0) ? sizes : undefined;
}

const WIDTHS = [24, 7, 9, 8, 9, 9, 8, 0];

function formatRow(cells: readonly string[]): string {
  return cells
    .map((cell, i) => {
      const width = WIDTHS[i] ?? 0;
      return i === 0 ? cell.padEnd(width) : cell.padStart(width);
    })
    .join(" | ")
    .trimEnd()
    .replace(/ \|$/, "");
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

process.exitCode = main();
