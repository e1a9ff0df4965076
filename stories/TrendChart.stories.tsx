import { TrendChart } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import {
  lowSample,
  notSignificant,
  significantFall,
  significantRise,
} from '../test/fixtures/metrics';
import { MetricsFrame } from './metrics.story-utils';

const meta = {
  title: 'CX metrics/TrendChart',
  component: TrendChart,
  tags: ['autodocs'],
  args: { kind: 'nps', granularity: 'quarter', points: notSignificant },
  render: (args, { globals }) => (
    <MetricsFrame locale={(globals.locale as string | undefined) ?? 'en'}>
      <TrendChart {...args} />
    </MetricsFrame>
  ),
  parameters: {
    docs: {
      description: {
        component:
          'A metric over time in hand-written SVG: the line, its 95 % interval band, the stepped target line (dashed, labelled), hollow grey squares for periods with too few answers. A caption, a one-sentence summary that calls a change significant only when it was tested so, "Show as table", and a data cursor: focus the plot, then the left and right arrow keys (Home, End); each stop is read out politely.',
      },
    },
  },
} satisfies Meta<typeof TrendChart>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The brief's worked example: +30 → +40, up 10 but not a significant change. */
export const NotSignificant: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const plot = canvasElement.querySelector('[data-part="plot"]') as HTMLElement;
    plot.focus();
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvasElement.querySelector('[data-part="readout"]')).toHaveTextContent(
      /^Q1 2026: \+30/,
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Show as table' }));
    await expect(canvas.getByRole('table')).toBeVisible();
  },
};

/** A year by month rising to a significant gain, against a stepped target. */
export const SignificantRise: Story = {
  args: { granularity: 'month', points: significantRise },
};

/** A significant fall in the last quarter. */
export const SignificantFall: Story = { args: { points: significantFall } };

/** Weeks with too few answers (and one with none): greyed, outside the band, no verdict. */
export const LowSample: Story = { args: { granularity: 'week', points: lowSample } };

/** No answers in any period. */
export const Empty: Story = {
  args: { points: [{ start: '2026-01-01', value: null, n: 0 }] },
};

/** CSAT in percent. */
export const Csat: Story = {
  args: {
    kind: 'csat',
    points: [
      { start: '2026-01-01', value: 78, interval: [74, 82], n: 410 },
      {
        start: '2026-04-01',
        value: 84,
        interval: [80, 87],
        n: 430,
        change: { delta: 6, significant: true },
      },
    ],
  },
};

/** Finnish words and numbers. */
export const Finnish: Story = {
  render: (args) => (
    <MetricsFrame locale="fi">
      <TrendChart {...args} />
    </MetricsFrame>
  ),
};

/** In a right-to-left page: the text mirrors, time still runs left to right, the keys follow. */
export const RightToLeft: Story = {
  args: { granularity: 'month', points: significantRise },
  render: (args) => (
    <MetricsFrame dir="rtl">
      <TrendChart {...args} />
    </MetricsFrame>
  ),
};

/** The dark palette. */
export const Dark: Story = {
  args: { granularity: 'month', points: significantRise, theme: 'dark' },
};
