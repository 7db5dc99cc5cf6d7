/**
 * The browser benchmark page: the eight widgets of the shared interaction benchmark (bench
 * README) over one selection, on an engine that imports two CSV files (sessions, basket lines)
 * fetched by the page. `window.__bench` is the harness run.mjs drives through playwright-core:
 * it times the load phases, and for each interaction the time from the input event to the
 * paint after the last affected widget holds its result for the new selection.
 *
 * Query string: `size` (data file prefix, e.g. 100k), `load` (`blob`: the CSV as Blobs, the
 * default; `buffer`: as ArrayBuffers transferred to the worker; `text`: as strings, cloned).
 */
import { options, render, type VNode } from 'preact';
import { filterKey, isIn, Selection, type AggregateSpec } from '@clvkit/core';
import { createEngine, type EngineSource } from '@clvkit/engine';
import { DimensionPicker, Donut, Histogram, KpiCards, LineChart, TimeSeries, TopCategories, TopProducts } from '@clvkit/widgets';
import { observeQueryStates } from '../../../packages/widgets/src/data/query-events.js';

interface Meta {
  readonly timeZone: string;
  readonly weekStart: number;
  readonly sessionActions: readonly string[];
}

/** A widget's last settled query: its status and the filter it answered. */
interface Settled {
  readonly status: string;
  readonly key: string;
  readonly at: number;
}

const params = new URLSearchParams(location.search);
const size = params.get('size') ?? '100k';
const loadMode = params.get('load') ?? 'blob';

const HISTOGRAM: AggregateSpec = { kind: 'aggregate', groupBy: [{ field: 'payment_amount', step: 10 }], measures: ['orders'], where: [isIn('has_purchased', [true])] };
const HOURLY: AggregateSpec = { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'hourOfDay' }], measures: ['orders'], fill: true };

/** The widgets: their selection source ids (the harness finds them by `data-bench`). */
const SOURCES = ['time', 'kpis', 'products', 'categories', 'dimension', 'status', 'histogram', 'hourly'] as const;

const selection = new Selection();
const settled = new Map<string, Settled>();
const stateListeners = new Set<() => void>();
const longTasks: { start: number; duration: number }[] = [];
const longFrames: { start: number; duration: number; blocking: number; scripts: string[] }[] = [];
let lastInput = { type: '', at: 0 };

// Every settled widget query, with the filter it was made with.
observeQueryStates(({ source, state }) => {
  if (state.status === 'loading') return;
  settled.set(source, { status: state.status, key: filterKey(state.filter), at: performance.now() });
  for (const listener of [...stateListeners]) listener();
});

// The input event an interaction starts from: the last pointer or key event the page saw.
for (const type of ['mousedown', 'mouseup', 'click', 'keydown', 'pointerup']) {
  window.addEventListener(type, (event) => (lastInput = { type, at: event.timeStamp }), { capture: true });
}

try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // No long task API: the trace in run.mjs still sees every task.
}
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { blockingDuration?: number; scripts?: { invoker?: string; sourceFunctionName?: string; duration?: number }[] })[]) {
      longFrames.push({
        start: entry.startTime,
        duration: entry.duration,
        blocking: entry.blockingDuration ?? 0,
        scripts: (entry.scripts ?? []).map((s) => `${s.invoker ?? ''} ${s.sourceFunctionName ?? ''} ${Math.round(s.duration ?? 0)}ms`),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
} catch {
  // Older browsers: no long-animation-frame entries.
}

/**
 * Render time per widget: Preact's diff hooks time every render that starts at the top (a
 * component re-rendering on its own, not as a child of another render), charged to the widget
 * whose section holds its DOM. Reset by `arm`, read with the interaction's result.
 */
const renderMs = new Map<string, number>();
{
  type Hooked = typeof options & { __b?: (vnode: VNode) => void; diffed?: (vnode: VNode) => void };
  const hooks = options as Hooked;
  const previousDiff = hooks.__b;
  const previousDiffed = hooks.diffed;
  let depth = 0;
  let started = 0;
  hooks.__b = (vnode) => {
    if (depth++ === 0) started = performance.now();
    previousDiff?.(vnode);
  };
  hooks.diffed = (vnode) => {
    previousDiffed?.(vnode);
    if (--depth !== 0) return;
    const dom = (vnode as unknown as { __e?: Node | null }).__e;
    const element = dom instanceof Element ? dom : dom?.parentElement;
    const source = element?.closest('[data-bench]')?.getAttribute('data-bench') ?? 'other';
    renderMs.set(source, (renderMs.get(source) ?? 0) + performance.now() - started);
  };
}

/** Resolves after the next paint: a frame, then a task after it. */
function afterPaint(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(0);
    }),
  );
}

