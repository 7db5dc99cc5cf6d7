/**
 * Reads a Chrome trace (browser.startTracing / stopTracing of playwright-core) for the page's
 * main thread: every top-level task, and for the ones over a budget what filled them (the
 * slowest script functions, event dispatches, layout, paint, GC), so a slow task can be pinned
 * on a file.
 */

/** Trace categories to record: top-level tasks plus the DevTools timeline's detail. */
export const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'];

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/**
 * Main-thread tasks of the renderer in `traceJson` between `from` and `to` (trace clock, µs;
 * pass null for all), with those longer than `budgetMs` broken down.
 * @param {Buffer | string} traceJson
 * @param {number} budgetMs
 */
export function mainThreadTasks(traceJson, budgetMs) {
  const parsed = JSON.parse(String(traceJson));
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  // The page's main thread: the CrRendererMain with the most tasks (other renderers are idle).
  const mains = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.set(`${e.pid}:${e.tid}`, 0);
  }
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && TASK_NAMES.has(e.name) && mains.has(key)) mains.set(key, mains.get(key) + 1);
  }
  const main = [...mains.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return { tasks: 0, over: [], maxMs: 0 };
  const onMain = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts);
  // Top-level tasks: task events not nested in another one.
  const tasks = [];
  let end = -Infinity;
  for (const e of onMain) {
    if (!TASK_NAMES.has(e.name)) continue;
    if (e.ts >= end) {
      tasks.push(e);
      end = e.ts + e.dur;
    }
  }
  const budget = budgetMs * 1000;
  // `tdur` is the thread's CPU time in the task: on a loaded machine a task's wall time also
  // counts the time the OS ran other processes, which is not the page's doing.
  const cpu = (t) => (typeof t.tdur === 'number' ? t.tdur : t.dur);
  const over = tasks
    .filter((t) => t.dur > budget)
    .map((t) => ({ ms: round(t.dur / 1000), cpuMs: round(cpu(t) / 1000), at: t.ts, parts: breakdown(onMain, t) }));
  return {
    tasks: tasks.length,
    over,
    overCpu: tasks.filter((t) => cpu(t) > budget).length,
    maxMs: round(Math.max(0, ...tasks.map((t) => t.dur)) / 1000),
    maxCpuMs: round(Math.max(0, ...tasks.map(cpu)) / 1000),
    busyMs: round(tasks.reduce((sum, t) => sum + t.dur, 0) / 1000),
    // What the main thread did over the whole trace, by kind of work (CPU ms, nested events overlap).
    spent: breakdown(onMain, { ts: -Infinity, dur: Infinity }, 12),
    busyCpuMs: round(tasks.reduce((sum, t) => sum + cpu(t), 0) / 1000),
  };
}

/** What a task spent its CPU time on: the biggest named events inside it (nested ones overlap). */
function breakdown(events, task, top = 8) {
  const totals = new Map();
  const endOf = task.ts + task.dur;
  for (const e of events) {
    if (e.ts < task.ts || (endOf !== Infinity && e.ts + e.dur > endOf) || e === task || TASK_NAMES.has(e.name)) continue;
    const label = labelOf(e);
    if (!label) continue;
    totals.set(label, (totals.get(label) ?? 0) + (typeof e.tdur === 'number' ? e.tdur : e.dur));
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([label, dur]) => `${label} ${round(dur / 1000)}ms`);
}

function labelOf(e) {
  const data = e.args?.data ?? {};
  switch (e.name) {
    case 'FunctionCall':
      return `FunctionCall ${data.functionName || '(anonymous)'} ${shortUrl(data.url)}:${data.lineNumber ?? ''}`;
    case 'EventDispatch':
      return `EventDispatch ${data.type ?? ''}`;
    case 'TimerFire':
    case 'FireAnimationFrame':
    case 'Layout':
    case 'UpdateLayoutTree':
    case 'Paint':
    case 'PrePaint':
    case 'Layerize':
    case 'MajorGC':
    case 'MinorGC':
    case 'V8.GC_MARK_COMPACTOR':
    case 'ParseHTML':
    case 'EvaluateScript':
    case 'v8.compile':
    case 'V8.CompileCode':
    case 'RunMicrotasks':
    case 'HitTest':
    case 'UpdateLayerTree':
    case 'Commit':
      return e.name;
    default:
      return null;
  }
}

function shortUrl(url) {
  return url ? String(url).replace(/^https?:\/\/[^/]+\//, '') : '';
}

function round(x) {
  return Math.round(x * 10) / 10;
}
