/**
 * A fixed-window rate limit per key (an API key, a user, an address): at most `requests` per
 * `perMs` window. Fixed windows are enough here: the point is to keep one caller from flooding
 * the cluster, not to shape traffic. Keys are forgotten once their window is over, so the map
 * holds only callers of the current window.
 */

/** Options of the rate limit. */
export interface RateLimitOptions {
  /** Requests allowed per window. */
  readonly requests: number;
  /** Window length in milliseconds. */
  readonly perMs: number;
  /** The caller's key. Default: one shared key (a global limit). */
  readonly key?: (request: Request) => string | Promise<string>;
  /** Clock (for tests). Default `Date.now`. */
  readonly now?: () => number;
}

/** Counts requests per key; `take` says whether one more is allowed and when to retry. */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();
  readonly #options: RateLimitOptions;
  #lastSweep = 0;

  constructor(options: RateLimitOptions) {
    if (!Number.isInteger(options.requests) || options.requests < 1) throw new RangeError(`rateLimit.requests must be an integer >= 1, got ${options.requests}`);
    if (!(options.perMs > 0)) throw new RangeError(`rateLimit.perMs must be > 0, got ${options.perMs}`);
    this.#options = options;
  }

  /** Counts one request of `key`; returns null when allowed, else the seconds until the window ends. */
  take(key: string): number | null {
    const now = (this.#options.now ?? Date.now)();
    const { perMs, requests } = this.#options;
    if (now - this.#lastSweep > perMs) this.#sweep(now);
    let window = this.#windows.get(key);
    if (!window || now - window.start >= perMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    if (window.count >= requests) return Math.max(1, Math.ceil((window.start + perMs - now) / 1000));
    window.count++;
    return null;
  }

  #sweep(now: number): void {
    this.#lastSweep = now;
    for (const [key, window] of this.#windows) if (now - window.start >= this.#options.perMs) this.#windows.delete(key);
  }
}
