import type { Dataset, Filter, Predicate, QueryResult, Table } from '@clvkit/core';
import { runQuery } from '../../src/index.js';
import { buildDataset, numbers, strings, times, type DatasetSpec } from '../helpers.js';

/**
 * Fixtures of the customers analyses: `buildDataset` of ../helpers.ts plus a customers table
 * with any attribute columns (as strings, the way the importer and the sample shop give them)
 * and a messages table.
 */

export type Cell = string | number | null;

/** A customers table from rows of attribute values: strings as string columns, `time:` columns as times. */
export interface CustomersSpec {
  /** Column names; `client` first. Names listed in `timeColumns` are time columns (ISO strings). */
  columns: string[];
  timeColumns?: string[];
  rows: Cell[][];
}

export interface MessageSpec {
  id: string;
  client: string;
  channel: string;
  campaign: string;
  sent: string;
  delivered?: string | null;
  opened?: string | null;
  clicked?: string | null;
  unsubscribed?: string | null;
}

export interface FixtureSpec extends Omit<DatasetSpec, 'customers'> {
  customers?: CustomersSpec;
  messages?: MessageSpec[];
}

/** A dataset with a full customers table (linked to sessions by client) and messages. */
export function fixture(spec: FixtureSpec): Dataset {
  const base = buildDataset({ ...spec, customers: undefined });
  const out: { -readonly [K in keyof Dataset]: Dataset[K] } = { ...base };
  if (spec.customers) {
    const { columns, rows, timeColumns = [] } = spec.customers;
    const table: Record<string, Table['columns'][string]> = {};
    columns.forEach((name, j) => {
      const values = rows.map((r) => r[j]);
      table[name] = timeColumns.includes(name)
        ? times(values.map((v) => (v === null ? Number.NaN : (v as string))))
        : typeof values.find((v) => v !== null) === 'number'
          ? numbers(values.map((v) => (v === null ? Number.NaN : (v as number))))
          : strings(values.map((v) => (v === null ? null : String(v))));
    });
    out.customers = { name: 'customers', length: rows.length, columns: table };
    const rowOf = new Map(rows.map((r, i) => [r[0] as string, i]));
    out.sessions = {
      ...base.sessions,
      columns: { ...base.sessions.columns, customer: { type: 'ref', table: 'customers', rows: Int32Array.from(spec.sessions, (s) => rowOf.get(s.client) ?? -1) } },
    };
  }
  if (spec.messages) {
    const m = spec.messages;
    const time = (v: string | null | undefined) => (v ? v : Number.NaN);
    out.messages = {
      name: 'messages',
      length: m.length,
      columns: {
        message_id: strings(m.map((r) => r.id)),
        client: strings(m.map((r) => r.client)),
        channel: strings(m.map((r) => r.channel)),
        campaign: strings(m.map((r) => r.campaign)),
        sent_at: times(m.map((r) => r.sent)),
        delivered_at: times(m.map((r) => time(r.delivered))),
        opened_at: times(m.map((r) => time(r.opened))),
        clicked_at: times(m.map((r) => time(r.clicked))),
        unsubscribed_at: times(m.map((r) => time(r.unsubscribed))),
      },
    };
  }
  return out;
}

/** Runs a registered analysis through `runQuery` (the real path: registry, derived fields, params). */
export function report(dataset: Dataset, name: string, params: Record<string, unknown> = {}, predicates: Predicate[] = [], mode: Filter['mode'] = 'and'): QueryResult {
  return runQuery(dataset, { spec: { kind: 'analysis', name, params }, filter: { mode, predicates } });
}

/** Epoch ms of an ISO instant. */
export const ms = (iso: string): number => Date.parse(iso);

/** Days of 24 h in milliseconds. */
export const DAY = 86_400_000;
