/** One choice of a `Segmented` control. */
export interface SegmentedOption<T extends string> {
  readonly value: T;
  readonly label: string;
}

/** Props of `Segmented`. */
export interface SegmentedProps<T extends string> {
  /** Accessible name of the group, e.g. "Measure". */
  readonly label: string;
  readonly options: readonly SegmentedOption<T>[];
  readonly value: T;
  readonly onChange: (value: T) => void;
}

/** A row of toggle buttons of which exactly one is pressed (a measure or bucket switch). */
export function Segmented<T extends string>({ label, options, value, onChange }: SegmentedProps<T>) {
  return (
    <div class="clv-segmented" role="group" aria-label={label}>
      {options.map((option) => (
        <button
          type="button"
          key={option.value}
          aria-pressed={option.value === value ? 'true' : 'false'}
          onClick={() => {
            if (option.value !== value) onChange(option.value);
          }}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
