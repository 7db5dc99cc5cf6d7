import { describe, expect, it } from 'vitest';
import { registerAnalysis, reportRequest, runQuery, defineAnalysis, ParamReader } from '../src/index.js';
import { buildDataset } from './helpers.js';

/*
 * Orders (all purchases): 03-01 web 10, 03-02 app 20, 03-03 web 40, 03-05 web 80 (UTC).
 * report('kpis', { date: '2024-03-03' }): orders up to the end of 03-03 -> 3 orders, 70.
 * ... with dimension 'web' -> 03-01 and 03-03 -> 2 orders, 50.
 */
const data = () =>
  buildDataset({
    sessions: [
      { id: 'o1', client: 'a', start: '2024-03-01T10:00Z', payment: 10, dimension: 'web' },
      { id: 'o2', client: 'b', start: '2024-03-02T10:00Z', payment: 20, dimension: 'app' },
      { id: 'o3', client: 'a', start: '2024-03-03T23:59Z', payment: 40, dimension: 'web' },
      { id: 'o4', client: 'c', start: '2024-03-05T10:00Z', payment: 80, dimension: 'web' },
    ],
  });
const kpi = (rows: Record<string, unknown>[], metric: string) => rows.find((r) => r.metric === metric)?.value;

registerAnalysis(
  defineAnalysis({
    name: 'test_report_as_of',
    description: 'Echoes its asOf param (for the report API test)',
    params: (raw) => {
      new ParamReader('test_report_as_of', raw, ['asOf']);
      return { asOf: raw.asOf ?? null };
    },
    run: (_context, params) => ({ rows: [{ asOf: params.asOf as string | null }] }),
  }),
);

describe('reportRequest (the seed-style report API)', () => {
  it('cuts the data after the report date', () => {
    const dataset = data();
    const { rows } = runQuery(dataset, reportRequest(dataset, 'kpis', { date: '2024-03-03' }));
    expect(kpi(rows, 'orders')).toBe(3);
    expect(kpi(rows, 'revenue')).toBe(70);
  });

  it('keeps one dimension value; "main" and null mean all', () => {
    const dataset = data();
    const web = runQuery(dataset, reportRequest(dataset, 'kpis', { date: '2024-03-03', dimension: 'web' })).rows;
    expect([kpi(web, 'orders'), kpi(web, 'revenue')]).toEqual([2, 50]);
    for (const dimension of ['main', null]) {
      const all = runQuery(dataset, reportRequest(dataset, 'kpis', { dimension })).rows;
      expect(kpi(all, 'orders')).toBe(4);
    }
  });

  it('passes the date as asOf only to analyses that take one, and other params through', () => {
    const dataset = data();
    expect(reportRequest(dataset, 'test_report_as_of', { date: '2024-03-02' }).spec).toEqual({ kind: 'analysis', name: 'test_report_as_of', params: { asOf: '2024-03-02' } });
    expect(reportRequest(dataset, 'most_ordered_products', { limit: 3 }).spec).toEqual({ kind: 'analysis', name: 'most_ordered_products', params: { limit: 3 } });
    expect(reportRequest(dataset, 'kpis', { date: '2024-03-02' }).spec).toEqual({ kind: 'analysis', name: 'kpis', params: {} });
  });

  it('names the problem for unknown reports and bad dates', () => {
    expect(() => reportRequest(data(), 'no_such_report')).toThrow(/Unknown report "no_such_report"/);
    expect(() => reportRequest(data(), 'kpis', { date: '03/03/2024' })).toThrow(/YYYY-MM-DD/);
  });
});
