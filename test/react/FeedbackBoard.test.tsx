import { createMemoryBackend, type MemoryBackend } from '@palaute/engine';
import { Changelog, FeedbackBoard, fi, PalauteProvider, Roadmap } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import {
  categorisedBoard,
  categorisedIdeas,
  planIdea,
  suggestCsvIdea,
  suggestPageOfIdeas,
} from '../fixtures/board';
import { axeViolations } from './axe';

const sofia = { kind: 'team' as const, id: 'sofia', name: 'Sofia' };

async function seeded() {
  let clock = Date.parse('2026-06-01T09:00:00.000Z');
  const backend = createMemoryBackend({
    now: () => {
      clock += 1000;
      return new Date(clock);
    },
  });
  const at = () => new Date(clock).toISOString();
  await suggestCsvIdea(backend, at());
  await backend.board.suggestIdea({
    id: 'idea-crash-001',
    customerId: 'carl',
    kind: 'bug',
    title: 'Crash when saving <script>',
    body: '',
    at: at(),
  });
  return backend;
}

/** `ui` (the board by default) in a page's `main`, under Ben's provider with Finnish registered. */
const renderBoard = (backend: MemoryBackend, ui: ReactNode = <FeedbackBoard />) =>
  render(
    <PalauteProvider locales={{ fi }} backend={backend} customer={{ id: 'ben' }} outbox={false}>
      <main>{ui}</main>
    </PalauteProvider>,
  );

/** The titles of the ideas the board lists, once its list is loaded. */
const listedTitles = () =>
  within(screen.getByRole('list', { busy: false }))
    .getAllByRole('heading')
    .map((heading) => heading.textContent);

