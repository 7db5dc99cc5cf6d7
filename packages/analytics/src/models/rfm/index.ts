// Public model functions of the rfm area (re-exported from the package index).
export {};
