import type { Meta, StoryObj } from '@storybook/preact-vite';
import { useEffect, useState } from 'preact/hooks';
import { createEngine } from '@clvkit/engine';
import { Dashboard, PRESETS, type PresetName } from '@clvkit/widgets';

/**
 * Every dashboard preset of issues 3 and 4 on the real engine (the synthetic shop: 20,000 orders,
 * seed 42, computed on the main thread with `worker: 'inline'`). One engine per story, destroyed
 * when the story unmounts.
 */
const meta: Meta = {
  title: 'Dashboards/Presets',
};
export default meta;

type Story = StoryObj;

function LivePreset({ preset }: { readonly preset: PresetName }) {
  const [engine] = useState(() => createEngine({ source: { kind: 'sample', orders: 20_000, seed: 42 }, worker: 'inline' }));
  useEffect(() => () => engine.destroy(), [engine]);
  return (
    <div>
      <h2>
        {PRESETS[preset].title} <small>({PRESETS[preset].origin})</small>
      </h2>
      <Dashboard engine={engine} preset={preset} locale="en-US" currency="USD" />
    </div>
  );
}

const story = (preset: PresetName): Story => ({ name: PRESETS[preset].title, render: () => <LivePreset preset={preset} /> });

export const Overall = story('overall');
export const Customers = story('customers');
export const Funnels = story('funnels');
export const Cohorts = story('cohorts');
export const Stats = story('stats');
export const Products = story('products');
export const Promotions = story('promotions');
export const Clv = story('clv');
export const LoyaltyCohorts = story('loyalty-cohorts');
export const LoyaltyKpis = story('loyalty-kpis');
export const CustomerBase = story('customer-base');
export const Communications = story('communications');
export const Segments = story('segments');
export const ClvPrediction = story('clv-prediction');
export const ClvSegments = story('clv-segments');
export const Anomalies = story('anomalies');
export const Search = story('search');
export const AbTests = story('ab-tests');

/** Dark-theme variants of a few presets (any story switches with the toolbar's Theme too). */
const dark = (preset: PresetName): Story => ({ ...story(preset), name: `${PRESETS[preset].title} (dark)`, parameters: { theme: 'dark' } });
export const CustomersDark = dark('customers');
export const SegmentsDark = dark('segments');
export const AbTestsDark = dark('ab-tests');
