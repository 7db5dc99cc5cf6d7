// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import * as stories from '../../../../stories/anomaly.stories.js';
import { cleanupStory, renderStory, waitFor, type StoryModule } from '../../../../stories/support/render-story.js';

const module = stories as unknown as StoryModule;

afterEach(cleanupStory);

const show = (name: string, done: (root: HTMLElement) => boolean): Promise<HTMLElement> => renderStory(module, name, done);

const loaded = (root: HTMLElement) => root.querySelector('.clv-loading') === null;

describe('anomaly stories', () => {
  test('every state and variant has a story', () => {
    expect(Object.keys(module).filter((k) => k !== 'default')).toEqual(
      expect.arrayContaining(['Ready', 'Training', 'Loading', 'Empty', 'Error', 'Dark', 'NothingFlagged', 'FunnelSeries', 'CohortTable', 'ClvRfmTable', 'Dashboard_', 'LiveDashboard']),
    );
  });

  test('Ready and Dark: the broken checkout and the spike are flagged and listed', async () => {
    for (const name of ['Ready', 'Dark']) {
      const root = await show(name, loaded);
      expect([...root.querySelectorAll('.clv-anomaly-list li')].map((li) => li.getAttribute('data-key')), name).toEqual(['2025-08-07', '2025-08-23']);
      cleanupStory();
    }
  });

  test('Training shows the epochs as they come', async () => {
    const root = await show('Training', (r) => r.querySelector('.clv-progress') !== null);
    expect(root.querySelector('.clv-progress')!.textContent).toMatch(/^Training autoencoder: \d+ \/ 20$/);
  });

  test('Loading, Empty, Error and NothingFlagged states', async () => {
    expect((await show('Loading', () => false)).querySelector('.clv-loading')).not.toBeNull();
    expect((await show('Empty', loaded)).querySelector('.clv-empty')!.textContent).toBe('No days in the data');
    expect((await show('Error', loaded)).querySelector('.clv-error .clv-error-detail')!.textContent).toMatch(/^Training failed/);
    const calm = await show('NothingFlagged', loaded);
    expect(calm.querySelector('.clv-anomaly-point')).toBeNull();
    expect(calm.querySelector('.clv-anomaly-summary')!.textContent).toMatch(/^No day of 56 flagged/);
  });

  test('FunnelSeries in percent, CohortTable and ClvRfmTable flag their rows', async () => {
    const funnel = await show('FunnelSeries', loaded);
    expect(funnel.querySelector('.clv-anomaly-list button')!.textContent).toMatch(/^Thu, Aug 7, 2025\. Conversion: 2\.1%\./);
    const cohorts = await show('CohortTable', loaded);
    expect(cohorts.querySelector('tbody tr')!.getAttribute('data-key')).toBe('2025-08-07');
    const clv = await show('ClvRfmTable', loaded);
    expect([...clv.querySelectorAll('tbody tr[data-anomaly="true"]')].map((tr) => tr.getAttribute('data-key'))).toEqual(['C-2073', 'C-1629', 'C-1111']);
  });

  test('the canned dashboard shows every detector without errors', async () => {
    const root = await show('Dashboard_', (r) => r.querySelectorAll('.clv-loading').length === 0);
    expect(root.querySelectorAll('.clv-anomaly-series')).toHaveLength(2);
    expect(root.querySelectorAll('.clv-anomaly-table')).toHaveLength(2);
    expect([...root.querySelectorAll('.clv-error')].map((e) => e.textContent)).toEqual([]);
  });
});
