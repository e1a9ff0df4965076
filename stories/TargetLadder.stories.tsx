import { TargetLadder } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { buildReport } from '../test/fixtures/cxReport';
import { MetricsFrame } from './metrics.story-utils';

const status = (state: 'met' | 'onTrack' | 'offTrack' | 'unknown') => {
  const found = buildReport({ target: state }).targets[0];
  if (!found) throw new Error('The fixture has no target.');
  return found;
};

const meta = {
  title: 'CX metrics/TargetLadder',
  component: TargetLadder,
  tags: ['autodocs'],
  args: { status: status('onTrack') },
  render: (args, { globals }) => (
    <MetricsFrame locale={(globals.locale as string | undefined) ?? 'en'}>
      <TargetLadder {...args} />
    </MetricsFrame>
  ),
  parameters: {
    docs: {
      description: {
        component:
          'A stepped target as a ladder: where we stand now (value, interval, n), the state, each milestone with its date, which reading of "met" is used, and a warning when a step is smaller than the expected sample can detect.',
      },
    },
  },
} satisfies Meta<typeof TargetLadder>;
export default meta;
type Story = StoryObj<typeof meta>;

/** On track for +35 by the end of 2027; the +10 step after it is too small to detect. */
export const OnTrack: Story = {};

/** Met. */
export const Met: Story = { args: { status: status('met') } };

/** Off track. */
export const OffTrack: Story = { args: { status: status('offTrack') } };

/** Finnish. */
export const Finnish: Story = {
  render: (args) => (
    <MetricsFrame locale="fi">
      <TargetLadder {...args} />
    </MetricsFrame>
  ),
};

/** Right to left. */
export const RightToLeft: Story = {
  render: (args) => (
    <MetricsFrame dir="rtl">
      <TargetLadder {...args} />
    </MetricsFrame>
  ),
};

/** The dark palette. */
export const Dark: Story = { args: { theme: 'dark' } };
