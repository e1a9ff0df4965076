import { ScoreBreakdown } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { q1, q2 } from '../test/fixtures/metrics';
import { MetricsFrame } from './metrics.story-utils';

const meta = {
  title: 'CX metrics/ScoreBreakdown',
  component: ScoreBreakdown,
  tags: ['autodocs'],
  args: { nps: q1 },
  render: (args, { globals }) => (
    <MetricsFrame locale={(globals.locale as string | undefined) ?? 'en'}>
      <ScoreBreakdown {...args} />
    </MetricsFrame>
  ),
  parameters: {
    docs: {
      description: {
        component:
          'Promoters, passives and detractors as a diverging bar: detractors left of zero (hatched), promoters right (solid), passives straddling the line (dotted), each labelled with its share.',
      },
    },
  },
} satisfies Meta<typeof ScoreBreakdown>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The brief's Q1: 50 promoters, 30 passives, 20 detractors; NPS +30. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    (canvasElement.querySelector('[data-part="plot"]') as HTMLElement).focus();
    await userEvent.keyboard('{End}');
    await expect(canvasElement.querySelector('[data-part="readout"]')).toHaveTextContent(
      'Promoters: 50 responses, 50%.',
    );
  },
};

/** The brief's Q2: NPS +40. */
export const Q2: Story = { args: { nps: q2 } };

/** Twelve answers: greyed, and said to be too few. */
export const LowSample: Story = {
  args: { nps: { n: 12, promoters: 6, passives: 4, detractors: 2, score: 33, lowSample: true } },
};

/** Finnish. */
export const Finnish: Story = {
  render: (args) => (
    <MetricsFrame locale="fi">
      <ScoreBreakdown {...args} />
    </MetricsFrame>
  ),
};

/** Right to left. */
export const RightToLeft: Story = {
  render: (args) => (
    <MetricsFrame dir="rtl">
      <ScoreBreakdown {...args} />
    </MetricsFrame>
  ),
};

/** The dark palette. */
export const Dark: Story = { args: { theme: 'dark' } };
