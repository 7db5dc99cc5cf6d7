import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { calendarFor, type Calendar, type QueryResult, type Row } from '@clvkit/core';
import { resolveQuery, type ChartQueryProps } from '../charts/chart-query.js';
import { publishMark, safeMarkFilter, type MarkFilter } from '../charts/mark-filter.js';
import { humanize } from '../charts/text.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { useTimeOptions } from '../data/use-time-options.js';
import { formatValue, type FormatOptions, type ValueKind } from '../format.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { anomalyRowFilter, keyKindOf, type AnomalyKeyKind } from './anomaly/anomaly-filters.js';
import { anomalyMeta, anomalyPoints, featureNames, type AnomalyMeta, type AnomalyPoint } from './anomaly/anomaly-rows.js';
import { dayText, formatDeviation, formatScore } from './anomaly/anomaly-text.js';

/** Options of `AnomalyTable`. */
export interface AnomalyTableProps extends WidgetProps, ChartQueryProps {
  /** What the keys are (default by report: `cohort` for dcohort_anomaly, `client` for clvrfm_anomaly, else `day`). */
  readonly keyKind?: AnomalyKeyKind;
  /** Header of the key column (default "Download day", "Customer" or "Day"). */
  readonly keyLabel?: string;
  /** Headers of the feature columns by feature name (default: "Within k days" for `within_k`, "Day k" for `share_k`, "A → b" for `a_to_b`, else the name humanised). */
  readonly featureLabels?: Readonly<Record<string, string>>;
  /** Header of the value column (default by report, e.g. "Ordered within 7 days" for cohorts; else "Value"). */
  readonly valueLabel?: string;
  /** How values and features are formatted (default per column: percent for shares and ratios, count for whole numbers, else decimal). */
  readonly valueKind?: ValueKind;
  /** The time field a day row filters (default `session_start`). */
  readonly field?: string;
  /** What a clicked row publishes (wins over the key kind's filter); null: not a filter. */
  readonly rowFilter?: (point: AnomalyPoint) => MarkFilter;
  /** Rows per page (default 15). */
  readonly pageSize?: number;
  /** Show only the flagged rows at first (default false; a checkbox switches). */
  readonly flaggedOnly?: boolean;
  /** IANA zone of days (default: the engine's). */
  readonly timeZone?: string;
}

type SortKey = 'key' | 'value' | 'expected' | 'deviationPercent' | 'score' | `feature:${string}`;

interface Column {
  readonly key: SortKey;
  readonly label: string;
  readonly numeric: boolean;
  readonly read: (point: AnomalyPoint) => number | string | null;
  readonly text: (point: AnomalyPoint) => string;
}

const DEFAULT_REPORT = 'dcohort_anomaly';
/** Headings, value names and formats of the known anomaly reports. */
const REPORTS: Readonly<Record<string, { heading: string; value: string; kind?: ValueKind }>> = {
  dcohort_anomaly: { heading: 'Download to first order: anomalous cohorts', value: 'Ordered within 7 days' },
  dcohort_anomaly_2: { heading: 'Download to first order: anomalous cohorts', value: 'Ordered within 7 days' },
  clvrfm_anomaly: { heading: 'Predicted vs current RFM: anomalous customers', value: 'Revenue in the window', kind: 'money' },
  dorders_anomaly: { heading: 'Daily orders: anomalies', value: 'Orders' },
  dfunnel_anomaly: { heading: 'Daily funnel: anomalies', value: 'Conversion' },
};
const KEY_LABELS: Readonly<Record<AnomalyKeyKind, string>> = { cohort: 'Download day', client: 'Customer', day: 'Day' };

/**
 * The rows of an anomaly analysis as a table, by default the download -> first order cohorts
 * of `dcohort_anomaly`: the key (cohort date, day or customer), the feature values the
 * autoencoder saw (the first 7 days' first orders), the value, expected value and deviation
 * when the rows have them, the score and the flag. Sorted by score (highest first), every
 * column sortable, paged, with a "Flagged only" switch. A row is a filter: a cohort publishes
 * its download day (core's `orderGapRowPredicate`, i.e. `interval('customers.download_date',
 * …)`), a customer `isIn('client', [key])`, a day its local day on `field`; again, Escape or
 * Clear removes it.
 */
