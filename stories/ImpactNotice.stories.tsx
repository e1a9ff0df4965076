import { ImpactNotice } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';

const meta = {
  title: 'Parts/ImpactNotice',
  component: ImpactNotice,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          '"You said, we did": a change that shipped because of this customer\'s feedback. Only shipped changes are ever shown; links are http(s) only.',
      },
    },
  },
  args: {
    notice: {
      id: 'faster-exports',
      youSaid: 'Exporting a year of invoices takes minutes.',
      weDid: 'Exports are now ten times faster.',
      details:
        'A full year exports in under ten seconds, and you get an email when a large export is ready.',
      shippedAt: '2026-10-01T09:00:00.000Z',
      link: { href: 'https://example.com/changelog/faster-exports', label: 'Read the changelog' },
    },
  },
} satisfies Meta<typeof ImpactNotice>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const WithoutQuote: Story = {
  args: {
    notice: { id: 'dark-mode', weDid: 'Dark mode is here.', shippedAt: '2026-09-15T09:00:00.000Z' },
  },
};
