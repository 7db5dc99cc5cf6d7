import type { Meta, StoryObj } from '@storybook/preact-vite';
import { useEffect, useState } from 'preact/hooks';
import { Selection, type QueryResult, type QuerySpec, type Row } from '@clvkit/core';
import { createEngine } from '@clvkit/engine';
import { Dashboard, type EngineLike, type QueryOptions } from '@clvkit/widgets';
import { SearchLayout } from '../packages/widgets/src/presets/search.js';
import { EntityView } from '../packages/widgets/src/widgets/EntityView.js';
import { SearchBox } from '../packages/widgets/src/widgets/SearchBox.js';
import type { EntityType } from '../packages/widgets/src/widgets/search/entity.js';
import { cannedResult } from './support/chart-engine.js';
import { cannedRows } from './support/fake-engine.js';
import { WithSelection } from './support/with-selection.js';

/**
 * The search box and the entity views over canned answers written out by hand in the
 * analyses' formats (`search` rows `{ type, value, score }`, product_kpis / client_kpis
 * `{ metric, value }`, promotion_kpis, rfm, client_feature_predicted and A/B test rows);
 * nothing here is computed by clvkit. The fake search ranks names containing the text.
 */
const VALUES: readonly { type: EntityType; value: string }[] = [
  { type: 'product', value: 'Trail running shoes, waterproof' },
  { type: 'product', value: 'Merino wool socks (3-pack)' },
  { type: 'product', value: 'Lightweight rain jacket' },
  { type: 'product', value: 'Running cap' },
  { type: 'client', value: 'C-1042' },
  { type: 'client', value: 'C-2210' },
  { type: 'client', value: 'runner.anna' },
  { type: 'promotion', value: 'BUNDLEUP' },
  { type: 'promotion', value: 'THANKYOU' },
  { type: 'promotion', value: 'RUNWEEK' },
  { type: 'dimension', value: 'Online shop' },
  { type: 'dimension', value: 'Berlin store' },
  { type: 'dimension', value: '<script>alert("x")</script> store' },
];

/** A stand-in for the bigram search: exact = 1, a prefix 0.9, containing the text 0.6 minus a little per position. */
function fakeSearch(query: string, limit: number): Row[] {
  const q = query.toLowerCase();
  return VALUES.map((v) => {
    const name = v.value.toLowerCase();
    const at = name.indexOf(q);
    const score = name === q ? 1 : at === 0 ? 0.9 : at > 0 ? Math.max(0.6 - at / 100, 0.1) : 0;
    return { type: v.type, value: v.value, score };
  })
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

const T = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const TEST = { customers: 64, method: 't', effectSize: 0.62, acceptRatio: 0.03 };

function entityAnswer(spec: QuerySpec): QueryResult<Row> | null {
  if (spec.kind === 'aggregate') {
    if (spec.groupBy?.[0]?.field === 'rfm_segment') {
      return { rows: [['Champions', 41], ['Loyal Customers', 66], ['Potential Loyalists', 38], ['At Risk', 21], ['Hibernating', 12]].map(([s, n]) => ({ rfm_segment: s, buyers: n })) as Row[] };
    }
    return null;
  }
  const params = spec.params ?? {};
  const metrics = (pairs: [string, number | null][]) => pairs.map(([metric, value]) => ({ metric, value }));
  switch (spec.name) {
    case 'search':
      return { rows: fakeSearch(String(params.query ?? ''), Number(params.limit ?? 10)) };
    case 'product_kpis':
      return { rows: metrics([['orders', 1820], ['revenue', 235_896], ['quantity', 1904], ['buyers', 1512], ['firstSale', T(2024, 1, 3)], ['lastSale', T(2024, 4, 29)]]), meta: { found: true } };
    case 'client_kpis':
      return {
        rows: metrics([['orders', 9], ['revenue', 812.4], ['averageOrderValue', 90.27], ['sessions', 31], ['daysBetweenOrders', 13.4], ['firstOrder', T(2024, 1, 6)], ['lastOrder', T(2024, 4, 22)]]),
        meta: { favouriteProducts: [{ product: 'Merino wool socks (3-pack)', orders: 5 }, { product: 'Running cap', orders: 2 }] },
      };
    case 'rfm':
      return { rows: [{ client: String(params.client ?? 'C-1042'), segment: 'Champions', score: '555', recency: 7.5, frequency: 9, monetary: 812.4, meanGap: 13.4 }] };
    case 'client_feature_predicted':
      return { rows: [{ client: 'C-1042', clv: 412.6, expectedOrders: 4.3, expectedValue: 96.1, pAlive: 0.93, churnProbability: 0.07 }] };
    case 'promotion_kpis':
      return { rows: [{ promotion: String(params.promotion ?? 'BUNDLEUP'), orders: 640, revenue: 51_200, discount: 5120, customers: 410, ordersPerCustomer: 1.56, firstUse: T(2024, 2, 1), lastUse: T(2024, 4, 28) }] };
    case 'promotion_usage_before_after_orders':
    case 'product_usage_before_after_orders':
      return { rows: [{ ...TEST, test: spec.name, subject: String(params.subject), before: 0.42, after: 0.71, meanDifference: 0.29, ciLow: 0.17, ciHigh: 0.41, pValue: 0.0002, verdict: 'increase' }] };
    case 'promotion_usage_before_after_amount':
    case 'product_usage_before_after_amount':
      return { rows: [{ ...TEST, test: spec.name, subject: String(params.subject), before: 78.1, after: 79.4, meanDifference: 1.3, ciLow: -2.2, ciHigh: 4.9, pValue: 0.47, method: 'wilcoxon', effectSize: 0.09, verdict: 'no significant change' }] };
    case 'promotion_comparison':
      return { rows: [{ ...TEST, test: 'promotion_comparison', subject: 'BUNDLEUP', before: 78.1, after: 84.9, meanDifference: 5.2, ciLow: 1.1, ciHigh: 9.4, pValue: 0.012, method: 'welch', verdict: 'increase', wins: 1, losses: 0 }] };
    default:
      return null;
  }
}

type Mode = 'ready' | 'loading' | 'empty' | 'error';

/** A fake engine answering the entity analyses and the search, the shared story fixtures otherwise. */
function searchEngine(mode: Mode, delay = 150): EngineLike {
  return {
    query<R = Row>(spec: QuerySpec, options: QueryOptions = {}): Promise<QueryResult<R>> {
      if (mode === 'loading') return new Promise<QueryResult<R>>(() => {});
      return new Promise<QueryResult<R>>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (mode === 'error') reject(new globalThis.Error('The analytics worker stopped (out of memory). Reload the page or load less data.'));
          else if (mode === 'empty') resolve({ rows: [] });
          else {
            const answer = entityAnswer(spec) ?? (spec.kind === 'aggregate' || spec.name === 'kpis' ? { rows: cannedRows(spec) } : cannedResult(spec));
            resolve(answer as unknown as QueryResult<R>);
          }
        }, delay);
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(Object.assign(new globalThis.Error('aborted'), { name: 'AbortError' }));
        });
      });
    },
  };
}

