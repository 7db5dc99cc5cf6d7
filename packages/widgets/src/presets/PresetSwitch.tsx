import type { ComponentChildren } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { DashboardContext } from '../ui/context.js';
import { Segmented, type SegmentedOption } from '../ui/Segmented.js';

/** Props of `PresetSwitch`. */
export interface PresetSwitchProps<T extends string> {
  /** Accessible name of the switch, e.g. "Cohort table". */
  readonly label: string;
  readonly options: readonly SegmentedOption<T>[];
  /** Sources (widget ids on the selection) of the swapped widgets: their clauses are cleared on a switch. */
  readonly sources?: readonly string[];
  /** Renders the widgets for the chosen value. */
  readonly children: (value: T) => ComponentChildren;
}

/**
 * A row of toggle buttons above widgets that a preset swaps (an order-gap table's event, a
 * cohort view's measure). The widgets are keyed by the choice, so a switch remounts them, and
 * the clauses of `sources` are cleared: a filter never outlives the widget that showed it.
 */
export function PresetSwitch<T extends string>({ label, options, sources, children }: PresetSwitchProps<T>) {
  const [value, setValue] = useState<T>(options[0].value);
  const { selection } = useContext(DashboardContext);
  const change = (next: T) => {
    for (const source of sources ?? []) selection?.clear(source);
    setValue(next);
  };
  return (
    <>
      <div class="clv-preset-switch clv-wide" data-switch={label}>
        <Segmented label={label} options={options} value={value} onChange={change} />
      </div>
      <Keyed key={value}>{children(value)}</Keyed>
    </>
  );
}

function Keyed({ children }: { readonly children: ComponentChildren }) {
  return <>{children}</>;
}
