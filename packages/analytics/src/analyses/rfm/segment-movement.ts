import type { Row } from '@clvkit/core';
import { readInstant, resolveAsOf, shiftBack } from '../../as-of.js';
import { customerRfm } from '../../models/rfm/customer-rfm.js';
import { SEGMENTS } from '../../models/rfm/segments.js';
import { periodOf } from '../../period.js';
import { defineAnalysis } from '../../types.js';
import { readRfmParams, requireOrderColumns, type ReadRfmParams } from './params.js';

/** The `from` label of customers who had no order by the first date. */
export const NEW_LABEL = 'New';

/** Params of `segment_movement`. */
export interface SegmentMovementParams extends ReadRfmParams {
  readonly from: string | number | undefined;
  readonly to: string | number | undefined;
}

function checkDate(name: string, value: unknown): string | number | undefined {
  if (value === undefined || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.trim() !== '')) return value as string | number | undefined;
  throw new TypeError(`segment_movement: params.${name} must be an ISO date ("2025-03-01"), an ISO date-time or epoch ms, got ${JSON.stringify(value)}`);
}

/**
 * `segment_movement`: how customers moved between RFM segments from one date to another.
 * Two `rfm` snapshots under the same filter, method and monetary kind, one as of `from` and one
 * as of `to` (each fitted on its own customers, each counting the whole history up to its
 * date). Rows `{ from, to, customers }` for every pair with customers, over the customers
 * present at `to` (at least one order by then): `from` is their segment at the first date, or
 * 'New' when they had no order by then; `to` their segment at the second. Ordered by `from`
 * (map order, 'New' last), then `to` (map order).
 *
 * Params: `from`, `to` (ISO date = its local midnight, ISO date-time, or epoch ms; `to`
 * defaults to the default as-of, i.e. the end of the filter's session_start interval or the
 * last session_start; `from` to 3 calendar months before `to`; from < to), `method`,
 * `monetary`, `seed`. meta: `{ from, to, customers, segments: [...SEGMENTS, 'New'] }` (epoch ms).
 */
export const segmentMovement = defineAnalysis({
  name: 'segment_movement',
  description: 'Customers moving from each RFM segment at one date to each segment at a later date',
  params: (raw): SegmentMovementParams => {
    if (raw?.asOf !== undefined) throw new TypeError('segment_movement: use params.from and params.to (the two dates), not params.asOf');
    const { params } = readRfmParams('segment_movement', { ...raw, from: undefined, to: undefined }, ['from', 'to']);
    return { ...params, from: checkDate('from', raw.from), to: checkDate('to', raw.to) };
  },
  run(context, params) {
    requireOrderColumns(context, 'segment_movement');
    const { calendar } = context;
    const to = readInstant('segment_movement', 'to', params.to, calendar) ?? resolveAsOf(context, periodOf(context), undefined)?.asOf ?? null;
    const meta = { from: null as number | null, to, customers: 0, segments: [...SEGMENTS, NEW_LABEL] };
    if (to === null) return { rows: [], meta };
    const from = readInstant('segment_movement', 'from', params.from, calendar) ?? shiftBack(to, { unit: 'months', count: 3 }, calendar);
    if (!(from < to)) throw new TypeError(`segment_movement: params.from must be before params.to, got ${new Date(from).toISOString()} and ${new Date(to).toISOString()}`);
    meta.from = from;
    const snapshot = (asOf: number) => customerRfm(context, { asOf, method: params.method, monetary: params.monetary, seed: params.seed }, 'segment_movement');
    const before = snapshot(from);
    const after = snapshot(to);
    const k = SEGMENTS.length;
    const counts = new Float64Array((k + 1) * k);
    for (let i = 0; i < after.clients.length; i++) {
      const was = before.segmentOfClient[after.clients[i]];
      counts[(was < 0 ? k : was) * k + after.segment[i]]++;
    }
    const rows: Row[] = [];
    for (let a = 0; a <= k; a++) {
      for (let b = 0; b < k; b++) {
        const customers = counts[a * k + b];
        if (customers > 0) rows.push({ from: a === k ? NEW_LABEL : SEGMENTS[a], to: SEGMENTS[b], customers });
      }
    }
    meta.customers = after.clients.length;
    return { rows, meta };
  },
});
