import { useCallback, useContext, useMemo, useRef } from 'preact/hooks';
import { scaleLinear } from '../charts/linear-scale.js';
import { line } from 'd3-shape';
import { interval, isIn, type QueryResult, type Row } from '@clvkit/core';
import type { Accessor } from '../charts/accessor.js';
import { BucketControl } from '../charts/BucketControl.js';
import { bucketText } from '../charts/bucket-text.js';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { funnelData, type FunnelBucket, type FunnelMapping, type FunnelStep, type FunnelStepDefinition } from '../charts/funnel-data.js';
import { fieldFilterPredicate, publishMark, safeMarkFilter, type FieldFilter, type MarkFilter } from '../charts/mark-filter.js';
import { moveIndex, useRovingFocus } from '../charts/roving.js';
import { CHAR_WIDTH, truncate } from '../charts/text.js';
import { familyReports, useBucketSwitch, type BucketSwitchProps } from '../charts/use-bucket.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { useTimeOptions } from '../data/use-time-options.js';
import { formatValue, type FormatOptions, type ValueKind } from '../format.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext, type ShellApi } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { useWidth } from '../ui/use-width.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { FUNNEL_REPORTS } from '../charts/funnel-reports.js';

export type { FunnelStep, FunnelStepDefinition } from '../charts/funnel-data.js';
export { FUNNEL_REPORTS } from '../charts/funnel-reports.js';

/** Options of `Funnel`. */
export interface FunnelProps extends WidgetProps, ChartQueryProps, BucketSwitchProps {
  /**
   * Step order, labels and filter fields. In the wide row format (one row per bucket, a count
   * column per step) the keys are the count columns; in the long format (one row per step)
   * they order and name the step values. Default: `meta.steps`, else the rows' order.
   */
  readonly steps?: readonly (string | FunnelStepDefinition)[];
  /** Long format: the column naming a row's step (default `step`). */
  readonly step?: Accessor<Row>;
  /** Long format: the count column (default `count`). */
  readonly value?: Accessor<Row>;
  /** Long format: the label column (default: `labels`, else the step key). */
  readonly label?: Accessor<Row>;
  /** Long format: the column with the field a step filters on (default `field`). */
  readonly stepField?: Accessor<Row>;
  /** The bucket column, for the conversion trend (default `bucket`, else `hour`). */
  readonly bucketField?: Accessor<Row>;
  /** Step labels by key, e.g. `{"has_basket": "Basket"}`. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Declarative step filters by step key (JSON for attributes), e.g. `{"purchase": {"field": "has_purchased", "values": [true]}}`. */
  readonly stepFilters?: Readonly<Record<string, FieldFilter>>;
  /**
   * What a click on a step publishes (wins over `stepFilters`). Default, from the step's field
   * (`steps`, `meta.fields` or the rows' `stepField`): `isIn(field, [true])` (session actions,
   * `has_purchased`), or for a `customers.*` date the interval of `meta.period` on it; steps
   * without a field are not filters.
   */
  readonly stepFilter?: (step: FunnelStep) => MarkFilter;
  /** `horizontal` bars (default) or `vertical` columns. */
  readonly orientation?: 'horizontal' | 'vertical';
  /** How counts are formatted (default `count`, `decimal` when a count is fractional: hourly means). */
  readonly valueKind?: ValueKind;
  /** How rows of several buckets combine per step: `sum` (default) or `mean`. */
  readonly combine?: 'sum' | 'mean';
  /** What the first step counts, for texts: "sessions" (default). */
  readonly noun?: string;
  /** Fixed width in px (default: the container's). */
  readonly width?: number;
  /** Height of the vertical funnel in px (default 260). */
  readonly height?: number;
  /** IANA zone of bucket dates in the trend (default: the engine's). */
  readonly timeZone?: string;
}

const BUCKETS = ['hour', 'day', 'week', 'month'];

/**
 * Funnel steps (sessions, the shop's actions, purchase) as bars with their counts,
 * step-to-step and overall conversion, a bucket switch and the overall conversion per bucket.
 * A step is a filter: a click (or Enter) publishes the step's clause (by default the sessions
 * that reached it, `isIn(field, [true])`); again clears; arrow keys move between steps.
 */
export function Funnel(props: FunnelProps) {
  return (
    <Connected widget="funnel" props={props}>
      {(connected) => <FunnelView {...connected} />}
    </Connected>
  );
}

