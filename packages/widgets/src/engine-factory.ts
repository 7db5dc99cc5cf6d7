import type { EngineLike } from './engine-like.js';

/** How a dashboard creates its own engine (the `<clv-dashboard>` attributes). */
export interface DashboardDataOptions {
  /** Only `sample` (the synthetic demo shop of @clvkit/sample-data) can be named by attribute. */
  readonly source: 'sample';
  /** Number of orders generated (default: the engine's). */
  readonly orders?: number;
  /** Generator seed (default: the engine's). */
  readonly seed?: number;
  /** IANA time zone of buckets. */
  readonly timeZone?: string;
  /** Where the engine runs: `auto` (a Web Worker where possible) or `inline` (main thread). */
  readonly worker?: 'auto' | 'inline';
}

/** An engine the widgets created themselves, and so must destroy. */
export interface OwnedEngine extends EngineLike {
  destroy(): void;
}

/**
 * Creates an engine for `options`, importing `@clvkit/engine` lazily so pages that pass their
 * own engine do not download it with the widgets.
 */
export async function createOwnedEngine(options: DashboardDataOptions): Promise<OwnedEngine> {
  if (options.source !== 'sample') throw new RangeError(`source: only "sample" can be created from options, got "${String(options.source)}"`);
  const { createEngine } = await import('@clvkit/engine');
  const source: { kind: 'sample'; orders?: number; seed?: number; timeZone?: string } = { kind: 'sample' };
  if (options.orders !== undefined) source.orders = options.orders;
  if (options.seed !== undefined) source.seed = options.seed;
  if (options.timeZone !== undefined) source.timeZone = options.timeZone;
  return createEngine({ source, worker: options.worker ?? 'auto' }) as unknown as OwnedEngine;
}
