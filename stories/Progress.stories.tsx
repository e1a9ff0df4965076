import { Progress } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';

const meta = {
  title: 'Parts/Progress',
  component: Progress,
  tags: ['autodocs'],
  args: { current: 2, total: 4 },
} satisfies Meta<typeof Progress>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const First: Story = { args: { current: 1, total: 3 } };
