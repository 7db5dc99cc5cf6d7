// Public model functions of the anomaly area (re-exported from the package index).
export { loadTf, setTfLoader, type TfLoader, type TfModules } from '../tf/index.js';
