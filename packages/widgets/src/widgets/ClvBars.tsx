import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { scaleLinear } from '../charts/linear-scale.js';
import { isIn, type QueryResult, type Row } from '@clvkit/core';
import { readKey, readNumber, type Accessor } from '../charts/accessor.js';
import { resolveQuery, withParams, type ChartQueryProps } from '../charts/chart-query.js';
import { publishMark, safeMarkFilter, type MarkFilter } from '../charts/mark-filter.js';
import { CHAR_WIDTH, humanize, truncate } from '../charts/text.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { formatValue, type FormatOptions, type ValueKind } from '../format.js';
import { valuesLabel, valueText } from '../interactions/publish.js';
import { toggleValues, type Key } from '../interactions/toggle-values.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { Segmented } from '../ui/Segmented.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { CLV_FIELD_LABELS, CLV_FIELDS, keysFilter, type ClvByKind } from './clv/filters.js';
import { CLV_BY_METRICS, metricOf, type ClvBarMetric } from './clv/bar-metrics.js';

export { CLV_BY_METRICS, metricOf, type ClvBarMetric } from './clv/bar-metrics.js';

/** Options of `ClvBars`. */
export interface ClvBarsProps extends WidgetProps, ChartQueryProps {
  /** What the bars are (the `by` param of `clv_by`, and the field a bar filters on); default `segment`. */
  readonly by?: ClvByKind;
  /** A row's key (default: `key` when the rows have it, else `segment`). */
  readonly category?: Accessor<Row>;
  /**
   * The measures, switchable when more than one (default: the revenue opportunity of
   * `clv_by`): definitions, or column names (`opportunity`, `expectedRevenue`, `monetary` ...,
   * labelled as in `CLV_BY_METRICS`; other names humanised), as attributes carry them.
   */
  readonly metrics?: readonly (ClvBarMetric | string)[];
  /** The field a bar filters on: `isIn(field, keys)` (default: the field of `by`; empty: bars are not filters). */
  readonly field?: string;
  /** How the field reads on filter chips (default: from `by`, e.g. "Segment"). */
  readonly fieldLabel?: string;
  /** What the selected bars publish (wins over `field`), given their keys and rows. */
  readonly barFilter?: (keys: readonly Key[], rows: readonly Row[]) => MarkFilter;
  /** Bars shown (default 12; the largest by the measure unless `order` is `data`). */
  readonly limit?: number;
  /** `desc` (default): largest first; `data`: the rows' own order (segments in map order). */
  readonly order?: 'desc' | 'data';
  /** What the bars are, for texts (default from `by`: "segments", "products" ...). */
  readonly noun?: string;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
}

const NOUNS: Record<ClvByKind, string> = { segment: 'segments', location: 'locations', dimension: 'retailers', product: 'products', gender: 'genders', client: 'customers' };
const DEFAULT_REPORT = 'clv_by';

/** One bar. */
interface Bar {
  readonly key: Key | null;
  readonly text: string;
  /** The measure; null where the row has none (a churn probability of an empty segment). */
  readonly value: number | null;
  readonly row: Row;
}

/**
 * Horizontal bars of an analysis' rows (by default `clv_by`: the revenue opportunity by
 * segment, product, retailer or location), with a switch between measures. Every bar stands
 * for customers and is a filter: a click (Enter/Space) selects `isIn(field, [key])` (segment
 * -> `rfm_segment`, location -> `customers.location`, retailer -> `dimension`, product ->
 * `product`), Shift adds or removes, arrow keys move between bars, Escape clears.
 */
export function ClvBars(props: ClvBarsProps) {
  return (
    <Connected widget="clv-bars" props={props}>
      {(connected) => <ClvBarsView {...connected} />}
    </Connected>
  );
}

/** The spec of the bars: `query`/`report`/`params`, with `by` for `clv_by`. */
export function clvBarsSpec(props: ClvBarsProps) {
  const base = resolveQuery(props, DEFAULT_REPORT);
  return base.kind === 'analysis' && base.name === 'clv_by' && base.params?.by === undefined ? withParams(base, { by: props.by ?? 'segment' }) : base;
}

/** The bars of a result: keys from `category`, values from `metric`, sorted and cut to `limit`. */
export function barsOf(rows: readonly Row[], category: Accessor<Row> | undefined, metric: ClvBarMetric, order: 'desc' | 'data', limit: number): Bar[] {
  const key = category ?? (rows.some((r) => 'key' in r) ? 'key' : 'segment');
  const bars = rows.map((row, i) => {
    const k = readKey(row, key, i);
    return { key: k, text: valueText(k), value: readNumber(row, metric.value ?? metric.key, i), row };
  });
  if (order === 'desc') bars.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  return bars.slice(0, limit);
}

