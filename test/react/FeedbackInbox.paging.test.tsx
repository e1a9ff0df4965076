import type { InboxQuery, MemoryBackend, TeamPort } from '@palaute/engine';
import { FeedbackInbox, fi, PalauteProvider } from '@palaute/react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { anna, answer, type Clock, createLoop } from '../fixtures/feedback';
import { axeViolations } from './axe';
import { named, tabTo } from './keyboard';

type User = ReturnType<typeof userEvent.setup>;

function Inbox({
  backend,
  clock,
  team = backend.team,
  locale = 'en',
  pageSize = 5,
}: {
  backend: MemoryBackend;
  clock: Clock;
  team?: TeamPort;
  locale?: string;
  pageSize?: number;
}) {
  return (
    <PalauteProvider locales={{ fi }} backend={backend} outbox={false} locale={locale}>
      <main>
        <FeedbackInbox
          team={team}
          by={anna}
          now={clock.now}
          timeZone="UTC"
          refreshMs={0}
          pageSize={pageSize}
        />
      </main>
    </PalauteProvider>
  );
}

/** Twelve customers answer an hour apart: "Feedback number 01" (oldest) to "12". */
async function twelveItems() {
  const { backend, clock } = createLoop();
  for (let n = 1; n <= 12; n++) {
    const number = String(n).padStart(2, '0');
    await answer(backend, clock, {
      id: `fb-page-00${number}`,
      customerId: `c-${number}`,
      nps: 5,
      why: `Feedback number ${number}`,
      contact: true,
    });
    clock.advance(1);
  }
  return { backend, clock };
}

const inbox = () => screen.getByRole('region', { name: /^(Feedback inbox|Saapunut palaute)$/ });
const list = () =>
  within(inbox()).getByRole('list', { name: /^(Feedback inbox|Saapunut palaute)$/ });
const announcer = () => inbox().querySelector('[data-part="announcer"]') as HTMLElement;
const count = () => inbox().querySelector('[data-part="count"]') as HTMLElement;
const shown = () =>
  within(list())
    .getAllByRole('listitem')
    .map((row) => row.querySelector('[data-part="open"]')?.textContent);
const numbers = (...ns: number[]) => ns.map((n) => `Feedback number ${String(n).padStart(2, '0')}`);
const range = (from: number, to: number) =>
  numbers(...Array.from({ length: to - from + 1 }, (_, index) => from + index));

/** Tabs to "Show more" and presses it, as a keyboard user does. */
async function showMore(user: User, name = 'Show more', key = '{Enter}') {
  await tabTo(user, named(name), { max: 80 });
  await user.keyboard(key);
}

