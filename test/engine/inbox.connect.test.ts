/**
 * `connectInbox` over a real inbox actor whose every request is a promise the test settles: the
 * values and intents a headless host reads (paging merge, filters → query, the moves allowed,
 * `canTeamReply`) and the races the machine settles by cancelling (a slow page answered after the
 * filters changed, a slow item answered after another was selected).
 */
import {
  canTeamReply,
  connectInbox,
  DEFAULT_INBOX_FILTERS,
  type FeedbackItem,
  type InboxActor,
  type InboxApi,
  inboxMachine,
} from '@palaute/engine';
import { createActor, fromPromise } from 'xstate';

const at = '2026-11-20T10:00:00.000Z';
const anna = { kind: 'team' as const, id: 'anna' };
const customer = { kind: 'customer' as const, id: 'c-1' };

const item = (id: string, overrides: Partial<FeedbackItem> = {}): FeedbackItem => ({
  id,
  customerId: 'c-1',
  surveyId: 'nps',
  touchpointId: 'dashboard',
  answers: { why: `About ${id}` },
  text: `About ${id}`,
  consentToContact: true,
  status: 'new',
  history: [{ from: null, to: 'new', at, by: { kind: 'system', id: 'palaute' } }],
  replies: [],
  createdAt: at,
  ...overrides,
});

