import { useCallback, useContext, useMemo } from 'preact/hooks';
import { arc, pie } from 'd3-shape';
import { isIn, type QueryResult, type Row } from '@clvkit/core';
import { read, readKey, readNumber, type Accessor } from '../charts/accessor.js';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { publishMark, safeMarkFilter, type MarkFilter } from '../charts/mark-filter.js';
import { moveIndex } from '../charts/roving.js';
import { humanize, seriesClass } from '../charts/text.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { formatValue, type FormatOptions, type ValueKind } from '../format.js';
import { valuesLabel, valueText } from '../interactions/publish.js';
import { toggleValues, type Key } from '../interactions/toggle-values.js';
import { useActivation } from '../interactions/use-activation.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';

/** One slice of a donut. */
export interface DonutSlice {
  /** The slice's value of `field` (what `isIn(field, values)` selects); null for the "Unknown" slice, which is not a filter. */
  readonly key: Key | null;
  readonly label: string;
  readonly value: number;
  /** value / the total of all slices (0 when the total is 0). */
  readonly share: number;
  readonly datum: Row;
}

/** Options of `Donut`. */
export interface DonutProps extends WidgetProps, ChartQueryProps {
  /** The field slices filter on: `isIn(field, values)` (default `customer_status`, the derived status of the session's customer). */
  readonly field?: string;
  /** How the field is named on filter chips (default: from the field, e.g. "Customer status"). */
  readonly fieldLabel?: string;
  /** A row's slice key (default: the field's name without table if the rows have it, else `status`, else `value`). */
  readonly category?: Accessor<Row>;
  /** A row's size (default `customers`). */
  readonly value?: Accessor<Row>;
  /** A row's label (default: `labels[key]`, else the key). */
  readonly label?: Accessor<Row>;
  /** Labels by key, e.g. `{"f": "Women"}` (default for `customer_status`: Active, Churned, Long gone; keys like `long_gone` read "Long gone"). */
  readonly labels?: Readonly<Record<string, string>>;
  /** How values are formatted (default `count`). */
  readonly valueKind?: ValueKind;
  /** What the values count, for texts (default "customers"). */
  readonly valueLabel?: string;
  /** What the selected slices publish (wins over `field`), given their keys. */
  readonly sliceFilter?: (keys: readonly Key[], slices: readonly DonutSlice[]) => MarkFilter;
  /** Diameter in px (default 180). */
  readonly size?: number;
}

const DEFAULT_REPORT = 'customer_status';
/** Labels of the `customer_status` analysis' statuses. */
const STATUS_LABELS: Readonly<Record<string, string>> = { active: 'Active', churned: 'Churned', long_gone: 'Long gone' };

/**
 * A donut of shares with a legend. A click on a slice or its legend entry selects it
 * (`isIn(field, [key])`, again: clears), Shift+click adds or removes it; the legend entries
 * are the keyboard interface (Enter/Space, Shift+Enter, arrow keys, Escape clears).
 */
export function Donut(props: DonutProps) {
  return (
    <Connected widget="donut" props={props}>
      {(connected) => <DonutView {...connected} />}
    </Connected>
  );
}

/**
 * The column of the slice keys: the field's name without table if the rows have it
 * (`customers.gender` -> `gender`), else `status` (customer_status) or `value` (demographics),
 * else the first text column.
 */
function categoryColumn(rows: readonly Row[], field: string): string {
  const bare = field.slice(field.lastIndexOf('.') + 1);
  for (const name of [bare, 'status', 'value']) if (rows.some((row) => row !== null && typeof row === 'object' && name in row)) return name;
  const text = rows.length > 0 ? Object.keys(rows[0]).find((k) => typeof rows[0][k] === 'string') : undefined;
  return text ?? bare;
}

/** An identifier-like key as words (`long_gone` -> "Long gone"); other keys as they are. */
function keyLabel(key: Key): string {
  return typeof key === 'string' && /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(key) ? humanize(key) : valueText(key);
}

/** The field's name without its table, capitalised: `customers.status` -> "Status". */
function fieldName(field: string): string {
  const bare = field.slice(field.lastIndexOf('.') + 1).replace(/[_-]+/g, ' ');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

function DonutView(props: ConnectedProps<DonutProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const spec = useMemo(() => resolveQuery(props, DEFAULT_REPORT), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  const field = props.field ?? 'customer_status';
  useActivation(selection, shell, props.sliceFilter ? null : field);
  const valueAccessor = props.value ?? 'customers';
  const labels = props.labels ?? (field === 'customer_status' ? STATUS_LABELS : undefined);
  const slicesOf = useCallback(
    (rows: readonly Row[]): DonutSlice[] => {
      const category = props.category ?? categoryColumn(rows, field);
      const parts = rows.map((datum, i) => {
        const key = readKey(datum, category, i);
        const rowLabel = props.label ? read(datum, props.label, i) : undefined;
        const label =
          (key !== null ? labels?.[String(key)] : undefined) ??
          (typeof rowLabel === 'string' && rowLabel !== '' ? rowLabel : key === null ? 'Unknown' : keyLabel(key));
        return { key, label, value: Math.max(readNumber(datum, valueAccessor, i) ?? 0, 0), datum };
      });
      const total = parts.reduce((sum, p) => sum + p.value, 0);
      return parts.map((p) => ({ ...p, share: total > 0 ? p.value / total : 0 }));
    },
    [props.category, field, valueAccessor, props.label, labels],
  );
  const isEmpty = useCallback((result: QueryResult<Row>) => slicesOf(result.rows ?? []).every((s) => s.value === 0), [slicesOf]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError, isEmpty });
  const clause = useOwnClause(selection, source);
  const selected: Key[] = clause && Array.isArray(clause.value) ? (clause.value as Key[]) : [];
  const fieldLabel = props.fieldLabel ?? fieldName(field);
  const heading = props.heading ?? fieldLabel;
  const valueLabel = props.valueLabel ?? 'customers';

  const publish = (keys: readonly Key[], slices: readonly DonutSlice[]) => {
    if (keys.length === 0) {
      publishMark(selection, shell, null, null, '');
      return;
    }
    const chosen = slices.filter((s) => s.key !== null && keys.includes(s.key));
    const filter = props.sliceFilter ? safeMarkFilter(shell, props.sliceFilter, keys, chosen) : isIn(field, keys);
    const names = keys.map((k) => chosen.find((s) => s.key === k)?.label ?? valueText(k));
    publishMark(selection, shell, [...keys], filter, valuesLabel(fieldLabel, names));
  };

  return (
    <div
      class="clv-donut-widget"
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
      </WidgetHeader>
      <QueryView state={state} noun={valueLabel} what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => {
          const slices = slicesOf(result.rows);
          return (
            <DonutChart
              slices={slices}
              selected={selected}
              size={props.size ?? 180}
              kind={props.valueKind ?? 'count'}
              valueLabel={valueLabel}
              title={heading}
              format={props}
              onSelect={(key, additive) => publish(toggleValues(selected, key, additive), slices)}
            />
          );
        }}
      </QueryView>
    </div>
  );
}

