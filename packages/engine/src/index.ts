/**
 * @clvkit/engine: the analytics worker and its main-thread client. The client imports neither
 * @clvkit/analytics nor @clvkit/sample-data: they live in the worker's chunk (or are loaded
 * lazily in inline mode), so a widget bundle stays small.
 */
export { createEngine } from './client.js';
export type { WorkerEngine } from './client.js';
export type {
  Engine,
  EngineInfo,
  EngineOptions,
  EngineSource,
  EngineStats,
  EngineStatus,
  FieldInfo,
  PrefetchOptions,
  QueryOptions,
  RemoteSource,
  TableInfo,
  WorkerOption,
} from './types.js';
export type { QueryProgress } from './worker-api.js';
export { EngineError, SourceReadError, StaleQueryError } from './errors.js';
export { RemoteSourceError } from './remote-source.js';
export { exportCsv, toCsv } from './csv-export.js';
export type { CsvColumn, CsvOptions } from './csv-export.js';
