import {
  createMemoryBackend,
  createPalaute,
  type MemoryBackend,
  type Outbox,
} from '@palaute/engine';
import { createMemoryOutboxStorage, createOutbox } from '@palaute/engine/outbox';
import { fi, PalauteProvider, useYourFeedback, YourFeedback } from '@palaute/react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  anna,
  answer,
  type Clock,
  createClock,
  createLoop,
  customerId,
  customerItem,
  faxReason,
  scriptText,
  seedCustomer,
} from '../fixtures/feedback';
import { invoicingTouchpoints, npsDashboard } from '../fixtures/journey';
import { axeViolations } from './axe';
import { named, tabTo } from './keyboard';

function Panel({
  backend,
  outbox = false,
  clock,
  locale,
  theme,
}: {
  backend: MemoryBackend;
  outbox?: Outbox | false;
  clock: Clock;
  locale?: string;
  theme?: 'light' | 'dark' | 'auto';
}) {
  let replies = 0;
  return (
    <PalauteProvider
      locales={{ fi }}
      backend={backend}
      customer={{ id: customerId }}
      outbox={outbox}
      {...(locale ? { locale } : {})}
    >
      <main>
        <YourFeedback
          now={clock.now}
          timeZone="UTC"
          refreshMs={0}
          createId={() => `reply-mine-${String(++replies).padStart(4, '0')}`}
          theme={theme}
        />
      </main>
    </PalauteProvider>
  );
}

const panel = () => screen.getByRole('region', { name: 'Your feedback' });
const item = () => within(panel()).getByRole('article');
/** The window regains focus: the panel looks for news. */
const comeBack = () =>
  act(() => {
    window.dispatchEvent(new Event('focus'));
  });

/** The browser's network switch, as jsdom lets a test flip it: `navigator.onLine` and its events. */
function network() {
  let online = true;
  vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
  return {
    set(next: boolean) {
      online = next;
      act(() => {
        window.dispatchEvent(new Event(next ? 'online' : 'offline'));
      });
    },
  };
}

/** Seeds one stage of the loop; rendering is left to the test, so it awaits the first load itself. */
async function seed(stage: Parameters<typeof seedCustomer>[2]) {
  const { backend, clock } = createLoop();
  await seedCustomer(backend, clock, stage);
  return () => render(<Panel backend={backend} clock={clock} />);
}

