import { createMemoryBackend, defineBoard, type MemoryBackend } from '@palaute/engine';
import { fi, PalauteProvider, YourFeedback } from '@palaute/react';
import { render, screen, within } from '@testing-library/react';
import { anna } from '../fixtures/feedback';
import { axeViolations } from './axe';

const at = '2026-06-01T09:00:00.000Z';

function Panel({ backend, locale }: { backend: Partial<MemoryBackend>; locale?: string }) {
  return (
    <PalauteProvider
      locales={{ fi }}
      backend={backend as MemoryBackend}
      customer={{ id: 'ben' }}
      {...(locale ? { locale } : {})}
    >
      <main>
        <YourFeedback timeZone="UTC" refreshMs={0} />
      </main>
    </PalauteProvider>
  );
}

async function seeded() {
  const backend = createMemoryBackend({ board: defineBoard({ id: 'ideas' }) });
  const suggest = (customerId: string, id: string, title: string) =>
    backend.board.suggestIdea({ id, customerId, kind: 'idea', title, body: '', at });
  await suggest('ben', 'idea-ben-00001', 'Export to <b>CSV</b>');
  await suggest('anna', 'idea-anna-0001', 'Dark mode');
  await suggest('anna', 'idea-anna-0002', 'Night theme');
  await backend.board.vote({
    id: 'vote-ben-00001',
    customerId: 'ben',
    ideaId: 'idea-anna-0002',
    voted: true,
    source: 'board',
    at,
  });
  await backend.team.board.setStatus(
    'idea-ben-00001',
    { status: 'declined', reason: 'Use the API' },
    anna,
  );
  await backend.team.board.merge('idea-anna-0002', 'idea-anna-0001', anna);
  await backend.team.board.setStatus('idea-anna-0001', { status: 'planned' }, anna);
  return backend;
}

const ideaArticle = async (title: string) =>
  (await screen.findByRole('heading', { name: title })).closest('article') as HTMLElement;

describe('YourFeedback: your ideas', () => {
  it('given ideas the customer follows › lists each with its status in words, votes, the reason and where it was merged, axe clean', async () => {
    render(<Panel backend={await seeded()} />);
    expect(await screen.findByRole('heading', { name: 'Your ideas' })).toBeInTheDocument();
    // A region of its own, named by its heading, for screen readers' landmark lists.
    expect(screen.getByRole('region', { name: 'Your ideas' })).toBeInTheDocument();
    const declined = await ideaArticle('Export to <b>CSV</b>');
    // The board's name for the status (the board and roadmap say "Declined"), not another word.
    expect(within(declined).getByText('Declined')).toBeInTheDocument();
    expect(within(declined).getByText('1 vote')).toBeInTheDocument();
    expect(within(declined).getByText('Use the API')).toBeInTheDocument();
    // User text is text.
    expect(declined.querySelector('b')).toBeNull();
    const planned = await ideaArticle('Dark mode');
    expect(within(planned).getByText('Planned')).toBeInTheDocument();
    expect(within(planned).queryByText('Done')).toBeNull();
    expect(
      within(planned).getByText('It is on our plan but not done yet. We will tell you when it is.'),
    ).toBeInTheDocument();
    expect(within(planned).getByText('2 votes')).toBeInTheDocument();
    const merged = await ideaArticle('Night theme');
    expect(
      within(merged).getByText('Merged into “Dark mode”: your vote counts there.'),
    ).toBeInTheDocument();
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('in Finnish › the words and the plural rule are Finnish', async () => {
    render(<Panel backend={await seeded()} locale="fi" />);
    expect(await screen.findByRole('heading', { name: 'Ideasi' })).toBeInTheDocument();
    const declined = await ideaArticle('Export to <b>CSV</b>');
    expect(within(declined).getByText('1 ääni')).toBeInTheDocument();
    expect(within(await ideaArticle('Dark mode')).getByText('2 ääntä')).toBeInTheDocument();
  });

  it('given a backend without a board › no ideas section', async () => {
    const { board: _board, ...backend } = createMemoryBackend();
    render(<Panel backend={backend} />);
    expect(await screen.findByText('You have not sent any feedback yet.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Your ideas' })).toBeNull();
  });
});
