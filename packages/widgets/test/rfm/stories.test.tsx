// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import * as rfm from '../../../../stories/rfm.stories.js';
import * as scatter from '../../../../stories/scatter.stories.js';
import * as segmentTreemap from '../../../../stories/segment-treemap.stories.js';
import { cleanupStory, renderStory, waitFor, type StoryModule } from '../../../../stories/support/render-story.js';

/**
 * Every RFM story renders its state with its canned rows: data stories show content and no
 * error, Loading only skeletons, Empty only explained empty states, Error only errors with
 * Retry (as stories/chart-stories.test.tsx checks the other chart stories).
 */
const MODULES = { rfm, scatter, segmentTreemap } as unknown as Record<string, StoryModule>;

afterEach(cleanupStory);

const show = (module: StoryModule, name: string): Promise<HTMLElement> =>
  renderStory(module, name, (root) => name === 'Loading' || root.querySelector('.clv-loading') === null);

describe('RFM stories', () => {
  for (const [file, module] of Object.entries(MODULES)) {
    const names = Object.keys(module).filter((k) => k !== 'default');
    test(`${file}: ${names.join(', ')}`, async () => {
      expect(names).toEqual(expect.arrayContaining(['Ready', 'Loading', 'Empty', 'Error', 'Dark']));
      for (const name of names) {
        const root = await show(module, name);
        const widgets = root.querySelectorAll('.clv-widget').length;
        expect(widgets, `${file} ${name}`).toBeGreaterThan(0);
        const state = name === 'Loading' ? '.clv-loading' : name === 'Empty' ? '.clv-empty' : name === 'Error' ? '.clv-error' : null;
        if (state) expect(root.querySelectorAll(state).length, `${file} ${name}`).toBe(widgets);
        else {
          expect(root.querySelector('.clv-error'), `${file} ${name}`).toBeNull();
          expect(root.querySelector('.clv-loading'), `${file} ${name}`).toBeNull();
          expect(root.querySelector('.clv-empty'), `${file} ${name}`).toBeNull();
          expect(root.querySelectorAll('svg.clv-svg, table.clv-table').length, `${file} ${name}`).toBeGreaterThan(0);
        }
        cleanupStory();
      }
    }, 60_000);
  }
});
