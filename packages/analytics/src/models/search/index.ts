// Public model functions of the search area (re-exported from the package index).
export {};
