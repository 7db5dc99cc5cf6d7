import type { Meta, StoryObj } from '@storybook/preact-vite';
import { Donut, type DonutProps } from '@clvkit/widgets';
import { chartEngine, type ChartMode } from './support/chart-engine.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<DonutProps, 'size' | 'locale'> & { mode: ChartMode };

const meta: Meta<Args> = {
  title: 'Widgets/Donut',
  args: { mode: 'ready', size: 180, locale: 'en-US' },
  argTypes: { mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] } },
  render: ({ mode, ...args }) => <WithSelection>{(selection) => <Donut {...args} engine={chartEngine(mode)} selection={selection} />}</WithSelection>,
};
export default meta;

type Story = StoryObj<Args>;

/** Customer status (active, churned, long gone). */
export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
/** Demographics by gender: the unknown slice is shown but is not a filter. */
export const Gender: Story = {
  render: ({ mode, ...args }) => (
    <WithSelection>
      {(selection) => (
        <Donut {...args} report="demographics" params={{ by: 'gender' }} field="customers.gender" labels={{ female: 'Women', male: 'Men' }} engine={chartEngine(mode)} selection={selection} />
      )}
    </WithSelection>
  ),
};
