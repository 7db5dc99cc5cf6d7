import { useCallback, useContext, useEffect, useMemo } from 'preact/hooks';
import { arc, pie } from 'd3-shape';
import { calendarFor, isIn, type QueryResult, type Row } from '@clvkit/core';
import { moveIndex } from '../charts/roving.js';
import { publishMark } from '../charts/mark-filter.js';
import { seriesClass } from '../charts/text.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { useTimeOptions } from '../data/use-time-options.js';
import { dateFormat, formatValue, type FormatOptions } from '../format.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { dateCustomersSpec, dateGroupOf, type DateGroup, type DateGroupData } from './clv/date-customers.js';
import { useClvDate, type DateInput } from './clv/selected-date.js';

/** Options of `ClvRates`. */
export interface ClvRatesProps extends WidgetProps {
  /** The date (epoch ms or ISO date); default: the date chosen on the dashboard's CLV timeline, else the analysis' default. */
  readonly date?: DateInput;
  /** Horizon in days (default: the analysis', 180). */
  readonly horizonDays?: number;
  /** How many customers of each group a slice filters to (most revenue first, default 1000). */
  readonly limit?: number;
  /** Diameter of each ring in px (default 140). */
  readonly size?: number;
  /** IANA zone of the date label (default: the engine's). */
  readonly timeZone?: string;
}

/** A ring: the group's customers against the rest of its base. */
interface Ring {
  readonly group: DateGroup;
  readonly title: string;
  readonly slices: readonly { key: string; label: string; value: number; filter: boolean }[];
  readonly data: DateGroupData;
}

/** What the widget's clause remembers. */
interface RateChoice {
  readonly group: DateGroup;
  readonly date: number | null;
}

/** The two rings of a `newcomers_and_churners` result. */
export function ratesRings(result: QueryResult<Row>): Ring[] {
  const churners = dateGroupOf(result, 'churners');
  const newcomers = dateGroupOf(result, 'newcomers');
  return [
    {
      group: 'churners',
      title: 'Churn rate',
      data: churners,
      slices: [
        { key: 'churners', label: 'Churned', value: churners.customers, filter: true },
        { key: 'retained', label: 'Came back', value: Math.max(churners.base - churners.customers, 0), filter: false },
      ],
    },
    {
      group: 'newcomers',
      title: 'Newcomer rate',
      data: newcomers,
      slices: [
        { key: 'newcomers', label: 'Newcomers', value: newcomers.customers, filter: true },
        { key: 'returning', label: 'Returning', value: Math.max(newcomers.base - newcomers.customers, 0), filter: false },
      ],
    },
  ];
}

/**
 * Churn rate and newcomer rate of a date (seed 001, panel 6) as two rings: churned customers
 * against those who came back within the horizon (of all buyers before the date), newcomers
 * against returning customers (of the customers active in the horizon before it). The date is
 * the one chosen on the dashboard's CLV timeline. The churned and the newcomer slices filter
 * every other widget to those customers (the whole group, by its orders around the date); the other
 * slices are not filters (the analysis lists only the groups' ids).
 */
export function ClvRates(props: ClvRatesProps) {
  return (
    <Connected widget="clv-rates" props={props}>
      {(connected) => <ClvRatesView {...connected} />}
    </Connected>
  );
}

