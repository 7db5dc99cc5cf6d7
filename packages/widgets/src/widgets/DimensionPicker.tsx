import { useCallback, useContext, useMemo } from 'preact/hooks';
import type { AggregateSpec, QueryResult, Row } from '@clvkit/core';
import { useOwnClause } from '../data/use-clauses.js';
import { useQuery } from '../data/use-query.js';
import { formatValue } from '../format.js';
import { publishValues, selectedValues, valueText } from '../interactions/publish.js';
import { toggleValues, type Key } from '../interactions/toggle-values.js';
import { useActivation } from '../interactions/use-activation.js';
import { Connected } from '../ui/Connected.js';
import { ShellContext } from '../ui/context.js';
import { QueryView } from '../ui/QueryView.js';
import { WidgetHeader } from '../ui/WidgetHeader.js';
import type { ConnectedProps, WidgetProps } from '../ui/widget-props.js';

/** Options of `DimensionPicker`. */
export interface DimensionPickerProps extends WidgetProps {
  /** The field picked from (default `dimension`: region, store, channel ...). */
  readonly field?: string;
  /** How the field is named, e.g. "Store" (default "Dimension"). */
  readonly fieldLabel?: string;
  /** `chips` (toggle buttons, several values) or `select` (a drop-down, one value). Default `chips`. */
  readonly mode?: 'chips' | 'select';
  /** At most this many values, most orders first (default 50). */
  readonly limit?: number;
}

/** Picks dimension values (with their order counts); publishes `isIn(field, values)`, "All" clears. */
export function DimensionPicker(props: DimensionPickerProps) {
  return (
    <Connected widget="dimension-picker" props={props}>
      {(connected) => <DimensionPickerView {...connected} />}
    </Connected>
  );
}

function DimensionPickerView(props: ConnectedProps<DimensionPickerProps>) {
  const { engine, selection, source } = props;
  const field = props.field ?? 'dimension';
  const fieldLabel = props.fieldLabel ?? 'Dimension';
  const limit = props.limit && props.limit > 0 ? Math.floor(props.limit) : 50;
  const shell = useContext(ShellContext);
  const spec = useMemo<AggregateSpec>(
    () => ({ kind: 'aggregate', groupBy: [{ field }], measures: ['orders'], orderBy: { measure: 'orders', order: 'desc' }, limit }),
    [field, limit],
  );
  const isEmpty = useCallback((result: QueryResult<Row>) => result.rows.every((row) => row[field] === null || row[field] === undefined), [field]);
  const onError = useCallback((error: Error) => shell.reportError(error, 'query'), [shell]);
  const state = useQuery<Row>(engine, selection, source, spec, { isEmpty, onError });
  const selected = selectedValues(useOwnClause(selection, source));
  const publish = (values: readonly Key[]) => publishValues(selection, shell, field, fieldLabel, values);
  useActivation(selection, shell, field);

  return (
    <div
      class="clv-picker"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && selected.length > 0) {
          event.preventDefault();
          publish([]);
        }
      }}
    >
      <WidgetHeader heading={props.heading ?? fieldLabel} />
      <QueryView
        state={state}
        noun={`${fieldLabel.toLowerCase()} values`}
        what={`${fieldLabel.toLowerCase()} values`}
        skeleton={<div class="clv-skeleton clv-skeleton-line" />}
      >
        {(result) => {
          const values = result.rows
            .map((row) => ({ value: row[field] as Key | null, orders: Number(row.orders) || 0 }))
            .filter((entry): entry is { value: Key; orders: number } => entry.value !== null && entry.value !== undefined && entry.value !== '');
          const total = values.reduce((sum, entry) => sum + entry.orders, 0);
          const count = (n: number) => formatValue(n, 'count', props);
          if (props.mode === 'select') {
            const index = selected.length === 1 ? values.findIndex((entry) => entry.value === selected[0]) : -1;
            return (
              <select
                class="clv-select"
                aria-label={fieldLabel}
                value={String(index)}
                onChange={(event) => {
                  const chosen = Number((event.currentTarget as HTMLSelectElement).value);
                  publish(chosen >= 0 && values[chosen] ? [values[chosen].value] : []);
                }}
              >
                <option value="-1">All ({count(total)} orders)</option>
                {values.map((entry, i) => (
                  <option key={String(entry.value)} value={String(i)}>
                    {valueText(entry.value)} ({count(entry.orders)})
                  </option>
                ))}
              </select>
            );
          }
          return (
            <ul class="clv-chips" role="group" aria-label={fieldLabel}>
              <li>
                <button type="button" class="clv-chip" aria-pressed={selected.length === 0 ? 'true' : 'false'} onClick={() => publish([])}>
                  All<span class="clv-chip-count">{count(total)}</span>
                </button>
              </li>
              {values.map((entry) => (
                <li key={String(entry.value)}>
                  <button
                    type="button"
                    class="clv-chip"
                    data-value={String(entry.value)}
                    aria-pressed={selected.includes(entry.value) ? 'true' : 'false'}
                    aria-label={`${valueText(entry.value)}, ${count(entry.orders)} orders`}
                    onClick={() => publish(toggleValues(selected, entry.value, true))}
                  >
                    {valueText(entry.value)}
                    <span class="clv-chip-count" aria-hidden="true">
                      {count(entry.orders)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          );
        }}
      </QueryView>
    </div>
  );
}
