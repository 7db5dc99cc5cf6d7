import { useCallback, useContext, useMemo, useRef } from 'preact/hooks';
import { scaleLinear } from '../charts/linear-scale.js';
import type { QueryResult, Row } from '@clvkit/core';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { useQuery } from '../data/use-query.js';
import { formatValue, type FormatOptions, type ValueKind } from '../format.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { testKind, type AbTestKind } from './abtest/test-rows.js';

/** Options of `AbTestPairs`. */
export interface AbTestPairsProps extends WidgetProps, ChartQueryProps {
  /** The subject whose customers are drawn (default: the report's first row, e.g. the one subject a picker selected). */
  readonly subject?: string;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
  /** Height in px (default 280). */
  readonly height?: number;
}

const DEFAULT_REPORT = 'promotion_usage_before_after_amount';
const MARGIN = { top: 12, right: 16, bottom: 44, left: 64 };

/** One customer's before and after value (`meta.pairs` of the A/B analyses). */
export interface CustomerPair {
  readonly client: string;
  readonly before: number;
  readonly after: number;
}

/** The pairs of a result's meta (malformed entries left out). */
export function readPairs(meta: Readonly<Record<string, unknown>> | undefined): CustomerPair[] {
  const pairs = meta?.pairs;
  if (!Array.isArray(pairs)) return [];
  return pairs
    .filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null && Number.isFinite(p.before) && Number.isFinite(p.after))
    .map((p) => ({ client: String(p.client ?? ''), before: p.before as number, after: p.after as number }));
}

/**
 * Before vs after per customer for one tested subject: each customer a dot at (value before,
 * value after) on equal axes, with the diagonal "no change" line, so dots above it rose and
 * dots below fell; coloured by that, and counted in words under the chart. Reads `meta.pairs`
 * of a before/after report asked with `pairs: true` (or `subject`). The dots are not marks to
 * click: the chart is an image with a text summary.
 */
export function AbTestPairs(props: AbTestPairsProps) {
  return (
    <Connected widget="ab-test-pairs" props={props}>
      {(connected) => <AbTestPairsView {...connected} />}
    </Connected>
  );
}

function AbTestPairsView(props: ConnectedProps<AbTestPairsProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const spec = useMemo(() => {
    const base = resolveQuery(props, DEFAULT_REPORT);
    if (base.kind !== 'analysis') return base;
    const params = { ...(base.params ?? {}), ...(props.subject ? { subject: props.subject } : { pairs: true }) };
    return { ...base, params };
  }, [JSON.stringify(props.query), props.report, JSON.stringify(props.params), props.subject]);
  const report = spec.kind === 'analysis' ? spec.name : DEFAULT_REPORT;
  const isEmpty = useCallback((result: QueryResult<Row>) => readPairs(result.meta as Record<string, unknown> | undefined).length === 0, []);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError, isEmpty });
  const meta = state.result?.meta as Record<string, unknown> | undefined;
  const subject = props.subject ?? (typeof meta?.pairsSubject === 'string' ? meta.pairsSubject : null);
  const heading = props.heading ?? (subject ? `Before and after, per customer: ${subject}` : 'Before and after, per customer');
  return (
    <div class="clv-ab-pairs-widget">
      <WidgetHeader heading={heading} />
      <QueryView state={state} noun="customers with values on both sides" what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => <PairsChart pairs={readPairs(result.meta as Record<string, unknown> | undefined)} kind={testKind(report, result.meta as Record<string, unknown> | undefined)} props={props} heading={heading} />}
      </QueryView>
    </div>
  );
}

/** What the axes say: "Average order value", "Orders". */
function axisName(kind: AbTestKind): string {
  return kind.metric === 'amount' ? 'Average order value' : 'Orders';
}

/** Where each window is: "7 days before", "the 4 weeks before". */
function windowNames(kind: AbTestKind): [string, string] {
  if (kind.subject === 'segment') return ['before (mean of 4 periods)', kind.period === 'daily' ? 'today' : kind.period === 'weekly' ? 'this week' : 'this month'];
  return [`${kind.windowDays} days before`, `${kind.windowDays} days after`];
}

