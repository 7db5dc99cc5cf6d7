// Lazy tfjs access (re-exported from the package index through models/anomaly).
export { loadTf, setTfLoader } from './load-tf.js';
export type { TfLoader, TfModules } from './types.js';
