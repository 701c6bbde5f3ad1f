import { expect } from "vitest";

/**
 * A guard against catastrophic backtracking and runaway work, not a speed claim: generous, so a
 * loaded machine does not flake, and still far below what a quadratic regex takes on 10,000
 * characters (discord.js's escapeMarkdown: about 1 s; the old quote search in source.ts: 250 ms
 * on 5,000 characters).
 */
export const BOUND_MS = 250;

/**
 * Runs `work` and fails when it took longer than BOUND_MS both by the clock (performance.now())
 * and in CPU time of this process: a regex that backtracks burns CPU, while a machine busy with
 * other processes only stretches the clock.
 */
export function bounded<T>(what: string, work: () => T): T {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const out = work();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const ms = Math.min(wallMs, cpuMs);
  expect(ms, `${what} took ${wallMs.toFixed(0)} ms (${cpuMs.toFixed(0)} ms of CPU)`).toBeLessThan(BOUND_MS);
  return out;
}
