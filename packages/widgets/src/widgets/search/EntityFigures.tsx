import { useCallback, useContext, useMemo } from 'preact/hooks';
import type { QueryResult, Row } from '@clvkit/core';
import { resolveQuery, type ChartQueryProps } from '../../charts/chart-query.js';
import { useQuery } from '../../data/use-query.js';
import { useTimeOptions } from '../../data/use-time-options.js';
import { dateFormat, formatValue, type FormatOptions, type ValueKind } from '../../format.js';
import { Connected } from '../../ui/Connected.js';
import { ShellContext } from '../../ui/context.js';
import { QueryView } from '../../ui/QueryView.js';
import { WidgetHeader } from '../../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../../ui/widget-props.js';

/** One figure: the metric (or column) it shows, its label and how it is formatted. */
export interface EntityFigure {
  readonly key: string;
  readonly label: string;
  /** A value kind, `date` (epoch ms), `days` (a number of days) or `text`. */
  readonly kind: ValueKind | 'date' | 'days' | 'text';
}

/** A list in the result's meta shown under the figures (a client's favourite products). */
export interface EntityMetaList {
  /** The meta property holding the rows, e.g. `favouriteProducts`. */
  readonly key: string;
  readonly heading: string;
  /** A row's name column, e.g. `product`. */
  readonly name: string;
  /** A row's count column, e.g. `orders`, and what it counts. */
  readonly count: string;
  readonly countLabel: string;
}

/** Options of `EntityFigures`. */
export interface EntityFiguresProps extends WidgetProps, ChartQueryProps {
  readonly figures: readonly EntityFigure[];
  /**
   * For record rows: the row whose `field` equals `value` (a client's row of `rfm`). Without
   * it, the first row. Rows `{ metric, value }` (product_kpis, client_kpis) need no match.
   */
  readonly match?: { readonly field: string; readonly value: string };
  readonly metaList?: EntityMetaList;
  /** What is missing when there is no row, for the empty state ("no orders of this product"). */
  readonly noun?: string;
  readonly timeZone?: string;
}

/** The figures' values: from `{ metric, value }` rows, or from the matching record row. */
export function figureValues(rows: readonly Row[], match: EntityFiguresProps['match']): Readonly<Record<string, unknown>> | null {
  if (rows.length > 0 && rows.every((row) => typeof row.metric === 'string' && 'value' in row)) {
    return Object.fromEntries(rows.map((row) => [row.metric as string, row.value]));
  }
  const row = match ? rows.find((r) => r[match.field] !== null && r[match.field] !== undefined && String(r[match.field]) === match.value) : rows[0];
  return row ?? null;
}

/** A figure's text: numbers by kind, dates in `timeZone`, days with a unit, anything else as text. */
export function figureText(value: unknown, kind: EntityFigure['kind'], format: FormatOptions, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (kind === 'text') return String(value);
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  if (kind === 'date') return dateFormat(format.locale, { dateStyle: 'medium', timeZone }).format(n);
  if (kind === 'days') return `${formatValue(n, 'decimal', format)} days`;
  return formatValue(n, kind, format);
}

/**
 * Key figures of one entity from an analysis: `{ metric, value }` rows (product_kpis,
 * client_kpis) or one record row picked by `match` (a client's row of `rfm` or
 * `client_feature_predicted`, a promotion's row of `promotion_kpis`), as labelled tiles;
 * optionally a list from the meta (a client's favourite products). Text from data is text.
 */
export function EntityFigures(props: EntityFiguresProps) {
  return (
    <Connected widget="entity-figures" props={props}>
      {(connected) => <EntityFiguresView {...connected} />}
    </Connected>
  );
}

function EntityFiguresView(props: ConnectedProps<EntityFiguresProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const spec = useMemo(() => resolveQuery(props, 'kpis'), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  const matchKey = props.match ? `${props.match.field}\u0000${props.match.value}` : '';
  const isEmpty = useCallback((result: QueryResult<Row>) => figureValues(result.rows ?? [], props.match) === null, [matchKey]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { isEmpty, onError });
  const time = useTimeOptions(engine, props.timeZone);
  const heading = props.heading ?? 'Key figures';
  return (
    <div class="clv-entity-figures">
      <WidgetHeader heading={heading} />
      <QueryView
        state={state}
        noun={props.noun ?? 'figures'}
        what={heading.toLowerCase()}
        skeleton={
          <ul class="clv-kpi-list">
            {props.figures.map((f) => (
              <li class="clv-kpi" key={f.key}>
                <div class="clv-skeleton clv-skeleton-line" />
                <div class="clv-skeleton clv-skeleton-line" />
              </li>
            ))}
          </ul>
        }
      >
        {(result) => {
          const values = figureValues(result.rows, props.match) ?? {};
          return (
            <>
              <ul class="clv-kpi-list">
                {props.figures.map((figure) => (
                  <li class="clv-kpi" key={figure.key} data-metric={figure.key}>
                    <span class="clv-kpi-label">{figure.label}</span>
                    <span class="clv-kpi-value">{figureText(values[figure.key], figure.kind, props, time.timeZone)}</span>
                  </li>
                ))}
              </ul>
              {props.metaList ? <MetaList list={props.metaList} meta={result.meta} format={props} /> : null}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}

function MetaList({ list, meta, format }: { readonly list: EntityMetaList; readonly meta: QueryResult['meta']; readonly format: FormatOptions }) {
  const rows = meta?.[list.key];
  if (!Array.isArray(rows) || rows.length === 0) return null;
  return (
    <div class="clv-entity-list">
      <p class="clv-entity-list-heading">{list.heading}</p>
      <ol>
        {rows.map((raw, i) => {
          const row = (raw ?? {}) as Record<string, unknown>;
          const count = typeof row[list.count] === 'number' ? (row[list.count] as number) : null;
          return (
            <li key={i}>
              <span class="clv-entity-list-name">{String(row[list.name] ?? '(none)')}</span>{' '}
              <span class="clv-entity-list-count">{`${formatValue(count, 'count', format)} ${list.countLabel}`}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
