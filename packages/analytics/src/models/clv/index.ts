// Public model functions of the clv area (re-exported from the package index).
export {};
