import type { Meta, StoryObj } from '@storybook/preact-vite';
import { useState } from 'preact/hooks';
import { Selection } from '@clvkit/core';
import { Dashboard } from '@clvkit/widgets';
import { ClusterHistogram } from '../packages/widgets/src/widgets/ClusterHistogram.js';
import { Scatter3d } from '../packages/widgets/src/widgets/Scatter3d.js';
import { SegmentMovement } from '../packages/widgets/src/widgets/SegmentMovement.js';
import { SegmentsLayout } from '../packages/widgets/src/presets/segments.js';
import { rfmEngine, type RfmMode } from '../packages/widgets/test/rfm/fixtures.js';
import { WithSelection } from './support/with-selection.js';

type Args = { mode: RfmMode; locale: string; currency: string };

/**
 * The RFM widgets besides the treemap and the 2-D scatter: the 3-D scatter, the three cluster
 * histograms and segment movement, each in every state, and the whole segments dashboard
 * over canned rows of the RFM analyses.
 */
const meta: Meta<Args> = {
  title: 'Widgets/RFM',
  args: { mode: 'ready', locale: 'en-US', currency: 'USD' },
  argTypes: { mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] } },
  render: ({ mode, ...args }) => {
    const engine = rfmEngine(mode);
    return (
      <WithSelection>
        {(selection) => (
          <div>
            <Scatter3d {...args} engine={engine} selection={selection} y={{ label: 'Monetary', kind: 'money', scale: 'log' }} z={{ label: 'Frequency (orders)', kind: 'count', scale: 'log' }} />
            <div class="clv-story-gap">
              <ClusterHistogram {...args} engine={engine} selection={selection} report="frequency_clusters" />
            </div>
            <div class="clv-story-gap">
              <ClusterHistogram {...args} engine={engine} selection={selection} report="recency_clusters" />
            </div>
            <div class="clv-story-gap">
              <ClusterHistogram {...args} engine={engine} selection={selection} report="monetary_clusters" />
            </div>
            <div class="clv-story-gap">
              <SegmentMovement {...args} engine={engine} selection={selection} from="2024-03-01" to="2024-06-01" />
            </div>
          </div>
        )}
      </WithSelection>
    );
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };

/** Only the 3-D scatter: drag it, or focus it and use the arrow keys. */
export const Rotatable3d: Story = {
  render: ({ mode, ...args }) => <WithSelection>{(selection) => <Scatter3d {...args} engine={rfmEngine(mode)} selection={selection} height={420} />}</WithSelection>,
};

function CannedSegmentsDashboard({ mode, locale, currency }: Args) {
  const [engine] = useState(() => rfmEngine(mode));
  const [selection] = useState(() => new Selection());
  return (
    <Dashboard engine={engine} selection={selection} locale={locale} currency={currency}>
      <SegmentsLayout />
    </Dashboard>
  );
}

/** The segments dashboard over canned rows: a treemap click narrows every widget (the canned engine filters the per-customer reports). */
export const SegmentsDashboard: Story = { render: (args) => <CannedSegmentsDashboard {...args} /> };
