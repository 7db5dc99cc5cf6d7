import { YGrid, YTickLabels } from '../charts/y-axis.js';
import { useCallback, useContext, useMemo, useRef } from 'preact/hooks';
import { scaleLinear } from '../charts/linear-scale.js';
import { curveStepAfter, line } from 'd3-shape';
import { isIn, type QueryResult, type Row } from '@clvkit/core';
import { readNumber, type Accessor } from '../charts/accessor.js';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { publishMark, safeMarkFilter, type MarkFilter } from '../charts/mark-filter.js';
import { moveIndex, useRovingFocus } from '../charts/roving.js';
import { humanize } from '../charts/text.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { formatValue, numberFormat, type FormatOptions, type ValueKind } from '../format.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext, type ShellApi } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { journeySteps, type JourneyStep } from '../charts/journey-data.js';

export { journeySteps, type JourneyStep } from '../charts/journey-data.js';

/** A labelled figure of the journey read from `meta`, e.g. the mean hours from download to first order. */
export interface JourneyFigure {
  readonly key: string;
  readonly label?: string;
  /** `hours` and `days` add the unit; the others format as `formatValue` does. */
  readonly kind?: ValueKind | 'hours' | 'days';
}

/** Options of `Journey`. */
export interface JourneyProps extends WidgetProps, ChartQueryProps {
  /** The order position k of a row (default `k`). */
  readonly step?: Accessor<Row>;
  /** The mean value of the k-th order (default `meanOrderValue`). */
  readonly value?: Accessor<Row>;
  /** The mean gap from the k-th to the next order (default `meanHoursToNext`). */
  readonly gap?: Accessor<Row>;
  /** The customers who made a k-th order (default `customers`). */
  readonly count?: Accessor<Row>;
  /** The unit of the gaps in the rows (default `hours`). */
  readonly gapUnit?: 'days' | 'hours';
  /** The unit gaps and the time axis are shown in (default `days`). */
  readonly showIn?: 'days' | 'hours';
  /** How order values are formatted (default `money`). */
  readonly valueKind?: ValueKind;
  /**
   * The `meta` figures shown above the chart, in order (default for `customer_journey`: mean
   * time from download to first order, mean time since the last order, repeat buyers, K;
   * otherwise every number in meta that is not a timestamp).
   */
  readonly figures?: readonly JourneyFigure[];
  /** The field an order position filters on: `isIn(field, [k])` (default `order_number`; empty: none). */
  readonly field?: string;
  /** What a click on the k-th order publishes (wins over `field`). */
  readonly stepFilter?: (step: JourneyStep) => MarkFilter;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
  /** Height in px (default 240). */
  readonly height?: number;
}

const DEFAULT_REPORT = 'customer_journey';

/** The figures of the `customer_journey` analysis' meta. */
const JOURNEY_FIGURES: readonly JourneyFigure[] = [
  { key: 'meanHoursDownloadToFirstOrder', label: 'Download to first order', kind: 'hours' },
  { key: 'meanHoursSinceLastOrder', label: 'Since the last order', kind: 'hours' },
  { key: 'repeatBuyers', label: 'Repeat buyers', kind: 'count' },
  { key: 'K', label: 'Orders shown (median of repeat buyers)', kind: 'count' },
];
const MARGIN = { top: 28, right: 24, bottom: 32, left: 56 };

/**
 * The customer journey: for k = 1..K the mean value of the k-th order (y) placed at the mean
 * time since the first order (x, the sum of the mean gaps), joined as a step path with each
 * gap labelled, and the journey's figures from `meta` (time to first order, time since the
 * last order ...). Each order is a button: a click or Enter publishes `isIn(field, [k])`.
 */
export function Journey(props: JourneyProps) {
  return (
    <Connected widget="journey" props={props}>
      {(connected) => <JourneyView {...connected} />}
    </Connected>
  );
}

