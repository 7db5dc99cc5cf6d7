import { formatValue, numberFormat, type FormatOptions } from '../../format.js';
import type { AbTestKind, AbTestView } from './test-rows.js';

/** "p < 0.001", else "p = 0.03" (two significant digits). */
export function pText(p: number | null, format: FormatOptions = {}): string {
  if (p === null) return 'p unknown';
  if (p < 0.001) return 'p < 0.001';
  return `p = ${numberFormat(format.locale, { maximumSignificantDigits: 2 }).format(p)}`;
}

/** A ratio as a percent magnitude: one decimal below 10 %, none above ("8.8%", "23%", "135%"). */
export function percentText(ratio: number, format: FormatOptions = {}): string {
  const magnitude = Math.abs(ratio);
  return numberFormat(format.locale, { style: 'percent', maximumFractionDigits: magnitude < 0.1 ? 1 : 0 }).format(magnitude);
}

/** A signed percent: "+4%", "−20%". */
export function signedPercent(ratio: number, format: FormatOptions = {}): string {
  return `${ratio > 0 ? '+' : ratio < 0 ? '−' : ''}${percentText(ratio, format)}`;
}

/** Who the sentence is about. */
function who(row: AbTestView, kind: AbTestKind): string {
  if (kind.subject === 'promotion') return `Customers who used ${row.subject}`;
  if (kind.subject === 'product') return `Customers who first bought ${row.subject}`;
  return `${row.subject} customers`;
}

/** When, compared with what. */
function when(kind: AbTestKind): string {
  if (kind.period === 'daily') return 'today than on the same weekday of the last 4 weeks';
  if (kind.period === 'weekly') return 'this week than in the same days of the last 4 weeks';
  if (kind.period === 'monthly') return 'this month than in the same days of the last 4 months';
  return `in the ${kind.windowDays} days after than in the ${kind.windowDays} days before`;
}

/**
 * The interval of a change: magnitudes in the change's direction when the interval lies on
 * that side of zero ("15% to 31%"), else signed ("−20% to +4%").
 */
function intervalText(low: number | null, high: number | null, estimate: number, asText: (v: number) => string, signed: (v: number) => string): string {
  if (low === null || high === null) return '';
  const sameSide = estimate >= 0 ? low >= 0 : high <= 0;
  const [a, b] = estimate >= 0 ? [low, high] : [high, low];
  return sameSide ? `${asText(a)} to ${asText(b)}` : `${signed(low)} to ${signed(high)}`;
}

/**
 * The plain-language result of one test, e.g. "Customers who used BUNDLEUP spent 23% more
 * per order in the 7 days after than in the 7 days before (95% CI 15% to 31%), p < 0.001."
 * Relative when the before mean is not 0 (the relative change and its interval), else in
 * units (money per order, orders per customer). A result that is not significant says so.
 * Plain text: render it as a text node.
 */
export function verdictSentence(row: AbTestView, kind: AbTestKind, format: FormatOptions = {}, confidence = 0.95): string {
  const ci = `${Math.round(confidence * 100)}% CI`;
  const amount = kind.metric === 'amount';
  let change: string;
  let interval = '';
  if (row.relativeChange !== null && row.relativeChange !== 0) {
    const up = row.relativeChange > 0;
    change = amount ? `spent ${percentText(row.relativeChange, format)} ${up ? 'more' : 'less'} per order` : `placed ${percentText(row.relativeChange, format)} ${up ? 'more' : 'fewer'} orders`;
    interval = intervalText(row.relativeLow, row.relativeHigh, row.relativeChange, (v) => percentText(v, format), (v) => signedPercent(v, format));
  } else if (row.meanDifference !== null && row.meanDifference !== 0) {
    const up = row.meanDifference > 0;
    const units = (v: number) => formatValue(Math.abs(v), amount ? 'money' : 'decimal', format);
    const signedUnits = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${units(v)}`;
    change = amount ? `spent ${units(row.meanDifference)} ${up ? 'more' : 'less'} per order` : `placed ${units(row.meanDifference)} ${up ? 'more' : 'fewer'} orders per customer`;
    interval = intervalText(row.ciLow, row.ciHigh, row.meanDifference, units, signedUnits);
  } else {
    change = amount ? 'spent the same per order' : 'placed as many orders';
  }
  const tail = row.verdict === 'no significant change' ? ': no significant change' : '';
  return `${who(row, kind)} ${change} ${when(kind)}${interval ? ` (${ci} ${interval})` : ''}, ${pText(row.pValue, format)}${tail}.`;
}
