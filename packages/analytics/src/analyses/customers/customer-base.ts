import { readTimestamp, type Row } from '@clvkit/core';
import { keyColumn } from '../../group-keys.js';
import { ParamReader } from '../../params.js';
import { bucketedPeriodFilters, periodOf } from '../../period.js';
import { defineAnalysis } from '../../types.js';
import { sessionsKeptBy } from '../masks.js';
import { distinctClientsBy } from '../session-sums.js';
import { timeValues } from './attributes.js';
import { SERIES_UNITS, type SeriesUnit } from './period-buckets.js';
import { selectedCustomers } from './scope.js';

/** Params of `customer_base`. */
export interface CustomerBaseParams {
  readonly unit: SeriesUnit;
  readonly field: string | null;
}

/**
 * `customer_base` (seed 004 "customer base": registrations over time and the activity of the
 * base). For every bucket of `unit` (`month` by default, `week`, `day`; dataset zone and week
 * start) from the bucket of the period's start to the one of its end (the period: the filter's
 * interval on session_start, else the data range):
 *
 * - registrations = selected customers whose registration date (`field`: default
 *   `signup_date` when the table has it, else `download_date`; any time column, or a date
 *   string column, may be named) falls in the bucket; customers without one are not counted
 *   (meta.withoutDate);
 * - total = selected customers registered before the bucket's end (clipped to the period's end),
 *   registrations before the period included: the size of the base;
 * - active = distinct customers with an order in the bucket, visitors = with a session;
 *   activeShare = active / total (null when total is 0).
 *
 * The selected customers are those of `selectedCustomers` under the filter without its
 * session_start interval (the interval sets the buckets, not who belongs to the base);
 * active and visitors count the sessions passing that filter.
 * Rows `{ bucket, registrations, total, active, visitors, activeShare }` in time order, bucket
 * = its start (epoch ms). meta: `{ unit, field, period, withoutDate }`.
 */
export const customerBase = defineAnalysis({
  name: 'customer_base',
  description: 'Registrations, size of the customer base and active customers per day, week or month',
  tables: ['customers'],
  params: (raw): CustomerBaseParams => {
    const read = new ParamReader('customer_base', raw, ['unit', 'field']);
    return { unit: read.oneOf('unit', SERIES_UNITS, 'month'), field: raw.field === undefined ? null : read.string('field', '') };
  },
  run(context, params) {
    const { calendar, dataset } = context;
    const customers = dataset.customers!;
    const field = params.field ?? ('signup_date' in customers.columns ? 'signup_date' : 'download_date');
    const column = customers.columns[field];
    const unreadable = column?.type === 'string' && column.dictionary.length > 0 && column.dictionary.every((v) => Number.isNaN(readTimestamp(v, calendar)));
    if (!column || !['time', 'string'].includes(column.type) || unreadable) {
      const times = Object.keys(customers.columns).filter((name) => customers.columns[name].type === 'time');
      throw new TypeError(`customer_base: params.field "${field}" is not a date column of the customers table (time columns: ${times.join(', ')})`);
    }
    const period = periodOf(context);
    const meta = { unit: params.unit, field, period: period.range, withoutDate: 0 };
    if (!period.range || !(period.range[0] < period.range[1])) return { rows: [], meta };
    const [lo, hi] = period.range;
    const unit = params.unit;
    const starts: number[] = [];
    for (let b = calendar.floor(lo, unit); b < hi; b = calendar.add(b, unit, 1)) starts.push(b);
    const m = starts.length;
    const registrations = new Float64Array(m);
    let before = 0;
    const selected = selectedCustomers(context, period.rest);
    const registered = timeValues(column, customers.length, calendar);
    for (let i = 0; i < customers.length; i++) {
      if (!selected[i]) continue;
      const t = registered[i];
      if (t !== t) {
        meta.withoutDate++;
        continue;
      }
      if (t < starts[0]) before++;
      else if (t < hi) registrations[calendar.diff(starts[0], t, unit)]++;
    }
    const key = keyColumn(context.derived, 'sessions', { field: 'session_start', bucket: unit }, 'bucket');
    const index = context.derived.buckets('sessions', 'session_start', unit);
    const { buyers, visitors: visiting } = distinctClientsBy(context, sessionsKeptBy(context, bucketedPeriodFilters(period)), key.codes, key.cardinality);
    const rows: Row[] = [];
    let total = before;
    for (let j = 0; j < m; j++) {
      total += registrations[j];
      const k = index.count > 0 ? calendar.diff(index.bounds[0], starts[j], unit) : -1;
      const inIndex = k >= 0 && k < index.count;
      const active = inIndex ? buyers[k] : 0;
      const visitors = inIndex ? visiting[k] : 0;
      rows.push({ bucket: starts[j], registrations: registrations[j], total, active, visitors, activeShare: total > 0 ? active / total : null });
    }
    return { rows, meta };
  },
});
