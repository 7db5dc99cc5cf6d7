import { dateFormat, formatValue, numberFormat, type FormatOptions, type ValueKind } from '../../format.js';
import type { AnomalyMeta, AnomalyPoint } from './anomaly-rows.js';

/** How an anomaly chart names and formats its value. */
export interface AnomalyLabels {
  /** The value's name, e.g. "Orders". */
  readonly value: string;
  /** The expected line's name, e.g. "Same weekday, previous 4 weeks". */
  readonly expected: string;
  readonly kind: ValueKind;
}

/** A score (reconstruction error, often far below 1) with three significant digits. */
export function formatScore(score: number | null, format: FormatOptions): string {
  if (score === null) return '—';
  return numberFormat(format.locale, { maximumSignificantDigits: 3 }).format(score);
}

/** A deviation given in percent (−85 means −85 %), signed: "+12.5%", "−85%", "—" when missing. */
export function formatDeviation(percent: number | null, format: FormatOptions): string {
  if (percent === null) return '—';
  return numberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(percent / 100);
}

/** "Thu, Aug 7, 2025" for a day start in `timeZone`; the key itself when there is no day. */
export function dayText(point: Pick<AnomalyPoint, 'day' | 'key'>, format: FormatOptions, timeZone: string): string {
  if (point.day === null) return point.key;
  return dateFormat(format.locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone }).format(point.day);
}

/**
 * The tooltip of a point, one fact per line: the day, the value, the expected value, the
 * same-weekday deviation, the score against the threshold, and the verdict.
 */
export function pointLines(point: AnomalyPoint, meta: AnomalyMeta, labels: AnomalyLabels, format: FormatOptions, timeZone: string): string[] {
  const lines = [dayText(point, format, timeZone), `${labels.value}: ${formatValue(point.value, labels.kind, format)}`];
  if (point.expected !== null) lines.push(`${labels.expected}: ${formatValue(point.expected, labels.kind, format)}`);
  if (point.deviationPercent !== null) lines.push(`Same-weekday deviation: ${formatDeviation(point.deviationPercent, format)}`);
  lines.push(`Score: ${formatScore(point.score, format)} (threshold ${formatScore(meta.threshold, format)})`);
  lines.push(point.anomaly ? 'Flagged as an anomaly' : 'Not flagged');
  return lines;
}

/** The tooltip lines as one sentence for a live region or a list item. */
export function pointSentence(point: AnomalyPoint, meta: AnomalyMeta, labels: AnomalyLabels, format: FormatOptions, timeZone: string): string {
  return pointLines(point, meta, labels, format, timeZone).join('. ') + '.';
}
