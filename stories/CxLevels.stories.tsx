import { CxLevels } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { buildReport } from '../test/fixtures/cxReport';
import { MetricsFrame } from './metrics.story-utils';

const meta = {
  title: 'CX metrics/CxLevels',
  component: CxLevels,
  tags: ['autodocs'],
  args: { levels: buildReport().levels, timeZone: 'UTC' },
  render: (args, { globals }) => (
    <MetricsFrame locale={(globals.locale as string | undefined) ?? 'en'}>
      <CxLevels {...args} />
    </MetricsFrame>
  ),
  parameters: {
    docs: {
      description: {
        component:
          'Open and closed work, time to close and the share of shipped changes per CX level, with a warning when the team only fixes hygiene.',
      },
    },
  },
} satisfies Meta<typeof CxLevels>;
export default meta;
type Story = StoryObj<typeof meta>;

/** 80 % of shipped changes are hygiene: the warning shows. */
export const OnlyHygiene: Story = {};

/** A balanced mix. */
export const Balanced: Story = {
  args: {
    levels: [
      {
        level: 'necessity',
        open: 3,
        closed: 30,
        timeToClose: { count: 30, medianHours: 20, p90Hours: 60 },
        shipped: 12,
        shippedShare: 40,
      },
      {
        level: 'differentiation',
        open: 6,
        closed: 20,
        timeToClose: { count: 20, medianHours: 120, p90Hours: 300 },
        shipped: 10,
        shippedShare: 33.3,
      },
      {
        level: 'vision',
        open: 4,
        closed: 9,
        timeToClose: { count: 9, medianHours: 700, p90Hours: 900 },
        shipped: 8,
        shippedShare: 26.7,
      },
      {
        level: null,
        open: 7,
        closed: 2,
        timeToClose: { count: 2, medianHours: 10, p90Hours: 12 },
        shipped: 0,
        shippedShare: 0,
      },
    ],
  },
};

/** Nothing yet. */
export const Empty: Story = { args: { levels: [] } };

/** Finnish. */
export const Finnish: Story = {
  render: (args) => (
    <MetricsFrame locale="fi">
      <CxLevels {...args} />
    </MetricsFrame>
  ),
};

/** The dark palette. */
export const Dark: Story = { args: { theme: 'dark' } };

/**
 * In a phone's column (288 px, a 1280 px screen at 400 % zoom): the table is wider, so it scrolls
 * sideways in a focusable region of its own, "CX levels table", and the page does not.
 */
export const OnAPhone: Story = {
  render: (args, { globals }) => (
    <MetricsFrame locale={(globals.locale as string | undefined) ?? 'en'}>
      <div style={{ width: 288, fontFamily: 'sans-serif' }}>
        <CxLevels {...args} />
      </div>
    </MetricsFrame>
  ),
};
