import { YGrid, YTickLabels } from '../charts/y-axis.js';
import { useCallback, useContext, useMemo, useRef, useState } from 'preact/hooks';
import { scaleLinear } from '../charts/linear-scale.js';
import type { QueryResult, Row } from '@clvkit/core';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { publishMark, safeMarkFilter, type MarkFilter } from '../charts/mark-filter.js';
import { CategoryLegend } from '../charts/scatter-legend.js';
import { axisScale, type AxisScaleKind } from '../charts/scatter-points.js';
import { humanize } from '../charts/text.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { formatValue, type FormatOptions, type ValueKind } from '../format.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import {
  clusterBins,
  clusterIntervalFilter,
  clusterMetric,
  clusterRange,
  clustersOf,
  defaultClusterField,
  scoreClass,
  toggleClusters,
  type Cluster,
  type ClusterBin,
  type ClusterMetric,
} from './rfm/clusters.js';

export type { Cluster, ClusterBin, ClusterMetric } from './rfm/clusters.js';

/** Options of `ClusterHistogram`. */
export interface ClusterHistogramProps extends WidgetProps, ChartQueryProps {
  /**
   * The field a selected cluster range filters on: `interval(field, lo, hi)`. Default:
   * `customer_orders` for frequency clusters; none for recency and monetary (no derived field
   * holds them), where clusters only highlight. `null` (or an empty string) turns filtering off.
   */
  readonly field?: string | null;
  /** What a selected range publishes (wins over `field`), given [lo, hi) and the scores. */
  readonly clusterFilter?: (lo: number, hi: number, scores: readonly number[]) => MarkFilter;
  /** The metric's name on the axis and chips (default from `meta.metric`: Recency, Frequency, Monetary). */
  readonly metricLabel?: string;
  /** How values are formatted (default: money for monetary, else count). */
  readonly xKind?: ValueKind;
  /** Unit after counts, e.g. "days" (default: days for recency, orders for frequency). */
  readonly unit?: string;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
  /** Height in px (default 220). */
  readonly height?: number;
}

const DEFAULT_REPORT = 'recency_clusters';
const MARGIN = { top: 10, right: 12, bottom: 40, left: 48 };
const UNITS: Record<ClusterMetric, string> = { recency: 'days', frequency: 'orders', monetary: '' };

/**
 * A histogram of one RFM metric coloured by its cluster score (`recency_clusters`,
 * `frequency_clusters`, `monetary_clusters`: `meta.bins`). The legend lists the clusters
 * (score, range, customers) and is the keyboard interface. Where a field holds the metric
 * (frequency: `customer_orders`), a click on a bar or a legend entry filters every widget to
 * that cluster's value range, Shift extends it to neighbouring clusters, Escape clears;
 * otherwise clusters only highlight, and the widget says so.
 */
export function ClusterHistogram(props: ClusterHistogramProps) {
  return (
    <Connected widget="cluster-histogram" props={props}>
      {(connected) => <ClusterHistogramView {...connected} />}
    </Connected>
  );
}

function ClusterHistogramView(props: ConnectedProps<ClusterHistogramProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const spec = useMemo(() => resolveQuery(props, DEFAULT_REPORT), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  const reportName = spec.kind === 'analysis' ? spec.name : '';
  const isEmpty = useCallback((result: QueryResult<Row>) => clusterBins(result).every((b) => b.customers === 0), []);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError, isEmpty });
  const clause = useOwnClause(selection, source);
  const [highlighted, setHighlighted] = useState<number[]>([]);
  const metric = clusterMetric(state.result, reportName);
  const metricLabel = props.metricLabel ?? (metric ? humanize(metric) : 'Value');
  const heading = props.heading ?? `${metricLabel} clusters`;
  const field = props.field === null || props.field === '' ? null : (props.field ?? defaultClusterField(metric));
  const filterable = field !== null || props.clusterFilter !== undefined;
  const selected: number[] = filterable ? (clause && Array.isArray(clause.value) ? (clause.value as number[]) : []) : highlighted;
  const xKind: ValueKind = props.xKind ?? (metric === 'monetary' ? 'money' : 'count');
  const unit = props.unit ?? (metric ? UNITS[metric] : '');
  const clusters = useMemo(() => clustersOf(state.result), [state.result]);
  const rangeText = (c: Cluster) => `${formatValue(c.min, xKind, props)}–${formatValue(c.max, xKind, props)}${unit ? ` ${unit}` : ''}`;

  const publish = (scores: readonly number[]) => {
    if (!filterable) {
      setHighlighted([...scores]);
      return;
    }
    const range = clusterRange(clusters, scores);
    if (!range || scores.length === 0) {
      publishMark(selection, shell, null, null, '');
      return;
    }
    const chosen = clusters.filter((c) => scores.includes(c.score));
    const lo = Math.min(...chosen.map((c) => c.min));
    const hi = Math.max(...chosen.map((c) => c.max));
    const sorted = [...scores].sort((a, b) => a - b);
    const label = `${metricLabel}: score ${sorted.length === 1 ? sorted[0] : `${sorted[0]}-${sorted[sorted.length - 1]}`} (${formatValue(lo, xKind, props)}–${formatValue(hi, xKind, props)}${unit ? ` ${unit}` : ''})`;
    const filter = props.clusterFilter ? safeMarkFilter(shell, props.clusterFilter, range[0], range[1], sorted) : clusterIntervalFilter(field!, range, label);
    publishMark(selection, shell, sorted, filter, label);
  };
  const select = (score: number, extend: boolean) => publish(toggleClusters(clusters, selected, score, extend));

  return (
    <div
      class="clv-cluster-histogram-widget"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && selected.length > 0) {
          event.preventDefault();
          publish([]);
        }
      }}
    >
      <WidgetHeader heading={heading}>
        {selected.length > 0 ? (
          <button type="button" class="clv-clear" onClick={() => publish([])}>
            Clear
          </button>
        ) : null}
      </WidgetHeader>
      <QueryView state={state} noun="customers" what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => (
          <>
            <ClusterChart bins={clusterBins(result)} scale={result.meta?.scale === 'log' ? 'log' : 'linear'} selected={selected} xKind={xKind} metricLabel={metricLabel} unit={unit} heading={heading} width={props.width} height={props.height ?? 220} format={props} onSelect={select} />
            <CategoryLegend
              entries={[...clusters].sort((a, b) => b.score - a.score).map((c) => ({ key: c.score, label: `Score ${c.score}`, colorClass: scoreClass(c.score), count: c.customers, detail: rangeText(c) }))}
              selected={selected}
              title={`${heading}${filterable ? '' : ' (highlight only)'}`}
              noun="customers"
              format={props}
              onSelect={(key, additive) => select(Number(key), additive)}
            />
          </>
        )}
      </QueryView>
      <div class="clv-selection-bar">
        {filterable ? (
          selected.length > 0 ? <span>{clause?.label}</span> : <span>Click a cluster to filter by its range; Shift+click extends it.</span>
        ) : (
          <span>{`${metricLabel} clusters highlight only: no filterable field holds a customer's ${metricLabel.toLowerCase()}.`}</span>
        )}
      </div>
    </div>
  );
}