interface PairsChartProps {
  readonly pairs: readonly CustomerPair[];
  readonly kind: AbTestKind;
  readonly props: ConnectedProps<AbTestPairsProps>;
  readonly heading: string;
}

function PairsChart({ pairs, kind, props, heading }: PairsChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, props.width, 420);
  const height = props.height ?? 280;
  const format: FormatOptions = props;
  const valueKind: ValueKind = kind.metric === 'amount' ? 'money' : 'decimal';
  const left = MARGIN.left;
  const right = Math.max(width - MARGIN.right, left + 1);
  const top = MARGIN.top;
  const bottom = Math.max(height - MARGIN.bottom, top + 1);
  // One domain for both axes, so the diagonal is "after = before".
  const max = Math.max(0, ...pairs.map((p) => Math.max(p.before, p.after)));
  const min = Math.min(0, ...pairs.map((p) => Math.min(p.before, p.after)));
  const x = scaleLinear().domain([min, max || 1]).nice().range([left, right]);
  const y = scaleLinear().domain(x.domain()).range([bottom, top]);
  const [d0, d1] = x.domain();
  const rose = pairs.filter((p) => p.after > p.before).length;
  const fell = pairs.filter((p) => p.after < p.before).length;
  const same = pairs.length - rose - fell;
  const [beforeName, afterName] = windowNames(kind);
  const count = (n: number) => formatValue(n, 'count', format);
  const more = kind.metric === 'amount' ? 'spent more per order' : 'ordered more';
  const less = kind.metric === 'amount' ? 'less' : 'fewer times';
  const summary = `${count(pairs.length)} customers: ${count(rose)} ${more} ${afterName} than ${beforeName}, ${count(fell)} ${less}, ${count(same)} the same.`;
  const ticks = x.ticks(Math.max(2, Math.floor((right - left) / 80)));
  const pairClass = (p: CustomerPair) => (p.after > p.before ? 'clv-ab-increase' : p.after < p.before ? 'clv-ab-decrease' : 'clv-ab-flat');

  return (
    <div class="clv-chart" ref={container}>
      <svg class="clv-svg clv-ab-pairs" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${heading}. ${summary}`}>
        <g class="clv-grid" stroke="currentColor" stroke-opacity="0.1" aria-hidden="true">
          {ticks.map((t) => (
            <line key={`y${t}`} x1={left} x2={right} y1={y(t)} y2={y(t)} />
          ))}
        </g>
        <line class="clv-ab-diagonal" x1={x(d0)} y1={y(d0)} x2={x(d1)} y2={y(d1)} aria-hidden="true" />
        <g class="clv-ab-pairs-points" aria-hidden="true">
          {pairs.map((p, i) => (
            <circle key={i} class={`clv-ab-pair ${pairClass(p)}`} cx={x(p.before)} cy={y(p.after)} r={3} />
          ))}
        </g>
        <g class="clv-axis clv-axis-y" fill="currentColor" aria-hidden="true">
          {ticks.map((t) => (
            <text key={t} x={left - 8} y={y(t)} dy="0.32em" text-anchor="end">
              {formatValue(t, valueKind, format, true)}
            </text>
          ))}
          <text class="clv-axis-title" transform={`translate(14,${(top + bottom) / 2}) rotate(-90)`} text-anchor="middle">
            {`${axisName(kind)}, ${afterName}`}
          </text>
        </g>
        <g class="clv-axis clv-axis-x" transform={`translate(0,${bottom})`} fill="currentColor" aria-hidden="true">
          <line x1={left} x2={right} stroke="currentColor" stroke-opacity="0.4" />
          {ticks.map((t) => (
            <text key={t} x={x(t)} y={18} text-anchor="middle">
              {formatValue(t, valueKind, format, true)}
            </text>
          ))}
          <text class="clv-axis-title" x={(left + right) / 2} y={36} text-anchor="middle">
            {`${axisName(kind)}, ${beforeName}`}
          </text>
        </g>
      </svg>
      <p class="clv-status">{summary} Dots above the dashed line rose.</p>
    </div>
  );
}
