import { LoopMetrics } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { buildReport } from '../test/fixtures/cxReport';
import { MetricsFrame } from './metrics.story-utils';

const meta = {
  title: 'CX metrics/LoopMetrics',
  component: LoopMetrics,
  tags: ['autodocs'],
  args: { metrics: buildReport().loop, responseTargetHours: 48, timeZone: 'UTC' },
  render: (args, { globals }) => (
    <MetricsFrame locale={(globals.locale as string | undefined) ?? 'en'}>
      <LoopMetrics {...args} />
    </MetricsFrame>
  ),
  parameters: {
    docs: {
      description: {
        component:
          'Whether the loop gets closed: the share unprocessed, overdue items, and the median time to first response and to close. FeedbackInbox shows it above its list.',
      },
    },
  },
} satisfies Meta<typeof LoopMetrics>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A year of feedback. */
export const Default: Story = {};

/** The metrics could not be loaded. */
export const LoadError: Story = { args: { metrics: undefined, state: 'error' } };

/** Finnish. */
export const Finnish: Story = {
  render: (args) => (
    <MetricsFrame locale="fi">
      <LoopMetrics {...args} />
    </MetricsFrame>
  ),
};

/** The dark palette. */
export const Dark: Story = { args: { theme: 'dark' } };
