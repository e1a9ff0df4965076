import { createMemoryBackend } from '@palaute/engine';
import { FeedbackDialog, fi, PalauteProvider } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo } from 'react';
import { expect, screen, userEvent, waitFor, within } from 'storybook/test';
import { fixtureCustomerId, impactNotice } from '../test/fixtures/flows';
import { npsSurvey } from '../test/fixtures/surveys';

const meta = {
  title: 'Components/FeedbackDialog',
  component: FeedbackDialog,
  tags: ['autodocs'],
  parameters: {
    // The dialog is portalled to <body>, so axe checks the whole page.
    a11y: { context: 'body' },
    docs: {
      description: {
        component:
          'The feedback flow in a Radix modal dialog: titled and described, focus trapped and returned to the trigger. Escape and × dismiss, "Not now" postpones; both are recorded. A click outside never closes it, so answers are never lost to a stray click.',
      },
    },
  },
  args: { survey: npsSurvey },
  // In the docs page every story shows closed, with its trigger: an open modal dialog would cover the
  // page with its overlay and trap focus in itself. Each story's own canvas opens it as asked.
  render: function Render(args, { globals, viewMode }) {
    // A customer of this render's own: stories run side by side in one browser and share its
    // storage, where the outbox keeps each customer's writes.
    const customerId = useMemo(
      () => `${fixtureCustomerId}-${Math.random().toString(36).slice(2)}`,
      [],
    );
    const backend = useMemo(
      () => createMemoryBackend({ latency: 300, impact: { [customerId]: [impactNotice] } }),
      [customerId],
    );
    return (
      <PalauteProvider
        locales={{ fi }}
        backend={backend}
        customer={{ id: customerId }}
        locale={globals.locale ?? 'en'}
      >
        <FeedbackDialog
          {...args}
          defaultOpen={viewMode === 'docs' ? false : args.defaultOpen}
          theme={args.theme ?? globals.theme}
          trigger={<button type="button">Give feedback</button>}
        />
      </PalauteProvider>
    );
  },
} satisfies Meta<typeof FeedbackDialog>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Closed: Story = {};

export const Open: Story = { args: { defaultOpen: true } };

/** The dark theme: the story's theme wins over the toolbar's, whose default is light. */
export const Dark: Story = {
  args: { defaultOpen: true, theme: 'dark' },
  globals: { theme: 'dark' },
  play: async () => {
    await expect(await screen.findByRole('dialog')).toHaveAttribute('data-theme', 'dark');
  },
};

/** The main flow by keyboard: open, score 3, skip the reason, thanks, follow-up, impact, close. */
export const DetractorFlowByKeyboard: Story = {
  play: async ({ canvasElement }) => {
    const trigger = within(canvasElement).getByRole('button', { name: 'Give feedback' });
    trigger.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog');
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    await expect(within(dialog).getByRole('radio', { checked: true })).toHaveAccessibleName(/^3/);
    await userEvent.click(within(dialog).getByRole('button', { name: /^(Next|Send)$/ }));
    while (dialog.getAttribute('data-step') === 'asking') {
      await userEvent.click(within(dialog).getByRole('button', { name: /^(Next|Send)$/ }));
    }
    await waitFor(() => expect(dialog).toHaveAttribute('data-step', 'acknowledging'), {
      timeout: 10_000,
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Continue' }));
    await userEvent.keyboard('Faster exports, please');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    await within(dialog).findByRole('heading', { name: 'You said, we did' }, { timeout: 10_000 });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expect(trigger).toHaveFocus();
  },
};

/** Escape closes the dialog, records a dismissal and returns focus to the trigger. */
export const EscapeDismisses: Story = {
  play: async ({ canvasElement }) => {
    const trigger = within(canvasElement).getByRole('button', { name: 'Give feedback' });
    await userEvent.click(trigger);
    await screen.findByRole('dialog');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expect(trigger).toHaveFocus();
  },
};
