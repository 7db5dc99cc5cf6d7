import { YGrid, YTickLabels } from '../charts/y-axis.js';
import { useCallback, useContext, useMemo, useRef } from 'preact/hooks';
import { scaleLinear } from 'd3-scale';
import { interval, type QueryResult, type Row } from '@clvkit/core';
import type { Accessor } from '../charts/accessor.js';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { drawnEdges, histogramBins, OPEN_END, type HistogramBin, type HistogramMapping } from '../charts/histogram-data.js';
import { fixedBinMapping, fixedBinRows, stepOf, type FixedBins } from '../data/fixed-bins.js';
import { publishMark, safeMarkFilter, type MarkFilter } from '../charts/mark-filter.js';
import { useActivation } from '../interactions/use-activation.js';
import { moveIndex, useRovingFocus } from '../charts/roving.js';
import { useXBrush } from '../charts/use-x-brush.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery, type UseQueryResult } from '../data/use-query.js';
import { useUnfiltered } from '../data/use-unfiltered.js';
import { formatValue, type FormatOptions, type ValueKind } from '../format.js';
import { snapToEdges } from '../time/edges.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';

export { OPEN_END, type HistogramBin } from '../charts/histogram-data.js';

/** Options of `Histogram`. */
export interface HistogramProps extends WidgetProps, ChartQueryProps {
  /** The field a selected range filters on: `interval(field, lo, hi)` (default `payment_amount`). */
  readonly field?: string;
  /** How the field is named on the axis and the filter chip (default "Order value"). */
  readonly fieldLabel?: string;
  /** A bin's lower bound (default `x0`). */
  readonly x0?: Accessor<Row>;
  /** A bin's upper bound, exclusive (default `x1`; missing: an open last bin "x0+"). */
  readonly x1?: Accessor<Row>;
  /** A bin's count (default: `customers`, `orders` or `count`, the first the rows have). */
  readonly value?: Accessor<Row>;
  /** A bin's own label, e.g. "10+" (default `label` when the rows have it). */
  readonly label?: Accessor<Row>;
  /** How bin bounds are formatted (default `money`). */
  readonly xKind?: ValueKind;
  /** What the counts count, for labels (default: the value column's name, else "customers"). */
  readonly valueLabel?: string;
  /** What a selected range publishes (wins over `field`), given [lo, hi) and the selected bins. */
  readonly binFilter?: (lo: number, hi: number, bins: readonly HistogramBin[]) => MarkFilter;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
  /** Height in px (default 220). */
  readonly height?: number;
}

const DEFAULT_REPORT = 'purchase_amount_distribution';
const VALUE_FIELDS = ['customers', 'orders', 'count'];
const MARGIN = { top: 10, right: 12, bottom: 28, left: 48 };

/**
 * A histogram of bins [x0, x1) with counts. Brushing across bins (snapped to bin edges), a
 * click on a bin, or Enter on a focused bin publishes `interval(field, lo, hi)`; Shift+click
 * or Shift+Enter extends the range to that bin; Enter on the only selected bin, a click
 * beside the bins, Escape or Clear removes it. Bins are buttons moved between with the
 * arrow keys.
 *
 * Fixed-bin mode: given a plain aggregate `query` grouped by one `{field, step}` key (e.g.
 * `{kind: 'aggregate', groupBy: [{field: 'payment_amount', step: 10}], measures: ['orders']}`),
 * bins are `[lo, lo + step)` from the smallest to the largest bin of ALL the data (one extra
 * unfiltered query, shared with the widget's own while nothing is selected), empty ones drawn
 * as zeros, so the bins stay put while other widgets filter; counts come from the first
 * measure; a bin publishes `interval(field, lo, lo + step)` on the grouped field.
 */
export function Histogram(props: HistogramProps) {
  return (
    <Connected widget="histogram" props={props}>
      {(connected) => <HistogramView {...connected} />}
    </Connected>
  );
}

