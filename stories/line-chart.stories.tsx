import type { Meta, StoryObj } from '@storybook/preact-vite';
import { LineChart, type LineChartProps } from '@clvkit/widgets';
import { chartEngine, type ChartMode } from './support/chart-engine.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<LineChartProps, 'report' | 'height' | 'locale'> & { mode: ChartMode };

const meta: Meta<Args> = {
  title: 'Widgets/LineChart',
  args: { mode: 'ready', report: 'daily_organic_orders', height: 240, locale: 'en-US' },
  argTypes: {
    mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] },
    report: { control: 'select', options: ['daily_organic_orders', 'churn_weekly', 'lifecycle'] },
  },
  render: ({ mode, ...args }) => (
    <WithSelection>
      {(selection) => (
        <LineChart {...args} engine={chartEngine(mode)} selection={selection} timeZone="UTC" seriesFilters={{ promoted: { field: 'is_promoted', values: [true], label: 'Promoted orders' } }} />
      )}
    </WithSelection>
  ),
};
export default meta;

type Story = StoryObj<Args>;

/** Organic and promoted orders per day, with a Filter button on the promoted series. */
export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
export const WeeklyChurn: Story = { args: { report: 'churn_weekly' } };
/** Lifecycle: new, returning, resurrecting up, dormant down. */
export const Lifecycle: Story = { args: { report: 'lifecycle' } };
