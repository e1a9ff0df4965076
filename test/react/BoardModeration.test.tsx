import { createMemoryBackend, defineBoard } from '@palaute/engine';
import { BoardModeration, type BoardModerationProps, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  categorisedBoard,
  categorisedIdeas,
  doraAsksForDarkMode,
  suggestPageOfIdeas,
} from '../fixtures/board';
import { axeViolations } from './axe';

const sofia = { kind: 'team' as const, id: 'sofia', name: 'Sofia' };

async function seeded() {
  let clock = Date.parse('2026-06-01T09:00:00.000Z');
  const board = defineBoard({ id: 'ideas', moderation: 'approve' });
  const backend = createMemoryBackend({
    now: () => {
      clock += 1000;
      return new Date(clock);
    },
    board,
  });
  const at = () => new Date(clock).toISOString();
  const suggest = (id: string, customerId: string, title: string) =>
    backend.board.suggestIdea({ id, customerId, kind: 'idea', title, body: '', at: at() });
  await suggest('idea-csv-0001', 'anna', 'Export invoices to CSV');
  await suggest('idea-csv-0002', 'ben', 'CSV export <b>please</b>');
  await suggest('idea-dark-001', 'carl', 'Dark mode');
  return { backend, board };
}

/** BoardModeration over the seeded board in a page, as Sofia, with `props` besides. */
const renderModeration = (
  { backend, board }: Awaited<ReturnType<typeof seeded>>,
  props: Partial<BoardModerationProps> = {},
) =>
  render(
    <PalauteProvider outbox={false}>
      <main>
        <BoardModeration port={backend.team.board} board={board} by={sofia} {...props} />
      </main>
    </PalauteProvider>,
  );

const announcer = (container: HTMLElement) =>
  container.querySelector('[data-part="announcer"]')?.textContent;

