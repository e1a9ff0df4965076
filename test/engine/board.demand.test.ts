import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { createMemoryBackend } from '../../packages/engine/src/backend/backend.memory';
import {
  connectBoardDemand,
  createBoardDemand,
} from '../../packages/engine/src/board/board.demand.connect';
import { DEMAND_NPS_CHOICES } from '../../packages/engine/src/board/board.demand.machine';
import {
  selectDemandRows,
  selectDemandState,
} from '../../packages/engine/src/board/board.demand.selectors';
import type { BoardTeamPort } from '../../packages/engine/src/board/board.port';
import { defineBoard } from '../../packages/engine/src/board/board.utils';

/**
 * A board of three ideas and a bug: "Export to CSV" wanted by two detractors of three voters,
 * "Dark mode" by one detractor and three promoters, "Faster search" by promoters only, and a bug
 * report with one detractor.
 */
async function seeded() {
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
  const ideas = [
    ['idea-csv-01', 'idea', 'Export to CSV'],
    ['idea-dark-01', 'idea', 'Dark mode'],
    ['idea-find-01', 'idea', 'Faster search'],
    ['bug-total-01', 'bug', 'Totals round wrongly'],
  ] as const;
  for (const [id, kind, title] of ideas)
    await backend.board.suggestIdea({ id, customerId: 'author', kind, title, body: '', at: at() });
  const votes: [string, string, string, string][] = [
    ['idea-csv-01', 'c1', 'detractor', 'pro'],
    ['idea-csv-01', 'c2', 'detractor', 'free'],
    ['idea-csv-01', 'c3', 'promoter', 'pro'],
    ['idea-dark-01', 'c1', 'detractor', 'pro'],
    ['idea-dark-01', 'c4', 'promoter', 'pro'],
    ['idea-dark-01', 'c5', 'promoter', 'free'],
    ['idea-dark-01', 'c6', 'promoter', 'pro'],
    ['idea-find-01', 'c4', 'promoter', 'pro'],
    ['bug-total-01', 'c2', 'detractor', 'free'],
  ];
  for (const [ideaId, customerId, npsClass, plan] of votes)
    await backend.board.vote({
      id: `vote-${ideaId}-${customerId}`,
      customerId,
      ideaId,
      voted: true,
      source: 'board',
      segment: { npsClass, plan },
      at: at(),
    });
  return backend;
}

const settled = (actor: ReturnType<typeof createBoardDemand>) =>
  waitFor(actor, (s) => selectDemandState(s) !== 'loading');

const summary = (actor: ReturnType<typeof createBoardDemand>) =>
  selectDemandRows(actor.getSnapshot()).map((row) => [
    row.idea.id,
    row.wanted,
    row.votes,
    Math.round(row.share * 100),
  ]);

describe('the demand view ("ideas most wanted by detractors")', () => {
  it('given votes with frozen segments › ranks by the detractors among the voters (the author’s own vote counted once, without a segment), with each idea’s share', async () => {
    const backend = await seeded();
    const actor = createBoardDemand({ port: backend.team.board });
    expect(selectDemandState(actor.getSnapshot())).toBe('loading');
    await settled(actor);
    const demand = connectBoardDemand(actor.getSnapshot(), actor.send);
    expect(demand.state).toBe('ready');
    expect(demand.choice).toEqual({ key: 'npsClass', value: 'detractor' });
    // Every idea also has its author's vote (no segment): 3 + 1 voters for the CSV export.
    expect(summary(actor)).toEqual([
      ['idea-csv-01', 2, 4, 50],
      ['idea-dark-01', 1, 5, 20],
      ['bug-total-01', 1, 2, 50],
    ]);
  });

  it('given another class or a plan chosen, or the kind narrowed › loads that demand (ties: most voters first) and keeps the rows shown until it arrives', async () => {
    const backend = await seeded();
    const actor = createBoardDemand({ port: backend.team.board });
    await settled(actor);
    const before = selectDemandRows(actor.getSnapshot());
    connectBoardDemand(actor.getSnapshot(), actor.send).choose(
      DEMAND_NPS_CHOICES[2] as { key: string; value: string },
    );
    expect(selectDemandState(actor.getSnapshot())).toBe('loading');
    expect(selectDemandRows(actor.getSnapshot())).toBe(before);
    await settled(actor);
    expect(summary(actor)).toEqual([
      ['idea-dark-01', 3, 5, 60],
      ['idea-csv-01', 1, 4, 25],
      ['idea-find-01', 1, 2, 50],
    ]);
    connectBoardDemand(actor.getSnapshot(), actor.send).choose({ key: 'plan', value: 'free' });
    await settled(actor);
    expect(summary(actor)).toEqual([
      ['idea-dark-01', 1, 5, 20],
      ['idea-csv-01', 1, 4, 25],
      ['bug-total-01', 1, 2, 50],
    ]);
    connectBoardDemand(actor.getSnapshot(), actor.send).setKind('idea');
    await settled(actor);
    expect(connectBoardDemand(actor.getSnapshot(), actor.send).kind).toBe('idea');
    expect(summary(actor).map(([id]) => id)).toEqual(['idea-dark-01', 'idea-csv-01']);
  });

  it('given a new vote › refresh loads it; the rows keep their identity while nothing changed', async () => {
    const backend = await seeded();
    const actor = createBoardDemand({ port: backend.team.board, input: { limit: 1 } });
    await settled(actor);
    const rows = selectDemandRows(actor.getSnapshot());
    expect(selectDemandRows(actor.getSnapshot())).toBe(rows);
    expect(summary(actor)).toEqual([['idea-csv-01', 2, 4, 50]]);
    for (const customerId of ['c7', 'c8'])
      await backend.board.vote({
        id: `vote-dark-${customerId}`,
        customerId,
        ideaId: 'idea-dark-01',
        voted: true,
        source: 'board',
        segment: { npsClass: 'detractor' },
        at: new Date(Date.parse('2026-06-02T09:00:00.000Z')).toISOString(),
      });
    connectBoardDemand(actor.getSnapshot(), actor.send).refresh();
    await settled(actor);
    expect(summary(actor)).toEqual([['idea-dark-01', 3, 7, 43]]);
  });

  it('given a port that fails, or has no demand › fails saying why, and a retry loads again', async () => {
    const backend = await seeded();
    let fail = true;
    const port: Pick<BoardTeamPort, 'demand'> = {
      demand: (query) =>
        fail
          ? Promise.reject(new Error('offline'))
          : (backend.team.board.demand?.(query) ?? Promise.resolve([])),
    };
    const actor = createBoardDemand({ port });
    await settled(actor);
    let demand = connectBoardDemand(actor.getSnapshot(), actor.send);
    expect([demand.state, demand.error, demand.loaded]).toEqual(['failed', 'offline', false]);
    fail = false;
    demand.retry();
    await settled(actor);
    demand = connectBoardDemand(actor.getSnapshot(), actor.send);
    expect([demand.state, demand.error, demand.rows.length]).toEqual(['ready', undefined, 3]);

    const without = createBoardDemand({ port: {} });
    await settled(without);
    expect(connectBoardDemand(without.getSnapshot(), without.send).error).toMatch(
      /does not tell which segments/,
    );
  });
});
