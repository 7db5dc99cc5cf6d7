import { useCallback, useContext, useMemo } from 'preact/hooks';
import { allOf, isIn, type Clause, type QueryResult, type Row } from '@clvkit/core';
import { readKey, type Accessor } from '../charts/accessor.js';
import { resolveQuery, withParams, type ChartQueryProps } from '../charts/chart-query.js';
import { publishMark, safeMarkFilter, type MarkFilter } from '../charts/mark-filter.js';
import { cellText, resolveColumns, type TableColumn } from '../charts/table-columns.js';
import { useClauses, useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { valueText } from '../interactions/publish.js';
import type { Key } from '../interactions/toggle-values.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';

/** How a pair filters: orders containing both products (default) or either of them. */
export type PairMatch = 'both' | 'either';

/** Options of `PairsTable` (and of `BoughtWith`). */
export interface PairsTableProps extends WidgetProps, ChartQueryProps {
  /** `pairs`: product pairs bought together; `with`: what is bought with one product (`anchor`). */
  readonly variant?: 'pairs' | 'with';
  /** Pairs: a row's first product (default `productA`). */
  readonly first?: Accessor<Row>;
  /** Pairs: a row's second product (default `productB`). */
  readonly second?: Accessor<Row>;
  /** Bought with: a row's product (default `product`). */
  readonly item?: Accessor<Row>;
  /**
   * Bought with: the product the list is about. Default: the value of another widget's
   * single-value `isIn(field, [value])` clause (e.g. a click on Top products).
   */
  readonly anchor?: string;
  /** Bought with: the analysis param that names the product (default `product`). */
  readonly anchorParam?: string;
  /** Figure columns shown beside the pair (default those of orders, support, confidence, lift the rows have). */
  readonly metrics?: readonly (string | TableColumn)[];
  /** The field pairs filter on (default `product`). */
  readonly field?: string;
  /** How the field is named (default "Product"). */
  readonly fieldLabel?: string;
  /**
   * `both` (default): a pair publishes `allOf([isIn(field, [a]), isIn(field, [b])])`, the
   * orders containing a AND b (each part is tested on its own line); `either`:
   * `isIn(field, [a, b])`, orders containing a or b.
   */
  readonly match?: PairMatch;
  /** What a clicked pair publishes (wins over `match`). */
  readonly pairFilter?: (a: Key, b: Key, row: Row) => MarkFilter;
  /** Rows shown (default 10). */
  readonly limit?: number;
}

const METRICS: readonly TableColumn[] = [
  { key: 'orders', label: 'Orders', kind: 'count' },
  { key: 'support', label: 'Support', kind: 'percent' },
  { key: 'confidence', label: 'Confidence', kind: 'percent' },
  { key: 'lift', label: 'Lift', kind: 'decimal' },
];

/**
 * Product pairs bought together (`variant="pairs"`, default report `most_combined_products`)
 * or the products bought with one product (`variant="with"`, report `bought_with`). Each row
 * is a button: a click or Enter publishes the orders containing both products (see `match`);
 * again clears; Escape clears.
 */
export function PairsTable(props: PairsTableProps) {
  return (
    <Connected widget={props.variant === 'with' ? 'bought-with' : 'pairs-table'} props={props}>
      {(connected) => <PairsTableView {...connected} />}
    </Connected>
  );
}

/** "Bought with": `PairsTable` with `variant="with"`. */
export function BoughtWith(props: Omit<PairsTableProps, 'variant'>) {
  return (
    <Connected widget="bought-with" props={{ ...props, variant: 'with' as const }}>
      {(connected) => <PairsTableView {...connected} />}
    </Connected>
  );
}

/** The product of another source's single-value `isIn(field, [v])` clause (newest first). */
function anchorFrom(clauses: readonly Clause[], source: string, field: string): string | null {
  for (let i = clauses.length - 1; i >= 0; i--) {
    const c = clauses[i];
    if (c.source === source || c.predicate.type !== 'in') continue;
    const f = c.predicate.field;
    if ((f === field || f === `lines.${field}`) && c.predicate.values.length === 1) return String(c.predicate.values[0]);
  }
  return null;
}

function PairsTableView(props: ConnectedProps<PairsTableProps>) {
  const { selection, source } = props;
  const clauses = useClauses(selection);
  const field = props.field ?? 'product';
  const variant = props.variant === 'with' ? 'with' : 'pairs';
  const anchor = variant === 'with' ? (props.anchor && props.anchor !== '' ? props.anchor : anchorFrom(clauses, source, field)) : null;
  const heading = props.heading ?? (variant === 'with' ? (anchor ? `Bought with ${anchor}` : 'Bought with') : 'Products bought together');
  if (variant === 'with' && anchor === null) {
    return (
      <>
        <WidgetHeader heading={heading} />
        <div class="clv-empty" role="status">
          <p class="clv-empty-title">Pick a {(props.fieldLabel ?? 'Product').toLowerCase()}</p>
          <p class="clv-empty-detail">Select one in another widget (e.g. top products) to see what is bought with it.</p>
        </div>
      </>
    );
  }
  return <PairsTableQuery {...props} variant={variant} anchor={anchor ?? undefined} heading={heading} />;
}

function PairsTableQuery(props: ConnectedProps<PairsTableProps> & { heading: string }) {
  const { engine, selection, source, heading } = props;
  const shell = useContext(ShellContext);
  const variant = props.variant ?? 'pairs';
  const field = props.field ?? 'product';
  const fieldLabel = props.fieldLabel ?? 'Product';
  const limit = props.limit && props.limit > 0 ? Math.floor(props.limit) : 10;
  const spec = useMemo(() => {
    const base = resolveQuery(props, variant === 'with' ? 'bought_with' : 'most_combined_products');
    return variant === 'with' && props.anchor ? withParams(base, { [props.anchorParam ?? 'product']: props.anchor }) : base;
  }, [JSON.stringify(props.query), props.report, JSON.stringify(props.params), variant, props.anchor, props.anchorParam]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { onError });
  const clause = useOwnClause(selection, source);
  const selected = clause && Array.isArray(clause.value) && clause.value.length === 2 ? (clause.value as [Key, Key]) : null;
  const clear = () => publishMark(selection, shell, null, null, '');
  const select = (a: Key, b: Key, row: Row) => {
    if (selected && selected[0] === a && selected[1] === b) {
      clear();
      return;
    }
    const filter: MarkFilter = props.pairFilter
      ? safeMarkFilter(shell, props.pairFilter, a, b, row)
      : props.match === 'either'
        ? isIn(field, [a, b])
        : allOf([isIn(field, [a]), isIn(field, [b])]);
    publishMark(selection, shell, [a, b], filter, `${fieldLabel}: ${valueText(a)} ${props.match === 'either' ? 'or' : '+'} ${valueText(b)}`);
  };

  return (
    <div
      class="clv-pairs-table"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && selected) {
          event.preventDefault();
          clear();
        }
      }}
    >
      <WidgetHeader heading={heading}>
        {selected ? (
          <button type="button" class="clv-clear" onClick={clear}>
            Clear
          </button>
        ) : null}
      </WidgetHeader>
      <QueryView state={state} noun={variant === 'with' ? 'products bought with it' : 'product pairs'} what={heading.toLowerCase()} skeleton={<div class="clv-skeleton clv-skeleton-chart" />}>
        {(result) => <PairRows result={result} props={props} limit={limit} selected={selected} onSelect={select} />}
      </QueryView>
    </div>
  );
}

