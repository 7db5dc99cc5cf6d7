// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Selection } from '@clvkit/core';
import { createEngine, type Engine } from '@clvkit/engine';
import { SearchLayout } from '../../src/presets/search.js';
import { Dashboard } from '../../src/widgets/Dashboard.js';
import { EntityView } from '../../src/widgets/EntityView.js';
import { key, renderInto, settle } from '../helpers.js';

/**
 * The search and entity views on the real engine (inline) and the sample shop (20 000 orders,
 * seed 42): the search finds the planted promotion, its view shows its usage and A/B test
 * (BUNDLEUP truly raises spend), and every entity view renders without errors.
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

const busy = (root: Element) => root.querySelector('.clv-loading, [aria-busy="true"]') !== null;

describe('search on the sample shop', () => {
  test('"bundleup" finds the promotion; Enter opens its view with usage and the A/B verdict', { timeout: 240_000 }, async () => {
    const r = renderInto(
      <Dashboard engine={engine} selection={new Selection()} locale="en-US">
        <SearchLayout />
      </Dashboard>,
    );
    try {
      const input = r.container.querySelector('input[role="combobox"]') as HTMLInputElement;
      await act(async () => {
        input.focus();
        input.value = 'bundleup';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await until(() => r.container.querySelector('[role="option"]') !== null || /failed|No results/.test(r.container.querySelector('.clv-search-status')!.textContent!), 60_000);
      const first = r.container.querySelector('[role="option"]')!;
      expect([first.getAttribute('data-type'), first.getAttribute('data-value'), first.querySelector('.clv-search-score')!.textContent]).toEqual(['promotion', 'BUNDLEUP', '100%']);
      await act(async () => key(input, 'ArrowDown'));
      await act(async () => key(input, 'Enter'));
      await settle();
      const view = r.container.querySelector('.clv-entity-view-body')!;
      expect(view.getAttribute('data-entity-value')).toBe('BUNDLEUP');
      await until(() => !busy(view), 200_000);
      expect([...view.querySelectorAll('.clv-error, [role="alert"]')].map((e) => e.textContent)).toEqual([]);
      const orders = Number(view.querySelector('.clv-entity-figures .clv-kpi[data-metric="orders"] .clv-kpi-value')!.textContent!.replace(/,/g, ''));
      expect(orders).toBeGreaterThan(0);
      // The verdict shown is the analysis' verdict for this promotion, in words.
      const direct = await engine.query({ kind: 'analysis', name: 'promotion_usage_before_after_amount', params: { subject: 'BUNDLEUP' } });
      const verdict = String(direct.rows.find((row) => row.subject === 'BUNDLEUP')?.verdict);
      const words: Record<string, string> = { increase: 'Increase', decrease: 'Decrease', 'no significant change': 'No significant change' };
      expect(view.querySelector('.clv-ab-test[data-metric="amount"] .clv-ab-verdict dd')!.textContent).toBe(words[verdict]);
    } finally {
      r.unmount();
    }
  });

  const FIELDS = { product: ['lines', 'product'], client: ['sessions', 'client'], dimension: ['sessions', 'dimension'] } as const;
  for (const type of ['product', 'client', 'dimension'] as const) {
    test(`a ${type} view renders every widget without errors`, { timeout: 240_000 }, async () => {
      // The value with the most orders.
      const [table, field] = FIELDS[type];
      const top = await engine.query({ kind: 'aggregate', table, groupBy: [{ field }], measures: ['orders'], orderBy: { measure: 'orders', order: 'desc' }, limit: 1 });
      const chosen = top.rows[0]?.[field];
      expect(typeof chosen, `a ${type} to open`).toBe('string');
      const r = renderInto(
        <Dashboard engine={engine} selection={new Selection()} locale="en-US">
          <EntityView className="clv-wide" type={type} value={chosen as string} />
        </Dashboard>,
      );
      try {
        const view = r.container.querySelector('.clv-entity-view-body')!;
        await until(() => !busy(view), 200_000);
        expect([...view.querySelectorAll('.clv-error, [role="alert"]')].map((e) => e.textContent)).toEqual([]);
        expect(view.querySelectorAll('.clv-entity-grid > *').length).toBeGreaterThanOrEqual(3);
        // Every widget found data for the entity (no empty state).
        expect([...view.querySelectorAll('.clv-empty')].map((e) => `${e.closest('[data-clv-source]')?.className}: ${e.textContent}`)).toEqual([]);
      } finally {
        r.unmount();
      }
    });
  }
});
