import {
  connectYourFeedback,
  createMemoryBackend,
  createYourFeedback,
  defineBoard,
  type YourFeedbackActor,
} from '@palaute/engine';
import { anna } from '../fixtures/feedback';

const apiOf = (actor: YourFeedbackActor) => connectYourFeedback(actor.getSnapshot(), actor.send);
function until(actor: YourFeedbackActor, ready: (api: ReturnType<typeof apiOf>) => boolean) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('It did not get there.')), 2000);
    const check = () => {
      if (!ready(apiOf(actor))) return;
      clearTimeout(timer);
      subscription.unsubscribe();
      resolve();
    };
    const subscription = actor.subscribe(check);
    check();
  });
}

const at = '2026-06-01T09:00:00.000Z';
const suggest = (
  backend: ReturnType<typeof createMemoryBackend>,
  customerId: string,
  id: string,
  title: string,
) => backend.board.suggestIdea({ id, customerId, kind: 'idea', title, body: '', at });

describe('your feedback: the ideas the customer follows', () => {
  it('given a board › lists what they wrote, voted for or commented on, with status, votes, the decline reason and where a duplicate went', async () => {
    const backend = createMemoryBackend({ board: defineBoard({ id: 'ideas' }) });
    await suggest(backend, 'ben', 'idea-ben-00001', 'Export to CSV');
    await suggest(backend, 'anna', 'idea-anna-0001', 'Dark mode');
    await suggest(backend, 'anna', 'idea-anna-0002', 'Night theme');
    await suggest(backend, 'anna', 'idea-anna-0003', 'Not Ben’s');
    await backend.board.vote({
      id: 'vote-ben-00001',
      customerId: 'ben',
      ideaId: 'idea-anna-0002',
      voted: true,
      source: 'board',
      at,
    });
    await backend.board.comment({
      id: 'comment-ben-01',
      customerId: 'ben',
      ideaId: 'idea-anna-0001',
      body: 'Yes please',
      at,
    });
    await backend.team.board.setStatus(
      'idea-ben-00001',
      { status: 'declined', reason: 'Use the API' },
      anna,
    );
    await backend.team.board.merge('idea-anna-0002', 'idea-anna-0001', anna);
    await backend.team.board.setStatus('idea-anna-0001', { status: 'planned' }, anna);

    const mine = createYourFeedback({
      backend,
      input: { customerId: 'ben', refreshMs: 0 },
    }).start();
    expect(apiOf(mine).ideasState).toBe('loading');
    await until(mine, (api) => api.ideasState === 'ready');
    const { ideas } = apiOf(mine);
    expect(ideas.map((entry) => entry.idea.title).sort()).toEqual([
      'Dark mode',
      'Export to CSV',
      'Night theme',
    ]);
    const byTitle = (title: string) => ideas.find((entry) => entry.idea.title === title);
    expect(byTitle('Export to CSV')).toMatchObject({
      idea: { lifecycle: 'declined', declineReason: 'Use the API', mine: true, votes: 1 },
      mergedIntoTitle: undefined,
    });
    expect(byTitle('Dark mode')).toMatchObject({
      idea: { lifecycle: 'planned', statusName: 'Planned', votes: 2 },
    });
    expect(byTitle('Dark mode')?.idea.declineReason).toBeUndefined();
    expect(byTitle('Night theme')).toMatchObject({ mergedIntoTitle: 'Dark mode' });

    // It moves: a refresh shows the new status.
    await backend.team.board.setStatus('idea-anna-0001', { status: 'inProgress' }, anna);
    apiOf(mine).refresh();
    await until(mine, (api) => api.ideas.some((entry) => entry.idea.lifecycle === 'inProgress'));
    mine.stop();
  });

  it('given no board › nothing changes: no request, ideas `none`', async () => {
    const { board: _board, ...backend } = createMemoryBackend();
    const mine = createYourFeedback({
      backend,
      input: { customerId: 'ben', refreshMs: 0 },
    }).start();
    await until(mine, (api) => api.state !== 'loading');
    expect(apiOf(mine)).toMatchObject({ ideasState: 'none', ideas: [] });
    expect(mine.getSnapshot().value).toMatchObject({ ideas: 'none' });
    mine.stop();
  });

  it('given a board that fails › the ideas say so, and the feedback list is unharmed', async () => {
    const backend = createMemoryBackend({ board: defineBoard({ id: 'ideas' }) });
    const errors: string[] = [];
    const board = { ...backend.board, listIdeas: () => Promise.reject(new Error('down')) };
    const mine = createYourFeedback({
      backend: { ...backend, board },
      input: { customerId: 'ben', refreshMs: 0 },
      onError: (_error, operation) => errors.push(operation),
    }).start();
    await until(mine, (api) => api.ideasState === 'error' && api.state === 'empty');
    expect(errors).toEqual(['listFollowedIdeas']);
    mine.stop();
  });
});
