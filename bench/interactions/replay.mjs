/**
 * The measuring loop every library's runner shares: replays each kind of the sequence from an
 * empty selection and times each interaction (the library's reaction to one changed clause:
 * `select`, then `read` of every widget whose filter changed, in widget order), keeping each
 * widget's own time too and the rows of the checked interactions.
 *
 * A library with `activate` (clvkit: `Selection.activate` on pointer enter, which prefetches)
 * is told which widget the user is about to use before each step, with the selection as it is
 * then; that time is kept apart (`activation`), as the hover comes before the click.
 *
 * Besides wall time, each interaction's CPU time (user + system of this process) is kept: on a
 * shared machine other processes stretch wall times unevenly between libraries run at
 * different moments, while CPU time mostly counts this process's own work (plus the V8 GC
 * helper threads' share).
 */
import { memory, now } from '../lib/measure.mjs';
import { KINDS, checkedIndices } from './sequence.mjs';
import { SelectionState } from './widgets.mjs';

/**
 * @param {Record<string, { widget: string, value: unknown }[]>} sequence kind -> steps
 * @param {{ select?: (widget: string, value: unknown) => void, read: (widget: string, state: SelectionState) => unknown, activate?: (widget: string, state: SelectionState) => void, reset?: () => void }} library
 * @returns {{ times: Record<string, number[]>, cpu: Record<string, number[]>, perWidget: Record<string, Record<string, number[]>>, activation: Record<string, number[]>, checks: Record<string, Record<number, Record<string, unknown>>> }}
 */
export function replay(sequence, library) {
  const times = {};
  const cpu = {};
  const perWidget = {};
  const checks = {};
  const activation = {};
  for (const kind of KINDS) {
    const steps = sequence[kind];
    const checked = new Set(checkedIndices(steps.length));
    const state = new SelectionState();
    library.reset?.();
    times[kind] = [];
    cpu[kind] = [];
    perWidget[kind] = {};
    checks[kind] = {};
    activation[kind] = [];
    memory(); // a full GC first, so one kind's garbage is not collected during the next
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      if (library.activate) {
        const hover = now();
        library.activate(step.widget, state);
        activation[kind].push(now() - hover);
      }
      const changed = state.apply(step);
      const results = [];
      const cpuStart = process.cpuUsage();
      const start = now();
      library.select?.(step.widget, step.value);
      let mark = now();
      const selectMs = mark - start;
      for (const w of changed) {
        results.push(library.read(w, state));
        const t = now();
        (perWidget[kind][w] ??= []).push(t - mark);
        mark = t;
      }
      times[kind].push(mark - start);
      const used = process.cpuUsage(cpuStart);
      cpu[kind].push((used.user + used.system) / 1000);
      if (library.select) (perWidget[kind].filter ??= []).push(selectMs);
      if (checked.has(i)) checks[kind][i] = Object.fromEntries(changed.map((w, k) => [w, results[k]]));
    }
  }
  return { times, cpu, perWidget, activation, checks };
}

/** Renders every widget once with an empty selection; returns the milliseconds. */
export function firstRender(library, widgets) {
  const state = new SelectionState();
  const start = now();
  for (const w of widgets) library.read(w, state);
  return now() - start;
}
