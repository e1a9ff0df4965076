import {
  type BackendPort,
  type BoardPort,
  type BoardTeamPort,
  createMemoryBackend,
  defineBoard,
  type IdeaInput,
  LifecycleError,
  NotFoundError,
  type TeamPort,
  trendOf,
  ValidationError,
} from '@palaute/engine';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStorage } from '../../packages/server/src/index';
import {
  databaseUrl,
  freshDatabase,
  handClock,
  makeResponse,
  postgresTitle,
  anna as sofia,
  unique,
} from './storage.fixtures';

// The board's behaviour on the three storages: the engine's memory board (the reference), the
// server's SQL board on PGlite, and on PostgreSQL when DATABASE_URL is set. Each test makes ids of
// its own, so the tests share one database per storage.

interface BoardSubject {
  board: BoardPort;
  team: BoardTeamPort;
  listImpact(customerId: string): Promise<{ id: string }[]>;
  /** The inbox's side: a survey answer (it makes a feedback item), a shipped change, a notice seen. */
  inbox: Pick<Required<BackendPort>, 'submitResponse' | 'markImpactSeen'> &
    Pick<TeamPort, 'shipChange'>;
  exportBoard(customerId: string): Promise<unknown>;
  deleteCustomer(customerId: string): Promise<{ board?: unknown }>;
  /** The outbox's way in: a batch of writes, one verdict each. */
  deliver: NonNullable<BackendPort['deliver']>;
  trigrams: boolean;
  close(): Promise<void>;
}

const definition = defineBoard({
  id: 'ideas',
  moderation: 'approve',
  trusted: [],
  categories: [
    { id: 'invoices', name: 'Invoices' },
    { id: 'reports', name: 'Reports' },
  ],
});
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops.splice(0)) await drop();
});

const openSql = async (now: () => Date, url?: string): Promise<BoardSubject> => {
  const storage = await openStorage({ databaseUrl: url, now, board: definition });
  return {
    board: storage.backend.board,
    team: storage.team.board,
    listImpact: (customerId) => storage.backend.listImpact({ customerId }),
    inbox: {
      submitResponse: (response) => storage.backend.submitResponse(response),
      markImpactSeen: (seen) => storage.backend.markImpactSeen(seen),
      shipChange: (input, by) => storage.team.shipChange(input, by),
    },
    exportBoard: async (customerId) => (await storage.exportCustomer(customerId)).board,
    deleteCustomer: (customerId) => storage.deleteCustomer(customerId),
    deliver: (items) => storage.backend.deliver(items),
    trigrams: storage.boardFeatures.trigrams,
    close: () => storage.close(),
  };
};

const kinds = [
  {
    name: 'memory backend',
    run: true,
    async open(now: () => Date): Promise<BoardSubject> {
      const memory = createMemoryBackend({ now, board: definition });
      return {
        board: memory.board,
        team: memory.team.board,
        listImpact: (customerId) => memory.listImpact({ customerId }),
        inbox: {
          submitResponse: (response) => memory.submitResponse(response),
          markImpactSeen: async (seen) => memory.markImpactSeen?.(seen),
          shipChange: (input, by) => memory.team.shipChange(input, by),
        },
        exportBoard: async (customerId) => (await memory.exportCustomer(customerId)).board,
        deleteCustomer: (customerId) => memory.deleteCustomer(customerId),
        deliver: (items) => {
          if (!memory.deliver) throw new Error('The memory backend delivers batches.');
          return memory.deliver(items);
        },
        trigrams: true,
        close: async () => {},
      };
    },
  },
  { name: 'PGlite (in memory)', run: true, open: (now: () => Date) => openSql(now) },
  {
    name: postgresTitle,
    run: Boolean(databaseUrl),
    async open(now: () => Date) {
      const database = await freshDatabase(databaseUrl as string);
      drops.push(database.drop);
      return openSql(now, database.url);
    },
  },
];

