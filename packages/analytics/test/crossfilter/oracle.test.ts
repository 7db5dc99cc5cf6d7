import { beforeAll, describe, expect, it } from 'vitest';
import { importDataset, type Dataset, type Filter, type QuerySpec, type Row } from '@clvkit/core';
import { generateShop } from '@clvkit/sample-data';
import { runQuery } from '../../src/index.js';
import { withAbandonedBaskets } from './abandoned-baskets.js';
import { compareResults } from './compare.js';
import { dashboardSequence, edgeStates, EXTRA_QUERIES, factsOf, filterFor, seededRandom, WIDGETS, type DashboardState, type Widget } from './dashboard.js';
import { oracleAggregate } from './oracle-aggregate.js';
import { oracleCustomerStatus, oracleKpis } from './oracle-analyses.js';
import { buildOracleShop, type OracleShop } from './oracle-shop.js';

/**
 * The cross-filter's results (whatever fast path `runQuery` takes) checked against the
 * naive reference of this folder, over the raw rows of a generated shop, for a seeded random
 * sequence of dashboard selections: each of the eight benchmark widgets with every clause but
 * its own, plus more aggregates under all clauses. The sequence runs three times on the same
 * dataset: in order, again in order (every cache warm), and shuffled, because a fast path
 * keeps state between queries.
 */

interface ShopCase {
  readonly name: string;
  readonly orders: number;
  readonly seed: number;
  readonly timeZone: string;
  readonly weekStart: number;
  /** Interactions with intersect resolution, then with union resolution. */
  readonly steps: number;
  readonly unionSteps: number;
  /** Add lines to abandoned baskets (see abandoned-baskets.ts). */
  readonly abandonedBaskets: boolean;
}

const SHOPS: readonly ShopCase[] = [
  { name: 'Europe/Berlin (DST), weeks from Monday', orders: 4000, seed: 11, timeZone: 'Europe/Berlin', weekStart: 1, steps: 60, unionSteps: 10, abandonedBaskets: false },
  { name: 'Asia/Kolkata (UTC+05:30), weeks from Sunday, lines in abandoned baskets', orders: 3000, seed: 23, timeZone: 'Asia/Kolkata', weekStart: 0, steps: 30, unionSteps: 8, abandonedBaskets: true },
];

/** Generous: the machine may be shared (the whole file is about 25 s of CPU; under heavy load a pass can take a minute). */
const TIMEOUT = 300_000;

interface Case {
  readonly state: DashboardState;
  readonly widget: Widget;
  readonly filter: Filter;
}

function reference(shop: OracleShop, spec: QuerySpec, filter: Filter): { rows: Row[]; meta: Record<string, unknown> } {
  if (spec.kind === 'aggregate') return oracleAggregate(shop, spec, filter) as { rows: Row[]; meta: Record<string, unknown> };
  if (spec.name === 'kpis') return oracleKpis(shop, filter);
  if (spec.name === 'customer_status') return oracleCustomerStatus(shop, filter);
  throw new Error(`no reference for ${spec.name}`);
}

/** What each shop's suite shares with the interleaved run at the end. */
interface Suite {
  readonly name: string;
  cases: Case[];
  check(order: readonly Case[]): string[];
}
const suites: Suite[] = [];

const showFilter = (filter: Filter) => JSON.stringify(filter, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? `${v}` : v));

