/** A value a categorical widget can select. */
export type Key = string | number | boolean;

/**
 * The selected values after a click on `value`, as in every cross-filter chart: a plain click
 * selects only `value` (or clears when it was the only one selected); an additive click
 * (shift-click, shift+Enter, chips) adds or removes it.
 */
export function toggleValues(current: readonly Key[], value: Key, additive: boolean): Key[] {
  const has = current.includes(value);
  if (additive) return has ? current.filter((v) => v !== value) : [...current, value];
  if (has && current.length === 1) return [];
  return [value];
}