describe('BoardModeration', () => {
  it('given ideas waiting for approval › approving one by keyboard publishes it and says so', async () => {
    const { backend, board } = await seeded();
    const user = userEvent.setup();
    const { container } = renderModeration({ backend, board });
    const list = await screen.findByRole('list');
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    // Counts read in the singular and the plural.
    expect(within(list).getAllByText('1 vote')).toHaveLength(3);
    expect(within(list).getAllByText('0 comments')).toHaveLength(3);
    // Text stays text.
    expect(screen.getByRole('button', { name: 'CSV export <b>please</b>' })).toBeTruthy();
    screen.getByRole('button', { name: 'Approve: Export invoices to CSV' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(announcer(container)).toBe('“Export invoices to CSV”: Published.'));
    await waitFor(() =>
      expect(within(screen.getByRole('list')).getAllByRole('listitem')).toHaveLength(2),
    );
    expect((await backend.board.listIdeas('dana')).ideas.map((idea) => idea.id)).toEqual([
      'idea-csv-0001',
    ]);
    expect(await axeViolations(container)).toEqual([]);
  }, 30_000);

  it('given more ideas than a page › "Show more ideas" by keyboard moves focus to the first that came and says how many are shown', async () => {
    const seed = await seeded();
    await suggestPageOfIdeas(seed.backend);
    const user = userEvent.setup();
    const { container } = renderModeration(seed);
    const list = await screen.findByRole('list');
    expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    screen.getByRole('button', { name: 'Show more ideas' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(23));
    expect(screen.queryByRole('button', { name: 'Show more ideas' })).toBeNull();
    const first = within(list).getAllByRole('listitem')[20] as HTMLElement;
    await waitFor(() =>
      expect(document.activeElement).toBe(first.querySelector('[data-part="open"]')),
    );
    expect(announcer(container)).toBe('23 ideas shown');
  }, 30_000);

  it('given an idea approved from its panel › "Close" puts focus on the row now in its place, and on the empty queue’s line at the end, never on the page', async () => {
    const { backend, board } = await seeded();
    const user = userEvent.setup();
    renderModeration({ backend, board });
    const list = await screen.findByRole('list');
    const titles = () =>
      within(screen.getByRole('list'))
        .getAllByRole('listitem')
        .map((row) => row.querySelector('[data-part="open"]')?.textContent);
    const [first, second, third] = titles();
    /** Opens `title` by keyboard, approves it in its panel, and closes the panel. */
    const approveAndClose = async (title: string) => {
      screen.getByRole('button', { name: title }).focus();
      await user.keyboard('{Enter}');
      const panel = await screen.findByRole('region', { name: title });
      await user.click(within(panel).getByRole('button', { name: 'Approve' }));
      await waitFor(() => expect(screen.queryByRole('button', { name: title })).toBeNull());
      within(panel).getByRole('button', { name: 'Close' }).focus();
      await user.keyboard('{Enter}');
    };
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    // Opened and closed as it was: back on its own row.
    screen.getByRole('button', { name: second as string }).focus();
    await user.keyboard('{Enter}');
    const panel = await screen.findByRole('region', { name: second as string });
    within(panel).getByRole('button', { name: 'Close' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: second as string })).toHaveFocus(),
    );
    await approveAndClose(second as string);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: third as string })).toHaveFocus(),
    );
    await approveAndClose(third as string);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: first as string })).toHaveFocus(),
    );
    await approveAndClose(first as string);
    await waitFor(() => expect(screen.getByText('No ideas wait for approval.')).toHaveFocus());
  }, 30_000);

  it('given a board with categories › the team puts an idea in one and takes it out, said and shown in its facts, and narrows its list by one', async () => {
    const backend = await categorisedIdeas();
    const board = categorisedBoard;
    const csv = () => backend.boardIdeas().find((idea) => idea.id === 'idea-csv-0001');
    const user = userEvent.setup();
    const { container } = renderModeration({ backend, board });
    const row = (await screen.findByRole('button', { name: 'Export invoices to CSV' })).closest(
      'li',
    ) as HTMLElement;
    expect(row.querySelector('[data-part="category"]')?.textContent).toBe(' · Invoices');
    await user.click(within(row).getByRole('button', { name: 'Export invoices to CSV' }));
    const panel = await screen.findByRole('region', { name: 'Export invoices to CSV' });
    const category = within(panel).getByRole('combobox', { name: 'Category of this idea' });
    expect(category).toHaveValue('invoices');
    const save = within(panel).getByRole('button', { name: 'Save category' });
    expect(save).toBeDisabled();
    await user.selectOptions(category, 'Reports');
    await user.click(save);
    await waitFor(() =>
      expect(announcer(container)).toBe('“Export invoices to CSV” is now in Reports.'),
    );
    expect(csv()?.categoryId).toBe('reports');
    await waitFor(() =>
      expect(
        screen
          .getByRole('button', { name: 'Export invoices to CSV' })
          .closest('li')
          ?.querySelector('[data-part="category"]')?.textContent,
      ).toBe(' · Reports'),
    );
    await user.selectOptions(
      within(panel).getByRole('combobox', { name: 'Category of this idea' }),
      'None',
    );
    await user.click(within(panel).getByRole('button', { name: 'Save category' }));
    await waitFor(() =>
      expect(announcer(container)).toBe('“Export invoices to CSV” is in no category now.'),
    );
    expect(csv()?.categoryId).toBeUndefined();
    expect(await axeViolations(container)).toEqual([]);
    // The team's list narrows to a category too: the idea in none is not in Reports.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Category' }), 'Reports');
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Export invoices to CSV' })).toBeNull(),
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Category' }), 'All categories');
    expect(await screen.findByRole('button', { name: 'Export invoices to CSV' })).toBeTruthy();
  }, 30_000);

  it("given `syncUrl` › a colleague's link opens the same moderation view, a status or category the board lacks is dropped, and each change is written back", async () => {
    const backend = await categorisedIdeas();
    const user = userEvent.setup();
    const changes: unknown[] = [];
    window.history.replaceState(
      null,
      '',
      '/team?tab=ideas&t.view=published&t.category=invoices&t.status=gone',
    );
    try {
      renderModeration(
        { backend, board: categorisedBoard },
        { syncUrl: { prefix: 't.' }, onFiltersChange: (f) => changes.push(f) },
      );
      expect(await screen.findByRole('button', { name: 'Export invoices to CSV' })).toBeTruthy();
      await waitFor(() => expect(screen.queryByRole('button', { name: 'Dark mode' })).toBeNull());
      expect(screen.getByRole('combobox', { name: 'Show' })).toHaveValue('published');
      expect(screen.getByRole('combobox', { name: 'Category' })).toHaveValue('invoices');
      await waitFor(() =>
        expect(window.location.search).toBe('?tab=ideas&t.view=published&t.category=invoices'),
      );
      await user.selectOptions(
        screen.getByRole('combobox', { name: 'Category' }),
        'All categories',
      );
      await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'All ideas');
      await waitFor(() => expect(window.location.search).toBe('?tab=ideas&t.view=all'));
      expect(changes.at(-1)).toMatchObject({ approval: undefined });
      expect(await screen.findByRole('button', { name: 'Dark mode' })).toBeTruthy();
    } finally {
      window.history.replaceState(null, '', '/');
    }
  }, 30_000);

  it('given an open idea › offers only allowed statuses, merges, votes on behalf and pins the response', async () => {
    const { backend, board } = await seeded();
    for (const id of ['idea-csv-0001', 'idea-csv-0002', 'idea-dark-001'])
      await backend.team.board.moderate(id, { type: 'approve' }, sofia);
    const user = userEvent.setup();
    const { container } = renderModeration(
      { backend, board },
      { filters: { approval: ['approved'] } },
    );
    await user.click(await screen.findByRole('button', { name: 'Dark mode' }));
    const panel = await screen.findByRole('region', { name: 'Dark mode' });
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Dark mode'));
    const move = within(panel).getByRole('combobox', { name: 'Move to' });
    const offered = within(move)
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(offered).not.toContain('Shipped');
    expect(offered).toContain('Planned');
    await user.selectOptions(move, 'Planned');
    await user.click(within(panel).getByRole('button', { name: 'Change status' }));
    await waitFor(() => expect(announcer(container)).toBe('“Dark mode” is now Planned.'));

    await user.type(
      within(panel).getByRole('textbox', { name: 'Vote on behalf of a customer (customer id)' }),
      'erik{Enter}',
    );
    await waitFor(() =>
      expect(within(panel).getByText(/erik · on their behalf by Sofia/)).toBeTruthy(),
    );

    await user.type(
      within(panel).getByRole('textbox', { name: 'Official response' }),
      'On the way.',
    );
    await user.click(within(panel).getByRole('button', { name: 'Pin as official response' }));
    await waitFor(async () =>
      expect((await backend.board.getIdea('anna', 'idea-dark-001')).official?.body).toBe(
        'On the way.',
      ),
    );

    await user.click(screen.getByRole('button', { name: 'CSV export <b>please</b>' }));
    const duplicate = await screen.findByRole('region', { name: 'CSV export <b>please</b>' });
    await user.selectOptions(
      within(duplicate).getByRole('combobox', { name: 'Merge this duplicate into' }),
      'Export invoices to CSV',
    );
    await user.click(within(duplicate).getByRole('button', { name: 'Merge' }));
    await waitFor(() =>
      expect(within(duplicate).getByRole('button', { name: 'Unmerge' })).toBeTruthy(),
    );
    expect((await backend.team.board.getIdea('idea-csv-0001')).idea.votes).toBe(2);
    expect(await axeViolations(container)).toEqual([]);
  }, 30_000);

  it('given text typed in an idea’s panel › another idea opens with empty fields, Escape closes onto the row, and the text comes back with its idea; a failed post keeps it', async () => {
    const { backend, board } = await seeded();
    for (const id of ['idea-csv-0001', 'idea-dark-001'])
      await backend.team.board.moderate(id, { type: 'approve' }, sofia);
    let failNext = false;
    const port = {
      ...backend.team.board,
      comment: (...args: Parameters<typeof backend.team.board.comment>) => {
        if (!failNext) return backend.team.board.comment(...args);
        failNext = false;
        return Promise.reject(new Error('The network is down.'));
      },
    };
    const user = userEvent.setup();
    const { container } = renderModeration(
      { backend, board },
      { port, filters: { approval: ['approved'] } },
    );
    await user.click(await screen.findByRole('button', { name: 'Dark mode' }));
    let panel = await screen.findByRole('region', { name: 'Dark mode' });
    await user.type(
      within(panel).getByRole('textbox', { name: 'Official response' }),
      'Planned for June.',
    );
    await user.type(within(panel).getByRole('textbox', { name: 'Team comment' }), 'Asked design.');
    // Another idea: none of dark mode's text shows (or could be posted) there.
    await user.click(screen.getByRole('button', { name: 'Export invoices to CSV' }));
    panel = await screen.findByRole('region', { name: 'Export invoices to CSV' });
    expect(within(panel).getByRole('textbox', { name: 'Official response' })).toHaveValue('');
    expect(within(panel).getByRole('textbox', { name: 'Team comment' })).toHaveValue('');
    // Escape from a field closes the panel onto the idea's row.
    within(panel).getByRole('textbox', { name: 'Team comment' }).focus();
    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Export invoices to CSV' })).toBeNull(),
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Export invoices to CSV' })).toHaveFocus(),
    );
    // Dark mode again: its text is back, each field says so, and so does the announcer.
    await user.click(screen.getByRole('button', { name: 'Dark mode' }));
    panel = await screen.findByRole('region', { name: 'Dark mode' });
    const official = within(panel).getByRole('textbox', { name: 'Official response' });
    expect(official).toHaveValue('Planned for June.');
    expect(official).toHaveAccessibleDescription(
      'What you wrote here earlier and did not send was kept.',
    );
    await waitFor(() =>
      expect(announcer(container)).toBe('What you wrote here earlier and did not send was kept.'),
    );
    const comment = within(panel).getByRole('textbox', { name: 'Team comment' });
    expect(comment).toHaveValue('Asked design.');
    // A post that fails keeps the text to send again; one that lands clears its own field only.
    failNext = true;
    await user.click(within(panel).getByRole('button', { name: 'Comment' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/The network is down/);
    expect(comment).toHaveValue('Asked design.');
    await user.click(within(panel).getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(comment).toHaveValue(''));
    expect(official).toHaveValue('Planned for June.');
    expect(within(panel).getByText(/Asked design\./)).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  }, 30_000);

  it('given a planned idea › a changelog entry ships it and tells its voters', async () => {
    const { backend, board } = await seeded();
    await backend.team.board.moderate('idea-dark-001', { type: 'approve' }, sofia);
    await backend.team.board.setStatus('idea-dark-001', { status: 'planned' }, sofia);
    const user = userEvent.setup();
    const { container } = renderModeration(
      { backend, board },
      { filters: {}, shipChange: backend.team.shipChange },
    );
    const composer = await screen.findByRole('form', { name: 'Publish a changelog entry' });
    await waitFor(() =>
      expect(within(composer).getByRole('checkbox', { name: /Dark mode/ })).toBeTruthy(),
    );
    await user.type(
      within(composer).getByRole('textbox', { name: 'What shipped' }),
      'Dark mode is here',
    );
    await user.click(within(composer).getByRole('checkbox', { name: /Dark mode/ }));
    await user.click(within(composer).getByRole('button', { name: 'Publish' }));
    await waitFor(() =>
      expect(announcer(container)).toBe(
        '“Dark mode is here” was published; the people who asked were told.',
      ),
    );
    expect(
      (await backend.listImpact({ customerId: 'carl' })).map((notice) => notice.weDid),
    ).toEqual(['Dark mode is here']);
    expect(await backend.listImpact({ customerId: 'anna' })).toEqual([]);
    expect(await axeViolations(container)).toEqual([]);
  }, 30_000);

  it('given an entry published whose feedback cannot ship › "Start a new entry" by keyboard empties the composer and keeps focus in it', async () => {
    const { backend, board } = await seeded();
    await backend.team.board.moderate('idea-dark-001', { type: 'approve' }, sofia);
    await backend.team.board.setStatus('idea-dark-001', { status: 'planned' }, sofia);
    const user = userEvent.setup();
    render(
      <PalauteProvider outbox={false}>
        <main>
          <BoardModeration
            port={backend.team.board}
            board={board}
            by={sofia}
            filters={{}}
            shipChange={() => Promise.reject(new Error('itemIds[0]: already shipped'))}
          />
        </main>
      </PalauteProvider>,
    );
    const composer = await screen.findByRole('form', { name: 'Publish a changelog entry' });
    await user.type(
      within(composer).getByRole('textbox', { name: 'What shipped' }),
      'Dark mode is here',
    );
    await user.click(await within(composer).findByRole('checkbox', { name: /Dark mode/ }));
    await user.type(
      within(composer).getByRole('textbox', { name: /Feedback item ids/ }),
      'fb-shipped-0001',
    );
    await user.click(within(composer).getByRole('button', { name: 'Publish' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/already shipped/);
    within(composer).getByRole('button', { name: 'Start a new entry' }).focus();
    await user.keyboard('{Enter}');
    const shipped = within(composer).getByRole('textbox', { name: 'What shipped' });
    expect(shipped).toHaveValue('');
    expect(shipped).not.toHaveAttribute('readonly');
    expect(within(composer).queryByRole('button', { name: 'Start a new entry' })).toBeNull();
    expect(document.activeElement).toBe(
      within(composer).getByRole('heading', { name: 'Publish a changelog entry' }),
    );
    // The entry stays published; the next one is another.
    expect((await backend.team.board.listChangelog()).map((entry) => entry.title)).toEqual([
      'Dark mode is here',
    ]);
  }, 30_000);

  it('given an idea that came from a customer’s feedback › the composer says the feedback linked to it ships with it, and how to add other feedback', async () => {
    const { backend, board } = await seeded();
    await backend.board.suggestIdea({
      id: 'idea-from-fb-01',
      customerId: 'dora',
      kind: 'idea',
      title: 'Invoices in Swedish',
      body: '',
      itemId: 'fb-dora-0000001',
      at: '2026-06-01T10:00:00.000Z',
    });
    await backend.team.board.moderate('idea-from-fb-01', { type: 'approve' }, sofia);
    await backend.team.board.setStatus('idea-from-fb-01', { status: 'planned' }, sofia);
    await backend.team.board.moderate('idea-dark-001', { type: 'approve' }, sofia);
    await backend.team.board.setStatus('idea-dark-001', { status: 'planned' }, sofia);
    const { container } = renderModeration({ backend, board }, { filters: {} });
    const composer = await screen.findByRole('form', { name: 'Publish a changelog entry' });
    const linked = await within(composer).findByRole('checkbox', { name: /Invoices in Swedish/ });
    expect(linked.closest('label')?.textContent).toBe(
      'Invoices in Swedish (Planned) · 1 linked feedback item',
    );
    // An idea with no feedback linked says nothing of it.
    expect(
      within(composer)
        .getByRole('checkbox', { name: /Dark mode/ })
        .closest('label')?.textContent,
    ).toBe('Dark mode (Planned)');
    const ids = within(composer).getByRole('textbox', { name: /Feedback item ids/ });
    expect(ids).toHaveAccessibleDescription(
      'The feedback linked to the ideas ticked above ships with them. To add other feedback, tick it in the inbox and choose “Link to a shipped change”, or give its ids here.',
    );
    expect(await axeViolations(container)).toEqual([]);
  }, 30_000);

  it('given a changelog entry written › it outlives the board leaving the page, a failed publication keeps it, and trying again publishes it once', async () => {
    const { backend, board } = await seeded();
    await backend.team.board.moderate('idea-dark-001', { type: 'approve' }, sofia);
    await backend.team.board.setStatus('idea-dark-001', { status: 'planned' }, sofia);
    const item = await doraAsksForDarkMode(backend, '2026-06-01T10:00:00.000Z');
    let failShip = true;
    const shipChange: typeof backend.team.shipChange = (change, by) => {
      if (!failShip) return backend.team.shipChange(change, by);
      failShip = false;
      return Promise.reject(new Error('The inbox is not reachable.'));
    };
    const user = userEvent.setup();
    /** The team's page: the board, or (`shown: false`) another tab, in one provider. */
    const Page = ({ shown }: { shown: boolean }) => (
      <PalauteProvider outbox={false}>
        <main>
          {shown ? (
            <BoardModeration
              port={backend.team.board}
              board={board}
              by={sofia}
              filters={{}}
              shipChange={shipChange}
            />
          ) : (
            <p>Inbox</p>
          )}
        </main>
      </PalauteProvider>
    );
    const { rerender, container } = render(<Page shown />);
    let composer = await screen.findByRole('form', { name: 'Publish a changelog entry' });
    await user.type(
      within(composer).getByRole('textbox', { name: 'What shipped' }),
      'Dark mode is here',
    );
    // Another tab and back: what was written is still there.
    rerender(<Page shown={false} />);
    rerender(<Page shown />);
    composer = await screen.findByRole('form', { name: 'Publish a changelog entry' });
    expect(within(composer).getByRole('textbox', { name: 'What shipped' })).toHaveValue(
      'Dark mode is here',
    );
    await waitFor(() =>
      expect(within(composer).getByRole('checkbox', { name: /Dark mode/ })).toBeTruthy(),
    );
    await user.click(within(composer).getByRole('checkbox', { name: /Dark mode/ }));
    await user.type(within(composer).getByRole('textbox', { name: /Feedback item ids/ }), item.id);
    await user.click(within(composer).getByRole('button', { name: 'Publish' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/The inbox is not reachable/);
    const shipped = within(composer).getByRole('textbox', { name: 'What shipped' });
    expect(shipped).toHaveValue('Dark mode is here');
    // The entry is public already: the composer says so, and its text no longer changes.
    expect(shipped).toHaveAttribute('readonly');
    expect(shipped).toHaveAccessibleDescription(
      '“Dark mode is here” is published; its feedback has not shipped yet. Publish again to ship it (the entry keeps the text it was published with), or start a new entry.',
    );
    await user.type(shipped, '!');
    expect(shipped).toHaveValue('Dark mode is here');
    // Trying again: the same entry, published once.
    await user.click(within(composer).getByRole('button', { name: 'Publish' }));
    await waitFor(() =>
      expect(announcer(container)).toBe(
        '“Dark mode is here” was published; the people who asked were told.',
      ),
    );
    expect(await backend.team.board.listChangelog()).toHaveLength(1);
    expect((await backend.listImpact({ customerId: 'dora' })).map((n) => n.weDid)).toEqual([
      'Dark mode is here',
    ]);
    expect(within(composer).getByRole('textbox', { name: 'What shipped' })).toHaveValue('');
    // Published whole: the composer is writable again and says nothing of the last entry.
    expect(within(composer).getByRole('textbox', { name: 'What shipped' })).not.toHaveAttribute(
      'readonly',
    );
    expect(composer.querySelector('[data-part="stored"]')).toBeNull();
  }, 30_000);
});
