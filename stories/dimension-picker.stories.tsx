import type { Meta, StoryObj } from '@storybook/preact-vite';
import { DimensionPicker, type DimensionPickerProps } from '@clvkit/widgets';
import { fakeEngine, type FakeMode } from './support/fake-engine.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<DimensionPickerProps, 'mode' | 'fieldLabel' | 'locale'> & { state: FakeMode };

const meta: Meta<Args> = {
  title: 'Widgets/DimensionPicker',
  args: { state: 'ready', mode: 'chips', fieldLabel: 'Store', locale: 'en-US' },
  argTypes: {
    state: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] },
    mode: { control: 'inline-radio', options: ['chips', 'select'] },
  },
  render: ({ state, ...args }) => <WithSelection>{(selection) => <DimensionPicker {...args} engine={fakeEngine(state)} selection={selection} />}</WithSelection>,
};
export default meta;

type Story = StoryObj<Args>;

export const Ready: Story = {};
export const Loading: Story = { args: { state: 'loading' } };
export const Empty: Story = { args: { state: 'empty' } };
export const Error: Story = { args: { state: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
export const Select: Story = { args: { mode: 'select' } };
