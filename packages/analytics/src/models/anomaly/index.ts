// Public model functions of the anomaly area (re-exported from the package index).
export {};