function FunnelView(props: ConnectedProps<FunnelProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const base = useMemo(() => resolveQuery(props, FUNNEL_REPORTS.day), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  // The seed's families (daily_funnel, weekly_funnel ...; daily_funnel_downloads ...) switch by report name.
  const family = base.kind === 'analysis' ? familyReports(base.name, ['hourly', 'daily', 'weekly', 'monthly']) : null;
  const control = useBucketSwitch(base, { ...props, bucketReports: props.bucketReports ?? family ?? undefined }, BUCKETS);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const mapping = useMemo<FunnelMapping>(
    () => ({
      steps: props.steps,
      step: props.step ?? 'step',
      value: props.value ?? 'count',
      label: props.label,
      stepField: props.stepField ?? 'field',
      bucketField: props.bucketField,
      labels: props.labels,
      combine: props.combine,
    }),
    [props.steps, props.step, props.value, props.label, props.stepField, props.bucketField, props.labels, props.combine],
  );
  const isEmpty = useCallback(
    (result: QueryResult<Row>) => !result.rows?.length || funnelData(result.rows, result.meta, mapping).steps.every((step) => step.value === 0),
    [mapping],
  );
  const state = useQuery<Row>(engine, selection, source, control.spec, { onError, isEmpty });
  const time = useTimeOptions(engine, props.timeZone);
  const clause = useOwnClause(selection, source);
  const selectedKey = clause && typeof clause.value === 'string' ? clause.value : null;
  const heading = props.heading ?? 'Funnel';
  const noun = props.noun ?? 'sessions';

  const clear = () => publishMark(selection, shell, null, null, '');
  const select = (step: FunnelStep, filter: MarkFilter) => {
    if (!filter || selectedKey === step.key) clear();
    else publishMark(selection, shell, step.key, filter, `${heading}: reached ${step.label}`);
  };

  return (
    <div
      class="clv-funnel-widget"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && selectedKey !== null) {
          event.preventDefault();
          clear();
        }
      }}
    >
      <WidgetHeader heading={heading}>
        <BucketControl control={control} />
      </WidgetHeader>
      <QueryView state={state} noun={noun} what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => (
          <FunnelChart
            result={result}
            mapping={mapping}
            props={props}
            shell={shell}
            selectedKey={selectedKey}
            onSelect={select}
            bucket={control.bucket}
            timeZone={time.timeZone}
          />
        )}
      </QueryView>
      <div class="clv-selection-bar">
        {selectedKey !== null ? (
          <>
            <span>{clause?.label}</span>
            <button type="button" class="clv-clear" onClick={clear}>
              Clear
            </button>
          </>
        ) : (
          <span>Click a step to filter by the {noun} that reached it.</span>
        )}
      </div>
    </div>
  );
}

interface FunnelChartProps {
  readonly result: QueryResult<Row>;
  readonly mapping: FunnelMapping;
  readonly props: ConnectedProps<FunnelProps>;
  readonly shell: ShellApi;
  readonly selectedKey: string | null;
  readonly onSelect: (step: FunnelStep, filter: MarkFilter) => void;
  readonly bucket: string | null;
  readonly timeZone: string;
}

/**
 * The step's filter: the callback, else the declarative filter, else from the step's field:
 * a customers date (`customers.download_date`, customer funnels) -> the customers whose step
 * happened in the result's period (`meta.period`), any other field (session actions) ->
 * `isIn(field, [true])`.
 */
function stepFilterOf(step: FunnelStep, props: FunnelProps, shell: ShellApi, period: unknown): MarkFilter {
  if (props.stepFilter) return safeMarkFilter(shell, props.stepFilter, step);
  const declared = props.stepFilters?.[step.key];
  if (declared) return fieldFilterPredicate(declared);
  if (!step.field) return null;
  if (step.field.startsWith('customers.')) {
    const [lo, hi] = Array.isArray(period) && period.length === 2 && period.every((v) => typeof v === 'number') ? (period as [number, number]) : [-Number.MAX_VALUE, Number.MAX_VALUE];
    return interval(step.field, lo, hi);
  }
  return isIn(step.field, [true]);
}

const ROW = 56;
const BAR = 20;
const PERCENT_COLUMN = 64;