/** Resolves when every source in `expected` has settled with its expected filter key. */
function whenSettled(expected: ReadonlyMap<string, string>, timeout: number): Promise<{ at: number; timedOut: boolean; errors: string[] }> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      for (const [source, key] of expected) {
        const s = settled.get(source);
        if (!s || s.key !== key) return false;
      }
      return true;
    };
    const finish = (timedOut: boolean) => {
      stateListeners.delete(listener);
      clearTimeout(timer);
      const errors = [...expected.keys()].filter((s) => settled.get(s)?.status === 'error');
      const at = Math.max(0, ...[...expected.keys()].map((s) => settled.get(s)?.at ?? 0));
      resolve({ at, timedOut, errors });
    };
    const listener = () => {
      if (check()) finish(false);
    };
    const timer = setTimeout(() => finish(true), timeout);
    stateListeners.add(listener);
    listener();
  });
}

/** Each widget's filter under the current selection. */
function currentKeys(): Map<string, string> {
  return new Map(SOURCES.map((source) => [source, filterKey(selection.filterFor(source))]));
}

const channel = new BroadcastChannel('clv-bench');
function drainWorker(): Promise<{
  booted: number;
  load: { received?: number; done?: number };
  queries: { name: string; ms: number; end: number }[];
  prefetches: { name: string; ms: number; end: number }[];
  batches: number[];
  replies: number[];
  heap: number | null;
}> {
  return new Promise((resolve) => {
    channel.onmessage = (event) => {
      if (event.data?.type === 'timings') resolve(event.data);
    };
    channel.postMessage({ type: 'drain' });
  });
}

/** When the page posted query batches and received answers (page ms), and every message either way. */
const traffic = { posted: [] as number[], received: [] as number[], messages: 0 };

/** The engine's worker, with its batch traffic timed. */
function watchedWorker(): Worker {
  const worker = new Worker('/worker.js', { type: 'module' });
  const postMessage = worker.postMessage.bind(worker) as (message: unknown, transfer?: Transferable[]) => void;
  worker.postMessage = ((message: unknown, transfer?: Transferable[]) => {
    traffic.messages++;
    if ((message as { clv?: string } | null)?.clv === 'batch') traffic.posted.push(performance.now());
    postMessage(message, transfer);
  }) as Worker['postMessage'];
  worker.addEventListener('message', (event) => {
    traffic.messages++;
    if ((event.data as { clv?: string } | null)?.clv === 'results') traffic.received.push(performance.now());
  });
  return worker;
}

/** Page-relative ms of an absolute time from the worker. */
const relative = (absolute: number | undefined): number | null => (absolute === undefined ? null : absolute - performance.timeOrigin);

async function fetchTable(name: string): Promise<Blob | ArrayBuffer | string> {
  const response = await fetch(`/data/${size}-${name}.csv`);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  if (loadMode === 'buffer') return response.arrayBuffer();
  if (loadMode === 'text') return response.text();
  return response.blob();
}