export function AnomalyTable(props: AnomalyTableProps) {
  return (
    <Connected widget="anomaly-table" props={props}>
      {(connected) => <AnomalyTableView {...connected} />}
    </Connected>
  );
}

function AnomalyTableView(props: ConnectedProps<AnomalyTableProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const spec = useMemo(() => resolveQuery(props, DEFAULT_REPORT), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  const report = spec.kind === 'analysis' ? spec.name : '';
  const kind = props.keyKind ?? keyKindOf(report);
  const time = useTimeOptions(engine, props.timeZone);
  const calendar = useMemo(() => calendarFor(time), [time.timeZone, time.weekStart]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError });
  const clause = useOwnClause(selection, source);
  const selected = typeof clause?.value === 'string' ? clause.value : null;
  const heading = props.heading ?? REPORTS[report]?.heading ?? 'Anomalies';
  const valueLabel = props.valueLabel ?? REPORTS[report]?.value ?? 'Value';
  const valueKind = props.valueKind ?? REPORTS[report]?.kind;
  const [flaggedOnly, setFlaggedOnly] = useState(props.flaggedOnly ?? false);
  useEffect(() => {
    if (props.flaggedOnly !== undefined) setFlaggedOnly(props.flaggedOnly);
  }, [props.flaggedOnly]);

  const filterOf = (point: AnomalyPoint): MarkFilter =>
    props.rowFilter ? safeMarkFilter(shell, props.rowFilter, point) : anomalyRowFilter(point, kind, calendar, props, props.field ?? 'session_start');
  const clear = () => publishMark(selection, shell, null, null, '');
  const toggle = (point: AnomalyPoint) => {
    if (selected === point.key) {
      clear();
      return;
    }
    const filter = filterOf(point);
    if (filter) publishMark(selection, shell, point.key, filter, `${props.keyLabel ?? KEY_LABELS[kind]}: ${point.key}`);
  };

  return (
    <div
      class="clv-anomaly-table-body"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && selected !== null) {
          event.preventDefault();
          clear();
        }
      }}
    >
      <WidgetHeader heading={heading}>
        <label class="clv-anomaly-only">
          <input type="checkbox" checked={flaggedOnly} onChange={(event) => setFlaggedOnly((event.currentTarget as HTMLInputElement).checked)} /> Flagged only
        </label>
        {selected !== null ? (
          <button type="button" class="clv-clear" onClick={clear}>
            Clear
          </button>
        ) : null}
      </WidgetHeader>
      <QueryView state={state} noun={kind === 'client' ? 'customers' : kind === 'cohort' ? 'cohorts' : 'days'} what={heading.toLowerCase()} skeleton={<TableSkeleton />}>
        {(result) => (
          <AnomalyRows
            result={result}
            props={props}
            kind={kind}
            heading={heading}
            valueLabel={valueLabel}
            valueKind={valueKind}
            calendar={calendar}
            flaggedOnly={flaggedOnly}
            selected={selected}
            canFilter={(point) => filterOf(point) !== null}
            onToggle={toggle}
          />
        )}
      </QueryView>
    </div>
  );
}

function TableSkeleton() {
  return (
    <div>
      {[0, 1, 2, 3, 4].map((i) => (
        <div key={i} class="clv-skeleton clv-skeleton-line" />
      ))}
    </div>
  );
}

/**
 * A feature's header: the given label, else for a cohort's cumulative `within_k` "Same day"
 * and "Within k days", for a per-day `share_k` (or bare `k`) "Day k", for a funnel's
 * `session_to_purchase` "Session → purchase", else the name humanised.
 */
function featureLabel(name: string, labels: Readonly<Record<string, string>> | undefined): string {
  const given = labels?.[name];
  if (given !== undefined) return given;
  const within = /^within_?(\d+)$/i.exec(name);
  if (within) return within[1] === '0' ? 'Same day' : `Within ${within[1]} day${within[1] === '1' ? '' : 's'}`;
  const day = /^(?:share_?)?(\d+)$/i.exec(name);
  if (day) return `Day ${day[1]}`;
  const step = /^(.+)_to_(.+)$/.exec(name);
  if (step) return `${humanize(step[1])} → ${humanize(step[2]).toLowerCase()}`;
  return humanize(name);
}

