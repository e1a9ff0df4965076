import {
  connectInbox,
  createInbox,
  createInboxLogic,
  DEFAULT_INBOX_FILTERS,
  type FeedbackItem,
  type InboxActor,
  type InboxEmitted,
  type InboxListRequest,
  type InboxListResult,
  inboxFilterOptions,
  inboxMovesOf,
  isAwaitingTeam,
  keepPlaces,
  mergeInboxPage,
  toInboxQuery,
} from '@palaute/engine';
import { createActor, fromPromise } from 'xstate';
import {
  anna,
  answer,
  createLoop,
  customerReplies,
  inboxItems,
  seedInbox,
} from '../fixtures/feedback';

/** Settles once the actor's snapshot passes `ready`. */
function until(actor: InboxActor, ready: (api: ReturnType<typeof connectInbox>) => boolean) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The inbox did not get there.')), 2000);
    const check = () => {
      if (ready(connectInbox(actor.getSnapshot(), actor.send))) {
        clearTimeout(timer);
        subscription.unsubscribe();
        resolve();
      }
    };
    const subscription = actor.subscribe(check);
    check();
  });
}
const apiOf = (actor: InboxActor) => connectInbox(actor.getSnapshot(), actor.send);

async function seeded() {
  const { backend, clock } = createLoop();
  await seedInbox(backend, clock);
  return { backend, clock };
}

