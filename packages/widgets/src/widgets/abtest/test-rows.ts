import type { Row } from '@clvkit/core';

/** A test's verdict (the A/B row contract). */
export type AbVerdict = 'increase' | 'decrease' | 'no significant change';

/** One A/B test row as the widgets read it: numbers or null, never NaN. */
export interface AbTestView {
  readonly subject: string;
  readonly customers: number | null;
  readonly before: number | null;
  readonly after: number | null;
  readonly meanDifference: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  readonly relativeChange: number | null;
  readonly relativeLow: number | null;
  readonly relativeHigh: number | null;
  readonly pValue: number | null;
  readonly method: string;
  readonly effectSize: number | null;
  readonly acceptRatio: number | null;
  readonly verdict: AbVerdict | null;
}

const VERDICTS: readonly string[] = ['increase', 'decrease', 'no significant change'];
const number = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The test rows of a result (rows without a subject are left out). */
export function readTestRows(rows: readonly Row[]): AbTestView[] {
  const out: AbTestView[] = [];
  for (const row of rows) {
    if (!row || row.subject === null || row.subject === undefined || row.subject === '') continue;
    out.push({
      subject: String(row.subject),
      customers: number(row.customers),
      before: number(row.before),
      after: number(row.after),
      meanDifference: number(row.meanDifference),
      ciLow: number(row.ciLow),
      ciHigh: number(row.ciHigh),
      relativeChange: number(row.relativeChange),
      relativeLow: number(row.relativeLow),
      relativeHigh: number(row.relativeHigh),
      pValue: number(row.pValue),
      method: typeof row.method === 'string' ? row.method : '',
      effectSize: number(row.effectSize),
      acceptRatio: number(row.acceptRatio),
      verdict: typeof row.verdict === 'string' && VERDICTS.includes(row.verdict) ? (row.verdict as AbVerdict) : null,
    });
  }
  return out;
}

/** What a test compares, read from its report name and meta. */
export interface AbTestKind {
  /** Whose first use / purchase, or a segment's periods. */
  readonly subject: 'promotion' | 'product' | 'segment';
  readonly metric: 'orders' | 'amount';
  /** W of the usage tests (default 7). */
  readonly windowDays: number;
  /** The period of a segment test. */
  readonly period: 'daily' | 'weekly' | 'monthly' | null;
}

/**
 * The kind of test a report is: `product_usage_*` products, `segments_change_<period>_*`
 * segments, anything else (the promotion reports, promotion_comparison) promotions; the metric
 * from meta.metric or the name (`orders` when it says so, else amount).
 */
export function testKind(report: string, meta: Readonly<Record<string, unknown>> | undefined): AbTestKind {
  const segment = /^segments_change_(daily|weekly|monthly)_/.exec(report);
  const metricName = typeof meta?.metric === 'string' ? meta.metric : /_orders(_|$)/.test(report) ? 'orders' : 'amount';
  return {
    subject: segment ? 'segment' : report.startsWith('product_') || meta?.kind === 'product' ? 'product' : 'promotion',
    metric: metricName === 'orders' ? 'orders' : 'amount',
    windowDays: typeof meta?.windowDays === 'number' && meta.windowDays > 0 ? meta.windowDays : 7,
    period: segment ? (segment[1] as AbTestKind['period']) : null,
  };
}

/** The filter field of a test's subjects: promotion_id, product or rfm_segment. */
export function subjectField(kind: AbTestKind): string {
  return kind.subject === 'product' ? 'product' : kind.subject === 'segment' ? 'rfm_segment' : 'promotion_id';
}

/** How a subject is named on chips: "Promotion", "Product", "Segment". */
export function subjectLabel(kind: AbTestKind): string {
  return kind.subject === 'product' ? 'Product' : kind.subject === 'segment' ? 'Segment' : 'Promotion';
}

/** "Increase", "Decrease", "No significant change" (or "Not tested"). */
export function verdictLabel(verdict: AbVerdict | null): string {
  if (verdict === 'increase') return 'Increase';
  if (verdict === 'decrease') return 'Decrease';
  if (verdict === 'no significant change') return 'No significant change';
  return 'No verdict';
}

/** The CSS class of a verdict's colour. */
export function verdictClass(verdict: AbVerdict | null): string {
  return verdict === 'increase' ? 'clv-ab-increase' : verdict === 'decrease' ? 'clv-ab-decrease' : 'clv-ab-flat';
}
