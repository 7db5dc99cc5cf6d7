// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { stylesheetText } from '../src/index.js';
import { CHART_CSS } from '../src/theme/chart-css.js';
import { RFM_CSS } from '../src/widgets/rfm/rfm-css.js';
import { CLV_CSS } from '../src/widgets/clv/clv-css.js';
import { ANOMALY_CSS } from '../src/widgets/anomaly/anomaly-css.js';
import { SEARCH_CSS } from '../src/widgets/search/search-css.js';
import { ABTEST_CSS } from '../src/widgets/abtest/abtest-css.js';
import { CohortHeatmap, CustomerList, Donut, Funnel, PairsTable } from '../src/index.js';
import { mountChart } from './chart-helpers.js';

const MARKUP = '<img src=x onerror="window.__pwned = true">';

describe('chart widgets: theme and safety', () => {
  test.each([
    ['charts', CHART_CSS],
    ['RFM widgets', RFM_CSS],
    ['CLV widgets', CLV_CSS],
    ['anomaly widgets', ANOMALY_CSS],
    ['search widgets', SEARCH_CSS],
    ['A/B test widgets', ABTEST_CSS],
  ])('%s: rules use theme tokens only (no literal colours) and are part of the stylesheet', (_name, css) => {
    expect(css).not.toMatch(/#[0-9a-f]{3,8}\b/i);
    expect(css).not.toMatch(/rgba?\(/);
    expect(css).not.toMatch(/:\s*(white|black|red|blue|gray|grey)\b/);
    expect(stylesheetText()).toContain(css);
  });

  test('data strings render as text, never as markup, and no chart writes a style attribute', async () => {
    const mounted = await Promise.all([
      mountChart((e, s) => <Funnel engine={e} selection={s} width={300} report="f" />, { rows: [{ step: MARKUP, count: 3 }] }),
      mountChart((e, s) => <CohortHeatmap engine={e} selection={s} width={300} report="c" />, { rows: [{ cohort: MARKUP, offset: MARKUP, customers: 1 }] }),
      mountChart((e, s) => <Donut engine={e} selection={s} />, { rows: [{ status: MARKUP, customers: 2 }] }),
      mountChart((e, s) => <PairsTable engine={e} selection={s} />, { rows: [{ productA: MARKUP, productB: 'b', orders: 1 }] }),
      mountChart((e, s) => <CustomerList engine={e} selection={s} />, { rows: [{ client: MARKUP, email: MARKUP }] }),
    ]);
    for (const { container } of mounted) {
      expect(container.querySelector('img')).toBeNull();
      expect(container.textContent).toContain(MARKUP);
      expect(container.querySelector('[style]')).toBeNull();
    }
    expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
  });
});