async function start() {
  performance.mark('clv:boot');
  const meta = (await (await fetch(`/data/${size}.json`)).json()) as Meta;
  performance.mark('clv:fetch:start');
  const [sessions, lines] = await Promise.all([fetchTable('sessions'), fetchTable('lines')]);
  performance.mark('clv:fetch:end');
  performance.measure('clv:fetch', 'clv:fetch:start', 'clv:fetch:end');

  const source = {
    kind: 'import',
    input: {
      sessions: { data: sessions, format: 'csv', mapping: { actions: meta.sessionActions } },
      lines: { data: lines, format: 'csv' },
    },
    options: { timeZone: meta.timeZone, weekStart: meta.weekStart },
  } as unknown as EngineSource;
  const engine = createEngine({ source, worker: watchedWorker, livenessTimeout: 120_000 });
  performance.mark('clv:engine');
  const ready = engine.ready().then(() => performance.mark('clv:ready'));

  const first = whenSettled(new Map(SOURCES.map((s) => [s, ''])), 600_000);
  render(
    <>
      <section data-bench="time" class="wide">
        <TimeSeries engine={engine} selection={selection} source="time" bucket="day" buckets={['day']} width={690} />
      </section>
      <section data-bench="kpis" class="wide">
        <KpiCards engine={engine} selection={selection} source="kpis" />
      </section>
      <section data-bench="products">
        <TopProducts engine={engine} selection={selection} source="products" metric="lineRevenue" width={320} />
      </section>
      <section data-bench="categories">
        <TopCategories engine={engine} selection={selection} source="categories" metric="lineRevenue" width={320} />
      </section>
      <section data-bench="dimension">
        <DimensionPicker engine={engine} selection={selection} source="dimension" />
      </section>
      <section data-bench="status">
        <Donut engine={engine} selection={selection} source="status" size={200} />
      </section>
      <section data-bench="histogram" class="wide">
        <Histogram engine={engine} selection={selection} source="histogram" query={HISTOGRAM} width={690} />
      </section>
      <section data-bench="hourly" class="wide">
        <LineChart engine={engine} selection={selection} source="hourly" query={HOURLY} x="session_start" series={['orders']} field="" heading="Orders by hour of day" width={690} />
      </section>
    </>,
    document.getElementById('app')!,
  );
  const done = await first;
  performance.mark('clv:results');
  const painted = await afterPaint();
  performance.mark('clv:painted');
  await ready;
  const worker = await drainWorker();
  const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  return {
    loadMode,
    timedOut: done.timedOut,
    errors: done.errors,
    marks: {
      boot: mark('clv:boot'),
      fetchStart: mark('clv:fetch:start'),
      fetchEnd: mark('clv:fetch:end'),
      engine: mark('clv:engine'),
      workerBooted: relative(worker.booted),
      loadReceived: relative(worker.load.received),
      loadDone: relative(worker.load.done),
      ready: mark('clv:ready'),
      results: done.at,
      painted,
    },
    firstQueries: worker.queries,
    workerHeap: worker.heap,
    bytes: { sessions: byteLength(sessions), lines: byteLength(lines) },
  };
}

function byteLength(data: Blob | ArrayBuffer | string): number {
  return typeof data === 'string' ? data.length : data instanceof Blob ? data.size : data.byteLength;
}

/** The element of widget `source` matching `selector`. */
function element(source: string, selector: string): Element | null {
  return document.querySelector(`[data-bench="${source}"] ${selector}`);
}

/** A point inside `el` that hit-tests to it (or to an element over it, e.g. a brush overlay). */
function pointIn(el: Element): { x: number; y: number } | null {
  const box = el.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return null;
  const geometry = el instanceof SVGGeometryElement ? el : null;
  if (!geometry) return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  // A donut slice's box centre may be in the hole: probe a grid for a point in its fill.
  const svg = geometry.ownerSVGElement!;
  const matrix = geometry.getScreenCTM()!.inverse();
  for (let i = 1; i < 8; i++) {
    for (let j = 1; j < 8; j++) {
      const x = box.x + (box.width * i) / 8;
      const y = box.y + (box.height * j) / 8;
      const local = new DOMPoint(x, y).matrixTransform(matrix);
      const point = svg.createSVGPoint();
      point.x = local.x;
      point.y = local.y;
      if (geometry.isPointInFill(point) && document.elementFromPoint(x, y) === geometry) return { x, y };
    }
  }
  return null;
}

const MARKS: Record<string, string> = {
  products: '.clv-bar',
  categories: '.clv-bar',
  dimension: '.clv-chip',
  status: '.clv-donut-slice:not(.clv-inert)',
  histogram: '.clv-bin',
};

