import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { scaleLinear } from '../charts/linear-scale.js';
import type { AggregateSpec, Measure, QueryResult, Row, TableName } from '@clvkit/core';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { formatValue, type FormatOptions, type ValueKind } from '../format.js';
import { publishValues, selectedValues, valueText } from '../interactions/publish.js';
import { toggleValues, type Key } from '../interactions/toggle-values.js';
import { useActivation } from '../interactions/use-activation.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { Segmented } from '../ui/Segmented.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';

/** The measures a bar list can rank by (`buyers` and `revenue` for session tables, e.g. customers by location). */
export type BarMetric = 'orders' | 'quantity' | 'lineRevenue' | 'buyers' | 'revenue';

const METRIC_LABELS: Record<BarMetric, string> = { orders: 'Orders', quantity: 'Quantity', lineRevenue: 'Revenue', buyers: 'Customers', revenue: 'Revenue' };
const METRIC_KINDS: Record<BarMetric, ValueKind> = { orders: 'count', quantity: 'count', lineRevenue: 'money', buyers: 'count', revenue: 'money' };
const ALL_METRICS: readonly BarMetric[] = ['orders', 'quantity', 'lineRevenue'];

/** Options of `BarList` (and of `TopProducts` / `TopCategories`). */
export interface BarListProps extends WidgetProps {
  /** The group key, e.g. `product`. */
  readonly field: string;
  /** The table grouped (default `lines`). */
  readonly table?: TableName;
  /** How the field is named in labels and filter chips, e.g. "Product". */
  readonly fieldLabel?: string;
  /** What the rows are, for empty states, e.g. "products". */
  readonly noun?: string;
  /** The measure bars are ranked and sized by (default `orders`). */
  readonly metric?: BarMetric;
  /** The measures offered by the switch (default orders, quantity, revenue; one hides the switch). */
  readonly metrics?: readonly BarMetric[];
  /** Number of bars (default 10). */
  readonly limit?: number;
  /** Fixed width in px (default: the container's width). */
  readonly width?: number;
}

/**
 * Ranked horizontal bars of one field. Click a bar to filter by it, shift-click to add or
 * remove, click the only selected bar again or press Escape to clear; every bar is a button
 * (Enter/Space toggles, shift+Enter adds, arrow keys move between bars).
 */
export function BarList(props: BarListProps) {
  return (
    <Connected widget={`bars-${props.field}`} props={props}>
      {(connected) => <BarListView {...connected} />}
    </Connected>
  );
}

/** The aggregate spec of a bar list; `measures` defaults to orders, quantity and lineRevenue. */
export function barListSpec(field: string, metric: BarMetric, limit: number, table: TableName = 'lines', measures: readonly Measure[] = ['orders', 'quantity', 'lineRevenue']): AggregateSpec {
  return { kind: 'aggregate', table, groupBy: [{ field }], measures, orderBy: { measure: metric, order: 'desc' }, limit };
}

/** The bar list inside its shell, with engine, selection and source resolved (used by TopProducts and TopCategories). */
export function BarListView(props: ConnectedProps<BarListProps>) {
  const { engine, selection, source, field } = props;
  const shell = useContext(ShellContext);
  const metrics = props.metrics && props.metrics.length > 0 ? props.metrics : ALL_METRICS;
  const [metric, setMetric] = useState<BarMetric>(props.metric ?? metrics[0]);
  useEffect(() => {
    if (props.metric) setMetric(props.metric);
  }, [props.metric]);
  const limit = props.limit && props.limit > 0 ? Math.floor(props.limit) : 10;
  // Explicit metrics are the measures queried (a sessions table has no line measures).
  const measured = props.metrics && props.metrics.length > 0 ? [...new Set<Measure>([...props.metrics, metric])] : undefined;
  const spec = useMemo(() => barListSpec(field, metric, limit, props.table, measured), [field, metric, limit, props.table, measured?.join(',')]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError });
  const fieldLabel = props.fieldLabel ?? capitalise(field);
  const heading = props.heading ?? `Top ${props.noun ?? `${field} values`}`;
  const selected = selectedValues(useOwnClause(selection, source));
  useActivation(selection, shell, field);

  const select = (value: Key, additive: boolean) =>
    publishValues(selection, shell, field, fieldLabel, toggleValues(selected, value, additive));
  const clear = () => publishValues(selection, shell, field, fieldLabel, []);

  return (
    <div
      class="clv-bar-list"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && selected.length > 0) {
          event.preventDefault();
          clear();
        }
      }}
    >
      <WidgetHeader heading={heading}>
        {selected.length > 0 ? (
          <button type="button" class="clv-clear" onClick={clear}>
            Clear
          </button>
        ) : null}
        {metrics.length > 1 ? (
          <Segmented
            label="Rank by"
            options={metrics.map((m) => ({ value: m, label: METRIC_LABELS[m] }))}
            value={metric}
            onChange={setMetric}
          />
        ) : null}
      </WidgetHeader>
      <QueryView
        state={state}
        noun={props.noun ?? `${field} values`}
        what={heading.toLowerCase()}
        skeleton={<div class="clv-skeleton clv-skeleton-chart" />}
      >
        {(result) => (
          <Bars
            result={result}
            field={field}
            fieldLabel={fieldLabel}
            metric={metric}
            selected={selected}
            width={props.width}
            format={props}
            onSelect={select}
          />
        )}
      </QueryView>
    </div>
  );
}

