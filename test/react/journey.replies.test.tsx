import {
  connect,
  createFlow,
  createMemoryBackend,
  createPalaute,
  defineSurvey,
  type MemoryBackend,
  type ReplyNotice,
} from '@palaute/engine';
import { fi, OfferedFeedback, PalauteProvider, useTouchpoint } from '@palaute/react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { npsDashboard } from '../fixtures/journey';
import { axeViolations } from './axe';
import { named, tabTo } from './keyboard';

const support = defineSurvey({
  id: 'support-feedback',
  touchpointId: 'support',
  title: 'Tell us',
  questions: [
    { id: 'why', type: 'text', title: 'What could be better?' },
    { id: 'contact', type: 'consent', title: 'May we contact you?', label: 'Yes' },
  ],
});
const touchpoints = [
  { id: 'dashboard', stage: 'use', channel: 'inProduct' },
  { id: 'support', stage: 'support', channel: 'inProduct' },
] as const;

/** The customer wrote from the launcher (their own initiative) and the team replied. */
async function repliedTo(backend: MemoryBackend, body: string) {
  const flow = createFlow({
    survey: support,
    backend,
    customer: { id: 'c-1' },
    locale: 'en',
    initiative: 'customer',
  });
  flow.start();
  const api = () => connect(flow.getSnapshot(), flow.send);
  api().answer('why', 'Exports are <b>slow</b>');
  api().next();
  api().answer('contact', true);
  api().next();
  await waitFor(() => expect(api().step).toBe('acknowledging'));
  const itemId = api().responseId;
  await backend.team.act(
    itemId,
    { type: 'reply.team', reply: { id: 'reply-sanna-0001', body } },
    { kind: 'team', id: 'sanna', name: 'Sanna from Laskutin' },
  );
  return itemId;
}

function Dashboard() {
  useTouchpoint('dashboard');
  return <h1>Dashboard</h1>;
}

async function startedClient(backend: MemoryBackend) {
  const client = createPalaute({
    backend,
    customer: { id: 'c-1' },
    surveys: [npsDashboard, support],
    touchpoints: [...touchpoints],
    asks: [{ surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] }],
  });
  await client.start();
  return client;
}

