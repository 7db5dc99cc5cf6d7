/**
 * The browser side: the same dashboard as examples/dashboard, but the engine's source is the
 * host's proxy endpoint instead of in-memory data. The widgets do not know the difference; the
 * browser never sees the cluster, only `/api/clvkit`.
 * `window.clvDemo` exposes engine and selection for the browser tests.
 */
import { createEngine } from '@clvkit/engine';
import { elasticsearchSource } from '@clvkit/elasticsearch/browser';
import { Selection } from '@clvkit/core';
import { defineElements, PRESETS, PRESET_NAMES, presetOf } from '@clvkit/widgets';
// The demo's stylesheet, imported so Vite serves it from examples/dashboard (outside this root).
import '../dashboard/demo.css';

defineElements();

const params = new URLSearchParams(location.search);
const preset = presetOf(params.get('preset'))?.name ?? 'overview';
const engine = createEngine({ source: elasticsearchSource({ endpoint: '/api/clvkit' }) });
const selection = new Selection();

const dashboard = document.getElementById('dashboard');
dashboard.setAttribute('preset', preset);
dashboard.engine = engine;
dashboard.selection = selection;

const presetSelect = document.getElementById('preset');
for (const name of PRESET_NAMES) {
  const option = document.createElement('option');
  option.value = name;
  option.textContent = `${PRESETS[name].title} (${PRESETS[name].origin})`;
  presetSelect.append(option);
}
presetSelect.value = preset;
document.title = `clvkit on Elasticsearch: ${PRESETS[preset].title}`;
presetSelect.addEventListener('change', () => {
  params.set('preset', presetSelect.value);
  location.search = params.toString();
});

const theme = document.getElementById('theme');
theme.addEventListener('click', () => {
  const dark = document.body.dataset.clvTheme !== 'dark';
  if (dark) document.body.dataset.clvTheme = 'dark';
  else delete document.body.dataset.clvTheme;
  theme.setAttribute('aria-pressed', String(dark));
});

Object.assign(window, { clvDemo: { engine, selection, preset, source: 'elasticsearch' } });