describe('FeedbackInbox, a page at a time', () => {
  it('given more feedback than a page › shows the first page and says only how many are shown; "Show more" by keyboard adds the next, announces how many came and moves focus to the first of them', async () => {
    const user = userEvent.setup();
    const { backend, clock } = await twelveItems();
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    // Unprocessed first: all twelve are new, so the oldest wait longest and come first.
    expect(shown()).toEqual(range(1, 5));
    expect(count()).toHaveTextContent('5 shown, more to load.');
    const more = within(inbox()).getByRole('button', { name: 'Show more' });
    expect(more).toHaveAccessibleDescription('5 shown, more to load.');
    expect(await axeViolations(document.body)).toEqual([]);

    await showMore(user);
    await waitFor(() => expect(shown()).toEqual(range(1, 10)));
    expect(within(list()).getByRole('button', { name: 'Feedback number 06' })).toHaveFocus();
    expect(announcer()).toHaveTextContent('5 more loaded. 10 shown, more to load.');
    expect(count()).toHaveTextContent('10 shown, more to load.');

    // Space works too; the last page is short, and then every match is shown: the total is known.
    await showMore(user, 'Show more', ' ');
    await waitFor(() => expect(shown()).toEqual(range(1, 12)));
    expect(within(list()).getByRole('button', { name: 'Feedback number 11' })).toHaveFocus();
    expect(announcer()).toHaveTextContent('2 more loaded. 12 items');
    expect(count()).toHaveTextContent('12 items');
    expect(within(inbox()).queryByRole('button', { name: 'Show more' })).toBeNull();
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given pages loaded and a filter changed › starts again from the first page of what matches, and counts truly', async () => {
    const user = userEvent.setup();
    const { backend, clock } = await twelveItems();
    for (const n of [2, 4, 6, 8, 10, 12])
      await backend.team.act(
        `fb-page-00${String(n).padStart(2, '0')}`,
        { type: 'feedback.triage' },
        anna,
      );
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    // New ones oldest first, then the open ones newest first.
    expect(shown()).toEqual(numbers(1, 3, 5, 7, 9));
    await showMore(user);
    await waitFor(() => expect(shown()).toEqual(numbers(1, 3, 5, 7, 9, 11, 12, 10, 8, 6)));

    const filters = within(inbox()).getByRole('search', { name: 'Filter feedback' });
    await user.selectOptions(within(filters).getByLabelText('Status'), 'Triaged');
    await waitFor(() => expect(shown()).toEqual(numbers(12, 10, 8, 6, 4)));
    expect(announcer()).toHaveTextContent('5 shown, more to load.');
    expect(count()).toHaveTextContent('5 shown, more to load.');

    await user.selectOptions(within(filters).getByLabelText('Status'), 'New');
    await waitFor(() => expect(shown()).toEqual(numbers(1, 3, 5, 7, 9)));
    await showMore(user);
    await waitFor(() => expect(shown()).toEqual(numbers(1, 3, 5, 7, 9, 11)));
    expect(announcer()).toHaveTextContent('1 more loaded. 6 items');
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given an item triaged after its page was shown › it comes again among the open ones on a later page, and is listed once', async () => {
    const user = userEvent.setup();
    const { backend, clock } = await twelveItems();
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    expect(shown()).toEqual(range(1, 5));
    // Another team member triages number 02 meanwhile: it now belongs among the open items.
    await act(() => backend.team.act('fb-page-0002', { type: 'feedback.triage' }, anna));
    await showMore(user);
    await waitFor(() => expect(shown()).toEqual(range(1, 10)));
    await showMore(user);
    // The next page is 11, 12 and the open 02 again: shown once, where it was, as it is now.
    await waitFor(() => expect(shown()).toEqual(range(1, 12)));
    expect(within(list()).getByRole('button', { name: 'Feedback number 11' })).toHaveFocus();
    expect(announcer()).toHaveTextContent('2 more loaded. 12 items');
    expect(
      within(list()).getByRole('button', { name: 'Feedback number 02' }).closest('li'),
    ).toHaveAttribute('data-state', 'triaged');
  });

  it('given an action after "Show more" › the list is reloaded with as many items as were shown', async () => {
    const user = userEvent.setup();
    const { backend, clock } = await twelveItems();
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    await showMore(user);
    await waitFor(() => expect(shown()).toHaveLength(10));
    await tabTo(user, named('Feedback number 07'), { max: 80 });
    await user.keyboard('{Enter}');
    await tabTo(user, named('Mark as triaged'), { max: 80 });
    await user.keyboard('{Enter}');
    const view = within(inbox()).getByRole('region', { name: 'Feedback from c-07' });
    await waitFor(() =>
      expect(view.querySelector('[data-part="status"]')).toHaveTextContent('Status: Triaged'),
    );
    // Still ten, from the top: the new ones oldest first; 07, now open, comes after them all.
    await waitFor(() => expect(shown()).toEqual(numbers(1, 2, 3, 4, 5, 6, 8, 9, 10, 11)));
    expect(count()).toHaveTextContent('10 shown, more to load.');
  });

  it('given an item the team moved past the page › Escape goes back to the row now in its place, or to the count when none is left, never to the page', async () => {
    const user = userEvent.setup();
    const { backend, clock } = await twelveItems();
    render(<Inbox backend={backend} clock={clock} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    await tabTo(user, named('Feedback number 03'), { max: 80 });
    await user.keyboard('{Enter}');
    await tabTo(user, named('Mark as triaged'), { max: 80 });
    await user.keyboard('{Enter}');
    // Now open, 03 comes after every new one: off the first page.
    await waitFor(() => expect(shown()).toEqual(numbers(1, 2, 4, 5, 6)));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(inbox()).toHaveAttribute('data-view', 'list'));
    expect(within(list()).getByRole('button', { name: 'Feedback number 04' })).toHaveFocus();

    // Only the new ones with "04" in them: one, triaged away, and the list is empty.
    const filters = within(inbox()).getByRole('search', { name: 'Filter feedback' });
    await user.selectOptions(within(filters).getByLabelText('Status'), 'New');
    await user.type(within(filters).getByRole('searchbox'), 'number 04{Enter}');
    await waitFor(() => expect(shown()).toEqual(numbers(4)));
    await user.click(within(list()).getByRole('button', { name: 'Feedback number 04' }));
    await user.click(await within(inbox()).findByRole('button', { name: 'Mark as triaged' }));
    await waitFor(() =>
      expect(within(inbox()).queryByRole('list', { name: 'Feedback inbox' })).toBeNull(),
    );
    await user.keyboard('{Escape}');
    await waitFor(() => expect(count()).toHaveFocus());
    expect(count()).toHaveTextContent('0 items');
  });

  it('given the next page fails › says so in an alert, keeps what is shown, and "Show more" tries again', async () => {
    const user = userEvent.setup();
    const { backend, clock } = await twelveItems();
    let failNext = true;
    const team: TeamPort = {
      ...backend.team,
      async listFeedback(query?: InboxQuery) {
        if (query?.cursor && failNext) {
          failNext = false;
          throw new TypeError('Failed to fetch');
        }
        return backend.team.listFeedback(query);
      },
    };
    render(<Inbox backend={backend} clock={clock} team={team} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    await showMore(user);
    expect(await within(inbox()).findByRole('alert')).toHaveTextContent(
      'More feedback could not be loaded. Try again.',
    );
    expect(shown()).toEqual(range(1, 5));
    const more = within(inbox()).getByRole('button', { name: 'Show more' });
    expect(more).toHaveFocus();
    expect(more).toHaveAttribute('data-state', 'error');
    expect(await axeViolations(document.body)).toEqual([]);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(shown()).toEqual(range(1, 10)));
    expect(within(inbox()).queryByRole('alert')).toBeNull();
    expect(within(list()).getByRole('button', { name: 'Feedback number 06' })).toHaveFocus();
  });

  it('given a slow next page › "Show more" stays focused and says it is busy (aria-disabled) until the page arrives', async () => {
    const user = userEvent.setup();
    const { backend, clock } = await twelveItems();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const team: TeamPort = {
      ...backend.team,
      async listFeedback(query?: InboxQuery) {
        if (query?.cursor) {
          calls += 1;
          await gate;
        }
        return backend.team.listFeedback(query);
      },
    };
    render(<Inbox backend={backend} clock={clock} team={team} />);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    await showMore(user);
    const more = within(inbox()).getByRole('button', { name: 'Show more' });
    await waitFor(() => expect(more).toHaveAttribute('aria-disabled', 'true'));
    expect(more).toHaveFocus();
    // Pressing again while it loads asks for nothing more.
    await user.keyboard('{Enter}');
    expect(calls).toBe(1);
    await act(async () => release());
    await waitFor(() => expect(shown()).toEqual(range(1, 10)));
    expect(within(list()).getByRole('button', { name: 'Feedback number 06' })).toHaveFocus();
  });

  it('in Finnish › "Näytä lisää" and the counts in Finnish', async () => {
    const user = userEvent.setup();
    const { backend, clock } = await twelveItems();
    render(<Inbox backend={backend} clock={clock} locale="fi" pageSize={10} />);
    await within(inbox()).findByRole('list', { name: 'Saapunut palaute' });
    expect(count()).toHaveTextContent('Näytetään 10, lisää voi ladata.');
    await showMore(user, 'Näytä lisää');
    await waitFor(() => expect(shown()).toHaveLength(12));
    expect(announcer()).toHaveTextContent('Ladattiin 2 lisää. 12 palautetta');
    expect(await axeViolations(document.body)).toEqual([]);
  });
});
