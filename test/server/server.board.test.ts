import { createHttpBoard, createHttpBoardTeam, type FetchLike } from '@palaute/engine';
import { anna, customer, teamOf, testServer } from './server.support';

const EMAIL = /[^\s@<>"]+@[^\s@<>"]+\.[a-z]{2,}/gi;
const at = '2026-11-23T10:00:00.000Z';
const idea = (id: string, customerId: string, title: string) => ({
  idea: { id, customerId, kind: 'idea', title, body: '', at },
});

describe('the board over HTTP', () => {
  it('given a customer › suggests (redacted), lists, votes once through both routes, and hears of the shipped change', async () => {
    const fields: string[] = [];
    const { post } = testServer({
      redact: (text, context) => {
        fields.push(context.field);
        return text.replace(EMAIL, '[email]');
      },
    });
    const made = await post(
      '/v1/board/ideas',
      customer('alice'),
      idea('idea-export-1', 'alice', 'Export to CSV, ask alice@example.com'),
    );
    expect(made.status).toBe(200);
    expect(made.body.idea).toMatchObject({
      title: 'Export to CSV, ask [email]',
      votes: 1,
      mine: true,
    });
    const vote = {
      id: 'vote-bob-0001',
      customerId: 'bob',
      ideaId: 'idea-export-1',
      voted: true,
      source: 'board',
      at,
    };
    expect((await post('/v1/board/votes', customer('bob'), { vote })).body.idea).toMatchObject({
      votes: 2,
      voted: true,
    });
    const replay = await post('/v1/deliveries', customer('bob'), {
      items: [{ kind: 'vote', payload: vote }],
    });
    expect(replay.body.results).toEqual([{ key: 'vote:vote-bob-0001', outcome: 'duplicate' }]);
    const listed = await post('/v1/board/ideas/query', customer('bob'), {
      customerId: 'bob',
      query: { sort: 'top' },
    });
    expect(listed.body.ideas).toEqual([expect.objectContaining({ id: 'idea-export-1', votes: 2 })]);
    const similar = await post('/v1/board/ideas/similar', customer('carol'), {
      query: { customerId: 'carol', text: 'exprot csv' },
    });
    expect((similar.body.ideas as { idea: { id: string } }[])[0]?.idea.id).toBe('idea-export-1');
    await post('/v1/board/comments', customer('bob'), {
      comment: {
        id: 'comment-bob-01',
        customerId: 'bob',
        ideaId: 'idea-export-1',
        body: 'mail bob@example.com',
        at,
      },
    });
    const shipped = await post('/v1/team/board/changelog', teamOf(anna), {
      entry: { id: 'csv-export', title: 'CSV export', body: '', ideaIds: ['idea-export-1'] },
    });
    expect(shipped.status).toBe(200);
    for (const who of ['alice', 'bob']) {
      const impact = await post('/v1/impact/query', customer(who), { query: { customerId: who } });
      expect(impact.body.notices).toEqual([
        expect.objectContaining({ id: 'board:csv-export', weDid: 'CSV export' }),
      ]);
    }
    const carol = await post('/v1/impact/query', customer('carol'), {
      query: { customerId: 'carol' },
    });
    expect(carol.body.notices).toEqual([]);
    const detail = await post('/v1/board/ideas/get', customer('carol'), {
      customerId: 'carol',
      ideaId: 'idea-export-1',
    });
    expect(detail.text).not.toMatch(EMAIL);
    expect(fields.sort()).toEqual(['comment.body', 'entry.title', 'idea.title']);
  });

  it('refuses a customer acting as another, on team routes, and a bad payload with its path', async () => {
    const { post } = testServer();
    const forged = await post(
      '/v1/board/ideas',
      customer('bob'),
      idea('idea-forged-1', 'alice', 'Not mine'),
    );
    expect(forged.status).toBe(403);
    const vote = await post('/v1/board/votes', customer('bob'), {
      vote: {
        id: 'vote-forged-1',
        customerId: 'alice',
        ideaId: 'idea-forged-1',
        voted: true,
        source: 'board',
        at,
      },
    });
    expect(vote.status).toBe(403);
    const team = await post('/v1/team/board/merge', customer('bob'), {
      ideaId: 'idea-aaaa-1',
      intoId: 'idea-bbbb-1',
    });
    expect(team.status).toBe(403);
    const bad = await post(
      '/v1/board/ideas',
      customer('bob'),
      idea('idea-bad-001', 'bob', 'x'.repeat(151)),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('idea.title');
    const unknown = await post('/v1/board/ideas/get', customer('bob'), {
      customerId: 'bob',
      ideaId: 'idea-none-01',
    });
    expect(unknown.status).toBe(404);
  });

  it('lists only the ideas the customer follows with `followedOnly`, and refuses a bad one with its path', async () => {
    const { post } = testServer();
    await post('/v1/board/ideas', customer('bob'), idea('idea-follow-1', 'bob', 'Export to CSV'));
    await post('/v1/board/ideas', customer('alice'), idea('idea-follow-2', 'alice', 'Dark mode'));
    const followed = await post('/v1/board/ideas/query', customer('bob'), {
      customerId: 'bob',
      query: { followedOnly: true },
    });
    expect(followed.status).toBe(200);
    expect(followed.body.ideas).toEqual([expect.objectContaining({ id: 'idea-follow-1' })]);
    const bad = await post('/v1/board/ideas/query', customer('bob'), {
      customerId: 'bob',
      query: { followedOnly: 'yes' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('query.followedOnly');
  });

  it('limits each customer, answering 429 with Retry-After', async () => {
    const { post } = testServer({
      rateLimits: { customer: { burst: 3, perSecond: 0.01 }, ip: false },
    });
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(
        await post(
          '/v1/board/ideas',
          customer('spammer'),
          idea(`idea-spam-${i}0`, 'spammer', `Spam ${i}`),
        ),
      );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 429]);
    expect(Number(answers[3]?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('the HTTP clients speak every board route', async () => {
    const { server } = testServer();
    const fetcher = ((url: string, init: RequestInit) =>
      server.fetch(new Request(url, init))) as unknown as FetchLike;
    const board = createHttpBoard({
      baseUrl: 'http://localhost',
      fetch: fetcher,
      headers: customer('dave'),
    });
    const team = createHttpBoardTeam({
      baseUrl: 'http://localhost',
      fetch: fetcher,
      headers: teamOf(anna),
    });
    await board.suggestIdea({
      id: 'idea-dave-001',
      customerId: 'dave',
      kind: 'bug',
      title: 'Totals wrong',
      body: '',
      at,
    });
    await board.suggestIdea({
      id: 'idea-dave-002',
      customerId: 'dave',
      kind: 'bug',
      title: 'Totals off',
      body: '',
      at,
    });
    expect((await board.board('dave')).statuses.map((status) => status.id)).toContain('planned');
    await team.setStatus('idea-dave-001', { status: 'planned' }, anna as never);
    expect((await board.roadmap('dave')).columns[0]?.ideas.map((i) => i.id)).toEqual([
      'idea-dave-001',
    ]);
    await team.voteOnBehalf({ customerId: 'erin', ideaId: 'idea-dave-002' }, anna as never);
    expect((await team.merge('idea-dave-002', 'idea-dave-001', anna as never)).votes).toBe(2);
    expect((await team.unmerge('idea-dave-002', anna as never)).votes).toBe(2);
    await team.comment(
      { id: 'official-dave-1', ideaId: 'idea-dave-001', body: 'Fixing', official: true },
      anna as never,
    );
    expect((await board.getIdea('dave', 'idea-dave-001')).official?.body).toBe('Fixing');
    await team.moderate('idea-dave-002', { type: 'spam' }, anna as never);
    expect((await board.listIdeas('dave')).ideas.map((i) => i.id)).toEqual(['idea-dave-001']);
    expect((await team.listIdeas({ approval: ['spam'] })).ideas.map((i) => i.id)).toEqual([
      'idea-dave-002',
    ]);
    await team.publishChangelog(
      { id: 'totals-fix', title: 'Totals fixed', body: '', ideaIds: ['idea-dave-001'] },
      anna as never,
    );
    expect((await board.changelog('dave')).map((entry) => entry.ideaIds)).toEqual([
      ['idea-dave-001'],
    ]);
    expect((await team.listChangelog()).map((entry) => entry.id)).toEqual(['totals-fix']);
    expect((await team.getIdea('idea-dave-001')).votes.map((v) => v.customerId)).toEqual(['dave']);
  });
});
