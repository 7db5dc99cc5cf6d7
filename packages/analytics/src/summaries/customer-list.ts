import { calendarFor, type Row } from '@clvkit/core';
import { DAY_MS } from '../as-of.js';
import { customerList as customerListAnalysis } from '../analyses/customers/customer-list.js';
import { classify, statusCuts, STATUSES } from '../analyses/customers/status.js';
import { summaryAsOf } from './as-of.js';
import type { CustomerSummaryRecord, SummaryAnalysis } from './types.js';

/** The row fields a summary can give (the registry's computed fields; topProducts is always null here). */
const FIELDS = ['client', 'status', 'orders', 'revenue', 'averageOrderValue', 'firstOrder', 'lastOrder', 'recencyDays', 'topProducts'] as const;
const NUMERIC = new Set(['orders', 'revenue', 'averageOrderValue', 'firstOrder', 'lastOrder', 'recencyDays']);

/**
 * `customer_list` from summaries: the customers with a session passing the filter, sorted and
 * paged as the registry's `customer_list` does (nulls last, ties by client id), with orders,
 * revenue, averageOrderValue, firstOrder, lastOrder from the summaries under the filter, and
 * status / recencyDays as of the as-of date from a second summaries run (the filter's other
 * clauses, cut at the as-of instant), exactly as `customer_status`.
 *
 * Differences, because the summaries carry neither: no contact fields (the customers table is
 * not summarised: `params.fields` is refused, none are listed by default) and `topProducts` is
 * null (needs the products of each customer's orders).
 */
export const customerListSummary: SummaryAnalysis = {
  name: 'customer_list',
  async run(request, env) {
    const params = customerListAnalysis.params!(request.spec.kind === 'analysis' ? (request.spec.params ?? {}) : {});
    if (params.fields && params.fields.length > 0) {
      throw new TypeError(`customer_list: params.fields (${params.fields.join(', ')}) needs the customers table, which this data source does not summarise; leave fields out`);
    }
    if (!(FIELDS as readonly string[]).includes(params.sort.field)) {
      throw new TypeError(`customer_list: params.sort.field "${params.sort.field}" is not a row field (${FIELDS.join(', ')})`);
    }
    const { at, summariesFilter } = summaryAsOf('customer_list', request.filter, params.asOf, env);
    const [selected, asOfRows] = await Promise.all([env.summaries(request.filter), at ? env.summaries(summariesFilter) : Promise.resolve([] as readonly CustomerSummaryRecord[])]);
    const cuts = at ? statusCuts(at.asOf, params.thresholds, calendarFor(env.time)) : null;
    const lastByClient = new Map<string, number>();
    for (const row of asOfRows) if (row.orders > 0 && row.lastOrderAt !== null) lastByClient.set(row.client, row.lastOrderAt);

    const rows: Row[] = selected.map((s) => {
      const last = lastByClient.get(s.client);
      return {
        client: s.client,
        status: cuts && last !== undefined ? STATUSES[classify(last, cuts)] : null,
        orders: s.orders,
        revenue: s.revenue,
        averageOrderValue: s.orders > 0 ? s.revenue / s.orders : null,
        firstOrder: s.orders > 0 ? s.firstOrderAt : null,
        lastOrder: s.orders > 0 ? s.lastOrderAt : null,
        recencyDays: at && last !== undefined ? (at.asOf - last) / DAY_MS : null,
        topProducts: null,
      };
    });
    const field = params.sort.field;
    const sign = params.sort.order === 'asc' ? 1 : -1;
    const key = (row: Row): number | string | null => {
      const v = row[field] as number | string | null;
      if (field === 'status') return v === null ? null : STATUSES.indexOf(v as (typeof STATUSES)[number]);
      if (field === 'client' || v === null) return v;
      return NUMERIC.has(field) ? Number(v) : v;
    };
    const byId = (a: Row, b: Row) => (String(a.client) < String(b.client) ? -1 : String(a.client) > String(b.client) ? 1 : 0);
    const sorted = rows.sort((a, b) => {
      const va = key(a);
      const vb = key(b);
      if (va !== vb) {
        if (va === null) return 1;
        if (vb === null) return -1;
        if (va < vb) return -sign;
        if (va > vb) return sign;
      }
      return byId(a, b);
    });
    return {
      rows: sorted.slice(params.offset, params.offset + params.limit),
      meta: { total: rows.length, offset: params.offset, limit: params.limit, sort: params.sort, fields: [], asOf: at?.asOf ?? null },
    };
  },
};
