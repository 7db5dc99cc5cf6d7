/**
 * The cross-filter benchmark's printed tables and the summary kept in its results file.
 */
import { summarize } from '../lib/measure.mjs';
import { KINDS } from './sequence.mjs';
import { WIDGETS } from './widgets.mjs';

/** The reference every ratio divides by. */
export const REFERENCE = 'clvkit';

/**
 * Per library: build figures, memory, and p50 / p95 / max per kind and per widget.
 * @param {Record<string, any>} results library -> child result (or `{ error }`)
 */
export function summarizeResults(results) {
  const out = {};
  for (const [name, r] of Object.entries(results)) {
    if (r.error) {
      out[name] = { error: r.error };
      continue;
    }
    const kinds = Object.fromEntries(KINDS.map((k) => [k, round(summarize(r.times[k] ?? []))]));
    const cpu = Object.fromEntries(KINDS.map((k) => [k, round(summarize(r.cpu?.[k] ?? []))]));
    const perWidget = Object.fromEntries(
      KINDS.map((k) => [k, Object.fromEntries(Object.entries(r.perWidget?.[k] ?? {}).map(([w, t]) => [w, round(summarize(t))]))]),
    );
    const activation = r.activation ? Object.fromEntries(KINDS.map((k) => [k, round(summarize(r.activation[k] ?? []))])) : undefined;
    out[name] = { notes: r.notes, build: round(r.build), memory: round(r.memory), kinds, cpu, perWidget, ...(activation ? { activation } : {}) };
  }
  const ref = out[REFERENCE];
  for (const [name, s] of Object.entries(out)) {
    if (s.error || !ref || ref.error) continue;
    s.ratios = Object.fromEntries(
      KINDS.map((k) => [
        k,
        {
          p50: ratio(s.kinds[k].p50, ref.kinds[k].p50),
          p95: ratio(s.kinds[k].p95, ref.kinds[k].p95),
          cpuP50: ratio(s.cpu[k].p50, ref.cpu[k].p50),
          cpuP95: ratio(s.cpu[k].p95, ref.cpu[k].p95),
        },
      ]),
    );
  }
  return out;
}

/**
 * The printed report of one size.
 * @param {{ label: string, facts: any, interactions: number, summary: Record<string, any>, correctness: Record<string, any> }} run
 */
export function formatReport({ label, facts, interactions, summary, correctness }) {
  const lines = [];
  lines.push(
    `Cross-filter, ${label} orders (${int(facts.sessions)} sessions, ${int(facts.lines)} basket lines, ${int(facts.clients)} customers), ${interactions} interactions per kind, 8 widgets`,
  );
  lines.push('per interaction (ms): the queries of every widget whose filter changed; wall time, and CPU time of the process (steadier on a busy machine)');
  lines.push('x = library / clvkit, on wall p50, wall p95 and CPU p95');
  const head = ['kind', 'library', 'p50', 'p95', 'max', 'cpu p50', 'cpu p95', 'x p50', 'x p95', 'x cpu p95'];
  const rows = [];
  for (const kind of KINDS) {
    for (const [name, s] of Object.entries(summary)) {
      if (s.error) continue;
      const k = s.kinds[kind];
      const c = s.cpu?.[kind] ?? {};
      const r = s.ratios?.[kind] ?? {};
      rows.push([kind, name, ms(k.p50), ms(k.p95), ms(k.max), ms(c.p50), ms(c.p95), x(r.p50), x(r.p95), x(r.cpuP95)]);
    }
  }
  lines.push(...table(head, rows));
  lines.push('');
  lines.push('load and memory (memory: heap + external after a full GC, minus the process at start; includes the data each library holds)');
  const loadRows = [];
  for (const [name, s] of Object.entries(summary)) {
    if (s.error) {
      loadRows.push([name, `not run: ${s.error}`, '', '', '']);
      continue;
    }
    const b = s.build;
    const load =
      b.instantiateMs !== undefined
        ? `instantiate ${sec(b.instantiateMs)}, load tables ${sec(b.loadMs)}`
        : b.buildMs !== undefined
          ? `build crossfilters ${sec(b.buildMs)}`
          : `import from rows ${sec(facts.importMs)} (shared); cached columns ${sec(b.loadMs)}`;
    const data = s.memory.data ? ` (data ${int(s.memory.data.total)} MB)` : s.memory.engine ? ` (engine ${int(s.memory.engine.total)} MB)` : '';
    loadRows.push([name, load, sec(b.firstRenderMs), `${int(s.memory.held.total)} MB${data}`, `${int(s.memory.held.rss)} MB`]);
  }
  lines.push(...table(['library', 'load', 'first render', 'memory', 'rss'], loadRows, 'left'));
  const ref = summary[REFERENCE];
  if (ref && !ref.error) {
    lines.push('');
    lines.push('clvkit p95 per widget (ms)');
    const wRows = KINDS.map((k) => [k, ...WIDGETS.map((w) => (ref.perWidget[k][w] ? ms(ref.perWidget[k][w].p95) : '-'))]);
    lines.push(...table(['kind', ...WIDGETS], wRows));
    if (ref.activation) {
      lines.push('');
      lines.push('clvkit activation before each interaction (pointer enter: prefetch of every other widget), ms');
      lines.push(...table(['kind', 'p50', 'p95', 'max'], KINDS.map((k) => [k, ms(ref.activation[k].p50), ms(ref.activation[k].p95), ms(ref.activation[k].max)])));
    }
  }
  lines.push('');
  for (const [name, c] of Object.entries(correctness)) {
    lines.push(`check ${name} vs clvkit: ${c.mismatches} mismatches in ${c.compared} widget results${c.mismatches ? ` (first: ${c.details[0]})` : ''}`);
  }
  return lines.join('\n');
}

/** Rows under a header, columns padded; the first two left-aligned, the rest right (or all left). */
function table(head, rows, align = 'numbers') {
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => String(r[j]).length)));
  const line = (r) => r.map((v, j) => (j < 2 || align === 'left' ? String(v).padEnd(widths[j]) : String(v).padStart(widths[j]))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}

function ratio(a, b) {
  return a === null || b === null || !(b > 0) ? null : a / b;
}
const ms = (v) => (v === null || v === undefined ? '-' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const x = (v) => (v === null || v === undefined ? '-' : v < 10 ? v.toFixed(1) : v.toFixed(0));
const sec = (v) => (v === undefined || v === null ? '-' : `${(v / 1000).toFixed(2)} s`);
const int = (v) => (v === undefined || v === null ? '-' : Math.round(v).toLocaleString('en-US'));

/** Numbers of an object rounded to 3 decimals (results files stay readable). */
function round(value) {
  if (typeof value === 'number') return Math.round(value * 1000) / 1000;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]));
  return value;
}
