/**
 * Runs a benchmark step as a child `node` process, so each one has its own heap: its memory is
 * measured alone and its garbage never lands in another's timings.
 */
import { spawn } from 'node:child_process';

/**
 * Runs `node [nodeFlags] script [args]`. With `inherit` the child's output goes straight to
 * this terminal; otherwise it is collected and the last 4 KB of stderr are returned.
 * @param {string} script
 * @param {string[]} args
 * @param {{ nodeFlags?: string[], inherit?: boolean, cwd?: string }} [options]
 * @returns {Promise<{ code: number | null, signal: string | null, ms: number, stderr: string }>}
 */
export function runNode(script, args, options = {}) {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), script, ...args], {
      cwd: options.cwd,
      stdio: options.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const keep = (chunk) => {
      stderr = (stderr + chunk).slice(-4096);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, ms: performance.now() - start, stderr }));
  });
}

/** One line saying why a child failed (out of memory, a signal, or the last line of stderr). */
export function failureReason({ code, signal, stderr }) {
  if (/heap out of memory|Allocation failed|Reached heap limit/i.test(stderr)) return 'out of memory (JavaScript heap limit)';
  if (signal) return `killed by ${signal}${signal === 'SIGKILL' ? ' (probably the system ran out of memory)' : ''}`;
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && l.length < 400);
  const error = lines.reverse().find((l) => /Error|error/.test(l));
  return `exit code ${code}${error ? `: ${error}` : ''}`;
}