function ClvBarsView(props: ConnectedProps<ClvBarsProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const by = props.by ?? 'segment';
  const metrics = props.metrics && props.metrics.length > 0 ? props.metrics.map(metricOf) : [CLV_BY_METRICS.opportunity];
  const [metricKey, setMetricKey] = useState(metrics[0].key);
  useEffect(() => {
    if (!metrics.some((m) => m.key === metricKey)) setMetricKey(metrics[0].key);
  }, [metrics.map((m) => m.key).join(',')]);
  const metric = metrics.find((m) => m.key === metricKey) ?? metrics[0];
  const spec = useMemo(() => clvBarsSpec(props), [JSON.stringify(props.query), props.report, JSON.stringify(props.params), by]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError });
  const clause = useOwnClause(selection, source);
  const selected: Key[] = clause && Array.isArray(clause.value) ? (clause.value as Key[]) : [];
  const field = props.field ?? CLV_FIELDS[by];
  const fieldLabel = props.fieldLabel ?? CLV_FIELD_LABELS[by];
  const noun = props.noun ?? NOUNS[by];
  const heading = props.heading ?? `${metric.label} by ${fieldLabel.toLowerCase()}`;
  const filterable = Boolean(props.barFilter) || field !== '';

  const publish = (keys: readonly Key[], rows: readonly Row[]) => {
    if (keys.length === 0) {
      publishMark(selection, shell, null, null, '');
      return;
    }
    const filter = props.barFilter
      ? safeMarkFilter(shell, props.barFilter, keys, rows)
      : field === CLV_FIELDS[by]
        ? keysFilter(by, keys, fieldLabel)
        : { predicate: isIn(field, keys), label: valuesLabel(fieldLabel, keys) };
    if (!filter) return;
    publishMark(selection, shell, [...keys], filter, valuesLabel(fieldLabel, keys));
  };

  return (
    <div
      class="clv-bars-widget"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && selected.length > 0) {
          event.preventDefault();
          publish([], []);
        }
      }}
    >
      <WidgetHeader heading={heading}>
        {selected.length > 0 ? (
          <button type="button" class="clv-clear" onClick={() => publish([], [])}>
            Clear
          </button>
        ) : null}
        {metrics.length > 1 ? <Segmented label="Measure" options={metrics.map((m) => ({ value: m.key, label: m.label }))} value={metric.key} onChange={setMetricKey} /> : null}
      </WidgetHeader>
      <QueryView state={state} noun={noun} what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result: QueryResult<Row>) => {
          const bars = barsOf(result.rows, props.category, metric, props.order ?? 'desc', props.limit && props.limit > 0 ? Math.floor(props.limit) : 12);
          return (
            <Bars
              bars={bars}
              metric={metric}
              fieldLabel={fieldLabel}
              selected={selected}
              filterable={filterable}
              width={props.width}
              format={props}
              onSelect={(key, additive) => {
                const keys = toggleValues(selected, key, additive);
                publish(keys, bars.filter((b) => b.key !== null && keys.includes(b.key)).map((b) => b.row));
              }}
            />
          );
        }}
      </QueryView>
    </div>
  );
}

interface BarsProps {
  readonly bars: readonly Bar[];
  readonly metric: ClvBarMetric;
  readonly fieldLabel: string;
  readonly selected: readonly Key[];
  readonly filterable: boolean;
  readonly width?: number;
  readonly format: FormatOptions;
  readonly onSelect: (key: Key, additive: boolean) => void;
}

const ROW = 28;
const BAR = 18;
const VALUE_WIDTH = 84;

function Bars({ bars, metric, fieldLabel, selected, filterable, width: fixed, format, onSelect }: BarsProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, fixed, 480);
  const labelWidth = Math.round(Math.min(width * 0.4, 200));
  const barLeft = labelWidth + 8;
  const barWidth = Math.max(width - barLeft - VALUE_WIDTH, 10);
  const max = Math.max(0, ...bars.map((b) => b.value ?? 0));
  const x = scaleLinear().domain([0, max || 1]).range([0, barWidth]);
  const height = bars.length * ROW;

  const onKeyDown = (event: KeyboardEvent, key: Key | null) => {
    const target = event.currentTarget as SVGGElement;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const sibling = event.key === 'ArrowDown' ? target.nextElementSibling : target.previousElementSibling;
      (sibling as SVGGElement | null)?.focus?.();
      return;
    }
    if (key === null || !filterable) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(key, event.shiftKey);
    }
  };

  return (
    <div class="clv-chart" ref={container}>
      <svg class="clv-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group" aria-label={`${metric.label} by ${fieldLabel.toLowerCase()}`}>
        {bars.map((bar, index) => {
          const shown = truncate(bar.text, labelWidth / CHAR_WIDTH);
          const isSelected = bar.key !== null && selected.includes(bar.key);
          const dimmed = selected.length > 0 && !isSelected;
          const formatted = formatValue(bar.value, metric.kind, format);
          const inert = bar.key === null || !filterable;
          return (
            <g
              key={`${bar.text}|${index}`}
              class={`clv-bar${isSelected ? ' clv-selected' : ''}${dimmed ? ' clv-dimmed' : ''}${inert ? ' clv-inert' : ''}`}
              transform={`translate(0,${index * ROW})`}
              role="button"
              tabindex={0}
              aria-pressed={isSelected ? 'true' : 'false'}
              aria-disabled={inert ? 'true' : undefined}
              opacity={dimmed ? 0.35 : undefined}
              aria-label={`${bar.text}: ${formatted}`}
              data-value={bar.text}
              onClick={(event: MouseEvent) => {
                if (!inert) onSelect(bar.key as Key, event.shiftKey);
              }}
              onKeyDown={(event: KeyboardEvent) => onKeyDown(event, bar.key)}
            >
              {shown !== bar.text ? <title>{bar.text}</title> : null}
              <rect class="clv-bar-hit" x={0} y={0} width={width} height={ROW} rx={4} fill="transparent" />
              <text class="clv-bar-label" fill="currentColor" x={0} y={ROW / 2} dy="0.35em">
                {shown}
              </text>
              <rect class="clv-bar-track" fill="currentColor" fill-opacity="0.06" x={barLeft} y={(ROW - BAR) / 2} width={barWidth} height={BAR} rx={3} />
              <rect class="clv-bar-fill" fill="currentColor" fill-opacity="0.7" x={barLeft} y={(ROW - BAR) / 2} width={x(Math.max(bar.value ?? 0, 0))} height={BAR} rx={3} />
              <text class="clv-bar-value" fill="currentColor" x={width} y={ROW / 2} dy="0.35em" text-anchor="end">
                {formatted}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
