// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { interval, Selection, type QuerySpec } from '@clvkit/core';
import { Dashboard } from '../../src/widgets/Dashboard.js';
import { AnomaliesLayout, ANOMALY_SOURCES } from '../../src/presets/anomalies.js';
import { click, fakeEngine, interact, renderInto, settle } from '../helpers.js';
import { AUG7, COHORT_ANOMALY, DAY, ordersAnomaly } from './fixtures.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function respond(spec: QuerySpec) {
  if (spec.kind !== 'analysis') return { rows: [] };
  if (spec.name === 'dorders_anomaly' || spec.name === 'dfunnel_anomaly') return ordersAnomaly();
  if (spec.name === 'dcohort_anomaly') return COHORT_ANOMALY;
  if (spec.name === 'kpis') return { rows: [{ metric: 'orders', value: 12, previous: 80, change: -85 }] };
  return { rows: [] };
}

async function setup() {
  const engine = fakeEngine((spec) => respond(spec) as never);
  const selection = new Selection();
  const r = renderInto(
    <Dashboard engine={engine} selection={selection} locale="en-US">
      <AnomaliesLayout />
    </Dashboard>,
  );
  cleanup.push(r.unmount);
  await settle();
  return { engine, selection, container: r.container, unmount: r.unmount };
}

const analysisCalls = (engine: ReturnType<typeof fakeEngine>, name: string) => engine.calls.filter((c) => c.spec.kind === 'analysis' && c.spec.name === name);

describe('AnomaliesLayout', () => {
  test('one widget per anomaly analysis, plus key figures and the funnel of the selection', async () => {
    const { engine } = await setup();
    for (const name of ['dorders_anomaly', 'dfunnel_anomaly', 'dcohort_anomaly', 'clvrfm_anomaly', 'kpis', 'daily_funnel']) expect(analysisCalls(engine, name).length, name).toBe(1);
  });

  test('a flagged day filters the key figures and the funnel, not the other detectors', async () => {
    const { engine, selection, container } = await setup();
    const series = container.querySelector(`[data-clv-source="${ANOMALY_SOURCES.orders}"]`)!;
    await interact(() => click(series.querySelector('.clv-anomaly-point[data-key="2025-08-07"] .clv-mark-hit')!));
    await settle();
    const day = interval('session_start', AUG7, AUG7 + DAY);
    expect(selection.clauseOf(ANOMALY_SOURCES.orders)!.predicate).toEqual(day);
    expect(analysisCalls(engine, 'kpis').at(-1)!.filter).toEqual({ mode: 'and', predicates: [day] });
    expect(analysisCalls(engine, 'daily_funnel').at(-1)!.filter).toEqual({ mode: 'and', predicates: [day] });
    for (const name of ['dorders_anomaly', 'dfunnel_anomaly', 'dcohort_anomaly', 'clvrfm_anomaly']) expect(analysisCalls(engine, name).length, name).toBe(1);
    // The picked day still shows as pressed in its own chart.
    expect(series.querySelector('.clv-anomaly-list li[data-key="2025-08-07"] button')!.getAttribute('aria-pressed')).toBe('true');
  });

  test('the detectors follow the dashboard\'s other filters', async () => {
    const { engine, selection } = await setup();
    const range = interval('session_start', Date.UTC(2025, 6, 1), Date.UTC(2025, 8, 1));
    await interact(() => selection.update({ source: 'host:date', predicate: range }));
    await settle();
    for (const name of ['dorders_anomaly', 'dfunnel_anomaly', 'dcohort_anomaly', 'clvrfm_anomaly']) {
      expect(analysisCalls(engine, name).at(-1)!.filter, name).toEqual({ mode: 'and', predicates: [range] });
    }
  });

  test('leaving the dashboard removes the anomaly filters', async () => {
    const { selection, container, unmount } = await setup();
    await interact(() => click(container.querySelector('.clv-anomaly-point .clv-mark-hit')!));
    expect(selection.value).toHaveLength(1);
    unmount();
    cleanup = cleanup.filter((c) => c !== unmount);
    expect(selection.value).toEqual([]);
  });
});