interface PairRowsProps {
  readonly result: QueryResult<Row>;
  readonly props: ConnectedProps<PairsTableProps>;
  readonly limit: number;
  readonly selected: readonly [Key, Key] | null;
  readonly onSelect: (a: Key, b: Key, row: Row) => void;
}

function PairRows({ result, props, limit, selected, onSelect }: PairRowsProps) {
  const variant = props.variant ?? 'pairs';
  const rows = result.rows.slice(0, limit);
  const metrics = useMemo(() => {
    const given = props.metrics && props.metrics.length > 0 ? props.metrics : METRICS.filter((m) => rows.some((r) => typeof r[m.key] === 'number'));
    return resolveColumns(given, rows);
  }, [props.metrics, rows]);
  const fieldLabel = props.fieldLabel ?? 'Product';
  const pairOf = (row: Row, i: number): [Key, Key] | null => {
    if (variant === 'with') {
      const item = readKey(row, props.item ?? 'product', i);
      return item === null || !props.anchor ? null : [props.anchor, item];
    }
    const a = readKey(row, props.first ?? 'productA', i);
    const b = readKey(row, props.second ?? 'productB', i);
    return a === null || b === null ? null : [a, b];
  };
  return (
    <div class="clv-table-wrap">
      <table class="clv-table">
        <thead>
          <tr>
            <th scope="col">{variant === 'with' ? fieldLabel : `${fieldLabel} pair`}</th>
            {metrics.map((m) => (
              <th key={m.key} scope="col" class={m.numeric ? 'clv-num' : undefined}>
                {m.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const pair = pairOf(row, i);
            const isSelected = pair !== null && selected !== null && selected[0] === pair[0] && selected[1] === pair[1];
            const text = pair === null ? '(none)' : variant === 'with' ? valueText(pair[1]) : `${valueText(pair[0])} + ${valueText(pair[1])}`;
            return (
              <tr
                key={`${text}|${i}`}
                class={isSelected ? 'clv-selected' : undefined}
                data-pair={pair === null ? undefined : pair.map(String).join('|')}
                onClick={(event: MouseEvent) => {
                  if (pair && !(event.target as Element).closest?.('button')) onSelect(pair[0], pair[1], row);
                }}
              >
                <td>
                  {pair ? (
                    <button
                      type="button"
                      class="clv-row-select"
                      aria-pressed={isSelected ? 'true' : 'false'}
                      aria-label={`Filter by orders with ${valueText(pair[0])} and ${valueText(pair[1])}`}
                      onClick={() => onSelect(pair[0], pair[1], row)}
                    >
                      {text}
                    </button>
                  ) : (
                    text
                  )}
                </td>
                {metrics.map((m) => (
                  <td key={m.key} class={m.numeric ? 'clv-num' : undefined}>
                    {cellText(row[m.key], m.kind, props, 'UTC')}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
