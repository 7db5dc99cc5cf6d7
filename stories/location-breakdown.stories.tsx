import type { Meta, StoryObj } from '@storybook/preact-vite';
import { LocationBreakdown, type LocationBreakdownProps } from '@clvkit/widgets';
import { chartEngine, type ChartMode } from './support/chart-engine.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<LocationBreakdownProps, 'metric' | 'locale' | 'currency'> & { mode: ChartMode };

const meta: Meta<Args> = {
  title: 'Widgets/LocationBreakdown',
  args: { mode: 'ready', metric: 'buyers', locale: 'en-US', currency: 'EUR' },
  argTypes: {
    mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] },
    metric: { control: 'inline-radio', options: ['buyers', 'orders', 'revenue'] },
  },
  render: ({ mode, ...args }) => <WithSelection>{(selection) => <LocationBreakdown {...args} engine={chartEngine(mode)} selection={selection} />}</WithSelection>,
};
export default meta;

type Story = StoryObj<Args>;

export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
