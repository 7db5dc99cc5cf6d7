import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';

/** One tab of `ClvTabs`. */
export interface ClvTab {
  /** Stable id (used in element ids and `selected`). */
  readonly id: string;
  /** The tab's visible name. */
  readonly label: string;
  /** The panel's content, rendered only while the tab is selected (so hidden tabs query nothing). */
  readonly render: () => ComponentChildren;
}

/** Props of `ClvTabs`. */
export interface ClvTabsProps {
  readonly tabs: readonly ClvTab[];
  /** Accessible name of the tab list, e.g. "Customer segmentation views". */
  readonly label: string;
  /** The selected tab's id (controlled); default: the first tab, then whatever the user picks. */
  readonly selected?: string;
  /** Called when the user picks a tab. */
  readonly onChange?: (id: string) => void;
  /** Extra classes for the root (the dashboards pass `clv-wide`). */
  readonly className?: string;
}

/**
 * Tabs following the WAI-ARIA tabs pattern: a `tablist` of `tab` buttons with one tab stop
 * (Left/Right arrows move and select, wrapping; Home/End go to the ends), each controlling
 * its `tabpanel`. Widgets of a hidden tab are unmounted, so they query nothing; the
 * dashboard's selection (and its filter chips) is shared by every tab.
 */
export function ClvTabs({ tabs, label, selected, onChange, className }: ClvTabsProps) {
  const base = `clv-tabs-${useId()}`;
  const [own, setOwn] = useState(() => selected ?? tabs[0]?.id ?? '');
  useEffect(() => {
    if (selected !== undefined) setOwn(selected);
  }, [selected]);
  const list = useRef<HTMLDivElement>(null);
  const current = tabs.some((t) => t.id === own) ? own : (tabs[0]?.id ?? '');
  const index = tabs.findIndex((t) => t.id === current);

  const pick = (id: string, focus: boolean) => {
    if (id !== current) {
      setOwn(id);
      onChange?.(id);
    }
    if (focus) (list.current?.querySelector(`[role="tab"][data-tab="${id}"]`) as HTMLElement | null)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (tabs.length === 0) return;
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next === null) return;
    event.preventDefault();
    pick(tabs[next].id, true);
  };

  return (
    <div class={['clv-root', 'clv-tabs', className].filter(Boolean).join(' ')}>
      <div ref={list} class="clv-tablist" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const active = tab.id === current;
          return (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`${base}-tab-${tab.id}`}
              class="clv-tab"
              aria-selected={active ? 'true' : 'false'}
              aria-controls={`${base}-panel-${tab.id}`}
              tabindex={active ? 0 : -1}
              data-tab={tab.id}
              onClick={() => pick(tab.id, false)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => {
        const active = tab.id === current;
        return (
          <div
            key={tab.id}
            role="tabpanel"
            id={`${base}-panel-${tab.id}`}
            class="clv-tab-panel"
            aria-labelledby={`${base}-tab-${tab.id}`}
            tabindex={0}
            hidden={!active}
            data-tab={tab.id}
          >
            {active ? tab.render() : null}
          </div>
        );
      })}
    </div>
  );
}
