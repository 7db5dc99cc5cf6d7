import { useCallback, useContext, useEffect, useMemo } from 'preact/hooks';
import { calendarFor, isIn, type Calendar, type QueryResult, type Row, type Selection } from '@clvkit/core';
import { publishMark } from '../charts/mark-filter.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { useTimeOptions } from '../data/use-time-options.js';
import type { EngineLike } from '../engine-like.js';
import { dateFormat, formatValue, type FormatOptions } from '../format.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext, type ShellApi } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';
import { dateCustomersSpec, dateGroupOf, groupValueSpec, type DateGroup, type DateGroupData } from './clv/date-customers.js';
import { useClvDate, type DateInput } from './clv/selected-date.js';
import { ValueSparkline } from './clv/ValueSparkline.js';

/** Options of `ClvDateCustomers`. */
export interface ClvDateCustomersProps extends WidgetProps {
  /** `churners` (default): bought before the date, nothing in the horizon after it; `newcomers`: first order in the horizon before it. */
  readonly group?: DateGroup;
  /** The date (epoch ms or ISO date); default: the date chosen on the dashboard's CLV timeline, else the analysis' default. */
  readonly date?: DateInput;
  /** Horizon in days (default: the analysis', 180; the CLV prediction dashboard passes the model's horizon). */
  readonly horizonDays?: number;
  /** How many of the group's customers (most revenue first) the value chart and the filter cover (default 1000). */
  readonly limit?: number;
  /** Bucket of the value over time (default `month`). */
  readonly bucket?: 'month' | 'week';
  /** IANA zone of the date labels (default: the engine's). */
  readonly timeZone?: string;
  /** Fixed width of the value chart in px (default: the container's). */
  readonly width?: number;
}

/** What the widget's clause remembers: which group of which date it selected. */
interface GroupChoice {
  readonly group: DateGroup;
  readonly date: number | null;
  readonly ids: readonly string[];
}

const NOUNS: Record<DateGroup, { heading: string; noun: string; rate: string; revenue: string }> = {
  churners: { heading: 'Churned customers', noun: 'churned customers', rate: 'Churn rate', revenue: 'Revenue before the date' },
  newcomers: { heading: 'Newcomers', noun: 'newcomers', rate: 'Newcomer rate', revenue: 'Revenue before the date' },
};

/**
 * The churned customers (or the newcomers) of a date (seed 001, panels 2 and 3), from
 * `newcomers_and_churners`: how many, their rate and what they had brought, and their revenue
 * per month over time with the date marked and its horizon shaded. The date is the one chosen
 * on the dashboard's CLV timeline. "Show only these customers" filters every other widget to
 * the whole group (core's `churnersPredicate` / `newcomersPredicate`); choosing another date
 * clears it.
 */
export function ClvDateCustomers(props: ClvDateCustomersProps) {
  return (
    <Connected widget={`clv-${props.group ?? 'churners'}`} props={props}>
      {(connected) => <ClvDateCustomersView {...connected} />}
    </Connected>
  );
}

function ClvDateCustomersView(props: ConnectedProps<ClvDateCustomersProps>) {
  const { engine, selection, source } = props;
  const group = props.group ?? 'churners';
  const shell = useContext(ShellContext);
  const chosen = useClvDate(props.date, selection);
  const spec = useMemo(() => dateCustomersSpec({ date: chosen.date, horizonDays: props.horizonDays, limit: props.limit }), [chosen.date, props.horizonDays, props.limit]);
  const isEmpty = useCallback((result: QueryResult<Row>) => dateGroupOf(result, group).date === null, [group]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { isEmpty, onError });
  const time = useTimeOptions(engine, props.timeZone);
  const calendar = useMemo(() => calendarFor(time), [time.timeZone, time.weekStart]);
  const clause = useOwnClause(selection, source);
  const choice = isGroupChoice(clause?.value) ? clause!.value : null;
  const words = NOUNS[group];
  const heading = props.heading ?? words.heading;
  const shownDate = state.result ? dateGroupOf(state.result, group).date : null;

  // A group of another date is not what the panel shows any more: drop its filter.
  useEffect(() => {
    if (choice && state.status === 'ready' && choice.date !== shownDate) publishMark(selection, shell, null, null, '');
  }, [shownDate, state.status]);

  return (
    <div
      class="clv-date-customers"
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
      <QueryView state={state} noun={words.noun} what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => (
          <GroupBody
            data={dateGroupOf(result, group)}
            props={props}
            engine={engine}
            selection={selection}
            source={source}
            shell={shell}
            calendar={calendar}
            selected={choice !== null}
          />
        )}
      </QueryView>
    </div>
  );
}

