import type { AnswerValue, Question } from '@palaute/engine';
import { defineSurvey } from '@palaute/engine';
import { TextQuestion } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';

type TextDefinition = Extract<Question, { type: 'text' }>;

const [short, long] = defineSurvey({
  id: 'texts',
  touchpointId: 'storybook',
  title: 'Texts',
  questions: [
    {
      id: 'name',
      type: 'text',
      title: 'What should we call this feature?',
      maxLength: 40,
      placeholder: 'A short name',
    },
    {
      id: 'why',
      type: 'text',
      multiline: true,
      required: false,
      title: 'What is the main reason for your score?',
      description: 'Your words go straight to the product team.',
      maxLength: 500,
    },
  ],
}).questions as TextDefinition[];

function Controlled({ question, initial }: { question: TextDefinition; initial?: string }) {
  const [value, setValue] = useState<AnswerValue | undefined>(initial);
  return <TextQuestion question={question} value={value} onChange={setValue} />;
}

const meta = {
  title: 'Questions/TextQuestion',
  component: TextQuestion,
  tags: ['autodocs'],
  args: { question: short as TextDefinition, value: undefined, onChange: () => {} },
  render: (args) => <Controlled question={args.question} />,
} satisfies Meta<typeof TextQuestion>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Short: Story = {
  play: async ({ canvasElement }) => {
    const field = within(canvasElement).getByRole('textbox');
    await userEvent.type(field, 'Smart reminders');
    await expect(field).toHaveValue('Smart reminders');
  },
};

export const LongOptional: Story = { args: { question: long as TextDefinition } };

export const NearTheLimit: Story = {
  args: { question: short as TextDefinition },
  render: (args) => (
    <Controlled question={args.question} initial={'A very long feature name indeed'} />
  ),
};