describe('FeedbackBoard', () => {
  it('given ideas › lists them, and a vote is a toggle button pressed at once, announced and stored', async () => {
    const backend = await seeded();
    const user = userEvent.setup();
    const { container } = renderBoard(backend);
    const list = await screen.findByRole('list', { busy: false });
    expect(within(list).getAllByRole('article')).toHaveLength(2);
    // Script text is text.
    expect(screen.getByRole('heading', { name: 'Crash when saving <script>' })).toBeTruthy();
    const vote = screen.getByRole('button', {
      name: 'Vote · 1 vote, for “Export invoices to CSV”',
    });
    expect(vote.getAttribute('aria-pressed')).toBe('false');
    vote.focus();
    await user.keyboard('{Enter}');
    expect(vote.getAttribute('aria-pressed')).toBe('true');
    expect(vote.textContent).toContain('2 votes');
    expect(container.querySelector('[data-part="announcer"]')?.textContent).toBe(
      'Your vote for “Export invoices to CSV” was added.',
    );
    await waitFor(() =>
      expect(backend.boardIdeas().find((i) => i.id === 'idea-csv-0001')?.votes).toBe(2),
    );
    expect(await axeViolations(container)).toEqual([]);
  }, 20_000);

  it('given a title being typed › offers similar ideas to vote for instead, then posts the idea', async () => {
    const backend = await seeded();
    const user = userEvent.setup();
    renderBoard(backend);
    await screen.findByRole('list', { busy: false });
    await user.type(screen.getByLabelText('Title'), 'csv exprot');
    const similar = await screen.findByRole('region', {
      name: 'Is it one of these? Add your vote instead',
    });
    expect(within(similar).getByText('Export invoices to CSV')).toBeTruthy();
    expect(
      within(similar).getByRole('button', { name: /for “Export invoices to CSV”/ }),
    ).toBeTruthy();
    // Said as they appear: a screen reader is still in the title field.
    await waitFor(() =>
      expect(document.querySelector('[data-part="announcer"]')?.textContent).toBe(
        '1 similar idea found.',
      ),
    );
    await user.clear(screen.getByLabelText('Title'));
    await user.type(screen.getByLabelText('Title'), 'Dark mode');
    await user.click(screen.getByRole('button', { name: 'Post' }));
    await waitFor(() => expect(backend.boardIdeas()).toHaveLength(3));
    expect(await screen.findByRole('heading', { name: 'Dark mode' })).toBeTruthy();
  }, 20_000);

  it('given a search or a filter › says how many ideas it shows, not on the first load', async () => {
    const backend = await seeded();
    const user = userEvent.setup();
    const { container } = renderBoard(backend);
    await screen.findByRole('list', { busy: false });
    const said = () => container.querySelector('[data-part="announcer"]')?.textContent;
    expect(said()).toBe('');
    await user.type(screen.getByRole('searchbox', { name: 'Search ideas' }), 'csv');
    await waitFor(() => expect(said()).toBe('1 idea shown'));
    await user.type(screen.getByRole('searchbox', { name: 'Search ideas' }), 'zzz');
    await waitFor(() => expect(said()).toBe('No ideas match.'));
    await user.clear(screen.getByRole('searchbox', { name: 'Search ideas' }));
    await waitFor(() => expect(said()).toBe('2 ideas shown'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'Bugs');
    await waitFor(() => expect(said()).toBe('1 idea shown'));
  }, 20_000);

  it('given a board with categories › filters by status and category, shows each idea’s category, and posts an idea in one', async () => {
    const backend = await categorisedIdeas();
    const user = userEvent.setup();
    const { container } = renderBoard(backend);
    const list = await screen.findByRole('list', { busy: false });
    const csv = within(list).getByRole('heading', { name: 'Export invoices to CSV' });
    expect(csv.closest('article')?.querySelector('[data-part="category"]')?.textContent).toBe(
      ' · Invoices',
    );
    const category = await screen.findByRole('combobox', { name: 'Category' });
    const status = screen.getByRole('combobox', { name: 'Status' });
    expect(
      within(status)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['All statuses', ...categorisedBoard.statuses.map((s) => s.name)]);
    const said = () => container.querySelector('[data-part="announcer"]')?.textContent;
    await user.selectOptions(category, 'Invoices');
    await waitFor(() => expect(said()).toBe('1 idea shown'));
    expect(within(screen.getByRole('list')).getAllByRole('article')).toHaveLength(1);
    await user.selectOptions(category, 'All categories');
    await user.selectOptions(status, 'Planned');
    await waitFor(() => expect(listedTitles()).toEqual(['Dark mode']));
    await user.selectOptions(status, 'Shipped');
    expect(
      await screen.findByText('No ideas match.', { selector: '[data-part="empty"]' }),
    ).toBeTruthy();
    // The suggest form offers the categories; the idea posted is in the one chosen.
    await user.type(screen.getByLabelText('Title'), 'Monthly sales report');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Category (optional)' }),
      'Reports',
    );
    await user.click(screen.getByRole('button', { name: 'Post' }));
    await waitFor(() =>
      expect(
        backend.boardIdeas().find((idea) => idea.title === 'Monthly sales report')?.categoryId,
      ).toBe('reports'),
    );
    expect(await axeViolations(container)).toEqual([]);
  }, 30_000);

  it("given `syncUrl` › a link opens the view it names, each change is written back with the page's own parameters kept, and a stale one is dropped", async () => {
    const backend = await categorisedIdeas();
    const user = userEvent.setup();
    const changes: unknown[] = [];
    window.history.replaceState(null, '', '/ideas?tab=board&b.status=planned&b.category=archived');
    try {
      renderBoard(
        backend,
        <FeedbackBoard syncUrl={{ prefix: 'b.' }} onFiltersChange={(f) => changes.push(f)} />,
      );
      const status = await screen.findByRole('combobox', { name: 'Status' });
      await waitFor(() => expect(listedTitles()).toEqual(['Dark mode']));
      expect((status as HTMLSelectElement).value).toBe('planned');
      // "archived" is no category of this board: gone from the view and the URL.
      expect((screen.getByRole('combobox', { name: 'Category' }) as HTMLSelectElement).value).toBe(
        '',
      );
      await waitFor(() => expect(window.location.search).toBe('?tab=board&b.status=planned'));
      await user.selectOptions(status, 'All statuses');
      await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'Newest');
      await user.type(screen.getByRole('searchbox', { name: 'Search ideas' }), 'csv');
      await waitFor(() => expect(window.location.search).toBe('?tab=board&b.sort=newest&b.q=csv'));
      expect(changes.at(-1)).toMatchObject({ sort: 'newest', search: 'csv' });
      await waitFor(() => expect(listedTitles()).toEqual(['Export invoices to CSV']));
    } finally {
      window.history.replaceState(null, '', '/');
    }
  }, 30_000);

  it('given a kind filter nothing matches › says no ideas match, not that there are none yet', async () => {
    const backend = createMemoryBackend();
    await suggestCsvIdea(backend, '2026-06-01T09:00:00.000Z');
    const user = userEvent.setup();
    renderBoard(backend);
    await screen.findByRole('list', { busy: false });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'Bugs');
    expect(
      await screen.findByText('No ideas match.', { selector: '[data-part="empty"]' }),
    ).toBeTruthy();
    expect(screen.queryByText('No ideas yet. Be the first to suggest one.')).toBeNull();
  }, 20_000);

  it('given more ideas than a page › "Show more ideas" by keyboard says how many are shown and moves focus to the first new idea', async () => {
    const backend = await seeded();
    await suggestPageOfIdeas(backend);
    const user = userEvent.setup();
    const { container } = renderBoard(backend, <FeedbackBoard sort="newest" />);
    const list = await screen.findByRole('list', { busy: false });
    expect(within(list).getAllByRole('article')).toHaveLength(20);
    const more = screen.getByRole('button', { name: 'Show more ideas' });
    more.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(list).getAllByRole('article')).toHaveLength(22));
    // The button is gone (nothing more): focus is on the first idea that came, not on the page.
    expect(screen.queryByRole('button', { name: 'Show more ideas' })).toBeNull();
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('heading', { name: 'Crash when saving <script>' }),
      ),
    );
    expect(container.querySelector('[data-part="announcer"]')?.textContent).toBe('22 ideas shown');
  }, 20_000);

  it('speaks Finnish under a Finnish provider', async () => {
    const backend = await seeded();
    render(
      <PalauteProvider
        locales={{ fi }}
        backend={backend}
        customer={{ id: 'ben' }}
        locale="fi"
        outbox={false}
      >
        <FeedbackBoard />
      </PalauteProvider>,
    );
    expect(
      await screen.findByRole('button', {
        name: 'Äänestä · 1 ääni, idea ”Export invoices to CSV”',
      }),
    ).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Ideat' })).toBeTruthy();
    // The comments toggle reads in Finnish with its idea.
    expect(
      screen.getByRole('button', { name: 'Näytä kommentit (”Export invoices to CSV”)' }),
    ).toBeTruthy();
  });
});

