import { describe, expect, it, vi } from 'vitest';
import { waitFor } from 'xstate';
import { createMemoryBackend } from '../../packages/engine/src/backend/backend.memory';
import { connectBoard, createBoard } from '../../packages/engine/src/board/board.connect';
import {
  selectListState,
  selectSuggestState,
} from '../../packages/engine/src/board/board.selectors';
import { createOutbox } from '../../packages/engine/src/outbox/outbox';
import { createMemoryOutboxStorage } from '../../packages/engine/src/outbox/outbox.storage';
import { categorisedBoard, categorisedIdeas } from '../fixtures/board';

let n = 0;
const newId = () => `id${String(++n).padStart(8, '0')}`;

async function seeded() {
  let clock = Date.parse('2026-06-01T09:00:00.000Z');
  const backend = createMemoryBackend({
    now: () => {
      clock += 1000;
      return new Date(clock);
    },
  });
  const at = () => new Date(clock).toISOString();
  await backend.board.suggestIdea({
    id: 'idea-csv-01',
    customerId: 'anna',
    kind: 'idea',
    title: 'Export invoices to CSV',
    body: '',
    at: at(),
  });
  await backend.board.suggestIdea({
    id: 'idea-dark-01',
    customerId: 'carl',
    kind: 'idea',
    title: 'Dark mode',
    body: '',
    at: at(),
  });
  return backend;
}

