/**
 * The end-to-end browser benchmark: the eight linked widgets of the shared interaction
 * benchmark in headless Debian Chromium (playwright-core), on data loaded from CSV.
 *
 *   node bench/browser/run.mjs [--sizes=100k,1m] [--seed=42] [--browser-interactions=60]
 *                              [--load=blob|buffer|text] [--trace=false] [--profile=brush] [--headed] [--hover=300]
 *                              [--out=/tmp/file.json]
 *
 * Per size it prints and writes to bench/results/browser-<size>.json:
 * - load: from navigation start to the paint after all eight widgets show their first result,
 *   split into fetch, worker start + transfer, parse/import in the worker, first queries, paint;
 * - interactions: random brush jumps on the time series (a real mouse drag), clicks on bars
 *   (real mouse clicks on products, categories, dimension chips, status slices, histogram bins,
 *   toggling on and off; the pointer rests --hover ms on the bar first, as a user's does, so the
 *   widgets prefetch on pointer enter) and a mix; each timed from the input event's timestamp to the paint
 *   after the last widget whose filter changed holds its new result; p50/p95/max per kind, with
 *   the worker's compute time of the same interactions beside;
 * - long tasks (PerformanceObserver 'longtask', >= 50 ms) and, from a Chrome trace of the brush
 *   phase, every main-thread task over 16 ms with what filled it.
 *
 * Needs /usr/bin/chromium (Debian's); without it the run is skipped (exit 0).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, parseSize, sizeLabel } from '../lib/args.mjs';
import { bundleForNode, CACHE, ROOT } from '../lib/bundle.mjs';
import { machine, summarize } from '../lib/measure.mjs';
import { buildPage } from './build.mjs';
import { serve } from './server.mjs';
import { mainThreadTasks, TRACE_CATEGORIES } from './trace.mjs';

const CHROMIUM = '/usr/bin/chromium';
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DATA_DIR = join(CACHE, 'browser-data');
const CLICK_SOURCES = ['products', 'categories', 'dimension', 'status', 'histogram'];
const WARMUP = 6;
/** Budget of a main-thread task during a brush (one frame). */
const TASK_BUDGET_MS = 16;

const args = parseArgs(process.argv.slice(2));
// Not the shared --interactions (200 per kind, for the in-Node part, which npm run bench always
// passes): a browser interaction costs a round trip through the page, so it has its own count.
const interactions = integer(args.rest.get('browser-interactions') ?? '60', 'browser-interactions');
const loadMode = args.rest.get('load') ?? 'blob';
/** How long the pointer rests on a bar before the click (`--hover=0`: straight to the click, no prefetch time). */
const HOVER_MS = integer(args.rest.get('hover') ?? '300', 'hover');
const tracing = args.rest.get('trace') !== 'false';
const headed = args.rest.get('headed') === 'true';
/** `--profile=brush|click|mixed`: a main-thread CPU profile of that phase (bench/.cache/*.cpuprofile, top functions printed). */
const profiling = args.rest.get('profile') ?? null;

if (!existsSync(CHROMIUM)) {
  console.log(`browser benchmark skipped: ${CHROMIUM} is missing. Install Debian's Chromium with:\n  sudo apt-get update && sudo apt-get install -y chromium`);
  process.exit(0);
}
const { chromium } = await import('playwright-core');