/**
 * How a column's numbers are shown: the option, else percent for shares and conversion ratios
 * (`within_k`, `share_k`, `a_to_b`, or every value within 0..1 with some fraction), count for
 * whole numbers, decimal otherwise.
 */
function columnKind(name: string, values: readonly (number | null)[], given: ValueKind | undefined): ValueKind {
  if (given) return given;
  const present = values.filter((v): v is number => v !== null);
  if (/^(share|within)/i.test(name) || /_to_/.test(name)) return 'percent';
  if (present.length > 0 && present.every((v) => v >= 0 && v <= 1) && present.some((v) => !Number.isInteger(v))) return 'percent';
  return present.every((v) => Number.isInteger(v)) ? 'count' : 'decimal';
}

/** The table's columns: key, features, value, expected, deviation (those the rows have), score. */
function columnsOf(points: readonly AnomalyPoint[], props: AnomalyTableProps, kind: AnomalyKeyKind, valueLabel: string, reportKind: ValueKind | undefined, meta: AnomalyMeta, format: FormatOptions, timeZone: string): Column[] {
  const columns: Column[] = [
    {
      key: 'key',
      label: props.keyLabel ?? KEY_LABELS[kind],
      numeric: false,
      read: (p) => p.day ?? p.key,
      text: (p) => (kind === 'client' ? p.key : dayText(p, format, timeZone)),
    },
  ];
  for (const name of featureNames(points)) {
    const valueKind = columnKind(name, points.map((p) => p.features[name] ?? null), props.valueKind);
    columns.push({
      key: `feature:${name}`,
      label: featureLabel(name, props.featureLabels),
      numeric: true,
      read: (p) => p.features[name] ?? null,
      text: (p) => formatValue(p.features[name] ?? null, valueKind, format),
    });
  }
  // Value and expected share a format: they are the same measure.
  const valueKind = columnKind('value', points.flatMap((p) => [p.value, p.expected]), reportKind);
  if (points.some((p) => p.value !== null)) columns.push({ key: 'value', label: valueLabel, numeric: true, read: (p) => p.value, text: (p) => formatValue(p.value, valueKind, format) });
  if (points.some((p) => p.expected !== null)) {
    columns.push({ key: 'expected', label: 'Expected', numeric: true, read: (p) => p.expected, text: (p) => formatValue(p.expected, valueKind, format) });
  }
  if (points.some((p) => p.deviationPercent !== null)) {
    columns.push({ key: 'deviationPercent', label: 'Deviation', numeric: true, read: (p) => p.deviationPercent, text: (p) => formatDeviation(p.deviationPercent, format) });
  }
  const threshold = meta.threshold !== null ? ` (threshold ${formatScore(meta.threshold, format)})` : '';
  columns.push({ key: 'score', label: `Score${threshold}`, numeric: true, read: (p) => p.score, text: (p) => formatScore(p.score, format) });
  return columns;
}

/** Compares two cells, missing last whatever the order. */
function compare(a: number | string | null, b: number | string | null, direction: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * direction;
  return String(a).localeCompare(String(b)) * direction;
}

interface AnomalyRowsProps {
  readonly result: QueryResult<Row>;
  readonly props: ConnectedProps<AnomalyTableProps>;
  readonly kind: AnomalyKeyKind;
  readonly heading: string;
  readonly valueLabel: string;
  readonly valueKind: ValueKind | undefined;
  readonly calendar: Calendar;
  readonly flaggedOnly: boolean;
  readonly selected: string | null;
  readonly canFilter: (point: AnomalyPoint) => boolean;
  readonly onToggle: (point: AnomalyPoint) => void;
}

