/**
 * clvkit in a Vue 3 host app, with render functions so it needs only Vue's runtime build (no
 * template compiler, nothing evaluated from strings: it runs under a strict CSP). `h('clv-…')`
 * creates the custom elements; Vue sets a prop as a DOM property when the element has it, so
 * `engine`, `selection` and array options go in as objects, and `onClvSelect` listens to
 * `clv-select`. One widget is placed with `mount()` in `onMounted`, destroyed in
 * `onBeforeUnmount`. `window.clvVue` lets the browser test unmount the app.
 */
import { createApp, defineComponent, h, onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { createEngine } from '@clvkit/engine';
import { Selection, type Clause } from '@clvkit/core';
import { defineElements, mount, type ClvErrorDetail, type ClvSelectDetail, type MountHandle } from '@clvkit/widgets';

// Before the first render, so the elements have their properties when Vue sets them.
defineElements();

const engine = createEngine({ source: { kind: 'sample', orders: 20_000, seed: 42 } });

const App = defineComponent({
  setup() {
    const selection = new Selection();
    const clauses = shallowRef<readonly Clause[]>([]);
    const lastSelect = ref('');
    const errors = ref(0);
    const mounted = ref<HTMLDivElement | null>(null);
    let unsubscribe: (() => void) | undefined;
    let handle: MountHandle<Record<string, unknown>> | undefined;

    onMounted(() => {
      unsubscribe = selection.subscribe((list) => (clauses.value = list));
      handle = mount(mounted.value!, { widget: 'kpi-cards', engine, selection, metrics: ['orders', 'revenue'] });
    });
    onBeforeUnmount(() => {
      unsubscribe?.();
      handle?.destroy();
    });

    const onClvError = (event: CustomEvent<ClvErrorDetail>) => (errors.value += 1);

    return () =>
      h('main', [
        h('h1', 'clvkit in Vue 3'),
        h('p', [
          'Selection: ',
          h('output', { id: 'selection' }, clauses.value.map((clause) => clause.label ?? clause.source).join('; ') || 'none'),
          ' ',
          h('button', { type: 'button', id: 'clear', onClick: () => selection.clear() }, 'Clear'),
        ]),
        h('p', ['Last clv-select from: ', h('output', { id: 'last-select' }, lastSelect.value), '. Errors: ', h('output', { id: 'errors' }, String(errors.value))]),
        h(
          'clv-dashboard',
          {
            engine,
            selection,
            locale: 'en-US',
            onClvSelect: (event: CustomEvent<ClvSelectDetail>) => (lastSelect.value = event.detail.source),
            onClvError,
          },
          [h('clv-kpi-cards', { metrics: ['orders', 'revenue', 'customers'] }), h('clv-top-categories', { heading: 'Top categories', limit: 8 }), h('clv-dimension-picker')],
        ),
        h('h2', 'Outside the dashboard'),
        h('clv-top-products', { engine, selection, heading: 'Top products', limit: 5, onClvError }),
        h('h2', 'Placed with mount()'),
        h('div', { id: 'mounted', ref: mounted }),
      ]);
  },
});

const app = createApp(App);
app.mount('#app');

declare global {
  interface Window {
    /** For the browser test: unmount the Vue app. */
    clvVue?: { unmount(): void };
  }
}
window.clvVue = { unmount: () => app.unmount() };