function isGroupChoice(value: unknown): value is GroupChoice {
  return typeof value === 'object' && value !== null && 'group' in value && 'ids' in value;
}

interface GroupBodyProps {
  readonly data: DateGroupData;
  readonly props: ConnectedProps<ClvDateCustomersProps>;
  readonly engine: EngineLike;
  readonly selection: Selection;
  readonly source: string;
  readonly shell: ShellApi;
  readonly calendar: Calendar;
  readonly selected: boolean;
}

function dayText(ms: number, format: FormatOptions, calendar: Calendar): string {
  return dateFormat(format.locale, { dateStyle: 'medium', timeZone: calendar.timeZone }).format(ms);
}

function GroupBody({ data, props, engine, selection, source, shell, calendar, selected }: GroupBodyProps) {
  const words = NOUNS[data.group];
  const format: FormatOptions = props;
  const when = data.date !== null ? dayText(data.date, format, calendar) : '—';
  const count = formatValue(data.customers, 'count', format);
  const partial = data.ids.length < data.customers;
  const toggle = () => {
    if (selected) {
      publishMark(selection, shell, null, null, '');
      return;
    }
    // The whole group by its orders around the date; the id list (capped) only where the row lacks its window.
    const whole = data.predicate !== null;
    const label = `${words.heading} of ${when}${!whole && partial ? ` (the ${formatValue(data.ids.length, 'count', format)} with most revenue)` : ''}`;
    const choice: GroupChoice = { group: data.group, date: data.date, ids: data.ids };
    publishMark(selection, shell, choice, { predicate: data.predicate ?? isIn('client', data.ids), label }, label);
  };
  return (
    <>
      <p class="clv-period">
        {`As of ${when}${data.group === 'churners' && !data.horizonComplete ? ' (the horizon runs past the data: not back so far)' : ''}`}
      </p>
      <ul class="clv-figures">
        <li class="clv-figure" data-figure="customers">
          <span class="clv-figure-label">Customers</span>
          <span class="clv-figure-value">{count}</span>
        </li>
        <li class="clv-figure" data-figure="rate">
          <span class="clv-figure-label">{words.rate}</span>
          <span class="clv-figure-value">{formatValue(data.rate, 'percent', format)}</span>
        </li>
        <li class="clv-figure" data-figure="revenue">
          <span class="clv-figure-label">{words.revenue}</span>
          <span class="clv-figure-value">{formatValue(data.revenue, 'money', format)}</span>
        </li>
      </ul>
      {data.ids.length > 0 ? (
        <>
          <GroupValue ids={data.ids} data={data} props={props} engine={engine} selection={selection} source={source} shell={shell} calendar={calendar} />
          <div class="clv-selection-bar">
            <button type="button" class="clv-group-filter" aria-pressed={selected ? 'true' : 'false'} onClick={toggle}>
              {`Show only these ${partial && data.predicate === null ? formatValue(data.ids.length, 'count', format) : count} customers`}
            </button>
          </div>
        </>
      ) : (
        <p class="clv-empty-detail">{`No ${words.noun} on this date.`}</p>
      )}
    </>
  );
}

interface GroupValueProps extends Omit<GroupBodyProps, 'selected'> {
  readonly ids: readonly string[];
}

/** The group's revenue over time (its own query: the customers' orders, under the other widgets' filters). */
function GroupValue({ ids, data, props, engine, selection, source, shell, calendar }: GroupValueProps) {
  const spec = useMemo(() => groupValueSpec(ids, props.bucket), [ids.join('\u0000'), props.bucket]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, `${source}:value`, spec, { onError });
  const words = NOUNS[data.group];
  const what = `Revenue per ${props.bucket ?? 'month'} of the ${words.noun}`;
  return (
    <QueryView state={state} noun="orders" what={what.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
      {(result) => (
        <ValueSparkline rows={result.rows} field="session_start" measure="revenue" label={what} date={data.date} horizonEnd={data.horizonEnd} calendar={calendar} format={props} width={props.width} />
      )}
    </QueryView>
  );
}
