import type { Meta, StoryObj } from '@storybook/preact-vite';
import { Journey, type JourneyProps } from '@clvkit/widgets';
import { chartEngine, type ChartMode } from './support/chart-engine.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<JourneyProps, 'showIn' | 'locale' | 'currency'> & { mode: ChartMode };

const meta: Meta<Args> = {
  title: 'Widgets/Journey',
  args: { mode: 'ready', showIn: 'days', locale: 'en-US', currency: 'USD' },
  argTypes: {
    mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] },
    showIn: { control: 'inline-radio', options: ['days', 'hours'] },
  },
  render: ({ mode, ...args }) => <WithSelection>{(selection) => <Journey {...args} engine={chartEngine(mode)} selection={selection} />}</WithSelection>,
};
export default meta;

type Story = StoryObj<Args>;

export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