describe('a team reply offered at the next touchpoint', () => {
  it('given an unread reply › the dialog shows it as text with who answered, announces it, marks it read, and "Read and answer" opens the thread by keyboard', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    const itemId = await repliedTo(backend, 'Which export?\n<img src=x onerror=alert(1)>');
    const client = await startedClient(backend);
    const opened: ReplyNotice[] = [];
    render(
      <PalauteProvider client={client} outbox={false}>
        <Dashboard />
        <OfferedFeedback present="dialog" onReadReply={(reply) => opened.push(reply)} />
      </PalauteProvider>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'The team replied to your feedback' });
    // Radix's open/closed stays in data-state; what is shown is the step.
    expect(dialog).toHaveAttribute('data-state', 'open');
    expect(dialog).toHaveAttribute('data-step', 'showingReplies');
    expect(
      within(dialog).getByRole('heading', { name: 'Sanna from Laskutin replied' }),
    ).toBeInTheDocument();
    // Text, never markup: the reply and the customer's words as written.
    expect(dialog.querySelector('img, b')).toBeNull();
    expect(within(dialog).getByText(/onerror=alert/)).toHaveAttribute('data-part', 'body');
    expect(within(dialog).getByText('Exports are <b>slow</b>')).toBeInTheDocument();
    await waitFor(() =>
      expect(within(dialog).getByRole('status')).toHaveTextContent(
        'Our team replied to your feedback (1 new).',
      ),
    );
    expect(await axeViolations(dialog)).toEqual([]);
    // Shown: read on the backend, and a contact here.
    await waitFor(async () => {
      const [mine] = (await backend.listMyFeedback?.({ customerId: 'c-1' })) ?? [];
      expect(mine?.replies[0]?.readAt).toBeDefined();
    });
    expect(client.replies()).toEqual([]);
    expect(client.history().contacts.filter((contact) => contact.kind === 'reply')).toHaveLength(1);

    await tabTo(user, named('Read and answer'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(opened.map((reply) => [reply.id, reply.itemId])).toEqual([['reply-sanna-0001', itemId]]);
    // Never twice for the same reply.
    act(() => {
      client.touchpoint('dashboard');
    });
    expect(screen.queryByRole('dialog', { name: /team replied/ })).not.toBeInTheDocument();
  });

  it('given Finnish and an inline presentation without a thread to open › it reads in Finnish, has no "Read and answer", and Close closes it', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    await repliedTo(backend, 'Kiitos! Korjaamme sen.');
    const client = await startedClient(backend);
    render(
      <PalauteProvider client={client} outbox={false} locale="fi" locales={{ fi }}>
        <Dashboard />
        <OfferedFeedback present="inline" />
      </PalauteProvider>,
    );
    const heading = await screen.findByRole('heading', { name: 'Tiimi vastasi palautteeseesi' });
    const region = heading.closest('section') as HTMLElement;
    expect(within(region).getByText('Kiitos! Korjaamme sen.')).toBeInTheDocument();
    expect(within(region).getByText(/Kerroit meille/)).toBeInTheDocument();
    expect(within(region).queryByRole('button', { name: 'Lue ja vastaa' })).toBeNull();
    // The customer may write back right here, in Finnish too.
    expect(await within(region).findByRole('textbox', { name: 'Vastaa tiimille' })).toBeVisible();
    expect(within(region).getByRole('button', { name: 'Lähetä' })).toBeInTheDocument();
    expect(await axeViolations(region)).toEqual([]);
    await user.click(within(region).getByRole('button', { name: 'Sulje' }));
    expect(screen.queryByRole('heading', { name: 'Tiimi vastasi palautteeseesi' })).toBeNull();
  });

  it('given an offered reply › the customer writes back in the dialog by keyboard: it reaches the thread, is announced and listed as sent', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    const itemId = await repliedTo(backend, 'Which export?');
    const client = await startedClient(backend);
    render(
      <PalauteProvider client={client} outbox={false}>
        <Dashboard />
        <OfferedFeedback present="dialog" />
      </PalauteProvider>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'The team replied to your feedback' });
    const field = await within(dialog).findByRole('textbox', { name: 'Write back to the team' });
    await tabTo(user, (element) => element === field);
    await user.keyboard('The monthly one, <b>to Procountor</b>.');
    await tabTo(user, named('Send'));
    await user.keyboard('{Enter}');
    const written = await within(dialog).findByRole('list', { name: 'What you wrote back' });
    await waitFor(() => expect(within(written).getByText('Sent')).toBeInTheDocument());
    // As text, and the field is ready for more.
    expect(within(written).getByText('The monthly one, <b>to Procountor</b>.')).toBeInTheDocument();
    expect(dialog.querySelector('b')).toBeNull();
    expect(field).toHaveValue('');
    await waitFor(() =>
      expect(within(dialog).getByRole('status')).toHaveTextContent('Your answer was sent.'),
    );
    const [mine] = (await backend.listMyFeedback?.({ customerId: 'c-1' })) ?? [];
    expect(mine?.id).toBe(itemId);
    expect(mine?.replies.map((reply) => [reply.author.kind, reply.body])).toEqual([
      ['team', 'Which export?'],
      ['customer', 'The monthly one, <b>to Procountor</b>.'],
    ]);
    expect(await axeViolations(dialog)).toEqual([]);
  });

  it('given a send that fails › the words are kept, it says so in an alert, and "Try again" sends them', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    await repliedTo(backend, 'Which export?');
    let failing = true;
    const submit = backend.submitReply;
    if (!submit) throw new Error('The memory backend takes replies.');
    const flaky: MemoryBackend = {
      ...backend,
      submitReply: (reply) => (failing ? Promise.reject(new Error('offline')) : submit(reply)),
    };
    const client = createPalaute({
      backend: flaky,
      customer: { id: 'c-1' },
      surveys: [npsDashboard, support],
      touchpoints: [...touchpoints],
      asks: [{ surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] }],
    });
    await client.start();
    render(
      <PalauteProvider client={client} outbox={false}>
        <Dashboard />
        <OfferedFeedback present="dialog" />
      </PalauteProvider>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'The team replied to your feedback' });
    const field = await within(dialog).findByRole('textbox', { name: 'Write back to the team' });
    await tabTo(user, (element) => element === field);
    await user.keyboard('Kept, whatever happens');
    await tabTo(user, named('Send'));
    await user.keyboard('{Enter}');
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      'Your answer could not be sent. It is kept here, so you can try again.',
    );
    expect(within(dialog).getByText('Kept, whatever happens')).toBeInTheDocument();
    expect(await axeViolations(dialog)).toEqual([]);
    failing = false;
    await tabTo(user, named('Try again'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(dialog).getByText('Sent')).toBeInTheDocument());
    expect(within(dialog).queryByRole('alert')).toBeNull();
    const [mine] = (await backend.listMyFeedback?.({ customerId: 'c-1' })) ?? [];
    expect(mine?.replies.map((reply) => reply.body)).toEqual([
      'Which export?',
      'Kept, whatever happens',
    ]);
  });
});