interface BarsProps {
  readonly result: QueryResult<Row>;
  readonly field: string;
  readonly fieldLabel: string;
  readonly metric: BarMetric;
  readonly selected: readonly Key[];
  readonly width?: number;
  readonly format: FormatOptions;
  readonly onSelect: (value: Key, additive: boolean) => void;
}

/** Row geometry in px. */
const ROW = 28;
const BAR = 18;
const VALUE_WIDTH = 72;
const CHAR_WIDTH = 7;

function Bars({ result, field, fieldLabel, metric, selected, width: fixedWidth, format, onSelect }: BarsProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, fixedWidth, 480);
  const rows = result.rows;
  const labelWidth = Math.round(Math.min(width * 0.4, 200));
  const barLeft = labelWidth + 8;
  const barWidth = Math.max(width - barLeft - VALUE_WIDTH, 10);
  const max = Math.max(0, ...rows.map((row) => Number(row[metric]) || 0));
  const x = scaleLinear().domain([0, max || 1]).range([0, barWidth]);
  const maxChars = Math.max(Math.floor(labelWidth / CHAR_WIDTH), 4);
  const height = rows.length * ROW;
  const kind = METRIC_KINDS[metric];

  const onKeyDown = (event: KeyboardEvent, value: Key | null) => {
    const target = event.currentTarget as SVGGElement;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const sibling = event.key === 'ArrowDown' ? target.nextElementSibling : target.previousElementSibling;
      (sibling as SVGGElement | null)?.focus?.();
      return;
    }
    if (value === null) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(value, event.shiftKey);
    }
  };

  return (
    <div class="clv-chart" ref={container}>
      <svg class="clv-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group" aria-label={`${fieldLabel} by ${METRIC_LABELS[metric].toLowerCase()}`}>
        {rows.map((row, index) => {
          const raw = row[field];
          const value: Key | null = raw === null || raw === undefined || raw === '' ? null : raw;
          const text = valueText(value);
          const shown = text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
          const amount = Number(row[metric]) || 0;
          const isSelected = value !== null && selected.includes(value);
          const dimmed = selected.length > 0 && !isSelected;
          const formatted = formatValue(amount, kind, format);
          return (
            <g
              key={`${text}|${index}`}
              class={`clv-bar${isSelected ? ' clv-selected' : ''}${dimmed ? ' clv-dimmed' : ''}`}
              transform={`translate(0,${index * ROW})`}
              role="button"
              tabindex={0}
              aria-pressed={isSelected ? 'true' : 'false'}
              opacity={dimmed ? 0.35 : undefined}
              aria-disabled={value === null ? 'true' : undefined}
              aria-label={`${text}: ${formatted} ${METRIC_LABELS[metric].toLowerCase()}`}
              data-value={text}
              onClick={(event: MouseEvent) => {
                if (value !== null) onSelect(value, event.shiftKey);
              }}
              onKeyDown={(event: KeyboardEvent) => onKeyDown(event, value)}
            >
              {shown !== text ? <title>{text}</title> : null}
              <rect class="clv-bar-hit" x={0} y={0} width={width} height={ROW} rx={4} fill="transparent" />
              <text class="clv-bar-label" fill="currentColor" x={0} y={ROW / 2} dy="0.35em">
                {shown}
              </text>
              <rect class="clv-bar-track" fill="currentColor" fill-opacity="0.06" x={barLeft} y={(ROW - BAR) / 2} width={barWidth} height={BAR} rx={3} />
              <rect class="clv-bar-fill" fill="currentColor" fill-opacity="0.7" x={barLeft} y={(ROW - BAR) / 2} width={x(amount)} height={BAR} rx={3} />
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

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
