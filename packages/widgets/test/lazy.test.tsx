// @vitest-environment happy-dom
/**
 * Lazy widgets and layouts (ui/lazy.tsx, lazy-widgets.ts): the placeholder until the code has
 * loaded, then the component itself with the same props; a failed load says so and Retry loads
 * again; `preload` warms the code; the custom elements of lazy widgets end up as the widget.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { ComponentType } from 'preact';
import { Selection } from '@clvkit/core';
import { defineElements, preload, WIDGETS, type WidgetElement } from '../src/index.js';
import { lazyComponent, lazyWidget, LayoutPlaceholder } from '../src/ui/lazy.js';
import { fakeEngine, interact, renderInto, settle } from './helpers.js';

beforeAll(() => defineElements());

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
  document.body.replaceChildren();
});

/** A promise with its resolve and reject. */
function manual<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A stand-in widget (the lazy wrapper passes every prop through, className and theme included). */
function Greeting({ name }: { name: string; className?: string; theme?: string }) {
  return <p class="greeting">Hello {name}</p>;
}

describe('lazyWidget', () => {
  test('shows the widget root with a skeleton until the code arrives, then the component with the same props', async () => {
    const code = manual<typeof Greeting>();
    let loads = 0;
    const Lazy = lazyWidget('greeting', () => {
      loads++;
      return code.promise;
    });
    const r = renderInto(<Lazy name="Ada" className="clv-wide" theme="dark" />);
    cleanup.push(r.unmount);
    const root = r.container.firstElementChild as HTMLElement;
    expect(root.className).toBe('clv-root clv-widget clv-greeting clv-wide');
    expect(root.getAttribute('data-clv-theme')).toBe('dark');
    expect(root.hasAttribute('data-clv-lazy')).toBe(true);
    expect(root.querySelector('.clv-loading[aria-busy="true"] .clv-skeleton')).not.toBeNull();
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Loading greeting…');

    code.resolve(Greeting);
    await settle(1);
    expect(r.container.innerHTML).toBe('<p class="greeting">Hello Ada</p>');
    r.rerender(<Lazy name="Grace" />);
    expect(r.container.innerHTML).toBe('<p class="greeting">Hello Grace</p>');

    // A second instance renders the component at once; the code was asked for once.
    const again = renderInto(<Lazy name="Linus" />);
    cleanup.push(again.unmount);
    expect(again.container.innerHTML).toBe('<p class="greeting">Hello Linus</p>');
    expect(loads).toBe(1);
  });

  test('a failed load shows what failed with Retry, which loads again', async () => {
    const attempts = [manual<typeof Greeting>(), manual<typeof Greeting>()];
    let n = 0;
    const Lazy = lazyWidget('greeting', () => attempts[n++].promise);
    const r = renderInto(<Lazy name="Ada" />);
    cleanup.push(r.unmount);
    attempts[0].reject(new Error('chunk 404'));
    await settle(1);
    const alert = r.container.querySelector('.clv-error[role="alert"]')!;
    expect(alert.querySelector('.clv-error-title')!.textContent).toBe('Could not load the code of greeting');
    expect(alert.querySelector('.clv-error-detail')!.textContent).toBe('chunk 404');
    await interact(() => (r.container.querySelector('.clv-retry') as HTMLButtonElement).click());
    expect(n).toBe(2);
    expect(r.container.querySelector('[aria-busy="true"]')).not.toBeNull();
    attempts[1].resolve(Greeting);
    await settle(1);
    expect(r.container.innerHTML).toBe('<p class="greeting">Hello Ada</p>');
  });

  test('preload loads the code before the first render; other components resolve at once', async () => {
    let loads = 0;
    const Lazy = lazyComponent(async () => {
      loads++;
      return Greeting;
    }, LayoutPlaceholder);
    await preload(Lazy);
    await preload(Greeting);
    expect(loads).toBe(1);
    const r = renderInto(<Lazy name="Ada" />);
    cleanup.push(r.unmount);
    expect(r.container.innerHTML).toBe('<p class="greeting">Hello Ada</p>');
  });

  test('a layout placeholder is one wide card with the skeleton', () => {
    const Lazy = lazyComponent(() => new Promise<typeof Greeting>(() => undefined), LayoutPlaceholder);
    const r = renderInto(<Lazy name="Ada" />);
    cleanup.push(r.unmount);
    const card = r.container.firstElementChild!;
    expect(card.className).toBe('clv-widget clv-wide clv-layout-loading');
    expect(card.querySelector('[role="status"]')!.textContent).toBe('Loading the dashboard…');
  });
});

describe('custom elements of lazy widgets', () => {
  test('<clv-segment-treemap> shows the placeholder, then the treemap asking its analysis', async () => {
    const engine = fakeEngine();
    const element = document.createElement('clv-segment-treemap') as WidgetElement;
    element.engine = engine;
    element.selection = new Selection();
    await interact(() => document.body.append(element));
    expect(element.querySelector('[data-clv-lazy] .clv-skeleton')).not.toBeNull();
    await preload(WIDGETS['segment-treemap'].component);
    // One pass for the loaded widget to render, one for its query's frame.
    await settle();
    expect(element.querySelector('[data-clv-lazy]')).toBeNull();
    expect(element.querySelector('.clv-segment-treemap .clv-segment-treemap-widget')).not.toBeNull();
    await settle();
    expect(engine.calls.map((c) => (c.spec.kind === 'analysis' ? c.spec.name : c.spec.kind))).toEqual(['segmentation']);
  });

  test('every lazy widget of the registry loads its component', async () => {
    const lazy = Object.values(WIDGETS).filter((w) => w.component.name === 'Lazy');
    expect(lazy.length).toBeGreaterThan(20);
    await Promise.all(lazy.map((w) => preload(w.component as ComponentType<never>)));
    for (const { tag } of lazy) {
      const element = document.createElement(tag) as WidgetElement;
      element.engine = fakeEngine();
      element.selection = new Selection();
      await interact(() => document.body.append(element));
      expect(element.querySelector('[data-clv-lazy]'), tag).toBeNull();
      expect(element.querySelector('.clv-widget'), tag).not.toBeNull();
    }
  });
});
