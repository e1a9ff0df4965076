import { assign, emit, fromPromise, raise, setup } from 'xstate';
import { keptDraftsWithText, switchKeptDrafts } from '../drafts/drafts.switch';
import type {
  BulkAction,
  BulkTeamAction,
  BulkVerdict,
  Change,
  ChangeInput,
  FeedbackItem,
  InboxFacets,
  InboxQuery,
  LoopMetrics,
} from '../feedback/feedback.schema';
import { INBOX_PAGE_SIZE, MAX_BULK_ITEMS, MAX_INBOX_PAGE_SIZE } from '../feedback/feedback.schema';
import { placeOf, rowToFocus } from '../shared/shared.places';
import {
  DEFAULT_INBOX_FILTERS,
  INBOX_UNASSIGNED,
  type InboxBulkActionType,
  type InboxContext,
  type InboxCsvResult,
  type InboxDraftField,
  type InboxEmitted,
  type InboxError,
  type InboxErrorField,
  type InboxEvent,
  type InboxFilters,
  type InboxInput,
  type InboxListRequest,
  type InboxListResult,
  type ItemDraftField,
  type TeamActionDraft,
} from './inbox.schema';
import {
  isTag,
  keepPlaces,
  mergeInboxPage,
  rememberMembers,
  rememberSegments,
  rememberTags,
  replaceInboxItem,
  SAFE_CHANGE_URL,
  toInboxQuery,
  withFilter,
} from './inbox.utils';

