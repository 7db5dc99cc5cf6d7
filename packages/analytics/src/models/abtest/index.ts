// Public model functions of the abtest area (re-exported from the package index).
export {};
