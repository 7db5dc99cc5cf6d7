import type { Meta, StoryObj } from '@storybook/preact-vite';
import { SegmentTreemap, type SegmentTreemapProps } from '../packages/widgets/src/widgets/SegmentTreemap.js';
import { rfmEngine, type RfmMode } from '../packages/widgets/test/rfm/fixtures.js';
import { WithSelection } from './support/with-selection.js';

type Args = Pick<SegmentTreemapProps, 'locale' | 'currency' | 'height' | 'measure'> & { mode: RfmMode };

const meta: Meta<Args> = {
  title: 'Widgets/Segment treemap',
  args: { mode: 'ready', locale: 'en-US', currency: 'USD', height: 300, measure: 'customers' },
  argTypes: { mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error'] }, measure: { control: 'select', options: ['customers', 'revenue'] } },
  render: ({ mode, ...args }) => <WithSelection>{(selection) => <SegmentTreemap {...args} engine={rfmEngine(mode)} selection={selection} />}</WithSelection>,
};
export default meta;

type Story = StoryObj<Args>;

/** The 11 RFM segments sized by customers (Promising has none); a click filters the segment. */
export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
/** Tiles sized by revenue. */
export const Revenue: Story = { args: { measure: 'revenue' } };
