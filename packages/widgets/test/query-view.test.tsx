// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { NO_FILTER } from '@clvkit/core';
import { QueryView } from '../src/ui/QueryView.js';
import type { UseQueryResult } from '../src/data/use-query.js';
import { renderInto } from './helpers.js';

function state(partial: Partial<UseQueryResult<{ n: number }>>): UseQueryResult<{ n: number }> {
  return { status: 'loading', result: null, error: null, missing: null, filter: NO_FILTER, settled: null, progress: null, retry: () => undefined, ...partial };
}

const view = (s: UseQueryResult<{ n: number }>) => (
  <QueryView state={s} noun="days" what="order anomalies" skeleton={<div class="clv-skeleton" />}>
    {(result) => <p class="rows">{result.rows.length} rows</p>}
  </QueryView>
);

describe('QueryView progress', () => {
  test('a first load with progress shows the step, the total and what runs', () => {
    const { container, unmount } = renderInto(view(state({ progress: { done: 3, total: 20, message: 'Training autoencoder' } })));
    const bar = container.querySelector('progress');
    expect(bar?.getAttribute('max')).toBe('20');
    expect(bar?.getAttribute('value')).toBe('3');
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Training autoencoder: 3 / 20');
    expect(container.querySelector('.clv-skeleton')).not.toBeNull();
    unmount();
  });

  test('a reload keeps the previous rows dimmed under the progress bar; without progress there is none', () => {
    const reloading = state({ settled: 'ready', result: { rows: [{ n: 1 }] }, progress: { done: 1, total: 4 } });
    const { container, rerender, unmount } = renderInto(view(reloading));
    expect(container.querySelector('.rows')?.textContent).toBe('1 rows');
    expect(container.querySelector('.clv-progress-label')?.textContent).toBe('Computing order anomalies: 1 / 4');
    rerender(view(state({ status: 'ready', result: { rows: [{ n: 1 }] } })));
    expect(container.querySelector('progress')).toBeNull();
    unmount();
  });
});
