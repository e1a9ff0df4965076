import type { AnswerValue, Question } from '@palaute/engine';
import { defineSurvey } from '@palaute/engine';
import { ScaleQuestion } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';

const questions = defineSurvey({
  id: 'scales',
  touchpointId: 'storybook',
  title: 'Scales',
  questions: [
    { id: 'nps', type: 'nps', title: 'How likely are you to recommend Laskutin to a colleague?' },
    {
      id: 'csat',
      type: 'csat',
      title: 'How satisfied are you with the support you received?',
      display: 'emoji',
    },
    { id: 'ces', type: 'ces', title: 'How easy was it to send your first invoice?' },
    {
      id: 'stars',
      type: 'rating',
      title: 'How would you rate the new report view?',
      scale: { max: 5 },
      display: 'stars',
    },
    {
      id: 'numbers',
      type: 'rating',
      title: 'How useful was this article?',
      scale: { min: 1, max: 4 },
      labels: { min: 'Not useful', max: 'Very useful' },
      required: false,
    },
  ],
}).questions;

const byId = (id: string) =>
  questions.find((question) => question.id === id) as Extract<
    Question,
    { type: 'nps' | 'csat' | 'ces' | 'rating' }
  >;

/** A controlled wrapper, as a host would write one. */
function Controlled({
  question,
  initial,
  error,
}: {
  question: Question;
  initial?: number;
  error?: boolean;
}) {
  const [value, setValue] = useState<AnswerValue | undefined>(initial);
  return (
    <ScaleQuestion
      question={question as Extract<Question, { type: 'nps' }>}
      value={value}
      onChange={setValue}
      error={error && value === undefined ? { code: 'required' } : undefined}
    />
  );
}

const meta = {
  title: 'Questions/ScaleQuestion',
  component: ScaleQuestion,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'NPS, CSAT, CES and rating questions share one behaviour hook (`useScale`): an APG radio group. Arrow keys move focus and select (swapped in right-to-left layouts), Home and End jump to the ends, and the end labels describe the group.',
      },
    },
  },
  args: { question: byId('nps'), value: undefined, onChange: () => {} },
  render: (args) => <Controlled question={args.question} />,
} satisfies Meta<typeof ScaleQuestion>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Nps: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const radios = canvas.getAllByRole('radio');
    await userEvent.click(radios[6] as HTMLElement);
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByRole('radio', { checked: true })).toHaveAccessibleName(/^7/);
    await expect(canvas.getByRole('radiogroup')).toHaveAccessibleDescription(/Not at all likely/);
  },
};

export const CsatEmoji: Story = {
  args: { question: byId('csat') },
  render: (args) => <Controlled question={args.question} initial={4} />,
};

export const Ces: Story = {
  args: { question: byId('ces') },
  render: (args) => <Controlled question={args.question} />,
};

export const RatingStars: Story = {
  args: { question: byId('stars') },
  render: (args) => <Controlled question={args.question} initial={3} />,
};

export const RatingNumbersOptional: Story = {
  args: { question: byId('numbers') },
  render: (args) => <Controlled question={args.question} />,
};

export const WithError: Story = {
  render: (args) => <Controlled question={args.question} error />,
  play: async ({ canvasElement }) => {
    const group = within(canvasElement).getByRole('radiogroup');
    await expect(group).toHaveAttribute('aria-invalid', 'true');
    await expect(group).toHaveAccessibleDescription(/Please answer this question/);
  },
};

export const RightToLeft: Story = {
  render: (args) => (
    <div dir="rtl">
      <Controlled question={args.question} initial={5} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    (canvas.getByRole('radio', { checked: true }) as HTMLElement).focus();
    await userEvent.keyboard('{ArrowLeft}');
    await expect(canvas.getByRole('radio', { checked: true })).toHaveAccessibleName(/^6/);
  },
};