interface DonutChartProps {
  readonly slices: readonly DonutSlice[];
  readonly selected: readonly Key[];
  readonly size: number;
  readonly kind: ValueKind;
  readonly valueLabel: string;
  readonly title: string;
  readonly format: FormatOptions;
  readonly onSelect: (key: Key, additive: boolean) => void;
}

function DonutChart({ slices, selected, size, kind, valueLabel, title, format, onSelect }: DonutChartProps) {
  const radius = size / 2;
  const inner = radius * 0.6;
  const arcs = pie<DonutSlice>()
    .sort(null)
    .value((s) => s.value)(slices as DonutSlice[]);
  const path = arc<{ startAngle: number; endAngle: number; padAngle?: number }>().innerRadius(inner).outerRadius(radius - 2).padAngle(slices.length > 1 ? 0.01 : 0);
  const total = slices.reduce((sum, s) => sum + s.value, 0);
  const percent = (share: number) => formatValue(share, 'percent', format);
  const summary = `${title}: ${slices.map((s) => `${s.label} ${percent(s.share)}`).join(', ')}`;

  const onKeyDown = (event: KeyboardEvent, index: number, key: Key | null) => {
    const next = moveIndex(event.key, index, slices.length);
    if (next !== null) {
      event.preventDefault();
      const list = (event.currentTarget as HTMLElement).closest('ul');
      (list?.querySelectorAll('button')[next] as HTMLButtonElement | undefined)?.focus();
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (key !== null) onSelect(key, event.shiftKey);
    }
  };

  return (
    <div class="clv-chart clv-donut-layout">
      <svg class="clv-svg clv-donut" width={size} height={size} viewBox={`${-radius} ${-radius} ${size} ${size}`} role="img" aria-label={summary}>
        <g aria-hidden="true">
          {arcs.map((a, i) => {
            const slice = a.data;
            const isSelected = slice.key !== null && selected.includes(slice.key);
            const dimmed = selected.length > 0 && !isSelected;
            return (
              <g
                key={String(slice.key)}
                class={`clv-donut-slice ${seriesClass(i)}${isSelected ? ' clv-selected' : ''}${dimmed ? ' clv-dimmed' : ''}${slice.key === null ? ' clv-inert' : ''}`}
                data-value={slice.key === null ? undefined : String(slice.key)}
                opacity={dimmed ? 0.35 : undefined}
                onClick={(event: MouseEvent) => {
                  if (slice.key !== null) onSelect(slice.key, event.shiftKey);
                }}
              >
                <title>{`${slice.label}: ${percent(slice.share)}`}</title>
                <path d={path(a) ?? ''} fill="currentColor" />
              </g>
            );
          })}
        </g>
        <text class="clv-donut-total" x={0} y={-4} text-anchor="middle" fill="currentColor" aria-hidden="true">
          {formatValue(total, kind, format, true)}
        </text>
        <text class="clv-donut-caption" x={0} y={16} text-anchor="middle" fill="currentColor" aria-hidden="true">
          {valueLabel}
        </text>
      </svg>
      <ul class="clv-legend" aria-label={`${title} legend`}>
        {slices.map((slice, i) => {
          const key = slice.key;
          const isSelected = key !== null && selected.includes(key);
          return (
            <li key={String(key)} class={seriesClass(i)}>
              <button
                type="button"
                data-value={key === null ? undefined : String(key)}
                aria-pressed={isSelected ? 'true' : 'false'}
                aria-disabled={key === null ? 'true' : undefined}
                aria-label={`${slice.label}: ${formatValue(slice.value, kind, format)} ${valueLabel}, ${percent(slice.share)}`}
                onClick={(event: MouseEvent) => {
                  if (key !== null) onSelect(key, event.shiftKey);
                }}
                onKeyDown={(event: KeyboardEvent) => onKeyDown(event, i, key)}
              >
                <svg class="clv-swatch" width={10} height={10} viewBox="0 0 10 10" aria-hidden="true">
                  <rect width={10} height={10} rx={2} fill="currentColor" />
                </svg>
                <span>{slice.label}</span>
                <span class="clv-legend-share">{`${percent(slice.share)} · ${formatValue(slice.value, kind, format, true)}`}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
