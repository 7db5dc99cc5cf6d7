import type { Meta, StoryObj } from '@storybook/preact-vite';
import { Histogram, type HistogramProps } from '@clvkit/widgets';
import { chartEngine, type ChartMode } from './support/chart-engine.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<HistogramProps, 'locale' | 'currency' | 'height'> & { mode: ChartMode };

const meta: Meta<Args> = {
  title: 'Widgets/Histogram',
  args: { mode: 'ready', locale: 'en-US', currency: 'USD', height: 220 },
  argTypes: { mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] } },
  render: ({ mode, ...args }) => <WithSelection>{(selection) => <Histogram {...args} engine={chartEngine(mode)} selection={selection} />}</WithSelection>,
};
export default meta;

type Story = StoryObj<Args>;

export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
/** Customers by number of orders (1 .. 10+): integer bins, the last one open. */
export const OrdersPerCustomer: Story = {
  render: ({ mode, ...args }) => (
    <WithSelection>
      {(selection) => (
        <Histogram {...args} report="user_counts_per_order_seq" x0="orders" field="order_number" fieldLabel="Orders" xKind="count" heading="Customers by number of orders" engine={chartEngine(mode)} selection={selection} />
      )}
    </WithSelection>
  ),
};