const notProvided = (name: string) => () =>
  Promise.reject(
    new Error(`The inbox's "${name}" actor was not provided: start inboxes with createInbox().`),
  );

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const failed = (error: unknown): InboxError => ({ code: 'failed', message: messageOf(error) });
/** The fields given, without those set to `undefined`. */
const definedOf = <T extends object>(partial: { [K in keyof T]?: T[K] | undefined } | undefined) =>
  Object.fromEntries(
    Object.entries(partial ?? {}).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
const EMPTY_DRAFTS: Record<InboxDraftField, string> = {
  reply: '',
  decline: '',
  weDid: '',
  details: '',
  href: '',
  linkLabel: '',
  itemWeDid: '',
  itemHref: '',
  tag: '',
  search: '',
  bulkAction: '',
  bulkValue: '',
};
const ITEM_FIELDS = ['reply', 'decline'] as const satisfies readonly ItemDraftField[];
/**
 * The drafts once the item shown changes to `nextId` (or to none): what was written for the item
 * left is kept under its id, and what was kept for the next is given back.
 */
const switchItemDrafts = (context: InboxContext, nextId: string | undefined) => {
  const { keptDrafts, back, restored } = switchKeptDrafts(
    context.keptDrafts,
    ITEM_FIELDS,
    context.selectedId,
    context.drafts,
    nextId,
  );
  return {
    keptDrafts,
    drafts: { ...context.drafts, reply: back.reply ?? '', decline: back.decline ?? '' },
    restoredDrafts: restored,
  };
};
/**
 * The item field an action under way sends: the reply or the decline reason, or `undefined` for
 * any other action.
 */
export const sentFieldOf = (context: InboxContext): ItemDraftField | undefined => {
  const type = context.pending?.action.type;
  return type === 'reply.team' ? 'reply' : type === 'feedback.decline' ? 'decline' : undefined;
};
const scopeOf = (event: InboxEvent) =>
  event.type === 'change.ship' && event.scope === 'item' ? 'item' : 'checked';

/** The bulk form's drafts as the backend's action, or `undefined` while they make none. */
export function bulkActionOf(action: string, value: string): BulkTeamAction | undefined {
  const type = action as InboxBulkActionType;
  if (type === 'tags.add') return isTag(value.trim()) ? { type, tags: [value.trim()] } : undefined;
  if (type === 'assignee.set')
    return value ? { type, assignee: value === INBOX_UNASSIGNED ? null : value } : undefined;
  if (
    type === 'feedback.triage' ||
    type === 'feedback.plan' ||
    type === 'feedback.start' ||
    type === 'feedback.reopen'
  )
    return { type };
  return undefined;
}
const without = (
  errors: InboxContext['errors'],
  ...fields: InboxErrorField[]
): InboxContext['errors'] => {
  const next = { ...errors };
  for (const field of fields) delete next[field];
  return next;
};

/**
 * The actions that refuse an intent by a rule of its form: the error shown at its field, and focus
 * on that field (after `first`, where the change form's earlier errors are cleared).
 */
const refuse = (
  field: InboxErrorField & InboxDraftField,
  code: InboxError['code'],
  first?: 'clearChangeErrors',
) => [
  ...(first ? [first] : []),
  { type: 'fail' as const, params: { field, error: { code } } },
  { type: 'focus' as const, params: field },
];
/** As {@link refuse}, for the change form of the event's scope (the list's or the item's). */
const refuseShip = (
  fields: ['weDid', 'itemWeDid'] | ['href', 'itemHref'],
  code: InboxError['code'],
) => [
  'clearChangeErrors' as const,
  {
    type: 'fail' as const,
    params: ({ event }: { event: InboxEvent }) => ({
      field: scopeOf(event) === 'item' ? fields[1] : fields[0],
      error: { code },
    }),
  },
  {
    type: 'focus' as const,
    params: ({ event }: { event: InboxEvent }) =>
      scopeOf(event) === 'item' ? fields[1] : fields[0],
  },
];

/**
 * The team's inbox as one machine (XState's 7GUIs CRUD: list, filters, selection and drafts
 * together). Parallel regions: the `list` (loading a first page, paging, reloading), the `item`
 * shown, the team's `work` (an action or a shipped change under way) and the side loads
 * (`metrics`, `facets`, `changes`). Every request is an invoked actor, so leaving its state
 * cancels it: a page answered after the filters changed, or an item answered after another was
 * selected, is dropped without any request counter. Side effects are named actors (`loadList`,
 * `loadPage`, `loadItem`, `loadMetrics`, `loadFacets`, `loadChanges`, `act`, `shipChange`,
 * `markRead`); `createInbox` provides them from a `TeamPort`, tests with `machine.provide()`.
 */
export const inboxMachine = /* @__PURE__ */ (() =>
  setup({
    types: {
      context: {} as InboxContext,
      events: {} as InboxEvent,
      input: {} as InboxInput,
      emitted: {} as InboxEmitted,
    },
    actors: {
      loadList: fromPromise<InboxListResult, InboxListRequest>(notProvided('loadList')),
      loadPage: fromPromise<InboxListResult, InboxListRequest & { cursor: string }>(
        notProvided('loadPage'),
      ),
      loadItem: fromPromise<FeedbackItem, { id: string }>(notProvided('loadItem')),
      markRead: fromPromise<FeedbackItem, { id: string }>(notProvided('markRead')),
      loadMetrics: fromPromise<LoopMetrics, { responseTargetHours: number }>(
        notProvided('loadMetrics'),
      ),
      loadFacets: fromPromise<InboxFacets | undefined, void>(notProvided('loadFacets')),
      loadChanges: fromPromise<Change[], void>(notProvided('loadChanges')),
      act: fromPromise<FeedbackItem, { itemId: string; action: TeamActionDraft }>(
        notProvided('act'),
      ),
      shipChange: fromPromise<Change, Omit<ChangeInput, 'id'>>(notProvided('shipChange')),
      actMany: fromPromise<BulkVerdict[], BulkAction>(notProvided('actMany')),
      exportCsv: fromPromise<InboxCsvResult, { query: InboxQuery }>(notProvided('exportCsv')),
    },
    delays: {
      refreshMs: ({ context }) => context.refreshMs,
    },
    guards: {
      hasMore: ({ context }) => context.next !== undefined,
      hasLoaded: ({ context }) => context.loaded,
      hasSelection: ({ context }) => context.selected !== undefined,
      hasKeptDraft: ({ context, event }) =>
        event.type === 'item.select' &&
        event.id !== context.selectedId &&
        context.keptDrafts[event.id] !== undefined,
      isPolling: ({ context }) => context.refreshMs > 0,
      facetsMissing: ({ context }) => context.facetsMissing,
      hasUnreadCustomerReply: ({ context }) =>
        context.selected?.replies.some(
          (reply) =>
            reply.author.kind === 'customer' &&
            !reply.readAt &&
            !context.readRequested.includes(reply.id),
        ) ?? false,
      isReplyEmpty: ({ context }) => context.drafts.reply.trim() === '',
      isReasonEmpty: ({ context }) => context.drafts.decline.trim() === '',
      isWeDidEmpty: ({ context, event }) =>
        context.drafts[scopeOf(event) === 'item' ? 'itemWeDid' : 'weDid'].trim() === '',
      isLinkUnsafe: ({ context, event }) => {
        const href = context.drafts[scopeOf(event) === 'item' ? 'itemHref' : 'href'].trim();
        return href !== '' && !SAFE_CHANGE_URL.test(href);
      },
      isNothingChecked: ({ context }) => context.checked.length === 0,
      isNothingToShip: ({ context, event }) =>
        scopeOf(event) === 'item' ? context.selected === undefined : context.checked.length === 0,
      isTagInvalid: ({ context }) => !isTag(context.drafts.tag.trim()),
      isBulkActionEmpty: ({ context }) => context.drafts.bulkAction === '',
      isBulkTagInvalid: ({ context }) =>
        context.drafts.bulkAction === 'tags.add' && !isTag(context.drafts.bulkValue.trim()),
      isBulkValueEmpty: ({ context }) =>
        bulkActionOf(context.drafts.bulkAction, context.drafts.bulkValue) === undefined,
    },
    actions: {
      assignFilter: assign(({ context, event }) => {
        if (event.type === 'filter.change')
          return {
            filters: withFilter(context.filters, event.name, event.value),
            listReason: 'query' as const,
          };
        if (event.type === 'filters.set') {
          const filters = { ...context.filters, ...definedOf<InboxFilters>(event.filters) };
          return {
            filters,
            listReason: 'query' as const,
            drafts: { ...context.drafts, search: filters.text },
          };
        }
        if (event.type === 'search.submit')
          return {
            filters: { ...context.filters, text: context.drafts.search.trim() },
            listReason: 'query' as const,
          };
        return {};
      }),
      assignList: assign(({ context }, output: InboxListResult) => {
        const items =
          context.listReason === 'keep' ? keepPlaces(context.items, output.items) : output.items;
        return {
          items,
          // Where the selected item is now; one the list no longer holds keeps its last place.
          selectedPlace: placeOf(items, context.selectedId, context.selectedPlace),
          next: output.next,
          loaded: true,
          listReason: 'refresh' as const,
          seenSegments: rememberSegments(context.seenSegments, output.items),
          seenTags: rememberTags(context.seenTags, output.items),
          seenMembers: rememberMembers(context.seenMembers, output.items),
          // The selected item as listed now, unless it is being read on its own.
          selected:
            context.selected && output.items.find((item) => item.id === context.selected?.id)
              ? (output.items.find((item) => item.id === context.selected?.id) ?? context.selected)
              : context.selected,
        };
      }),
      announceList: emit(({ context }) => ({
        type: 'list.loaded' as const,
        count: context.items.length,
        hasMore: context.next !== undefined,
      })),
      appendPage: assign(({ context }, output: InboxListResult) => ({
        items: mergeInboxPage(context.items, output.items),
        next: output.next,
        seenSegments: rememberSegments(context.seenSegments, output.items),
        seenTags: rememberTags(context.seenTags, output.items),
        seenMembers: rememberMembers(context.seenMembers, output.items),
      })),
      assignMetrics: assign((_, metrics: LoopMetrics) => ({ metrics })),
      assignFacets: assign((_, facets: InboxFacets | undefined) =>
        facets ? { facets } : { facets: undefined, facetsMissing: true },
      ),
      noteFacetsError: assign(({ context }, { error }: { error: unknown }) => ({
        facetsMissing: context.facetsMissing || (error as { status?: unknown })?.status === 404,
      })),
      assignChanges: assign((_, changes: Change[]) => ({ changes })),
      assignSelection: assign(({ context, event }) => {
        if (event.type !== 'item.select') return {};
        const same = event.id === context.selectedId;
        return {
          confirmation: undefined,
          selectedId: event.id,
          selectedPlace: placeOf(context.items, event.id, undefined),
          selected:
            context.items.find((item) => item.id === event.id) ??
            (same ? context.selected : undefined),
          ...(same
            ? {}
            : {
                ...switchItemDrafts(context, event.id),
                errors: without(context.errors, 'action', 'reply', 'decline'),
              }),
        };
      }),
      emitRestored: emit(({ context }) => ({
        type: 'draft.restored' as const,
        itemId: context.selectedId as string,
        fields: context.restoredDrafts,
      })),
      emitClosed: emit(({ context }) => ({
        type: 'item.closed' as const,
        itemId: context.selectedId as string,
        focusId: rowToFocus(context.items, context.selectedId as string, context.selectedPlace),
      })),
      clearSelection: assign(({ context }) => ({
        ...switchItemDrafts(context, undefined),
        errors: without(context.errors, 'action', 'reply', 'decline'),
        selectedId: undefined,
        selectedPlace: undefined,
        selected: undefined,
      })),
      assignItem: assign(({ context }, item: FeedbackItem) => ({
        items: replaceInboxItem(context.items, item),
        seenTags: rememberTags(context.seenTags, [item]),
        seenMembers: rememberMembers(context.seenMembers, [item]),
        ...(item.id === context.selectedId ? { selected: item } : {}),
      })),
      requestRead: assign(({ context }) => ({
        readRequested: [
          ...context.readRequested,
          ...(context.selected?.replies ?? [])
            .filter((reply) => reply.author.kind === 'customer' && !reply.readAt)
            .map((reply) => reply.id),
        ],
      })),
      toggleChecked: assign(({ context, event }) => {
        if (event.type !== 'item.check') return {};
        return {
          checked: context.checked.includes(event.id)
            ? context.checked.filter((id) => id !== event.id)
            : [...context.checked, event.id],
        };
      }),
      checkAll: assign(({ context }) => {
        const shown = context.items.map((item) => item.id);
        const all = shown.length > 0 && shown.every((id) => context.checked.includes(id));
        return {
          checked: all
            ? context.checked.filter((id) => !shown.includes(id))
            : [...context.checked, ...shown.filter((id) => !context.checked.includes(id))],
        };
      }),
      assignDraft: assign(({ context, event }) =>
        event.type === 'draft.change'
          ? { drafts: { ...context.drafts, [event.field]: event.value } }
          : {},
      ),
      fail: assign(({ context }, params: { field: InboxErrorField; error: InboxError }) => ({
        errors: { ...context.errors, [params.field]: params.error },
      })),
      focus: emit((_, target: Extract<InboxEmitted, { type: 'focus' }>['target']) => ({
        type: 'focus' as const,
        target,
      })),
      startAction: assign(({ context, event }) => {
        const itemId = context.selected?.id as string;
        if (event.type === 'item.move')
          return {
            confirmation: undefined,
            pending: { itemId, action: { type: event.move }, field: 'action' as const },
          };
        if (event.type === 'tag.add')
          return {
            pending: {
              itemId,
              action: { type: 'tags.add' as const, tags: [context.drafts.tag.trim()] },
              field: 'tag' as const,
            },
          };
        if (event.type === 'tag.remove')
          return {
            pending: {
              itemId,
              action: { type: 'tags.remove' as const, tags: [event.tag] },
              field: 'tag' as const,
            },
          };
        if (event.type === 'assignee.set')
          return {
            pending: {
              itemId,
              action: { type: 'assignee.set' as const, assignee: event.assignee },
              field: 'assignee' as const,
            },
          };
        if (event.type === 'reply.send')
          return {
            pending: {
              itemId,
              action: { type: 'reply.team' as const, body: context.drafts.reply.trim() },
              field: 'reply' as const,
            },
          };
        if (event.type === 'item.decline')
          return {
            pending: {
              itemId,
              action: { type: 'feedback.decline' as const, reason: context.drafts.decline.trim() },
              field: 'decline' as const,
            },
          };
        return {};
      }),
      /** Keeps the shown item's reply or reason where it outlives this machine (the draft store's). */
      keepDraft: () => undefined,
      /** A reply or reason was sent: its kept draft goes (the draft store's). */
      dropSentDraft: () => undefined,
      finishAction: assign(({ context }, item: FeedbackItem) => {
        const sent = sentFieldOf(context);
        // What was sent is cleared where it is now: in the fields, or kept for an item left since.
        const here = context.pending?.itemId === context.selectedId;
        const keptDrafts = { ...context.keptDrafts };
        const kept = context.pending ? keptDrafts[context.pending.itemId] : undefined;
        if (!here && sent && kept && context.pending) {
          const { [sent]: _sent, ...rest } = kept;
          if (Object.keys(rest).length > 0) keptDrafts[context.pending.itemId] = rest;
          else delete keptDrafts[context.pending.itemId];
        }
        return {
          pending: undefined,
          errors: without(context.errors, 'action', 'reply', 'decline', 'tag', 'assignee'),
          drafts: {
            ...context.drafts,
            ...(here && sent ? { [sent]: '' } : {}),
            ...(context.pending?.action.type === 'tags.add' ? { tag: '' } : {}),
          },
          keptDrafts,
          restoredDrafts:
            here && sent
              ? context.restoredDrafts.filter((field) => field !== sent)
              : context.restoredDrafts,
          seenTags: rememberTags(context.seenTags, [item]),
          seenMembers: rememberMembers(context.seenMembers, [item]),
          // The item stays where it is in the list (the team keeps its place) until a reload.
          items: replaceInboxItem(context.items, item),
          ...(item.id === context.selectedId ? { selected: item } : {}),
        };
      }),
      emitMoved: emit(({ context }, item: FeedbackItem) => ({
        type: 'item.moved' as const,
        item,
        action: context.pending?.action.type ?? 'feedback.triage',
        draft: context.pending?.action ?? { type: 'feedback.triage' as const },
      })),
      focusAfterAction: emit(({ context }) => ({
        type: 'focus' as const,
        target:
          context.pending?.action.type === 'reply.team'
            ? ('reply' as const)
            : context.pending?.action.type === 'tags.add'
              ? ('tag' as const)
              : ('status' as const),
      })),
      failAction: assign(({ context }, { error }: { error: unknown }) => ({
        errors: { ...context.errors, [context.pending?.field ?? 'action']: failed(error) },
        pending: undefined,
      })),
      failShipping: assign(({ context }, { error }: { error: unknown }) => ({
        errors: {
          ...context.errors,
          [context.shipScope === 'item' ? 'itemChange' : 'change']: failed(error),
        },
      })),
      startShipping: assign(({ context, event }) => ({
        shipScope: scopeOf(event),
        confirmation: undefined,
        errors: without(
          context.errors,
          'change',
          'weDid',
          'href',
          'itemChange',
          'itemWeDid',
          'itemHref',
        ),
      })),
      finishShipping: assign(({ context }, change: Change) => ({
        ...(context.shipScope === 'item'
          ? { drafts: { ...context.drafts, itemWeDid: '', itemHref: '' } }
          : {
              checked: [],
              drafts: { ...context.drafts, weDid: '', details: '', href: '', linkLabel: '' },
            }),
        confirmation: {
          type: 'shipped' as const,
          scope: context.shipScope,
          count: change.itemIds.length,
        },
      })),
      clearChangeErrors: assign(({ context }) => ({
        errors: without(
          context.errors,
          'change',
          'weDid',
          'href',
          'itemChange',
          'itemWeDid',
          'itemHref',
        ),
      })),
      emitShipped: emit(({ context }, change: Change) => ({
        type: 'change.shipped' as const,
        change,
        scope: context.shipScope,
      })),
      startBulk: assign(({ context }) => ({
        confirmation: undefined,
        errors: without(context.errors, 'bulk', 'bulkAction', 'bulkValue'),
        bulk: {
          ids: context.checked.slice(0, MAX_BULK_ITEMS),
          action: bulkActionOf(
            context.drafts.bulkAction,
            context.drafts.bulkValue,
          ) as BulkTeamAction,
        },
      })),
      finishBulk: assign(({ context }, verdicts: BulkVerdict[]) => {
        let items = context.items;
        let selected = context.selected;
        const refused: { id: string; message: string }[] = [];
        for (const verdict of verdicts) {
          if (verdict.outcome === 'refused') {
            refused.push({ id: verdict.id, message: verdict.error.message });
            continue;
          }
          items = replaceInboxItem(items, verdict.item);
          if (verdict.item.id === selected?.id) selected = verdict.item;
        }
        const done = verdicts.filter((verdict) => verdict.outcome === 'done');
        return {
          items,
          selected,
          // The refused stay ticked, to try again or look at.
          checked: refused.map((entry) => entry.id),
          bulk: undefined,
          seenTags: rememberTags(
            context.seenTags,
            done.flatMap((verdict) => (verdict.outcome === 'done' ? [verdict.item] : [])),
          ),
          confirmation: {
            type: 'bulk' as const,
            action: context.bulk?.action as BulkTeamAction,
            done: done.length,
            refused,
          },
        };
      }),
      emitBulk: emit(({ context }, verdicts: BulkVerdict[]) => ({
        type: 'bulk.done' as const,
        action: context.bulk?.action as BulkTeamAction,
        verdicts,
      })),
      failBulk: assign(({ context }, { error }: { error: unknown }) => ({
        errors: { ...context.errors, bulk: failed(error) },
        bulk: undefined,
      })),
      refreshAll: raise({ type: 'inbox.refresh' }),
    },
  }).createMachine({
    id: 'inbox',
    type: 'parallel',
    on: {
      'item.check': { actions: 'toggleChecked' },
      'items.checkAll': { actions: 'checkAll' },
      'draft.change': { actions: ['assignDraft', 'keepDraft'] },
    },
    context: ({ input }) => ({
      pageSize: Math.min(
        MAX_INBOX_PAGE_SIZE,
        Math.max(1, Math.floor(input.pageSize ?? INBOX_PAGE_SIZE)),
      ),
      responseTargetHours: input.responseTargetHours ?? 48,
      refreshMs: input.refreshMs ?? 60_000,
      linkLabelDefault: input.linkLabelDefault ?? 'Read more',
      filters: { ...DEFAULT_INBOX_FILTERS, ...definedOf<InboxFilters>(input.filters) },
      items: [],
      next: undefined,
      loaded: false,
      listReason: 'query',
      seenSegments: {},
      metrics: undefined,
      facets: undefined,
      facetsMissing: false,
      changes: [],
      selectedId: undefined,
      selectedPlace: undefined,
      selected: undefined,
      readRequested: [],
      checked: [],
      seenTags: [],
      seenMembers: {},
      confirmation: undefined,
      bulk: undefined,
      shipScope: 'checked',
      drafts: { ...EMPTY_DRAFTS, search: input.filters?.text ?? '' },
      keptDrafts: keptDraftsWithText(input.keptDrafts, ITEM_FIELDS),
      restoredDrafts: [],
      errors: {},
      pending: undefined,
    }),
    states: {
      list: {
        initial: 'loading',
        on: {
          'filter.change': { target: '.loading', actions: 'assignFilter' },
          'filters.set': { target: '.loading', actions: 'assignFilter' },
          'search.submit': { target: '.loading', actions: 'assignFilter' },
        },
        states: {
          loading: {
            tags: ['loading'],
            invoke: {
              src: 'loadList',
              // A new query starts from its first page; the same query (a refresh) reloads as many
              // items as are shown, so "Show more" is not undone.
              input: ({ context }) => ({
                query: toInboxQuery(context.filters),
                wanted:
                  context.listReason === 'query'
                    ? context.pageSize
                    : Math.max(context.pageSize, context.items.length),
              }),
              onDone: [
                {
                  guard: ({ context }) => context.listReason === 'query' && context.loaded,
                  target: 'ready',
                  actions: [
                    { type: 'assignList', params: ({ event }) => event.output },
                    'announceList',
                  ],
                },
                {
                  target: 'ready',
                  actions: { type: 'assignList', params: ({ event }) => event.output },
                },
              ],
              onError: [
                // A failed reload keeps what the team already sees.
                {
                  guard: 'hasLoaded',
                  target: 'ready',
                  actions: assign({ listReason: 'refresh' as const }),
                },
                { target: 'failed' },
              ],
            },
          },
          ready: {
            on: {
              'list.more': { guard: 'hasMore', target: 'paging' },
              'inbox.refresh': { target: 'loading' },
              'inbox.reload': {
                target: 'loading',
                actions: assign({ listReason: 'keep' as const }),
              },
            },
          },
          paging: {
            invoke: {
              src: 'loadPage',
              input: ({ context }) => ({
                query: toInboxQuery(context.filters),
                wanted: context.pageSize,
                cursor: context.next as string,
              }),
              onDone: {
                target: 'ready',
                actions: [
                  emit(({ context, event }) => {
                    const known = new Set(context.items.map((item) => item.id));
                    const added = event.output.items
                      .filter((item) => !known.has(item.id))
                      .map((item) => item.id);
                    const count = mergeInboxPage(context.items, event.output.items).length;
                    // Focus goes to the first new item; with none and no button left, to the last.
                    const focusId =
                      added[0] ??
                      (event.output.next
                        ? undefined
                        : (event.output.items.at(-1)?.id ?? context.items.at(-1)?.id));
                    return {
                      type: 'list.paged' as const,
                      added,
                      count,
                      hasMore: event.output.next !== undefined,
                      focusId,
                    };
                  }),
                  { type: 'appendPage', params: ({ event }) => event.output },
                ],
              },
              onError: { target: 'pagingFailed' },
            },
            on: {
              'inbox.refresh': { target: 'loading' },
              'inbox.reload': {
                target: 'loading',
                actions: assign({ listReason: 'keep' as const }),
              },
            },
          },
          pagingFailed: {
            on: {
              'list.more': { guard: 'hasMore', target: 'paging' },
              'inbox.refresh': { target: 'loading' },
              'inbox.reload': {
                target: 'loading',
                actions: assign({ listReason: 'keep' as const }),
              },
            },
          },
          failed: {
            on: { 'inbox.refresh': { target: 'loading' } },
          },
        },
      },
      item: {
        initial: 'none',
        on: {
          'item.select': [
            {
              // Text written for it earlier and not sent: given back, and said.
              guard: 'hasKeptDraft',
              target: '.loading',
              actions: ['assignSelection', { type: 'focus', params: 'heading' }, 'emitRestored'],
            },
            {
              target: '.loading',
              actions: ['assignSelection', { type: 'focus', params: 'heading' }],
            },
          ],
          'item.close': [
            {
              guard: ({ context }) => context.selectedId !== undefined,
              target: '.none',
              actions: ['emitClosed', 'clearSelection'],
            },
            { target: '.none', actions: 'clearSelection' },
          ],
        },
        states: {
          none: {},
          loading: {
            invoke: {
              src: 'loadItem',
              input: ({ context }) => ({ id: context.selectedId as string }),
              onDone: {
                target: 'shown',
                actions: { type: 'assignItem', params: ({ event }) => event.output },
              },
              // The item as listed stays shown.
              onError: { target: 'shown' },
            },
          },
          shown: {
            always: { guard: 'hasUnreadCustomerReply', target: 'marking', actions: 'requestRead' },
            on: { 'inbox.refresh': { target: 'loading' } },
          },
          // Reading an item marks the customer's messages read: their receipt.
          marking: {
            invoke: {
              src: 'markRead',
              input: ({ context }) => ({ id: context.selectedId as string }),
              onDone: {
                target: 'shown',
                actions: { type: 'assignItem', params: ({ event }) => event.output },
              },
              onError: { target: 'shown' },
            },
          },
        },
      },
      work: {
        initial: 'idle',
        states: {
          idle: {
            on: {
              'item.move': { guard: 'hasSelection', target: 'acting', actions: 'startAction' },
              'reply.send': [
                {
                  guard: 'isReplyEmpty',
                  actions: refuse('reply', 'replyEmpty'),
                },
                { guard: 'hasSelection', target: 'acting', actions: 'startAction' },
              ],
              'item.decline': [
                {
                  guard: 'isReasonEmpty',
                  actions: refuse('decline', 'declineReasonRequired'),
                },
                { guard: 'hasSelection', target: 'acting', actions: 'startAction' },
              ],
              'change.ship': [
                {
                  guard: 'isWeDidEmpty',
                  actions: refuseShip(['weDid', 'itemWeDid'], 'changeWeDidRequired'),
                },
                {
                  guard: 'isLinkUnsafe',
                  actions: refuseShip(['href', 'itemHref'], 'changeLinkInvalid'),
                },
                {
                  guard: 'isNothingToShip',
                  actions: [
                    'clearChangeErrors',
                    {
                      type: 'fail',
                      params: ({ event }) => ({
                        field: scopeOf(event) === 'item' ? 'itemChange' : 'change',
                        error: { code: 'selectedNone' },
                      }),
                    },
                  ],
                },
                { target: 'shipping', actions: 'startShipping' },
              ],
              'tag.add': [
                { guard: 'isTagInvalid', actions: refuse('tag', 'tagInvalid') },
                { guard: 'hasSelection', target: 'acting', actions: 'startAction' },
              ],
              'tag.remove': { guard: 'hasSelection', target: 'acting', actions: 'startAction' },
              'assignee.set': { guard: 'hasSelection', target: 'acting', actions: 'startAction' },
              'bulk.apply': [
                {
                  guard: 'isBulkActionEmpty',
                  actions: refuse('bulkAction', 'bulkActionRequired'),
                },
                { guard: 'isBulkTagInvalid', actions: refuse('bulkValue', 'tagInvalid') },
                { guard: 'isBulkValueEmpty', actions: refuse('bulkValue', 'bulkValueRequired') },
                {
                  guard: 'isNothingChecked',
                  actions: {
                    type: 'fail',
                    params: { field: 'bulk', error: { code: 'selectedNone' } },
                  },
                },
                { target: 'bulking', actions: 'startBulk' },
              ],
            },
          },
          acting: {
            tags: ['busy'],
            invoke: {
              src: 'act',
              input: ({ context }) => ({
                itemId: context.pending?.itemId as string,
                action: context.pending?.action as TeamActionDraft,
              }),
              onDone: {
                target: 'idle',
                actions: [
                  { type: 'emitMoved', params: ({ event }) => event.output },
                  'focusAfterAction',
                  // Before `finishAction`, which forgets what was sent.
                  'dropSentDraft',
                  { type: 'finishAction', params: ({ event }) => event.output },
                  raise({ type: 'inbox.reload' }),
                ],
              },
              onError: {
                target: 'idle',
                actions: { type: 'failAction', params: ({ event }) => ({ error: event.error }) },
              },
            },
          },
          bulking: {
            tags: ['busy'],
            invoke: {
              src: 'actMany',
              input: ({ context }) => context.bulk as BulkAction,
              onDone: {
                target: 'idle',
                actions: [
                  { type: 'emitBulk', params: ({ event }) => event.output },
                  { type: 'finishBulk', params: ({ event }) => event.output },
                  raise({ type: 'inbox.reload' }),
                ],
              },
              onError: {
                target: 'idle',
                actions: { type: 'failBulk', params: ({ event }) => ({ error: event.error }) },
              },
            },
          },
          shipping: {
            tags: ['busy'],
            invoke: {
              src: 'shipChange',
              input: ({ context }) => {
                if (context.shipScope === 'item') {
                  const href = context.drafts.itemHref.trim();
                  return {
                    weDid: context.drafts.itemWeDid.trim(),
                    ...(href ? { link: { href, label: context.linkLabelDefault } } : {}),
                    itemIds: [context.selected?.id as string],
                  };
                }
                const { weDid, details, href, linkLabel } = context.drafts;
                return {
                  weDid: weDid.trim(),
                  ...(details.trim() ? { details: details.trim() } : {}),
                  ...(href.trim()
                    ? {
                        link: {
                          href: href.trim(),
                          label: linkLabel.trim() || context.linkLabelDefault,
                        },
                      }
                    : {}),
                  itemIds: context.checked,
                };
              },
              onDone: {
                target: 'idle',
                actions: [
                  { type: 'finishShipping', params: ({ event }) => event.output },
                  { type: 'emitShipped', params: ({ event }) => event.output },
                  'refreshAll',
                ],
              },
              onError: {
                target: 'idle',
                actions: { type: 'failShipping', params: ({ event }) => ({ error: event.error }) },
              },
            },
          },
        },
      },
      metrics: {
        initial: 'loading',
        states: {
          loading: {
            invoke: {
              src: 'loadMetrics',
              input: ({ context }) => ({ responseTargetHours: context.responseTargetHours }),
              onDone: {
                target: 'ready',
                actions: { type: 'assignMetrics', params: ({ event }) => event.output },
              },
              onError: [
                { guard: ({ context }) => context.metrics !== undefined, target: 'ready' },
                { target: 'failed' },
              ],
            },
          },
          ready: {},
          failed: {},
        },
        on: {
          'inbox.refresh': { target: '.loading' },
          'inbox.reload': { target: '.loading' },
        },
      },
      facets: {
        initial: 'loading',
        states: {
          loading: {
            always: { guard: 'facetsMissing', target: 'missing' },
            invoke: {
              src: 'loadFacets',
              onDone: {
                target: 'ready',
                actions: { type: 'assignFacets', params: ({ event }) => event.output },
              },
              onError: {
                target: 'ready',
                actions: {
                  type: 'noteFacetsError',
                  params: ({ event }) => ({ error: event.error }),
                },
              },
            },
          },
          ready: {},
          missing: {},
        },
        on: { 'inbox.refresh': { target: '.loading' } },
      },
      changes: {
        initial: 'loading',
        states: {
          loading: {
            invoke: {
              src: 'loadChanges',
              onDone: {
                target: 'ready',
                actions: { type: 'assignChanges', params: ({ event }) => event.output },
              },
              onError: { target: 'ready' },
            },
          },
          ready: {},
        },
        on: { 'inbox.refresh': { target: '.loading' } },
      },
      csv: {
        initial: 'idle',
        states: {
          idle: {
            on: {
              'csv.export': {
                target: 'exporting',
                actions: assign(({ context }) => ({ errors: without(context.errors, 'csv') })),
              },
            },
          },
          exporting: {
            tags: ['exporting'],
            invoke: {
              src: 'exportCsv',
              input: ({ context }) => ({ query: toInboxQuery(context.filters) }),
              onDone: {
                target: 'idle',
                actions: emit(({ event }) => ({ type: 'csv.ready' as const, ...event.output })),
              },
              onError: {
                target: 'idle',
                actions: assign(({ context, event }) => ({
                  errors: { ...context.errors, csv: failed(event.error) },
                })),
              },
            },
          },
        },
      },
      polling: {
        initial: 'waiting',
        states: {
          waiting: {
            after: {
              refreshMs: {
                guard: 'isPolling',
                target: 'waiting',
                reenter: true,
                actions: 'refreshAll',
              },
            },
          },
        },
      },
    },
  }))();