function JourneyView(props: ConnectedProps<JourneyProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const spec = useMemo(() => resolveQuery(props, DEFAULT_REPORT), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  const accessors = [props.step ?? 'k', props.value ?? 'meanOrderValue', props.gap ?? 'meanHoursToNext', props.count ?? 'customers'] as const;
  const stepsOf = useCallback((rows: readonly Row[]) => journeySteps(rows, ...accessors), accessors);
  const isEmpty = useCallback((result: QueryResult<Row>) => stepsOf(result.rows ?? []).length === 0, [stepsOf]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError, isEmpty });
  const clause = useOwnClause(selection, source);
  const selected = clause && typeof clause.value === 'number' ? clause.value : null;
  const heading = props.heading ?? 'Customer journey';
  const clear = () => publishMark(selection, shell, null, null, '');
  const select = (step: JourneyStep, filter: MarkFilter) => {
    if (!filter || selected === step.order) clear();
    else publishMark(selection, shell, step.order, filter, `Order #${step.order}`);
  };

  return (
    <div
      class="clv-journey-widget"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && selected !== null) {
          event.preventDefault();
          clear();
        }
      }}
    >
      <WidgetHeader heading={heading} />
      <QueryView state={state} noun="repeat customers" what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => (
          <>
            <Figures meta={result.meta} figures={props.figures ?? (result.meta && 'meanHoursSinceLastOrder' in result.meta ? JOURNEY_FIGURES : undefined)} format={props} />
            <JourneyChart steps={stepsOf(result.rows)} props={props} shell={shell} selected={selected} onSelect={select} />
          </>
        )}
      </QueryView>
      <div class="clv-selection-bar">
        {selected !== null ? (
          <>
            <span>{clause?.label}</span>
            <button type="button" class="clv-clear" onClick={clear}>
              Clear
            </button>
          </>
        ) : (
          <span>Click an order to filter by the orders at that position.</span>
        )}
      </div>
    </div>
  );
}

/** A duration in hours as text: "12.5 h" under two days, else "3.2 days". */
function hoursText(hours: number, format: FormatOptions): string {
  const one = numberFormat(format.locale, { maximumFractionDigits: 1 });
  return Math.abs(hours) < 48 ? `${one.format(hours)} h` : `${one.format(hours / 24)} days`;
}

/** A figure's text: "12.5 h", "30 days", "$42.10". */
function figureText(value: number, kind: JourneyFigure['kind'], format: FormatOptions): string {
  if (kind === 'hours') return hoursText(value, format);
  if (kind === 'days') return `${formatValue(value, 'decimal', format)} days`;
  return formatValue(value, kind ?? 'decimal', format);
}

/** The kind of a meta figure guessed from its key: hours, days, money or a plain number. */
function guessKind(key: string): JourneyFigure['kind'] {
  const lower = key.toLowerCase();
  if (lower.includes('hour')) return 'hours';
  if (lower.includes('day')) return 'days';
  if (/(value|revenue|amount|spend|clv)/.test(lower)) return 'money';
  return 'decimal';
}

function Figures({ meta, figures, format }: { meta: Readonly<Record<string, unknown>> | undefined; figures?: readonly JourneyFigure[]; format: FormatOptions }) {
  const list: JourneyFigure[] = figures
    ? [...figures]
    : Object.entries(meta ?? {})
        .filter(([, v]) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e11)
        .map(([key]) => ({ key }));
  const shown = list.filter((f) => typeof meta?.[f.key] === 'number' || meta?.[f.key] === null);
  if (shown.length === 0) return null;
  return (
    <ul class="clv-figures">
      {shown.map((f) => {
        const v = meta?.[f.key];
        return (
          <li class="clv-figure" key={f.key} data-figure={f.key}>
            <span class="clv-figure-label">{f.label ?? humanize(f.key)}</span>
            <span class="clv-figure-value">{typeof v === 'number' && Number.isFinite(v) ? figureText(v, f.kind ?? guessKind(f.key), format) : '—'}</span>
          </li>
        );
      })}
    </ul>
  );
}

interface JourneyChartProps {
  readonly steps: readonly JourneyStep[];
  readonly props: ConnectedProps<JourneyProps>;
  readonly shell: ShellApi;
  readonly selected: number | null;
  readonly onSelect: (step: JourneyStep, filter: MarkFilter) => void;
}

