import {
  actOnMany,
  bulkActionOf,
  connectInbox,
  createInbox,
  DEFAULT_INBOX_FILTERS,
  exportInboxCsv,
  filtersFromSearchParams,
  filtersToSearchParams,
  INBOX_UNASSIGNED,
  type InboxActor,
  type InboxEmitted,
  type InboxFilters,
  inboxCsvUrl,
  inboxListsOf,
  inboxMemberOptions,
  type TeamPort,
  toInboxQuery,
} from '@palaute/engine';
import { anna, createLoop, inboxItems, seedInbox } from '../fixtures/feedback';

/** Settles once the actor's snapshot passes `ready`. */
function until(actor: InboxActor, ready: (api: ReturnType<typeof connectInbox>) => boolean) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The inbox did not get there.')), 3000);
    const check = () => {
      if (ready(connectInbox(actor.getSnapshot(), actor.send, anna))) {
        clearTimeout(timer);
        subscription.unsubscribe();
        resolve();
      }
    };
    const subscription = actor.subscribe(check);
    check();
  });
}
const apiOf = (actor: InboxActor) => connectInbox(actor.getSnapshot(), actor.send, anna);

async function started(filters?: Partial<InboxFilters>) {
  const { backend, clock } = createLoop();
  await seedInbox(backend, clock);
  const inbox = createInbox({
    team: backend.team,
    by: anna,
    input: { refreshMs: 0, ...(filters ? { filters } : {}) },
  }).start();
  await until(inbox, (api) => api.listState !== 'loading');
  return { backend, inbox };
}

const idle = (api: ReturnType<typeof connectInbox>) => !api.busy && api.listState !== 'loading';

describe('inbox filters in a URL', () => {
  it('given every filter set › filtersToSearchParams and filtersFromSearchParams round-trip them', () => {
    const filters: InboxFilters = {
      status: 'planned',
      touchpointId: 'dashboard',
      olderThan: '3',
      olderThanUnit: 'hours',
      segmentKey: 'plan',
      segmentValue: '"pro"',
      text: 'export "to excel"',
      tag: 'billing & tax',
      assignee: 'anna',
      kind: 'bug',
      feedbackKind: 'praise',
    };
    const params = filtersToSearchParams(filters);
    expect(params).toEqual({
      status: 'planned',
      touchpoint: 'dashboard',
      olderThan: '3',
      unit: 'hours',
      segment: 'plan',
      segmentValue: '"pro"',
      q: 'export "to excel"',
      tag: 'billing & tax',
      assignee: 'anna',
      kind: 'bug',
      feedbackKind: 'praise',
    });
    const url = new URLSearchParams(params).toString();
    expect({
      ...DEFAULT_INBOX_FILTERS,
      ...filtersFromSearchParams(new URLSearchParams(url)),
    }).toEqual(filters);
    // A fresh inbox writes nothing.
    expect(filtersToSearchParams(DEFAULT_INBOX_FILTERS)).toEqual({});
  });

  it('given "Unassigned" and a member whose id is "unassigned" › each comes back as it was', () => {
    for (const assignee of [INBOX_UNASSIGNED, 'unassigned']) {
      const params = new URLSearchParams(
        filtersToSearchParams({ ...DEFAULT_INBOX_FILTERS, assignee }),
      );
      expect(filtersFromSearchParams(params).assignee).toBe(assignee);
    }
    expect(filtersToSearchParams({ ...DEFAULT_INBOX_FILTERS, assignee: INBOX_UNASSIGNED })).toEqual(
      { assignee: 'unassigned' },
    );
  });

  it('given a prefix › parameters are written and read under it, others ignored', () => {
    const params = filtersToSearchParams(
      { ...DEFAULT_INBOX_FILTERS, status: 'open' },
      { prefix: 'inbox.' },
    );
    expect(params).toEqual({ 'inbox.status': 'open' });
    const read = filtersFromSearchParams(new URLSearchParams('status=new&inbox.status=open'), {
      prefix: 'inbox.',
    });
    expect(read).toEqual({ status: 'open' });
  });

  it('given unknown and invalid values › they are left out, never thrown', () => {
    const read = filtersFromSearchParams(
      new URLSearchParams(
        [
          'status=lost',
          'unit=weeks',
          'olderThan=-2',
          'segmentValue=1',
          'q=%20%20-',
          'tag=%20padded',
          'assignee=',
          'kind=praise',
          'colour=red',
        ].join('&'),
      ),
    );
    expect(read).toEqual({});
    // A segment value needs its key, and must be JSON of a text, number or boolean.
    expect(filtersFromSearchParams(new URLSearchParams('segment=plan&segmentValue={'))).toEqual({
      segmentKey: 'plan',
    });
    expect(filtersFromSearchParams(new URLSearchParams('segment=plan&segmentValue=true'))).toEqual({
      segmentKey: 'plan',
      segmentValue: 'true',
    });
  });
});

