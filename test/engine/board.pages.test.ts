import { waitFor } from 'xstate';
import type { PublicIdea } from '../../packages/engine/src';
import { connectBoard, createBoard } from '../../packages/engine/src/board/board.connect';
import {
  connectChangelog,
  connectRoadmap,
  createChangelog,
  createRoadmap,
} from '../../packages/engine/src/board/board.pages.connect';
import {
  createBoardChanges,
  withIdeaOnRoadmap,
} from '../../packages/engine/src/board/board.pages.machine';
import { categorisedBoard, categorisedIdeas, oneIdea, planIdea } from '../fixtures/board';

/** An idea's fields but its id, status and votes. */
const ideaFields: Omit<PublicIdea, 'id' | 'status' | 'votes'> = {
  kind: 'idea',
  title: 'An idea',
  body: '',
  statusName: 'Planned',
  lifecycle: 'planned',
  comments: 0,
  locked: false,
  voted: false,
  mine: false,
  pending: false,
  changelogIds: [],
  createdAt: '2026-06-01T09:00:00.000Z',
};

describe('the board’s roadmap and changelog reads', () => {
  it('given a read that fails › failed with the reason; retry reads again; refresh keeps what is shown meanwhile', async () => {
    const backend = await oneIdea();
    await planIdea(backend, 'idea-csv-0001');
    let down = true;
    const port = {
      roadmap: (id: string) =>
        down ? Promise.reject(new Error('Offline')) : backend.board.roadmap(id),
      changelog: (id: string) => backend.board.changelog(id),
    };
    const roadmap = createRoadmap({ port, customerId: 'ben' }).start();
    const api = () => connectRoadmap(roadmap.getSnapshot(), roadmap.send);
    await waitFor(roadmap, (s) => s.value !== 'loading');
    expect(api()).toMatchObject({ state: 'failed', error: 'Offline', value: undefined });
    down = false;
    api().retry();
    await waitFor(roadmap, (s) => s.value === 'ready');
    const planned = api().value?.columns.find((column) => column.lifecycle === 'planned');
    expect(planned?.ideas.map((idea) => idea.id)).toEqual(['idea-csv-0001']);
    api().refresh();
    expect(api().state).toBe('loading');
    expect(api().value).toBeDefined();
    roadmap.stop();

    const changelog = createChangelog({ port, customerId: 'ben' }).start();
    await waitFor(changelog, (s) => s.value === 'ready');
    expect(connectChangelog(changelog.getSnapshot(), changelog.send).value).toEqual([]);
    changelog.stop();
  });

  it("given a board with categories › the roadmap names each idea's category and shows one category on request, kept over a refresh", async () => {
    const backend = await categorisedIdeas();
    await planIdea(backend, 'idea-csv-0001');
    const roadmap = createRoadmap({ port: backend.board, customerId: 'ben' }).start();
    const api = () => connectRoadmap(roadmap.getSnapshot(), roadmap.send);
    const planned = () =>
      api()
        .shown?.columns.find((column) => column.status === 'planned')
        ?.ideas.map((idea) => idea.id);
    // Before the read, no categories and nothing to filter.
    expect(api()).toMatchObject({ categories: [], categoryId: undefined, shown: undefined });
    await waitFor(roadmap, (s) => s.value === 'ready');
    expect(api().categories).toEqual(categorisedBoard.categories);
    expect(api().categoryName('invoices')).toBe('Invoices');
    expect(planned()).toEqual(expect.arrayContaining(['idea-csv-0001', 'idea-dark-001']));
    api().setCategory('invoices');
    expect(api().categoryId).toBe('invoices');
    expect(planned()).toEqual(['idea-csv-0001']);
    expect(
      api().shown?.columns.every((c) => c.ideas.every((i) => i.categoryId === 'invoices')),
    ).toBe(true);
    // What was read stays whole; the filter outlives a refresh.
    expect(api().value?.columns.find((c) => c.status === 'planned')?.ideas).toHaveLength(2);
    api().refresh();
    await waitFor(roadmap, (s) => s.value === 'ready');
    expect(planned()).toEqual(['idea-csv-0001']);
    // A category the board does not have (any more) shows everything.
    api().setCategory('archived');
    expect(api().categoryId).toBeUndefined();
    expect(planned()).toHaveLength(2);
    api().setCategory(undefined);
    expect(planned()).toHaveLength(2);
    roadmap.stop();
  });
});

