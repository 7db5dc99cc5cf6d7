/**
 * clvkit with the analytics' cross-filter fast path off (every query a plain scan): the
 * "before" column of the benchmark. run.mjs runs it only where
 * packages/analytics/src/crossfilter/settings.ts exists.
 */
// @ts-ignore the lead's module; run.mjs bundles this entry only where it exists
import { fastPathSettings } from '../../packages/analytics/src/crossfilter/settings.js';

fastPathSettings.enabled = false;
(globalThis as any).__clvkitBenchVariant = 'clvkit-scan';
await import('./clvkit.js');
