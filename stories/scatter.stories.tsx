import type { Meta, StoryObj } from '@storybook/preact-vite';
import type { QuerySpec } from '@clvkit/core';
import { Scatter, type ScatterProps } from '../packages/widgets/src/widgets/Scatter.js';
import { basketBands, BRACKET_LABELS, discountLines } from '../packages/widgets/src/widgets/rfm/brackets.js';
import { pairRows, rfmEngine, rfmResult, type RfmMode } from '../packages/widgets/test/rfm/fixtures.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<ScatterProps, 'locale' | 'currency' | 'height' | 'xScale' | 'yScale'> & { mode: RfmMode };

const meta: Meta<Args> = {
  title: 'Widgets/Scatter',
  args: { mode: 'ready', locale: 'en-US', currency: 'USD', height: 300, xScale: 'linear', yScale: 'linear' },
  argTypes: {
    mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] },
    xScale: { control: 'select', options: ['linear', 'log'] },
    yScale: { control: 'select', options: ['linear', 'log'] },
  },
  render: ({ mode, ...args }) => (
    <WithSelection>
      {(selection) => <Scatter {...args} heading="Frequency vs recency" report="frequency_recency" xLabel="Frequency (orders)" yLabel="Recency (days)" engine={rfmEngine(mode)} selection={selection} />}
    </WithSelection>
  ),
};
export default meta;

type Story = StoryObj<Args>;

/** 600 customers: frequency (x) against recency (y), coloured by segment; the legend filters. */
export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };

/** 8,000 customers: above 2,000 points the dots are painted on a canvas; hover still finds the nearest. */
export const Canvas: Story = {
  render: ({ mode, ...args }) => (
    <WithSelection>
      {(selection) => (
        <Scatter
          {...args}
          heading="Monetary vs frequency (8,000 customers)"
          report="monetary_frequency"
          xLabel="Monetary"
          yLabel="Frequency (orders)"
          xScale="log"
          yScale="log"
          engine={rfmEngine(mode, 150, (spec: QuerySpec) => (spec.kind === 'analysis' && spec.name === 'monetary_frequency' ? pairRows('monetary_frequency', 8000) : rfmResult(spec)))}
          selection={selection}
        />
      )}
    </WithSelection>
  ),
};

/** Seed 000's basket x discount sensitivity: low / mid / high basket bands and discount thresholds; the legend highlights. */
export const BasketSensitivity: Story = {
  render: ({ mode, ...args }) => (
    <WithSelection>
      {(selection) => (
        <Scatter
          {...args}
          heading="Basket and discount sensitivity"
          report="basket_sensitivity"
          x="averageOrderValue"
          y="discountSensitivity"
          color="basketBracket"
          xLabel="Average order value"
          yLabel="Discount sensitivity"
          xKind="money"
          yKind="percent"
          xScale="log"
          categoryField={null}
          categoryLabel="Basket bracket"
          categories={['low', 'mid', 'high']}
          labels={BRACKET_LABELS}
          bands={basketBands}
          lines={discountLines}
          engine={rfmEngine(mode)}
          selection={selection}
        />
      )}
    </WithSelection>
  ),
};