function FunnelChart({ result, mapping, props, shell, selectedKey, onSelect, bucket, timeZone }: FunnelChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const width = useWidth(container, props.width, 480);
  const { steps, buckets } = useMemo(() => funnelData(result.rows, result.meta, mapping), [result, mapping]);
  const filters = useMemo(() => steps.map((step) => stepFilterOf(step, props, shell, result.meta?.period)), [steps, props.stepFilter, props.stepFilters, shell, result]);
  const roving = useRovingFocus(steps.length);
  // Hourly funnels are means per day: fractional counts get decimals.
  const kind = props.valueKind ?? (steps.every((s) => Number.isInteger(s.value)) ? 'count' : 'decimal');
  const noun = props.noun ?? 'sessions';
  const format: FormatOptions = props;
  const max = Math.max(0, ...steps.map((s) => s.value));
  const vertical = props.orientation === 'vertical';
  const height = vertical ? (props.height ?? 260) : steps.length * ROW;

  const describe = (step: FunnelStep) => {
    const parts = [`${step.label}: ${formatValue(step.value, kind, format)} ${noun}`];
    if (step.index > 0) parts.push(`${formatValue(step.fromPrevious, 'percent', format)} of the previous step`, `${formatValue(step.overall, 'percent', format)} of the first`);
    return parts.join(', ');
  };

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const next = moveIndex(event.key, index, steps.length);
    if (next !== null) {
      event.preventDefault();
      roving.focus(next);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (filters[index]) onSelect(steps[index], filters[index]);
    }
  };

  const markProps = (step: FunnelStep, index: number) => {
    const filter = filters[index];
    const selected = selectedKey === step.key;
    const dimmed = selectedKey !== null && !selected;
    return {
      class: `clv-funnel-step${selected ? ' clv-selected' : ''}${dimmed ? ' clv-dimmed' : ''}${filter ? '' : ' clv-inert'}`,
      role: 'button',
      tabindex: roving.tabIndex(index),
      'data-roving': String(index),
      'data-step': step.key,
      'aria-pressed': selected ? 'true' : 'false',
      'aria-disabled': filter ? undefined : 'true',
      'aria-label': describe(step),
      opacity: dimmed ? 0.35 : undefined,
      onClick: () => {
        roving.setActive(index);
        if (filter) onSelect(step, filter);
      },
      onKeyDown: (event: KeyboardEvent) => onKeyDown(event, index),
    } as const;
  };

  return (
    <div class="clv-chart" ref={container}>
      <svg
        class="clv-svg clv-funnel"
        ref={roving.container as never}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={`${props.heading ?? 'Funnel'}: ${steps.length} steps`}
      >
        {vertical ? <VerticalSteps steps={steps} width={width} height={height} max={max} kind={kind} format={format} markProps={markProps} /> : <HorizontalSteps steps={steps} width={width} max={max} kind={kind} format={format} markProps={markProps} />}
      </svg>
      {buckets.length >= 2 ? <ConversionTrend buckets={buckets} width={width} format={format} bucket={bucket} timeZone={timeZone} /> : null}
    </div>
  );
}

interface StepsProps {
  readonly steps: readonly FunnelStep[];
  readonly width: number;
  readonly max: number;
  readonly kind: ValueKind;
  readonly format: FormatOptions;
  readonly markProps: (step: FunnelStep, index: number) => Record<string, unknown>;
}

function HorizontalSteps({ steps, width, max, kind, format, markProps }: StepsProps) {
  const barWidth = Math.max(width - PERCENT_COLUMN, 10);
  const x = scaleLinear().domain([0, max || 1]).range([0, barWidth]);
  const maxChars = Math.floor((width * 0.55) / CHAR_WIDTH);
  return (
    <>
      {steps.map((step, index) => {
        const label = truncate(step.label, maxChars);
        const value = formatValue(step.value, kind, format);
        const conversion = index > 0 ? ` · ${formatValue(step.fromPrevious, 'percent', format)} of previous` : '';
        return (
          <g key={step.key} transform={`translate(0,${index * ROW})`} {...markProps(step, index)}>
            {label !== step.label ? <title>{step.label}</title> : null}
            <rect class="clv-mark-hit" x={0} y={0} width={width} height={ROW - 4} rx={4} fill="transparent" />
            <text class="clv-funnel-label" fill="currentColor" x={0} y={12} dy="0.35em">
              {label}
            </text>
            <text class="clv-funnel-value" fill="currentColor" x={width} y={12} dy="0.35em" text-anchor="end">
              {value + conversion}
            </text>
            <rect class="clv-bar-track" fill="currentColor" fill-opacity="0.06" x={0} y={24} width={barWidth} height={BAR} rx={3} />
            <rect class="clv-bar-fill" fill="currentColor" fill-opacity="0.7" x={0} y={24} width={x(step.value)} height={BAR} rx={3} />
            <text class="clv-funnel-overall" fill="currentColor" x={width} y={24 + BAR / 2} dy="0.35em" text-anchor="end">
              {formatValue(step.overall, 'percent', format)}
            </text>
          </g>
        );
      })}
    </>
  );
}

