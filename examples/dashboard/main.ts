/**
 * The demo host app: creates one engine (sample data in a worker) and one selection, and
 * hands both to the overview dashboard. `window.clvDemo` exposes them for the browser tests
 * and for poking at the host API from the console.
 */
import { createEngine } from '@clvkit/engine';
import { Selection } from '@clvkit/core';
import { defineElements } from '@clvkit/widgets';

defineElements();

const params = new URLSearchParams(location.search);
const orders = Number(params.get('orders') ?? 20_000);
const seed = Number(params.get('seed') ?? 42);
const engine = createEngine({ source: { kind: 'sample', orders, seed } });
const selection = new Selection();

const dashboard = document.getElementById('dashboard') as HTMLElement & { engine: unknown; selection: unknown };
dashboard.engine = engine;
dashboard.selection = selection;

const size = document.getElementById('size') as HTMLSelectElement;
size.value = String(orders);
size.addEventListener('change', () => {
  params.set('orders', size.value);
  location.search = params.toString();
});

const theme = document.getElementById('theme') as HTMLButtonElement;
theme.addEventListener('click', () => {
  const dark = document.body.dataset.clvTheme !== 'dark';
  if (dark) document.body.dataset.clvTheme = 'dark';
  else delete document.body.dataset.clvTheme;
  theme.setAttribute('aria-pressed', String(dark));
});

Object.assign(window, { clvDemo: { engine, selection, orders, seed } });