describe('an idea’s comments', () => {
  it('given a card › its toggle shows a short label and names its idea to a screen reader, open or not', async () => {
    const backend = await seeded();
    const user = userEvent.setup();
    renderBoard(backend);
    const toggle = await screen.findByRole('button', {
      name: 'Show comments on “Export invoices to CSV”',
    });
    // What shows is the label alone: the card's heading above it already says which idea.
    const shown = (element: HTMLElement) =>
      [...element.childNodes]
        .filter((node) => !(node as HTMLElement).classList?.contains('palaute-VisuallyHidden'))
        .map((node) => node.textContent)
        .join('')
        .trim();
    expect(shown(toggle)).toBe('Show comments');
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle).toBe(
      screen.getByRole('button', { name: 'Hide comments on “Export invoices to CSV”' }),
    );
    expect(shown(toggle)).toBe('Hide comments');
    // Another idea's toggle keeps its own name.
    expect(
      screen.getByRole('button', { name: 'Show comments on “Crash when saving <script>”' }),
    ).toBeTruthy();
  });
});

describe('Roadmap and Changelog', () => {
  it('given the board beside the roadmap › a vote pressed on the board shows in the roadmap at once', async () => {
    const backend = await seeded();
    await planIdea(backend, 'idea-csv-0001');
    const user = userEvent.setup();
    renderBoard(
      backend,
      <>
        <FeedbackBoard />
        <Roadmap />
      </>,
    );
    const planned = await screen.findByRole('region', { name: 'Planned (1)' });
    expect(planned.textContent).toContain('1 vote');
    const vote = await screen.findByRole('button', {
      name: 'Vote · 1 vote, for “Export invoices to CSV”',
    });
    await user.click(vote);
    expect(vote.textContent).toContain('2 votes');
    expect(planned.textContent).toContain('2 votes');
    await waitFor(() =>
      expect(backend.boardIdeas().find((i) => i.id === 'idea-csv-0001')?.votes).toBe(2),
    );
    expect(planned.textContent).toContain('2 votes');
  });

  it('show the roadmap columns and the shipped changes, newest first, with a new badge', async () => {
    const backend = await seeded();
    await planIdea(backend, 'idea-csv-0001');
    await backend.team.board.publishChangelog(
      { id: 'crash-fix', title: 'Saving no longer crashes', body: '', ideaIds: ['idea-crash-001'] },
      sofia,
    );
    const { container } = renderBoard(
      backend,
      <>
        <Roadmap />
        <Changelog
          seenUntil="2026-01-01T00:00:00.000Z"
          ideaTitles={{ 'idea-crash-001': 'Crash when saving' }}
        />
      </>,
    );
    const planned = await screen.findByRole('region', { name: 'Planned (1)' });
    expect(within(planned).getByText('Export invoices to CSV')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Shipped (1)' })).toBeTruthy();
    const entry = await screen.findByRole('heading', { name: /Saving no longer crashes/ });
    expect(entry.textContent).toContain('New');
    expect(screen.getByText('Answers: Crash when saving')).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  }, 20_000);

  it('given no titles from the host › the changelog names the ideas from its read, as text', async () => {
    const backend = await seeded();
    await backend.team.board.publishChangelog(
      { id: 'crash-fix', title: 'Saving no longer crashes', body: '', ideaIds: ['idea-crash-001'] },
      sofia,
    );
    renderBoard(backend, <Changelog />);
    expect(await screen.findByText('Answers: Crash when saving <script>')).toBeTruthy();
  }, 20_000);

  it("given a board with categories › the roadmap names each idea's category, and its Category filter shows one, said", async () => {
    const backend = await categorisedIdeas();
    await planIdea(backend, 'idea-csv-0001');
    const user = userEvent.setup();
    const { container } = renderBoard(backend, <Roadmap />);
    const planned = await screen.findByRole('region', { name: 'Planned (2)' });
    const csv = within(planned).getByText('Export invoices to CSV').closest('li');
    expect(csv?.querySelector('[data-part="category"]')?.textContent).toBe(' · Invoices');
    const filter = screen.getByRole('combobox', { name: 'Category' });
    expect(
      within(filter)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All categories', 'Invoices', 'Reports']);
    await user.selectOptions(filter, 'Invoices');
    const one = await screen.findByRole('region', { name: 'Planned (1)' });
    expect(within(one).getByText('Export invoices to CSV')).toBeTruthy();
    expect(within(one).queryByText('Dark mode')).toBeNull();
    expect(screen.getByRole('region', { name: 'Shipped (0)' }).textContent).toContain(
      'No ideas match.',
    );
    expect(container.querySelector('[data-part="announcer"]')?.textContent).toBe('1 idea shown');
    await user.selectOptions(filter, 'Reports');
    await waitFor(() =>
      expect(container.querySelector('[data-part="announcer"]')?.textContent).toBe(
        'No ideas match.',
      ),
    );
    expect(await axeViolations(container)).toEqual([]);
  }, 20_000);

  it('given a read that fails › each says so with "Try again", which reads again', async () => {
    const backend = await seeded();
    let down = true;
    const board = {
      ...backend.board,
      roadmap: (id: string) =>
        down ? Promise.reject(new Error('Offline')) : backend.board.roadmap(id),
      changelog: (id: string) =>
        down ? Promise.reject(new Error('Offline')) : backend.board.changelog(id),
    };
    const user = userEvent.setup();
    const { container } = render(
      <PalauteProvider backend={{ ...backend, board }} customer={{ id: 'ben' }} outbox={false}>
        <main>
          <Roadmap />
          <Changelog />
        </main>
      </PalauteProvider>,
    );
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(2));
    // Each says what could not be loaded.
    expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toEqual([
      'The roadmap could not be loaded. Try again',
      'The latest changes could not be loaded. Try again',
    ]);
    expect(await axeViolations(container)).toEqual([]);
    down = false;
    // By keyboard: focus stays in the page it was in (its heading) as the button goes away.
    const [roadmapRetry, changelogRetry] = screen.getAllByRole('button', { name: 'Try again' });
    roadmapRetry?.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('region', { name: 'Planned (0)' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Roadmap' }));
    changelogRetry?.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('No changes published yet.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'What’s new' }));
    expect(screen.queryAllByRole('alert')).toEqual([]);
  }, 20_000);
});

describe('counts', () => {
  it('given one vote and no comment › read in the singular and the plural, in English and Finnish', async () => {
    const backend = await seeded();
    await planIdea(backend, 'idea-csv-0001');
    const user = userEvent.setup();
    const { unmount } = renderBoard(
      backend,
      <>
        <FeedbackBoard />
        <Roadmap />
      </>,
    );
    const vote = await screen.findByRole('button', {
      name: 'Vote · 1 vote, for “Export invoices to CSV”',
    });
    expect(screen.getAllByText('0 comments')).toHaveLength(2);
    const planned = await screen.findByRole('region', { name: 'Planned (1)' });
    expect(within(planned).getByText('· 1 vote')).toBeTruthy();
    vote.focus();
    await user.keyboard('{Enter}');
    expect(vote.textContent).toContain('2 votes');
    unmount();

    await backend.board.comment({
      id: 'c-anna-1',
      ideaId: 'idea-csv-0001',
      customerId: 'anna',
      body: 'Please',
      at: '2026-06-01T10:00:00.000Z',
    });
    render(
      <PalauteProvider
        locales={{ fi }}
        backend={backend}
        customer={{ id: 'dana' }}
        locale="fi"
        outbox={false}
      >
        <FeedbackBoard />
      </PalauteProvider>,
    );
    expect(
      await screen.findByRole('button', {
        name: 'Äänestä · 2 ääntä, idea ”Export invoices to CSV”',
      }),
    ).toBeTruthy();
    expect(
      screen.getByRole('button', { name: 'Äänestä · 1 ääni, idea ”Crash when saving <script>”' }),
    ).toBeTruthy();
    expect(screen.getByText('1 kommentti')).toBeTruthy();
    expect(screen.getByText('0 kommenttia')).toBeTruthy();
  }, 30_000);
});