describe.each(kinds)('the board on $name', ({ open, run }) => {
  const clock = handClock('2026-06-01T09:00:00.000Z');
  let s: BoardSubject;
  const at = () => clock.now().toISOString();
  beforeAll(async () => {
    if (run) s = await open(clock.now);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });
  const it = run ? test : test.skip;

  /** An idea, approved at once (the board moderates first). */
  const suggest = async (
    customerId: string,
    id: string,
    title: string,
    extra: Partial<IdeaInput> = {},
  ) => {
    clock.advance(1000);
    const idea = await s.board.suggestIdea({
      id,
      customerId,
      kind: 'idea',
      title,
      body: '',
      at: at(),
      ...extra,
    });
    await s.team.moderate(id, { type: 'approve' }, sofia);
    return idea;
  };
  let n = 0;
  const vote = (
    customerId: string,
    ideaId: string,
    voted = true,
    id = `vote-${++n}-${customerId}`,
  ) => s.board.vote({ id, customerId, ideaId, voted, source: 'board', at: at() });

  it('keeps one vote per customer and idea, and a replayed write changes nothing', async () => {
    const u = unique('vote');
    const idea = u.id('idea');
    await suggest(u.id('anna'), idea, 'Dark mode for the dashboard');
    await vote(u.id('ben'), idea, true, u.id('write-1'));
    await vote(u.id('ben'), idea, true, u.id('write-1'));
    await vote(u.id('ben'), idea, true, u.id('write-2'));
    expect((await s.board.getIdea(u.id('ben'), idea)).idea).toMatchObject({
      votes: 2,
      voted: true,
    });
    await vote(u.id('ben'), idea, false, u.id('write-3'));
    await vote(u.id('ben'), idea, true, u.id('write-1'));
    expect((await s.board.getIdea(u.id('ben'), idea)).idea).toMatchObject({
      votes: 1,
      voted: false,
    });
  });

  it('given votes and unvotes in any order, on an idea and a merged duplicate › counts and trend equal a recount from the votes', async () => {
    const u = unique('count');
    const main = u.id('main');
    const dupe = u.id('dupe');
    await suggest(u.id('anna'), main, 'Invoice reminders by email');
    await suggest(u.id('ben'), dupe, 'Email reminders for invoices');
    let seed = 20261202;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const customers = ['carl', 'dana', 'eve', 'finn', 'ben', 'anna'].map((name) => u.id(name));
    /** What SQL keeps incrementally, recomputed from the stored votes as a full recount would. */
    const recounted = async () => {
      const own = await s.team.getIdea(main);
      const merged = (await s.team.getIdea(dupe)).idea.mergedInto === main;
      const votes = [...own.votes, ...(merged ? (await s.team.getIdea(dupe)).votes : [])];
      const first = new Map<string, string>();
      for (const vote of votes) {
        const known = first.get(vote.customerId);
        if (!known || Date.parse(vote.at) < Date.parse(known)) first.set(vote.customerId, vote.at);
      }
      return {
        stored: { votes: own.idea.votes, trend: own.idea.trend },
        votes: first.size,
        trend: trendOf(
          own.idea,
          [...first.values()],
          own.comments.map((comment) => comment.at),
          definition.ranking,
        ),
      };
    };
    for (let step = 0; step < 48; step += 1) {
      if (step === 24) await s.team.merge(dupe, main, sofia);
      // Hours apart, and once a year and more, so a vote's term can outweigh all the others.
      clock.advance(step === 30 ? 400 * 86_400_000 : Math.ceil(random() * 72) * 3_600_000);
      const customer = customers[Math.floor(random() * customers.length)] as string;
      const onto = step < 24 && random() < 0.5 ? dupe : main;
      await vote(customer, onto, random() < 0.65);
      const now = await recounted();
      expect(now.stored.votes, `votes after step ${step}`).toBe(now.votes);
      expect(now.stored.trend, `trend after step ${step}`).toBeCloseTo(now.trend, 9);
    }
  });

  it('given a delivery batch of votes › stores them in order; one refused for good (a closed idea) writes nothing, the others go on', async () => {
    const u = unique('batch');
    const open = u.id('open');
    const closed = u.id('closed');
    await suggest(u.id('anna'), open, 'Export invoices to CSV');
    await suggest(u.id('anna'), closed, 'Fax invoices');
    await s.team.setStatus(closed, { status: 'declined', reason: 'Not now' }, sofia);
    const write = (id: string, ideaId: string) => ({
      kind: 'vote' as const,
      payload: {
        id,
        customerId: u.id('ben'),
        ideaId,
        voted: true,
        source: 'board' as const,
        at: at(),
      },
    });
    const batch = [write(u.id('write-closed'), closed), write(u.id('write-open'), open)];
    expect((await s.deliver(batch)).map((result) => result.outcome)).toEqual([
      'rejected',
      'stored',
    ]);
    // The refused vote left nothing behind: sent again, it is refused again, not a duplicate.
    expect((await s.deliver(batch)).map((result) => result.outcome)).toEqual([
      'rejected',
      'duplicate',
    ]);
    // The author's own vote and Ben's.
    expect((await s.board.getIdea(u.id('ben'), open)).idea).toMatchObject({
      votes: 2,
      voted: true,
    });
    expect((await s.board.getIdea(u.id('ben'), closed)).idea).toMatchObject({ voted: false });
  });

  it('never shows pending, hidden or spam ideas to others, and 404s them like unknown ones', async () => {
    const u = unique('vis');
    const idea = u.id('idea');
    clock.advance(1000);
    const mine = await s.board.suggestIdea({
      id: idea,
      customerId: u.id('anna'),
      kind: 'bug',
      title: 'Crash on save',
      body: '<script>alert(1)</script>',
      at: at(),
    });
    expect(mine).toMatchObject({ pending: true, body: '<script>alert(1)</script>' });
    await expect(s.board.getIdea(u.id('ben'), idea)).rejects.toThrow(NotFoundError);
    await expect(vote(u.id('ben'), idea)).rejects.toThrow(NotFoundError);
    expect((await s.board.listIdeas(u.id('ben'), { search: 'crash save' })).ideas).toEqual([]);
    expect(
      (await s.board.listIdeas(u.id('anna'), { search: 'crash save' })).ideas.map((i) => i.id),
    ).toEqual([idea]);
    await s.team.moderate(idea, { type: 'hide' }, sofia);
    await expect(s.board.getIdea(u.id('anna'), idea)).rejects.toThrow(NotFoundError);
    expect(
      (await s.team.listIdeas({ approval: ['hidden'], search: 'crash save' })).ideas.map(
        (i) => i.id,
      ),
    ).toEqual([idea]);
  });

  it('sorts, filters, searches and keyset-pages every idea exactly once', async () => {
    const u = unique('page');
    const cat = u.id('c');
    // A word of letters only: how a parser splits digits and hyphens differs between versions.
    const word = `quokka${[...u.customer.slice(-8)].map((c) => String.fromCharCode(97 + (c.charCodeAt(0) % 26))).join('')}`;
    for (let i = 0; i < 12; i++)
      await suggest(
        u.id(`a${i}`),
        u.id(`idea-${String(i).padStart(2, '0')}`),
        `${word} item ${i}`,
        {
          kind: i % 3 === 0 ? 'bug' : 'idea',
        },
      );
    for (let v = 0; v < 3; v++) await vote(u.id(`v${v}`), u.id('idea-04'));
    await vote(u.id('v9'), u.id('idea-07'));
    const search = word;
    const top = await s.board.listIdeas('x', { sort: 'top', search, limit: 2 });
    expect(top.ideas.map((i) => i.id)).toEqual([u.id('idea-04'), u.id('idea-07')]);
    for (const sort of ['trending', 'top', 'newest'] as const) {
      const seen: string[] = [];
      let page = await s.board.listIdeas('x', { sort, search, limit: 5 });
      seen.push(...page.ideas.map((i) => i.id));
      while (page.next) {
        page = await s.board.listIdeas('x', { sort, search, limit: 5, cursor: page.next });
        seen.push(...page.ideas.map((i) => i.id));
      }
      expect(new Set(seen).size, sort).toBe(12);
      expect(seen).toHaveLength(12);
    }
    const newest = await s.board.listIdeas('x', { sort: 'newest', search, limit: 1 });
    expect(newest.ideas[0]?.id).toBe(u.id('idea-11'));
    const trending = await s.board.listIdeas('x', { sort: 'trending', search, limit: 1 });
    expect(trending.ideas[0]?.id).toBe(u.id('idea-04'));
    expect((await s.board.listIdeas('x', { kind: 'bug', search, limit: 100 })).ideas).toHaveLength(
      4,
    );
    expect(
      (await s.board.listIdeas('x', { categoryId: cat.replace(/[^a-z]/g, 'a'), search })).ideas,
    ).toEqual([]);
    await expect(s.board.listIdeas('x', { sort: 'newest', cursor: top.next })).rejects.toThrow(
      ValidationError,
    );
  });

  it('finds similar ideas while typing, despite a typo', async () => {
    const u = unique('sim');
    const word = `zorblat${u.customer.slice(-8).replace(/[^a-z]/g, 'q')}`;
    await suggest(u.id('anna'), u.id('csv'), `Export ${word} invoices to CSV`);
    await suggest(u.id('carl'), u.id('dark'), `Dark ${word} mode`);
    const found = await s.board.similarIdeas({
      customerId: u.id('ben'),
      text: `exprot ${word} invoices csv`,
    });
    expect(found[0]?.idea.id).toBe(u.id('csv'));
    expect(found.every((match) => match.score >= 0.3)).toBe(true);
  });

  it('given more similar ideas than a page › the best scores first, ties by votes, down to the threshold', async () => {
    // A word no other test uses (each storage is fresh), five letters so the scores fall apart:
    // on SQL 0.75 for the equal titles, 0.579 and 0.438 for the others (pg_trgm's arithmetic; the
    // memory board's word similarity is its own, a little higher).
    const u = unique('simpage');
    const word = 'vxqab';
    const fewer = u.id('fewer');
    const more = u.id('more');
    const near = u.id('near');
    const far = u.id('far');
    await suggest(u.id('anna'), fewer, `Dark ${word} mode`);
    await suggest(u.id('carl'), more, `Dark ${word} mode`);
    await suggest(u.id('dora'), near, `Darker ${word} modes`);
    await suggest(u.id('fred'), far, `Dim ${word} mode`);
    await vote(u.id('ben'), more);
    const found = await s.board.similarIdeas({
      customerId: u.id('eve'),
      text: `dark ${word} mdoe`,
      limit: 4,
    });
    // Equal titles score alike: the more voted first. Then the less alike, down to the threshold.
    expect(found.map((match) => match.idea.id)).toEqual([more, fewer, near, far]);
    const [first, second, third, fourth] = found.map((match) => match.score);
    expect(second).toBe(first);
    expect(third).toBeLessThan(second ?? 0);
    // The last is below the first tier SQL reads at, above the threshold: every tier was read.
    expect(fourth).toBeLessThan(Math.min(third ?? 0, 0.6));
    expect(fourth).toBeGreaterThanOrEqual(0.3);
    const two = await s.board.similarIdeas({
      customerId: u.id('eve'),
      text: `dark ${word} mdoe`,
      limit: 2,
    });
    expect(two.map((match) => match.idea.id)).toEqual([more, fewer]);
  });

  it("moves statuses as the lifecycle allows, shows the roadmap with the board's categories, and locks votes when closed", async () => {
    const u = unique('status');
    const idea = u.id('idea');
    await suggest(u.id('anna'), idea, 'Roadmap idea');
    await expect(s.team.setStatus(idea, { status: 'declined' }, sofia)).rejects.toMatchObject({
      code: 'reasonRequired',
    });
    await expect(s.team.setStatus(idea, { status: 'shipped' }, sofia)).rejects.toMatchObject({
      code: 'changeRequired',
    });
    await s.team.setStatus(idea, { status: 'planned' }, sofia);
    const roadmap = await s.board.roadmap(u.id('ben'));
    const planned = roadmap.columns.find((column) => column.status === 'planned');
    expect(planned?.ideas.some((i) => i.id === idea && i.lifecycle === 'planned')).toBe(true);
    // With the board's categories, to name each idea's and filter by them.
    expect(roadmap.categories).toEqual(definition.categories);
    await s.team.setStatus(idea, { status: 'declined', reason: 'Not now' }, sofia);
    await expect(vote(u.id('ben'), idea)).rejects.toThrow(LifecycleError);
  });

  it('given the team’s category for an idea › customers filter by it; none takes it out; one the board lacks is refused naming categoryId', async () => {
    const u = unique('category');
    const idea = u.id('idea');
    await suggest(u.id('anna'), idea, 'Quarterly sales summary', { categoryId: 'invoices' });
    const inCategory = async (categoryId: string) =>
      (await s.board.listIdeas(u.id('ben'), { categoryId, limit: 100 })).ideas.some(
        (listed) => listed.id === idea,
      );
    expect(await inCategory('invoices')).toBe(true);
    const moved = await s.team.moderate(
      idea,
      { type: 'setCategory', categoryId: 'reports' },
      sofia,
    );
    expect(moved.categoryId).toBe('reports');
    expect([await inCategory('invoices'), await inCategory('reports')]).toEqual([false, true]);
    const none = await s.team.moderate(idea, { type: 'setCategory', categoryId: null }, sofia);
    expect(none.categoryId).toBeUndefined();
    expect(await inCategory('reports')).toBe(false);
    const refused = s.team.moderate(idea, { type: 'setCategory', categoryId: 'payroll' }, sofia);
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ problems: [{ path: 'categoryId' }] });
    expect((await s.team.getIdea(idea)).idea.categoryId).toBeUndefined();
  });

  it('threads comments one level, marks the team and pins the official response', async () => {
    const u = unique('comments');
    const idea = u.id('idea');
    await suggest(u.id('anna'), idea, 'Comment me');
    await s.board.comment({
      id: u.id('c1'),
      customerId: u.id('ben'),
      ideaId: idea,
      body: 'Yes',
      at: at(),
    });
    await s.board.comment({
      id: u.id('c2'),
      customerId: u.id('anna'),
      ideaId: idea,
      parentId: u.id('c1'),
      body: 'Thanks',
      at: at(),
    });
    await expect(
      s.board.comment({
        id: u.id('c3'),
        customerId: u.id('anna'),
        ideaId: idea,
        parentId: u.id('c2'),
        body: 'Deep',
        at: at(),
      }),
    ).rejects.toThrow(ValidationError);
    await s.team.comment(
      { id: u.id('official'), ideaId: idea, body: 'Planned for May', official: true },
      sofia,
    );
    const detail = await s.board.getIdea(u.id('ben'), idea);
    expect(detail.official).toMatchObject({
      body: 'Planned for May',
      official: true,
      author: { kind: 'team', name: 'Anna' },
    });
    expect(JSON.stringify(detail)).not.toContain(sofia.id);
    expect(detail.comments.map((c) => c.author.mine)).toEqual([true, false]);
    expect(detail.idea.comments).toBe(3);
  });

  it('merges duplicates counting each customer once, and unmerges exactly', async () => {
    const u = unique('merge');
    const [main, dupe] = [u.id('main'), u.id('dupe')];
    await suggest(u.id('anna'), main, 'Dark mode');
    await suggest(u.id('ben'), dupe, 'Night theme');
    await vote(u.id('carl'), main);
    await vote(u.id('carl'), dupe);
    await vote(u.id('dana'), dupe);
    expect((await s.team.merge(dupe, main, sofia)).votes).toBe(4);
    await vote(u.id('erik'), dupe);
    expect((await s.team.getIdea(main)).idea.votes).toBe(5);
    expect((await s.team.unmerge(dupe, sofia)).votes).toBe(3);
    expect((await s.team.getIdea(main)).idea.votes).toBe(3);
  });

  it('lists the ideas a customer follows: written, voted or commented, a merged duplicate with where it went', async () => {
    const u = unique('followed');
    const [own, voted, said, dupe, main, other] = [
      u.id('own'),
      u.id('voted'),
      u.id('said'),
      u.id('dupe'),
      u.id('main'),
      u.id('other'),
    ];
    const ben = u.id('ben');
    await suggest(ben, own, 'Ben wrote this');
    await suggest(u.id('anna'), voted, 'Ben voted for this');
    await suggest(u.id('anna'), said, 'Ben commented on this');
    await suggest(u.id('anna'), dupe, 'Night theme');
    await suggest(u.id('anna'), main, 'Dark mode');
    await suggest(u.id('anna'), other, 'Ben never touched this');
    await vote(ben, voted);
    await s.board.comment({ id: u.id('c1'), customerId: ben, ideaId: said, body: 'Yes', at: at() });
    await vote(ben, dupe);
    await s.team.merge(dupe, main, sofia);
    // Unvoted, an idea is followed no more.
    await vote(ben, other);
    await vote(ben, other, false);
    const listed = (await s.board.listIdeas(ben, { followedOnly: true, sort: 'newest' })).ideas;
    expect(listed.map((idea) => idea.id)).toEqual([main, dupe, said, voted, own]);
    expect(listed.find((idea) => idea.id === dupe)).toMatchObject({ mergedInto: main });
    expect(listed.find((idea) => idea.id === own)).toMatchObject({ mine: true });
    // Filters still apply, and nobody else's follows leak.
    expect(
      (await s.board.listIdeas(ben, { followedOnly: true, search: 'commented' })).ideas.map(
        (idea) => idea.id,
      ),
    ).toEqual([said]);
    expect((await s.board.listIdeas(u.id('carl'), { followedOnly: true })).ideas).toEqual([]);
    // Without the filter, a duplicate is not listed.
    const board = (await s.board.listIdeas(ben, { limit: 100, sort: 'newest' })).ideas;
    expect(board.some((idea) => idea.id === dupe)).toBe(false);
  });

  it('a changelog entry ships its ideas and tells exactly their followers, once; planned tells nobody', async () => {
    const u = unique('ship');
    const [idea, other] = [u.id('idea'), u.id('other')];
    await suggest(u.id('anna'), idea, 'Ship me');
    await suggest(u.id('carl'), other, 'Not me');
    await vote(u.id('ben'), idea);
    await s.board.comment({
      id: u.id('c1'),
      customerId: u.id('dana'),
      ideaId: idea,
      body: '+1',
      at: at(),
    });
    await s.team.setStatus(idea, { status: 'planned' }, sofia);
    expect(await s.listImpact(u.id('anna'))).toEqual([]);
    const entry = {
      id: `e${u.customer.slice(-8).replace(/[^a-z0-9]/g, 'x')}`,
      title: 'Shipped',
      body: '',
      ideaIds: [idea],
    };
    await s.team.publishChangelog(entry, sofia);
    await s.team.publishChangelog(entry, sofia);
    for (const who of ['anna', 'ben', 'dana'])
      expect((await s.listImpact(u.id(who))).map((notice) => notice.id)).toEqual([
        `board:${entry.id}`,
      ]);
    expect(await s.listImpact(u.id('carl'))).toEqual([]);
    expect((await s.board.getIdea('x', idea)).idea).toMatchObject({
      lifecycle: 'shipped',
      locked: true,
      changelogIds: [entry.id],
    });
    await s.team.setStatus(other, { status: 'declined', reason: 'No' }, sofia);
    await expect(
      s.team.publishChangelog({ ...entry, id: `${entry.id}b`, ideaIds: [other] }, sofia),
    ).rejects.toThrow(LifecycleError);
  });

  it("names the ideas a changelog entry answered that the reader may see, and no other's title", async () => {
    const u = unique('named');
    const [shown, hidden] = [u.id('shown'), u.id('hidden')];
    await suggest(u.id('anna'), shown, 'Recurring invoices');
    await suggest(u.id('carl'), hidden, 'Cheap watches here');
    const id = `n${u.customer.slice(-8).replace(/[^a-z0-9]/g, 'x')}`;
    await s.team.publishChangelog(
      { id, title: 'Recurring invoices are here', body: '', ideaIds: [shown, hidden] },
      sofia,
    );
    const read = async () => (await s.board.changelog(u.id('ben'))).find((e) => e.id === id);
    expect((await read())?.ideas).toEqual([
      { id: shown, title: 'Recurring invoices' },
      { id: hidden, title: 'Cheap watches here' },
    ]);
    await s.team.moderate(hidden, { type: 'spam' }, sofia);
    await s.team.moderate(shown, { type: 'editTitle', title: 'Invoices that repeat' }, sofia);
    expect(await read()).toMatchObject({
      ideaIds: [shown],
      ideas: [{ id: shown, title: 'Invoices that repeat' }],
    });
    expect(JSON.stringify(await s.board.changelog(u.id('ben')))).not.toContain('watches');
  });

  it('given a follower whose own feedback ships in the same change › one impact notice, not two, in either order', async () => {
    const u = unique('double');
    const entryId = (suffix: string) =>
      `e${u.customer.slice(-8).replace(/[^a-z0-9]/g, 'x')}${suffix}`;
    /** A survey answer of `who` (a feedback item of theirs). */
    const answer = async (who: string) => {
      const ids = { ...unique(`double-${who}`), customer: u.id(who) };
      const response = makeResponse(ids, at());
      await s.inbox.submitResponse(response);
      return response.id;
    };
    const ship = (id: string, itemIds: string[]) =>
      s.inbox.shipChange({ id, weDid: 'CSV export', itemIds }, sofia);
    const publish = (id: string, ideaId: string, itemIds: string[]) =>
      s.team.publishChangelog(
        { id, title: 'CSV export', body: '', ideaIds: [ideaId], itemIds },
        sofia,
      );

    // The board first, then the inbox (as the team board does): Anna wrote the idea and the item.
    const idea = u.id('idea');
    await suggest(u.id('anna'), idea, 'Export to CSV');
    await vote(u.id('ben'), idea);
    await s.team.setStatus(idea, { status: 'planned' }, sofia);
    const annaItem = await answer('anna');
    const carlItem = await answer('carl');
    const first = entryId('a');
    await publish(first, idea, [annaItem, carlItem]);
    await ship(first, [annaItem, carlItem]);
    expect((await s.listImpact(u.id('anna'))).map((notice) => notice.id)).toEqual([
      `${first}:${annaItem}`,
    ]);
    expect((await s.listImpact(u.id('ben'))).map((notice) => notice.id)).toEqual([
      `board:${first}`,
    ]);
    expect((await s.listImpact(u.id('carl'))).map((notice) => notice.id)).toEqual([
      `${first}:${carlItem}`,
    ]);

    // A board notice already seen is not shown again as the item's.
    const other = u.id('other');
    await suggest(u.id('dana'), other, 'Dark mode');
    await s.team.setStatus(other, { status: 'planned' }, sofia);
    const danaItem = await answer('dana');
    const second = entryId('b');
    await publish(second, other, [danaItem]);
    await s.inbox.markImpactSeen({
      customerId: u.id('dana'),
      noticeId: `board:${second}`,
      at: at(),
    });
    await ship(second, [danaItem]);
    expect(await s.listImpact(u.id('dana'))).toEqual([]);

    // The inbox first, then the board: the item's notice stands alone.
    const third = u.id('third');
    await suggest(u.id('eve'), third, 'Keyboard shortcuts');
    await s.team.setStatus(third, { status: 'planned' }, sofia);
    const eveItem = await answer('eve');
    const last = entryId('c');
    await ship(last, [eveItem]);
    await publish(last, third, [eveItem]);
    expect((await s.listImpact(u.id('eve'))).map((notice) => notice.id)).toEqual([
      `${last}:${eveItem}`,
    ]);
  });

  it('given the board and the inbox ship one change at the same instant › still one notice each', async () => {
    const u = unique('race');
    for (let round = 0; round < 8; round += 1) {
      const idea = u.id(`idea${round}`);
      const anna = u.id(`anna${round}`);
      await suggest(anna, idea, `Export ${round}`);
      await s.team.setStatus(idea, { status: 'planned' }, sofia);
      const response = makeResponse({ ...unique(`race-${round}`), customer: anna }, at());
      await s.inbox.submitResponse(response);
      const change = `r${u.customer.slice(-8).replace(/[^a-z0-9]/g, 'x')}${round}`;
      await Promise.all([
        s.team.publishChangelog(
          { id: change, title: 'CSV export', body: '', ideaIds: [idea], itemIds: [response.id] },
          sofia,
        ),
        s.inbox.shipChange({ id: change, weDid: 'CSV export', itemIds: [response.id] }, sofia),
      ]);
      expect((await s.listImpact(anna)).map((notice) => notice.id)).toEqual([
        `${change}:${response.id}`,
      ]);
    }
  });

  it('exports and deletes a customer’s board data: votes gone, posts anonymised', async () => {
    const u = unique('rights');
    const idea = u.id('idea');
    clock.advance(1000);
    await s.board.suggestIdea(
      { id: idea, customerId: u.id('anna'), kind: 'idea', title: 'Mine', body: '', at: at() },
      { name: 'Anna K' },
    );
    await s.team.moderate(idea, { type: 'approve' }, sofia);
    await vote(u.id('ben'), idea);
    await s.board.comment(
      { id: u.id('c1'), customerId: u.id('anna'), ideaId: idea, body: 'Please', at: at() },
      { name: 'Anna K' },
    );
    expect((await s.board.getIdea(u.id('ben'), idea)).comments).toEqual([
      expect.objectContaining({ author: { kind: 'customer', name: 'Anna K', mine: false } }),
    ]);
    expect(await s.exportBoard(u.id('anna'))).toMatchObject({
      ideas: [expect.objectContaining({ id: idea })],
      votes: [expect.objectContaining({ ideaId: idea })],
      comments: [expect.objectContaining({ body: 'Please' })],
    });
    expect((await s.deleteCustomer(u.id('anna'))).board).toEqual({
      votes: 1,
      ideasAnonymised: 1,
      commentsAnonymised: 1,
    });
    const after = await s.board.getIdea(u.id('ben'), idea);
    expect(after.idea).toMatchObject({ votes: 1, title: 'Mine', mine: false, anonymised: true });
    expect(after.idea).not.toHaveProperty('authorName');
    // The comment stays, saying its author is gone; nobody is named, nobody owns it.
    expect(after.comments).toEqual([
      expect.objectContaining({
        body: 'Please',
        anonymised: true,
        author: { kind: 'customer', mine: false },
      }),
    ]);
    expect((await s.board.getIdea('anonymous', idea)).idea).toMatchObject({ mine: false });
    expect(await s.exportBoard(u.id('anna'))).toEqual({ ideas: [], votes: [], comments: [] });
  });

  it('finds the ideas a longer survey answer speaks of, not ones it merely shares a word with', async () => {
    const u = unique('ans');
    const excel = u.id('excel');
    const dark = u.id('dark');
    const mine = u.id('mine');
    await suggest(u.id('anna'), excel, 'Export invoices to Zorblax');
    await suggest(u.id('carl'), dark, 'Dark mode for Quuxle');
    await suggest(u.id('ben'), mine, 'Zorblax invoices please');
    const found = await s.board.similarIdeas({
      customerId: u.id('ben'),
      text: 'Honestly, I would love to export invoices to Zorblax every month; the mode of sending is fine.',
      match: 'answer',
    });
    const ids = found.map((match) => match.idea.id);
    expect(ids[0]).toBe(excel);
    expect(ids).not.toContain(dark);
    expect(found.find((match) => match.idea.id === mine)?.idea.mine ?? true).toBe(true);
    const none = await s.board.similarIdeas({
      customerId: u.id('ben'),
      text: 'The support team was lovely today',
      match: 'answer',
    });
    expect(none.map((match) => match.idea.id)).not.toContain(excel);
  });

  it('ranks the ideas a segment wants most, from segments frozen at vote time, each voter once', async () => {
    const u = unique('dem');
    const plans = u.id('plans');
    const crash = u.id('crash');
    const key = `nps${u.id('k').replace(/[^a-z0-9]/g, '')}`;
    await suggest(u.id('anna'), plans, 'Plans for teams', { segment: { [key]: 'promoter' } });
    await suggest(u.id('carl'), crash, 'Crash on export', { kind: 'bug' });
    const cast = (customerId: string, ideaId: string, value?: string) =>
      s.board.vote({
        id: `vote-${customerId}-${ideaId}`,
        customerId,
        ideaId,
        voted: true,
        source: 'survey',
        ...(value ? { segment: { [key]: value } } : {}),
        at: at(),
      });
    await cast(u.id('d1'), crash, 'detractor');
    await cast(u.id('d2'), crash, 'detractor');
    await cast(u.id('d3'), plans, 'detractor');
    await cast(u.id('p1'), plans, 'promoter');
    await cast(u.id('p2'), plans, 'promoter');
    const detractors = await s.team.demand?.({ key, value: 'detractor', limit: 100 });
    const mine = detractors?.filter((row) => row.idea.id === plans || row.idea.id === crash);
    expect(mine?.map((row) => [row.idea.id, row.wanted, row.votes])).toEqual([
      [crash, 2, 3],
      [plans, 1, 4],
    ]);
    expect(mine?.[0]?.bySegment).toEqual({ detractor: 2, '(none)': 1 });
    expect(mine?.[1]?.bySegment).toEqual({ detractor: 1, promoter: 3 });
    const bugs = await s.team.demand?.({ key, value: 'detractor', kind: 'bug', limit: 100 });
    expect(bugs?.some((row) => row.idea.id === plans)).toBe(false);
    // A withdrawn vote leaves the segment's count.
    await s.board.vote({
      id: `unvote-${u.id('d1')}`,
      customerId: u.id('d1'),
      ideaId: crash,
      voted: false,
      source: 'board',
      at: at(),
    });
    const after = await s.team.demand?.({ key, value: 'detractor', limit: 100 });
    expect(after?.find((row) => row.idea.id === crash)?.wanted).toBe(1);
  });

  it('names posts as the host does, keeps another’s comment id theirs, and shows a visitor only public ideas', async () => {
    const u = unique('who');
    const open = u.id('open');
    const waiting = u.id('wait');
    clock.advance(1000);
    const made = await s.board.suggestIdea(
      { id: open, customerId: u.id('anna'), kind: 'idea', title: 'Named idea', body: '', at: at() },
      { name: '  Anna\u0000 Korhonen ' },
    );
    expect(made).toMatchObject({ authorName: 'Anna  Korhonen' });
    await s.team.moderate(open, { type: 'approve' }, sofia);
    await s.board.suggestIdea({
      id: waiting,
      customerId: u.id('anna'),
      kind: 'bug',
      title: 'Waiting idea',
      body: '',
      at: at(),
    });
    await s.board.comment({
      id: u.id('c1'),
      customerId: u.id('anna'),
      ideaId: open,
      body: 'First',
      at: at(),
    });
    await expect(
      s.board.comment({
        id: u.id('c1'),
        customerId: u.id('ben'),
        ideaId: open,
        body: 'Rewritten',
        at: at(),
      }),
    ).rejects.toThrow(ValidationError);
    expect((await s.board.getIdea(u.id('ben'), open)).comments.map((c) => c.body)).toEqual([
      'First',
    ]);
    // The visitor (the anonymous reader) sees the public idea only, owning nothing.
    const seen = await s.board.listIdeas('anonymous', { search: 'idea' });
    expect(seen.ideas.filter((i) => i.id === open || i.id === waiting)).toEqual([
      expect.objectContaining({ id: open, mine: false, authorName: 'Anna  Korhonen' }),
    ]);
    await expect(s.board.getIdea('anonymous', waiting)).rejects.toThrow(NotFoundError);
  });

  describe('at once', () => {
    it('200 different customers voting on one idea → exactly 200 more', async () => {
      const u = unique('many');
      const idea = u.id('idea');
      await suggest(u.id('author'), idea, 'Popular');
      await Promise.all(Array.from({ length: 200 }, (_, i) => vote(u.id(`c${i}`), idea)));
      expect((await s.team.getIdea(idea)).idea.votes).toBe(201);
    }, 60_000);

    it('one customer voting 50 times at once → one vote', async () => {
      const u = unique('one');
      const idea = u.id('idea');
      await suggest(u.id('author'), idea, 'Once');
      await Promise.all(Array.from({ length: 50 }, () => vote(u.id('ben'), idea)));
      expect((await s.team.getIdea(idea)).idea.votes).toBe(2);
    }, 60_000);

    it('merging while votes arrive → no vote lost or doubled', async () => {
      const u = unique('race');
      const [main, dupe] = [u.id('main'), u.id('dupe')];
      await suggest(u.id('a'), main, 'Main');
      await suggest(u.id('b'), dupe, 'Dupe');
      // 40 customers each vote on both, 40 more on one of them, while the merge runs.
      const votes = Array.from({ length: 40 }, (_, i) => [
        vote(u.id(`both${i}`), main),
        vote(u.id(`both${i}`), dupe),
        vote(u.id(`one${i}`), i % 2 ? main : dupe),
      ]).flat();
      await Promise.all([...votes, s.team.merge(dupe, main, sofia)]);
      // a, b, 40 on both, 40 on one: 82 customers, each once.
      expect((await s.team.getIdea(main)).idea.votes).toBe(82);
      await s.team.unmerge(dupe, sofia);
      const [m, d] = [
        (await s.team.getIdea(main)).idea.votes,
        (await s.team.getIdea(dupe)).idea.votes,
      ];
      // Each keeps its own voters; votes cast on the duplicate after the merge went to the main idea.
      expect(m + d).toBeGreaterThanOrEqual(82);
      expect(m).toBeGreaterThanOrEqual(41);
    }, 60_000);
  });
  it('given an idea from the launcher › links the author’s own feedback item and records the author’s vote as from the launcher; another customer’s item is refused naming itemId', async () => {
    const ids = unique('launcher-link');
    const response = makeResponse(ids, at(), { kind: 'problem' });
    await s.inbox.submitResponse(response);
    const id = ids.id('idea-launch');
    await suggest(ids.customer, id, 'PDF export cuts lines', {
      kind: 'bug',
      itemId: response.id,
      source: 'launcher',
    });
    const detail = await s.team.getIdea(id);
    expect(detail.idea.itemIds).toEqual([response.id]);
    expect(detail.votes.map((v) => [v.customerId, v.source])).toEqual([[ids.customer, 'launcher']]);
    const thief = unique('launcher-thief');
    const refused = s.board.suggestIdea({
      id: thief.id('idea-steal'),
      customerId: thief.customer,
      kind: 'idea',
      title: 'Not my words',
      body: '',
      itemId: response.id,
      at: at(),
    });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ problems: [{ path: 'itemId' }] });
    await expect(s.team.getIdea(thief.id('idea-steal'))).rejects.toThrow();
  });

  it('given the launcher’s idea as an outbox write › stored once under the host’s name and linked, a replay a duplicate; another’s item refused, writing nothing, the batch going on', async () => {
    const ids = unique('idea-write');
    const response = makeResponse(ids, at(), { kind: 'idea' });
    const idea = {
      id: ids.id('idea-launch'),
      customerId: ids.customer,
      kind: 'idea' as const,
      title: 'Excel export',
      body: 'Export invoices to Excel',
      itemId: response.id,
      source: 'launcher' as const,
      authorName: 'Anna V.',
      at: at(),
    };
    const thief = unique('idea-write-thief');
    const stolen = { ...idea, id: thief.id('idea-steal'), customerId: thief.customer };
    const batch = [
      { kind: 'response' as const, payload: response },
      { kind: 'idea' as const, payload: stolen },
      { kind: 'idea' as const, payload: idea },
    ];
    expect((await s.deliver(batch)).map((result) => [result.key, result.outcome])).toEqual([
      [`response:${response.id}`, 'stored'],
      [`idea:${stolen.id}`, 'rejected'],
      [`idea:${idea.id}`, 'stored'],
    ]);
    expect((await s.deliver(batch.slice(2))).map((result) => result.outcome)).toEqual([
      'duplicate',
    ]);
    const detail = await s.team.getIdea(idea.id);
    expect(detail.idea).toMatchObject({
      title: 'Excel export',
      authorName: 'Anna V.',
      itemIds: [response.id],
      votes: 1,
    });
    expect(detail.votes.map((v) => [v.customerId, v.source])).toEqual([[ids.customer, 'launcher']]);
    await expect(s.team.getIdea(stolen.id)).rejects.toThrow();
  });
});
