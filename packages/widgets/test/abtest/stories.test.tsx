// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import * as abTests from '../../../../stories/ab-tests.stories.js';
import { cleanupStory, renderStory, waitFor, type StoryModule } from '../../../../stories/support/render-story.js';

/**
 * Every A/B story renders its state with its canned rows: data stories show content and no
 * error, Loading only skeletons, Empty only explained empty states, Error only errors with
 * Retry (as the other story tests check).
 */
const module = abTests as unknown as StoryModule;

afterEach(cleanupStory);

const show = (name: string): Promise<HTMLElement> => renderStory(module, name, (root) => name === 'Loading' || root.querySelector('.clv-loading') === null);

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
      cleanupStory();
    }
  }, 60_000);
});
