import type { MemoryBackend, Outbox } from '@palaute/engine';
import { createMemoryOutboxStorage, createOutbox } from '@palaute/engine/outbox';
import { FeedbackInbox, PalauteProvider, YourFeedback } from '@palaute/react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  anna,
  answer,
  type Clock,
  createLoop,
  faxReason,
  invoiceSurvey,
  loopSurvey,
  scriptText,
  seedInbox,
} from '../fixtures/feedback';
import { axeViolations } from './axe';
import { named, tabTo } from './keyboard';

type User = ReturnType<typeof userEvent.setup>;

function Inbox({
  backend,
  clock,
  responseTargetHours,
}: {
  backend: MemoryBackend;
  clock: Clock;
  responseTargetHours?: number;
}) {
  let ids = 0;
  return (
    <PalauteProvider backend={backend} outbox={false}>
      <main>
        <FeedbackInbox
          team={backend.team}
          by={anna}
          now={clock.now}
          timeZone="UTC"
          refreshMs={0}
          surveys={[loopSurvey, invoiceSurvey]}
          createId={() => `made-here-${String(++ids).padStart(4, '0')}`}
          {...(responseTargetHours ? { responseTargetHours } : {})}
        />
      </main>
    </PalauteProvider>
  );
}

/** One customer's own panel, in a document of its own. */
function Customer({
  backend,
  clock,
  id,
  outbox = false,
}: {
  backend: MemoryBackend;
  clock: Clock;
  id: string;
  outbox?: Outbox | false;
}) {
  return (
    <PalauteProvider backend={backend} customer={{ id }} outbox={outbox}>
      <aside aria-label={`Customer ${id}`}>
        <YourFeedback now={clock.now} timeZone="UTC" refreshMs={0} />
      </aside>
    </PalauteProvider>
  );
}

const inbox = () => screen.getByRole('region', { name: 'Feedback inbox' });
const list = () => within(inbox()).getByRole('list', { name: 'Feedback inbox' });
const rowOf = (text: string | RegExp) =>
  within(list()).getByRole('button', { name: text }).closest('li') as HTMLElement;
const itemView = (customer: string) =>
  within(inbox()).getByRole('region', { name: `Feedback from ${customer}` });
const announcer = () => inbox().querySelector('[data-part="announcer"]') as HTMLElement;

/** Opens an item from the list by keyboard: Tab to its button, Enter. Focus moves to its heading. */
async function open(user: User, excerpt: string | RegExp) {
  await tabTo(user, named(excerpt), { max: 80 });
  await user.keyboard('{Enter}');
}

/** Presses a button reached by Tab. */
async function press(user: User, name: string | RegExp) {
  await tabTo(user, named(name), { max: 80 });
  await user.keyboard('{Enter}');
}

/** Tabs to a field by its label and types. */
async function typeInto(user: User, label: string, text: string) {
  const field = screen.getByLabelText(label);
  await tabTo(user, (element) => element === field, { max: 80 });
  await user.keyboard(text);
}

/** Two customers: c-1 may be contacted, c-2 may not. */
async function twoCustomers() {
  const { backend, clock } = createLoop();
  await answer(backend, clock, {
    id: 'fb-c1-000001',
    customerId: 'c-1',
    nps: 3,
    why: 'Exports to Excel are slow',
    contact: true,
  });
  clock.advance(1);
  await answer(backend, clock, {
    id: 'fb-c2-000002',
    customerId: 'c-2',
    nps: 4,
    why: 'Add a fax export',
    contact: false,
  });
  clock.advance(2);
  return { backend, clock };
}

