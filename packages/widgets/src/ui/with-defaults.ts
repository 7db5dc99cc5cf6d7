/**
 * `defaults` overlaid with the defined values of `props`: unlike a spread, an option passed
 * as `undefined` (e.g. an absent attribute) keeps its default.
 */
export function withDefaults<P extends object>(defaults: Partial<P>, props: P): P {
  const result: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(props)) if (value !== undefined) result[key] = value;
  return result as P;
}
