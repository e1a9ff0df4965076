import {
  connect,
  createFlow,
  createMemoryBackend,
  createPalaute,
  defineSurvey,
  type Palaute,
} from '@palaute/engine';
import { fi, OfferedFeedback, PalauteProvider, TeamReply, useTouchpoint } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { npsDashboard } from '../test/fixtures/journey';

const support = defineSurvey({
  id: 'support-feedback',
  touchpointId: 'support',
  title: 'Tell us',
  questions: [
    { id: 'why', type: 'text', title: 'What could be better?' },
    { id: 'contact', type: 'consent', title: 'May we contact you?', label: 'Yes' },
  ],
});

/**
 * A customer of their own (one per render) who wrote from the launcher, and the team's reply to
 * it: the client has loaded it, so the next touchpoint offers it.
 */
async function repliedClient(): Promise<Palaute> {
  const backend = createMemoryBackend();
  const customer = { id: `story-${Math.random().toString(36).slice(2, 10)}` };
  const flow = createFlow({
    survey: support,
    backend,
    customer,
    locale: 'en',
    initiative: 'customer',
  });
  flow.start();
  const api = () => connect(flow.getSnapshot(), flow.send);
  api().answer('why', 'Exporting a year of invoices takes minutes.');
  api().next();
  api().answer('contact', true);
  api().next();
  await waitFor(() => expect(api().step).toBe('acknowledging'));
  await backend.team.act(
    api().responseId,
    {
      type: 'reply.team',
      reply: {
        id: 'reply-sanna-0001',
        body: 'Thanks, Anna! Which export do you use: the PDF bundle or the CSV?\nWe are on it.',
      },
    },
    { kind: 'team', id: 'sanna', name: 'Sanna from Laskutin' },
  );
  const client = createPalaute({
    backend,
    customer,
    surveys: [npsDashboard, support],
    touchpoints: [
      { id: 'dashboard', stage: 'use', channel: 'inProduct' },
      { id: 'support', stage: 'support', channel: 'inProduct' },
    ],
    asks: [{ surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] }],
  });
  await client.start();
  repliedItems.set(client, api().responseId);
  return client;
}

/** The feedback item each story client's reply answers. */
const repliedItems = new WeakMap<Palaute, string>();

function Dashboard() {
  useTouchpoint('dashboard');
  return <p>Revenue this month: 12 400 €</p>;
}

interface ReplyHostProps {
  /** How the reply is presented. */
  present: 'dialog' | 'inline';
  /** The provider's locale. */
  locale: 'en' | 'fi';
  /** The client, made by the story's loader. */
  client?: Palaute;
  /**
   * Words the customer typed in an earlier view of this thread and did not send (kept in the
   * provider's draft store, here through `persistDrafts` with a storage holding them).
   */
  draft?: string;
}

