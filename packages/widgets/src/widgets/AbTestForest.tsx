import { useCallback, useContext, useMemo, useRef } from 'preact/hooks';
import { scaleLinear } from '../charts/linear-scale.js';
import type { QueryResult, Row } from '@clvkit/core';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { moveIndex, useRovingFocus } from '../charts/roving.js';
import { CHAR_WIDTH, truncate } from '../charts/text.js';
import { useQuery } from '../data/use-query.js';
import { formatValue, type FormatOptions } from '../format.js';
import type { Key } from '../interactions/toggle-values.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { useWidth } from '../ui/use-width.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { SubjectWidget, useSubjectSelection } from './abtest/SubjectWidget.js';
import { readTestRows, subjectField, subjectLabel, testKind, verdictClass, verdictLabel, type AbTestKind, type AbTestView } from './abtest/test-rows.js';
import { pText, signedPercent, verdictSentence } from './abtest/verdict-text.js';

/** Options of `AbTestForest`. */
export interface AbTestForestProps extends WidgetProps, ChartQueryProps {
  /** The filter field of a subject (default: promotion_id, product or rfm_segment by the report). */
  readonly field?: string;
  /** How a subject is named on filter chips (default "Promotion", "Product" or "Segment"). */
  readonly fieldLabel?: string;
  /** Rows shown (default 20; the report's order, biggest change first). */
  readonly limit?: number;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
}

const DEFAULT_REPORT = 'promotion_usage_before_after_amount';
const ROW = 30;
const TOP = 8;
const AXIS = 26;
const VALUE_WIDTH = 112;

/**
 * A test's result chart (a forest plot): one row per tested subject (promotion, product or
 * segment) with its change after vs before as a dot (relative change; in units when a before
 * mean is 0) and its bootstrap confidence interval as a whisker, coloured by verdict, beside a
 * dashed "no change" line; the right column says the change and p in text. Every row is a
 * button: click, Enter or Space filters on that subject (`isIn(field, [subject])`), Shift adds
 * or removes, Escape or Clear removes; arrow keys move between rows. A row's accessible name
 * is the plain-language verdict sentence.
 */
export function AbTestForest(props: AbTestForestProps) {
  return (
    <Connected widget="ab-test-forest" props={props}>
      {(connected) => <AbTestForestView {...connected} />}
    </Connected>
  );
}

function AbTestForestView(props: ConnectedProps<AbTestForestProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const spec = useMemo(() => resolveQuery(props, DEFAULT_REPORT), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  const report = spec.kind === 'analysis' ? spec.name : DEFAULT_REPORT;
  const isEmpty = useCallback((result: QueryResult<Row>) => readTestRows(result.rows ?? []).length === 0, []);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError, isEmpty });
  const kind = testKind(report, state.result?.meta);
  const field = props.field ?? subjectField(kind);
  const fieldLabel = props.fieldLabel ?? subjectLabel(kind);
  const subjects = useSubjectSelection(selection, shell, source, field, fieldLabel);
  const { selected, select } = subjects;
  const heading = props.heading ?? defaultHeading(kind);
  const noun = `tested ${fieldLabel.toLowerCase()}s`;

  return (
    <SubjectWidget className="clv-ab-forest-widget" heading={heading} subjects={subjects}>
      <QueryView state={state} noun={noun} what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => <Forest result={result} kind={testKind(report, result.meta)} props={props} heading={heading} selected={selected} onSelect={select} />}
      </QueryView>
    </SubjectWidget>
  );
}

/** "Average order value before and after first use", "Orders per customer: this week vs the last 4 weeks". */
export function defaultHeading(kind: AbTestKind): string {
  const metric = kind.metric === 'amount' ? 'Average order value' : 'Orders per customer';
  if (kind.subject === 'segment') {
    const period = kind.period === 'daily' ? 'today vs the same weekday' : kind.period === 'weekly' ? 'this week vs the last 4 weeks' : 'this month vs the last 4 months';
    return `${metric} per segment: ${period}`;
  }
  return `${metric} before and after first ${kind.subject === 'product' ? 'purchase' : 'use'}`;
}

interface ForestProps {
  readonly result: QueryResult<Row>;
  readonly kind: AbTestKind;
  readonly props: ConnectedProps<AbTestForestProps>;
  readonly heading: string;
  readonly selected: readonly Key[];
  readonly onSelect: (subject: Key, additive: boolean) => void;
}

/** A row's plotted change: relative (a ratio) or in units, with its interval. */
interface Plotted {
  readonly estimate: number;
  readonly low: number | null;
  readonly high: number | null;
}

