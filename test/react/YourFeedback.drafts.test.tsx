import {
  connect,
  createFlow,
  createMemoryBackend,
  createPalaute,
  defineSurvey,
  type MemoryBackend,
  type Palaute,
} from '@palaute/engine';
import { OfferedFeedback, PalauteProvider, YourFeedback } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { npsDashboard } from '../fixtures/journey';
import { axeViolations } from './axe';
import { announced, leaveAndReturn } from './drafts.helpers';
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
const KEPT = 'We kept what you wrote and did not send yet.';

/** The customer wrote from the launcher and the team replied. */
async function repliedTo(backend: MemoryBackend, customerId = 'c-1') {
  const flow = createFlow({
    survey: support,
    backend,
    customer: { id: customerId },
    locale: 'en',
    initiative: 'customer',
  });
  flow.start();
  const api = () => connect(flow.getSnapshot(), flow.send);
  api().answer('why', 'Exports are slow');
  api().next();
  api().answer('contact', true);
  api().next();
  await waitFor(() => expect(api().step).toBe('acknowledging'));
  await backend.team.act(
    api().responseId,
    { type: 'reply.team', reply: { id: `reply-sanna-${customerId}`, body: 'Which export?' } },
    { kind: 'team', id: 'sanna', name: 'Sanna' },
  );
  return api().responseId;
}

async function startedClient(backend: MemoryBackend, customerId = 'c-1') {
  const client = createPalaute({
    backend,
    customer: { id: customerId },
    surveys: [npsDashboard, support],
    touchpoints: [...touchpoints],
    asks: [{ surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] }],
  });
  await client.start();
  return client;
}

/** The host's page: the provider around what it shows. */
const wrap = (client: Palaute) => (children?: ReactNode) => (
  <PalauteProvider client={client} outbox={false}>
    {children}
  </PalauteProvider>
);

const panel = () => screen.getByRole('region', { name: 'Your feedback' });

describe('an answer to the team written and not sent', { timeout: 20_000 }, () => {
  it('given words typed in the offered reply’s dialog and the dialog closed › "Your feedback" gives them back, says so, and sending clears the draft', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    await repliedTo(backend);
    const client = await startedClient(backend);
    const { rerender } = render(wrap(client)(<OfferedFeedback present="dialog" />));
    client.touchpoint('dashboard');
    const dialog = await screen.findByRole('dialog', { name: 'The team replied to your feedback' });
    const field = await within(dialog).findByRole('textbox', { name: 'Write back to the team' });
    await tabTo(user, (element) => element === field);
    await user.keyboard('The monthly export');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    rerender(wrap(client)(<YourFeedback refreshMs={0} />));
    const toggle = await within(panel()).findByRole('button', { expanded: false });
    await user.click(toggle);
    const answer = within(panel()).getByRole('textbox', { name: 'Your answer' });
    expect(answer).toHaveValue('The monthly export');
    expect(answer).toHaveAccessibleDescription(KEPT);
    await announced(panel(), KEPT);
    expect(await axeViolations(panel())).toEqual([]);

    await tabTo(user, named('Send'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(answer).toHaveValue(''));
    expect(within(panel()).queryByText(KEPT)).toBeNull();
    const [mine] = (await backend.listMyFeedback?.({ customerId: 'c-1' })) ?? [];
    await waitFor(() =>
      expect(mine?.replies.map((reply) => reply.body)).toContain('The monthly export'),
    );

    // Sent: nothing comes back at the next opening.
    leaveAndReturn(rerender, wrap(client), <YourFeedback refreshMs={0} />);
    await user.click(await within(panel()).findByRole('button', { expanded: false }));
    expect(within(panel()).getByRole('textbox', { name: 'Your answer' })).toHaveValue('');
    expect(within(panel()).queryByText(KEPT)).toBeNull();
  });

  it('given words typed in "Your feedback" and the panel closed › reopened, the field has them back and says so; another customer on the device gets none', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    await repliedTo(backend);
    await repliedTo(backend, 'c-2');
    const client = await startedClient(backend);
    const { rerender } = render(wrap(client)(<YourFeedback refreshMs={0} />));
    await user.click(await within(panel()).findByRole('button', { expanded: false }));
    await user.type(
      within(panel()).getByRole('textbox', { name: 'Your answer' }),
      'Half a thought',
    );
    expect(within(panel()).queryByText(KEPT)).toBeNull();
    leaveAndReturn(rerender, wrap(client), <YourFeedback refreshMs={0} />);
    await user.click(await within(panel()).findByRole('button', { expanded: false }));
    expect(within(panel()).getByRole('textbox', { name: 'Your answer' })).toHaveValue(
      'Half a thought',
    );
    expect(panel().querySelector('[data-part="resumed"]')).toHaveTextContent(KEPT);

    // The same provider, signed in as someone else: their thread starts empty.
    const other = await startedClient(backend, 'c-2');
    rerender(
      <PalauteProvider client={other} outbox={false}>
        <YourFeedback key="c-2" refreshMs={0} />
      </PalauteProvider>,
    );
    await waitFor(() =>
      expect(within(panel()).getAllByRole('article')[0]).toHaveTextContent('Exports are slow'),
    );
    await user.click(await within(panel()).findByRole('button', { expanded: false }));
    expect(within(panel()).getByRole('textbox', { name: 'Your answer' })).toHaveValue('');
  });

  it('given an answer sent straight from the offered reply’s dialog that fails, and the dialog closed › "Your feedback" gives the words back as a draft, says so, and sends them once', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    await repliedTo(backend);
    const client = await startedClient(backend);
    const { submitReply } = backend;
    backend.submitReply = () => Promise.reject(new Error('The network is down.'));
    const { rerender } = render(wrap(client)(<OfferedFeedback present="dialog" />));
    client.touchpoint('dashboard');
    const dialog = await screen.findByRole('dialog', { name: 'The team replied to your feedback' });
    const field = await within(dialog).findByRole('textbox', { name: 'Write back to the team' });
    await user.type(field, 'The monthly export');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await within(dialog).findByRole('alert')).toBeVisible();
    expect(field).toHaveValue('');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    if (submitReply) backend.submitReply = submitReply;
    rerender(wrap(client)(<YourFeedback refreshMs={0} />));
    await user.click(await within(panel()).findByRole('button', { expanded: false }));
    const answer = within(panel()).getByRole('textbox', { name: 'Your answer' });
    expect(answer).toHaveValue('The monthly export');
    expect(answer).toHaveAccessibleDescription(KEPT);
    await announced(panel(), KEPT);
    expect(await axeViolations(panel())).toEqual([]);
    await user.click(within(panel()).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(answer).toHaveValue(''));
    const [mine] = (await backend.listMyFeedback?.({ customerId: 'c-1' })) ?? [];
    expect(mine?.replies.filter((reply) => reply.body === 'The monthly export')).toHaveLength(1);

    // Sent: nothing comes back at the next opening.
    leaveAndReturn(rerender, wrap(client), <YourFeedback refreshMs={0} />);
    await user.click(await within(panel()).findByRole('button', { expanded: false }));
    expect(within(panel()).getByRole('textbox', { name: 'Your answer' })).toHaveValue('');
  });
});