function JourneyChart({ steps, props, shell, selected, onSelect }: JourneyChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, props.width, 560);
  const height = props.height ?? 240;
  const format: FormatOptions = props;
  const kind = props.valueKind ?? 'money';
  // Gaps come in `gapUnit` and are shown in `showIn`.
  const scale = (props.gapUnit === 'days' ? 24 : 1) / (props.showIn === 'hours' ? 1 : 24);
  const unit = props.showIn === 'hours' ? 'h' : 'd';
  const field = props.field ?? 'order_number';
  const left = MARGIN.left;
  const right = Math.max(width - MARGIN.right, left + 1);
  const bottom = height - MARGIN.bottom;
  const lastAt = steps.length > 0 ? steps[steps.length - 1].at * scale : 0;
  const x = scaleLinear().domain([0, lastAt || 1]).range([left, right]);
  const maxValue = Math.max(0, ...steps.map((s) => s.value ?? 0));
  const y = scaleLinear().domain([0, maxValue || 1]).nice().range([bottom, MARGIN.top]);
  const path = line<JourneyStep>()
    .defined((s) => s.value !== null)
    .curve(curveStepAfter)
    .x((s) => x(s.at * scale))
    .y((s) => y(s.value ?? 0))(steps as JourneyStep[]) ?? '';
  const roving = useRovingFocus(steps.length);
  const filters = useMemo(
    () => steps.map((s) => (props.stepFilter ? safeMarkFilter(shell, props.stepFilter, s) : field !== '' ? isIn(field, [s.order]) : null)),
    [steps, props.stepFilter, field, shell],
  );
  const oneDecimal = numberFormat(format.locale, { maximumFractionDigits: 1 });
  const gapText = (g: number) => `+${oneDecimal.format(g * scale)} ${unit}`;

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const next = moveIndex(event.key, index, steps.length);
    if (next !== null) {
      event.preventDefault();
      roving.focus(next);
      return;
    }
    if ((event.key === 'Enter' || event.key === ' ') && filters[index]) {
      event.preventDefault();
      onSelect(steps[index], filters[index]);
    }
  };

  return (
    <div class="clv-chart" ref={container}>
      <svg class="clv-svg clv-journey" ref={roving.container as never} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group" aria-label={`${props.heading ?? 'Customer journey'}: ${steps.length} orders`}>
        <YGrid y={y} left={left} right={right} />
        <YTickLabels y={y} left={left} label={(t) => formatValue(t, kind, format, true)} />
        <g class="clv-axis clv-axis-x" transform={`translate(0,${bottom})`} fill="currentColor" aria-hidden="true">
          <line x1={left} x2={right} stroke="currentColor" stroke-opacity="0.4" />
          {x.ticks(Math.max(2, Math.floor((right - left) / 90))).map((t) => (
            <text key={t} x={x(t)} y={18} text-anchor="middle">
              {`${formatValue(t, 'decimal', format, true)} ${unit}`}
            </text>
          ))}
        </g>
        <path class="clv-journey-path" d={path} fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true" />
        <g class="clv-journey-gaps" aria-hidden="true">
          {steps.map((s, i) =>
            s.gap !== null && i < steps.length - 1 ? (
              <text key={s.order} x={(x(s.at * scale) + x(steps[i + 1].at * scale)) / 2} y={y(s.value ?? 0) + 16} text-anchor="middle" fill="currentColor">
                {gapText(s.gap)}
              </text>
            ) : null,
          )}
        </g>
        {steps.map((s, i) => {
          const isSelected = selected === s.order;
          const dimmed = selected !== null && !isSelected;
          const filter = filters[i];
          const cx = x(s.at * scale);
          const cy = y(s.value ?? 0);
          const parts = [`Order #${s.order}: mean value ${formatValue(s.value, kind, format)}`];
          if (s.count !== null) parts.push(`${formatValue(s.count, 'count', format)} customers`);
          if (s.gap !== null) parts.push(`next order after ${formatValue(s.gap * scale, 'decimal', format)} ${props.showIn ?? 'days'} on average`);
          return (
            <g
              key={s.order}
              class={`clv-journey-point${isSelected ? ' clv-selected' : ''}${dimmed ? ' clv-dimmed' : ''}${filter ? '' : ' clv-inert'}`}
              role="button"
              tabindex={roving.tabIndex(i)}
              data-roving={String(i)}
              data-order={String(s.order)}
              aria-pressed={isSelected ? 'true' : 'false'}
              aria-disabled={filter ? undefined : 'true'}
              aria-label={parts.join(', ')}
              opacity={dimmed ? 0.35 : undefined}
              onClick={() => {
                roving.setActive(i);
                if (filter) onSelect(s, filter);
              }}
              onKeyDown={(event: KeyboardEvent) => onKeyDown(event, i)}
            >
              <rect class="clv-mark-hit" x={cx - 14} y={cy - 26} width={28} height={40} rx={4} fill="transparent" />
              <circle cx={cx} cy={cy} r={5} fill="currentColor" />
              <text class="clv-journey-value" x={cx} y={cy - 12} text-anchor={i === 0 && steps.length > 1 ? 'start' : i === steps.length - 1 && steps.length > 1 ? 'end' : 'middle'} fill="currentColor">
                {`#${s.order} ${formatValue(s.value, kind, format, true)}`}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
