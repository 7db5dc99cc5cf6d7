// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import * as stories from '../../../../stories/clv-prediction.stories.js';
import { cleanupStory, renderStory, waitFor, type StoryModule } from '../../../../stories/support/render-story.js';

/**
 * Every canned CLV story renders its state: Ready and the other data stories draw content and
 * no error, Loading a skeleton, Empty an explained empty state, Error the error, Fitting the
 * model's progress. (The Live stories run the real engine and are left to the browser.)
 */
type Story = { args?: Record<string, unknown>; render?: (args: Record<string, unknown>) => preact.ComponentChild };
const module = stories as unknown as Record<string, Story> & { default: Story };

afterEach(cleanupStory);

const show = (name: string, until: (root: HTMLElement) => boolean): Promise<HTMLElement> => renderStory(module as unknown as StoryModule, name, until, 60);

const names = Object.keys(module).filter((k) => k !== 'default' && !k.startsWith('Live') && typeof module[k] === 'object' && module[k] !== null);

describe('CLV prediction stories', () => {
  test('the state stories of the timeline', async () => {
    expect(names).toEqual(expect.arrayContaining(['Ready', 'Loading', 'Empty', 'Error', 'Dark', 'Fitting']));
    expect((await show('Loading', () => false)).querySelector('.clv-loading .clv-skeleton')).not.toBeNull();
    expect((await show('Empty', (r) => r.querySelector('.clv-empty') !== null)).querySelector('.clv-empty-title')!.textContent).toBe('No days in the data');
    expect((await show('Error', (r) => r.querySelector('.clv-error') !== null)).querySelector('.clv-error-detail')!.textContent).toMatch(/did not converge/);
    const fitting = await show('Fitting', (r) => r.querySelector('.clv-progress') !== null);
    expect(fitting.querySelector('.clv-progress')!.textContent).toMatch(/^Fitting BG\/NBD and Gamma-Gamma: \d+ \/ 20$/);
  });

  for (const name of names.filter((n) => !['Loading', 'Empty', 'Error', 'Fitting'].includes(n))) {
    test(`${name} draws its data`, async () => {
      const root = await show(name, (r) => r.querySelector('.clv-loading') === null && r.querySelector('svg.clv-svg, table.clv-table') !== null);
      expect(root.querySelector('.clv-error'), name).toBeNull();
      expect(root.querySelector('.clv-loading'), name).toBeNull();
      expect(root.querySelector('.clv-empty'), name).toBeNull();
      expect(root.querySelector('svg.clv-svg, table.clv-table'), name).not.toBeNull();
    });
  }
});