describe('inbox team tools: rules', () => {
  it('given text, tag and assignee filters › toInboxQuery sends them as the backend reads them', () => {
    expect(
      toInboxQuery({
        ...DEFAULT_INBOX_FILTERS,
        text: '  excel ',
        tag: 'billing',
        assignee: 'anna',
      }),
    ).toEqual({ sort: 'unprocessed', text: 'excel', tags: ['billing'], assignee: 'anna' });
    expect(toInboxQuery({ ...DEFAULT_INBOX_FILTERS, assignee: INBOX_UNASSIGNED })).toEqual({
      sort: 'unprocessed',
      assignee: null,
    });
    // A search without a word, or a tag the backend would refuse, is left out (never a 400).
    expect(toInboxQuery({ ...DEFAULT_INBOX_FILTERS, text: ' -- ', tag: ' x' })).toEqual({
      sort: 'unprocessed',
    });
  });

  it('given the bulk form › bulkActionOf makes the backend action only from a full form', () => {
    expect(bulkActionOf('feedback.plan', '')).toEqual({ type: 'feedback.plan' });
    expect(bulkActionOf('tags.add', ' billing ')).toEqual({ type: 'tags.add', tags: ['billing'] });
    expect(bulkActionOf('tags.add', '  ')).toBeUndefined();
    expect(bulkActionOf('assignee.set', INBOX_UNASSIGNED)).toEqual({
      type: 'assignee.set',
      assignee: null,
    });
    expect(bulkActionOf('assignee.set', '')).toBeUndefined();
    expect(bulkActionOf('reply.team', 'x')).toBeUndefined();
  });

  it('given members seen › inboxMemberOptions offers "Unassigned", me, then the others by name', () => {
    const options = inboxMemberOptions({ zed: 'Zed', bo: undefined, anna: undefined }, anna);
    expect(options).toEqual([
      { value: INBOX_UNASSIGNED, name: undefined },
      { value: 'anna', name: 'Anna from Laskutin' },
      { value: 'bo', name: 'bo' },
      { value: 'zed', name: 'Zed' },
    ]);
  });

  it('given a base URL › inboxCsvUrl points at the server route with the query, without paging', () => {
    const url = inboxCsvUrl('https://palaute.example.com/', {
      sort: 'unprocessed',
      text: 'excel',
      limit: 10,
      cursor: 'c',
    });
    expect(url.startsWith('https://palaute.example.com/v1/team/inbox.csv?query=')).toBe(true);
    expect(JSON.parse(new URL(url).searchParams.get('query') ?? '')).toEqual({
      sort: 'unprocessed',
      text: 'excel',
    });
  });
});