interface Args {
  readonly mode: Mode;
  readonly locale: string;
}

const meta: Meta<Args> = {
  title: 'Widgets/Search',
  args: { mode: 'ready', locale: 'en-US' },
  argTypes: { mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] } },
  render: ({ mode, locale }) => <WithSelection>{(selection) => <SearchBox engine={searchEngine(mode)} selection={selection} locale={locale} />}</WithSelection>,
};
export default meta;

type Story = StoryObj<Args>;

/** Type "run" or "store": results grouped by type with their match; Down/Up, Enter, Escape. */
export const Ready: Story = {};
/** The search never answers: the status says "Searching…". */
export const Loading: Story = { args: { mode: 'loading' } };
/** Nothing matches: "No results for …". */
export const Empty: Story = { args: { mode: 'empty' } };
/** The search fails: the status says why. */
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };

function Entity({ type, value, mode, locale }: { readonly type: EntityType; readonly value: string; readonly mode: Mode; readonly locale: string }) {
  const [engine] = useState(() => searchEngine(mode));
  const [selection] = useState(() => new Selection());
  return (
    <Dashboard engine={engine} selection={selection} locale={locale} currency="USD">
      <EntityView className="clv-wide" type={type} value={value} />
    </Dashboard>
  );
}

/** A product: figures, orders over time, bought with, buyers' segments, its before/after test. */
export const ProductView: Story = { render: ({ mode, locale }) => <Entity type="product" value="Trail running shoes, waterproof" mode={mode} locale={locale} /> };
/** A customer: figures and favourite products, orders, RFM, predicted CLV. */
export const CustomerView: Story = { render: ({ mode, locale }) => <Entity type="client" value="C-1042" mode={mode} locale={locale} /> };
/** A promotion: usage, orders, its A/B test result and the comparison with the other promotions. */
export const PromotionView: Story = { render: ({ mode, locale }) => <Entity type="promotion" value="BUNDLEUP" mode={mode} locale={locale} /> };
/** A dimension value: KPI cards, orders, customer status. */
export const DimensionView: Story = { render: ({ mode, locale }) => <Entity type="dimension" value="Berlin store" mode={mode} locale={locale} /> };
export const EntityLoading: Story = { args: { mode: 'loading' }, render: ({ mode, locale }) => <Entity type="product" value="Running cap" mode={mode} locale={locale} /> };
export const EntityError: Story = { args: { mode: 'error' }, render: ({ mode, locale }) => <Entity type="promotion" value="THANKYOU" mode={mode} locale={locale} /> };

/** The search dashboard over the canned answers: search, choose, explore, close. */
export const SearchDashboard: Story = {
  render: ({ mode, locale }) => <CannedSearch mode={mode} locale={locale} />,
};

function CannedSearch({ mode, locale }: { readonly mode: Mode; readonly locale: string }) {
  const [engine] = useState(() => searchEngine(mode));
  const [selection] = useState(() => new Selection());
  return (
    <Dashboard engine={engine} selection={selection} locale={locale} currency="USD">
      <SearchLayout />
    </Dashboard>
  );
}

/** The search dashboard on the real engine (synthetic shop). */
export const LiveSearch: Story = {
  render: () => <LiveSearchDashboard />,
};

function LiveSearchDashboard() {
  const [engine] = useState(() => createEngine({ source: { kind: 'sample', orders: 20_000, seed: 42 }, worker: 'inline' }));
  useEffect(() => () => engine.destroy(), [engine]);
  return (
    <Dashboard engine={engine} locale="en-US" currency="USD">
      <SearchLayout />
    </Dashboard>
  );
}
