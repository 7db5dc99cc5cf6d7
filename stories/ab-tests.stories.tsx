import type { Meta, StoryObj } from '@storybook/preact-vite';
import { useState } from 'preact/hooks';
import { Selection } from '@clvkit/core';
import { Dashboard } from '@clvkit/widgets';
import { AbTestComparison } from '../packages/widgets/src/widgets/AbTestComparison.js';
import { AbTestDifferences } from '../packages/widgets/src/widgets/AbTestDifferences.js';
import { AbTestForest } from '../packages/widgets/src/widgets/AbTestForest.js';
import { AbTestPairs } from '../packages/widgets/src/widgets/AbTestPairs.js';
import { AbTestVerdicts } from '../packages/widgets/src/widgets/AbTestVerdicts.js';
import { AbTestsLayout } from '../packages/widgets/src/presets/ab-tests.js';
import { abEngine, type AbMode } from '../packages/widgets/test/abtest/fixtures.js';
import { WithSelection } from './support/with-selection.js';

type Args = { mode: AbMode; locale: string; currency: string };

/**
 * The A/B test widgets over canned rows of the A/B analyses (the sample shop's planted
 * promotions: BUNDLEUP a significant increase, THANKYOU no significant change), each in every
 * state, and the whole A/B tests dashboard.
 */
const meta: Meta<Args> = {
  title: 'Widgets/A/B tests',
  args: { mode: 'ready', locale: 'en-US', currency: 'USD' },
  argTypes: { mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] } },
  render: ({ mode, ...args }) => {
    const engine = abEngine(mode);
    return (
      <WithSelection>
        {(selection) => (
          <div>
            <AbTestVerdicts {...args} engine={engine} selection={selection} limit={4} />
            <div class="clv-story-gap">
              <AbTestForest {...args} engine={engine} selection={selection} />
            </div>
            <div class="clv-story-gap">
              <AbTestPairs {...args} engine={engine} selection={selection} />
            </div>
            <div class="clv-story-gap">
              <AbTestComparison {...args} engine={engine} selection={selection} />
            </div>
            <div class="clv-story-gap">
              <AbTestDifferences {...args} engine={engine} selection={selection} />
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

/** A segment test: a row without a relative change (a before mean of 0) puts every row in units. */
export const SegmentTest: Story = {
  render: ({ mode, ...args }) => (
    <WithSelection>{(selection) => <AbTestForest {...args} engine={abEngine(mode)} selection={selection} report="segments_change_weekly_before_after_orders" />}</WithSelection>
  ),
};

function CannedAbTestsDashboard({ mode, locale, currency }: Args) {
  const [engine] = useState(() => abEngine(mode));
  const [selection] = useState(() => new Selection());
  return (
    <Dashboard engine={engine} selection={selection} locale={locale} currency={currency}>
      <AbTestsLayout />
    </Dashboard>
  );
}

/** The A/B tests dashboard over canned rows: a forest row, a card or a legend entry picks a promotion. */
export const AbTestsDashboard: Story = { render: (args) => <CannedAbTestsDashboard {...args} /> };
