/**
 * Small helpers of the benchmark processes: a clock, memory snapshots, percentiles, and the
 * file a child process hands its results back through.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';

/** Milliseconds since an arbitrary origin, sub-millisecond (performance.now). */
export const now = () => performance.now();

/**
 * Process memory in MB after a full garbage collection when node runs with --expose-gc:
 * heap (V8 heap used), external (ArrayBuffers, WebAssembly memory and other off-heap data the
 * process holds through JS objects), total (heap + external) and rss.
 */
export function memory() {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
  const m = process.memoryUsage();
  const mb = (n) => n / 2 ** 20;
  return { heap: mb(m.heapUsed), external: mb(m.external), total: mb(m.heapUsed + m.external), rss: mb(m.rss) };
}

/** `after - before` of two `memory()` snapshots, field by field. */
export function memoryDelta(after, before) {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
}

/**
 * p50, p95, max and mean of a list of milliseconds (nearest-rank percentiles).
 * @param {number[]} values
 */
export function summarize(values) {
  if (values.length === 0) return { n: 0, p50: null, p95: null, max: null, mean: null };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return { n: values.length, p50: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1], mean: values.reduce((a, b) => a + b, 0) / values.length };
}

/** The machine a benchmark ran on (for results files). */
export function machine() {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
}

/** Writes a child's result object to the path its parent passed as --result. */
export function writeResult(path, result) {
  writeFileSync(path, JSON.stringify(result));
}