for (const shopCase of SHOPS) {
  describe(`cross-filter = reference: ${shopCase.name}, ${shopCase.orders} orders`, () => {
    let dataset: Dataset;
    let shop: OracleShop;
    let cases: Case[];
    const expected = new Map<Case, { rows: Row[]; meta: Record<string, unknown> }>();

    beforeAll(async () => {
      const generated = generateShop({ orders: shopCase.orders, seed: shopCase.seed, timeZone: shopCase.timeZone });
      const raw = shopCase.abandonedBaskets ? withAbandonedBaskets(generated, shopCase.seed) : generated;
      ({ dataset } = await importDataset(raw.input, { timeZone: shopCase.timeZone, weekStart: shopCase.weekStart }));
      shop = buildOracleShop(raw, shopCase.timeZone, shopCase.weekStart);
      const facts = factsOf(shop);
      const states: DashboardState[] = [
        ...dashboardSequence(facts, shopCase.seed, shopCase.steps, 'intersect'),
        ...dashboardSequence(facts, shopCase.seed + 1, shopCase.unionSteps, 'union'),
      ];
      states.push(...edgeStates(facts, states.length));
      cases = states.flatMap((state) => [...WIDGETS, ...EXTRA_QUERIES].map((widget) => ({ state, widget, filter: filterFor(state, widget.id) })));
      suite.cases = cases;
    }, TIMEOUT);

    /** The reference result of a case, computed once. */
    const expectedOf = (c: Case) => {
      let want = expected.get(c);
      if (!want) expected.set(c, (want = reference(shop, c.widget.spec, c.filter)));
      return want;
    };

    /** Runs `order` through the engine, compares each with the reference, returns the failures. */
    const check = (order: readonly Case[]): string[] => {
      const failures: string[] = [];
      for (const c of order) {
        const want = expectedOf(c);
        let problems: string[];
        try {
          problems = compareResults(c.widget.spec, runQuery(dataset, { spec: c.widget.spec, filter: c.filter }), want);
        } catch (error) {
          problems = [`engine threw ${(error as Error).stack ?? String(error)}`];
        }
        if (problems.length) failures.push(`step ${c.state.step} (${c.state.kind}, ${c.state.resolution}) widget ${c.widget.id}, filter ${showFilter(c.filter)}:\n    ${problems.slice(0, 6).join('\n    ')}`);
      }
      return failures;
    };
    const suite: Suite = { name: shopCase.name, cases: [], check };
    suites.push(suite);

    it('the reference counts every order of the generated shop and the sequence covers the dashboard', () => {
      const all = oracleAggregate(shop, { kind: 'aggregate', measures: ['orders'] }, { mode: 'and', predicates: [] });
      expect(all.rows).toEqual([{ orders: shopCase.orders }]);
      const states = [...new Set(cases.map((c) => c.state))];
      const sizes = new Set(states.map((s) => s.clauses.length));
      for (const n of [0, 1, 2, 3, 4]) expect(sizes.has(n), `a state with ${n} clauses`).toBe(true);
      const kinds = new Set(states.map((s) => s.kind));
      for (const kind of ['brush', 'drag', 'click', 'mixed', 'host']) expect(kinds.has(kind), kind).toBe(true);
      const sources = new Set(states.flatMap((s) => s.clauses.map((c) => c.source)));
      for (const source of ['time', 'products', 'categories', 'dimension', 'status', 'histogram', 'host']) expect(sources.has(source), source).toBe(true);
      const multi = states.some((s) => s.clauses.some((c) => (c.predicate.type === 'in' || c.predicate.type === 'prefix') && c.predicate.values.length > 1));
      expect(multi, 'a shift-click selection of several values').toBe(true);
      // Not a vacuous comparison: most top-products results have rows.
      const products = cases.filter((c) => c.widget.id === 'products').map(expectedOf);
      expect(products.filter((r) => r.rows.length > 0).length).toBeGreaterThan(products.length / 2);
    }, TIMEOUT);

    it('agrees on every widget of the sequence, in order', () => {
      const failures = check(cases);
      expect(failures.slice(0, 10).join('\n'), `${failures.length} of ${cases.length} queries differ`).toBe('');
    }, TIMEOUT);

    it('agrees again on the same sequence with every cache warm', () => {
      const failures = check(cases);
      expect(failures.slice(0, 10).join('\n'), `${failures.length} of ${cases.length} queries differ`).toBe('');
    }, TIMEOUT);

    it('agrees in a random order of the same queries', () => {
      const random = seededRandom(shopCase.seed * 7919);
      const shuffled = [...cases];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      const failures = check(shuffled);
      expect(failures.slice(0, 10).join('\n'), `${failures.length} of ${cases.length} queries differ`).toBe('');
    }, TIMEOUT);
  });
}

describe('cross-filter = reference: both shops interleaved', () => {
  it('agrees when the eight widgets query the two datasets in a random alternation', () => {
    const ready = suites.filter((s) => s.cases.length > 0);
    const pools = ready.map((s) => s.cases.filter((c) => WIDGETS.includes(c.widget)));
    const random = seededRandom(4242);
    const failures: string[] = [];
    const queries = ready.length ? 600 : 0;
    for (let k = 0; k < queries; k++) {
      const i = Math.floor(random() * ready.length);
      const c = pools[i][Math.floor(random() * pools[i].length)];
      for (const failure of ready[i].check([c])) failures.push(`${ready[i].name}: ${failure}`);
    }
    expect(failures.slice(0, 10).join('\n'), `${failures.length} of ${queries} queries differ`).toBe('');
  }, TIMEOUT);
});
