/**
 * The worker entry: serves the engine's worker API on the worker's global scope (batches of
 * queries directly, everything else over comlink). Bundlers reach it through
 * `new URL('./worker.ts', import.meta.url)` in default-worker.ts.
 */
import type * as Comlink from 'comlink';
import { exposeWorkerApi } from './serve-worker-api.js';
import { createWorkerApi } from './worker-api.js';

exposeWorkerApi(createWorkerApi(), self as unknown as Comlink.Endpoint);