describe('YourFeedback', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('given no feedback yet › says so, loading first, and is axe clean', async () => {
    (await seed('empty'))();
    expect(panel()).toHaveAttribute('data-state', 'loading');
    expect(panel()).toHaveAttribute('aria-busy', 'true');
    expect(await screen.findByText('You have not sent any feedback yet.')).toBeInTheDocument();
    expect(panel()).toHaveAttribute('data-state', 'empty');
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given a theme › the panel carries it as data-theme for the stylesheet; without one it has none and takes the page’s colours', async () => {
    const { backend, clock } = createLoop();
    await seedCustomer(backend, clock, 'empty');
    const { unmount } = render(<Panel backend={backend} clock={clock} theme="auto" />);
    expect(panel()).toHaveAttribute('data-theme', 'auto');
    unmount();
    render(<Panel backend={backend} clock={clock} />);
    expect(panel()).not.toHaveAttribute('data-theme');
  });

  it('given a planned item › shows the customer’s words as a quote, "Planned" with what it means (not done), and when each step happened', async () => {
    const show = await seed('planned');
    show();
    const article = await screen.findByRole('article', {
      name: 'Your feedback of Nov 20, 2026',
    });
    expect(within(article).getByRole('heading', { level: 3 })).toHaveTextContent(
      'Your feedback of Nov 20, 2026',
    );
    expect(article.querySelector('blockquote')).toHaveTextContent(
      'Exports to Excel are slow. A year of invoices takes minutes.',
    );
    const status = article.querySelector('[data-part="status"]');
    expect(status).toHaveTextContent('Status: Planned');
    expect(status).toHaveAttribute('data-state', 'planned');
    expect(article).toHaveTextContent(
      'It is on our plan but not done yet. We will tell you when it is.',
    );
    expect(article).not.toHaveTextContent(/\bDone\b/);
    const steps = within(article).getByRole('list', { name: 'Steps' });
    expect(
      within(steps)
        .getAllByRole('listitem')
        .map((step) => step.textContent),
    ).toEqual([
      'Received Nov 20, 2026, 10:00 AM',
      'We are looking into it Nov 20, 2026, 2:00 PM',
      'Planned Nov 21, 2026, 10:00 AM',
    ]);
    // Consent given, the team has not written: no thread yet, and nothing to answer.
    expect(article).toHaveTextContent('No replies yet.');
    expect(within(article).queryByRole('textbox')).not.toBeInTheDocument();
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given a declined item › reads "Not planned" with the reason the team gave', async () => {
    const show = await seed('declined');
    show();
    const article = await screen.findByRole('article');
    expect(article.querySelector('[data-part="status"]')).toHaveTextContent('Status: Not planned');
    expect(article.querySelector('[data-part="decline-reason"]')).toHaveTextContent(
      `Why: ${faxReason}`,
    );
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given a shipped item › tells the customer "You told us X. We shipped Y." with the impact notice, and "Done"', async () => {
    const show = await seed('shipped');
    show();
    const article = await screen.findByRole('article', { name: /^Your feedback of/ });
    expect(article.querySelector('[data-part="status"]')).toHaveTextContent('Status: Done');
    const notice = article.querySelector('.palaute-ImpactNotice') as HTMLElement;
    expect(notice).toHaveTextContent(
      'You told us: Exports to Excel are slow. A year of invoices takes minutes.',
    );
    expect(within(notice).getByRole('heading', { level: 4 })).toHaveTextContent(
      'What we did: Excel exports are now ten times faster',
    );
    expect(within(notice).getByRole('link', { name: 'Read the release notes' })).toHaveAttribute(
      'href',
      'https://example.com/changelog/fast-exports',
    );
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given an impact notice the customer has not seen › marks it "New" in words, records it seen, and keeps it "New" while the panel stays; the next visit shows it without', async () => {
    const { backend, clock } = createLoop();
    await seedCustomer(backend, clock, 'shipped');
    const page = render(<Panel backend={backend} clock={clock} />);
    const article = await screen.findByRole('article', { name: /^Your feedback of/ });
    const impact = article.querySelector('[data-part="impact"]') as HTMLElement;
    expect(impact).toHaveAttribute('data-state', 'new');
    expect(within(impact).getByText('New')).toHaveAttribute('data-part', 'impact-new');
    expect(impact.querySelector('.palaute-ImpactNotice')).toHaveTextContent(
      'Excel exports are now ten times faster',
    );
    expect(await axeViolations(document.body)).toEqual([]);

    // Shown: recorded as seen on the backend (no outbox here), so no touchpoint offers it again.
    await waitFor(async () => expect(await backend.listImpact({ customerId })).toEqual([]));
    const [mine] = (await act(() => backend.listMyFeedback?.({ customerId }))) ?? [];
    expect(mine?.impact?.seenAt).toBe(clock.now().toISOString());
    // News while the panel stays (the team writes) keeps it "New": the customer is still reading it.
    await act(() =>
      backend.team.act(
        customerItem,
        { type: 'reply.team', reply: { id: 'reply-anna-0009', body: 'Enjoy the exports!' } },
        anna,
      ),
    );
    comeBack();
    await screen.findByRole('button', { name: 'Conversation, 1 message, 1 new' });
    expect(impact).toHaveAttribute('data-state', 'new');
    expect(within(impact).getByText('New')).toBeInTheDocument();
    page.unmount();

    // The next visit: seen, so not new, and nothing is recorded twice.
    render(<Panel backend={backend} clock={clock} />);
    const again = await screen.findByRole('article', { name: /^Your feedback of/ });
    const seen = again.querySelector('[data-part="impact"]') as HTMLElement;
    expect(seen).toHaveAttribute('data-state', 'seen');
    expect(within(seen).queryByText('New')).not.toBeInTheDocument();
    expect(seen.querySelector('.palaute-ImpactNotice')).toHaveTextContent(
      'Excel exports are now ten times faster',
    );
  });

  it('given a Palaute client and an outbox › the panel records the impact seen through the outbox and the client, so the next touchpoint does not offer it again', async () => {
    const { backend, clock } = createLoop();
    await seedCustomer(backend, clock, 'shipped');
    // A month on: the answer no longer holds the contact budget.
    clock.advance(30 * 24);
    const journey = () =>
      createPalaute({
        backend,
        now: () => clock.now().getTime(),
        customer: { id: customerId },
        surveys: [npsDashboard],
        touchpoints: invoicingTouchpoints,
        asks: [{ surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] }],
      });
    const [{ id: noticeId } = { id: '' }] = await backend.listImpact({ customerId });
    // Unseen, the next touchpoint would bring it.
    const control = journey();
    await control.start();
    control.touchpoint('dashboard');
    expect(control.impact().map((notice) => notice.id)).toEqual([noticeId]);
    control.stop();

    const client = journey();
    const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
    const enqueue = vi.spyOn(outbox, 'enqueue');
    render(
      <PalauteProvider locales={{ fi }} client={client} outbox={outbox}>
        <main>
          <YourFeedback now={clock.now} timeZone="UTC" refreshMs={0} />
        </main>
      </PalauteProvider>,
    );
    const article = await screen.findByRole('article', { name: /^Your feedback of/ });
    expect(article.querySelector('[data-part="impact"]')).toHaveAttribute('data-state', 'new');
    await waitFor(() =>
      expect(enqueue).toHaveBeenCalledWith('impactSeen', {
        customerId,
        noticeId,
        at: clock.now().toISOString(),
      }),
    );
    await waitFor(async () => expect(await backend.listImpact({ customerId })).toEqual([]));
    await waitFor(() => expect(outbox.status().pending).toBe(0));
    // This page's client was told: its next touchpoint does not offer the notice again.
    act(() => {
      client.touchpoint('dashboard');
    });
    expect(client.impact()).toEqual([]);
    // Nor does the next page's.
    const next = journey();
    await act(() => next.start());
    next.touchpoint('dashboard');
    expect(next.impact()).toEqual([]);
    next.stop();
    outbox.stop();
  });

  it('given no IntersectionObserver (jsdom, old browsers) › records the notice seen once it is rendered, and only once across reloads', async () => {
    expect(typeof IntersectionObserver).toBe('undefined');
    const { backend, clock } = createLoop();
    await seedCustomer(backend, clock, 'shipped');
    const mark = vi.spyOn(backend, 'markImpactSeen');
    render(<Panel backend={backend} clock={clock} />);
    const article = await screen.findByRole('article', { name: /^Your feedback of/ });
    await waitFor(() => expect(mark).toHaveBeenCalledTimes(1));
    expect(mark).toHaveBeenCalledWith(expect.objectContaining({ customerId }));
    // Reloads and news re-render the notice: still recorded once.
    comeBack();
    await act(() =>
      backend.team.act(
        customerItem,
        { type: 'reply.team', reply: { id: 'reply-anna-0009', body: 'Enjoy the exports!' } },
        anna,
      ),
    );
    comeBack();
    await screen.findByRole('button', { name: 'Conversation, 1 message, 1 new' });
    expect(article.querySelector('[data-part="impact"]')).toHaveAttribute('data-state', 'new');
    expect(mark).toHaveBeenCalledTimes(1);
  });

  it('given the page in a background tab › records nothing until the page is visible', async () => {
    let visibility: DocumentVisibilityState = 'hidden';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    const { backend, clock } = createLoop();
    await seedCustomer(backend, clock, 'shipped');
    const mark = vi.spyOn(backend, 'markImpactSeen');
    render(<Panel backend={backend} clock={clock} />);
    const article = await screen.findByRole('article', { name: /^Your feedback of/ });
    expect(article.querySelector('[data-part="impact"]')).toHaveAttribute('data-state', 'new');
    comeBack();
    await screen.findByRole('article', { name: /^Your feedback of/ });
    expect(mark).not.toHaveBeenCalled();

    visibility = 'visible';
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitFor(() => expect(mark).toHaveBeenCalledTimes(1));
    await waitFor(async () => expect(await backend.listImpact({ customerId })).toEqual([]));
  });

  it('given a host rendering its own UI with useYourFeedback › records nothing by itself; markImpactSeen records the notice once, and it stays new', async () => {
    const user = userEvent.setup();
    const { backend, clock } = createLoop();
    await seedCustomer(backend, clock, 'shipped');
    const mark = vi.spyOn(backend, 'markImpactSeen');
    function OwnList() {
      const feedback = useYourFeedback({ now: clock.now, refreshMs: 0 });
      return (
        <ul>
          {feedback.items.map((item) => (
            <li key={item.id} data-state={item.impactState}>
              {item.statusLabel}
              <button type="button" onClick={() => feedback.markImpactSeen(item.id)}>
                Got it
              </button>
            </li>
          ))}
        </ul>
      );
    }
    render(
      <PalauteProvider
        locales={{ fi }}
        backend={backend}
        customer={{ id: customerId }}
        outbox={false}
      >
        <OwnList />
      </PalauteProvider>,
    );
    const row = await screen.findByRole('listitem');
    expect(row).toHaveAttribute('data-state', 'new');
    comeBack();
    await screen.findByRole('listitem');
    expect(mark).not.toHaveBeenCalled();

    const gotIt = screen.getByRole('button', { name: 'Got it' });
    await user.click(gotIt);
    await user.click(gotIt);
    await waitFor(async () => expect(await backend.listImpact({ customerId })).toEqual([]));
    expect(mark).toHaveBeenCalledTimes(1);
    comeBack();
    await waitFor(async () => expect(await backend.listImpact({ customerId })).toEqual([]));
    expect(screen.getByRole('listitem')).toHaveAttribute('data-state', 'new');
  });

  it('given a team reply › the disclosure shows the thread by keyboard, marks the reply read (the team sees the receipt), and an answer shows at once, is sent through the outbox and reaches the team', async () => {
    const user = userEvent.setup();
    const { backend, clock } = createLoop();
    await answer(backend, clock, {
      id: customerItem,
      customerId,
      nps: 3,
      why: 'Exports are slow',
      contact: true,
    });
    clock.advance(2);
    await backend.team.act(
      customerItem,
      { type: 'reply.team', reply: { id: 'reply-anna-0001', body: 'Which export do you use?' } },
      anna,
    );
    clock.advance(1);
    const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
    render(<Panel backend={backend} clock={clock} outbox={outbox} />);

    const toggle = await screen.findByRole('button', { name: 'Conversation, 1 message, 1 new' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const thread = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    expect(thread).not.toBeVisible();
    await tabTo(user, (element) => element === toggle);
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(thread).toBeVisible();
    const messages = within(thread as HTMLElement).getByRole('list', { name: 'Conversation' });
    expect(messages).toHaveTextContent('Anna from Laskutin');
    expect(messages).toHaveTextContent('Which export do you use?');
    expect(await axeViolations(document.body)).toEqual([]);

    // Shown: the team's message is read, and the team sees the receipt.
    await waitFor(async () =>
      expect((await backend.team.getFeedback(customerItem)).replies[0]?.readAt).toBe(
        clock.now().toISOString(),
      ),
    );
    await waitFor(() => expect(toggle).toHaveAccessibleName('Conversation, 1 message'));

    // An empty answer is refused, said as an alert, and focus stays in the field.
    await tabTo(user, named('Send'));
    await user.keyboard('{Enter}');
    const field = screen.getByRole('textbox', { name: 'Your answer' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Please write something first.');
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('Please write something first.');

    await user.keyboard('The monthly report');
    await tabTo(user, named('Send'));
    await user.keyboard('{Enter}');
    // Shown at once, then sent: the announcement says so politely.
    const mine = await within(messages).findByText('The monthly report');
    expect(mine.closest('li')).toHaveAttribute('data-author', 'customer');
    await waitFor(() => expect(mine.closest('li')).toHaveAttribute('data-state', 'sent'));
    expect(mine.closest('li')).toHaveTextContent('Sent');
    expect(screen.getByRole('status')).toHaveTextContent('Your answer was sent.');
    expect(field).toHaveValue('');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(
      (await act(() => backend.team.getFeedback(customerItem))).replies.map((reply) => [
        reply.author.kind,
        reply.body,
      ]),
    ).toEqual([
      ['team', 'Which export do you use?'],
      ['customer', 'The monthly report'],
    ]);

    // The team reads it: the customer's own message says "Read".
    await act(() => backend.team.act(customerItem, { type: 'reply.read' }, anna));
    comeBack();
    await waitFor(() => expect(mine.closest('li')).toHaveAttribute('data-state', 'read'));
    expect(mine.closest('li')).toHaveTextContent('Read');

    // The team writes again: announced politely on the next look.
    await act(() =>
      backend.team.act(
        customerItem,
        { type: 'reply.team', reply: { id: 'reply-anna-0002', body: 'Thanks, we are on it.' } },
        anna,
      ),
    );
    comeBack();
    await within(messages).findByText('Thanks, we are on it.');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Anna from Laskutin replied to your feedback.',
    );
    expect(await axeViolations(document.body)).toEqual([]);
    outbox.stop();
  });

  it('given the server cannot be reached › the answer says honestly it is saved on this device, and arrives once the server is back', async () => {
    const user = userEvent.setup();
    let down = false;
    const clock = createClock();
    const backend = createMemoryBackend({
      now: clock.now,
      failWith: (operation) =>
        down && (operation === 'submitReply' || operation === 'deliver')
          ? new TypeError('Failed to fetch')
          : undefined,
    });
    await seedCustomer(backend, clock, 'answered');
    const outbox = createOutbox({
      backend,
      storage: createMemoryOutboxStorage(),
      baseDelayMs: 3_600_000,
    });
    render(<Panel backend={backend} clock={clock} outbox={outbox} />);
    await user.click(await screen.findByRole('button', { name: /^Conversation, 3 messages/ }));
    down = true;
    await user.type(screen.getByRole('textbox', { name: 'Your answer' }), 'One more thing');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const mine = (await screen.findByText('One more thing')).closest('li') as HTMLElement;
    await waitFor(() => expect(mine).toHaveAttribute('data-state', 'queued'));
    expect(mine).toHaveTextContent(
      "Saved on this device. We couldn't reach our server yet; we'll keep trying.",
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      "Saved on this device. We couldn't reach our server yet; we'll keep trying.",
    );
    expect(outbox.status().pending).toBe(1);

    down = false;
    await act(() => outbox.flush({ retryNow: true }));
    await waitFor(() => expect(mine).toHaveAttribute('data-state', 'sent'));
    expect(screen.getByRole('status')).toHaveTextContent('Your answer was sent.');
    expect(
      (await act(() => backend.team.getFeedback(customerItem))).replies.filter(
        (reply) => reply.body === 'One more thing',
      ),
    ).toHaveLength(1);
    outbox.stop();
  });

  it('given an answer written offline and a reload › the next page shows it from the outbox, waiting to be sent, then sent once the network is back, once', async () => {
    const user = userEvent.setup();
    const net = network();
    let down = false;
    const clock = createClock();
    const backend = createMemoryBackend({
      now: clock.now,
      failWith: (operation) =>
        down && (operation === 'submitReply' || operation === 'deliver')
          ? new TypeError('Failed to fetch')
          : undefined,
    });
    await seedCustomer(backend, clock, 'answered');
    const storage = createMemoryOutboxStorage();
    const first = createOutbox({ backend, storage, baseDelayMs: 3_600_000 });
    const page = render(<Panel backend={backend} clock={clock} outbox={first} />);
    await user.click(await screen.findByRole('button', { name: /^Conversation, 3 messages/ }));
    down = true;
    net.set(false);
    await user.type(screen.getByRole('textbox', { name: 'Your answer' }), 'One more thing');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const written = (await screen.findByText('One more thing')).closest('li') as HTMLElement;
    await waitFor(() => expect(written).toHaveAttribute('data-state', 'offline'));
    // Someone else signed in on this device earlier: their answer waits in the same storage.
    await act(() =>
      first.enqueue('reply', {
        itemId: customerItem,
        customerId: 'c-2',
        replyId: 'reply-other-0001',
        body: 'Not yours to see',
        at: clock.now().toISOString(),
      }),
    );
    page.unmount();
    first.stop();

    // The next page: a new provider and a new outbox over the same storage, still offline.
    const second = createOutbox({ backend, storage, baseDelayMs: 3_600_000 });
    render(<Panel backend={backend} clock={clock} outbox={second} />);
    await user.click(await screen.findByRole('button', { name: /^Conversation, 4 messages/ }));
    const thread = screen.getByRole('list', { name: 'Conversation' });
    const mine = (await within(thread).findByText('One more thing')).closest('li') as HTMLElement;
    expect(mine).toHaveAttribute('data-author', 'customer');
    await waitFor(() => expect(mine).toHaveAttribute('data-state', 'offline'));
    expect(mine).toHaveTextContent("Saved on this device. We'll send it when you're back online.");
    expect(thread).not.toHaveTextContent('Not yours to see');
    expect(await axeViolations(document.body)).toEqual([]);

    // The network is back: the outbox sends it, the thread says so, and it is there once.
    down = false;
    net.set(true);
    await waitFor(() => expect(mine).toHaveAttribute('data-state', 'sent'));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Your answer was sent.'),
    );
    await waitFor(() => expect(second.status().pending).toBe(0));
    expect(within(thread).getAllByText('One more thing')).toHaveLength(1);
    expect(screen.getByRole('button', { name: /^Conversation, 4 messages/ })).toBeInTheDocument();
    expect(
      (await act(() => backend.team.getFeedback(customerItem))).replies.filter(
        (reply) => reply.body === 'One more thing',
      ),
    ).toHaveLength(1);
    second.stop();
  });

  it('given no outbox and a failing server › the answer stays on the page with an alert and "Try again", which sends it once', async () => {
    const user = userEvent.setup();
    let down = false;
    const clock = createClock();
    const backend = createMemoryBackend({
      now: clock.now,
      failWith: (operation) =>
        down && operation === 'submitReply' ? new TypeError('Failed to fetch') : undefined,
    });
    await seedCustomer(backend, clock, 'answered');
    down = true;
    render(<Panel backend={backend} clock={clock} />);
    await user.click(await screen.findByRole('button', { name: /^Conversation/ }));
    await user.type(screen.getByRole('textbox', { name: 'Your answer' }), 'Still there?');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const mine = (await screen.findByText('Still there?')).closest('li') as HTMLElement;
    await waitFor(() => expect(mine).toHaveAttribute('data-state', 'failed'));
    expect(within(mine).getByRole('alert')).toHaveTextContent(
      'Your answer could not be sent. It is kept here, so you can try again.',
    );
    expect(await axeViolations(document.body)).toEqual([]);

    down = false;
    await user.click(within(mine).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(mine).toHaveAttribute('data-state', 'sent'));
    expect(
      (await act(() => backend.team.getFeedback(customerItem))).replies.filter(
        (reply) => reply.body === 'Still there?',
      ),
    ).toHaveLength(1);
  });

  it('given script-looking text in the answer and the replies › renders it as text', async () => {
    const user = userEvent.setup();
    const { backend, clock } = createLoop();
    await answer(backend, clock, {
      id: customerItem,
      customerId,
      nps: 3,
      why: scriptText,
      contact: true,
    });
    await backend.team.act(
      customerItem,
      { type: 'reply.team', reply: { id: 'reply-anna-0001', body: scriptText } },
      anna,
    );
    await backend.team.act(customerItem, { type: 'feedback.decline', reason: scriptText }, anna);
    render(<Panel backend={backend} clock={clock} />);
    await user.click(await screen.findByRole('button', { name: /^Conversation/ }));
    await user.type(screen.getByRole('textbox', { name: 'Your answer' }), scriptText);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(screen.getAllByText(scriptText)).toHaveLength(4));
    expect(item().querySelector('img')).toBeNull();
    expect(item().querySelector('blockquote')).toHaveTextContent(scriptText);
  });

  it('given the backend fails to list › says so in an alert with "Try again", which loads it', async () => {
    const user = userEvent.setup();
    let down = true;
    const { clock } = createLoop();
    const backend = createMemoryBackend({
      now: clock.now,
      failWith: (operation) =>
        down && operation === 'listMyFeedback' ? new Error('502 Bad Gateway') : undefined,
    });
    await seedCustomer(backend, clock, 'planned');
    render(<Panel backend={backend} clock={clock} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your feedback could not be loaded.',
    );
    expect(panel()).toHaveAttribute('data-state', 'error');
    expect(await axeViolations(document.body)).toEqual([]);
    down = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('article')).toBeInTheDocument();
  });

  it('given the Finnish locale › speaks Finnish', async () => {
    const { backend, clock } = createLoop();
    await seedCustomer(backend, clock, 'declined');
    render(<Panel backend={backend} clock={clock} locale="fi" />);
    const region = await screen.findByRole('region', { name: 'Palautteesi' });
    await within(region).findByRole('article');
    expect(region.querySelector('[data-part="status"]')).toHaveTextContent(
      'Tila: Ei suunnitelmissa',
    );
    expect(region.querySelector('[data-part="decline-reason"]')).toHaveTextContent(
      `Miksi: ${faxReason}`,
    );
  });
});
