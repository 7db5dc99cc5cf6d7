import { useCallback, useContext, useMemo, useRef } from 'preact/hooks';
import type { AggregateSpec, Measure, QueryResult, Row } from '@clvkit/core';
import { readKey, readNumber } from '../charts/accessor.js';
import { publishMark } from '../charts/mark-filter.js';
import { moveIndex, useRovingFocus } from '../charts/roving.js';
import { CHAR_WIDTH, humanize, seriesClass, truncate } from '../charts/text.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { formatValue, type FormatOptions } from '../format.js';
import { valueText } from '../interactions/publish.js';
import type { Key } from '../interactions/toggle-values.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { pairFilter } from './clv/filters.js';
import { isSegmentName, orderCategories } from './rfm/segments.js';

/** Options of `ClvSegmentSplit`. */
export interface ClvSegmentSplitProps extends WidgetProps {
  /** The field of the bars (default `rfm_segment`). */
  readonly field?: string;
  /** The field each bar is split by (default `customers.gender`). */
  readonly split?: string;
  /** How the fields read on filter chips (default "Segment" and "Gender"). */
  readonly fieldLabel?: string;
  readonly splitLabel?: string;
  /** Labels of split values, e.g. `{"f": "Women", "m": "Men"}`. */
  readonly labels?: Readonly<Record<string, string>>;
  /** The measure split (default `buyers`: distinct customers with an order). */
  readonly measure?: Measure;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
}

/** A bar: one value of `field` with its parts by `split`. */
export interface SplitBar {
  readonly key: Key | null;
  readonly total: number;
  /** One part per split value (in `values` order), 0 where the pair has no rows. */
  readonly parts: readonly number[];
}

/**
 * Bars and split values of the aggregate's rows: RFM segments in map order (Champions first),
 * other bars by total, largest first; split values by overall total; missing keys last.
 */
export function splitBars(rows: readonly Row[], field: string, split: string, measure: string): { bars: SplitBar[]; values: (Key | null)[] } {
  const totals = new Map<string, { key: Key | null; total: number }>();
  const byBar = new Map<string, { key: Key | null; parts: Map<string, number> }>();
  const name = (k: Key | null) => (k === null ? '\u0000' : `${typeof k}:${String(k)}`);
  rows.forEach((row, i) => {
    const bar = readKey(row, field, i);
    const part = readKey(row, split, i);
    const value = Math.max(readNumber(row, measure, i) ?? 0, 0);
    const entry = byBar.get(name(bar)) ?? { key: bar, parts: new Map<string, number>() };
    entry.parts.set(name(part), (entry.parts.get(name(part)) ?? 0) + value);
    byBar.set(name(bar), entry);
    const t = totals.get(name(part)) ?? { key: part, total: 0 };
    t.total += value;
    totals.set(name(part), t);
  });
  const ordered = [...totals.entries()].sort((a, b) => (a[1].key === null ? 1 : b[1].key === null ? -1 : b[1].total - a[1].total));
  const values = ordered.map(([, t]) => t.key);
  const bars = [...byBar.values()]
    .map((entry) => {
      const parts = ordered.map(([n]) => entry.parts.get(n) ?? 0);
      return { key: entry.key, parts, total: parts.reduce((s, v) => s + v, 0) };
    })
    .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : b.total - a.total));
  const keys = bars.map((b) => b.key).filter((k): k is Key => k !== null);
  if (keys.length > 0 && keys.every(isSegmentName)) {
    const rank = new Map(orderCategories(keys).map((k, i) => [k, i]));
    bars.sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : rank.get(a.key)! - rank.get(b.key)!));
  }
  return { bars, values };
}

/** What the clause remembers: a bar, a part of one, or a split value across bars. */
interface SplitChoice {
  readonly bar: Key | null;
  readonly part: Key | null;
}

/**
 * Customers of each segment split by a customer attribute (seed 002's gender split by
 * segment): one bar per segment, its parts the shares of each gender. Every mark is a
 * filter: a segment's label `isIn('rfm_segment', [s])`, a part both at once (`allOf`), a
 * legend entry the gender alone. The marks form a grid with one tab stop (arrow keys move,
 * Enter/Space selects, again clears, Escape clears).
 */
export function ClvSegmentSplit(props: ClvSegmentSplitProps) {
  return (
    <Connected widget="clv-segment-split" props={props}>
      {(connected) => <ClvSegmentSplitView {...connected} />}
    </Connected>
  );
}

