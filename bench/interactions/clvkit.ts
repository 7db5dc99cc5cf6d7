/**
 * clvkit's side of the cross-filter benchmark, in its own process: loads the saved columns as
 * a `Dataset` (what the worker holds), renders the eight widgets once (cold: builds the lazy
 * indexes), then replays every interaction: for each widget whose filter changed, `runQuery`
 * of @clvkit/analytics with the widget's spec and filter, exactly the worker's compute. One
 * interaction's time is the sum over those widgets (the worker answers them one after another).
 *
 * Before each interaction the widget about to be used is activated as on pointer enter
 * (`prefetchQuery` for every other widget: cubes for the coming clause), timed apart.
 *
 * The variant `clvkit-scan` (entry clvkit-scan.ts) runs the same with the analytics' cross-filter
 * fast path switched off and no activation: the plain scan every query took before it.
 *
 * Usage (bundled by run.mjs): node --expose-gc clvkit.mjs --data=DIR --result=FILE
 */
import { prefetchQuery, runQuery } from '@clvkit/analytics';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-ignore plain .mjs modules of the benchmark
import { readDataset } from '../lib/columns-file.mjs';
// @ts-ignore
import { memory, memoryDelta, now, writeResult } from '../lib/measure.mjs';
// @ts-ignore
import { firstRender, replay } from './replay.mjs';
// @ts-ignore
import { ACTIVATIONS, SPECS, WIDGETS } from './widgets.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const dir = String(args.data);
const variant = (globalThis as any).__clvkitBenchVariant ?? 'clvkit';

const before = memory();
const t0 = now();
const { dataset } = readDataset(dir);
const loadMs = now() - t0;
const { sequence } = JSON.parse(readFileSync(join(dir, 'sequence.json'), 'utf8'));
const afterLoad = memoryDelta(memory(), before);

const read = (widget: string, state: any) => runQuery(dataset, { spec: (SPECS as any)[widget], filter: state.filterFor(widget) }).rows;
// As the widgets do on pointer enter: every other widget prefetches for the coming clause.
const activate = (active: string, state: any) => {
  const activation = (ACTIVATIONS as any)[active];
  if (!activation) return;
  for (const widget of WIDGETS) if (widget !== active) prefetchQuery(dataset, { spec: (SPECS as any)[widget], filter: state.filterFor(widget, active) }, activation);
};
const library = variant === 'clvkit' ? { read, activate } : { read };
// First render: every widget with an empty selection (builds the per-dataset indexes), then again warm.
const firstMs = firstRender(library, WIDGETS);
const warmMs = firstRender(library, WIDGETS);
const { times, cpu, perWidget, activation, checks } = replay(sequence, library);
const held = memoryDelta(memory(), before);

writeResult(String(args.result), {
  library: variant,
  notes: variant === 'clvkit' ? 'runQuery of @clvkit/analytics (the worker compute)' : 'runQuery with fastPathSettings.enabled = false',
  build: { loadMs, firstRenderMs: firstMs, warmRenderMs: warmMs },
  memory: { data: afterLoad, held },
  times,
  cpu,
  perWidget,
  activation,
  checks,
});
