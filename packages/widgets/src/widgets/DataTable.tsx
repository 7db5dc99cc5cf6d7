import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { filterKey, isIn, type Filter, type QueryResult, type QuerySpec, type Row } from '@clvkit/core';
import { read, readKey, type Accessor } from '../charts/accessor.js';
import { resolveQuery, withParams, type ChartQueryProps } from '../charts/chart-query.js';
import { publishMark, safeMarkFilter, splitMarkFilter, type MarkFilter } from '../charts/mark-filter.js';
import { cellText, compareCells, resolveColumns, type ResolvedColumn, type TableColumn } from '../charts/table-columns.js';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { useTimeOptions } from '../data/use-time-options.js';
import type { EngineLike } from '../engine-like.js';
import { formatValue } from '../format.js';
import { valuesLabel, valueText } from '../interactions/publish.js';
import { toggleValues, type Key } from '../interactions/toggle-values.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { emit } from '../ui/events.js';
import { QueryView } from '../ui/QueryView.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';

export type { ColumnKind, TableColumn } from '../charts/table-columns.js';

/** Names of the analysis params the table sets for server-side sorting and paging. */
export interface TableParamNames {
  readonly sort?: string;
  readonly order?: string;
  readonly offset?: string;
  readonly limit?: string;
}

/** Detail of the `clv-segment-action` event ("Send to campaign"). */
export interface ClvSegmentActionDetail {
  /** The customers of the whole list under the current selection (all pages), deduplicated. */
  readonly clients: string[];
  /** The table's selection source id. */
  readonly source: string;
  /** The filter the list was queried with (every clause but the table's own). */
  readonly filter: Filter;
}

/** Options of `DataTable`. */
export interface DataTableProps extends WidgetProps, ChartQueryProps {
  /** Columns: keys or `{key, label, kind, sortable, sortKey}` (default: every property of the rows). */
  readonly columns?: readonly (string | TableColumn)[];
  /** Rows per page (default 25). */
  readonly pageSize?: number;
  /** The column key sorted by at first (default: none, the report's order). */
  readonly sort?: string;
  /** The first sort order (default `desc`). */
  readonly order?: 'asc' | 'desc';
  /**
   * Sort and page on the server through the analysis params (default true for analyses):
   * `{sort, order, offset, limit}` (names from `paramNames`), the row count from
   * `meta.total`. When false, or for aggregates, or when a result has no `meta.total`, the
   * rows are sorted and paged here.
   */
  readonly serverSide?: boolean;
  /** Param names for server-side sorting and paging (default `sort`, `order`, `offset`, `limit`). */
  readonly paramNames?: TableParamNames;
  /**
   * How the sort is sent: `object` (default, as `customer_list` takes it): `sort: {field, order}`;
   * `separate`: `sort: field` and `order: 'asc' | 'desc'` as two params.
   */
  readonly sortStyle?: 'object' | 'separate';
  /** The largest `limit` the analysis accepts: "all rows" (export, campaign) are fetched in pages of it (default 10 000). */
  readonly maxLimit?: number;
  /** The `meta` key holding the total row count (default `total`). */
  readonly totalMeta?: string;
  /** A row's id (default `client`): what a row selects and what "Send to campaign" sends. */
  readonly rowKey?: Accessor<Row>;
  /** The field a row click filters on: `isIn(rowField, ids)` (default `client`; empty: rows are not filters). */
  readonly rowField?: string;
  /** How the field is named on filter chips (default "Customer"). */
  readonly rowLabel?: string;
  /** What selected rows publish (wins over `rowField`), given their ids and rows. */
  readonly rowFilter?: (ids: readonly Key[], rows: readonly Row[]) => MarkFilter;
  /** Show the CSV export button (default true). */
  readonly exportable?: boolean;
  /** File name of the export (default `<heading>.csv`). */
  readonly filename?: string;
  /** Show "Send to campaign" (default true), which dispatches `clv-segment-action`. */
  readonly campaign?: boolean;
  /** Text of the campaign button (default "Send to campaign"). */
  readonly campaignLabel?: string;
  /** Saves the CSV text (default: downloads it as a file in the browser). */
  readonly download?: (csv: string, filename: string) => void;
  /** What the rows are, for texts (default "rows"). */
  readonly noun?: string;
  /** IANA zone of date columns (default: the engine's). */
  readonly timeZone?: string;
}

const PARAMS: Required<TableParamNames> = { sort: 'sort', order: 'order', offset: 'offset', limit: 'limit' };

/**
 * A sortable, paged table of report rows (the customer list): sorting and paging through the
 * analysis params, the total from `meta.total`; a CSV export of every row under the current
 * selection (spreadsheet formulas neutralised by `toCsv` of @clvkit/engine); "Send to
 * campaign", which dispatches `clv-segment-action` (bubbling, composed) with the ids of every
 * row; and rows as filters: a click (or Enter on the row's button) publishes
 * `isIn(rowField, [id])`, Shift adds or removes, Escape clears.
 */
