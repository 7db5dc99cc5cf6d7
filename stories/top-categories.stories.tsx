import type { Meta, StoryObj } from '@storybook/preact-vite';
import { TopCategories, type TopCategoriesProps } from '@clvkit/widgets';
import { fakeEngine, type FakeMode } from './support/fake-engine.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<TopCategoriesProps, 'metric' | 'limit' | 'locale' | 'currency'> & { mode: FakeMode };

const meta: Meta<Args> = {
  title: 'Widgets/TopCategories',
  args: { mode: 'ready', metric: 'orders', limit: 10, locale: 'en-US', currency: 'USD' },
  argTypes: {
    mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error', 'missing-lines'] },
    metric: { control: 'inline-radio', options: ['orders', 'quantity', 'lineRevenue'] },
  },
  render: ({ mode, ...args }) => <WithSelection>{(selection) => <TopCategories {...args} engine={fakeEngine(mode)} selection={selection} />}</WithSelection>,
};
export default meta;

type Story = StoryObj<Args>;

export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const MissingBasketLines: Story = { args: { mode: 'missing-lines' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
export const ByRevenue: Story = { args: { metric: 'lineRevenue', limit: 5 } };
