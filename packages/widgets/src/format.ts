/**
 * Number, money, percent and date formatting with Intl, so hosts get their locale and
 * currency. Formatters are cached: building an Intl formatter is slow compared to using one.
 */

/** Locale and currency shared by every widget. */
export interface FormatOptions {
  /** BCP 47 locale, e.g. `de-DE`. Default: the runtime's locale. */
  readonly locale?: string;
  /** ISO 4217 currency code for money. Default `USD`. */
  readonly currency?: string;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** A cached `Intl.NumberFormat`. */
export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale ?? ''}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** A cached `Intl.DateTimeFormat`. */
export function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale ?? ''}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** How a value is shown: a count, money, a ratio shown as percent, or a plain decimal. */
export type ValueKind = 'count' | 'money' | 'percent' | 'decimal';

/** Formats `value` as `kind`; null, undefined and NaN become "—". */
export function formatValue(value: number | null | undefined, kind: ValueKind, options: FormatOptions = {}, compact = false): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const { locale } = options;
  switch (kind) {
    case 'count':
      return numberFormat(locale, compact ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: 0 }).format(value);
    case 'money':
      return numberFormat(locale, {
        style: 'currency',
        currency: options.currency ?? 'USD',
        // Cents matter on small amounts only: "$69.84" but "$1,287,346".
        ...(compact
          ? { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }
          : Math.abs(value) >= 1000
            ? { minimumFractionDigits: 0, maximumFractionDigits: 0 }
            : {}),
      }).format(value);
    case 'percent':
      return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'decimal':
      return numberFormat(locale, compact ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: 2 }).format(value);
  }
}

/** The direction of a change, for the arrow and the colour (never the only channel). */
export type ChangeDirection = 'up' | 'down' | 'flat' | 'none';

/** A change versus the previous period, as visible text and as a sentence for screen readers. */
export interface ChangeText {
  readonly direction: ChangeDirection;
  /** e.g. `▲ +12.5%`, `▼ −3.2%`, `→ 0%`, or `—` when there is no previous value. */
  readonly text: string;
  /** e.g. `up 12.5% versus the previous period`. */
  readonly description: string;
}

/**
 * Describes a change given in percent (12.5 means +12.5 %), as the `kpis` analysis returns
 * it; null (previous period 0 or missing) becomes "—".
 */
export function formatChange(change: number | null | undefined, options: FormatOptions = {}): ChangeText {
  if (change === null || change === undefined || !Number.isFinite(change)) {
    return { direction: 'none', text: '—', description: 'no previous period to compare with' };
  }
  const rounded = Math.round(change * 10) / 10;
  const magnitude = numberFormat(options.locale, { style: 'percent', maximumFractionDigits: 1 }).format(Math.abs(rounded) / 100);
  if (rounded > 0) return { direction: 'up', text: `▲ +${magnitude}`, description: `up ${magnitude} versus the previous period` };
  if (rounded < 0) return { direction: 'down', text: `▼ −${magnitude}`, description: `down ${magnitude} versus the previous period` };
  return { direction: 'flat', text: `→ ${magnitude}`, description: `unchanged versus the previous period` };
}