describe('the board machine', () => {
  it('given a board › loads the first page and sorts on request', async () => {
    const backend = await seeded();
    const actor = createBoard({ port: backend.board, customerId: 'ben', newId });
    expect(selectListState(actor.getSnapshot())).toBe('loading');
    await waitFor(actor, (s) => selectListState(s) === 'ready');
    const api = connectBoard(actor.getSnapshot(), actor.send);
    expect(api.ideas).toHaveLength(2);
    api.setFilters({ sort: 'newest' });
    await waitFor(actor, (s) => selectListState(s) === 'ready');
    expect(actor.getSnapshot().context.ideas[0]?.id).toBe('idea-dark-01');
  });

  it('given a vote › it shows at once, and the server count follows', async () => {
    const backend = await seeded();
    const actor = createBoard({ port: backend.board, customerId: 'ben', newId });
    await waitFor(actor, (s) => selectListState(s) === 'ready');
    connectBoard(actor.getSnapshot(), actor.send).vote('idea-csv-01');
    const optimistic = actor.getSnapshot().context.ideas.find((i) => i.id === 'idea-csv-01');
    expect(optimistic).toMatchObject({ voted: true, votes: 2 });
    expect(actor.getSnapshot().context.pendingVotes).toEqual(['idea-csv-01']);
    await waitFor(actor, (s) => s.context.pendingVotes.length === 0);
    expect(backend.boardIdeas().find((i) => i.id === 'idea-csv-01')?.votes).toBe(2);
  });

  it('given a vote that fails › it is rolled back and the failure is told', async () => {
    const backend = await seeded();
    const port = { ...backend.board, vote: () => Promise.reject(new Error('offline')) };
    const actor = createBoard({ port, customerId: 'ben', newId });
    await waitFor(actor, (s) => selectListState(s) === 'ready');
    actor.send({ type: 'idea.vote', ideaId: 'idea-csv-01', voted: true });
    await waitFor(actor, (s) => s.context.voteError !== undefined);
    expect(actor.getSnapshot().context.ideas.find((i) => i.id === 'idea-csv-01')).toMatchObject({
      voted: false,
      votes: 1,
    });
    expect(actor.getSnapshot().context.voteError).toEqual({
      ideaId: 'idea-csv-01',
      message: 'offline',
    });
  });

  it('given an outbox › the vote is stored in it and delivered once through `deliver`', async () => {
    const backend = await seeded();
    const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
    const enqueue = vi.spyOn(outbox, 'enqueue');
    const actor = createBoard({ port: backend.board, customerId: 'ben', newId, outbox });
    await waitFor(actor, (s) => selectListState(s) === 'ready');
    actor.send({ type: 'idea.vote', ideaId: 'idea-csv-01', voted: true });
    await waitFor(actor, (s) => s.context.pendingVotes.length === 0);
    expect(enqueue).toHaveBeenCalledWith(
      'vote',
      expect.objectContaining({ ideaId: 'idea-csv-01', voted: true }),
    );
    await outbox.flush();
    await outbox.flush();
    expect(backend.boardIdeas().find((i) => i.id === 'idea-csv-01')?.votes).toBe(2);
  });

  it('given a title being typed › similar ideas appear, then the idea is suggested', async () => {
    const backend = await seeded();
    const actor = createBoard({ port: backend.board, customerId: 'ben', newId });
    await waitFor(actor, (s) => selectListState(s) === 'ready');
    const api = () => connectBoard(actor.getSnapshot(), actor.send);
    api().editDraft({ title: 'csv exprot' });
    expect(selectSuggestState(actor.getSnapshot())).toBe('typing');
    await waitFor(actor, (s) => s.context.similar.length > 0, { timeout: 2000 });
    expect(api().similar[0]?.idea.id).toBe('idea-csv-01');
    api().editDraft({ title: 'CSV export with VAT columns' });
    api().submit();
    await waitFor(actor, (s) => selectSuggestState(s) === 'submitted');
    expect(api().suggested).toMatchObject({
      title: 'CSV export with VAT columns',
      mine: true,
      voted: true,
    });
    expect(api().ideas[0]?.id).toBe(api().suggested?.id);
    expect(api().draft.title).toBe('');
  });

  it('given a board with categories › offers its statuses and categories, filters by each, and an idea suggested in a category shows it', async () => {
    const backend = await categorisedIdeas();
    const actor = createBoard({ port: backend.board, customerId: 'ben', newId });
    const api = () => connectBoard(actor.getSnapshot(), actor.send);
    await waitFor(actor, (s) => selectListState(s) === 'ready' && api().statuses.length > 0);
    expect(api().statuses.map((status) => status.id)).toEqual(
      categorisedBoard.statuses.map((s) => s.id),
    );
    expect(api().categories).toEqual(categorisedBoard.categories);
    expect(api().categoryName('invoices')).toBe('Invoices');
    expect(api().categoryName('gone')).toBeUndefined();
    api().setFilters({ categoryId: 'invoices' });
    await waitFor(actor, (s) => selectListState(s) === 'ready');
    expect(api().ideas.map((idea) => idea.id)).toEqual(['idea-csv-0001']);
    api().setFilters({ categoryId: undefined, status: ['planned'] });
    await waitFor(actor, (s) => selectListState(s) === 'ready');
    expect(api().ideas.map((idea) => idea.id)).toEqual(['idea-dark-001']);
    // The suggest form's category travels with the idea.
    api().setFilters({ status: undefined, categoryId: 'reports' });
    api().editDraft({ title: 'Monthly sales report', categoryId: 'reports' });
    api().submit();
    await waitFor(actor, (s) => selectSuggestState(s) === 'submitted');
    expect(
      backend.boardIdeas().find((idea) => idea.title === 'Monthly sales report'),
    ).toMatchObject({ categoryId: 'reports' });
    actor.stop();
  });

  it('given a board whose definition cannot be read, or is known › the list loads all the same, and a known one is not read again', async () => {
    const backend = await seeded();
    const failing = {
      ...backend.board,
      board: vi.fn(() => Promise.reject(new Error('offline'))),
    };
    const actor = createBoard({ port: failing, customerId: 'ben', newId });
    await waitFor(actor, (s) => selectListState(s) === 'ready');
    await waitFor(actor, (s) => s.matches({ definition: 'unavailable' }));
    const api = connectBoard(actor.getSnapshot(), actor.send);
    expect(api.ideas).toHaveLength(2);
    expect(api.statuses).toEqual([]);
    expect(api.categories).toEqual([]);
    actor.stop();
    const known = await backend.board.board('ben');
    const counted = { ...backend.board, board: vi.fn(backend.board.board) };
    const again = createBoard({
      port: counted,
      customerId: 'ben',
      newId,
      input: { board: known },
    });
    expect(connectBoard(again.getSnapshot(), again.send).statuses).toEqual(known.statuses);
    expect(counted.board).not.toHaveBeenCalled();
    again.stop();
  });

  it('given filters from an old link › a status or category the board lacks goes once its definition is read, and the list follows', async () => {
    const backend = await categorisedIdeas();
    const listIdeas = vi.fn(backend.board.listIdeas);
    const port = { ...backend.board, listIdeas };
    const stale = { status: ['planned', 'gone'], categoryId: 'archived', kind: 'idea' as const };
    const actor = createBoard({ port, customerId: 'ben', newId, input: { filters: stale } });
    const api = () => connectBoard(actor.getSnapshot(), actor.send);
    await waitFor(actor, (s) => s.matches({ definition: 'ready' }));
    await waitFor(actor, (s) => selectListState(s) === 'ready');
    expect(api().filters).toEqual({ sort: 'trending', status: ['planned'], kind: 'idea' });
    expect(api().ideas.map((idea) => idea.id)).toEqual(['idea-dark-001']);
    expect(listIdeas).toHaveBeenLastCalledWith('ben', {
      sort: 'trending',
      status: ['planned'],
      kind: 'idea',
    });
    // Once the board is known, a filter it lacks never reaches the list.
    api().setFilters({ categoryId: 'archived', status: ['gone'] });
    expect(api().filters).toEqual({ sort: 'trending', kind: 'idea' });
    api().setFilters({ categoryId: 'invoices', status: undefined });
    await waitFor(actor, (s) => selectListState(s) === 'ready');
    expect(api().ideas.map((idea) => idea.id)).toEqual(['idea-csv-0001']);
    actor.stop();
    // A definition the host gives prunes the first filters before anything loads.
    const known = await backend.board.board('ben');
    const given = createBoard({
      port,
      customerId: 'ben',
      newId,
      input: { board: known, filters: { categoryId: 'archived', status: ['planned'] } },
    });
    expect(connectBoard(given.getSnapshot(), given.send).filters).toEqual({
      sort: 'trending',
      status: ['planned'],
    });
    given.stop();
  });
});