export function DataTable(props: DataTableProps) {
  return (
    <Connected widget="data-table" props={props}>
      {(connected) => <DataTableView {...connected} />}
    </Connected>
  );
}

/** The table inside its shell (used by `CustomerList`). */
export function DataTableView(props: ConnectedProps<DataTableProps>) {
  const { engine, selection, source } = props;
  const shell = useContext(ShellContext);
  const root = useRef<HTMLDivElement>(null);
  const base = useMemo(() => resolveQuery(props, 'customer_list'), [JSON.stringify(props.query), props.report, JSON.stringify(props.params)]);
  const names = { ...PARAMS, ...(props.paramNames ?? {}) };
  const pageSize = props.pageSize && props.pageSize > 0 ? Math.floor(props.pageSize) : 25;
  const server = props.serverSide !== false && base.kind === 'analysis';
  const [sort, setSort] = useState<{ key: string | null; order: 'asc' | 'desc' }>({ key: props.sort ?? null, order: props.order ?? 'desc' });
  useEffect(() => {
    if (props.sort !== undefined || props.order !== undefined) setSort({ key: props.sort ?? null, order: props.order ?? 'desc' });
  }, [props.sort, props.order]);
  const [page, setPage] = useState(0);
  // The own clause hook below re-renders on every selection change, so this key stays current.
  const ownFilterKey = filterKey(selection.filterFor(source));
  useEffect(() => setPage(0), [ownFilterKey, JSON.stringify(base)]);

  const columnsSort = (key: string | null) => {
    if (key === null) return null;
    const given = props.columns?.find((c) => (typeof c === 'string' ? c : c.key) === key);
    return given && typeof given === 'object' && given.sortKey ? given.sortKey : key;
  };
  const pageParams = (offset: number, limit: number): Record<string, unknown> => {
    const params: Record<string, unknown> = { [names.offset]: offset, [names.limit]: limit };
    const sortKey = columnsSort(sort.key);
    if (sortKey !== null) {
      if (props.sortStyle === 'separate') {
        params[names.sort] = sortKey;
        params[names.order] = sort.order;
      } else params[names.sort] = { field: sortKey, order: sort.order };
    }
    return params;
  };
  const spec = useMemo<QuerySpec>(
    () => (server ? withParams(base, pageParams(page * pageSize, pageSize)) : base),
    [JSON.stringify(base), server, page, pageSize, sort.key, sort.order, JSON.stringify(names), props.sortStyle],
  );
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError });
  const time = useTimeOptions(engine, props.timeZone);
  const clause = useOwnClause(selection, source);
  const selected: Key[] = clause && Array.isArray(clause.value) ? (clause.value as Key[]) : [];
  const heading = props.heading ?? 'Table';
  const noun = props.noun ?? 'rows';
  const rowKey = props.rowKey ?? 'client';
  const rowField = props.rowField ?? 'client';
  const rowLabel = props.rowLabel ?? 'Customer';
  const [status, setStatus] = useState('');

  const result = state.result;
  const total = result && typeof result.meta?.[props.totalMeta ?? 'total'] === 'number' ? (result.meta[props.totalMeta ?? 'total'] as number) : null;
  const pagedOnServer = server && total !== null;

  const publishRows = (ids: readonly Key[], rows: readonly Row[]) => {
    if (ids.length === 0) {
      publishMark(selection, shell, null, null, '');
      return;
    }
    const filter = props.rowFilter ? safeMarkFilter(shell, props.rowFilter, ids, rows) : rowField !== '' ? isIn(rowField, ids) : null;
    if (!splitMarkFilter(filter)) return;
    publishMark(selection, shell, [...ids], filter, valuesLabel(rowLabel, ids));
  };

  /**
   * Every row of the list under the current filter: the rows at hand when they are all here,
   * else the analysis queried again for every page (in pages of `maxLimit`).
   */
  const allRows = async (): Promise<{ rows: Row[]; filter: Filter }> => {
    const filter = selection.filterFor(source);
    if (!pagedOnServer || total === null) return { rows: result?.rows ?? [], filter };
    const chunk = props.maxLimit && props.maxLimit > 0 ? Math.floor(props.maxLimit) : 10_000;
    const rows: Row[] = [];
    for (let offset = 0; offset < total; offset += chunk) {
      const next = await (engine as EngineLike).query<Row>(withParams(base, pageParams(offset, Math.min(chunk, total - offset))), { filter, source: `${source}:all` });
      rows.push(...next.rows);
      if (next.rows.length === 0) break;
    }
    return { rows, filter };
  };

  const exportCsv = async () => {
    setStatus('Preparing the CSV file…');
    try {
      const [{ rows }, { toCsv }] = await Promise.all([allRows(), import('@clvkit/engine')]);
      const columns = resolveColumns(props.columns, rows);
      const csv = toCsv(rows, columns.map((c) => ({ field: c.key, header: c.label })));
      const filename = props.filename ?? `${heading.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'table'}.csv`;
      (props.download ?? downloadText)(csv, filename);
      setStatus(`Exported ${formatValue(rows.length, 'count', props)} ${noun}.`);
    } catch (error) {
      const shown = error instanceof Error ? error : new Error(String(error));
      setStatus(`Export failed: ${shown.message}`);
      shell.reportError(shown, 'interaction');
    }
  };

  const sendToCampaign = async () => {
    setStatus('Collecting the customers…');
    try {
      const { rows, filter } = await allRows();
      const clients = [...new Set(rows.map((row, i) => readKey(row, rowKey, i)).filter((id): id is Key => id !== null).map(String))];
      emit<ClvSegmentActionDetail>(root.current, 'clv-segment-action', { clients, source, filter });
      setStatus(`Sent ${formatValue(clients.length, 'count', props)} customers to the campaign.`);
    } catch (error) {
      const shown = error instanceof Error ? error : new Error(String(error));
      setStatus(`Could not collect the customers: ${shown.message}`);
      shell.reportError(shown, 'interaction');
    }
  };

  const hasRows = state.status === 'ready' || (state.status === 'loading' && state.settled === 'ready');
  return (
    <div
      class="clv-data-table"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && selected.length > 0) {
          event.preventDefault();
          publishRows([], []);
        }
      }}
    >
      <WidgetHeader heading={heading}>
        {selected.length > 0 ? (
          <button type="button" class="clv-clear" onClick={() => publishRows([], [])}>
            Clear
          </button>
        ) : null}
        {props.exportable !== false ? (
          <button type="button" class="clv-export" disabled={!hasRows} onClick={exportCsv}>
            Export CSV
          </button>
        ) : null}
        {props.campaign !== false ? (
          <button type="button" class="clv-campaign clv-primary" disabled={!hasRows} onClick={sendToCampaign}>
            {props.campaignLabel ?? 'Send to campaign'}
          </button>
        ) : null}
      </WidgetHeader>
      <QueryView state={state} noun={noun} what={heading.toLowerCase()} skeleton={<TableSkeleton />}>
        {(shown) => (
          <TableBody
            result={shown}
            props={props}
            timeZone={time.timeZone}
            sort={sort}
            onSort={(key, order) => {
              setSort({ key, order });
              setPage(0);
            }}
            page={page}
            pageSize={pageSize}
            pagedOnServer={pagedOnServer}
            total={total}
            onPage={setPage}
            selected={selected}
            canSelect={Boolean(props.rowFilter) || rowField !== ''}
            onSelect={(id, additive, rows) => {
              const ids = toggleValues(selected, id, additive);
              publishRows(ids, rows.filter((row, i) => ids.includes(readKey(row, rowKey, i) as Key)));
            }}
          />
        )}
      </QueryView>
      <p class="clv-status" role="status">
        {status}
      </p>
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

