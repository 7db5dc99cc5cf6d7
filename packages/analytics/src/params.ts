/**
 * Reads an analysis's raw parameters, defaults the missing ones and throws a TypeError that
 * names the analysis and the parameter when one is invalid or unknown.
 */
export class ParamReader {
  readonly #analysis: string;
  readonly #raw: Readonly<Record<string, unknown>>;

  constructor(analysis: string, raw: Readonly<Record<string, unknown>> | undefined, known: readonly string[]) {
    this.#analysis = analysis;
    this.#raw = raw ?? {};
    if (typeof this.#raw !== 'object' || Array.isArray(this.#raw)) {
      throw new TypeError(`${analysis}: params must be an object, got ${JSON.stringify(raw)}`);
    }
    for (const name of Object.keys(this.#raw)) {
      if (!known.includes(name)) {
        throw new TypeError(`${analysis}: unknown param "${name}" (${known.length ? `known: ${known.join(', ')}` : 'it takes no params'})`);
      }
    }
  }

  /** An integer in [min, max]; `fallback` when absent. */
  integer(name: string, min: number, max: number, fallback: number): number {
    const value = this.#raw[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new TypeError(`${this.#analysis}: params.${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  /** One of `options`; `fallback` when absent. */
  oneOf<T extends string>(name: string, options: readonly T[], fallback: T): T {
    const value = this.#raw[name];
    if (value === undefined) return fallback;
    if (!options.includes(value as T)) {
      throw new TypeError(`${this.#analysis}: params.${name} must be one of ${options.map((o) => `"${o}"`).join(', ')}, got ${JSON.stringify(value)}`);
    }
    return value as T;
  }

  /** A non-empty string; `fallback` when absent. */
  string(name: string, fallback: string): string {
    const value = this.#raw[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || value === '') {
      throw new TypeError(`${this.#analysis}: params.${name} must be a non-empty string, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  /** A non-empty list of non-empty strings; `null` when absent. */
  strings(name: string): string[] | null {
    const value = this.#raw[name];
    if (value === undefined) return null;
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && v !== '')) {
      throw new TypeError(`${this.#analysis}: params.${name} must be a non-empty list of non-empty strings, got ${JSON.stringify(value)}`);
    }
    return [...value] as string[];
  }
}