function VerticalSteps({ steps, width, height, max, kind, format, markProps }: StepsProps & { height: number }) {
  const column = width / Math.max(steps.length, 1);
  const barWidth = Math.max(Math.min(column * 0.5, 96), 4);
  const top = 36;
  const bottom = height - 28;
  const y = scaleLinear().domain([0, max || 1]).range([bottom, top]);
  const maxChars = Math.floor(column / CHAR_WIDTH);
  return (
    <>
      {steps.map((step, index) => {
        const center = column * index + column / 2;
        const label = truncate(step.label, maxChars);
        return (
          <g key={step.key} {...markProps(step, index)}>
            {label !== step.label ? <title>{step.label}</title> : null}
            <rect class="clv-mark-hit" x={column * index} y={0} width={column} height={height} fill="transparent" />
            <rect class="clv-bar-track" fill="currentColor" fill-opacity="0.06" x={center - barWidth / 2} y={top} width={barWidth} height={bottom - top} rx={3} />
            <rect class="clv-bar-fill" fill="currentColor" fill-opacity="0.7" x={center - barWidth / 2} y={y(step.value)} width={barWidth} height={bottom - y(step.value)} rx={3} />
            <text class="clv-funnel-value" fill="currentColor" x={center} y={10} dy="0.35em" text-anchor="middle">
              {formatValue(step.value, kind, format)}
            </text>
            <text class="clv-funnel-overall" fill="currentColor" x={center} y={26} dy="0.35em" text-anchor="middle">
              {formatValue(step.overall, 'percent', format)}
            </text>
            <text class="clv-funnel-label" fill="currentColor" x={center} y={bottom + 16} dy="0.35em" text-anchor="middle">
              {label}
            </text>
            {index > 0 ? (
              <text class="clv-funnel-conversion" fill="currentColor" x={column * index} y={(top + bottom) / 2} dy="0.35em" text-anchor="middle">
                {`→ ${formatValue(step.fromPrevious, 'percent', format)}`}
              </text>
            ) : null}
          </g>
        );
      })}
    </>
  );
}

const TREND_HEIGHT = 48;

/** A small line of the overall conversion (last step / first) per bucket, with its first and last values. */
function ConversionTrend({ buckets, width, format, bucket, timeZone }: { buckets: readonly FunnelBucket[]; width: number; format: FormatOptions; bucket: string | null; timeZone: string }) {
  const values = buckets.map((b) => b.conversion);
  const finite = values.filter((v): v is number => v !== null);
  const max = Math.max(0, ...finite);
  const left = 64;
  const right = Math.max(width - 64, left + 1);
  const x = scaleLinear().domain([0, Math.max(buckets.length - 1, 1)]).range([left, right]);
  const y = scaleLinear().domain([0, max || 1]).range([TREND_HEIGHT - 6, 6]);
  const path = line<number | null>().defined((v) => v !== null).x((_, i) => x(i)).y((v) => y(v ?? 0))(values) ?? '';
  const hourly = bucket === 'hour' || bucket === 'hourly';
  const text = (b: FunnelBucket) => bucketText(b.bucket, format.locale, timeZone, hourly);
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  const summary = `Overall conversion per ${bucket ?? 'bucket'}: ${formatValue(first.conversion, 'percent', format)} (${text(first)}) to ${formatValue(last.conversion, 'percent', format)} (${text(last)})`;
  return (
    <svg class="clv-svg clv-funnel-trend" width={width} height={TREND_HEIGHT} viewBox={`0 0 ${width} ${TREND_HEIGHT}`} role="img" aria-label={summary}>
      <text x={0} y={TREND_HEIGHT / 2} dy="0.35em" fill="currentColor">
        {formatValue(first.conversion, 'percent', format)}
      </text>
      <path class="clv-line" d={path} fill="none" stroke="currentColor" stroke-width="2" />
      <text x={width} y={TREND_HEIGHT / 2} dy="0.35em" text-anchor="end" fill="currentColor">
        {formatValue(last.conversion, 'percent', format)}
      </text>
    </svg>
  );
}
