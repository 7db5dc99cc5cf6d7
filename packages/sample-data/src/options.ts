/** Options of the synthetic shop and their defaults. */
export interface ShopOptions {
  /** Number of orders (purchases) to generate; hit exactly. Default 20 000; 1 000 .. 1 000 000 supported, 10M works slowly. */
  orders?: number;
  /** Integer PRNG seed (used modulo 2^32); the same seed gives the same shop on every machine. Default 42. */
  seed?: number;
  /** First local calendar day of the shop's history, `YYYY-MM-DD`. Default `2024-07-01`. */
  start?: string;
  /** Length of the history in days. Default 730 (two years); at least 60. */
  days?: number;
  /** IANA time zone of the shop: daily rhythms and holidays follow its local clock. Default `UTC`. */
  timeZone?: string;
}

/** `ShopOptions` with every default filled in and validated. */
export interface ResolvedShopOptions {
  readonly orders: number;
  readonly seed: number;
  readonly start: string;
  readonly days: number;
  readonly timeZone: string;
}

/** The defaults of `ShopOptions`. */
export const DEFAULT_SHOP_OPTIONS: ResolvedShopOptions = Object.freeze({
  orders: 20_000,
  seed: 42,
  start: '2024-07-01',
  days: 730,
  timeZone: 'UTC',
});

/** Fills defaults and throws a `RangeError` naming the option when one is invalid. */
export function resolveShopOptions(options: ShopOptions = {}): ResolvedShopOptions {
  const orders = options.orders ?? DEFAULT_SHOP_OPTIONS.orders;
  const seed = options.seed ?? DEFAULT_SHOP_OPTIONS.seed;
  const start = options.start ?? DEFAULT_SHOP_OPTIONS.start;
  const days = options.days ?? DEFAULT_SHOP_OPTIONS.days;
  const timeZone = options.timeZone ?? DEFAULT_SHOP_OPTIONS.timeZone;
  if (!Number.isInteger(orders) || orders < 1 || orders > 100_000_000) {
    throw new RangeError(`orders: expected an integer 1 .. 100 000 000, got ${String(orders)}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed: expected an integer, got ${String(seed)}`);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  const parsed = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : null;
  if (!match || !parsed || parsed.toISOString().slice(0, 10) !== start) {
    throw new RangeError(`start: expected a calendar date YYYY-MM-DD, got "${start}"`);
  }
  if (!Number.isInteger(days) || days < 60 || days > 3660) {
    throw new RangeError(`days: expected an integer 60 .. 3660, got ${String(days)}`);
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new RangeError(`timeZone: "${timeZone}" is not an IANA time zone this runtime knows (e.g. "Europe/London", "UTC")`);
  }
  return { orders, seed, start, days, timeZone };
}
