import { createMemoryBackend } from '@palaute/engine';
import { fi, IdeaOffer, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axeViolations } from './axe';

// After a survey or launcher answer: matching public ideas offered, one keystroke to vote.

const at = '2026-06-01T09:00:00.000Z';

async function seeded() {
  const backend = createMemoryBackend();
  const suggest = (id: string, customerId: string, title: string) =>
    backend.board.suggestIdea({ id, customerId, kind: 'idea', title, body: '', at });
  await suggest('idea-excel-01', 'anna', 'Export invoices to Excel');
  await suggest('idea-excel-02', 'carl', 'Excel export of <b>reports</b>');
  await suggest('idea-dark-001', 'dora', 'Dark mode');
  return backend;
}

describe('IdeaOffer', () => {
  it('offers the ideas like the answer, and votes for the second at one keystroke', async () => {
    const backend = await seeded();
    const user = userEvent.setup();
    const { container } = render(
      <PalauteProvider locales={{ fi }} backend={backend} customer={{ id: 'ben' }} outbox={false}>
        <main>
          <IdeaOffer text="I need to export invoices and reports to Excel" source="survey" />
        </main>
      </PalauteProvider>,
    );
    const region = await screen.findByRole('region', {
      name: 'Others asked for this too — add your vote?',
    });
    // Ideas are text, whatever they hold.
    expect(region.textContent).toContain('Excel export of <b>reports</b>');
    expect(region.textContent).not.toContain('Dark mode');
    // One vote each (their authors'): the singular.
    expect(within(region).getAllByText('1 vote')).toHaveLength(2);
    const buttons = screen.getAllByRole('button', { name: /^Vote, for/ });
    expect(buttons.map((button) => button.getAttribute('aria-keyshortcuts'))).toEqual(['1', '2']);
    expect(buttons.every((button) => button.getAttribute('aria-pressed') === 'false')).toBe(true);
    const second = buttons[1] as HTMLElement;
    const title = second.textContent?.includes('reports')
      ? 'Excel export of <b>reports</b>'
      : 'Export invoices to Excel';
    second.focus();
    await user.keyboard('2');
    await waitFor(() =>
      expect(container.querySelector('[data-part="announcer"]')?.textContent).toBe(
        `Your vote for “${title}” was added.`,
      ),
    );
    const pressed = screen.getByRole('button', { name: `Voted, for “${title}”` });
    expect(pressed.getAttribute('aria-pressed')).toBe('true');
    expect(region.getAttribute('data-state')).toBe('voted');
    const id = title.startsWith('Export') ? 'idea-excel-01' : 'idea-excel-02';
    const { votes } = (await backend.team.board?.getIdea(id)) ?? { votes: [] };
    expect(votes.find((vote) => vote.customerId === 'ben')).toMatchObject({ source: 'survey' });
    expect(await axeViolations(container)).toEqual([]);
  }, 20_000);

  it('shows nothing when nothing matches, and goes away when dismissed', async () => {
    const backend = await seeded();
    const user = userEvent.setup();
    const first = render(
      <PalauteProvider locales={{ fi }} backend={backend} customer={{ id: 'ben' }} outbox={false}>
        <IdeaOffer text="The support team was lovely today" source="launcher" />
      </PalauteProvider>,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('region')).toBeNull();
    first.unmount();
    render(
      <PalauteProvider locales={{ fi }} backend={backend} customer={{ id: 'eve' }} outbox={false}>
        <IdeaOffer text="Could I get a dark mode for late evenings?" source="launcher" />
      </PalauteProvider>,
    );
    await screen.findByRole('region');
    await user.click(screen.getByRole('button', { name: 'No thanks' }));
    expect(screen.queryByRole('region')).toBeNull();
    expect((await backend.board.getIdea('eve', 'idea-dark-001')).idea.voted).toBe(false);
  });

  it('speaks Finnish under a Finnish provider', async () => {
    const backend = await seeded();
    render(
      <PalauteProvider
        locales={{ fi }}
        backend={backend}
        customer={{ id: 'ben' }}
        outbox={false}
        locale="fi"
      >
        <IdeaOffer text="Dark mode would be great for my eyes" source="survey" />
      </PalauteProvider>,
    );
    expect(
      await screen.findByRole('heading', { name: 'Muutkin ovat toivoneet tätä — annatko äänesi?' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Äänestä, ideaa ”Dark mode”' })).toBeTruthy();
  });
});
