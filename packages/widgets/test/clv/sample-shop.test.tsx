// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isIn, Selection, type Row } from '@clvkit/core';
import { createEngine, type Engine } from '@clvkit/engine';
import { formatValue } from '../../src/format.js';
import { observeQueryStates } from '../../src/data/query-events.js';
import { ClvPredictionLayout } from '../../src/presets/clv-prediction.js';
import { ClvSegmentsLayout } from '../../src/presets/clv-segments.js';
import { clvDateStore } from '../../src/widgets/clv/selected-date.js';
import { Dashboard } from '../../src/widgets/Dashboard.js';
import { click, interact, key, renderInto, settle } from '../helpers.js';

/**
 * Both CLV dashboards on the real engine over the synthetic shop (computed inline): every
 * widget gets ready without an error, and what they show follows the selection and the
 * chosen date. Figures are checked against queries that take another code path (the plain
 * aggregate for revenue) or against the analysis asked directly with the same params.
 */
let engine: Engine;
beforeAll(async () => {
  engine = createEngine({ source: { kind: 'sample', orders: 3000, seed: 7 }, worker: 'inline' });
  await engine.ready();
}, 120_000);
afterAll(() => engine.destroy());

/** Lets the widgets load (model fits included), up to two minutes. */
/** Widget queries whose latest state is loading (a reload shows no busy mark for its first 100 ms). */
const loading = new Set<string>();
observeQueryStates(({ source, spec, state }) => {
  const id = `${source}\u0000${JSON.stringify(spec)}`;
  if (state.status === 'loading') loading.add(id);
  else loading.delete(id);
});

async function ready(root: Element): Promise<void> {
  // Queries start on the next frame, and a reload reports loading only once it has taken
  // 100 ms: wait past both before looking for loading widgets.
  await settle();
  await new Promise((resolve) => setTimeout(resolve, 150));
  const busy = () => loading.size > 0 || root.querySelector('.clv-loading, [aria-busy="true"]') !== null;
  const start = Date.now();
  while (Date.now() - start < 120_000 && busy()) await settle(1);
  expect(busy()).toBe(false);
}

function errorsIn(root: Element): string[] {
  return [...root.querySelectorAll('.clv-error-detail')].map((e) => e.textContent ?? '');
}

const money = (v: number) => formatValue(v, 'money', { locale: 'en-US' });
const figure = (root: Element, widget: string, name: string) => root.querySelector(`.clv-${widget} .clv-figure[data-figure="${name}"] .clv-figure-value`)!.textContent;

describe('CLV dashboards on the sample shop', () => {
  test('seed 001: ready, actual revenue as the plain aggregate, a chosen date and a chosen customer drive the panels', async () => {
    const selection = new Selection();
    const r = renderInto(
      <Dashboard engine={engine} selection={selection} locale="en-US">
        <ClvPredictionLayout />
      </Dashboard>,
    );
    try {
      await ready(r.container);
      expect(errorsIn(r.container)).toEqual([]);
      const total = (await engine.query({ kind: 'aggregate', measures: ['revenue'] })).rows[0].revenue as number;
      expect(figure(r.container, 'clv-timeline', 'actual')).toBe(money(total));

      // About a year before the as-of: the last day with orders, then 12 × 30 days back.
      const svg = r.container.querySelector('svg.clv-clv-timeline') as SVGSVGElement;
      svg.focus();
      await interact(() => key(svg, 'ArrowLeft'));
      for (let i = 0; i < 12; i++) await interact(() => key(svg, 'PageDown'));
      await interact(() => key(svg, 'Enter'));
      await ready(r.container);
      const date = clvDateStore(selection).value!;
      expect(typeof date).toBe('number');
      const { time } = await engine.ready();
      const shown = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: time.timeZone }).format(date);
      expect(r.container.querySelector('.clv-clv-churners .clv-period')!.textContent).toMatch(new RegExp(`^As of ${shown}`));
      const direct = await engine.query({ kind: 'analysis', name: 'newcomers_and_churners', params: { date, horizonDays: 182, limit: 1000 } });
      const churners = direct.rows.find((row) => row.group === 'churners') as Row;
      expect(figure(r.container, 'clv-churners', 'customers')).toBe(formatValue(churners.customers as number, 'count', { locale: 'en-US' }));
      expect(figure(r.container, 'clv-churners', 'revenue')).toBe(money(churners.revenue as number));

      // The top customer by CLV leads the top table; choosing it narrows the timeline to their orders.
      const top = await engine.query({ kind: 'analysis', name: 'client_feature_predicted', params: { sort: '-clv', limit: 100, horizonDays: 182 } });
      const first = r.container.querySelector('.clv-clv-top-customers tbody tr') as HTMLElement;
      expect(first.getAttribute('data-key')).toBe(top.rows[0].client);
      await interact(() => click(first.querySelector('.clv-row-select')!));
      await ready(r.container);
      expect(errorsIn(r.container)).toEqual([]);
      const own = await engine.query({ kind: 'aggregate', measures: ['revenue'] }, { filter: { mode: 'and', predicates: [isIn('client', [String(top.rows[0].client)])] } });
      expect(figure(r.container, 'clv-timeline', 'actual')).toBe(money(own.rows[0].revenue as number));
    } finally {
      r.unmount();
    }
  }, 300_000);

  test('seed 002: every tab ready; a treemap segment narrows the customer list to that segment', async () => {
    const selection = new Selection();
    const r = renderInto(
      <Dashboard engine={engine} selection={selection} locale="en-US">
        <ClvSegmentsLayout />
      </Dashboard>,
    );
    try {
      await ready(r.container);
      expect(errorsIn(r.container)).toEqual([]);
      const tile = r.container.querySelector('.clv-segment-treemap [data-segment]') as Element;
      const segment = tile.getAttribute('data-segment')!;
      await interact(() => click(tile));
      await ready(r.container);
      const segments = [...r.container.querySelectorAll('.clv-clv-top-customers tbody tr td:nth-child(2)')].map((td) => td.textContent);
      expect(segments.length).toBeGreaterThan(0);
      expect(new Set(segments)).toEqual(new Set([segment]));
      for (const name of ['CLV', 'CLV opportunity']) {
        await interact(() => click([...r.container.querySelectorAll('[role="tab"]')].find((t) => t.textContent === name)!));
        await ready(r.container);
        expect(errorsIn(r.container), name).toEqual([]);
        expect(r.container.querySelectorAll('[role="tabpanel"]:not([hidden]) .clv-widget').length, name).toBe(4);
      }
    } finally {
      r.unmount();
    }
  }, 300_000);
});
