import type { Key } from '../interactions/toggle-values.js';
import { formatValue, type FormatOptions } from '../format.js';
import { moveIndex } from './roving.js';

/** One entry of a category legend. */
export interface LegendEntry {
  readonly key: Key;
  readonly label: string;
  /** Colour classes (see `categoryColorScale`). */
  readonly colorClass: string;
  /** How many marks the category has (shown after the label), if known. */
  readonly count?: number;
  /** Extra text after the count, e.g. a range. */
  readonly detail?: string;
}

/** Props of `CategoryLegend`. */
export interface CategoryLegendProps {
  readonly entries: readonly LegendEntry[];
  readonly selected: readonly Key[];
  /** Accessible name of the list, e.g. "Segments". */
  readonly title: string;
  /** What the counts count ("customers"). */
  readonly noun: string;
  readonly format: FormatOptions;
  /** A click or Enter/Space on an entry (additive with Shift). */
  readonly onSelect: (key: Key, additive: boolean) => void;
}

/**
 * The legend of a categorical chart as toggle buttons (the chart's keyboard interface): a click
 * or Enter/Space selects the category, Shift adds or removes it, the arrow keys, Home and End
 * move between entries. Labels are text nodes.
 */
export function CategoryLegend({ entries, selected, title, noun, format, onSelect }: CategoryLegendProps) {
  const onKeyDown = (event: KeyboardEvent, index: number, key: Key) => {
    const next = moveIndex(event.key, index, entries.length);
    if (next !== null) {
      event.preventDefault();
      const list = (event.currentTarget as HTMLElement).closest('ul');
      (list?.querySelectorAll('button')[next] as HTMLButtonElement | undefined)?.focus();
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(key, event.shiftKey);
    }
  };
  return (
    <ul class="clv-legend clv-legend-row clv-category-legend" aria-label={title}>
      {entries.map((entry, i) => {
        const pressed = selected.includes(entry.key);
        const count = entry.count !== undefined ? formatValue(entry.count, 'count', format) : null;
        return (
          <li key={String(entry.key)} class={entry.colorClass}>
            <button
              type="button"
              data-value={String(entry.key)}
              aria-pressed={pressed ? 'true' : 'false'}
              aria-label={[`${entry.label}${count !== null ? `: ${count} ${noun}` : ''}`, entry.detail].filter(Boolean).join(', ')}
              onClick={(event: MouseEvent) => onSelect(entry.key, event.shiftKey)}
              onKeyDown={(event: KeyboardEvent) => onKeyDown(event, i, entry.key)}
            >
              <svg class="clv-swatch" width={10} height={10} viewBox="0 0 10 10" aria-hidden="true">
                <rect width={10} height={10} rx={5} fill="currentColor" />
              </svg>
              <span>{entry.label}</span>
              {count !== null || entry.detail ? <span class="clv-legend-share">{[entry.detail, count].filter(Boolean).join(' · ')}</span> : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
