import { assign, emit, fromPromise, raise, setup } from 'xstate';
import type {
  Change,
  ChangeInput,
  FeedbackItem,
  InboxFacets,
  LoopMetrics,
} from '../feedback/feedback.schema';
import { INBOX_PAGE_SIZE, MAX_INBOX_PAGE_SIZE } from '../feedback/feedback.schema';
import {
  DEFAULT_INBOX_FILTERS,
  type InboxContext,
  type InboxDraftField,
  type InboxEmitted,
  type InboxError,
  type InboxErrorField,
  type InboxEvent,
  type InboxInput,
  type InboxListRequest,
  type InboxListResult,
  type TeamActionDraft,
} from './inbox.schema';
import {
  keepPlaces,
  mergeInboxPage,
  rememberSegments,
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
};
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
    },
    delays: {
      refreshMs: ({ context }) => context.refreshMs,
    },
    guards: {
      hasMore: ({ context }) => context.next !== undefined,
      hasLoaded: ({ context }) => context.loaded,
      hasSelection: ({ context }) => context.selected !== undefined,
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
      isWeDidEmpty: ({ context }) => context.drafts.weDid.trim() === '',
      isLinkUnsafe: ({ context }) => {
        const href = context.drafts.href.trim();
        return href !== '' && !SAFE_CHANGE_URL.test(href);
      },
      isNothingChecked: ({ context }) => context.checked.length === 0,
    },
    actions: {
      assignFilter: assign(({ context, event }) => {
        if (event.type === 'filter.change')
          return {
            filters: withFilter(context.filters, event.name, event.value),
            listReason: 'query' as const,
          };
        if (event.type === 'filters.set')
          return {
            filters: { ...context.filters, ...event.filters },
            listReason: 'query' as const,
          };
        return {};
      }),
      assignList: assign(({ context }, output: InboxListResult) => ({
        items:
          context.listReason === 'keep' ? keepPlaces(context.items, output.items) : output.items,
        next: output.next,
        loaded: true,
        listReason: 'refresh' as const,
        seenSegments: rememberSegments(context.seenSegments, output.items),
        // The selected item as listed now, unless it is being read on its own.
        selected:
          context.selected && output.items.find((item) => item.id === context.selected?.id)
            ? (output.items.find((item) => item.id === context.selected?.id) ?? context.selected)
            : context.selected,
      })),
      announceList: emit(({ context }) => ({
        type: 'list.loaded' as const,
        count: context.items.length,
        hasMore: context.next !== undefined,
      })),
      appendPage: assign(({ context }, output: InboxListResult) => ({
        items: mergeInboxPage(context.items, output.items),
        next: output.next,
        seenSegments: rememberSegments(context.seenSegments, output.items),
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
          selectedId: event.id,
          selected:
            context.items.find((item) => item.id === event.id) ??
            (same ? context.selected : undefined),
          ...(same
            ? {}
            : {
                drafts: { ...context.drafts, reply: '', decline: '' },
                errors: without(context.errors, 'action', 'reply', 'decline'),
              }),
        };
      }),
      clearSelection: assign({ selectedId: undefined, selected: undefined }),
      assignItem: assign(({ context }, item: FeedbackItem) =>
        item.id === context.selectedId
          ? { selected: item, items: replaceInboxItem(context.items, item) }
          : { items: replaceInboxItem(context.items, item) },
      ),
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
          return { pending: { itemId, action: { type: event.move }, field: 'action' as const } };
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
      finishAction: assign(({ context }, item: FeedbackItem) => {
        const type = context.pending?.action.type;
        return {
          pending: undefined,
          errors: without(context.errors, 'action', 'reply', 'decline'),
          drafts: {
            ...context.drafts,
            ...(type === 'reply.team' ? { reply: '' } : {}),
            ...(type === 'feedback.decline' ? { decline: '' } : {}),
          },
          // The item stays where it is in the list (the team keeps its place) until a reload.
          items: replaceInboxItem(context.items, item),
          ...(item.id === context.selectedId ? { selected: item } : {}),
        };
      }),
      emitMoved: emit(({ context }, item: FeedbackItem) => ({
        type: 'item.moved' as const,
        item,
        action: context.pending?.action.type ?? 'feedback.triage',
      })),
      focusAfterAction: emit(({ context }) => ({
        type: 'focus' as const,
        target:
          context.pending?.action.type === 'reply.team' ? ('reply' as const) : ('status' as const),
      })),
      failAction: assign(({ context }, { error }: { error: unknown }) => ({
        errors: { ...context.errors, [context.pending?.field ?? 'action']: failed(error) },
        pending: undefined,
      })),
      failShipping: assign(({ context }, { error }: { error: unknown }) => ({
        errors: { ...context.errors, change: failed(error) },
      })),
      finishShipping: assign(({ context }) => ({
        checked: [],
        drafts: { ...context.drafts, weDid: '', details: '', href: '', linkLabel: '' },
        errors: without(context.errors, 'change', 'weDid', 'href'),
      })),
      clearChangeErrors: assign(({ context }) => ({
        errors: without(context.errors, 'change', 'weDid', 'href'),
      })),
      emitShipped: emit((_, change: Change) => ({ type: 'change.shipped' as const, change })),
      refreshAll: raise({ type: 'inbox.refresh' }),
    },
  }).createMachine({
    id: 'inbox',
    type: 'parallel',
    on: {
      'item.check': { actions: 'toggleChecked' },
      'draft.change': { actions: 'assignDraft' },
    },
    context: ({ input }) => ({
      pageSize: Math.min(
        MAX_INBOX_PAGE_SIZE,
        Math.max(1, Math.floor(input.pageSize ?? INBOX_PAGE_SIZE)),
      ),
      responseTargetHours: input.responseTargetHours ?? 48,
      refreshMs: input.refreshMs ?? 60_000,
      linkLabelDefault: input.linkLabelDefault ?? 'Read more',
      filters: { ...DEFAULT_INBOX_FILTERS, ...definedOf(input.filters) },
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
      selected: undefined,
      readRequested: [],
      checked: [],
      drafts: EMPTY_DRAFTS,
      errors: {},
      pending: undefined,
    }),
    states: {
      list: {
        initial: 'loading',
        on: {
          'filter.change': { target: '.loading', actions: 'assignFilter' },
          'filters.set': { target: '.loading', actions: 'assignFilter' },
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
          'item.select': {
            target: '.loading',
            actions: ['assignSelection', { type: 'focus', params: 'heading' }],
          },
          'item.close': { target: '.none', actions: 'clearSelection' },
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
                  actions: refuse('weDid', 'changeWeDidRequired', 'clearChangeErrors'),
                },
                {
                  guard: 'isLinkUnsafe',
                  actions: refuse('href', 'changeLinkInvalid', 'clearChangeErrors'),
                },
                {
                  guard: 'isNothingChecked',
                  actions: [
                    'clearChangeErrors',
                    { type: 'fail', params: { field: 'change', error: { code: 'selectedNone' } } },
                  ],
                },
                { target: 'shipping', actions: 'clearChangeErrors' },
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
          shipping: {
            tags: ['busy'],
            invoke: {
              src: 'shipChange',
              input: ({ context }) => {
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
                  'finishShipping',
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