interface ClusterChartProps {
  readonly bins: readonly ClusterBin[];
  /** `log` when the analysis spaced the bin edges evenly in log1p (frequency and monetary by default). */
  readonly scale: AxisScaleKind;
  readonly selected: readonly number[];
  readonly xKind: ValueKind;
  readonly metricLabel: string;
  readonly unit: string;
  readonly heading: string;
  readonly width: number | undefined;
  readonly height: number;
  readonly format: FormatOptions;
  readonly onSelect: (score: number, extend: boolean) => void;
}

function ClusterChart({ bins, scale, selected, xKind, metricLabel, unit, heading, width: fixed, height, format, onSelect }: ClusterChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, fixed, 480);
  const left = MARGIN.left;
  const right = Math.max(width - MARGIN.right, left + 1);
  const bottom = height - MARGIN.bottom;
  const lo = bins.length > 0 ? bins[0].x0 : 0;
  const hi = bins.length > 0 ? Math.max(...bins.map((b) => b.x1)) : 1;
  // Bins spaced evenly in log1p(v) are drawn on a log1p axis, so they come out equally wide.
  const x = axisScale(scale, [], [left, right], [lo, hi > lo ? hi : lo + 1]);
  const max = Math.max(0, ...bins.map((b) => b.customers));
  const y = scaleLinear().domain([0, max || 1]).nice().range([bottom, MARGIN.top]);
  const scores = [...new Set(bins.map((b) => b.score))].sort((a, b) => b - a);
  const summary = `${heading}: ${bins.length} bins of customers by ${metricLabel.toLowerCase()}, ${scores.length} clusters`;
  const xTicks = x.ticks(Math.max(2, Math.floor((right - left) / 70)));

  return (
    <div class="clv-chart" ref={container}>
      <svg class="clv-svg clv-cluster-histogram" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        <YGrid y={y} left={left} right={right} />
        <YTickLabels y={y} left={left} label={(t) => formatValue(t, 'count', format, true)} />
        <g class="clv-cluster-bars" aria-hidden="true">
          {bins.map((bin) => {
            const x0 = x(bin.x0);
            const x1 = x(bin.x1);
            const isSelected = selected.includes(bin.score);
            const dimmed = selected.length > 0 && !isSelected;
            return (
              <g
                key={`${bin.x0}`}
                class={`clv-cluster-bar ${scoreClass(bin.score)}${isSelected ? ' clv-selected' : ''}${dimmed ? ' clv-dimmed' : ''}`}
                data-score={String(bin.score)}
                data-x0={String(bin.x0)}
                onClick={(event: MouseEvent) => onSelect(bin.score, event.shiftKey)}
              >
                <title>{`${formatValue(bin.x0, xKind, format)}–${formatValue(bin.x1, xKind, format)}${unit ? ` ${unit}` : ''}: ${formatValue(bin.customers, 'count', format)} customers, score ${bin.score}`}</title>
                <rect class="clv-mark-hit" x={x0} y={MARGIN.top} width={Math.max(x1 - x0, 1)} height={bottom - MARGIN.top} fill="transparent" />
                <rect class="clv-series-bar clv-cluster-fill" fill="currentColor" fill-opacity="0.8" x={x0 + 0.5} y={y(bin.customers)} width={Math.max(x1 - x0 - 1, 1)} height={bottom - y(bin.customers)} />
              </g>
            );
          })}
        </g>
        <g class="clv-axis clv-axis-x" transform={`translate(0,${bottom})`} fill="currentColor" aria-hidden="true">
          <line x1={left} x2={right} stroke="currentColor" stroke-opacity="0.4" />
          {xTicks.map((t) => (
            <text key={t} x={x(t)} y={18} text-anchor="middle">
              {formatValue(t, xKind, format, true)}
            </text>
          ))}
          <text class="clv-axis-title" x={(left + right) / 2} y={34} text-anchor="middle">
            {unit ? `${metricLabel} (${unit})` : metricLabel}
          </text>
        </g>
      </svg>
    </div>
  );
}