/** A request the test answers: what the machine asked, and how to settle it. */
interface Call {
  input: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** An inbox whose requests wait for the test, listed per actor in the order they were made. */
function startInbox(input: object = {}) {
  const calls: Record<string, Call[]> = {};
  const held =
    (name: string) =>
    ({ input }: { input: unknown }) =>
      new Promise((resolve, reject) => {
        calls[name] = [...(calls[name] ?? []), { input, resolve, reject }];
      });
  const names = [
    'loadList',
    'loadPage',
    'loadItem',
    'markRead',
    'loadMetrics',
    'loadFacets',
    'loadChanges',
    'act',
    'shipChange',
  ] as const;
  const logic = inboxMachine.provide({
    actors: Object.fromEntries(names.map((name) => [name, fromPromise(held(name))])) as never,
  });
  const actor = createActor(logic, { input: { refreshMs: 0, ...input } }).start() as InboxActor;
  const api = (): InboxApi => connectInbox(actor.getSnapshot(), actor.send);
  /** The latest request of an actor. */
  const last = (name: (typeof names)[number]) => {
    const call = calls[name]?.at(-1);
    if (!call) throw new Error(`${name} was not asked`);
    return call;
  };
  return { actor, api, calls, last };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('connectInbox', () => {
  describe('given filters', () => {
    it('when one changes › the query follows it, the list reloads from its first page and `filtered` says so', async () => {
      const { api, calls, last, actor } = startInbox({ pageSize: 2 });
      expect(api().query).toEqual({ sort: 'unprocessed' });
      expect(api().filtered).toBe(false);
      expect(last('loadList').input).toEqual({ query: { sort: 'unprocessed' }, wanted: 2 });
      api().setFilter('status', 'open');
      api().setFilter('touchpointId', 'checkout');
      expect(api().filters).toEqual({
        ...DEFAULT_INBOX_FILTERS,
        status: 'open',
        touchpointId: 'checkout',
      });
      expect(api().filtered).toBe(true);
      const query = {
        sort: 'unprocessed',
        status: ['new', 'triaged', 'planned', 'inProgress'],
        touchpointId: 'checkout',
      };
      expect(api().query).toEqual(query);
      expect(calls.loadList).toHaveLength(3);
      expect(last('loadList').input).toEqual({ query, wanted: 2 });
      actor.stop();
    });

    it('when a segment key changes › its old value is cleared; setFilters sets several at once', () => {
      const { api, last, actor } = startInbox();
      api().setFilters({ segmentKey: 'plan', segmentValue: '"pro"', olderThan: '3' });
      expect(api().query).toEqual({
        sort: 'unprocessed',
        segment: { plan: 'pro' },
        olderThanHours: 72,
      });
      api().setFilter('segmentKey', 'seats');
      expect(api().filters.segmentValue).toBe('');
      expect(last('loadList').input).toMatchObject({
        query: { sort: 'unprocessed', olderThanHours: 72 },
      });
      actor.stop();
    });

    it('given filters to start with › the first request already carries them', () => {
      const { api, last, actor } = startInbox({ filters: { status: 'declined' } });
      expect(api().filtered).toBe(true);
      expect(last('loadList').input).toMatchObject({ query: { status: ['declined'] } });
      actor.stop();
    });
  });

  describe('given a first page with more behind it', () => {
    it('when "Show more" answers › the page is merged: shown items keep their place (refreshed), new ones follow once', async () => {
      const { api, last, actor } = startInbox({ pageSize: 2 });
      expect(api().listState).toBe('loading');
      last('loadList').resolve({ items: [item('a'), item('b')], next: 'cursor-1' });
      await settle();
      expect(api().listState).toBe('ready');
      expect(api().hasMore).toBe(true);
      api().loadMore();
      expect(api().moreState).toBe('loading');
      expect(last('loadPage').input).toEqual({
        query: { sort: 'unprocessed' },
        wanted: 2,
        cursor: 'cursor-1',
      });
      // `b` moved in the order while the team paged: it comes again, triaged.
      last('loadPage').resolve({ items: [item('b', { status: 'triaged' }), item('c')] });
      await settle();
      expect(api().items.map((one) => [one.id, one.status])).toEqual([
        ['a', 'new'],
        ['b', 'triaged'],
        ['c', 'new'],
      ]);
      expect(api().hasMore).toBe(false);
      expect(api().moreState).toBe('idle');
      // Nothing more: "Show more" asks nothing.
      api().loadMore();
      expect(api().moreState).toBe('idle');
      actor.stop();
    });

    it('when the page fails › `moreState` is error and the shown items stay; a retry asks again', async () => {
      const { api, calls, last, actor } = startInbox();
      last('loadList').resolve({ items: [item('a')], next: 'cursor-1' });
      await settle();
      api().loadMore();
      last('loadPage').reject(new Error('down'));
      await settle();
      expect(api().moreState).toBe('error');
      expect(api().items.map((one) => one.id)).toEqual(['a']);
      api().loadMore();
      expect(calls.loadPage).toHaveLength(2);
      actor.stop();
    });

    it('when the first page fails › `listState` is error, and empty once a load finds nothing', async () => {
      const { api, last, actor } = startInbox();
      last('loadList').reject(new Error('down'));
      await settle();
      expect(api().listState).toBe('error');
      api().refresh();
      expect(api().listState).toBe('loading');
      last('loadList').resolve({ items: [] });
      await settle();
      expect(api().listState).toBe('empty');
      actor.stop();
    });
  });

  describe('races', () => {
    it('given a slow page › answered after the filters changed, it is dropped', async () => {
      const { api, calls, last, actor } = startInbox();
      last('loadList').resolve({ items: [item('a')], next: 'cursor-1' });
      await settle();
      api().loadMore();
      const slow = last('loadPage');
      api().setFilter('status', 'declined');
      expect(api().moreState).toBe('idle');
      last('loadList').resolve({ items: [item('d', { status: 'declined' })] });
      await settle();
      slow.resolve({ items: [item('late-1'), item('late-2')], next: 'cursor-2' });
      await settle();
      expect(api().items.map((one) => one.id)).toEqual(['d']);
      expect(api().hasMore).toBe(false);
      expect(calls.loadPage).toHaveLength(1);
      actor.stop();
    });

    it('given a slow first page › answered after the filters changed, it is dropped', async () => {
      const { api, calls, actor } = startInbox();
      const [slow] = calls.loadList as Call[];
      api().setFilter('touchpointId', 'checkout');
      calls.loadList?.[1]?.resolve({ items: [item('c', { touchpointId: 'checkout' })] });
      await settle();
      slow?.resolve({ items: [item('old')], next: 'cursor-1' });
      await settle();
      expect(api().items.map((one) => one.id)).toEqual(['c']);
      expect(api().hasMore).toBe(false);
      actor.stop();
    });

    it('given a slow item › answered after another was selected, it is dropped', async () => {
      const { api, calls, last, actor } = startInbox();
      last('loadList').resolve({ items: [item('a'), item('b')] });
      await settle();
      api().select('a');
      api().select('b');
      expect(api().selectedId).toBe('b');
      const [slowA, loadB] = calls.loadItem as Call[];
      loadB?.resolve(item('b', { status: 'triaged' }));
      await settle();
      slowA?.resolve(item('a', { status: 'planned' }));
      await settle();
      expect(api().selected?.item).toMatchObject({ id: 'b', status: 'triaged' });
      // The list does not take the dropped answer either.
      expect(api().items.find((one) => one.id === 'a')?.status).toBe('new');
      actor.stop();
    });
  });

  describe('given a selected item', () => {
    const selecting = async (selected: FeedbackItem) => {
      const inbox = startInbox();
      inbox.last('loadList').resolve({ items: [selected] });
      await settle();
      inbox.api().select(selected.id);
      inbox.last('loadItem').resolve(selected);
      await settle();
      return inbox;
    };

    it('new, with consent › offers every move from "new" ("answered" waiting for a reply), declining and replying', async () => {
      const { api, actor } = await selecting(item('a'));
      const selected = api().selected;
      expect(selected?.moves).toEqual([
        { type: 'feedback.triage', blockedBy: undefined },
        { type: 'feedback.plan', blockedBy: undefined },
        { type: 'feedback.start', blockedBy: undefined },
        { type: 'feedback.answer', blockedBy: 'teamReplyRequired' },
      ]);
      expect(selected?.canDecline).toBe(true);
      expect(selected?.canReply).toBe(true);
      expect(selected?.awaitingTeam).toBe(false);
      actor.stop();
    });

    it('without consent › no reply and no "answered"', async () => {
      const { api, actor } = await selecting(item('a', { consentToContact: false }));
      expect(api().selected?.canReply).toBe(false);
      expect(api().selected?.moves.map((move) => move.type)).not.toContain('feedback.answer');
      actor.stop();
    });

    it('declined › only reopening, no second decline; the thread stays open', async () => {
      const { api, actor } = await selecting(item('a', { status: 'declined' }));
      expect(api().selected?.moves.map((move) => move.type)).toEqual(['feedback.reopen']);
      expect(api().selected?.canDecline).toBe(false);
      expect(api().selected?.canReply).toBe(true);
      actor.stop();
    });

    it('shipped › no moves at all', async () => {
      const { api, actor } = await selecting(
        item('a', { status: 'shipped', changeId: 'change-1' }),
      );
      expect(api().selected?.moves).toEqual([]);
      expect(api().selected?.canDecline).toBe(false);
      actor.stop();
    });

    it('whose customer wrote last › it awaits the team, is counted, and reading it marks the customer’s message read', async () => {
      const wrote = item('a', {
        status: 'planned',
        replies: [
          { id: 'reply-team-1', author: anna, body: 'Which page?', at },
          { id: 'reply-cust-1', author: customer, body: 'Billing', at },
        ],
      });
      const { api, last, actor } = await selecting(wrote);
      expect(api().selected?.awaitingTeam).toBe(true);
      expect(api().awaitingTeam).toBe(1);
      expect(last('markRead').input).toEqual({ id: 'a' });
      actor.stop();
    });

    it('when a move is made › busy until it answers, then the item is replaced where it stands', async () => {
      const inbox = startInbox();
      inbox.last('loadList').resolve({ items: [item('a'), item('b')] });
      await settle();
      inbox.api().select('b');
      inbox.last('loadItem').resolve(item('b'));
      await settle();
      inbox.api().move('feedback.plan');
      expect(inbox.api().busy).toBe(true);
      expect(inbox.last('act').input).toEqual({
        itemId: 'b',
        action: { type: 'feedback.plan' },
      });
      inbox.last('act').resolve(item('b', { status: 'planned' }));
      await settle();
      expect(inbox.api().busy).toBe(false);
      expect(inbox.api().items.map((one) => [one.id, one.status])).toEqual([
        ['a', 'new'],
        ['b', 'planned'],
      ]);
      expect(inbox.api().selected?.item.status).toBe('planned');
      inbox.actor.stop();
    });

    it('when the team replies › the draft is sent trimmed, and cleared once the backend has it', async () => {
      const inbox = startInbox();
      inbox.last('loadList').resolve({ items: [item('a')] });
      await settle();
      inbox.api().select('a');
      inbox.api().setDraft('reply', '  Thanks, fixed.  ');
      inbox.api().reply();
      expect(inbox.last('act').input).toEqual({
        itemId: 'a',
        action: { type: 'reply.team', body: 'Thanks, fixed.' },
      });
      inbox.last('act').resolve(
        item('a', {
          status: 'triaged',
          replies: [{ id: 'reply-1', author: anna, body: 'Thanks, fixed.', at }],
        }),
      );
      await settle();
      expect(inbox.api().drafts.reply).toBe('');
      expect(inbox.api().selected?.item.status).toBe('triaged');
      inbox.actor.stop();
    });
  });
});

describe('canTeamReply', () => {
  it('holds where the customer consented, in every status, and only for the team', () => {
    for (const status of ['new', 'triaged', 'planned', 'shipped', 'declined'] as const)
      expect(canTeamReply(item('a', { status })), status).toBe(true);
    expect(canTeamReply(item('a', { consentToContact: false }))).toBe(false);
    expect(canTeamReply(item('a'), customer)).toBe(false);
  });
});
