/**
 * What the browser bundle exports (`window.clvkit` for the <script> file, the module's exports
 * for dist/clvkit.esm.js): the widgets package, with the heavier widgets' components in their
 * lazy versions (lazy-widgets.ts: the same props, their code in a chunk loaded on first
 * render), plus the engine, selection and predicates a page without a build step needs.
 */
export * from './exports.js';
export * from './lazy-widgets.js';
export { createEngine, toCsv, StaleQueryError } from '@clvkit/engine';
export { Selection, interval, isIn, prefix, calendarFor, ClvDataError, MissingInputError } from '@clvkit/core';
