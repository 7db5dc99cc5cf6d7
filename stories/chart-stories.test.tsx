// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import * as cohortHeatmap from './cohort-heatmap.stories.js';
import * as customerList from './customer-list.stories.js';
import * as donut from './donut.stories.js';
import * as funnel from './funnel.stories.js';
import * as histogram from './histogram.stories.js';
import * as journey from './journey.stories.js';
import * as lineChart from './line-chart.stories.js';
import * as locationBreakdown from './location-breakdown.stories.js';
import * as pairsTable from './pairs-table.stories.js';
import { cleanupStory, renderStory, waitFor, type StoryModule } from './support/render-story.js';

/**
 * Every chart story renders its state with its canned rows: Ready (and the other data
 * stories) show content and no error, Loading a skeleton, Empty an explained empty state,
 * Error the error with Retry.
 */

const MODULES: Record<string, StoryModule> = {
  funnel, cohortHeatmap, histogram, donut, lineChart, journey, customerList, pairsTable, locationBreakdown,
} as unknown as Record<string, StoryModule>;

afterEach(cleanupStory);

const show = (module: StoryModule, name: string): Promise<HTMLElement> =>
  renderStory(module, name, (root) => name === 'Loading' || root.querySelector('.clv-loading') === null, 40);

describe('chart stories', () => {
  for (const [file, module] of Object.entries(MODULES)) {
    const names = Object.keys(module).filter((k) => k !== 'default');
    test(`${file}: ${names.join(', ')}`, async () => {
      expect(names).toEqual(expect.arrayContaining(['Ready', 'Loading', 'Empty', 'Error', 'Dark']));
      for (const name of names) {
        const root = await show(module, name);
        const state = name === 'Loading' ? '.clv-loading' : name === 'Empty' ? '.clv-empty' : name === 'Error' ? '.clv-error' : name === 'MissingCustomers' ? '.clv-empty' : null;
        if (state) expect(root.querySelector(state), `${file} ${name}`).not.toBeNull();
        else {
          expect(root.querySelector('.clv-error'), `${file} ${name}`).toBeNull();
          expect(root.querySelector('.clv-loading'), `${file} ${name}`).toBeNull();
          // "Bought with" waits for a product picked in the story's top products.
          if (name !== 'BoughtWithTopProducts') expect(root.querySelector('.clv-empty'), `${file} ${name}`).toBeNull();
          expect(root.querySelector('svg.clv-svg, table.clv-table'), `${file} ${name}`).not.toBeNull();
        }
        cleanupStory();
      }
    });
  }
});