/** A promise the test resolves. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const item = (id: string, status: FeedbackItem['status'] = 'new'): FeedbackItem => ({
  id,
  customerId: 'c-1',
  surveyId: 'nps',
  touchpointId: 'dashboard',
  answers: {},
  consentToContact: true,
  status,
  history: [],
  replies: [],
  createdAt: '2026-11-20T10:00:00.000Z',
});

describe('inbox rules', () => {
  it('given filters › toInboxQuery sorts unprocessed first and sets only what is chosen', () => {
    expect(toInboxQuery(DEFAULT_INBOX_FILTERS)).toEqual({ sort: 'unprocessed' });
    expect(
      toInboxQuery({
        ...DEFAULT_INBOX_FILTERS,
        status: 'open',
        touchpointId: 'dashboard',
        olderThan: '2',
        segmentKey: 'plan',
        segmentValue: '"pro"',
      }),
    ).toEqual({
      sort: 'unprocessed',
      status: ['new', 'triaged', 'planned', 'inProgress'],
      touchpointId: 'dashboard',
      olderThanHours: 48,
      segment: { plan: 'pro' },
    });
    // Nothing that reads as nothing: an age of 0, a value that is not JSON, a value without a key.
    expect(
      toInboxQuery({
        ...DEFAULT_INBOX_FILTERS,
        olderThan: '0',
        segmentKey: 'plan',
        segmentValue: '{',
      }),
    ).toEqual({ sort: 'unprocessed' });
  });

  it('given a page that repeats a shown item › mergeInboxPage keeps it in its place, refreshed, and adds the rest once', () => {
    const merged = mergeInboxPage([item('a'), item('b')], [item('b', 'triaged'), item('c')]);
    expect(merged.map((one) => [one.id, one.status])).toEqual([
      ['a', 'new'],
      ['b', 'triaged'],
      ['c', 'new'],
    ]);
  });

  it('given a reload after the team acted › keepPlaces keeps the shown order, drops what left and adds what is new', () => {
    const kept = keepPlaces(
      [item('a'), item('b'), item('c')],
      [item('d'), item('c'), item('a', 'triaged')],
    );
    expect(kept.map((one) => one.id)).toEqual(['a', 'c', 'd']);
    expect(kept[0]?.status).toBe('triaged');
  });

  it('given an item at each status › inboxMovesOf offers exactly what the lifecycle allows', () => {
    expect(inboxMovesOf(item('a')).map((move) => move.type)).toEqual([
      'feedback.triage',
      'feedback.plan',
      'feedback.start',
      'feedback.answer',
    ]);
    expect(inboxMovesOf(item('a')).find((move) => move.type === 'feedback.answer')?.blockedBy).toBe(
      'teamReplyRequired',
    );
    // Without consent the team cannot write, so "answered" is not offered at all.
    expect(
      inboxMovesOf({ ...item('a'), consentToContact: false }).map((move) => move.type),
    ).not.toContain('feedback.answer');
    expect(inboxMovesOf(item('a', 'declined')).map((move) => move.type)).toEqual([
      'feedback.reopen',
    ]);
  });

  it('given a thread › isAwaitingTeam holds while the customer wrote last', () => {
    const by = { kind: 'customer' as const, id: 'c-1' };
    const reply = (id: string, author: FeedbackItem['replies'][number]['author']) => ({
      id,
      author,
      body: 'x',
      at: '2026-11-20T11:00:00.000Z',
    });
    expect(isAwaitingTeam(item('a'))).toBe(false);
    expect(isAwaitingTeam({ ...item('a'), replies: [reply('r-000001', by)] })).toBe(true);
    expect(
      isAwaitingTeam({ ...item('a'), replies: [reply('r-000001', by), reply('r-000002', anna)] }),
    ).toBe(false);
  });

  it('given facets › inboxFilterOptions names touchpoints, counts and quotes look-alike values', () => {
    const options = inboxFilterOptions({
      facets: {
        touchpoints: { values: [{ value: 'dashboard', count: 3 }], omitted: { values: 0 } },
        segments: [
          {
            key: 'seats',
            count: 4,
            values: [
              { value: 12, count: 2 },
              { value: '12', count: 2 },
            ],
            omitted: { values: 0 },
          },
        ],
        omittedSegmentKeys: 0,
      } as never,
      seenTouchpoints: [],
      seenSegments: {},
      filters: { ...DEFAULT_INBOX_FILTERS, touchpointId: 'checkout' },
      touchpointName: (id) => (id === 'dashboard' ? 'Dashboard' : id),
    });
    expect(options.touchpoints.map((option) => option.label)).toEqual([
      'Dashboard (3)',
      'checkout',
    ]);
    expect(options.segments[0]?.values.map((option) => [option.value, option.label])).toEqual([
      ['12', '12 (2)'],
      ['"12"', '"12" (2)'],
    ]);
  });
});

describe('inboxMachine', () => {
  it('given a seeded inbox › loads the list, metrics, facets and changes; selecting an item loads it with its moves and its impact notice by the engine rule', async () => {
    const { backend } = await seeded();
    const inbox = createInbox({ team: backend.team, by: anna, input: { refreshMs: 0 } }).start();
    await until(inbox, (api) => api.listState === 'ready' && api.metricsState === 'ready');
    expect(apiOf(inbox).items.map((one) => one.id)).toContain(inboxItems.login);
    // Unprocessed first: the item whose customer wrote back (the oldest waiting), then the new ones.
    expect(apiOf(inbox).items[0]?.id).toBe(inboxItems.exports);
    expect(isAwaitingTeam(apiOf(inbox).items[0] as FeedbackItem)).toBe(true);
    expect(apiOf(inbox).items[1]?.status).toBe('new');
    apiOf(inbox).select(inboxItems.darkMode);
    await until(inbox, (api) => api.selected?.notice !== undefined);
    const { selected } = apiOf(inbox);
    expect(selected?.notice?.id).toMatch(new RegExp(`:${inboxItems.darkMode}$`));
    expect(selected?.notice?.youSaid).toBe(selected?.item.text);
    inbox.stop();
  });

  it('given a slow first page › a filter change drops it: the answer for the old filters never shows', async () => {
    const calls: {
      request: InboxListRequest;
      reply: ReturnType<typeof deferred<InboxListResult>>;
    }[] = [];
    const logic = createInboxLogic({ team: (await seeded()).backend.team, by: anna }).provide({
      actors: {
        loadList: fromPromise(({ input }: { input: InboxListRequest }) => {
          const reply = deferred<InboxListResult>();
          calls.push({ request: input, reply });
          return reply.promise;
        }),
      },
    });
    const inbox = createActor(logic, { input: { refreshMs: 0 } }).start();
    const heard: InboxEmitted[] = [];
    inbox.on('*', (event) => heard.push(event));
    expect(calls).toHaveLength(1);
    apiOf(inbox).setFilter('status', 'declined');
    expect(calls).toHaveLength(2);
    expect(calls[1]?.request.query.status).toEqual(['declined']);
    calls[1]?.reply.resolve({ items: [item('declined-1', 'declined')], next: undefined });
    await until(inbox, (api) => api.listState === 'ready');
    // The first page, for no filters, answers late: dropped.
    calls[0]?.reply.resolve({ items: [item('old-1'), item('old-2')], next: 'x' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(apiOf(inbox).items.map((one) => one.id)).toEqual(['declined-1']);
    expect(apiOf(inbox).hasMore).toBe(false);
    inbox.stop();
  });

  it('given a page under way › a refresh drops it, and "Show more" adds the next page once', async () => {
    const { backend, clock } = createLoop();
    for (let n = 1; n <= 7; n++) {
      await answer(backend, clock, {
        id: `fb-page-000${n}`,
        customerId: `c-${n}`,
        nps: 5,
        why: `N${n}`,
      });
      clock.advance(1);
    }
    const inbox = createInbox({
      team: backend.team,
      by: anna,
      input: { refreshMs: 0, pageSize: 3 },
    }).start();
    const paged: InboxEmitted[] = [];
    inbox.on('list.paged', (event) => paged.push(event));
    await until(inbox, (api) => api.listState === 'ready');
    expect(apiOf(inbox).items).toHaveLength(3);
    apiOf(inbox).loadMore();
    expect(apiOf(inbox).moreState).toBe('loading');
    apiOf(inbox).refresh();
    await until(inbox, (api) => api.moreState === 'idle' && api.listState === 'ready');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(paged).toHaveLength(0);
    expect(apiOf(inbox).items).toHaveLength(3);
    apiOf(inbox).loadMore();
    await until(inbox, (api) => api.items.length === 6);
    expect(paged).toEqual([
      expect.objectContaining({ type: 'list.paged', count: 6, hasMore: true }),
    ]);
    expect(new Set(apiOf(inbox).items.map((one) => one.id)).size).toBe(6);
    // A refresh now reloads as many as are shown.
    apiOf(inbox).refresh();
    await until(inbox, (api) => api.listState === 'ready');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(apiOf(inbox).items).toHaveLength(6);
    inbox.stop();
  });

  it('given a slow item › selecting another drops the first answer', async () => {
    const { backend } = await seeded();
    const pending = new Map<string, ReturnType<typeof deferred<FeedbackItem>>>();
    const logic = createInboxLogic({ team: backend.team, by: anna }).provide({
      actors: {
        loadItem: fromPromise(({ input }: { input: { id: string } }) => {
          const reply = deferred<FeedbackItem>();
          pending.set(input.id, reply);
          return reply.promise;
        }),
      },
    });
    const inbox = createActor(logic, { input: { refreshMs: 0 } }).start();
    await until(inbox, (api) => api.listState === 'ready');
    apiOf(inbox).select(inboxItems.login);
    apiOf(inbox).select(inboxItems.preview);
    pending.get(inboxItems.preview)?.resolve(await backend.team.getFeedback(inboxItems.preview));
    await new Promise((resolve) => setTimeout(resolve, 10));
    pending.get(inboxItems.login)?.resolve(await backend.team.getFeedback(inboxItems.login));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(apiOf(inbox).selected?.item.id).toBe(inboxItems.preview);
    inbox.stop();
  });

  it('given the item view closed › focus goes to its row, or, once a reload no longer lists it, to the row now in its place, the last, or none', async () => {
    let listed = ['a', 'b', 'c', 'd'].map((id) => item(id));
    const logic = createInboxLogic({ team: (await seeded()).backend.team, by: anna }).provide({
      actors: {
        loadList: fromPromise(async (): Promise<InboxListResult> => ({ items: listed })),
        loadItem: fromPromise(async ({ input }: { input: { id: string } }) => item(input.id)),
      },
    });
    const inbox = createActor(logic, { input: { refreshMs: 0 } }).start();
    const closed: InboxEmitted[] = [];
    inbox.on('item.closed', (event) => closed.push(event));
    await until(inbox, (api) => api.listState === 'ready');
    /** Opens `id`, reloads the list as `then` (the team's action moved it), and closes it. */
    const openReloadClose = async (id: string, then: string[]) => {
      apiOf(inbox).select(id);
      await until(inbox, (api) => api.selected?.item.id === id);
      listed = then.map((one) => item(one));
      apiOf(inbox).refresh();
      await until(
        inbox,
        (api) =>
          api.listState !== 'loading' && api.items.map((one) => one.id).join() === then.join(),
      );
      apiOf(inbox).close();
      return closed.at(-1);
    };
    const closedOnto = (itemId: string, focusId: string | undefined) => ({
      type: 'item.closed',
      itemId,
      focusId,
    });
    // Still listed (moved to the top): its own row.
    expect(await openReloadClose('c', ['c', 'a', 'b', 'd'])).toEqual(closedOnto('c', 'c'));
    // Gone from the page, from the third place: the row now third.
    expect(await openReloadClose('b', ['c', 'a', 'd', 'e'])).toEqual(closedOnto('b', 'd'));
    // Gone, and the list is shorter than its place: the last row.
    expect(await openReloadClose('d', ['c', 'a'])).toEqual(closedOnto('d', 'a'));
    // Gone, and nothing is left: no row.
    expect(await openReloadClose('a', [])).toEqual(closedOnto('a', undefined));
    // Closed with nothing open: nothing to say.
    apiOf(inbox).close();
    expect(closed).toHaveLength(4);
    inbox.stop();
  });

  it('given the selected new item › triaging it keeps its place in the list, focuses the status and counts it out of "new"', async () => {
    const { backend } = await seeded();
    const inbox = createInbox({ team: backend.team, by: anna, input: { refreshMs: 0 } }).start();
    const heard: InboxEmitted[] = [];
    inbox.on('*', (event) => heard.push(event));
    await until(inbox, (api) => api.listState === 'ready');
    const before = apiOf(inbox).items.map((one) => one.id);
    apiOf(inbox).select(inboxItems.preview);
    await until(inbox, (api) => api.selected !== undefined);
    apiOf(inbox).move('feedback.triage');
    expect(apiOf(inbox).busy).toBe(true);
    await until(inbox, (api) => !api.busy && api.selected?.item.status === 'triaged');
    await until(inbox, (api) => api.listState === 'ready');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(apiOf(inbox).items.map((one) => one.id)).toEqual(before);
    expect(heard).toContainEqual({ type: 'focus', target: 'status' });
    expect(heard).toContainEqual(
      expect.objectContaining({ type: 'item.moved', action: 'feedback.triage' }),
    );
    inbox.stop();
  });

  it('given a customer who wrote back › the item awaits the team until the team replies; the reply moves a new item out of "new"', async () => {
    const { backend, clock } = await seeded();
    // The team asked, the customer answered: it waits for the team again.
    await backend.team.act(
      inboxItems.login,
      { type: 'reply.team', reply: { id: 'tr-login-0001', body: 'Which browser?' } },
      anna,
    );
    await customerReplies(backend, clock, inboxItems.login, 'c-4', 'cr-login-0001', 'Firefox.');
    const inbox = createInbox({
      team: backend.team,
      by: anna,
      input: { refreshMs: 0 },
      createId: () => 'reply-0000001',
    }).start();
    await until(inbox, (api) => api.listState === 'ready');
    const awaiting = () =>
      apiOf(inbox)
        .items.filter(isAwaitingTeam)
        .map((one) => one.id);
    expect(awaiting()).toContain(inboxItems.login);
    expect(apiOf(inbox).awaitingTeam).toBe(awaiting().length);
    apiOf(inbox).select(inboxItems.login);
    await until(inbox, (api) => api.selected?.awaitingTeam === true);
    apiOf(inbox).reply();
    expect(apiOf(inbox).errors.reply).toEqual({ code: 'replyEmpty' });
    apiOf(inbox).setDraft('reply', '  We fixed it today.  ');
    apiOf(inbox).reply();
    await until(inbox, (api) => !api.busy && api.selected?.awaitingTeam === false);
    const { selected, drafts, errors } = apiOf(inbox);
    expect(selected?.item.replies.at(-1)).toMatchObject({
      id: 'reply-0000001',
      body: 'We fixed it today.',
    });
    expect(selected?.item.status).toBe('triaged');
    expect(drafts.reply).toBe('');
    expect(errors.reply).toBeUndefined();
    await until(inbox, () => !awaiting().includes(inboxItems.login));
    inbox.stop();
  });

  it('given a change form › checks its fields before shipping, then links the chosen items and clears the form', async () => {
    const { backend } = await seeded();
    const inbox = createInbox({ team: backend.team, by: anna, input: { refreshMs: 0 } }).start();
    const shipped: InboxEmitted[] = [];
    inbox.on('change.shipped', (event) => shipped.push(event));
    await until(inbox, (api) => api.listState === 'ready');
    apiOf(inbox).shipChange();
    expect(apiOf(inbox).errors.weDid).toEqual({ code: 'changeWeDidRequired' });
    apiOf(inbox).setDraft('weDid', 'Faster login');
    apiOf(inbox).setDraft('href', 'javascript:alert(1)');
    apiOf(inbox).shipChange();
    expect(apiOf(inbox).errors).toEqual({ href: { code: 'changeLinkInvalid' } });
    apiOf(inbox).setDraft('href', '');
    apiOf(inbox).shipChange();
    expect(apiOf(inbox).errors).toEqual({ change: { code: 'selectedNone' } });
    apiOf(inbox).toggleChecked(inboxItems.login);
    apiOf(inbox).shipChange();
    await until(inbox, (api) => !api.busy && api.checked.length === 0);
    expect(shipped).toHaveLength(1);
    expect(apiOf(inbox).drafts.weDid).toBe('');
    expect((await backend.team.getFeedback(inboxItems.login)).status).toBe('shipped');
    inbox.stop();
  });

  it('given a backend that refuses › the refusal shows on the field, worded as the backend said', async () => {
    const { backend } = await seeded();
    const logic = createInboxLogic({ team: backend.team, by: anna }).provide({
      actors: { act: fromPromise(() => Promise.reject(new Error('No way.'))) },
    });
    const inbox = createActor(logic, { input: { refreshMs: 0 } }).start();
    await until(inbox, (api) => api.listState === 'ready');
    apiOf(inbox).select(inboxItems.login);
    apiOf(inbox).move('feedback.triage');
    await until(inbox, (api) => !api.busy);
    expect(apiOf(inbox).errors.action).toEqual({ code: 'failed', message: 'No way.' });
    inbox.stop();
  });

  it('given a backend without facets › asks once and keeps the options from the loaded items', async () => {
    const { backend } = await seeded();
    const { inboxFacets: _, ...team } = backend.team;
    const inbox = createInbox({ team, by: anna, input: { refreshMs: 0 } }).start();
    await until(inbox, (api) => api.listState === 'ready');
    expect(inbox.getSnapshot().context.facetsMissing).toBe(true);
    apiOf(inbox).refresh();
    expect(inbox.getSnapshot().matches({ facets: 'missing' })).toBe(true);
    expect(apiOf(inbox).facets).toBeUndefined();
    inbox.stop();
  });
});
