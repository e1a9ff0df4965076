import {
  DEFAULT_INBOX_FILTERS,
  inboxListsOf,
  isInboxKind,
  toInboxQuery,
  type Vote,
  votersBySegment,
} from '@palaute/engine';
import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { createMemoryBackend } from '../../packages/engine/src/backend/backend.memory';
import {
  connectBoardTeam,
  createBoardTeam,
} from '../../packages/engine/src/board/board.team.connect';
import { selectTeamListState } from '../../packages/engine/src/board/board.team.selectors';
import { defineBoard } from '../../packages/engine/src/board/board.utils';

const statuses = [
  { id: 'open', lifecycle: 'new' as const },
  { id: 'review', lifecycle: 'triaged' as const },
  { id: 'planned', lifecycle: 'planned' as const },
  { id: 'shipped', lifecycle: 'shipped' as const },
];

describe('board items in the team inbox', () => {
  describe('the kind filter', () => {
    it('given each kind › the feedback query carries it, and "all" leaves it out', () => {
      expect(toInboxQuery(DEFAULT_INBOX_FILTERS)).not.toHaveProperty('kind');
      for (const kind of ['feedback', 'idea', 'bug'] as const)
        expect(toInboxQuery({ ...DEFAULT_INBOX_FILTERS, kind }).kind).toBe(kind);
      expect(isInboxKind('bug')).toBe(true);
      expect(isInboxKind('praise')).toBe(false);
    });

    it('given each kind › the inbox shows the feedback list, the board ideas of that kind, or both', () => {
      expect(inboxListsOf(DEFAULT_INBOX_FILTERS, statuses)).toEqual({ feedback: true, ideas: {} });
      expect(inboxListsOf({ ...DEFAULT_INBOX_FILTERS, kind: 'feedback' }, statuses)).toEqual({
        feedback: true,
        ideas: undefined,
      });
      expect(inboxListsOf({ ...DEFAULT_INBOX_FILTERS, kind: 'idea' }, statuses)).toEqual({
        feedback: false,
        ideas: { kind: 'idea' },
      });
      expect(inboxListsOf({ ...DEFAULT_INBOX_FILTERS, kind: 'bug' }, statuses)).toEqual({
        feedback: false,
        ideas: { kind: 'bug' },
      });
    });

    it('given a status or a search › ideas are filtered by the board statuses mapped onto it and by the words', () => {
      expect(
        inboxListsOf(
          { ...DEFAULT_INBOX_FILTERS, kind: 'idea', status: 'open', text: ' csv ' },
          statuses,
        ),
      ).toEqual({
        feedback: false,
        ideas: { kind: 'idea', status: ['open', 'review', 'planned'], search: 'csv' },
      });
      expect(inboxListsOf({ ...DEFAULT_INBOX_FILTERS, status: 'shipped' }, statuses).ideas).toEqual(
        {
          status: ['shipped'],
        },
      );
      // No board status maps onto "declined": no idea is listed, rather than every idea.
      expect(
        inboxListsOf({ ...DEFAULT_INBOX_FILTERS, kind: 'idea', status: 'declined' }, statuses),
      ).toEqual({ feedback: false, ideas: undefined });
    });

    it('given a filter only feedback has › the ideas are left out', () => {
      for (const set of [
        { touchpointId: 'dashboard' },
        { olderThan: '2' },
        { segmentKey: 'plan' },
        { tag: 'billing' },
        { assignee: 'anna' },
      ])
        expect(inboxListsOf({ ...DEFAULT_INBOX_FILTERS, ...set }, statuses).ideas).toBeUndefined();
    });
  });

  describe("voters' segments", () => {
    const vote = (customerId: string, segment?: Vote['segment']): Vote => ({
      ideaId: 'idea-000001',
      customerId,
      source: 'board',
      at: '2026-06-01T09:00:00.000Z',
      ...(segment ? { segment } : {}),
    });

    it('given votes with frozen segments › counts each key by value, most first, each customer once', () => {
      const votes = [
        vote('anna', { plan: 'pro', npsClass: 'detractor' }),
        vote('ben', { plan: 'free', npsClass: 'detractor' }),
        vote('carl', { plan: 'pro', npsClass: 'promoter' }),
        vote('dana'),
        vote('anna', { plan: 'enterprise', npsClass: 'promoter' }),
      ];
      expect(votersBySegment(votes, ['npsClass', 'plan'])).toEqual([
        {
          key: 'npsClass',
          values: [
            { value: 'detractor', count: 2 },
            { value: '(none)', count: 1 },
            { value: 'promoter', count: 1 },
          ],
        },
        {
          key: 'plan',
          values: [
            { value: 'pro', count: 2 },
            { value: '(none)', count: 1 },
            { value: 'free', count: 1 },
          ],
        },
      ]);
      // Without keys: every key a vote carries, sorted.
      expect(votersBySegment(votes).map((segment) => segment.key)).toEqual(['npsClass', 'plan']);
      expect(votersBySegment([])).toEqual([]);
    });

    it('given a key like __proto__ › it is only a key', () => {
      const votes = [vote('anna', JSON.parse('{"__proto__":"x"}'))];
      expect(votersBySegment(votes, ['__proto__', 'toString'])).toEqual([
        { key: '__proto__', values: [{ value: 'x', count: 1 }] },
        { key: 'toString', values: [{ value: '(none)', count: 1 }] },
      ]);
    });
  });

  it("given the team board machine with the inbox's kind › lists only that kind, and a status move goes through the board", async () => {
    let clock = Date.parse('2026-06-01T09:00:00.000Z');
    const board = defineBoard({ id: 'ideas', moderation: 'publish' });
    const backend = createMemoryBackend({
      now: () => {
        clock += 1000;
        return new Date(clock);
      },
      board,
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
      id: 'bug-total-01',
      customerId: 'ben',
      kind: 'bug',
      title: 'Totals round wrongly',
      body: '',
      at: at(),
    });
    const kind = inboxListsOf({ ...DEFAULT_INBOX_FILTERS, kind: 'bug' }, board.statuses).ideas;
    const actor = createBoardTeam({
      port: backend.team.board,
      by: { kind: 'team', id: 'sofia' },
      input: { filters: { ...kind } },
    });
    await waitFor(actor, (s) => selectTeamListState(s) === 'ready');
    const team = connectBoardTeam(actor.getSnapshot(), actor.send, board);
    expect(team.ideas.map((idea) => idea.id)).toEqual(['bug-total-01']);
    // Switching the kind in the inbox lists the ideas instead.
    team.setFilters({ kind: 'idea' });
    await waitFor(
      actor,
      (s) => selectTeamListState(s) === 'ready' && s.context.filters.kind === 'idea',
    );
    expect(
      connectBoardTeam(actor.getSnapshot(), actor.send, board).ideas.map((idea) => idea.id),
    ).toEqual(['idea-csv-01']);
    // The idea's status moves through the board's own operation: its status, lifecycle and history.
    const planned = board.statuses.find((status) => status.lifecycle === 'planned');
    connectBoardTeam(actor.getSnapshot(), actor.send, board).setStatus(
      'idea-csv-01',
      planned?.id ?? '',
    );
    await waitFor(actor, (s) => s.context.done !== undefined || s.context.failed !== undefined);
    const { idea } = await backend.team.board.getIdea('idea-csv-01');
    expect(idea.status).toBe(planned?.id);
    expect(idea.lifecycle).toBe('planned');
    expect(idea.history.at(-1)).toMatchObject({ to: planned?.id, lifecycle: 'planned' });
  });
});