function integer(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${JSON.stringify(text)}`);
  return n;
}

/** A seeded generator in [0, 1) (mulberry32), so every run drives the same sequence. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the CSV files of `orders` orders into the cache unless they are there already. */
async function ensureData(orders, seed) {
  mkdirSync(DATA_DIR, { recursive: true });
  const label = `${sizeLabel(orders)}-s${seed}`;
  const metaPath = join(DATA_DIR, `${label}.json`);
  if (!existsSync(metaPath)) {
    const started = performance.now();
    process.stdout.write(`  generating ${sizeLabel(orders)} orders as CSV (cached in bench/.cache/browser-data) ... `);
    const { writeShopCsv } = await import(await bundleForNode('bench/browser/csv-data.ts'));
    const meta = await writeShopCsv(orders, seed, join(DATA_DIR, `${label}-sessions.csv`), join(DATA_DIR, `${label}-lines.csv`));
    writeFileSync(metaPath, JSON.stringify(meta));
    console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
  const mb = (name) => statSync(join(DATA_DIR, `${label}-${name}.csv`)).size / 2 ** 20;
  return { label, meta, mb: { sessions: mb('sessions'), lines: mb('lines') } };
}

/** One interaction: arm the page, do the input, wait for the paint; adds the worker's compute time. */
async function interact(page, input) {
  await page.evaluate(() => window.__bench.arm());
  const did = await input();
  if (!did) {
    // Nothing to click: disarm by waiting out a short timeout.
    await page.evaluate(() => window.__bench.arm(1));
    await page.evaluate(() => window.__bench.settle());
    return null;
  }
  const result = await page.evaluate(() => window.__bench.settle());
  const worker = await page.evaluate(() => window.__bench.drainWorker());
  if (!result.changed) return null;
  const origin = await page.evaluate(() => performance.timeOrigin);
  const page_ = (absolute) => absolute - origin;
  const firstBatchIn = worker.batches.length ? page_(worker.batches[0]) : null;
  const lastReplyOut = worker.replies.length ? page_(worker.replies.at(-1)) : null;
  return {
    ...result,
    what: did,
    // Input event -> selection changed -> last widget's result on the main thread -> painted.
    toChange: result.changedAt - result.start,
    toResults: Math.max(0, result.resultsAt - result.changedAt),
    toPaint: result.painted - Math.max(result.resultsAt, result.changedAt),
    // The worker boundary: selection change -> batch posted -> in the worker -> answers out -> answers on the page.
    toPost: result.firstPosted === null ? null : result.firstPosted - result.changedAt,
    transitIn: result.firstPosted === null || firstBatchIn === null ? null : firstBatchIn - result.firstPosted,
    inWorker: firstBatchIn === null || lastReplyOut === null ? null : lastReplyOut - firstBatchIn,
    transitOut: lastReplyOut === null || result.lastReceived === null ? null : result.lastReceived - lastReplyOut,
    compute: worker.queries.reduce((sum, q) => sum + q.ms, 0),
    // Worker time of the prefetches the hover before this interaction started (not in its latency).
    prefetch: worker.prefetches.reduce((sum, q) => sum + q.ms, 0),
    queries: worker.queries.length,
    computeByQuery: Object.fromEntries(worker.queries.map((q) => [q.name, q.ms])),
  };
}

/** A random brush jump: a mouse drag between two random days of the time series (Meta held, so a press inside the current brush starts a new one). */
async function brush(page, rand) {
  const box = await page.evaluate(() => window.__bench.brushBox());
  if (!box) return null;
  let a;
  let b;
  do {
    a = rand();
    b = rand();
  } while (Math.abs(a - b) * box.width < 8);
  const y = box.y + box.height / 2;
  const x0 = box.x + 1 + a * (box.width - 2);
  const x1 = box.x + 1 + b * (box.width - 2);
  await page.keyboard.down('Meta');
  await page.mouse.move(x0, y);
  await page.mouse.down();
  await page.mouse.move(x1, y, { steps: 3 });
  await page.mouse.up();
  await page.keyboard.up('Meta');
  return `brush ${a.toFixed(3)}..${b.toFixed(3)}`;
}

/** A click on a random mark of a random categorical widget: its selected one half the time (toggles off), else another. */
async function click(page, rand) {
  const first = Math.floor(rand() * CLICK_SOURCES.length);
  const r = rand();
  const off = rand() < 0.5;
  for (let k = 0; k < CLICK_SOURCES.length; k++) {
    const source = CLICK_SOURCES[(first + k) % CLICK_SOURCES.length];
    const target = await page.evaluate(([s, rr, o]) => window.__bench.target(s, rr, o), [source, r, off]);
    if (!target) continue;
    // A user points at a bar before pressing it: the pointer enters the chart (Selection.activate,
    // the other widgets prefetch) and rests there for HOVER_MS.
    if (HOVER_MS > 0) {
      await page.mouse.move(target.x, target.y, { steps: 2 });
      await page.waitForTimeout(HOVER_MS);
    }
    // Histogram bins lie under the brush overlay: Meta makes a press on the selected bin a click, not a brush move.
    if (source === 'histogram') await page.keyboard.down('Meta');
    await page.mouse.click(target.x, target.y);
    if (source === 'histogram') await page.keyboard.up('Meta');
    return `${target.off ? 'unclick' : 'click'} ${source}: ${target.label}`;
  }
  return null;
}

/** Starts the V8 CPU profiler of the page's main thread. */
async function startProfile(page) {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return session;
}

/** Stops the profiler, saves the profile and prints the functions with the most self time. */
async function stopProfile(session, name) {
  const { profile } = await session.send('Profiler.stop');
  const path = join(CACHE, `browser-${name}.cpuprofile`);
  writeFileSync(path, JSON.stringify(profile));
  const dt = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
    dt.set(key, (dt.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const top = [...dt.entries()].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(`  CPU profile of the main thread (${path.slice(ROOT.length + 1)}), self time:`);
  for (const [k, us] of top) console.log(`    ${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  await session.detach();
}

/** Runs `count` interactions of one kind; returns their measurements. */
async function sequence(page, kind, count, rand) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const doBrush = kind === 'brush' || (kind === 'mixed' && rand() < 0.5);
    let m = await interact(page, () => (doBrush ? brush(page, rand) : click(page, rand)));
    // A mixed sequence can filter the time series down to nothing: then it clicks instead.
    if (!m && doBrush && kind === 'mixed') m = await interact(page, () => click(page, rand));
    if (m) out.push(m);
    await page.waitForTimeout(30);
  }
  return out;
}

