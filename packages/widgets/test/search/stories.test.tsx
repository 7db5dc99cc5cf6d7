// @vitest-environment happy-dom
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import * as stories from '../../../../stories/search.stories.js';
import { key } from '../helpers.js';

type StoryModule = Record<string, unknown> & { default: { args?: Record<string, unknown>; render?: (args: Record<string, unknown>) => ComponentChild } };
const module = stories as unknown as StoryModule;

let container: HTMLElement | null = null;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
  container = null;
});

async function wait(ms: number): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

async function show(name: string, done: (root: HTMLElement) => boolean = (r) => r.querySelector('.clv-loading') === null): Promise<HTMLElement> {
  const story = module[name] as { args?: Record<string, unknown>; render?: StoryModule['default']['render'] };
  const args = { ...(module.default.args ?? {}), ...(story.args ?? {}) };
  const draw = story.render ?? module.default.render!;
  container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    render(draw(args), container!);
  });
  for (let i = 0; i < 80 && !done(container); i++) await wait(25);
  return container;
}

async function type(root: HTMLElement, text: string): Promise<HTMLInputElement> {
  const input = root.querySelector('input[role="combobox"]') as HTMLInputElement;
  await act(async () => {
    input.focus();
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await wait(600);
  return input;
}

const status = (root: HTMLElement) => root.querySelector('.clv-search-status')!.textContent;

describe('search stories', () => {
  test('every state and entity has a story', () => {
    expect(Object.keys(module).filter((k) => k !== 'default')).toEqual(
      expect.arrayContaining(['Ready', 'Loading', 'Empty', 'Error', 'Dark', 'ProductView', 'CustomerView', 'PromotionView', 'DimensionView', 'EntityLoading', 'EntityError', 'SearchDashboard', 'LiveSearch']),
    );
  });

  test('Ready: "store" finds the dimension values, markup in a value stays text', async () => {
    const root = await show('Ready');
    await type(root, 'store');
    expect([...root.querySelectorAll('[role="option"]')].map((o) => o.getAttribute('data-value'))).toEqual(['Berlin store', '<script>alert("x")</script> store']);
    expect(root.querySelector('[role="listbox"] script')).toBeNull();
  });

  test('Loading, Empty and Error say so in the status', async () => {
    const expected: Record<string, RegExp> = { Loading: /^Searching…$/, Empty: /^No results for “run”\.$/, Error: /^Search failed: The analytics worker stopped/ };
    for (const [name, text] of Object.entries(expected)) {
      const root = await show(name);
      await type(root, 'run');
      expect(status(root), name).toMatch(text);
      render(null, root);
    }
  });

  test('entity views render their widgets without errors', async () => {
    for (const name of ['ProductView', 'CustomerView', 'PromotionView', 'DimensionView']) {
      const root = await show(name, (r) => r.querySelector('.clv-loading, .clv-ab-status[role="status"]') === null);
      expect([...root.querySelectorAll('.clv-error')].map((e) => e.textContent), name).toEqual([]);
      expect(root.querySelector('.clv-entity-grid')!.children.length, name).toBeGreaterThanOrEqual(3);
      render(null, root);
    }
    const loading = await show('EntityLoading', () => false);
    expect(loading.querySelector('.clv-loading')).not.toBeNull();
    const failed = await show('EntityError');
    expect(failed.querySelector('.clv-error')).not.toBeNull();
  });

  test('the search dashboard: search, choose with the keyboard, the entity view opens', async () => {
    const root = await show('SearchDashboard');
    const input = await type(root, 'bundle');
    await act(async () => key(input, 'ArrowDown'));
    await act(async () => key(input, 'Enter'));
    await wait(400);
    expect(root.querySelector('.clv-entity-view-body')!.getAttribute('data-entity-value')).toBe('BUNDLEUP');
    expect(root.querySelector('.clv-ab-test[data-metric="orders"] .clv-ab-verdict dd')!.textContent).toBe('Increase');
  });
});
