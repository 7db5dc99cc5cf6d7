/**
 * Entry of the <script> browser bundle (dist/clvkit.js): registers every custom element on
 * load and exposes the SDK as `window.clvkit` (engine, selection, predicates, widgets), so a
 * page with no build step can use the elements directly or drive them from its own script.
 */
import { defineElements } from './elements/define.js';

export * from './index.js';
export { createEngine, toCsv, StaleQueryError } from '@clvkit/engine';
export { Selection, interval, isIn, prefix, calendarFor, ClvDataError, MissingInputError } from '@clvkit/core';

defineElements();