function stats(list, field) {
  const s = summarize(list.map((m) => m[field]).filter((v) => typeof v === 'number'));
  const r = (x) => (x === null ? null : Math.round(x * 10) / 10);
  return { n: s.n, p50: r(s.p50), p95: r(s.p95), max: r(s.max), mean: r(s.mean) };
}

function chromiumVersion() {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function runSize(browser, base, size) {
  const orders = parseSize(size);
  const data = await ensureData(orders, args.seed);
  const page = await browser.newPage({ viewport: { width: 1480, height: 1200 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${base}/?size=${data.label}&load=${loadMode}`);
  const load = await page.evaluate(() => window.__bench.ready);
  const m = load.marks;
  const phases = {
    boot: m.fetchStart,
    fetch: m.fetchEnd - m.fetchStart,
    workerStartAndTransfer: m.loadReceived - m.engine,
    parseImport: m.loadDone - m.loadReceived,
    firstQueries: m.results - m.loadDone,
    paint: m.painted - m.results,
    total: m.painted,
  };
  const round = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null || Number.isNaN(v) ? null : Math.round(v)]));
  console.log(`\n${size} orders (${data.meta.sessions.toLocaleString('en')} sessions, ${data.meta.lines.toLocaleString('en')} lines; CSV ${data.mb.sessions.toFixed(0)} + ${data.mb.lines.toFixed(0)} MB, load=${loadMode})`);
  console.log(`  load to first paint of all 8 widgets: ${Math.round(phases.total)} ms`, round(phases));
  if (load.timedOut || load.errors.length) console.log('  load problems:', load.errors, load.timedOut ? 'timed out' : '');
  // After the first paint: the worker holds the dataset, its derived columns and the first results.
  const memory = await Promise.race([page.evaluate(() => window.__bench.memory()), new Promise((resolve) => setTimeout(() => resolve(null), 60_000))]);
  if (memory) console.log(`  memory after load: worker ${memory.workerMB} MB, page ${memory.pageMB} MB (measureUserAgentSpecificMemory)`);

  const rand = random(args.seed);
  await sequence(page, 'mixed', WARMUP, rand);
  await page.evaluate(() => window.__bench.reset());

  const results = {};
  let trace = null;
  for (const kind of ['brush', 'click', 'mixed']) {
    await page.evaluate(() => window.__bench.reset());
    await page.evaluate(() => window.__bench.drainWorker());
    const from = await page.evaluate(() => window.__bench.now());
    if (kind === 'brush' && tracing) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const profiler = profiling === kind ? await startProfile(page) : null;
    const list = await sequence(page, kind, interactions, rand);
    if (profiler) await stopProfile(profiler, `${size}-${kind}`);
    if (kind === 'brush' && tracing) trace = mainThreadTasks(await browser.stopTracing(), TASK_BUDGET_MS);
    const to = await page.evaluate(() => window.__bench.now());
    const longTasks = await page.evaluate(([f, t]) => window.__bench.longTasks(f, t), [from, to]);
    const longFrames = await page.evaluate(([f, t]) => window.__bench.longFrames(f, t), [from, to]);
    results[kind] = {
      latency: stats(list, 'latency'),
      compute: stats(list, 'compute'),
      prefetch: stats(list, 'prefetch'),
      split: { toChange: stats(list, 'toChange'), toResults: stats(list, 'toResults'), toPaint: stats(list, 'toPaint') },
      renderMsP50: Object.fromEntries(
        [...new Set(list.flatMap((x) => Object.keys(x.renderMs ?? {})))].map((w) => [w, stats(list.map((x) => ({ v: x.renderMs?.[w] ?? 0 })), 'v').p50]),
      ),
      // Worker compute of each widget's query (p95 over the interactions that ran it).
      computeByQueryP95: Object.fromEntries(
        [...new Set(list.flatMap((x) => Object.keys(x.computeByQuery ?? {})))].map((q) => [q, stats(list.filter((x) => q in x.computeByQuery).map((x) => ({ v: x.computeByQuery[q] })), 'v').p95]),
      ),
      renderTotal: stats(list.map((x) => ({ v: Object.values(x.renderMs ?? {}).reduce((a, b) => a + b, 0) })), 'v'),
      boundary: { toPost: stats(list, 'toPost'), transitIn: stats(list, 'transitIn'), inWorker: stats(list, 'inWorker'), transitOut: stats(list, 'transitOut'), messages: stats(list, 'messages') },
      widgetsPerInteraction: stats(list, 'widgets'),
      timedOut: list.filter((x) => x.timedOut).length,
      errors: list.flatMap((x) => x.errors),
      longTasks: { count: longTasks.length, maxMs: Math.round(Math.max(0, ...longTasks.map((t) => t.duration))) },
      longFrames: longFrames.slice(0, 10),
      slowest: [...list].sort((a, b) => b.latency - a.latency).slice(0, 3).map((x) => ({ what: x.what, latency: Math.round(x.latency), compute: Math.round(x.compute), queries: x.queries })),
    };
    const r = results[kind];
    console.log(
      `  ${kind.padEnd(6)} n=${r.latency.n}  event->paint p50 ${r.latency.p50} / p95 ${r.latency.p95} / max ${r.latency.max} ms;` +
        `  worker compute p50 ${r.compute.p50} / p95 ${r.compute.p95} ms;  long tasks ${r.longTasks.count} (max ${r.longTasks.maxMs} ms);` +
        `  prefetch on hover before it p50 ${r.prefetch.p50} / p95 ${r.prefetch.p95} ms`,
    );
    console.log(`         p50 split: event->selection ${r.split.toChange.p50}, ->last result ${r.split.toResults.p50}, ->paint ${r.split.toPaint.p50} ms`);
    const b = r.boundary;
    console.log(
      `         p50 worker boundary: selection->batch posted ${b.toPost.p50}, transit in ${b.transitIn.p50}, in worker ${b.inWorker.p50} (compute ${r.compute.p50}), transit out ${b.transitOut.p50} ms; ${b.messages.p50} messages`,
    );
    console.log(`         worker compute p95 per query: ${Object.entries(r.computeByQueryP95).sort((a, b) => b[1] - a[1]).map(([q, ms]) => `${q} ${ms}`).join(', ')}`);
    console.log(`         Preact render per interaction p50 ${r.renderTotal.p50} ms: ${Object.entries(r.renderMsP50).map(([w, ms]) => `${w} ${ms}`).join(', ')}`);
  }
  if (trace) {
    console.log(
      `  brush trace: ${trace.tasks} main-thread tasks; over ${TASK_BUDGET_MS} ms: ${trace.over.length} by wall time (longest ${trace.maxMs} ms), ` +
        `${trace.overCpu} by the thread's CPU time (longest ${trace.maxCpuMs} ms); main thread busy ${Math.round(trace.busyCpuMs / Math.max(1, results.brush.latency.n))} ms CPU per brush`,
    );
    for (const t of [...trace.over].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 5)) console.log(`    ${t.ms} ms (CPU ${t.cpuMs}): ${t.parts.slice(0, 4).join('; ')}`);
    console.log(`    all brush-phase main-thread work: ${trace.spent.join('; ')}`);
  }
  if (errors.length) console.log('  page errors:', errors.slice(0, 5));
  await page.close();
  return {
    size,
    orders,
    rows: { sessions: data.meta.sessions, lines: data.meta.lines },
    csvMB: { sessions: Math.round(data.mb.sessions), lines: Math.round(data.mb.lines) },
    loadMode,
    load: { phases: round(phases), marks: round(m), memory, firstQueries: load.firstQueries.map((q) => ({ name: q.name, ms: Math.round(q.ms * 10) / 10 })) },
    interactions: results,
    brushTrace: trace && {
      tasks: trace.tasks,
      budgetMs: TASK_BUDGET_MS,
      maxMs: trace.maxMs,
      maxCpuMs: trace.maxCpuMs,
      overBudget: trace.over.length,
      overBudgetCpu: trace.overCpu,
      busyCpuMsPerBrush: Math.round(trace.busyCpuMs / Math.max(1, results.brush.latency.n)),
      spent: trace.spent,
      slowest: [...trace.over].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 10),
    },
    pageErrors: errors.slice(0, 10),
  };
}

async function main() {
  console.log(`browser benchmark: ${chromiumVersion()}, sizes ${args.sizes.join(', ')}, ${interactions} interactions per kind, seed ${args.seed}`);
  const pageDir = await buildPage();
  const server = await serve(pageDir, DATA_DIR);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: !headed, args: LAUNCH_ARGS });
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  try {
    for (const size of args.sizes) {
      const result = await runSize(browser, server.url, size);
      const out = { bench: 'browser', date: new Date().toISOString(), machine: machine(), chromium: chromiumVersion(), interactionsPerKind: interactions, seed: args.seed, ...result };
      // --out=<file>: somewhere else (a comparison run), with the size in the name.
      const out_ = args.rest.get('out');
      const path = out_ ? out_.replace(/(\.json)?$/, `-${sizeLabel(parseSize(size))}.json`) : join(ROOT, 'bench/results', `browser-${sizeLabel(parseSize(size))}.json`);
      writeFileSync(path, JSON.stringify(out, null, 2) + '\n');
      console.log(`  wrote ${path.startsWith(ROOT) ? path.slice(ROOT.length + 1) : path}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