describe('inbox team tools: the machine', () => {
  it('given a search typed › nothing is asked until it is submitted; then the list is the matches', async () => {
    const { inbox } = await started();
    const all = apiOf(inbox).items.length;
    apiOf(inbox).setDraft('search', 'fax');
    expect(apiOf(inbox).filters.text).toBe('');
    apiOf(inbox).search();
    expect(apiOf(inbox).query.text).toBe('fax');
    await until(inbox, (api) => api.listState !== 'loading' && api.items.length < all);
    expect(apiOf(inbox).items.map((item) => item.id)).toEqual([inboxItems.fax]);
    expect(apiOf(inbox).filtered).toBe(true);
    inbox.stop();
  });

  it('given filters from a URL › the first list is already filtered, the search box shows the text', async () => {
    const { inbox } = await started(
      filtersFromSearchParams(new URLSearchParams('q=fax&status=declined')),
    );
    expect(apiOf(inbox).drafts.search).toBe('fax');
    expect(apiOf(inbox).items.map((item) => item.id)).toEqual([inboxItems.fax]);
    inbox.stop();
  });

  it('given the item shown › a tag is added, announced, offered as a filter, and removed', async () => {
    const { inbox, backend } = await started();
    const moved: InboxEmitted[] = [];
    inbox.on('item.moved', (event) => moved.push(event));
    apiOf(inbox).select(inboxItems.login);
    await until(inbox, (api) => api.selected?.item.id === inboxItems.login && idle(api));
    // A tag the backend would refuse is refused here, at its field.
    apiOf(inbox).setDraft('tag', '   ');
    apiOf(inbox).addTag();
    expect(apiOf(inbox).errors.tag).toEqual({ code: 'tagInvalid' });
    apiOf(inbox).setDraft('tag', ' billing ');
    apiOf(inbox).addTag();
    await until(inbox, (api) => (api.selected?.tags.length ?? 0) > 0 && idle(api));
    expect(apiOf(inbox).selected?.tags).toEqual(['billing']);
    expect(apiOf(inbox).errors.tag).toBeUndefined();
    expect(apiOf(inbox).drafts.tag).toBe('');
    expect(apiOf(inbox).tagOptions).toEqual(['billing']);
    expect((await backend.team.getFeedback(inboxItems.login)).tags).toEqual(['billing']);
    expect(moved.at(-1)).toMatchObject({
      action: 'tags.add',
      draft: { type: 'tags.add', tags: ['billing'] },
    });
    // Filtering by it lists only the tagged item.
    apiOf(inbox).setFilter('tag', 'billing');
    await until(inbox, (api) => api.items.length === 1 && idle(api));
    apiOf(inbox).removeTag('billing');
    await until(inbox, (api) => (api.selected?.tags.length ?? 1) === 0 && idle(api));
    expect(moved.at(-1)).toMatchObject({ draft: { type: 'tags.remove', tags: ['billing'] } });
    inbox.stop();
  });

  it('given the item shown › it is assigned, found under its assignee, and unassigned', async () => {
    const { inbox } = await started();
    apiOf(inbox).select(inboxItems.login);
    await until(inbox, (api) => api.selected?.item.id === inboxItems.login && idle(api));
    apiOf(inbox).assign('anna');
    await until(inbox, (api) => api.selected?.assignee === 'anna' && idle(api));
    apiOf(inbox).setFilter('assignee', 'anna');
    await until(inbox, (api) => api.items.length === 1 && idle(api));
    expect(apiOf(inbox).items[0]?.id).toBe(inboxItems.login);
    apiOf(inbox).assign(null);
    await until(inbox, (api) => api.selected?.assignee === undefined && idle(api));
    apiOf(inbox).setFilter('assignee', INBOX_UNASSIGNED);
    await until(inbox, (api) => api.items.length > 1 && idle(api));
    expect(apiOf(inbox).items.every((item) => item.assignee === undefined)).toBe(true);
    inbox.stop();
  });

  it('given items ticked › the bulk form checks itself, then moves them all and confirms it', async () => {
    const { inbox } = await started({ status: 'new' });
    const done: InboxEmitted[] = [];
    inbox.on('bulk.done', (event) => done.push(event));
    const ids = apiOf(inbox).items.map((item) => item.id);
    expect(ids.length).toBeGreaterThan(1);
    apiOf(inbox).applyBulk();
    expect(apiOf(inbox).errors.bulkAction).toEqual({ code: 'bulkActionRequired' });
    apiOf(inbox).setDraft('bulkAction', 'assignee.set');
    apiOf(inbox).applyBulk();
    expect(apiOf(inbox).errors.bulkValue).toEqual({ code: 'bulkValueRequired' });
    apiOf(inbox).setDraft('bulkAction', 'feedback.plan');
    apiOf(inbox).applyBulk();
    expect(apiOf(inbox).errors.bulk).toEqual({ code: 'selectedNone' });
    apiOf(inbox).toggleAllChecked();
    expect(apiOf(inbox).checked).toEqual(ids);
    expect(apiOf(inbox).allChecked).toBe(true);
    apiOf(inbox).applyBulk();
    expect(apiOf(inbox).busy).toBe(true);
    await until(inbox, (api) => api.confirmation !== undefined && idle(api));
    expect(apiOf(inbox).confirmation).toEqual({
      type: 'bulk',
      action: { type: 'feedback.plan' },
      done: ids.length,
      refused: [],
    });
    expect(apiOf(inbox).checked).toEqual([]);
    expect(done).toHaveLength(1);
    // Planned items leave the "new" filter once the list reloads.
    await until(inbox, (api) => api.listState === 'empty');
    inbox.stop();
  });

  it('given a refused item in a bulk move › the others go ahead; the refused stays ticked with why', async () => {
    const { inbox } = await started();
    apiOf(inbox).toggleChecked(inboxItems.login);
    apiOf(inbox).toggleChecked(inboxItems.exports);
    apiOf(inbox).setDraft('bulkAction', 'feedback.triage');
    apiOf(inbox).applyBulk();
    await until(inbox, (api) => api.confirmation !== undefined && idle(api));
    const { confirmation } = apiOf(inbox);
    expect(confirmation?.type === 'bulk' && confirmation.done).toBe(1);
    expect(confirmation?.type === 'bulk' && confirmation.refused.map((entry) => entry.id)).toEqual([
      inboxItems.exports,
    ]);
    expect(apiOf(inbox).checked).toEqual([inboxItems.exports]);
    inbox.stop();
  });

  it('given a team port without actMany › actOnMany acts on each item and gives the same verdicts', async () => {
    const { backend, clock } = createLoop();
    await seedInbox(backend, clock);
    const { actMany: _actMany, ...plain } = backend.team;
    const verdicts = await actOnMany(
      plain as TeamPort,
      { ids: [inboxItems.login, 'fb-missing-0001'], action: { type: 'tags.add', tags: ['x'] } },
      anna,
    );
    expect(verdicts[0]).toMatchObject({ outcome: 'done', item: { tags: ['x'] } });
    expect(verdicts[1]).toMatchObject({ id: 'fb-missing-0001', outcome: 'refused' });
  });

  it('given filters › the CSV export holds exactly the filtered items, through the team port', async () => {
    const { inbox, backend } = await started({ status: 'new' });
    const ready: InboxEmitted[] = [];
    inbox.on('csv.ready', (event) => ready.push(event));
    apiOf(inbox).exportCsv();
    expect(apiOf(inbox).exporting).toBe(true);
    await until(inbox, (api) => !api.exporting);
    const event = ready[0] as Extract<InboxEmitted, { type: 'csv.ready' }>;
    const lines = event.csv.trim().split('\r\n');
    expect(lines[0]?.startsWith('id,created_at,status')).toBe(true);
    expect(event.count).toBe(apiOf(inbox).items.length);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(
      apiOf(inbox).items.map((item) => item.id),
    );
    expect(event.truncated).toBe(false);
    // Past the cap, the file says it is cut.
    const cut = await exportInboxCsv(backend.team, { status: ['new'] }, 1);
    expect(cut).toMatchObject({ count: 1, truncated: true });
    inbox.stop();
  });

  it('given the item shown › a change shipped from its own pane links only it and is confirmed', async () => {
    const { inbox, backend } = await started();
    apiOf(inbox).toggleChecked(inboxItems.preview);
    apiOf(inbox).select(inboxItems.login);
    await until(inbox, (api) => api.selected?.item.id === inboxItems.login && idle(api));
    apiOf(inbox).shipChange('item');
    expect(apiOf(inbox).errors.itemWeDid).toEqual({ code: 'changeWeDidRequired' });
    apiOf(inbox).setDraft('itemWeDid', 'Login links last a day');
    apiOf(inbox).setDraft('itemHref', 'javascript:alert(1)');
    apiOf(inbox).shipChange('item');
    expect(apiOf(inbox).errors.itemHref).toEqual({ code: 'changeLinkInvalid' });
    expect(apiOf(inbox).errors.itemWeDid).toBeUndefined();
    apiOf(inbox).setDraft('itemHref', '');
    apiOf(inbox).shipChange('item');
    await until(inbox, (api) => api.confirmation !== undefined && idle(api));
    expect(apiOf(inbox).confirmation).toEqual({ type: 'shipped', scope: 'item', count: 1 });
    expect((await backend.team.getFeedback(inboxItems.login)).status).toBe('shipped');
    // The ticked item was not part of it, and stays ticked.
    expect((await backend.team.getFeedback(inboxItems.preview)).status).toBe('new');
    expect(apiOf(inbox).checked).toEqual([inboxItems.preview]);
    expect(apiOf(inbox).drafts.itemWeDid).toBe('');
    // The next intent clears the confirmation.
    apiOf(inbox).select(inboxItems.preview);
    expect(apiOf(inbox).confirmation).toBeUndefined();
    inbox.stop();
  });
});

