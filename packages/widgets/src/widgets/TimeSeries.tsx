import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { calendarFor, interval, type AggregateSpec, type QueryResult, type Row } from '@clvkit/core';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { useTimeOptions } from '../data/use-time-options.js';
import { publishClause } from '../interactions/publish.js';
import { useActivation } from '../interactions/use-activation.js';
import { formatRange, type SeriesBucket } from '../time/format-time.js';
import { TimeChart } from '../time/TimeChart.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { Segmented } from '../ui/Segmented.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';

/** What the time series plots. */
export type SeriesMeasure = 'orders' | 'revenue';

const MEASURE_LABELS: Record<SeriesMeasure, string> = { orders: 'Orders', revenue: 'Revenue' };
const BUCKET_LABELS: Record<SeriesBucket, string> = { hour: 'Hour', day: 'Day', week: 'Week', month: 'Month' };
const ALL_BUCKETS: readonly SeriesBucket[] = ['hour', 'day', 'week', 'month'];

/** Options of `TimeSeries`. */
export interface TimeSeriesProps extends WidgetProps {
  /** Plotted measure (default `orders`); the switch changes it. */
  readonly measure?: SeriesMeasure;
  /** Time bucket (default `day`); the switch changes it. */
  readonly bucket?: SeriesBucket;
  /** Buckets offered by the switch (default hour, day, week, month; one hides the switch). */
  readonly buckets?: readonly SeriesBucket[];
  /** The time field (default `session_start`). */
  readonly field?: string;
  /** Fixed width in px (default: the container's width). */
  readonly width?: number;
  /** Height in px (default 240). */
  readonly height?: number;
  /** IANA time zone of buckets and labels (default: the engine's, else UTC). */
  readonly timeZone?: string;
  /** First day of the week, 0 = Sunday (default: the engine's, else Monday). */
  readonly weekStart?: number;
}

/** The aggregate spec of the time series. */
export function timeSeriesSpec(bucket: SeriesBucket, field = 'session_start'): AggregateSpec {
  return { kind: 'aggregate', groupBy: [{ field, bucket }], measures: ['orders', 'revenue'], fill: true };
}

/**
 * Orders or revenue over time with a bucket switch. Brushing the x axis (or arrow keys and
 * Enter) publishes `interval(field, lo, hi)` snapped to bucket edges; Escape or Clear removes it.
 */
export function TimeSeries(props: TimeSeriesProps) {
  return (
    <Connected widget="time-series" props={props}>
      {(connected) => <TimeSeriesView {...connected} />}
    </Connected>
  );
}

function TimeSeriesView(props: ConnectedProps<TimeSeriesProps>) {
  const { engine, selection, source } = props;
  const field = props.field ?? 'session_start';
  const shell = useContext(ShellContext);
  useActivation(selection, shell, field);
  const buckets = props.buckets && props.buckets.length > 0 ? props.buckets : ALL_BUCKETS;
  const [measure, setMeasure] = useState<SeriesMeasure>(props.measure ?? 'orders');
  const [bucket, setBucket] = useState<SeriesBucket>(props.bucket ?? (buckets.includes('day') ? 'day' : buckets[0]));
  useEffect(() => {
    if (props.measure) setMeasure(props.measure);
  }, [props.measure]);
  useEffect(() => {
    if (props.bucket) setBucket(props.bucket);
  }, [props.bucket]);

  const time = useTimeOptions(engine, props.timeZone, props.weekStart);
  const calendar = useMemo(() => calendarFor(time), [time.timeZone, time.weekStart]);
  const spec = useMemo(() => timeSeriesSpec(bucket, field), [bucket, field]);
  const isEmpty = useCallback(
    (result: QueryResult<Row>) => result.rows.length === 0 || result.rows.every((row) => !Number(row.orders) && !Number(row.revenue)),
    [],
  );
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { isEmpty, onError });

  const clause = useOwnClause(selection, source);
  const range = clause && clause.predicate.type === 'interval' ? clause.predicate.range : null;
  const heading = props.heading ?? `${MEASURE_LABELS[measure]} over time`;
  const describe = (lo: number, hi: number) => formatRange(lo, hi, bucket, props.locale, time.timeZone);

  const onRange = (next: [number, number] | null) =>
    publishClause(
      selection,
      shell,
      next ? { source, predicate: interval(field, next[0], next[1]), value: next, label: `Period: ${describe(next[0], next[1])}` } : null,
    );

  return (
    <>
      <WidgetHeader heading={heading}>
        {buckets.length > 1 ? (
          <Segmented label="Time bucket" options={buckets.map((b) => ({ value: b, label: BUCKET_LABELS[b] }))} value={bucket} onChange={setBucket} />
        ) : null}
        <Segmented
          label="Measure"
          options={(['orders', 'revenue'] as const).map((m) => ({ value: m, label: MEASURE_LABELS[m] }))}
          value={measure}
          onChange={setMeasure}
        />
      </WidgetHeader>
      <QueryView state={state} noun="orders" what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => (
          <TimeChart
            rows={result.rows}
            field={field}
            measure={measure}
            measureLabel={MEASURE_LABELS[measure]}
            kind={measure === 'revenue' ? 'money' : 'count'}
            bucket={bucket}
            calendar={calendar}
            width={props.width}
            height={props.height ?? 240}
            format={props}
            range={range}
            onRange={onRange}
          />
        )}
      </QueryView>
      <div class="clv-selection-bar">
        {range ? (
          <>
            <span>{clause?.label ?? `Period: ${describe(range[0], range[1])}`}</span>
            <button type="button" class="clv-clear" onClick={() => onRange(null)}>
              Clear
            </button>
          </>
        ) : (
          <span>Drag across the chart to filter by a period.</span>
        )}
      </div>
    </>
  );
}
