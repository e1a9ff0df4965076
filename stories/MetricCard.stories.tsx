import { MetricCard } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { MetricsFrame } from './metrics.story-utils';

const meta = {
  title: 'CX metrics/MetricCard',
  component: MetricCard,
  tags: ['autodocs'],
  args: {
    kind: 'nps',
    figure: { value: 40, interval: [26.1, 53.2], n: 120 },
    change: { difference: 10, significant: false, direction: 'none' },
    comparedWith: 'Q1 2026',
  },
  render: (args, { globals }) => (
    <MetricsFrame locale={(globals.locale as string | undefined) ?? 'en'}>
      <MetricCard {...args} />
    </MetricsFrame>
  ),
  parameters: {
    docs: {
      description: {
        component:
          'One figure with its honesty attached: value, 95 % interval and n always; an arrow and a colour only for a significant change of a readable figure; the target state in words.',
      },
    },
  },
} satisfies Meta<typeof MetricCard>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Up 10, but not a significant change: no arrow, no colour. */
export const NotSignificant: Story = {};

/** A significant rise. */
export const SignificantRise: Story = {
  args: {
    figure: { value: 41, interval: [35, 47], n: 960 },
    change: { difference: 12, significant: true, direction: 'up' },
  },
};

/** A significant fall. */
export const SignificantFall: Story = {
  args: {
    figure: { value: 29, interval: [23, 35], n: 980 },
    change: { difference: -12, significant: true, direction: 'down' },
  },
};

/** Ten answers: greyed, "Not enough responses", never an arrow. */
export const LowSample: Story = {
  args: {
    kind: 'csat',
    figure: { value: 90, interval: [59.6, 98.2], n: 10, lowSample: true },
    change: { difference: 30, significant: false, direction: 'none' },
  },
};

/** Target met. */
export const TargetMet: Story = {
  args: { target: { state: 'met', next: { value: 45, by: '2028-12-31' } } },
};

/** On track for the next milestone. */
export const TargetOnTrack: Story = {
  args: { target: { state: 'onTrack', next: { value: 45, by: '2027-12-31' } } },
};

/** Off track. */
export const TargetOffTrack: Story = {
  args: { target: { state: 'offTrack', next: { value: 50, by: '2027-06-30' } } },
};

/** CES as a mean. */
export const Ces: Story = {
  args: { kind: 'ces', figure: { value: 5.6, interval: [5.4, 5.8], n: 300 }, change: null },
};

/** The dark palette. */
export const Dark: Story = {
  args: {
    theme: 'dark',
    change: { difference: 12, significant: true, direction: 'up' },
    target: { state: 'met', next: null },
  },
};