function HistogramView(props: ConnectedProps<HistogramProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const spec = useMemo(() => resolveQuery(props, DEFAULT_REPORT), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  const fixed = useMemo(() => stepOf(spec), [spec]);
  const base = useMemo<HistogramMapping>(
    () => (fixed ? fixedBinMapping(fixed, props.value) : { x0: props.x0 ?? 'x0', x1: props.x1 ?? 'x1', value: props.value ?? 'count', label: props.label ?? 'label' }),
    [fixed, props.x0, props.x1, props.value, props.label],
  );
  // In fixed-bin mode the count is the first measure, never guessed from the rows.
  const valued = useCallback((rows: readonly Row[]) => (fixed ? base : withValue(base, props.value, rows)), [fixed, base, props.value]);
  const isEmpty = useCallback(
    (result: QueryResult<Row>) => {
      const rows = fixed ? fixedBinRows(result.rows ?? [], null, fixed) : result.rows ?? [];
      return histogramBins(rows, valued(rows)).every((bin) => bin.value === 0);
    },
    [fixed, valued],
  );
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError, isEmpty });
  const frame = useUnfiltered<Row>(engine, fixed ? spec : null);
  const shown = useFixedBins(state, fixed, frame);
  const mapping = useMemo(() => valued(shown.result?.rows ?? []), [valued, shown.result]);
  const value = mapping.value;
  const clause = useOwnClause(selection, source);
  const range = clause && Array.isArray(clause.value) && clause.value.length === 2 ? (clause.value as [number, number]) : null;
  const field = props.field ?? fixed?.field ?? 'payment_amount';
  useActivation(selection, shell, props.binFilter ? null : field, fixed && fixed.field === field ? fixed.step : undefined);
  const fieldLabel = props.fieldLabel ?? 'Order value';
  const heading = props.heading ?? `${fieldLabel} distribution`;
  const xKind = props.xKind ?? 'money';
  const describe = (lo: number, hi: number) => rangeText(lo, hi, xKind, props);

  const publish = (next: [number, number] | null, bins: readonly HistogramBin[]) => {
    if (!next) {
      publishMark(selection, shell, null, null, '');
      return;
    }
    const filter = props.binFilter ? safeMarkFilter(shell, props.binFilter, next[0], next[1], bins) : interval(field, next[0], next[1]);
    publishMark(selection, shell, next, filter, `${fieldLabel}: ${describe(next[0], next[1])}`);
  };

  return (
    <div
      class="clv-histogram-widget"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && range) {
          event.preventDefault();
          publish(null, []);
        }
      }}
    >
      <WidgetHeader heading={heading} />
      <QueryView state={shown} noun={valueLabelOf(props, value)} what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => <HistogramChart result={result} mapping={mapping} props={props} valueLabel={valueLabelOf(props, value)} range={range} onRange={publish} />}
      </QueryView>
      <div class="clv-selection-bar">
        {range ? (
          <>
            <span>{clause?.label}</span>
            <button type="button" class="clv-clear" onClick={() => publish(null, [])}>
              Clear
            </button>
          </>
        ) : (
          <span>Click a bin or drag across bins to filter by a range.</span>
        )}
      </div>
    </div>
  );
}

/** The query state with fixed bins filled in (the state itself outside fixed-bin mode). */
function useFixedBins(state: UseQueryResult<Row>, fixed: FixedBins | null, frame: QueryResult<Row> | null): UseQueryResult<Row> {
  return useMemo(() => {
    if (!fixed || !state.result) return state;
    return { ...state, result: { ...state.result, rows: fixedBinRows(state.result.rows, frame?.rows ?? null, fixed) } };
  }, [state, fixed, frame]);
}

/** The mapping with its value column: given, else the first of customers, orders, count the rows have. */
function withValue(mapping: HistogramMapping, given: Accessor<Row> | undefined, rows: readonly Row[]): HistogramMapping {
  if (given !== undefined) return mapping;
  const found = VALUE_FIELDS.find((f) => rows.some((row) => typeof row?.[f] === 'number'));
  return found ? { ...mapping, value: found } : mapping;
}

