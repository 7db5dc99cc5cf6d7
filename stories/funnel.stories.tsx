import type { Meta, StoryObj } from '@storybook/preact-vite';
import { Funnel, type FunnelProps } from '@clvkit/widgets';
import { chartEngine, type ChartMode } from './support/chart-engine.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<FunnelProps, 'orientation' | 'bucket' | 'locale' | 'labels'> & { mode: ChartMode };

const meta: Meta<Args> = {
  title: 'Widgets/Funnel',
  args: { mode: 'ready', orientation: 'horizontal', bucket: 'day', locale: 'en-US', labels: { session: 'Sessions', has_basket: 'Basket', order_screen: 'Checkout', purchase: 'Purchase' } },
  argTypes: {
    mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] },
    orientation: { control: 'inline-radio', options: ['horizontal', 'vertical'] },
    bucket: { control: 'inline-radio', options: ['hour', 'day', 'week', 'month'] },
  },
  render: ({ mode, ...args }) => <WithSelection>{(selection) => <Funnel {...args} engine={chartEngine(mode)} selection={selection} timeZone="UTC" />}</WithSelection>,
};
export default meta;

type Story = StoryObj<Args>;

export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
export const Vertical: Story = { args: { orientation: 'vertical' } };
export const HourlyMeans: Story = { args: { bucket: 'hour' } };
