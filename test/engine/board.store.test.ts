import { describe, expect, it } from 'vitest';
import { createMemoryBackend } from '../../packages/engine/src/backend/backend.memory';
import type { IdeaInput } from '../../packages/engine/src/board/board.schema';
import {
  DEFAULT_RANKING,
  defineBoard,
  trendOf,
  trendScore,
  trendTerm,
  trigramSimilarity,
} from '../../packages/engine/src/board/board.utils';
import { LifecycleError } from '../../packages/engine/src/feedback/feedback.utils';
import { NotFoundError, ValidationError } from '../../packages/engine/src/shared/shared.errors';

const sofia = { kind: 'team' as const, id: 'sofia', name: 'Sofia' };
let clock = Date.parse('2026-06-01T09:00:00.000Z');
const now = () => new Date(clock);
const tick = (ms = 1000) => {
  clock += ms;
};
const at = () => now().toISOString();

function setup(board = defineBoard({ id: 'ideas' })) {
  const backend = createMemoryBackend({ now, board });
  const suggest = (
    customerId: string,
    id: string,
    title: string,
    extra: Partial<IdeaInput> = {},
  ) => {
    tick();
    return backend.board.suggestIdea({
      id,
      customerId,
      kind: 'idea',
      title,
      body: '',
      at: at(),
      ...extra,
    });
  };
  let n = 0;
  const vote = (
    customerId: string,
    ideaId: string,
    voted = true,
    id = `vote-${++n}-${customerId}`,
  ) => {
    tick();
    return backend.board.vote({ id, customerId, ideaId, voted, source: 'board', at: at() });
  };
  return { backend, board: backend.board, team: backend.team.board, suggest, vote };
}

describe('the ranking', () => {
  it('given two votes a half-life apart › the older weighs half the newer', () => {
    const t0 = '2026-03-01T00:00:00.000Z';
    const t1 = new Date(Date.parse(t0) + DEFAULT_RANKING.halfLifeHours * 3_600_000).toISOString();
    expect(trendTerm(t1, 1, DEFAULT_RANKING) - trendTerm(t0, 1, DEFAULT_RANKING)).toBeCloseTo(1);
    // log2(2^a + 2^a) = a + 1
    expect(trendScore([5, 5])).toBeCloseTo(6);
    expect(trendScore([1000, 1000])).toBeCloseTo(1001);
  });

  it('given an idea with fresh votes and one with older ones › trending puts the fresh one first, top the bigger', () => {
    const week = 168 * 3_600_000;
    const base = Date.parse('2026-05-01T00:00:00.000Z');
    const iso = (ms: number) => new Date(ms).toISOString();
    const old = trendOf(
      { createdAt: iso(base) },
      Array.from({ length: 6 }, (_, i) => iso(base + i * 1000)),
      [],
      DEFAULT_RANKING,
    );
    const fresh = trendOf(
      { createdAt: iso(base + 3 * week) },
      Array.from({ length: 2 }, (_, i) => iso(base + 3 * week + i * 1000)),
      [],
      DEFAULT_RANKING,
    );
    // 7 events three half-lives ago weigh 7/8; 3 fresh events weigh 3.
    expect(fresh).toBeGreaterThan(old);
  });

  it('trigram similarity follows pg_trgm (reordered words alike, unrelated not)', () => {
    expect(trigramSimilarity('Export to CSV', 'CSV export')).toBeGreaterThan(0.6);
    expect(trigramSimilarity('Add dark mode', 'Faster invoices')).toBeLessThan(0.1);
  });
});