const harness = {
  ready: start(),
  sources: SOURCES,
  now: () => performance.now(),
  /** The brush overlay of the time series, in page pixels. */
  brushBox() {
    const overlay = element('time', '.clv-brush .overlay');
    if (!overlay) return null;
    const { x, y, width, height } = overlay.getBoundingClientRect();
    return { x, y, width, height };
  },
  /**
   * Where to click in widget `source`: its selected mark when `off` and it has one (a click
   * toggles it off), else the mark at fraction `r` of the unselected ones (histogram bins with
   * orders only). Null when the widget shows no mark.
   */
  target(source: string, r: number, off: boolean) {
    const all = [...document.querySelectorAll(`[data-bench="${source}"] ${MARKS[source]}`)].filter((el) => !(source === 'dimension' && el.textContent?.startsWith('All')));
    const selected = all.filter((el) => el.classList.contains('clv-selected') || el.getAttribute('aria-pressed') === 'true');
    let pool = off && selected.length > 0 ? selected : all.filter((el) => !selected.includes(el));
    if (source === 'histogram') pool = pool.filter((el) => Number(el.querySelector('.clv-bar-fill')?.getAttribute('height')) > 0.5 || selected.includes(el));
    if (pool.length === 0) return null;
    const el = pool[Math.min(pool.length - 1, Math.floor(r * pool.length))];
    const shape = (source === 'status' ? el.querySelector('path') : el.querySelector('.clv-mark-hit, .clv-bar-hit')) ?? el;
    const point = source === 'histogram' ? centre(shape) : pointIn(shape);
    return point ? { ...point, label: el.getAttribute('aria-label') ?? el.textContent ?? '', off: selected.includes(el) } : null;
  },
  /** Widgets with a clause of their own. */
  selectedSources: () => selection.value.map((c) => c.source),
  /**
   * Call before an interaction: resolves after the input that changes the selection, once
   * every widget whose filter changed holds its result for the new selection and the page has
   * painted, with the latency from the input event. `changed: false` when no selection change
   * came within `timeout`.
   */
  arm(timeout = 30_000) {
    renderMs.clear();
    const before = new Map(SOURCES.map((s) => [s, settled.get(s)?.key ?? '']));
    harness.pending = new Promise((resolve) => {
      let unsubscribe = (): void => undefined;
      const timer = setTimeout(() => {
        unsubscribe();
        resolve({ changed: false });
      }, timeout);
      let first = true;
      unsubscribe = selection.subscribe(() => {
        if (first) {
          first = false;
          return;
        }
        unsubscribe();
        clearTimeout(timer);
        const input = lastInput;
        const changedAt = performance.now();
        const expected = new Map([...currentKeys()].filter(([s, key]) => before.get(s) !== key));
        const messagesBefore = traffic.messages;
        const sentBefore = traffic.posted.length;
        const receivedBefore = traffic.received.length;
        void whenSettled(expected, timeout).then(async (done) => {
          const painted = await afterPaint();
          const posted = traffic.posted.slice(sentBefore);
          const received = traffic.received.slice(receivedBefore);
          resolve({
            // The first batch this interaction sent and the last answer it got (page ms).
            firstPosted: posted[0] ?? null,
            lastReceived: received.at(-1) ?? null,
            // Messages between page and worker (batches, answers, comlink calls) until the paint.
            messages: traffic.messages - messagesBefore,
            renderMs: Object.fromEntries(renderMs),
            changed: true,
            input: input.type,
            start: input.at,
            changedAt,
            resultsAt: done.at,
            painted,
            latency: painted - input.at,
            widgets: expected.size,
            timedOut: done.timedOut,
            errors: done.errors,
          });
        });
      });
    });
  },
  pending: null as Promise<unknown> | null,
  /** Waits for the armed interaction (see `arm`). */
  settle: () => harness.pending,
  /** Clears the selection through the host API and waits until every widget has caught up. */
  async reset() {
    selection.clear();
    await whenSettled(currentKeys(), 120_000);
    await afterPaint();
  },
  /**
   * Memory of the page and of its worker (MB), by performance.measureUserAgentSpecificMemory
   * (the page is cross-origin isolated); null where the browser does not offer it.
   */
  async memory() {
    const measure = (performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<MemoryResult> }).measureUserAgentSpecificMemory;
    if (!crossOriginIsolated || typeof measure !== 'function') return null;
    const result = await measure.call(performance);
    const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
    let worker = 0;
    for (const entry of result.breakdown) {
      if (entry.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope')) worker += entry.bytes;
    }
    return { totalMB: mb(result.bytes), workerMB: mb(worker), pageMB: mb(result.bytes - worker) };
  },
  longTasks: (from: number, to: number) => longTasks.filter((t) => t.start >= from && t.start < to),
  longFrames: (from: number, to: number) => longFrames.filter((t) => t.start >= from && t.start < to),
  drainWorker,
};

interface MemoryResult {
  readonly bytes: number;
  readonly breakdown: readonly { readonly bytes: number; readonly attribution: readonly { readonly scope?: string }[] }[];
}

function centre(el: Element): { x: number; y: number } | null {
  const box = el.getBoundingClientRect();
  return box.width > 0 ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : null;
}

Object.assign(window, { __bench: harness });
