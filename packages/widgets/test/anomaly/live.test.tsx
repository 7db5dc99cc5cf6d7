// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { interval, Selection } from '@clvkit/core';
import { createEngine, type Engine } from '@clvkit/engine';
import { AnomaliesLayout } from '../../src/presets/anomalies.js';
import { AnomalySeries } from '../../src/widgets/AnomalySeries.js';
import { AnomalyTable } from '../../src/widgets/AnomalyTable.js';
import { Dashboard } from '../../src/widgets/Dashboard.js';
import { click, interact, renderInto, settle } from '../helpers.js';

/**
 * The anomaly widgets on the real engine (inline) and the sample shop (20 000 orders, seed 42),
 * whose checkout is broken on 2025-08-07 (planted): the orders series trains its autoencoder
 * with progress, flags that day, and a click filters it.
 */
let engine: Engine;
beforeAll(async () => {
  engine = createEngine({ source: { kind: 'sample', orders: 20_000, seed: 42 }, worker: 'inline' });
  await engine.ready();
}, 120_000);
afterAll(() => engine?.destroy());

async function until(condition: () => boolean, ms: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await settle(1);
  }
}

describe('anomaly widgets on the sample shop', () => {
  test('dorders_anomaly: progress while training, the broken checkout flagged, a click filters that day', { timeout: 240_000 }, async () => {
    const selection = new Selection();
    const seen: string[] = [];
    const r = renderInto(<AnomalySeries engine={engine} selection={selection} source="live" params={{ epochs: 10 }} width={600} locale="en-US" />);
    try {
      await until(() => {
        const text = r.container.querySelector('.clv-progress')?.textContent;
        if (text && !seen.includes(text)) seen.push(text);
        return r.container.querySelector('.clv-anomaly-list, .clv-anomaly-summary, .clv-error') !== null;
      }, 200_000);
      expect(r.container.querySelector('.clv-error')?.textContent ?? null).toBeNull();
      expect(seen.some((t) => /^Training autoencoder: \d+ \/ 10$/.test(t)), seen.join(' | ')).toBe(true);
      const broken = r.container.querySelector('.clv-anomaly-list li[data-key="2025-08-07"] button');
      expect(broken, r.container.querySelector('.clv-anomaly-summary')!.textContent!).not.toBeNull();
      await interact(() => click(broken!));
      const start = Date.UTC(2025, 7, 7);
      expect(selection.clauseOf('live')!.predicate).toEqual(interval('session_start', start, start + 86_400_000));
    } finally {
      r.unmount();
    }
  });

  test('dcohort_anomaly renders its cohorts with the within-k-days columns', { timeout: 240_000 }, async () => {
    const r = renderInto(<AnomalyTable engine={engine} selection={new Selection()} params={{ epochs: 10 }} locale="en-US" />);
    try {
      await until(() => r.container.querySelector('tbody tr, .clv-error, .clv-empty') !== null, 200_000);
      expect(r.container.querySelector('.clv-error')?.textContent ?? null).toBeNull();
      const headers = [...r.container.querySelectorAll('thead th')].map((th) => th.textContent);
      expect(headers.slice(0, 8)).toEqual(['Download day', 'Same day', 'Within 1 day', 'Within 2 days', 'Within 3 days', 'Within 4 days', 'Within 5 days', 'Within 6 days']);
      expect(r.container.querySelectorAll('tbody tr').length).toBeGreaterThan(0);
    } finally {
      r.unmount();
    }
  });

  test('the anomalies dashboard loads every detector without errors', { timeout: 400_000 }, async () => {
    const r = renderInto(
      <Dashboard engine={engine} selection={new Selection()} locale="en-US">
        <AnomaliesLayout />
      </Dashboard>,
    );
    try {
      await until(() => r.container.querySelector('.clv-loading, [aria-busy="true"]') === null, 380_000);
      expect([...r.container.querySelectorAll('.clv-error, [role="alert"]')].map((e) => e.textContent)).toEqual([]);
      expect([...r.container.querySelectorAll('.clv-empty')].map((e) => e.textContent)).toEqual([]);
      // Each series and table says how many of its rows were flagged.
      expect(r.container.querySelectorAll('.clv-anomaly-summary')).toHaveLength(4);
    } finally {
      r.unmount();
    }
  });
});
