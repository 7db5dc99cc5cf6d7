/**
 * The demo host app: creates one engine (sample data in a worker) and one selection, and
 * hands both to the dashboard preset chosen in the switcher (`?preset=`, default `overview`).
 * `window.clvDemo` exposes them for the browser tests and for poking at the host API from the
 * console.
 */
import { createEngine } from '@clvkit/engine';
import { Selection } from '@clvkit/core';
import { defineElements, PRESETS, PRESET_NAMES, presetOf } from '@clvkit/widgets';

defineElements();

const params = new URLSearchParams(location.search);
const orders = Number(params.get('orders') ?? 20_000);
const seed = Number(params.get('seed') ?? 42);
const preset = presetOf(params.get('preset'))?.name ?? 'overview';
const engine = createEngine({ source: { kind: 'sample', orders, seed } });
const selection = new Selection();

const dashboard = document.getElementById('dashboard') as HTMLElement & { engine: unknown; selection: unknown };
dashboard.setAttribute('preset', preset);
dashboard.engine = engine;
dashboard.selection = selection;

const presetSelect = document.getElementById('preset') as HTMLSelectElement;
for (const name of PRESET_NAMES) {
  const option = document.createElement('option');
  option.value = name;
  option.textContent = `${PRESETS[name].title} (${PRESETS[name].origin})`;
  presetSelect.append(option);
}
presetSelect.value = preset;
const subtitle = document.getElementById('subtitle');
if (subtitle) subtitle.textContent = `${PRESETS[preset as keyof typeof PRESETS].title} on sample data`;
document.title = `clvkit demo: ${PRESETS[preset as keyof typeof PRESETS].title}`;
presetSelect.addEventListener('change', () => {
  // A fresh page per preset: the selection's clauses belong to the widgets of one layout.
  params.set('preset', presetSelect.value);
  location.search = params.toString();
});

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

Object.assign(window, { clvDemo: { engine, selection, orders, seed, preset } });
