/**
 * Entry of the browser bundle: dist/clvkit.js (a classic <script>, with its chunk loader) and
 * dist/clvkit.esm.js (<script type="module">). On load it registers every custom element and
 * sets `window.clvkit` to the SDK (browser-api.ts), so a page with no build step can use the
 * elements directly or drive them from its own script. The heavier widgets and the dashboard
 * presets other than the overview load as chunks (dist/chunks/, dist/esm/) on first use.
 */
import * as clvkit from './browser-api.js';
import { defineElements } from './elements/define.js';

export * from './browser-api.js';

defineElements();
(globalThis as { clvkit?: unknown }).clvkit = clvkit;