function AnomalyRows({ result, props, kind, heading, valueLabel, valueKind, calendar, flaggedOnly, selected, canFilter, onToggle }: AnomalyRowsProps) {
  const format: FormatOptions = props;
  const all = useMemo(() => anomalyPoints(result, calendar), [result, calendar]);
  const meta = useMemo(() => anomalyMeta(result), [result]);
  const columns = useMemo(() => columnsOf(all, props, kind, valueLabel, valueKind, meta, format, calendar.timeZone), [all, props, kind, valueLabel, valueKind, meta, calendar]);
  const [sort, setSort] = useState<{ key: SortKey; order: 'asc' | 'desc' }>({ key: 'score', order: 'desc' });
  const [page, setPage] = useState(0);
  useEffect(() => setPage(0), [result, flaggedOnly]);
  const pageSize = props.pageSize && props.pageSize > 0 ? Math.floor(props.pageSize) : 15;
  const shown = flaggedOnly ? all.filter((p) => p.anomaly) : all;
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort.key) ?? columns[columns.length - 1];
    const direction = sort.order === 'asc' ? 1 : -1;
    // Ties keep the analysis' order (Array.prototype.sort is stable).
    return [...shown].sort((a, b) => compare(column.read(a), column.read(b), direction));
  }, [shown, columns, sort.key, sort.order]);
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const current = Math.min(page, pages - 1);
  const rows = sorted.slice(current * pageSize, current * pageSize + pageSize);
  const flagged = all.filter((p) => p.anomaly).length;
  const first = sorted.length === 0 ? 0 : current * pageSize + 1;
  const last = current * pageSize + rows.length;
  const sortLabel = columns.find((c) => c.key === sort.key)?.label ?? sort.key;
  const noun = kind === 'client' ? 'customers' : kind === 'cohort' ? 'cohorts' : 'days';

  const header = (column: Column) => {
    const active = sort.key === column.key;
    return (
      <th key={column.key} scope="col" class={column.numeric ? 'clv-num' : undefined} aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button
          type="button"
          data-sort={column.key}
          onClick={() => {
            setSort({ key: column.key, order: active ? (sort.order === 'asc' ? 'desc' : 'asc') : column.numeric || column.key === 'key' ? 'desc' : 'asc' });
            setPage(0);
          }}
        >
          {column.label}
          <span aria-hidden="true">{active ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <>
      <p class="clv-anomaly-summary">
        {flagged === 0
          ? `No ${noun.slice(0, -1)} of ${formatValue(all.length, 'count', format)} flagged.`
          : `${formatValue(flagged, 'count', format)} of ${formatValue(all.length, 'count', format)} ${noun} flagged.`}
      </p>
      <div class="clv-table-wrap">
        <table class="clv-table">
          <caption class="clv-sr-only">{`${heading}, ${first}–${last} of ${sorted.length} ${noun}, sorted by ${sortLabel} ${sort.order === 'asc' ? 'ascending' : 'descending'}`}</caption>
          <thead>
            <tr>
              {columns.map(header)}
              <th scope="col">Flag</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((point) => {
              const isSelected = selected === point.key;
              const filterable = canFilter(point);
              return (
                <tr
                  key={point.key}
                  class={[point.anomaly ? 'clv-anomaly-row' : '', isSelected ? 'clv-selected' : ''].filter(Boolean).join(' ') || undefined}
                  data-key={point.key}
                  data-anomaly={point.anomaly ? 'true' : 'false'}
                  onClick={(event: MouseEvent) => {
                    if (filterable && !(event.target as Element).closest?.('button')) onToggle(point);
                  }}
                >
                  {columns.map((column, c) => (
                    <td key={column.key} class={column.numeric ? 'clv-num' : undefined}>
                      {c === 0 && filterable ? (
                        <button type="button" class="clv-row-select" aria-pressed={isSelected ? 'true' : 'false'} aria-label={`Filter by ${column.text(point)}`} onClick={() => onToggle(point)}>
                          {column.text(point)}
                        </button>
                      ) : (
                        column.text(point)
                      )}
                    </td>
                  ))}
                  <td class="clv-anomaly-flag">{point.anomaly ? 'Anomaly' : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div class="clv-pager">
        <span>{`${formatValue(first, 'count', format)}–${formatValue(last, 'count', format)} of ${formatValue(sorted.length, 'count', format)} ${noun}`}</span>
        {pages > 1 ? (
          <span class="clv-pager-buttons">
            <button type="button" class="clv-prev" disabled={current === 0} onClick={() => setPage(current - 1)} aria-label="Previous page">
              ‹ Previous
            </button>
            <button type="button" class="clv-next" disabled={current >= pages - 1} onClick={() => setPage(current + 1)} aria-label="Next page">
              Next ›
            </button>
          </span>
        ) : null}
      </div>
    </>
  );
}