/** The aggregate of the split: `measure` grouped by `field` and `split`. */
export function segmentSplitSpec(field: string, split: string, measure: Measure): AggregateSpec {
  return { kind: 'aggregate', table: 'sessions', groupBy: [{ field }, { field: split }], measures: [measure] };
}

function ClvSegmentSplitView(props: ConnectedProps<ClvSegmentSplitProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const field = props.field ?? 'rfm_segment';
  const split = props.split ?? 'customers.gender';
  const measure = props.measure ?? 'buyers';
  const spec = useMemo(() => segmentSplitSpec(field, split, measure), [field, split, measure]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const isEmpty = useCallback((result: QueryResult<Row>) => splitBars(result.rows ?? [], field, split, measure).bars.every((b) => b.total === 0), [field, split, measure]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError, isEmpty });
  const clause = useOwnClause(selection, source);
  const choice = isSplitChoice(clause?.value) ? clause!.value : null;
  const fieldLabel = props.fieldLabel ?? 'Segment';
  const splitLabel = props.splitLabel ?? humanize(split.slice(split.lastIndexOf('.') + 1));
  const heading = props.heading ?? `${splitLabel} split by ${fieldLabel.toLowerCase()}`;
  const label = (k: Key | null) => (k !== null ? (props.labels?.[String(k)] ?? valueText(k)) : 'Unknown');

  const select = (next: SplitChoice) => {
    if (choice && choice.bar === next.bar && choice.part === next.part) {
      publishMark(selection, shell, null, null, '');
      return;
    }
    const filter = pairFilter({ field, label: fieldLabel, value: next.bar }, { field: split, label: splitLabel, value: next.part });
    if (!filter) return;
    const text = [next.bar !== null ? `${fieldLabel}: ${String(next.bar)}` : null, next.part !== null ? `${splitLabel}: ${label(next.part)}` : null].filter(Boolean).join(' · ');
    publishMark(selection, shell, next, { predicate: 'predicate' in filter ? filter.predicate : filter, label: text }, text);
  };

  return (
    <div
      class="clv-segment-split"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && choice) {
          event.preventDefault();
          publishMark(selection, shell, null, null, '');
        }
      }}
    >
      <WidgetHeader heading={heading}>
        {choice ? (
          <button type="button" class="clv-clear" onClick={() => publishMark(selection, shell, null, null, '')}>
            Clear
          </button>
        ) : null}
      </WidgetHeader>
      <QueryView state={state} noun="customers" what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => {
          const { bars, values } = splitBars(result.rows, field, split, measure);
          return <SplitChart bars={bars} values={values} label={label} fieldLabel={fieldLabel} splitLabel={splitLabel} heading={heading} choice={choice} width={props.width} format={props} onSelect={select} />;
        }}
      </QueryView>
    </div>
  );
}

function isSplitChoice(value: unknown): value is SplitChoice {
  return typeof value === 'object' && value !== null && 'bar' in value && 'part' in value;
}

interface SplitChartProps {
  readonly bars: readonly SplitBar[];
  readonly values: readonly (Key | null)[];
  readonly label: (key: Key | null) => string;
  readonly fieldLabel: string;
  readonly splitLabel: string;
  readonly heading: string;
  readonly choice: SplitChoice | null;
  readonly width?: number;
  readonly format: FormatOptions;
  readonly onSelect: (choice: SplitChoice) => void;
}

const ROW = 30;
const BAR = 20;