function ClvRatesView(props: ConnectedProps<ClvRatesProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const chosen = useClvDate(props.date, selection);
  const spec = useMemo(() => dateCustomersSpec({ date: chosen.date, horizonDays: props.horizonDays, limit: props.limit }), [chosen.date, props.horizonDays, props.limit]);
  const isEmpty = useCallback((result: QueryResult<Row>) => ratesRings(result).every((ring) => ring.data.base === 0), []);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { isEmpty, onError });
  const time = useTimeOptions(engine, props.timeZone);
  const calendar = useMemo(() => calendarFor(time), [time.timeZone, time.weekStart]);
  const clause = useOwnClause(selection, source);
  const choice = isRateChoice(clause?.value) ? clause!.value : null;
  const heading = props.heading ?? 'Churn and newcomer rates';
  const shownDate = state.result ? dateGroupOf(state.result, 'churners').date : null;
  const clear = () => publishMark(selection, shell, null, null, '');

  useEffect(() => {
    if (choice && state.status === 'ready' && choice.date !== shownDate) clear();
  }, [shownDate, state.status]);

  const select = (ring: Ring) => {
    if (choice?.group === ring.group) {
      clear();
      return;
    }
    const when = ring.data.date !== null ? dateFormat(props.locale, { dateStyle: 'medium', timeZone: calendar.timeZone }).format(ring.data.date) : '';
    const label = `${ring.slices[0].label} customers of ${when}`;
    const value: RateChoice = { group: ring.group, date: ring.data.date };
    const predicate = ring.data.predicate ?? (ring.data.ids.length > 0 ? isIn('client', ring.data.ids) : null);
    publishMark(selection, shell, value, predicate ? { predicate, label } : null, label);
  };

  return (
    <div
      class="clv-rates"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && choice) {
          event.preventDefault();
          clear();
        }
      }}
    >
      <WidgetHeader heading={heading}>
        {choice ? (
          <button type="button" class="clv-clear" onClick={clear}>
            Clear
          </button>
        ) : null}
      </WidgetHeader>
      <QueryView state={state} noun="customers" what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => {
          const rings = ratesRings(result);
          const date = rings[0].data.date;
          return (
            <>
              <p class="clv-period">{`As of ${date !== null ? dateFormat(props.locale, { dateStyle: 'medium', timeZone: calendar.timeZone }).format(date) : '—'}`}</p>
              <div class="clv-rates-rings">
                {rings.map((ring) => (
                  <RateRing key={ring.group} ring={ring} size={props.size ?? 140} format={props} selected={choice?.group === ring.group} dimmed={choice !== null && choice.group !== ring.group} onSelect={() => select(ring)} />
                ))}
              </div>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}

function isRateChoice(value: unknown): value is RateChoice {
  return typeof value === 'object' && value !== null && 'group' in value && 'date' in value;
}

interface RateRingProps {
  readonly ring: Ring;
  readonly size: number;
  readonly format: FormatOptions;
  readonly selected: boolean;
  readonly dimmed: boolean;
  readonly onSelect: () => void;
}

function RateRing({ ring, size, format, selected, dimmed, onSelect }: RateRingProps) {
  const radius = size / 2;
  const arcs = pie<Ring['slices'][number]>()
    .sort(null)
    .value((s) => s.value)(ring.slices as Ring['slices'][number][]);
  const path = arc<{ startAngle: number; endAngle: number }>().innerRadius(radius * 0.62).outerRadius(radius - 2);
  const total = ring.slices.reduce((sum, s) => sum + s.value, 0);
  const share = (v: number) => formatValue(total > 0 ? v / total : 0, 'percent', format);
  const rate = formatValue(ring.data.rate, 'percent', format);
  return (
    <figure class="clv-rate-ring" data-group={ring.group}>
      <figcaption class="clv-figure-label">{ring.title}</figcaption>
      <div class="clv-donut-layout">
        <svg class="clv-svg clv-donut" width={size} height={size} viewBox={`${-radius} ${-radius} ${size} ${size}`} role="img" aria-label={`${ring.title}: ${rate} (${ring.slices.map((s) => `${s.label} ${formatValue(s.value, 'count', format)}`).join(', ')})`}>
          <g aria-hidden="true">
            {arcs.map((a, i) => (
              <g
                key={a.data.key}
                class={`clv-donut-slice ${seriesClass(ring.group === 'churners' ? 7 - i : i)}${a.data.filter ? '' : ' clv-inert'}${a.data.filter && selected ? ' clv-selected' : ''}${dimmed ? ' clv-dimmed' : ''}`}
                data-value={a.data.key}
                onClick={() => {
                  if (a.data.filter) onSelect();
                }}
              >
                <title>{`${a.data.label}: ${formatValue(a.data.value, 'count', format)} (${share(a.data.value)})`}</title>
                <path d={path(a) ?? ''} fill="currentColor" />
              </g>
            ))}
          </g>
          <text class="clv-donut-total" x={0} y={6} text-anchor="middle" fill="currentColor" aria-hidden="true">
            {rate}
          </text>
        </svg>
        <ul class="clv-legend" aria-label={`${ring.title} legend`}>
          {ring.slices.map((slice, i) => (
            <li key={slice.key} class={seriesClass(ring.group === 'churners' ? 7 - i : i)}>
              <button
                type="button"
                data-value={slice.key}
                aria-pressed={slice.filter && selected ? 'true' : 'false'}
                aria-disabled={slice.filter ? undefined : 'true'}
                aria-label={`${slice.label}: ${formatValue(slice.value, 'count', format)} customers, ${share(slice.value)}${slice.filter ? '' : ' (not a filter)'}`}
                onClick={() => {
                  if (slice.filter) onSelect();
                }}
                onKeyDown={(event: KeyboardEvent) => {
                  const next = moveIndex(event.key, i, ring.slices.length);
                  if (next !== null) {
                    event.preventDefault();
                    const list = (event.currentTarget as HTMLElement).closest('ul');
                    (list?.querySelectorAll('button')[next] as HTMLButtonElement | undefined)?.focus();
                  }
                }}
              >
                <svg class="clv-swatch" width={10} height={10} viewBox="0 0 10 10" aria-hidden="true">
                  <rect width={10} height={10} rx={2} fill="currentColor" />
                </svg>
                <span>{slice.label}</span>
                <span class="clv-legend-share">{`${share(slice.value)} · ${formatValue(slice.value, 'count', format, true)}`}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </figure>
  );
}
