import { TouchpointScorecards } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { touchpoints } from '../test/fixtures/metrics';
import { MetricsFrame } from './metrics.story-utils';

const meta = {
  title: 'CX metrics/TouchpointScorecards',
  component: TouchpointScorecards,
  tags: ['autodocs'],
  args: { kind: 'csat', touchpoints: touchpoints(5), comparedWith: 'Q1 2026' },
  render: (args, { globals }) => (
    <MetricsFrame locale={(globals.locale as string | undefined) ?? 'en'}>
      <TouchpointScorecards {...args} />
    </MetricsFrame>
  ),
  parameters: {
    docs: {
      description: {
        component:
          'The touchpoints in journey order (before, during and after the purchase, then the rest), a MetricCard each.',
      },
    },
  },
} satisfies Meta<typeof TouchpointScorecards>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Five touchpoints; one with too few answers. */
export const Default: Story = {};

/** Thirty touchpoints. */
export const ManyTouchpoints: Story = { args: { touchpoints: touchpoints(30) } };

/** No touchpoint answered yet. */
export const Empty: Story = { args: { touchpoints: [] } };

/** Finnish. */
export const Finnish: Story = {
  render: (args) => (
    <MetricsFrame locale="fi">
      <TouchpointScorecards {...args} />
    </MetricsFrame>
  ),
};

/** Right to left. */
export const RightToLeft: Story = {
  render: (args) => (
    <MetricsFrame dir="rtl">
      <TouchpointScorecards {...args} />
    </MetricsFrame>
  ),
};

/** The dark palette. */
export const Dark: Story = { args: { theme: 'dark' } };