interface TableBodyProps {
  readonly result: QueryResult<Row>;
  readonly props: ConnectedProps<DataTableProps>;
  readonly timeZone: string;
  readonly sort: { key: string | null; order: 'asc' | 'desc' };
  readonly onSort: (key: string, order: 'asc' | 'desc') => void;
  readonly page: number;
  readonly pageSize: number;
  readonly pagedOnServer: boolean;
  readonly total: number | null;
  readonly onPage: (page: number) => void;
  readonly selected: readonly Key[];
  readonly canSelect: boolean;
  readonly onSelect: (id: Key, additive: boolean, rows: readonly Row[]) => void;
}

function TableBody({ result, props, timeZone, sort: chosen, onSort, page, pageSize, pagedOnServer, total, onPage, selected, canSelect, onSelect }: TableBodyProps) {
  const columns = useMemo(() => resolveColumns(props.columns, result.rows), [props.columns, result.rows]);
  // Before a header is clicked, show the order the analysis reports it used (`meta.sort: {field, order}`).
  const metaSort = result.meta?.sort as { field?: unknown; order?: unknown } | undefined;
  const sort: { key: string | null; order: 'asc' | 'desc' } =
    chosen.key === null && pagedOnServer && metaSort && typeof metaSort.field === 'string' && (metaSort.order === 'asc' || metaSort.order === 'desc')
      ? { key: columns.find((c) => c.sortKey === metaSort.field)?.key ?? (metaSort.field as string), order: metaSort.order as 'asc' | 'desc' }
      : chosen;
  const rowKey = props.rowKey ?? 'client';
  const count = pagedOnServer ? (total ?? result.rows.length) : result.rows.length;
  const pages = Math.max(1, Math.ceil(count / pageSize));
  const current = Math.min(page, pages - 1);
  const rows = useMemo(() => {
    if (pagedOnServer) return result.rows;
    const sorted = sort.key === null ? result.rows : sortRows(result.rows, sort.key, sort.order);
    return sorted.slice(current * pageSize, current * pageSize + pageSize);
  }, [result.rows, pagedOnServer, sort.key, sort.order, current, pageSize]);
  const first = count === 0 ? 0 : current * pageSize + 1;
  const last = Math.min(count, current * pageSize + rows.length);
  const noun = props.noun ?? 'rows';

  const header = (column: ResolvedColumn) => {
    const active = sort.key === column.key;
    const ariaSort = active ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined;
    return (
      <th key={column.key} scope="col" class={column.numeric ? 'clv-num' : undefined} aria-sort={ariaSort}>
        {column.sortable ? (
          <button
            type="button"
            data-sort={column.key}
            onClick={() => onSort(column.key, active ? (sort.order === 'asc' ? 'desc' : 'asc') : column.numeric || column.kind === 'date' ? 'desc' : 'asc')}
          >
            {column.label}
            <span aria-hidden="true">{active ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
          </button>
        ) : (
          column.label
        )}
      </th>
    );
  };

  return (
    <>
      <div class="clv-table-wrap">
        <table class="clv-table">
          <caption class="clv-sr-only">
            {`${props.heading ?? 'Table'}, ${first}–${last} of ${count} ${noun}${sort.key ? `, sorted by ${columns.find((c) => c.key === sort.key)?.label ?? sort.key} ${sort.order === 'asc' ? 'ascending' : 'descending'}` : ''}`}
          </caption>
          <thead>
            <tr>{columns.map(header)}</tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const id = readKey(row, rowKey, index);
              const isSelected = id !== null && selected.includes(id);
              return (
                <tr
                  key={id === null ? `row-${index}` : String(id)}
                  class={isSelected ? 'clv-selected' : undefined}
                  data-key={id === null ? undefined : String(id)}
                  onClick={(event: MouseEvent) => {
                    if (id !== null && canSelect && !(event.target as Element).closest?.('button')) onSelect(id, event.shiftKey, rows);
                  }}
                >
                  {columns.map((column, c) => {
                    const text = cellText(read(row, column.key, index), column.kind, props, timeZone);
                    if (c === 0 && id !== null && canSelect) {
                      return (
                        <td key={column.key} class={column.numeric ? 'clv-num' : undefined}>
                          <button
                            type="button"
                            class="clv-row-select"
                            aria-pressed={isSelected ? 'true' : 'false'}
                            aria-label={`Filter by ${valueText(id)}`}
                            onClick={(event: MouseEvent) => onSelect(id, event.shiftKey, rows)}
                            onKeyDown={(event: KeyboardEvent) => {
                              if (event.key === 'Enter' || event.key === ' ') {
                                event.preventDefault();
                                onSelect(id, event.shiftKey, rows);
                              }
                            }}
                          >
                            {text === '' ? valueText(id) : text}
                          </button>
                        </td>
                      );
                    }
                    return (
                      <td key={column.key} class={column.numeric ? 'clv-num' : undefined}>
                        {text}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div class="clv-pager">
        <span>{`${formatValue(first, 'count', props)}–${formatValue(last, 'count', props)} of ${formatValue(count, 'count', props)} ${noun}`}</span>
        {pages > 1 ? (
          <span class="clv-pager-buttons">
            <button type="button" class="clv-prev" disabled={current === 0} onClick={() => onPage(current - 1)} aria-label="Previous page">
              ‹ Previous
            </button>
            <button type="button" class="clv-next" disabled={current >= pages - 1} onClick={() => onPage(current + 1)} aria-label="Next page">
              Next ›
            </button>
          </span>
        ) : null}
      </div>
    </>
  );
}

/** Rows sorted by `key` (a copy), missing values last in either order. */
function sortRows(rows: readonly Row[], key: string, order: 'asc' | 'desc'): Row[] {
  const direction = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const missingX = x === null || x === undefined || x === '';
    const missingY = y === null || y === undefined || y === '';
    if (missingX || missingY) return missingX === missingY ? 0 : missingX ? 1 : -1;
    return compareCells(x, y) * direction;
  });
}

/** Saves text as a file through a temporary object URL (no markup, no inline script). */
function downloadText(text: string, filename: string): void {
  if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') throw new Error('CSV download needs a browser; pass a `download` option');
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
