/**
 * The worker entry: exposes the engine's worker API over comlink on the worker's global scope.
 * Bundlers reach it through `new URL('./worker.ts', import.meta.url)` in default-worker.ts.
 */
import * as Comlink from 'comlink';
import { createWorkerApi } from './worker-api.js';

Comlink.expose(createWorkerApi(), self as unknown as Comlink.Endpoint);