function valueLabelOf(props: HistogramProps, value: Accessor<Row>): string {
  return props.valueLabel ?? (typeof value === 'string' && value !== 'count' ? value : 'customers');
}

/** "$10 – $20", or "$100+" for an open bin. */
function rangeText(lo: number, hi: number, kind: ValueKind, format: FormatOptions): string {
  return hi >= OPEN_END ? `${formatValue(lo, kind, format)}+` : `${formatValue(lo, kind, format)} – ${formatValue(hi, kind, format)}`;
}

interface HistogramChartProps {
  readonly result: QueryResult<Row>;
  readonly mapping: HistogramMapping;
  readonly props: ConnectedProps<HistogramProps>;
  readonly valueLabel: string;
  readonly range: readonly [number, number] | null;
  readonly onRange: (range: [number, number] | null, bins: readonly HistogramBin[]) => void;
}

function HistogramChart({ result, mapping, props, valueLabel, range, onRange }: HistogramChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, props.width, 480);
  const height = props.height ?? 220;
  const bins = useMemo(() => histogramBins(result.rows, mapping), [result, mapping]);
  const edges = useMemo(() => drawnEdges(bins), [bins]);
  const left = MARGIN.left;
  const right = Math.max(width - MARGIN.right, left + 1);
  const bottom = height - MARGIN.bottom;
  const x = scaleLinear().domain([edges[0] ?? 0, edges[edges.length - 1] ?? 1]).range([left, right]);
  const max = Math.max(0, ...bins.map((b) => b.value));
  const y = scaleLinear().domain([0, max || 1]).nice().range([bottom, MARGIN.top]);
  const edgePx = edges.map((e) => x(e));
  const binRight = (i: number) => (i < bins.length - 1 ? x(bins[i].x1) : edgePx[edgePx.length - 1]);
  const xKind = props.xKind ?? 'money';
  const format: FormatOptions = props;
  const roving = useRovingFocus(bins.length);
  const inRange = (bin: HistogramBin) => range !== null && bin.x0 >= range[0] && bin.x1 <= range[1];
  const selectedIndices = bins.map((b, i) => (inRange(b) ? i : -1)).filter((i) => i >= 0);

  const binsOf = (lo: number, hi: number) => bins.filter((b) => b.x0 >= lo && b.x1 <= hi);
  const selectBin = (i: number, extend: boolean) => {
    const bin = bins[i];
    if (extend && range) {
      const next: [number, number] = [Math.min(range[0], bin.x0), Math.max(range[1], bin.x1)];
      onRange(next, binsOf(next[0], next[1]));
      return;
    }
    if (range && range[0] === bin.x0 && range[1] === bin.x1) onRange(null, []);
    else onRange([bin.x0, bin.x1], [bin]);
  };

  const shownPx: [number, number] | null =
    selectedIndices.length > 0 ? [x(bins[selectedIndices[0]].x0), binRight(selectedIndices[selectedIndices.length - 1])] : null;
  const brush = useXBrush(left, right, MARGIN.top, bottom, shownPx, (px, click, handle) => {
    if (bins.length === 0) return;
    if (px) {
      const [i, j] = snapToEdges(px, edgePx);
      const lo = bins[i].x0;
      const hi = bins[j - 1].x1;
      handle.move([edgePx[i], j - 1 < bins.length - 1 ? x(bins[j - 1].x1) : edgePx[edgePx.length - 1]]);
      onRange([lo, hi], binsOf(lo, hi));
      return;
    }
    if (!click) return;
    const index = bins.findIndex((_, k) => click.x >= x(bins[k].x0) && click.x < binRight(k));
    if (index >= 0) {
      roving.setActive(index);
      selectBin(index, click.shiftKey);
    } else if (range) onRange(null, []);
  });

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const next = moveIndex(event.key, index, bins.length);
    if (next !== null) {
      event.preventDefault();
      roving.focus(next);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      selectBin(index, event.shiftKey);
    }
  };

  const tickEvery = Math.max(1, Math.ceil(edges.length / Math.max(2, Math.floor((right - left) / 64))));
  // Bins with their own labels (counts per integer: "1", "2", "10+") are labelled under their middles.
  const labelled = bins.length > 0 && bins.every((b) => b.label !== null);
  const labelEvery = Math.max(1, Math.ceil(bins.length / Math.max(2, Math.floor((right - left) / 40))));
  const edgeText = (i: number) => {
    const open = i === edges.length - 1 && bins[bins.length - 1]?.x1 === OPEN_END;
    return open ? '' : formatValue(edges[i], xKind, format, true);
  };

  return (
    <div class="clv-chart" ref={container}>
      <svg
        class="clv-svg clv-histogram"
        ref={roving.container as never}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={`${props.heading ?? `${props.fieldLabel ?? 'Order value'} distribution`}: ${bins.length} bins of ${valueLabel}`}
      >
        <YGrid y={y} left={left} right={right} />
        <YTickLabels y={y} left={left} label={(t) => formatValue(t, 'count', format, true)} />
        {bins.map((bin, i) => {
          const x0 = x(bin.x0);
          const x1 = binRight(i);
          const selected = inRange(bin);
          const dimmed = range !== null && !selected;
          const text = bin.label ?? rangeText(bin.x0, bin.x1, xKind, format);
          return (
            <g
              key={`${bin.x0}`}
              class={`clv-bin${selected ? ' clv-selected' : ''}${dimmed ? ' clv-dimmed' : ''}`}
              role="button"
              tabindex={roving.tabIndex(i)}
              data-roving={String(i)}
              data-x0={String(bin.x0)}
              aria-pressed={selected ? 'true' : 'false'}
              aria-label={`${text}: ${formatValue(bin.value, 'count', format)} ${valueLabel}`}
              opacity={dimmed ? 0.35 : undefined}
              onClick={(event: MouseEvent) => {
                // Reached only before the brush overlay (loaded on demand) covers the bins.
                roving.setActive(i);
                selectBin(i, event.shiftKey);
              }}
              onKeyDown={(event: KeyboardEvent) => onKeyDown(event, i)}
            >
              <rect class="clv-mark-hit" x={x0} y={MARGIN.top} width={Math.max(x1 - x0, 1)} height={bottom - MARGIN.top} fill="transparent" />
              <rect class="clv-bar-fill" fill="currentColor" fill-opacity="0.7" x={x0 + 1} y={y(bin.value)} width={Math.max(x1 - x0 - 2, 1)} height={bottom - y(bin.value)} rx={2} />
            </g>
          );
        })}
        <g class="clv-axis clv-axis-x" transform={`translate(0,${bottom})`} fill="currentColor" aria-hidden="true">
          <line x1={left} x2={right} stroke="currentColor" stroke-opacity="0.4" />
          {labelled
            ? bins.map((b, i) =>
                i % labelEvery === 0 || i === bins.length - 1 ? (
                  <text key={i} x={(x(b.x0) + binRight(i)) / 2} y={18} text-anchor="middle">
                    {b.label}
                  </text>
                ) : null,
              )
            : null}
          {labelled ? null : edges.map((e, i) =>
            i % tickEvery === 0 || i === edges.length - 1 ? (
              <text key={i} x={edgePx[i]} y={18} text-anchor="middle">
                {edgeText(i)}
              </text>
            ) : null,
          )}
          {!labelled && bins.length > 0 && bins[bins.length - 1].x1 === OPEN_END ? (
            <text x={(x(bins[bins.length - 1].x0) + edgePx[edgePx.length - 1]) / 2} y={18} text-anchor="middle">
              +
            </text>
          ) : null}
        </g>
        <g class="clv-brush" ref={brush.ref} />
      </svg>
    </div>
  );
}