function SplitChart({ bars, values, label, fieldLabel, splitLabel, heading, choice, width: fixed, format, onSelect }: SplitChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, fixed, 480);
  const labelWidth = Math.round(Math.min(width * 0.35, 180));
  const barLeft = labelWidth + 8;
  const barWidth = Math.max(width - barLeft - 8, 10);
  const columns = values.length + 1;
  const count = bars.length * columns;
  const roving = useRovingFocus(count);
  const percent = (v: number, total: number) => formatValue(total > 0 ? v / total : 0, 'percent', format);
  const height = bars.length * ROW;
  // A mark's choice: column 0 is the bar's label (the bar alone), column c a part.
  const choiceAt = (index: number): SplitChoice => {
    const bar = bars[Math.floor(index / columns)];
    const c = index % columns;
    return { bar: bar.key, part: c === 0 ? null : values[c - 1] };
  };
  const usable = (index: number) => {
    const bar = bars[Math.floor(index / columns)];
    const c = index % columns;
    return c === 0 ? bar.key !== null : bar.parts[c - 1] > 0 && (bar.key !== null || values[c - 1] !== null);
  };
  const isChosen = (index: number) => {
    const at = choiceAt(index);
    return choice !== null && choice.bar === at.bar && choice.part === at.part;
  };
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const next = moveIndex(event.key, index, count, columns);
    if (next !== null) {
      event.preventDefault();
      roving.focus(next);
      return;
    }
    if ((event.key === 'Enter' || event.key === ' ') && usable(index)) {
      event.preventDefault();
      onSelect(choiceAt(index));
    }
  };
  const markProps = (index: number, text: string) => ({
    'data-roving': String(index),
    role: 'button' as const,
    tabindex: roving.tabIndex(index),
    'aria-pressed': isChosen(index) ? ('true' as const) : ('false' as const),
    'aria-disabled': usable(index) ? undefined : ('true' as const),
    'aria-label': text,
    onClick: () => {
      roving.setActive(index);
      if (usable(index)) onSelect(choiceAt(index));
    },
    onKeyDown: (event: KeyboardEvent) => onKeyDown(event, index),
  });

  return (
    <div class="clv-chart" ref={container}>
      <svg
        ref={(el) => {
          roving.container.current = el;
        }}
        class="clv-svg clv-split-chart"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={heading}
      >
        {bars.map((bar, r) => {
          let offset = 0;
          const name = valueText(bar.key);
          return (
            <g key={name} role="group" aria-label={name} transform={`translate(0,${r * ROW})`} data-bar={bar.key === null ? undefined : String(bar.key)}>
              <g class={`clv-bar clv-split-label${isChosen(r * columns) ? ' clv-selected' : ''}`} {...markProps(r * columns, `${fieldLabel} ${name}: ${formatValue(bar.total, 'count', format)} customers`)}>
                <rect class="clv-bar-hit" x={0} y={0} width={labelWidth} height={ROW} rx={4} fill="transparent" />
                <text class="clv-bar-label" fill="currentColor" x={0} y={ROW / 2} dy="0.35em">
                  {truncate(name, labelWidth / CHAR_WIDTH)}
                </text>
              </g>
              {bar.parts.map((v, c) => {
                const w = bar.total > 0 ? (v / bar.total) * barWidth : 0;
                const x = barLeft + offset;
                offset += w;
                const index = r * columns + c + 1;
                const chosen = isChosen(index);
                const dimmed = choice !== null && !chosen && !(choice.part === null && choice.bar === bar.key) && !(choice.bar === null && choice.part === values[c]);
                const text = `${name}, ${splitLabel} ${label(values[c])}: ${formatValue(v, 'count', format)} customers, ${percent(v, bar.total)}`;
                return (
                  <g key={c} class={`clv-split-part ${seriesClass(c)}${chosen ? ' clv-selected' : ''}${dimmed ? ' clv-dimmed' : ''}`} data-part={values[c] === null ? '' : String(values[c])} {...markProps(index, text)}>
                    <title>{text}</title>
                    <rect class="clv-series-bar clv-split-fill" x={x} y={(ROW - BAR) / 2} width={Math.max(w, 0)} height={BAR} fill="currentColor" />
                    {w > 36 ? (
                      <text class="clv-split-value" x={x + w / 2} y={ROW / 2} dy="0.35em" text-anchor="middle">
                        {percent(v, bar.total)}
                      </text>
                    ) : null}
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <ul class="clv-legend clv-legend-row" aria-label={`${splitLabel} legend`}>
        {values.map((value, c) => {
          const pressed = choice !== null && choice.bar === null && choice.part === value;
          return (
            <li key={String(value)} class={seriesClass(c)}>
              <button
                type="button"
                data-value={value === null ? undefined : String(value)}
                aria-pressed={pressed ? 'true' : 'false'}
                aria-disabled={value === null ? 'true' : undefined}
                onClick={() => {
                  if (value !== null) onSelect({ bar: null, part: value });
                }}
              >
                <svg class="clv-swatch" width={10} height={10} viewBox="0 0 10 10" aria-hidden="true">
                  <rect width={10} height={10} rx={2} fill="currentColor" />
                </svg>
                <span>{label(value)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
