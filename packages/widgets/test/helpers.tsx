import { render as preactRender, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import type { Filter, QueryResult, QuerySpec } from '@clvkit/core';
import type { EngineLike, QueryOptions } from '../src/engine-like.js';

/** One query the fake engine received, with the means to answer it by hand. */
export interface FakeCall {
  readonly spec: QuerySpec;
  readonly filter: Filter | undefined;
  readonly source: string | undefined;
  readonly signal: AbortSignal | undefined;
  resolve(result: QueryResult<unknown>): void;
  reject(error: unknown): void;
  onProgress?: QueryOptions['onProgress'];
}

/** A fake engine: records every query; answers with `respond` (or leaves it pending for the test to settle). */
export interface FakeEngine extends EngineLike {
  readonly calls: FakeCall[];
  /** The last call of `source` (or of any source). */
  last(source?: string): FakeCall;
}

/** `respond` returns canned rows, throws to reject, or returns `'pending'` to answer later by hand. */
export function fakeEngine(respond: (spec: QuerySpec, options: QueryOptions) => QueryResult<unknown> | 'pending' = () => 'pending'): FakeEngine {
  const calls: FakeCall[] = [];
  return {
    calls,
    last(source) {
      const found = [...calls].reverse().find((c) => source === undefined || c.source === source);
      if (!found) throw new Error(`no query from ${source ?? 'any source'}`);
      return found;
    },
    query<R>(spec: QuerySpec, options: QueryOptions = {}) {
      return new Promise<QueryResult<R>>((resolve, reject) => {
        calls.push({
          spec,
          filter: options.filter,
          source: options.source,
          signal: options.signal,
          onProgress: options.onProgress,
          resolve: (result) => resolve(result as QueryResult<R>),
          reject,
        });
        let answer: QueryResult<unknown> | 'pending';
        try {
          answer = respond(spec, options);
        } catch (error) {
          reject(error);
          return;
        }
        if (answer !== 'pending') resolve(answer as QueryResult<R>);
      });
    },
  };
}

/** An error with a given name, as the engine rebuilds them. */
export function namedError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  const error = new Error(message);
  error.name = name;
  Object.assign(error, extra);
  return error;
}

/** Renders into a fresh container attached to the document. */
export function renderInto(vnode: ComponentChild): { container: HTMLElement; rerender(next: ComponentChild): void; unmount(): void } {
  const container = document.createElement('div');
  document.body.append(container);
  act(() => {
    preactRender(vnode, container);
  });
  return {
    container,
    rerender(next) {
      act(() => {
        preactRender(next, container);
      });
    },
    unmount() {
      act(() => {
        preactRender(null, container);
      });
      container.remove();
    },
  };
}

/** Lets a frame pass (batched queries), promises settle and Preact re-render. */
export async function settle(frames = 3): Promise<void> {
  for (let i = 0; i < frames; i++) {
    await act(async () => {
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      for (let k = 0; k < 5; k++) await Promise.resolve();
    });
  }
  await act(async () => {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  });
}

/** Runs `fn` inside act() (an event dispatch, a selection change) and lets effects run. */
export async function interact(fn: () => void): Promise<void> {
  await act(async () => {
    fn();
    await Promise.resolve();
  });
}

/** Dispatches a click with the given modifier keys. */
export function click(target: Element, init: MouseEventInit = {}): void {
  target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init }));
}

/** Dispatches a keydown. */
export function key(target: Element, keyName: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, ...init }));
}

/** The SVG markup of `element` with numbers rounded to 2 decimals, one tag per line, for file snapshots. */
export function svgSnapshot(element: Element): string {
  return (
    element.outerHTML
      .replace(/^<svg /, '<svg xmlns="http://www.w3.org/2000/svg" ')
      .replace(/-?\d+\.\d+(?:e[-+]?\d+)?/g, (n) => String(Math.round(Number(n) * 100) / 100))
      .replace(/></g, '>\n<')
      .replace(/<([a-z]+)([^<>]*)>\n<\/\1>/g, '<$1$2/>') + '\n'
  );
}

/**
 * happy-dom's SVGPoint lacks `matrixTransform`, which d3's `pointer()` uses for brushes; add
 * the standard affine transform so brushing can be tested.
 */
export function polyfillSvgPoint(): void {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg') as SVGSVGElement;
  const proto = Object.getPrototypeOf(svg.createSVGPoint()) as { matrixTransform?: unknown };
  proto.matrixTransform ??= function (this: { x: number; y: number }, m: DOMMatrix) {
    return { x: m.a * this.x + m.c * this.y + m.e, y: m.b * this.x + m.d * this.y + m.f };
  };
}

/** Drags across the brush overlay of `container` from clientX `from` to `to` (identity screen CTM). */
export async function dragBrush(container: Element | ShadowRoot, from: number, to: number): Promise<void> {
  const overlay = container.querySelector('.clv-brush .overlay');
  if (!overlay) throw new Error('no brush overlay');
  await interact(() => {
    overlay.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, clientX: from, clientY: 50, view: window }));
    window.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, cancelable: true, clientX: to, clientY: 50, view: window }));
    window.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, cancelable: true, clientX: to, clientY: 50, view: window }));
  });
}

/** Waits until the time chart's brush (loaded on demand) is attached in `container`. */
export async function brushReady(container: Element | ShadowRoot): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (container.querySelector('.clv-brush .overlay')) return;
    await settle(1);
  }
  throw new Error('the brush was not attached');
}
