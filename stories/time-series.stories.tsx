import type { Meta, StoryObj } from '@storybook/preact-vite';
import { TimeSeries, type TimeSeriesProps } from '@clvkit/widgets';
import { fakeEngine, type FakeMode } from './support/fake-engine.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<TimeSeriesProps, 'measure' | 'bucket' | 'height' | 'locale' | 'currency'> & { mode: FakeMode };

const meta: Meta<Args> = {
  title: 'Widgets/TimeSeries',
  args: { mode: 'ready', measure: 'orders', bucket: 'day', height: 240, locale: 'en-US', currency: 'USD' },
  argTypes: {
    mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] },
    measure: { control: 'inline-radio', options: ['orders', 'revenue'] },
    bucket: { control: 'inline-radio', options: ['hour', 'day', 'week', 'month'] },
  },
  render: ({ mode, ...args }) => (
    <WithSelection>{(selection) => <TimeSeries {...args} engine={fakeEngine(mode)} selection={selection} timeZone="UTC" />}</WithSelection>
  ),
};
export default meta;

type Story = StoryObj<Args>;

export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
export const WeeklyRevenue: Story = { args: { measure: 'revenue', bucket: 'week' } };