describe('the roadmap beside the board, on one page', () => {
  it('given a vote pressed on the board › the roadmap shows the same count at once and after the server’s; a failed vote rolls back in both', async () => {
    const backend = await oneIdea();
    await planIdea(backend, 'idea-csv-0001');
    const changes = createBoardChanges();
    let refuse = false;
    const port = {
      ...backend.board,
      vote: (...args: Parameters<typeof backend.board.vote>) =>
        refuse ? Promise.reject(new Error('Offline')) : backend.board.vote(...args),
    };
    const board = createBoard({ port, customerId: 'ben', changes }).start();
    const roadmap = createRoadmap({ port, customerId: 'ben', changes }).start();
    await waitFor(roadmap, (s) => s.value === 'ready');
    await waitFor(board, (s) => connectBoard(s, board.send).ideas.length === 1);
    const shown = () =>
      connectRoadmap(roadmap.getSnapshot(), roadmap.send)
        .value?.columns.flatMap((column) => column.ideas)
        .map((idea) => [idea.id, idea.votes, idea.voted]);
    expect(shown()).toEqual([['idea-csv-0001', 1, false]]);
    connectBoard(board.getSnapshot(), board.send).vote('idea-csv-0001', true);
    // At once, as the board's own count.
    expect(shown()).toEqual([['idea-csv-0001', 2, true]]);
    await waitFor(board, (s) => s.context.pendingVotes.length === 0);
    expect(shown()).toEqual([['idea-csv-0001', 2, true]]);
    expect((await backend.board.getIdea('ben', 'idea-csv-0001')).idea.votes).toBe(2);
    refuse = true;
    connectBoard(board.getSnapshot(), board.send).vote('idea-csv-0001', false);
    expect(shown()).toEqual([['idea-csv-0001', 1, false]]);
    await waitFor(board, (s) => s.context.pendingVotes.length === 0);
    expect(shown()).toEqual([['idea-csv-0001', 2, true]]);
    board.stop();
    roadmap.stop();
  });

  it('given an idea changed elsewhere › moves between the roadmap’s columns, leaves it, or is left off when the roadmap did not show it', () => {
    const idea = (id: string, status: string, votes = 1) => ({
      ...ideaFields,
      id,
      status,
      votes,
    });
    const roadmap = {
      columns: [
        {
          status: 'planned',
          name: 'Planned',
          lifecycle: 'planned' as const,
          ideas: [idea('a', 'planned'), idea('b', 'planned')],
        },
        {
          status: 'started',
          name: 'In progress',
          lifecycle: 'inProgress' as const,
          ideas: [idea('c', 'started')],
        },
      ],
    };
    const ids = (value: typeof roadmap) =>
      value.columns.map((column) => column.ideas.map((each) => `${each.id}:${each.votes}`));
    expect(ids(withIdeaOnRoadmap(roadmap, idea('a', 'planned', 5)))).toEqual([
      ['a:5', 'b:1'],
      ['c:1'],
    ]);
    expect(ids(withIdeaOnRoadmap(roadmap, idea('a', 'started')))).toEqual([
      ['b:1'],
      ['c:1', 'a:1'],
    ]);
    expect(ids(withIdeaOnRoadmap(roadmap, idea('c', 'shipped')))).toEqual([['a:1', 'b:1'], []]);
    expect(withIdeaOnRoadmap(roadmap, idea('z', 'planned'))).toBe(roadmap);
  });

  it('given a subscriber that throws › the others still hear of the change; one unsubscribed hears nothing', () => {
    const changes = createBoardChanges();
    const heard: string[] = [];
    changes.subscribe(() => {
      throw new Error('A broken view');
    });
    const stop = changes.subscribe((idea) => heard.push(`first ${idea.id}`));
    changes.subscribe((idea) => heard.push(`second ${idea.id}`));
    changes.publish({ ...ideaFields, id: 'a', status: 'planned', votes: 1 });
    stop();
    changes.publish({ ...ideaFields, id: 'b', status: 'planned', votes: 1 });
    expect(heard).toEqual(['first a', 'second a', 'second b']);
  });
});
