import type { AnswerValue, Question } from '@palaute/engine';
import { defineSurvey } from '@palaute/engine';
import { ConsentQuestion } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';

type ConsentDefinition = Extract<Question, { type: 'consent' }>;

const [consent] = defineSurvey({
  id: 'consent',
  touchpointId: 'storybook',
  title: 'Consent',
  questions: [
    {
      id: 'contact',
      type: 'consent',
      title: 'May we contact you about your feedback?',
      label: 'Yes, the product team may email me about this feedback.',
    },
  ],
}).questions as ConsentDefinition[];

function Controlled({ question }: { question: ConsentDefinition }) {
  const [value, setValue] = useState<AnswerValue | undefined>();
  return <ConsentQuestion question={question} value={value} onChange={setValue} />;
}

const meta = {
  title: 'Questions/ConsentQuestion',
  component: ConsentQuestion,
  tags: ['autodocs'],
  args: { question: consent as ConsentDefinition, value: undefined, onChange: () => {} },
  render: (args) => <Controlled question={args.question} />,
} satisfies Meta<typeof ConsentQuestion>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    const box = within(canvasElement).getByRole('checkbox');
    box.focus();
    await userEvent.keyboard(' ');
    await expect(box).toBeChecked();
  },
};
