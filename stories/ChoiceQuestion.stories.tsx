import type { AnswerValue, ChoiceQuestion as ChoiceQuestionDefinition } from '@palaute/engine';
import { defineSurvey } from '@palaute/engine';
import { ChoiceQuestion } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';

const questions = defineSurvey({
  id: 'choices',
  touchpointId: 'storybook',
  title: 'Choices',
  questions: [
    {
      id: 'role',
      type: 'single',
      title: 'What best describes your role?',
      options: [
        { id: 'owner', label: 'Business owner' },
        { id: 'accountant', label: 'Accountant' },
        { id: 'sales', label: 'Sales' },
      ],
      other: true,
    },
    {
      id: 'features',
      type: 'multiple',
      title: 'Which features do you use every week?',
      options: [
        { id: 'invoices', label: 'Invoices' },
        { id: 'reminders', label: 'Payment reminders' },
        { id: 'reports', label: 'Reports' },
        { id: 'exports', label: 'Exports to accounting' },
      ],
      minSelected: 1,
      maxSelected: 2,
      other: { label: 'Something else' },
    },
  ],
}).questions as ChoiceQuestionDefinition[];

function Controlled({ question, error }: { question: ChoiceQuestionDefinition; error?: boolean }) {
  const [value, setValue] = useState<AnswerValue | undefined>();
  return (
    <ChoiceQuestion
      question={question}
      value={value}
      onChange={setValue}
      error={error && value === undefined ? { code: 'required' } : undefined}
    />
  );
}

const meta = {
  title: 'Questions/ChoiceQuestion',
  component: ChoiceQuestion,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'Single choice is a radio group, multiple choice a group of checkboxes; both may offer "Other" with a text field, and may show their options in a random order fixed per flow.',
      },
    },
  },
  args: {
    question: questions[0] as ChoiceQuestionDefinition,
    value: undefined,
    onChange: () => {},
  },
  render: (args) => <Controlled question={args.question} />,
} satisfies Meta<typeof ChoiceQuestion>;
export default meta;
type Story = StoryObj<typeof meta>;

export const SingleWithOther: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('radio', { name: 'Other' }));
    const other = canvas.getByRole('textbox');
    await userEvent.type(other, 'Freelance designer');
    await expect(other).toHaveValue('Freelance designer');
  },
};

export const Multiple: Story = {
  args: { question: questions[1] as ChoiceQuestionDefinition },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Invoices' }));
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Reports' }));
    await expect(canvas.getByRole('checkbox', { name: 'Reports' })).toBeChecked();
  },
};

export const WithError: Story = {
  args: { question: questions[1] as ChoiceQuestionDefinition },
  render: (args) => <Controlled question={args.question} error />,
};
