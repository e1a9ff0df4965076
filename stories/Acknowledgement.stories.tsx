import { Acknowledgement } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';

const meta = {
  title: 'Parts/Acknowledgement',
  component: Acknowledgement,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'Thanks the customer and says what happens next, per segment. Without a survey acknowledgement it shows the built-in thanks.',
      },
    },
  },
} satisfies Meta<typeof Acknowledgement>;
export default meta;
type Story = StoryObj<typeof meta>;

export const BuiltIn: Story = {};

export const Detractor: Story = {
  args: {
    segment: 'detractor',
    acknowledgement: {
      id: 'detractor',
      title: 'Thank you for telling us straight.',
      body: 'A product manager reads every low score. If you agreed to be contacted, we will get back to you within two working days.',
    },
  },
};

export const Promoter: Story = {
  args: {
    segment: 'promoter',
    acknowledgement: {
      id: 'promoter',
      title: 'That made our day!',
      body: 'Would you tell a colleague? Your invite link is in Settings.',
    },
  },
};