describe('FeedbackInbox', () => {
  it('by keyboard only: triage → reply → the customer sees the reply and answers back → the team sees the answer and the read receipt', async () => {
    const user = userEvent.setup();
    const { backend, clock } = await twoCustomers();
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    expect(await axeViolations(document.body)).toEqual([]);

    await open(user, 'Exports to Excel are slow');
    const view = itemView('c-1');
    expect(within(view).getByRole('heading', { name: 'Feedback from c-1' })).toHaveFocus();
    expect(within(list()).getByRole('button', { current: true })).toHaveTextContent(
      'Exports to Excel are slow',
    );
    expect(view.querySelector('[data-part="status"]')).toHaveTextContent('Status: New');
    // Only the moves the lifecycle allows from "new"; "answered" waits for a reply, and says so.
    expect(
      within(view)
        .getAllByRole('button')
        .filter((button) => button.dataset.part === 'action')
        .map((button) => [button.textContent, (button as HTMLButtonElement).disabled]),
    ).toEqual([
      ['Mark as triaged', false],
      ['Add to the plan', false],
      ['Start work', false],
      ['Close as answered', true],
      ['Decline', false],
    ]);
    expect(
      within(view).getByRole('button', { name: 'Close as answered' }),
    ).toHaveAccessibleDescription('You can close it as answered once you have replied.');
    expect(await axeViolations(document.body)).toEqual([]);

    await press(user, 'Mark as triaged');
    await waitFor(() =>
      expect(view.querySelector('[data-part="status"]')).toHaveTextContent('Status: Triaged'),
    );
    expect(view.querySelector('[data-part="status"]')).toHaveFocus();
    expect(announcer()).toHaveAttribute('role', 'status');
    expect(announcer()).toHaveTextContent('Status changed to Triaged.');
    expect(rowOf('Exports to Excel are slow')).toHaveTextContent('Triaged');

    await typeInto(user, 'Reply to the customer', 'Which export do you use?');
    await press(user, 'Send reply');
    const thread = await within(view).findByRole('list', { name: 'Conversation' });
    expect(thread).toHaveTextContent('Anna from Laskutin');
    expect(thread).toHaveTextContent('Which export do you use?');
    expect(announcer()).toHaveTextContent('Reply sent.');
    expect(screen.getByLabelText('Reply to the customer')).toHaveValue('');
    expect(screen.getByLabelText('Reply to the customer')).toHaveFocus();
    expect(within(view).getByRole('button', { name: 'Close as answered' })).toBeEnabled();
    expect(await axeViolations(document.body)).toEqual([]);

    // The customer, in the product: the reply is there; they answer back through the outbox.
    const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
    render(<Customer backend={backend} clock={clock} id="c-1" outbox={outbox} />);
    const mine = screen.getByRole('complementary', { name: 'Customer c-1' });
    const toggle = await within(mine).findByRole('button', {
      name: 'Conversation, 1 message, 1 new',
    });
    await tabTo(user, (element) => element === toggle, { max: 120 });
    await user.keyboard('{Enter}');
    expect(within(mine).getByRole('list', { name: 'Conversation' })).toHaveTextContent(
      'Which export do you use?',
    );
    await typeInto(user, 'Your answer', 'The monthly Excel report');
    await press(user, 'Send');
    await waitFor(() =>
      expect(within(mine).getByText('The monthly Excel report').closest('li')).toHaveAttribute(
        'data-state',
        'sent',
      ),
    );
    expect(await axeViolations(document.body)).toEqual([]);

    // The team refreshes: the answer is in the thread, and the team's reply was read.
    await press(user, 'Refresh');
    await within(view).findByText('The monthly Excel report');
    const messages = within(within(view).getByRole('list', { name: 'Conversation' })).getAllByRole(
      'listitem',
    );
    expect(messages.map((message) => message.dataset.author)).toEqual(['team', 'customer']);
    expect(messages[0]).toHaveTextContent('Read by the customer');
    expect(messages[1]).toHaveTextContent('Customer');
    // Shown to the team: the customer's answer is read, and the customer sees "Read".
    await waitFor(async () =>
      expect(
        (await act(() => backend.team.getFeedback('fb-c1-000001'))).replies[1]?.readAt,
      ).toBeDefined(),
    );
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    await waitFor(() =>
      expect(within(mine).getByText('The monthly Excel report').closest('li')).toHaveAttribute(
        'data-state',
        'read',
      ),
    );

    await press(user, 'Close as answered');
    await waitFor(() =>
      expect(view.querySelector('[data-part="status"]')).toHaveTextContent('Status: Answered'),
    );
    expect(announcer()).toHaveTextContent('Status changed to Answered.');
    expect(await axeViolations(document.body)).toEqual([]);
    outbox.stop();
  }, 30_000);

  it('given a decline without a reason › refuses it with an alert and focus on the reason; with one, declines, and the customer reads why', async () => {
    const user = userEvent.setup();
    const { backend, clock } = await twoCustomers();
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    await open(user, 'Add a fax export');
    const view = itemView('c-2');

    await press(user, 'Decline');
    const reason = screen.getByLabelText('Reason for declining (the customer sees it)');
    expect(await within(view).findByRole('alert')).toHaveTextContent(
      'Please say why: the customer reads it.',
    );
    expect(reason).toHaveFocus();
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveAccessibleDescription('Please say why: the customer reads it.');
    expect((await act(() => backend.team.getFeedback('fb-c2-000002'))).status).toBe('new');
    expect(await axeViolations(document.body)).toEqual([]);

    await user.keyboard(faxReason);
    await press(user, 'Decline');
    await waitFor(() =>
      expect(view.querySelector('[data-part="status"]')).toHaveTextContent('Status: Declined'),
    );
    expect(announcer()).toHaveTextContent('Status changed to Declined.');
    expect(within(view).queryByRole('alert')).not.toBeInTheDocument();
    // From "declined" only "reopen" is a move.
    expect(
      within(view)
        .getAllByRole('button')
        .filter((button) => button.dataset.part === 'action')
        .map((button) => button.textContent),
    ).toEqual(['Reopen']);
    // The history says who, when and why.
    const history = within(view).getByRole('list', { name: 'History' });
    expect(within(history).getAllByRole('listitem').at(-1)).toHaveTextContent(
      `Declined ·, by Anna from Laskutin ·, Nov 20, 2026, 1:00 PMReason: ${faxReason}`,
    );
    expect(await axeViolations(document.body)).toEqual([]);

    render(<Customer backend={backend} clock={clock} id="c-2" />);
    const theirs = await within(
      screen.getByRole('complementary', { name: 'Customer c-2' }),
    ).findByRole('article');
    expect(theirs.querySelector('[data-part="status"]')).toHaveTextContent('Status: Not planned');
    expect(theirs).toHaveTextContent(`Why: ${faxReason}`);
  });

  it('given a customer who did not consent › the reply composer is disabled and says why; a move the engine refuses shows its reason', async () => {
    const user = userEvent.setup();
    const { backend, clock } = await twoCustomers();
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    await open(user, 'Add a fax export');
    const view = itemView('c-2');
    const field = within(view).getByRole('textbox', { name: 'Reply to the customer' });
    expect(field).toBeDisabled();
    expect(field).toHaveAccessibleDescription(
      'The customer did not agree to be contacted about this feedback, so you cannot reply.',
    );
    expect(within(view).getByRole('button', { name: 'Send reply' })).toBeDisabled();
    expect(within(view).queryByRole('button', { name: 'Close as answered' })).toBeNull();
    expect(view.querySelector('[data-part="facts"]')).toHaveTextContent('May be contactedNo');
    expect(await axeViolations(document.body)).toEqual([]);

    // Someone else declines the other item while this view still shows it as new.
    await open(user, 'Exports to Excel are slow');
    const other = itemView('c-1');
    await act(() =>
      backend.team.act(
        'fb-c1-000001',
        { type: 'feedback.decline', reason: 'Handled elsewhere' },
        { kind: 'team', id: 'ben', name: 'Ben' },
      ),
    );
    await press(user, 'Add to the plan');
    expect(await within(other).findByRole('alert')).toHaveTextContent(
      'Not saved: Cannot plan feedback that is declined.',
    );
    expect(
      within(other).getByRole('button', { name: 'Add to the plan' }),
    ).toHaveAccessibleDescription('Not saved: Cannot plan feedback that is declined.');
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given a fixed clock › flags feedback past the response target with no team action as "Overdue" in words, and the metrics count it', async () => {
    const { backend, clock } = createLoop();
    await seedInbox(backend, clock);
    const view = render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    // Unprocessed first (oldest first: the exports item, whose customer wrote back, with the new
    // ones), then open, then closed.
    expect(
      within(list())
        .getAllByRole('listitem')
        .map((row) => row.querySelector('[data-part="open"]')?.textContent),
    ).toEqual([
      'Exports to Excel are slow. A year of invoices takes minutes.',
      'Logging in takes two tries every morning.',
      'The invoice preview is tiny on my laptop.',
      'I miss a dark mode',
      'Add a fax export',
      'Love it, but is there a discount for non-profits?',
    ]);
    const login = rowOf('Logging in takes two tries every morning.');
    expect(login).toHaveAttribute('data-overdue', '');
    expect(login.querySelector('[data-part="overdue"]')).toHaveTextContent('Overdue');
    expect(within(login).getByRole('button', { name: /^Logging in/ })).toHaveAccessibleDescription(
      '2 / 10, detractor, dashboard, Negative, 2 days ago, New, Overdue',
    );
    const preview = rowOf('The invoice preview is tiny on my laptop.');
    expect(preview).not.toHaveAttribute('data-overdue');
    expect(preview).toHaveTextContent('14 hours ago');
    expect(preview).not.toHaveTextContent('Overdue');

    const metrics = await within(inbox()).findByRole('region', { name: 'Closing the loop' });
    await waitFor(() => expect(metrics.querySelector('dl')).not.toBeNull());
    const value = (name: string) =>
      metrics.querySelector(`[data-metric="${name}"]`)?.textContent ?? '';
    expect(value('unprocessed')).toBe('Unprocessed33% (2 of 6)');
    expect(value('overdue')).toBe('Overdue (target 48 hours)1');
    expect(value('first-response')).toBe('Median time to first response14.5 hours');
    expect(value('close')).toBe('Median time to close24 hours');
    expect(await axeViolations(document.body)).toEqual([]);

    // A tighter target: the newer item is overdue too.
    view.unmount();
    render(<Inbox backend={backend} clock={clock} responseTargetHours={12} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    expect(rowOf('The invoice preview is tiny on my laptop.')).toHaveAttribute('data-overdue', '');
    await waitFor(() =>
      expect(inbox().querySelector('[data-metric="overdue"]')?.textContent).toBe(
        'Overdue (target 12 hours)2',
      ),
    );
  });

  it('given the filters › narrows the list by status, touchpoint and age, and announces how many match', async () => {
    const user = userEvent.setup();
    const { backend, clock } = createLoop();
    await seedInbox(backend, clock);
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    const filters = within(inbox()).getByRole('search', { name: 'Filter feedback' });
    const shown = () =>
      within(list())
        .queryAllByRole('listitem')
        .map((row) => row.querySelector('[data-part="open"]')?.textContent);

    await user.selectOptions(within(filters).getByLabelText('Status'), 'New');
    await waitFor(() => expect(shown()).toHaveLength(2));
    expect(announcer()).toHaveTextContent('2 items');

    await user.selectOptions(within(filters).getByLabelText('Status'), 'Open');
    await waitFor(() => expect(shown()).toHaveLength(3));

    await user.selectOptions(within(filters).getByLabelText('Status'), 'All, unprocessed first');
    await user.selectOptions(within(filters).getByLabelText('Touchpoint'), 'first-invoice');
    await waitFor(() => expect(shown()).toEqual(['I miss a dark mode']));
    expect(announcer()).toHaveTextContent('1 item');

    await user.selectOptions(within(filters).getByLabelText('Touchpoint'), 'All touchpoints');
    await user.type(within(filters).getByLabelText('Older than'), '3');
    expect(within(filters).getByLabelText('Unit')).toHaveValue('days');
    await waitFor(() =>
      expect(shown()).toEqual([
        'Exports to Excel are slow. A year of invoices takes minutes.',
        'Add a fax export',
        'Love it, but is there a discount for non-profits?',
      ]),
    );
    await user.selectOptions(within(filters).getByLabelText('Unit'), 'hours');
    await waitFor(() => expect(shown()).toHaveLength(6));

    await user.clear(within(filters).getByLabelText('Older than'));
    await user.selectOptions(within(filters).getByLabelText('Status'), 'Shipped');
    await user.selectOptions(within(filters).getByLabelText('Touchpoint'), 'dashboard');
    await waitFor(() =>
      expect(within(inbox()).getByText('No feedback matches these filters.')).toBeInTheDocument(),
    );
    expect(announcer()).toHaveTextContent('0 items');
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given customers on plans › filters by the segment each answer was given in, and shows it on the item', async () => {
    const user = userEvent.setup();
    const { backend, clock } = createLoop();
    await seedInbox(backend, clock);
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    const filters = within(inbox()).getByRole('search', { name: 'Filter feedback' });
    const shown = () =>
      within(list())
        .queryAllByRole('listitem')
        .map((row) => row.querySelector('[data-part="open"]')?.textContent);
    const value = within(filters).getByLabelText('Segment value');
    // The keys and values come from the answers themselves, counted over the inbox, the most
    // common first; no key chosen, no value to choose.
    expect(value).toBeDisabled();
    await user.selectOptions(within(filters).getByLabelText('Segment'), 'plan');
    expect(
      within(value)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Any', 'pro (3)', 'free (2)']);
    await user.selectOptions(value, 'pro (3)');
    // Unprocessed first: the exports item's customer wrote back, so it waits with the new one.
    await waitFor(() =>
      expect(shown()).toEqual([
        'Exports to Excel are slow. A year of invoices takes minutes.',
        'Logging in takes two tries every morning.',
        'I miss a dark mode',
      ]),
    );
    expect(announcer()).toHaveTextContent('3 items');
    await user.selectOptions(value, 'free (2)');
    await waitFor(() =>
      expect(shown()).toEqual([
        'Add a fax export',
        'Love it, but is there a discount for non-profits?',
      ]),
    );
    await user.click(within(list()).getByRole('button', { name: /Add a fax export/ }));
    expect(await within(itemView('c-2')).findByText('plan: free')).toBeInTheDocument();
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given items linked to a shipped change by keyboard › ships them, and exactly those customers see "You told us X. We shipped Y."', async () => {
    const user = userEvent.setup();
    const { backend, clock } = createLoop();
    await answer(backend, clock, {
      id: 'fb-c1-000001',
      customerId: 'c-1',
      nps: 3,
      why: 'Exports are slow',
    });
    await answer(backend, clock, {
      id: 'fb-c2-000002',
      customerId: 'c-2',
      nps: 4,
      why: 'Excel export takes forever',
    });
    await answer(backend, clock, {
      id: 'fb-c3-000003',
      customerId: 'c-3',
      nps: 5,
      why: 'I miss a dark mode',
    });
    clock.advance(30);
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    const form = within(inbox()).getByRole('form', { name: 'Link to a shipped change' });
    const ship = within(form).getByRole('button', { name: 'Ship the change' });
    expect(ship).toBeDisabled();
    expect(ship).toHaveAccessibleDescription('Select feedback in the list first.');

    for (const words of ['Exports are slow', 'Excel export takes forever']) {
      await tabTo(user, named(`Select for a change: ${words}`), { max: 80 });
      await user.keyboard(' ');
    }
    expect(within(form).getByText('2 items selected')).toBeInTheDocument();
    expect(ship).toBeEnabled();
    expect(await axeViolations(document.body)).toEqual([]);

    // "What we did" is required, and a link must be http(s).
    await typeInto(user, 'Link address (optional)', 'javascript:alert(1)');
    await press(user, 'Ship the change');
    expect(await within(form).findByRole('alert')).toHaveTextContent('Please say what you did.');
    expect(within(form).getByLabelText('What we did')).toHaveFocus();
    await user.keyboard('Excel exports are now ten times faster');
    await press(user, 'Ship the change');
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'Please give an address starting with https:// or http://.',
    );
    expect(within(form).getByLabelText('Link address (optional)')).toHaveFocus();
    await user.clear(within(form).getByLabelText('Link address (optional)'));
    await user.keyboard('https://example.com/changelog/exports');
    await press(user, 'Ship the change');
    await waitFor(() =>
      expect(announcer()).toHaveTextContent(
        'Change shipped. The customers behind 2 items will hear of it.',
      ),
    );
    expect(within(form).getByText('Select feedback in the list first.')).toBeInTheDocument();
    expect(within(form).getByLabelText('What we did')).toHaveValue('');
    expect(await act(() => backend.team.listChanges())).toEqual([
      expect.objectContaining({
        id: 'change-made-here-0001',
        weDid: 'Excel exports are now ten times faster',
        link: { href: 'https://example.com/changelog/exports', label: 'Read more' },
        itemIds: ['fb-c1-000001', 'fb-c2-000002'],
      }),
    ]);
    await waitFor(() => expect(rowOf('Exports are slow')).toHaveTextContent('Shipped'));
    expect(rowOf('I miss a dark mode')).toHaveTextContent('New');

    // The item view shows what the customer sees.
    await open(user, 'Exports are slow');
    const view = itemView('c-1');
    await waitFor(() =>
      expect(view.querySelector('.palaute-ImpactNotice')).toHaveTextContent(
        'You told us: Exports are slowWhat we did: Excel exports are now ten times faster',
      ),
    );
    expect(await axeViolations(document.body)).toEqual([]);

    for (const customer of ['c-1', 'c-2', 'c-3']) {
      const { unmount } = render(<Customer backend={backend} clock={clock} id={customer} />);
      const panel = screen.getByRole('complementary', { name: `Customer ${customer}` });
      const article = await within(panel).findByRole('article', { name: /^Your feedback of/ });
      const notice = article.querySelector('.palaute-ImpactNotice');
      if (customer === 'c-3') {
        expect(notice).toBeNull();
        expect(article.querySelector('[data-part="status"]')).toHaveTextContent('Status: Received');
      } else {
        expect(notice).toHaveTextContent('What we did: Excel exports are now ten times faster');
        expect(article.querySelector('[data-part="status"]')).toHaveTextContent('Status: Done');
      }
      expect(await axeViolations(document.body)).toEqual([]);
      unmount();
    }
  }, 30_000);

  it('given an item with a long life › the item view shows the answers by question, the customer’s words, and the history (who, when, why)', async () => {
    const user = userEvent.setup();
    const { backend, clock } = createLoop();
    await seedInbox(backend, clock);
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    await open(user, /^Exports to Excel are slow/);
    const view = itemView('c-1');
    expect(view.querySelector('[data-part="answers"]')).toHaveTextContent(
      'How likely are you to recommend Laskutin?3' +
        'What is the main reason for your score?Exports to Excel are slow. A year of invoices takes minutes.' +
        'May we contact you about your answer?Yes',
    );
    expect(view.querySelectorAll('blockquote p')).toHaveLength(2);
    const history = within(view).getByRole('list', { name: 'History' });
    expect(
      within(history)
        .getAllByRole('listitem')
        .map((step) => step.textContent),
    ).toEqual([
      'New ·, by Palaute ·, Nov 20, 2026, 10:00 AM',
      'Triaged ·, by Anna from Laskutin ·, Nov 20, 2026, 3:00 PM',
      'Planned ·, by Anna from Laskutin ·, Nov 21, 2026, 4:00 PM',
      'In progress ·, by Anna from Laskutin ·, Nov 22, 2026, 12:00 PM',
    ]);
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given script-looking text from the customer › renders it as text in the list, the item and the thread', async () => {
    const user = userEvent.setup();
    const { backend, clock } = createLoop();
    await answer(backend, clock, {
      id: 'fb-c1-000001',
      customerId: 'c-1',
      nps: 3,
      why: scriptText,
      contact: true,
    });
    await backend.team.act(
      'fb-c1-000001',
      { type: 'reply.team', reply: { id: 'reply-anna-0001', body: 'Hello?' } },
      anna,
    );
    await backend.submitReply?.({
      itemId: 'fb-c1-000001',
      customerId: 'c-1',
      replyId: 'reply-c1-000001',
      body: scriptText,
      at: clock.now().toISOString(),
    });
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    await open(user, scriptText);
    const view = itemView('c-1');
    await within(view).findByRole('list', { name: 'Conversation' });
    expect(within(inbox()).getAllByText(scriptText).length).toBeGreaterThanOrEqual(4);
    expect(inbox().querySelector('img')).toBeNull();
  });
});
