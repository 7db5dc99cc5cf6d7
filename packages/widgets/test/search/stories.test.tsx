// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import * as stories from '../../../../stories/search.stories.js';
import { key } from '../helpers.js';
import { cleanupStory, renderStory, waitFor, type StoryModule } from '../../../../stories/support/render-story.js';

const module = stories as unknown as StoryModule;

afterEach(cleanupStory);

const wait = waitFor;

const show = (name: string, done?: (root: HTMLElement) => boolean): Promise<HTMLElement> => renderStory(module, name, done);

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
      cleanupStory();
    }
  });

  test('entity views render their widgets without errors', async () => {
    for (const name of ['ProductView', 'CustomerView', 'PromotionView', 'DimensionView']) {
      const root = await show(name, (r) => r.querySelector('.clv-loading, .clv-ab-status[role="status"]') === null);
      expect([...root.querySelectorAll('.clv-error')].map((e) => e.textContent), name).toEqual([]);
      expect(root.querySelector('.clv-entity-grid')!.children.length, name).toBeGreaterThanOrEqual(3);
      cleanupStory();
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
