import { createMemoryBackend, defineBoard } from '@palaute/engine';
import { FeedbackInbox, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { anna, createClock, loopSurvey, seedBoardItems, seedInbox } from '../fixtures/feedback';
import { axeViolations } from './axe';

async function seeded() {
  const clock = createClock();
  const board = defineBoard({ id: 'ideas', moderation: 'publish' });
  const backend = createMemoryBackend({ now: clock.now, board });
  await seedInbox(backend, clock);
  await seedBoardItems(backend, clock);
  const view = render(
    <PalauteProvider backend={backend} outbox={false}>
      <main>
        <FeedbackInbox
          team={backend.team}
          by={anna}
          now={clock.now}
          timeZone="UTC"
          refreshMs={0}
          surveys={[loopSurvey]}
          ideas={{ board, port: backend.team.board }}
          syncUrl
        />
      </main>
    </PalauteProvider>,
  );
  await screen.findByRole('list', { name: 'Feedback inbox' }, { timeout: 10_000 });
  return { backend, board, view };
}

const ideasRegion = () => screen.getByRole('region', { name: 'Ideas and bug reports' });

describe('FeedbackInbox with the board', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('given survey feedback and board ideas › "Everything" lists both, each idea with its kind, status as the board names it and votes', async () => {
    const { view } = await seeded();
    const ideas = await screen.findByRole('region', { name: 'Ideas and bug reports' });
    await waitFor(() => expect(within(ideas).getAllByRole('listitem')).toHaveLength(2));
    const row = within(ideas).getByRole('button', { name: 'Export invoices to CSV' }).closest('li');
    expect(row?.textContent).toMatch(/An idea/);
    expect(row?.textContent).toMatch(/3 votes/);
    expect(row?.querySelector('[data-part="status"]')?.textContent).toBe('Open');
    expect(screen.getByRole('list', { name: 'Feedback inbox' })).toBeTruthy();
    expect(await axeViolations(view.container)).toEqual([]);
  }, 30_000);

  it('given the kind filter › "Bug reports" shows only bugs and no survey feedback, kept in the URL; "Survey feedback" hides the ideas', async () => {
    const user = userEvent.setup();
    await seeded();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Bug reports');
    await waitFor(() =>
      expect(
        within(ideasRegion())
          .getAllByRole('listitem')
          .map((li) => li.dataset.id),
      ).toEqual(['bug-total-001']),
    );
    expect(screen.queryByRole('list', { name: 'Feedback inbox' })).toBeNull();
    expect(new URLSearchParams(window.location.search).get('kind')).toBe('bug');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Survey feedback');
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Ideas and bug reports' })).toBeNull(),
    );
    expect(await screen.findByRole('list', { name: 'Feedback inbox' })).toBeTruthy();
  }, 30_000);

  it("given an idea opened › its voters by segment as frozen at vote time, and a status change goes through the board's workflow", async () => {
    const user = userEvent.setup();
    const { backend, view } = await seeded();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Ideas');
    await user.click(
      await within(ideasRegion()).findByRole('button', { name: 'Export invoices to CSV' }),
    );
    const table = await screen.findByRole('table', {
      name: 'Voters by segment, as they were when they voted',
    });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((tr) => [...tr.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['npsClass', 'detractor', '2'],
      ['npsClass', 'promoter', '1'],
      ['plan', 'pro', '2'],
      ['plan', 'free', '1'],
    ]);
    const panel = screen.getByRole('region', { name: 'Export invoices to CSV' });
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Move to' }), 'Planned');
    await user.click(within(panel).getByRole('button', { name: 'Change status' }));
    await waitFor(async () => {
      const { idea } = await backend.team.board.getIdea('idea-csv-0001');
      expect([idea.status, idea.lifecycle]).toEqual(['planned', 'planned']);
    });
    expect(await axeViolations(view.container)).toEqual([]);
  }, 30_000);

  it('given the ideas view › "Ideas most wanted by detractors" ranks the ideas by their detractor voters, and its "Open" button opens the idea in the pane', async () => {
    const user = userEvent.setup();
    const { view } = await seeded();
    const table = await screen.findByRole('table', { name: 'Ideas most wanted by detractors' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((tr) => [...tr.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Export invoices to CSV', '2', '3', '67%', 'Open: Export invoices to CSV'],
    ]);
    await user.click(within(table).getByRole('button', { name: 'Open: Export invoices to CSV' }));
    expect(
      await screen.findByRole('table', { name: 'Voters by segment, as they were when they voted' }),
    ).toBeTruthy();
    // The kind filter narrows the table too: no bug report has a detractor's vote.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Bug reports');
    expect(
      await screen.findByText('No idea has votes from these voters yet.', { selector: 'p' }),
    ).toBeTruthy();
    expect(await axeViolations(view.container)).toEqual([]);
  }, 30_000);
});