function Forest({ result, kind, props, heading, selected, onSelect }: ForestProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, props.width, 480);
  const format: FormatOptions = props;
  const all = readTestRows(result.rows);
  const limit = props.limit && props.limit > 0 ? Math.floor(props.limit) : 20;
  const rows = all.slice(0, limit);
  // Relative changes unless a row has none (a before mean of 0): then every row in units.
  const relative = rows.every((r) => r.relativeChange !== null);
  const plotted: Plotted[] = rows.map((r) =>
    relative ? { estimate: r.relativeChange!, low: r.relativeLow, high: r.relativeHigh } : { estimate: r.meanDifference ?? 0, low: r.ciLow, high: r.ciHigh },
  );
  const unitKind = kind.metric === 'amount' ? 'money' : 'decimal';
  const valueText = (v: number) => (relative ? signedPercent(v, format) : `${v > 0 ? '+' : v < 0 ? '−' : ''}${formatValue(Math.abs(v), unitKind, format)}`);
  const labelWidth = Math.round(Math.min(width * 0.3, 180));
  const left = labelWidth + 8;
  const right = Math.max(width - VALUE_WIDTH, left + 40);
  const extent = plotted.flatMap((p) => [p.estimate, p.low ?? p.estimate, p.high ?? p.estimate]);
  const x = scaleLinear()
    .domain([Math.min(0, ...extent), Math.max(0, ...extent)])
    .nice()
    .range([left, right]);
  const height = TOP + rows.length * ROW + AXIS;
  const roving = useRovingFocus(rows.length);
  const sentences = rows.map((r) => verdictSentence(r, kind, format));

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const next = moveIndex(event.key, index, rows.length);
    if (next !== null) {
      event.preventDefault();
      roving.focus(next);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(rows[index].subject, event.shiftKey);
    }
  };

  return (
    <div class="clv-chart" ref={container}>
      <svg
        class="clv-svg clv-ab-forest"
        ref={roving.container as never}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={`${heading}: ${rows.length} ${rows.length === 1 ? 'test' : 'tests'}, the ${relative ? 'relative change' : 'mean difference'} after vs before with its confidence interval`}
      >
        <line class="clv-ab-zero" x1={x(0)} x2={x(0)} y1={TOP} y2={TOP + rows.length * ROW} aria-hidden="true" />
        {rows.map((row, i) => {
          const p = plotted[i];
          const y = TOP + i * ROW + ROW / 2;
          const isSelected = selected.includes(row.subject);
          const dimmed = selected.length > 0 && !isSelected;
          return (
            <g
              key={row.subject}
              class={`clv-ab-row ${verdictClass(row.verdict)}${isSelected ? ' clv-selected' : ''}${dimmed ? ' clv-dimmed' : ''}`}
              role="button"
              tabindex={roving.tabIndex(i)}
              data-roving={String(i)}
              data-subject={row.subject}
              data-verdict={row.verdict ?? ''}
              aria-pressed={isSelected ? 'true' : 'false'}
              aria-label={sentences[i]}
              onClick={(event: MouseEvent) => {
                roving.setActive(i);
                onSelect(row.subject, event.shiftKey);
              }}
              onKeyDown={(event: KeyboardEvent) => onKeyDown(event, i)}
            >
              <rect class="clv-mark-hit" x={0} y={TOP + i * ROW} width={width} height={ROW} rx={3} />
              <text class="clv-ab-label" x={labelWidth} y={y} dy="0.32em" text-anchor="end">
                {truncate(row.subject, labelWidth / CHAR_WIDTH)}
              </text>
              {p.low !== null && p.high !== null ? <line class="clv-ab-whisker" x1={x(p.low)} x2={x(p.high)} y1={y} y2={y} aria-hidden="true" /> : null}
              <circle class="clv-ab-dot" cx={x(p.estimate)} cy={y} r={5} aria-hidden="true" />
              <text class="clv-ab-value" x={width - 4} y={y} dy="0.32em" text-anchor="end" aria-hidden="true">
                {`${valueText(p.estimate)}, ${pText(row.pValue, format)}`}
              </text>
            </g>
          );
        })}
        <g class="clv-axis clv-axis-x" transform={`translate(0,${TOP + rows.length * ROW})`} fill="currentColor" aria-hidden="true">
          <line x1={left} x2={right} stroke="currentColor" stroke-opacity="0.4" />
          {x.ticks(Math.max(2, Math.floor((right - left) / 70))).map((t) => (
            <text key={t} x={x(t)} y={16} text-anchor="middle">
              {relative ? (t === 0 ? '0' : signedPercent(t, format)) : formatValue(t, unitKind, format, true)}
            </text>
          ))}
        </g>
      </svg>
      <p class="clv-ab-legend" aria-hidden="true">
        {(['increase', 'decrease', 'no significant change'] as const).map((v) => (
          <span key={v} class={verdictClass(v)}>
            <span class="clv-ab-swatch" />
            {verdictLabel(v)}
          </span>
        ))}
        <span>{`Whiskers: 95% bootstrap interval of the ${relative ? 'relative change' : 'mean difference'}.`}</span>
      </p>
      {all.length > rows.length ? <p class="clv-status">{`Showing ${rows.length} of ${all.length} tests.`}</p> : null}
    </div>
  );
}
