/** How an attribute's text becomes an option value. */
export type OptionType = 'string' | 'number' | 'boolean' | 'list' | 'json';

/** Option name (camelCase) to type; each becomes a kebab-case attribute and a property. */
export type OptionSchema = Readonly<Record<string, OptionType>>;

/** `timeZone` -> `time-zone`. */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * Parses an attribute value: numbers (invalid -> undefined), booleans (present and not
 * "false" -> true), comma-separated lists, JSON objects (invalid -> undefined).
 */
export function parseAttribute(value: string | null, type: OptionType): unknown {
  if (value === null) return undefined;
  switch (type) {
    case 'string':
      return value;
    case 'number': {
      if (value.trim() === '') return undefined;
      const n = Number(value);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      return value !== 'false';
    case 'list': {
      const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
      return items.length > 0 ? items : undefined;
    }
    case 'json':
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return undefined;
      }
  }
}

/** Options every widget element takes. */
export const COMMON_OPTIONS: OptionSchema = {
  source: 'string',
  heading: 'string',
  theme: 'string',
  locale: 'string',
  currency: 'string',
};