/** A storage holding one unsent answer to the client's first offered reply. */
function keptAnswer(client: Palaute, text: string) {
  const itemId = repliedItems.get(client);
  const items = new Map<string, string>();
  if (itemId)
    items.set(
      `palaute:drafts:reply:${client.customer.id}`,
      JSON.stringify({ [itemId]: { text, draftedAt: '2026-12-02T16:20:00.000Z' } }),
    );
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

/** A host page: entering the dashboard is the touchpoint; "Read and answer" opens the thread. */
function ReplyHost({ present, locale, client, draft }: ReplyHostProps) {
  const [thread, setThread] = useState<string | null>(null);
  const [storage] = useState(() => (client && draft ? keptAnswer(client, draft) : undefined));
  if (!client) return null;
  return (
    <PalauteProvider
      client={client}
      outbox={false}
      locale={locale}
      locales={{ fi }}
      {...(storage ? { persistDrafts: storage } : {})}
    >
      <main>
        <h1>Dashboard</h1>
        <Dashboard />
        {thread ? <p role="status">Opening the thread of {thread}</p> : null}
        <OfferedFeedback present={present} onReadReply={(reply) => setThread(reply.itemId)} />
      </main>
    </PalauteProvider>
  );
}

const meta = {
  title: 'Journey/Team reply offered',
  component: ReplyHost,
  tags: ['autodocs'],
  args: { present: 'dialog', locale: 'en' },
  loaders: [async () => ({ client: await repliedClient() })],
  render: (args, { loaded }) => <ReplyHost {...args} client={loaded.client as Palaute} />,
  parameters: {
    docs: {
      description: {
        component:
          'The team replied to the customer\'s feedback: at their next touchpoint `OfferedFeedback` offers the reply (before impact notices and any survey, under the contact policy), marks it read as it is shown, and "Read and answer" opens the thread through the host\'s `onReadReply`.',
      },
    },
  },
} satisfies Meta<typeof ReplyHost>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The dialog at the touchpoint: who answered, the customer's words, the reply; keyboard to the thread. */
export const InTheDialog: Story = {
  play: async ({ canvasElement }) => {
    const body = within(canvasElement.ownerDocument.body);
    const dialog = await body.findByRole('dialog', { name: 'The team replied to your feedback' });
    // Visible once the dialog's entry animation has run.
    await waitFor(() =>
      expect(
        within(dialog).getByRole('heading', { name: 'Sanna from Laskutin replied' }),
      ).toBeVisible(),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Read and answer' }));
    await waitFor(() => expect(body.queryByRole('dialog')).toBeNull());
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      'Opening the thread of',
    );
  },
};

/** The customer writes back right there, by keyboard: sent through the thread, announced, listed. */
export const WritingBack: Story = {
  play: async ({ canvasElement }) => {
    const body = within(canvasElement.ownerDocument.body);
    const dialog = await body.findByRole('dialog', { name: 'The team replied to your feedback' });
    const field = await within(dialog).findByRole('textbox', { name: 'Write back to the team' });
    await waitFor(() => expect(field).toBeVisible());
    await userEvent.click(field);
    await userEvent.keyboard('The CSV, for my accountant.');
    await userEvent.keyboard('{Tab}{Enter}');
    const written = await within(dialog).findByRole('list', { name: 'What you wrote back' });
    await waitFor(() => expect(within(written).getByText('Sent')).toBeVisible());
    await expect(within(written).getByText('The CSV, for my accountant.')).toBeVisible();
    await waitFor(() =>
      expect(within(dialog).getByRole('status')).toHaveTextContent('Your answer was sent.'),
    );
  },
};

/**
 * The customer typed an answer in this dialog before and closed it unsent: the words are back in
 * the field, which the note "We kept what you wrote…" describes, and the live region says so.
 */
export const DraftKept: Story = {
  args: { draft: 'The CSV, for my accountant, but' },
  play: async ({ canvasElement }) => {
    const body = within(canvasElement.ownerDocument.body);
    const dialog = await body.findByRole('dialog', { name: 'The team replied to your feedback' });
    const field = await within(dialog).findByRole('textbox', { name: 'Write back to the team' });
    await waitFor(() => expect(field).toHaveValue('The CSV, for my accountant, but'));
    await expect(field).toHaveAccessibleDescription('We kept what you wrote and did not send yet.');
    await waitFor(() =>
      expect(dialog.querySelector('[data-part="announcer"]')).toHaveTextContent(
        'We kept what you wrote and did not send yet.',
      ),
    );
  },
};

/** Inline, in Finnish. */
export const InlineInFinnish: Story = {
  args: { present: 'inline', locale: 'fi' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByRole('heading', { name: 'Tiimi vastasi palautteeseesi' }),
    ).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Lue ja vastaa' })).toBeVisible();
  },
};

/** The part alone, for a host's own presentation (`useReplyOffer`). */
export const ThePart: StoryObj<typeof TeamReply> = {
  render: () => (
    <PalauteProvider locale="en">
      <TeamReply
        reply={{
          id: 'reply-sanna-0001',
          itemId: 'item-0001',
          body: 'Thanks! Which export do you use?',
          author: { kind: 'team', id: 'team', name: 'Sanna from Laskutin' },
          at: '2026-11-24T09:30:00.000Z',
          touchpointId: 'support',
          youSaid: 'Exporting a year of invoices takes minutes.',
        }}
      />
    </PalauteProvider>
  ),
};
