import { createMemoryBackend } from '@palaute/engine';
import { FeedbackForm, fi, PalauteProvider } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  everyQuestionSurvey,
  finnishSurvey,
  longTextSurvey,
  npsSurvey,
} from '../test/fixtures/surveys';

const meta = {
  title: 'Components/FeedbackForm',
  component: FeedbackForm,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'The same flow inline and non-modal, e.g. on a dashboard card or a help page. It renders nothing once dismissed or postponed.',
      },
    },
  },
  args: { survey: npsSurvey },
  render: function Render(args, { globals }) {
    const backend = useMemo(() => createMemoryBackend({ latency: 300 }), []);
    return (
      <PalauteProvider
        locales={{ fi }}
        backend={backend}
        customer={{ id: 'c-1' }}
        locale={args.locale ?? globals.locale ?? 'en'}
      >
        <FeedbackForm {...args} theme={args.theme ?? globals.theme} />
      </PalauteProvider>
    );
  },
} satisfies Meta<typeof FeedbackForm>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Inline: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const form = canvasElement.querySelector('.palaute-FeedbackForm') as HTMLElement;
    await userEvent.click(canvas.getAllByRole('radio')[10] as HTMLElement);
    await userEvent.click(canvas.getByRole('button', { name: /^(Next|Send)$/ }));
    await waitFor(() => expect(form).toHaveAttribute('data-state', 'acknowledging'), {
      timeout: 10_000,
    });
    await expect(
      canvasElement.querySelector('[data-part="announcer"]') as HTMLElement,
    ).not.toBeEmptyDOMElement();
  },
};

export const Light: Story = { args: { theme: 'light' } };

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [
    (Story) => (
      <div style={{ background: '#0b1120', padding: '1rem' }}>
        <Story />
      </div>
    ),
  ],
};

/** A host theme: only CSS custom properties change. */
export const CustomTheme: Story = {
  decorators: [
    (Story) => (
      <div
        style={
          {
            '--palaute-accent': '#7c2d12',
            '--palaute-accent-contrast': '#ffffff',
            '--palaute-radius': '0',
            '--palaute-font-family': 'Georgia, serif',
          } as React.CSSProperties
        }
      >
        <Story />
      </div>
    ),
  ],
};

export const Finnish: Story = { args: { survey: finnishSurvey, locale: 'fi' } };

export const VeryLongText: Story = {
  args: { survey: longTextSurvey },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 360 }}>
        <Story />
      </div>
    ),
  ],
};

export const EveryQuestionType: Story = { args: { survey: everyQuestionSurvey } };

export const RightToLeft: Story = {
  decorators: [
    (Story) => (
      <div dir="rtl">
        <Story />
      </div>
    ),
  ],
};