describe("the launcher's kinds as an inbox filter", () => {
  /** The seeded inbox, and two launcher answers: an idea and praise. */
  async function withLauncher(filters?: Partial<InboxFilters>) {
    const { backend, clock } = createLoop();
    await seedInbox(backend, clock);
    for (const [id, kind, why] of [
      ['launcher-idea-01', 'idea', 'Let me export to CSV'],
      ['launcher-praise1', 'praise', 'Lovely app'],
    ] as const) {
      const at = clock.now().toISOString();
      await backend.submitResponse({
        id,
        surveyId: 'dashboard-nps',
        surveyVersion: 1,
        touchpointId: 'dashboard',
        customerId: 'c-9',
        locale: 'en',
        answers: { nps: 8, why },
        kind,
        startedAt: at,
        submittedAt: at,
      });
    }
    const inbox = createInbox({
      team: backend.team,
      by: anna,
      input: { refreshMs: 0, ...(filters ? { filters } : {}) },
    }).start();
    await until(inbox, idle);
    return inbox;
  }
  const ids = (inbox: InboxActor) => apiOf(inbox).items.map((item) => item.id);

  it('given a launcher kind chosen › lists that kind only; "none" lists the survey answers; the query and the URL carry it', async () => {
    const inbox = await withLauncher();
    expect(ids(inbox)).toHaveLength(8);
    apiOf(inbox).setFilter('feedbackKind', 'praise');
    await until(inbox, (api) => idle(api) && api.items.length === 1);
    expect(ids(inbox)).toEqual(['launcher-praise1']);
    expect(apiOf(inbox).query.feedbackKind).toBe('praise');
    apiOf(inbox).setFilter('feedbackKind', 'none');
    await until(inbox, (api) => idle(api) && api.items.length === 6);
    expect(ids(inbox)).not.toContain('launcher-idea-01');
    expect(apiOf(inbox).query.feedbackKind).toBeNull();
    expect(filtersToSearchParams({ ...DEFAULT_INBOX_FILTERS, feedbackKind: 'none' })).toEqual({
      feedbackKind: 'none',
    });
    // A stale or hand-edited value is left out, so the link still opens the inbox.
    expect(filtersFromSearchParams(new URLSearchParams('feedbackKind=bug'))).toEqual({});
    expect(filtersFromSearchParams(new URLSearchParams('feedbackKind=idea'))).toEqual({
      feedbackKind: 'idea',
    });
  });

  it('given a launcher kind from a saved view › the inbox starts on it, its CSV holds those items with their kind, and the board ideas are left out', async () => {
    const inbox = await withLauncher({ feedbackKind: 'idea' });
    expect(ids(inbox)).toEqual(['launcher-idea-01']);
    expect(toInboxQuery({ ...DEFAULT_INBOX_FILTERS, feedbackKind: 'idea' })).toEqual({
      sort: 'unprocessed',
      feedbackKind: 'idea',
    });
    expect(inboxListsOf({ ...DEFAULT_INBOX_FILTERS, feedbackKind: 'praise' })).toEqual({
      feedback: true,
      ideas: undefined,
    });
    const csv = await new Promise<string>((resolve) => {
      inbox.on('csv.ready', (event) => resolve(event.csv));
      apiOf(inbox).exportCsv();
    });
    const [header, row, ...rest] = csv.trim().split('\r\n');
    expect(header?.split(',').at(-1)).toBe('kind');
    expect(row?.startsWith('launcher-idea-01,')).toBe(true);
    expect(row?.split(',').at(-1)).toBe('idea');
    expect(rest).toEqual([]);
  });
});
