/** @jsxImportSource react */
/**
 * clvkit in a React 19 host app: `<clv-dashboard>` and `<clv-*>` elements in JSX with typed
 * props and events (`@clvkit/widgets/jsx/react`), `engine` and `selection` set through refs,
 * the selection mirrored into React state, and one widget placed with `mount()` from an effect
 * whose cleanup calls `destroy()`. `window.clvReact` lets the browser test unmount the app.
 */
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createEngine } from '@clvkit/engine';
import { Selection, type Clause } from '@clvkit/core';
import { defineElements, mount, type ClvErrorDetail } from '@clvkit/widgets';
import type {} from '@clvkit/widgets/jsx/react';

// Before the first render: React 19 sets a prop as a property only when the element already has it.
defineElements();

// One engine for the whole app, shared by the elements and the mount()ed widget.
const engine = createEngine({ source: { kind: 'sample', orders: 20_000, seed: 42 } });

function App() {
  const [selection] = useState(() => new Selection());
  const [clauses, setClauses] = useState<readonly Clause[]>([]);
  const [errors, setErrors] = useState<readonly ClvErrorDetail[]>([]);
  const [lastSelect, setLastSelect] = useState('');
  const dashboard = useRef<HTMLElementTagNameMap['clv-dashboard']>(null);
  const products = useRef<HTMLElementTagNameMap['clv-top-products']>(null);
  const mounted = useRef<HTMLDivElement>(null);

  // The selection is a signal: subscribe() returns the unsubscribe function React's cleanup wants.
  useEffect(() => selection.subscribe(setClauses), [selection]);

  // Objects go in as properties through refs (an attribute could only carry a string).
  useEffect(() => {
    dashboard.current!.engine = engine;
    dashboard.current!.selection = selection;
  }, [selection]);

  // A widget outside the dashboard: given the engine and selection explicitly, so it is linked too.
  useEffect(() => {
    products.current!.engine = engine;
    products.current!.selection = selection;
  }, [selection]);

  // mount() from an effect; destroy() on unmount removes its DOM, listeners and subscriptions.
  useEffect(() => {
    const handle = mount(mounted.current!, { widget: 'kpi-cards', engine, selection, metrics: ['orders', 'revenue'] });
    return () => handle.destroy();
  }, [selection]);

  return (
    <main>
      <h1>clvkit in React 19</h1>
      <p>
        Selection: <output id="selection">{clauses.map((clause) => clause.label ?? clause.source).join('; ') || 'none'}</output>
        {' '}<button type="button" id="clear" onClick={() => selection.clear()}>Clear</button>
      </p>
      <p>Last clv-select from: <output id="last-select">{lastSelect}</output>. Errors: <output id="errors">{errors.length}</output></p>
      <clv-dashboard
        ref={dashboard}
        locale="en-US"
        onclv-select={(event) => setLastSelect(event.detail.source)}
        onclv-error={(event) => setErrors((list) => [...list, event.detail])}
      >
        <clv-kpi-cards metrics={['orders', 'revenue', 'customers']} />
        <clv-top-categories heading="Top categories" limit={8} />
        <clv-dimension-picker />
      </clv-dashboard>
      <h2>Outside the dashboard</h2>
      <clv-top-products ref={products} heading="Top products" limit={5} onclv-error={(event) => setErrors((list) => [...list, event.detail])} />
      <h2>Placed with mount()</h2>
      <div id="mounted" ref={mounted} />
    </main>
  );
}

const root = createRoot(document.getElementById('root')!);
root.render(
  <StrictMode>
    <App />
  </StrictMode>,
);

declare global {
  interface Window {
    /** For the browser test: unmount the React tree. */
    clvReact?: { unmount(): void };
  }
}
window.clvReact = { unmount: () => root.unmount() };