describe('the board on the memory backend', () => {
  it('given an idea suggested › its author voted for it, it lists with one vote and is theirs', async () => {
    const { board, suggest } = setup();
    await suggest('anna', 'idea-dark-1', 'Dark mode for the dashboard');
    const page = await board.listIdeas('anna');
    expect(page.ideas).toHaveLength(1);
    expect(page.ideas[0]).toMatchObject({ votes: 1, voted: true, mine: true, status: 'open' });
    const ben = await board.listIdeas('ben');
    expect(ben.ideas[0]).toMatchObject({ votes: 1, voted: false, mine: false });
  });

  it('given the same vote delivered twice, and a second vote › one vote per customer', async () => {
    const { board, suggest, vote } = setup();
    await suggest('anna', 'idea-dark-1', 'Dark mode for the dashboard');
    await vote('ben', 'idea-dark-1', true, 'vote-same-1');
    await vote('ben', 'idea-dark-1', true, 'vote-same-1');
    await vote('ben', 'idea-dark-1', true, 'vote-other-2');
    expect((await board.listIdeas('ben')).ideas[0]?.votes).toBe(2);
    await vote('ben', 'idea-dark-1', false);
    expect((await board.listIdeas('ben')).ideas[0]).toMatchObject({ votes: 1, voted: false });
  });

  it('given a vote write replayed after the unvote › nothing changes (idempotent by id)', async () => {
    const { backend, board, suggest, vote } = setup();
    await suggest('anna', 'idea-dark-1', 'Dark mode');
    await vote('ben', 'idea-dark-1', true, 'vote-ben-on');
    await vote('ben', 'idea-dark-1', false, 'vote-ben-off');
    const [result] =
      (await backend.deliver?.([
        {
          kind: 'vote',
          payload: {
            id: 'vote-ben-on',
            customerId: 'ben',
            ideaId: 'idea-dark-1',
            voted: true,
            source: 'board',
            at: at(),
          },
        },
      ])) ?? [];
    expect(result?.outcome).toBe('duplicate');
    expect((await board.listIdeas('ben')).ideas[0]?.votes).toBe(1);
  });

  it('sorts by trending, top and newest, filters, searches and pages without gaps or repeats', async () => {
    const { board, suggest, vote } = setup();
    for (let i = 0; i < 25; i++)
      await suggest(`c${i}`, `idea-${String(i).padStart(3, '0')}`, `Idea number ${i}`, {
        kind: i % 2 ? 'bug' : 'idea',
      });
    for (let v = 0; v < 5; v++) await vote(`voter${v}`, 'idea-003');
    const top = await board.listIdeas('x', { sort: 'top', limit: 10 });
    expect(top.ideas[0]?.id).toBe('idea-003');
    const newest = await board.listIdeas('x', { sort: 'newest', limit: 1 });
    expect(newest.ideas[0]?.id).toBe('idea-024');
    const seen: string[] = [];
    let page = await board.listIdeas('x', { sort: 'top', limit: 7 });
    seen.push(...page.ideas.map((idea) => idea.id));
    while (page.next) {
      page = await board.listIdeas('x', { sort: 'top', limit: 7, cursor: page.next });
      seen.push(...page.ideas.map((idea) => idea.id));
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect((await board.listIdeas('x', { kind: 'bug', limit: 100 })).ideas).toHaveLength(12);
    expect((await board.listIdeas('x', { search: 'numb 7' })).ideas.map((i) => i.id)).toEqual([
      'idea-007',
    ]);
    await expect(board.listIdeas('x', { sort: 'newest', cursor: top.next })).rejects.toThrow(
      ValidationError,
    );
  });

  it('suggests similar ideas while typing, with typos, and never pending ones of others', async () => {
    const { board, suggest } = setup(
      defineBoard({ id: 'ideas', moderation: 'approve', trusted: ['anna'] }),
    );
    await suggest('anna', 'idea-csv-1', 'Export invoices to CSV');
    await suggest('ben', 'idea-csv-2', 'CSV export of invoices please');
    const similar = await board.similarIdeas({ customerId: 'carl', text: 'exprot invoices csv' });
    expect(similar.map((match) => match.idea.id)).toEqual(['idea-csv-1']);
    const bens = await board.similarIdeas({ customerId: 'ben', text: 'csv export' });
    expect(bens.map((match) => match.idea.id).sort()).toEqual(['idea-csv-1', 'idea-csv-2']);
  });

  it('keeps pending, hidden and spam ideas from others, and answers them 404 like unknown ones', async () => {
    const { board, team, suggest } = setup(defineBoard({ id: 'ideas', moderation: 'approve' }));
    const mine = await suggest('anna', 'idea-pend-1', 'Waiting for approval');
    expect(mine.pending).toBe(true);
    expect((await board.listIdeas('anna')).ideas).toHaveLength(1);
    expect((await board.listIdeas('ben')).ideas).toHaveLength(0);
    await expect(board.getIdea('ben', 'idea-pend-1')).rejects.toThrow(NotFoundError);
    await expect(
      board.vote({
        id: 'vote-ben-1',
        customerId: 'ben',
        ideaId: 'idea-pend-1',
        voted: true,
        source: 'board',
        at: at(),
      }),
    ).rejects.toThrow(NotFoundError);
    await team.moderate('idea-pend-1', { type: 'approve' }, sofia);
    expect((await board.listIdeas('ben')).ideas).toHaveLength(1);
    await team.moderate('idea-pend-1', { type: 'spam' }, sofia);
    expect((await board.listIdeas('ben')).ideas).toHaveLength(0);
    expect((await board.listIdeas('anna')).ideas).toHaveLength(0);
    expect((await team.listIdeas({ approval: ['spam'] })).ideas).toHaveLength(1);
  });

  it('moves statuses as the lifecycle allows: a decline needs a reason, shipping needs a changelog entry, closed locks votes', async () => {
    const { board, team, suggest, vote } = setup();
    await suggest('anna', 'idea-dark-1', 'Dark mode');
    await expect(
      team.setStatus('idea-dark-1', { status: 'declined' }, sofia),
    ).rejects.toMatchObject({
      code: 'reasonRequired',
    });
    await expect(team.setStatus('idea-dark-1', { status: 'shipped' }, sofia)).rejects.toMatchObject(
      {
        code: 'changeRequired',
      },
    );
    const planned = await team.setStatus('idea-dark-1', { status: 'planned' }, sofia);
    expect(planned).toMatchObject({ status: 'planned', lifecycle: 'planned' });
    const roadmap = await board.roadmap('ben');
    expect(roadmap.columns.map((column) => [column.status, column.ideas.length])).toEqual([
      ['planned', 1],
      ['inProgress', 0],
      ['shipped', 0],
    ]);
    await team.setStatus('idea-dark-1', { status: 'declined', reason: 'Not this year' }, sofia);
    await expect(vote('ben', 'idea-dark-1')).rejects.toThrow(LifecycleError);
    await expect(team.setStatus('idea-dark-1', { status: 'nope' }, sofia)).rejects.toThrow(
      ValidationError,
    );
  });

  it('threads comments one level, marks the team and pins the official response', async () => {
    const { board, team, suggest } = setup();
    await suggest('anna', 'idea-dark-1', 'Dark mode');
    await board.comment({
      id: 'comment-1',
      customerId: 'ben',
      ideaId: 'idea-dark-1',
      body: 'Yes!',
      at: at(),
    });
    await board.comment({
      id: 'comment-2',
      customerId: 'anna',
      ideaId: 'idea-dark-1',
      parentId: 'comment-1',
      body: 'Thanks',
      at: at(),
    });
    await expect(
      board.comment({
        id: 'comment-3',
        customerId: 'anna',
        ideaId: 'idea-dark-1',
        parentId: 'comment-2',
        body: 'Too deep',
        at: at(),
      }),
    ).rejects.toThrow(ValidationError);
    await team.comment(
      { id: 'official-1', ideaId: 'idea-dark-1', body: 'On the plan', official: true },
      sofia,
    );
    const detail = await board.getIdea('ben', 'idea-dark-1');
    expect(detail.official).toMatchObject({
      body: 'On the plan',
      author: { kind: 'team', name: 'Sofia' },
    });
    expect(JSON.stringify(detail)).not.toContain('sofia');
    expect(detail.comments.map((c) => [c.id, c.author.mine])).toEqual([
      ['comment-1', true],
      ['comment-2', false],
    ]);
    expect(detail.idea.comments).toBe(3);
  });

  it('merges duplicates counting each customer once, and unmerges exactly', async () => {
    const { board, team, suggest, vote } = setup();
    await suggest('anna', 'idea-main-1', 'Dark mode');
    await suggest('ben', 'idea-dupe-1', 'Night theme');
    await vote('carl', 'idea-main-1');
    await vote('carl', 'idea-dupe-1');
    await vote('dana', 'idea-dupe-1');
    // main: anna, carl; dupe: ben, carl, dana
    const merged = await team.merge('idea-dupe-1', 'idea-main-1', sofia);
    expect(merged.votes).toBe(4);
    expect((await board.listIdeas('x')).ideas.map((idea) => idea.id)).toEqual(['idea-main-1']);
    // A vote on the duplicate counts at the target, once.
    await vote('erik', 'idea-dupe-1');
    await vote('dana', 'idea-main-1');
    expect((await board.listIdeas('x')).ideas[0]?.votes).toBe(5);
    const restored = await team.unmerge('idea-dupe-1', sofia);
    expect(restored.votes).toBe(3);
    expect((await team.getIdea('idea-main-1')).idea.votes).toBe(4);
  });

  it('votes on behalf are recorded as such, with the segment frozen', async () => {
    const { team, suggest } = setup();
    await suggest('anna', 'idea-dark-1', 'Dark mode');
    await team.voteOnBehalf(
      { customerId: 'ben', ideaId: 'idea-dark-1', segment: { plan: 'pro' } },
      sofia,
    );
    const { votes } = await team.getIdea('idea-dark-1');
    expect(votes.find((v) => v.customerId === 'ben')).toMatchObject({
      source: 'onBehalf',
      by: sofia,
      segment: { plan: 'pro' },
    });
  });

  it('a changelog entry ships its ideas and tells exactly their followers, once', async () => {
    const { backend, board, team, suggest, vote } = setup();
    await suggest('anna', 'idea-dark-1', 'Dark mode');
    await suggest('carl', 'idea-other-1', 'Something else');
    await vote('ben', 'idea-dark-1');
    await board.comment({
      id: 'comment-1',
      customerId: 'dana',
      ideaId: 'idea-dark-1',
      body: '+1',
      at: at(),
    });
    await team.setStatus('idea-dark-1', { status: 'planned' }, sofia);
    // Planned is not shipped: nobody hears anything.
    expect(await backend.listImpact({ customerId: 'anna' })).toEqual([]);
    await team.publishChangelog(
      { id: 'dark-mode', title: 'Dark mode is here', body: '', ideaIds: ['idea-dark-1'] },
      sofia,
    );
    await team.publishChangelog(
      { id: 'dark-mode', title: 'Dark mode is here', body: '', ideaIds: ['idea-dark-1'] },
      sofia,
    );
    for (const who of ['anna', 'ben', 'dana'])
      expect(await backend.listImpact({ customerId: who })).toEqual([
        expect.objectContaining({
          id: 'board:dark-mode',
          weDid: 'Dark mode is here',
          youSaid: 'Dark mode',
        }),
      ]);
    expect(await backend.listImpact({ customerId: 'carl' })).toEqual([]);
    expect((await board.getIdea('x', 'idea-dark-1')).idea).toMatchObject({
      status: 'shipped',
      locked: true,
      changelogIds: ['dark-mode'],
    });
    expect((await board.changelog('x')).map((entry) => entry.id)).toEqual(['dark-mode']);
    // A declined idea cannot be shipped, and nothing of the entry is published.
    await team.setStatus('idea-other-1', { status: 'declined', reason: 'No' }, sofia);
    await expect(
      team.publishChangelog(
        { id: 'other', title: 'x', body: '', ideaIds: ['idea-other-1'] },
        sofia,
      ),
    ).rejects.toThrow(LifecycleError);
    expect(await backend.listImpact({ customerId: 'carl' })).toEqual([]);
  });

  it('exports and deletes a customer’s ideas, votes and comments (ideas anonymised, votes gone)', async () => {
    const { backend, board, suggest, vote } = setup();
    await suggest('anna', 'idea-dark-1', 'Dark mode');
    await vote('ben', 'idea-dark-1');
    await board.comment({
      id: 'comment-1',
      customerId: 'anna',
      ideaId: 'idea-dark-1',
      body: 'Please',
      at: at(),
    });
    const exported = await backend.exportCustomer('anna');
    expect(exported.board?.ideas.map((idea) => idea.id)).toEqual(['idea-dark-1']);
    expect(exported.board?.votes).toHaveLength(1);
    expect(exported.board?.comments).toHaveLength(1);
    const deletion = await backend.deleteCustomer('anna');
    expect(deletion.board).toEqual({ votes: 1, ideasAnonymised: 1, commentsAnonymised: 1 });
    const idea = (await board.getIdea('ben', 'idea-dark-1')).idea;
    expect(idea).toMatchObject({ votes: 1, title: 'Dark mode' });
    expect((await backend.exportCustomer('anna')).board).toEqual({
      ideas: [],
      votes: [],
      comments: [],
    });
  });
});
