import { useCallback, useContext } from 'preact/hooks';
import type { QueryResult } from '@clvkit/core';
import { useQuery } from '../data/use-query.js';
import { dateFormat, formatChange, formatValue, type FormatOptions } from '../format.js';
import { DEFAULT_KPI_METRICS, metricInfo } from '../metrics.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';

/** A row of the `kpis` analysis. `change` is in percent, null when the previous value is 0 or missing. */
export interface KpiRow {
  readonly metric: string;
  readonly value: number | null;
  readonly previous: number | null;
  readonly change: number | null;
}

/** Options of `KpiCards`. */
export interface KpiCardsProps extends WidgetProps {
  /** Metrics to show, in order (default: orders, revenue, visitors, discount, averageOrderValue). */
  readonly metrics?: readonly string[];
  /** Custom card labels by metric, e.g. `{ averageOrderValue: 'Avg. ticket' }`. */
  readonly labels?: Readonly<Record<string, string>>;
  /** IANA zone for the compared periods' dates (default UTC). */
  readonly timeZone?: string;
}

/** Key figure cards (from the `kpis` analysis) with the change versus the previous period. */
export function KpiCards(props: KpiCardsProps) {
  return (
    <Connected widget="kpi-cards" props={props}>
      {(connected) => <KpiCardsView {...connected} />}
    </Connected>
  );
}

const KPI_SPEC = { kind: 'analysis', name: 'kpis' } as const;

function KpiCardsView(props: ConnectedProps<KpiCardsProps>) {
  const { engine, selection, source } = props;
  const metrics = props.metrics && props.metrics.length > 0 ? props.metrics : DEFAULT_KPI_METRICS;
  const metricsKey = metrics.join(',');
  const shell = useContext(ShellContext);
  const isEmpty = useCallback(
    (result: QueryResult<KpiRow>) => {
      const shown = result.rows.filter((row) => metrics.includes(row.metric));
      return shown.length === 0 || shown.every((row) => !row.value);
    },
    [metricsKey],
  );
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<KpiRow>(engine, selection, source, KPI_SPEC, { isEmpty, onError });
  const heading = props.heading ?? 'Key figures';
  return (
    <>
      <WidgetHeader heading={heading} />
      <QueryView
        state={state}
        noun="orders"
        what={heading.toLowerCase()}
        skeleton={
          <ul class="clv-kpi-list">
            {metrics.map((metric) => (
              <li class="clv-kpi" key={metric}>
                <div class="clv-skeleton clv-skeleton-line" />
                <div class="clv-skeleton clv-skeleton-line" />
              </li>
            ))}
          </ul>
        }
      >
        {(result) => <KpiList result={result} metrics={metrics} labels={props.labels} format={props} timeZone={props.timeZone} />}
      </QueryView>
    </>
  );
}

interface KpiListProps {
  readonly result: QueryResult<KpiRow>;
  readonly metrics: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly format: FormatOptions;
  readonly timeZone?: string;
}

function KpiList({ result, metrics, labels, format, timeZone }: KpiListProps) {
  const byMetric = new Map(result.rows.map((row) => [row.metric, row]));
  const previous = describePeriod(result.meta?.previousPeriod, format.locale, timeZone);
  return (
    <>
      {previous ? <p class="clv-period">Change versus {previous}</p> : null}
      <ul class="clv-kpi-list">
        {metrics.map((metric) => {
          const row = byMetric.get(metric);
          const info = metricInfo(metric);
          const label = labels?.[metric] ?? info.label;
          const change = formatChange(row?.change ?? null, format);
          return (
            <li class="clv-kpi" key={metric} data-metric={metric}>
              <span class="clv-kpi-label">{label}</span>
              <span class="clv-kpi-value" title={row?.value != null ? String(row.value) : undefined}>
                {formatValue(row?.value ?? null, info.kind, format)}
              </span>
              <span class="clv-kpi-change" data-direction={change.direction}>
                <span aria-hidden="true">{change.text}</span>
                <span class="clv-sr-only">{change.description}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** "1 Dec 2023 – 31 Dec 2023" for a half-open [lo, hi) period in epoch ms, else null. */
function describePeriod(period: unknown, locale: string | undefined, timeZone = 'UTC'): string | null {
  if (!Array.isArray(period) || period.length !== 2) return null;
  const [lo, hi] = period as unknown[];
  if (typeof lo !== 'number' || typeof hi !== 'number' || !Number.isFinite(lo) || !(hi > lo)) return null;
  const format = dateFormat(locale, { dateStyle: 'medium', timeZone });
  // The period is half-open: its last instant is just before `hi`.
  return format.formatRange(lo, hi - 1);
}
