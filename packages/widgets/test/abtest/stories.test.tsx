// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import * as abTests from '../../../../stories/ab-tests.stories.js';

/**
 * Every A/B story renders its state with its canned rows: data stories show content and no
 * error, Loading only skeletons, Empty only explained empty states, Error only errors with
 * Retry (as the other story tests check).
 */
type StoryModule = Record<string, unknown> & { default: { args?: Record<string, unknown>; render?: (args: Record<string, unknown>) => preact.ComponentChild } };
const module = abTests as unknown as StoryModule;

let container: HTMLElement | null = null;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
  container = null;
});

async function show(name: string): Promise<HTMLElement> {
  const story = module[name] as { args?: Record<string, unknown>; render?: StoryModule['default']['render'] };
  const args = { ...(module.default.args ?? {}), ...(story.args ?? {}) };
  const draw = story.render ?? module.default.render!;
  container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    render(draw(args), container!);
  });
  // The canned engine answers after 150 ms.
  for (let i = 0; i < 80 && container.querySelector('.clv-loading') && name !== 'Loading'; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 25));
    });
  }
  return container;
}

describe('A/B test stories', () => {
  const names = Object.keys(module).filter((k) => k !== 'default');
  test(names.join(', '), async () => {
    expect(names).toEqual(expect.arrayContaining(['Ready', 'Loading', 'Empty', 'Error', 'Dark', 'SegmentTest', 'AbTestsDashboard']));
    for (const name of names) {
      const root = await show(name);
      const widgets = root.querySelectorAll('.clv-widget').length;
      expect(widgets, name).toBeGreaterThan(0);
      const state = name === 'Loading' ? '.clv-loading' : name === 'Empty' ? '.clv-empty' : name === 'Error' ? '.clv-error' : null;
      if (state) expect(root.querySelectorAll(state).length, name).toBe(widgets);
      else {
        expect(root.querySelector('.clv-error'), name).toBeNull();
        expect(root.querySelector('.clv-loading'), name).toBeNull();
        expect(root.querySelector('.clv-empty'), name).toBeNull();
        expect(root.querySelectorAll('svg.clv-svg').length, name).toBeGreaterThan(0);
      }
      render(null, root);
      root.remove();
      container = null;
    }
  }, 60_000);
});
