import type { BoardTeamPort } from '@palaute/engine';
import { BoardDemand, fi, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seedDemand as seeded } from '../fixtures/demand';
import { axeViolations } from './axe';

const cells = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((tr) => [...tr.children].map((cell) => cell.textContent));

describe('BoardDemand', () => {
  it('given votes with frozen segments › a table named "Ideas most wanted by detractors" ranks them with counts and shares, announced, axe clean', async () => {
    const backend = await seeded();
    const view = render(
      <PalauteProvider outbox={false}>
        <main>
          <BoardDemand port={backend.team.board} />
        </main>
      </PalauteProvider>,
    );
    expect(screen.getByText('Loading ideas…').getAttribute('role')).toBe('status');
    const table = await screen.findByRole('table', { name: 'Ideas most wanted by detractors' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Idea', 'Detractors', 'All voters', 'Share']);
    // The author's own vote counts (without a segment): four voters for the CSV export.
    expect(cells(table)).toEqual([
      ['Export to CSV', '2', '4', '50%'],
      ['Totals round wrongly (bug report)', '1', '2', '50%'],
    ]);
    expect(view.container.querySelector('[data-part="announcer"]')?.textContent).toBe(
      '2 ideas listed, the most wanted first.',
    );
    expect(view.container.querySelector('.palaute-BoardDemand')?.getAttribute('data-state')).toBe(
      'ready',
    );
    expect(await axeViolations(view.container)).toEqual([]);
  }, 30_000);

  it('given the voters select reached by Tab › choosing promoters, then a host plan, re-ranks and renames the table', async () => {
    const user = userEvent.setup();
    const backend = await seeded();
    render(
      <PalauteProvider outbox={false}>
        <BoardDemand
          port={backend.team.board}
          choices={[
            { key: 'npsClass', value: 'detractor' },
            { key: 'npsClass', value: 'promoter' },
            { key: 'plan', value: 'enterprise', label: 'Enterprise plan' },
          ]}
        />
      </PalauteProvider>,
    );
    await screen.findByRole('table', { name: 'Ideas most wanted by detractors' });
    await user.tab();
    const select = screen.getByRole('combobox', { name: 'Voters' });
    expect(document.activeElement).toBe(select);
    await user.selectOptions(select, 'Promoters');
    const promoters = await screen.findByRole('table', { name: 'Ideas most wanted by promoters' });
    await waitFor(() =>
      expect(cells(promoters)).toEqual([
        ['Dark mode', '2', '3', '67%'],
        ['Export to CSV', '1', '4', '25%'],
      ]),
    );
    await user.selectOptions(select, 'Enterprise plan');
    const plan = await screen.findByRole('table', {
      name: 'Ideas most wanted by Enterprise plan',
    });
    await waitFor(() => expect(cells(plan)).toEqual([['Dark mode', '1', '3', '33%']]));
  }, 30_000);

  it('given onOpen › each row has an "Open" button named with its title, that Enter presses', async () => {
    const user = userEvent.setup();
    const backend = await seeded();
    const opened: string[] = [];
    render(
      <PalauteProvider outbox={false}>
        <BoardDemand port={backend.team.board} kind="idea" onOpen={(id) => opened.push(id)} />
      </PalauteProvider>,
    );
    const button = await screen.findByRole('button', { name: 'Open: Export to CSV' });
    // Only ideas: the bug report is left out.
    expect(screen.queryByText(/Totals round wrongly/)).toBeNull();
    button.focus();
    await user.keyboard('{Enter}');
    expect(opened).toEqual(['idea-csv-01']);
  }, 30_000);

  it('given no votes from the chosen voters › says so', async () => {
    const backend = await seeded();
    render(
      <PalauteProvider outbox={false}>
        <BoardDemand port={backend.team.board} choice={{ key: 'npsClass', value: 'passive' }} />
      </PalauteProvider>,
    );
    expect(
      await screen.findByText('No idea has votes from these voters yet.', { selector: 'p' }),
    ).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Ideas most wanted by passives' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  }, 30_000);

  it('given a port that fails › an alert says why, and "Try again" by keyboard loads the table', async () => {
    const user = userEvent.setup();
    const backend = await seeded();
    let fail = true;
    const port: Pick<BoardTeamPort, 'demand'> = {
      demand: (query) =>
        fail
          ? Promise.reject(new Error('offline'))
          : (backend.team.board.demand?.(query) ?? Promise.resolve([])),
    };
    const view = render(
      <PalauteProvider outbox={false}>
        <main>
          <BoardDemand port={port} />
        </main>
      </PalauteProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The ideas could not be loaded: offline');
    expect(await axeViolations(view.container)).toEqual([]);
    fail = false;
    within(alert).getByRole('button', { name: 'Try again' }).focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('table')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    // Focus went to the section's heading as the button went away, not to the page.
    expect(document.activeElement?.id).toBe(
      view.container.querySelector('section')?.getAttribute('aria-labelledby'),
    );
  }, 30_000);

  it('given Finnish › every string and the share are Finnish', async () => {
    const backend = await seeded();
    const view = render(
      <PalauteProvider outbox={false} locales={{ fi }} locale="fi">
        <main>
          <BoardDemand port={backend.team.board} theme="dark" />
        </main>
      </PalauteProvider>,
    );
    const table = await screen.findByRole('table', {
      name: 'Arvostelijoiden eniten toivomat ideat',
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Idea', 'Arvostelijat', 'Kaikki äänestäjät', 'Osuus']);
    expect(cells(table)[0]?.[3]?.replace(/\s/g, ' ')).toBe('50 %');
    expect(cells(table)[1]?.[0]).toBe('Totals round wrongly (vikailmoitus)');
    expect(screen.getByRole('combobox', { name: 'Äänestäjät' })).toBeTruthy();
    expect(view.container.querySelector('.palaute-BoardDemand')?.getAttribute('data-theme')).toBe(
      'dark',
    );
    expect(await axeViolations(view.container)).toEqual([]);
  }, 30_000);
});
