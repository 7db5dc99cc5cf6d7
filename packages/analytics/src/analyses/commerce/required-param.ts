import type { ParamReader } from '../../params.js';

/** A non-empty string param that has no default (an entity: a product, a client). */
export function requiredString(read: ParamReader, analysis: string, name: string): string {
  const value = read.string(name, '');
  if (value === '') throw new TypeError(`${analysis}: params.${name} is required (a non-empty string)`);
  return value;
}
