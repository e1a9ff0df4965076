import { assign, emit, enqueueActions, fromPromise, setup } from 'xstate';
import { keptDraftsWithText, switchKeptDrafts } from '../drafts/drafts.switch';
import { placeOf, rowToFocus } from '../shared/shared.places';
import type {
  BoardSort,
  ChangelogEntry,
  ChangelogInput,
  Comment,
  Idea,
  IdeaApproval,
  IdeaKind,
  ModerationAction,
  OnBehalfVote,
  StatusMove,
  TeamIdeaPage,
  TeamIdeaQuery,
  Vote,
} from './board.schema';

/** What the team's list shows: order, moderation states, statuses and a search. */
export interface BoardTeamFilters {
  sort: BoardSort;
  approval?: IdeaApproval[] | undefined;
  status?: string[] | undefined;
  search?: string | undefined;
  /** Only ideas or only bug reports (the inbox's kind filter). */
  kind?: IdeaKind | undefined;
  /** Only the ideas in one of the board's categories. */
  categoryId?: string | undefined;
}

/** An idea as the team opens it: its comments and its votes (segments frozen at vote time). */
export interface TeamIdeaDetail {
  idea: Idea;
  comments: Comment[];
  votes: Vote[];
}

/**
 * What the team does on the board, as data: moderation (approve, hide, spam, a new title), a
 * status move, a merge and its undo, a vote on a customer's behalf, a team comment or the official
 * response, and a changelog entry (the shipped change that sends the impact notices).
 */
export type BoardTeamAction =
  | { type: 'moderate'; ideaId: string; action: ModerationAction }
  | { type: 'setStatus'; ideaId: string; move: StatusMove }
  | { type: 'merge'; ideaId: string; intoId: string }
  | { type: 'unmerge'; ideaId: string }
  | { type: 'voteOnBehalf'; vote: OnBehalfVote }
  | { type: 'comment'; ideaId: string; body: string; official: boolean }
  | { type: 'publishChangelog'; entry: ChangelogInput };

/** What an action gave back: the idea it changed, the comment posted, or the entry published. */
export type BoardTeamResult =
  | { kind: 'idea'; idea: Idea }
  | { kind: 'comment'; comment: Comment }
  | { kind: 'changelog'; entry: ChangelogEntry };

/**
 * The open idea's panel fields whose unsent value the machine keeps, by idea: a new title, the
 * category chosen (`''` for none), the status chosen and a decline's reason, the idea to merge
 * into, the customer to vote for, the official response and a team comment.
 */
export type BoardTeamDraftField =
  | 'title'
  | 'category'
  | 'status'
  | 'reason'
  | 'into'
  | 'customer'
  | 'official'
  | 'comment';

/** One idea's unsent values, by field (a field not touched is absent: it shows its default). */
export type BoardTeamDrafts = Partial<Record<BoardTeamDraftField, string>>;

/**
 * The changelog entry being written: its title, details, the ideas it ships and feedback item ids
 * as typed. `id` is the entry's once a publication was tried, so trying again after a failure (the
 * entry stored, its items not yet shipped) publishes the same entry once, never a second one.
 */
export interface ChangelogComposerDraft {
  id: string | undefined;
  title: string;
  body: string;
  /** Feedback item ids as typed (separated by spaces or commas). */
  items: string;
  ideaIds: string[];
  /**
   * The title the entry was published with, when it was stored and its feedback items then
   * failed to ship: publishing again ships them under that entry, so its text no longer changes.
   */
  storedTitle?: string | undefined;
}

/**
 * A changelog entry that was stored and whose feedback items then failed to ship (the message is
 * the shipping's): the team board machine keeps the entry's title for the composer to say so.
 */
export class StoredChangelogError extends Error {
  /** The entry as it was stored. */
  readonly entry: { id: string; title: string };
  constructor(entry: { id: string; title: string }, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'StoredChangelogError';
    this.entry = entry;
  }
}

/** An empty changelog entry. */
export const EMPTY_CHANGELOG: ChangelogComposerDraft = {
  id: undefined,
  title: '',
  body: '',
  items: '',
  ideaIds: [],
};

/** What the team's board machine holds. */
export interface BoardTeamContext {
  filters: BoardTeamFilters;
  ideas: Idea[];
  next: string | undefined;
  listError: string | undefined;
  /** The idea open in the detail panel. */
  selectedId: string | undefined;
  /**
   * Where the open idea sits in the list (or sat, when a reload no longer lists it: an action moved
   * it out of the filters), so closing it can go back to that place.
   */
  selectedPlace: number | undefined;
  detail: TeamIdeaDetail | undefined;
  detailError: string | undefined;
  /** The open idea's unsent values, as typed (a field not touched is absent). */
  drafts: BoardTeamDrafts;
  /** Other ideas' unsent values, kept when the team opened another idea or closed the panel. */
  keptDrafts: Record<string, BoardTeamDrafts>;
  /** The fields of the open idea that came back from `keptDrafts` when it opened. */
  restoredDrafts: BoardTeamDraftField[];
  /** The changelog entry being written (kept until it is published). */
  changelog: ChangelogComposerDraft;
  /** The action on its way (one at a time). */
  running: BoardTeamAction | undefined;
  /** The last action that succeeded, with what it gave back (the UI announces it). */
  done: { action: BoardTeamAction; result: BoardTeamResult } | undefined;
  /** The last action that failed, and why (the UI says so; nothing changed). */
  failed: { action: BoardTeamAction; message: string } | undefined;
}

/** Everything that can happen on the team's board. */
export type BoardTeamEvent =
  | { type: 'filters.change'; filters: Partial<BoardTeamFilters> }
  | { type: 'list.more' }
  | { type: 'list.retry' }
  | { type: 'list.refresh' }
  | { type: 'idea.select'; ideaId: string | undefined }
  | { type: 'draft.change'; field: BoardTeamDraftField; value: string }
  | {
      type: 'changelog.change';
      changes: Partial<Pick<ChangelogComposerDraft, 'title' | 'body' | 'items' | 'ideaIds'>>;
    }
  | { type: 'changelog.clear' }
  | { type: 'team.act'; action: BoardTeamAction };

/**
 * What the team's board machine tells its host (`actor.on(type, …)`): the open idea closed, and
 * the list's row focus goes back to: the idea's own, or, when the list no longer holds it, the row
 * now in its place (the last, if the list got shorter; the first, for an idea never listed), or
 * none when the list is empty.
 */
export type BoardTeamEmitted = { type: 'idea.closed'; ideaId: string; focusId: string | undefined };

/** Input of the team's board machine. */
export interface BoardTeamInput {
  filters?: Partial<BoardTeamFilters>;
  /**
   * Unsent values from before, by idea (`keptBoardTeamDrafts(store, by.id)`: what a draft store
   * kept when the team left), given back when their idea opens.
   */
  keptDrafts?: Record<string, BoardTeamDrafts> | undefined;
  /**
   * A changelog entry written before and not published (`keptBoardTeamDrafts(store, by.id)`), with
   * the id a publication of it was tried with, if one was, and its stored title when it was stored
   * and its feedback items did not ship.
   */
  changelog?:
    | Partial<Pick<ChangelogComposerDraft, 'id' | 'title' | 'body' | 'items' | 'storedTitle'>>
    | undefined;
}

const DRAFT_FIELDS = [
  'title',
  'category',
  'status',
  'reason',
  'into',
  'customer',
  'official',
  'comment',
] as const satisfies readonly BoardTeamDraftField[];

/**
 * The drafts once the open idea changes to `nextId` (or to none): what was typed for the idea left
 * is kept under its id, and what was kept for `nextId` comes back.
 */
const switchDrafts = (context: BoardTeamContext, nextId: string | undefined) => {
  const { keptDrafts, back, restored } = switchKeptDrafts(
    context.keptDrafts,
    DRAFT_FIELDS,
    context.selectedId,
    context.drafts,
    nextId,
  );
  return { keptDrafts, drafts: back, restoredDrafts: restored };
};

/**
 * What an action sent from the panel's fields, by field, and for which idea: once it succeeds,
 * each field still holding what was sent is cleared (a value typed on since stays).
 */
export function sentDraftsOf(
  action: BoardTeamAction,
): { ideaId: string; sent: BoardTeamDrafts } | undefined {
  switch (action.type) {
    case 'moderate':
      return action.action.type === 'editTitle'
        ? { ideaId: action.ideaId, sent: { title: action.action.title } }
        : action.action.type === 'setCategory'
          ? { ideaId: action.ideaId, sent: { category: action.action.categoryId ?? '' } }
          : undefined;
    case 'setStatus':
      return {
        ideaId: action.ideaId,
        sent: { status: action.move.status, reason: action.move.reason ?? '' },
      };
    case 'merge':
      return { ideaId: action.ideaId, sent: { into: action.intoId } };
    case 'voteOnBehalf':
      return { ideaId: action.vote.ideaId, sent: { customer: action.vote.customerId } };
    case 'comment':
      return {
        ideaId: action.ideaId,
        sent: action.official ? { official: action.body } : { comment: action.body },
      };
    default:
      return undefined;
  }
}

/** The fields of `drafts` that still hold what `sent` sent (compared without outer spaces). */
export function sentFieldsIn(
  drafts: BoardTeamDrafts,
  sent: BoardTeamDrafts,
): BoardTeamDraftField[] {
  return DRAFT_FIELDS.filter((field) => {
    const value = sent[field];
    const draft = drafts[field];
    return value !== undefined && draft !== undefined && draft.trim() === value.trim();
  });
}

/** The drafts once `action` succeeded: what it sent is cleared, here or where it is kept. */
const clearSent = (context: BoardTeamContext, action: BoardTeamAction) => {
  const sentBy = sentDraftsOf(action);
  if (!sentBy) return {};
  const { ideaId, sent } = sentBy;
  const drop = (drafts: BoardTeamDrafts) => {
    const rest = { ...drafts };
    for (const field of sentFieldsIn(drafts, sent)) delete rest[field];
    return rest;
  };
  if (ideaId === context.selectedId) {
    const drafts = drop(context.drafts);
    return {
      drafts,
      restoredDrafts: context.restoredDrafts.filter((field) => drafts[field] !== undefined),
    };
  }
  const kept = context.keptDrafts[ideaId];
  if (!kept) return {};
  const keptDrafts = { ...context.keptDrafts };
  const rest = drop(kept);
  if (Object.keys(rest).length > 0) keptDrafts[ideaId] = rest;
  else delete keptDrafts[ideaId];
  return { keptDrafts };
};

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const notProvided = (name: string) => () =>
  Promise.reject(
    new Error(`The team board's "${name}" actor was not provided: use createBoardTeam().`),
  );

/** The team list's debounce for a typed search. */
const SEARCH_DEBOUNCE_MS = 300;

/**
 * The team's side of the board as one machine, like XState's CRUD example: `list` loads the
 * ideas for the filters (the approval queue is `approval: ['pending']`) and pages on; `detail`
 * opens one idea with its comments and votes; `action` runs one team action at a time (`act`) and,
 * when it succeeds, reloads the list and the open idea, so a merge or a changelog entry shows
 * everywhere it changed something. A failed action changes nothing and says why.
 */
export const boardTeamMachine = /* @__PURE__ */ (() =>
  setup({
    types: {
      context: {} as BoardTeamContext,
      input: {} as BoardTeamInput,
      events: {} as BoardTeamEvent,
      emitted: {} as BoardTeamEmitted,
    },
    actors: {
      loadIdeas: fromPromise<TeamIdeaPage, TeamIdeaQuery>(notProvided('loadIdeas')),
      loadIdea: fromPromise<TeamIdeaDetail, { ideaId: string }>(notProvided('loadIdea')),
      act: fromPromise<BoardTeamResult, BoardTeamAction>(notProvided('act')),
    },
    guards: {
      hasMore: ({ context }) => context.next !== undefined,
      isSearchChange: ({ event }) =>
        event.type === 'filters.change' && Object.keys(event.filters).join() === 'search',
      hasSelection: ({ context }) => context.selectedId !== undefined,
    },
    actions: {
      /** Keeps a typed value where it outlives this machine (the draft store's, when provided). */
      keepDraft: () => undefined,
      /** An action succeeded: what it sent leaves where it outlives this machine (the store's). */
      dropSentDraft: () => undefined,
      /** The changelog entry was set aside: what the store kept of it goes too. */
      dropChangelogDraft: () => undefined,
    },
    delays: { debounce: SEARCH_DEBOUNCE_MS },
  }).createMachine({
    id: 'palauteBoardTeam',
    type: 'parallel',
    context: ({ input }) => ({
      filters: { sort: 'newest', ...input.filters },
      ideas: [],
      next: undefined,
      listError: undefined,
      selectedId: undefined,
      selectedPlace: undefined,
      detail: undefined,
      detailError: undefined,
      drafts: {},
      keptDrafts: keptDraftsWithText(input.keptDrafts, DRAFT_FIELDS),
      restoredDrafts: [],
      changelog: { ...EMPTY_CHANGELOG, ...input.changelog },
      running: undefined,
      done: undefined,
      failed: undefined,
    }),
    on: {
      'draft.change': {
        guard: 'hasSelection',
        actions: [
          assign(({ context, event }) => ({
            drafts: { ...context.drafts, [event.field]: event.value },
          })),
          'keepDraft',
        ],
      },
      'changelog.change': {
        actions: [
          assign(({ context, event }) => ({
            changelog: { ...context.changelog, ...event.changes },
          })),
          'keepDraft',
        ],
      },
      // A new entry instead (the last one published, what is left of it set aside); not while one
      // is on its way, whose answer decides what the composer holds.
      'changelog.clear': {
        guard: ({ context }) => context.running?.type !== 'publishChangelog',
        actions: [assign({ changelog: EMPTY_CHANGELOG }), 'dropChangelogDraft'],
      },
    },
    states: {
      list: {
        initial: 'loading',
        on: {
          'filters.change': [
            {
              guard: 'isSearchChange',
              target: '.debouncing',
              actions: assign(({ context, event }) => ({
                filters: { ...context.filters, ...event.filters },
              })),
            },
            {
              target: '.loading',
              actions: assign(({ context, event }) => ({
                filters: { ...context.filters, ...event.filters },
              })),
            },
          ],
          'list.refresh': '.loading',
        },
        states: {
          debouncing: { after: { debounce: 'loading' } },
          loading: {
            invoke: {
              src: 'loadIdeas',
              input: ({ context }) => queryOf(context.filters),
              onDone: {
                target: 'ready',
                actions: assign(({ context, event }) => ({
                  ideas: event.output.ideas,
                  selectedPlace: placeOf(
                    event.output.ideas,
                    context.selectedId,
                    context.selectedPlace,
                  ),
                  next: event.output.next,
                  listError: undefined,
                })),
              },
              onError: {
                target: 'failed',
                actions: assign(({ event }) => ({ listError: errorText(event.error) })),
              },
            },
          },
          ready: { on: { 'list.more': { guard: 'hasMore', target: 'loadingMore' } } },
          loadingMore: {
            invoke: {
              src: 'loadIdeas',
              input: ({ context }) => ({
                ...queryOf(context.filters),
                ...(context.next ? { cursor: context.next } : {}),
              }),
              onDone: {
                target: 'ready',
                actions: assign(({ context, event }) => ({
                  ideas: [
                    ...context.ideas,
                    ...event.output.ideas.filter(
                      (idea) => !context.ideas.some((known) => known.id === idea.id),
                    ),
                  ],
                  next: event.output.next,
                  listError: undefined,
                })),
              },
              onError: {
                target: 'ready',
                actions: assign(({ event }) => ({ listError: errorText(event.error) })),
              },
            },
          },
          failed: { on: { 'list.retry': 'loading' } },
        },
      },
      detail: {
        initial: 'closed',
        on: {
          'idea.select': [
            {
              guard: ({ event }) => event.ideaId === undefined,
              target: '.closed',
              actions: [
                enqueueActions(({ context, enqueue }) => {
                  const { ideas, selectedId, selectedPlace } = context;
                  if (selectedId === undefined) return;
                  enqueue(
                    emit({
                      type: 'idea.closed' as const,
                      ideaId: selectedId,
                      focusId: rowToFocus(ideas, selectedId, selectedPlace),
                    }),
                  );
                }),
                assign(({ context }) => ({
                  ...switchDrafts(context, undefined),
                  selectedId: undefined,
                  selectedPlace: undefined,
                  detail: undefined,
                  detailError: undefined,
                })),
              ],
            },
            {
              target: '.loading',
              actions: assign(({ context, event }) => ({
                selectedId: event.ideaId,
                selectedPlace:
                  event.ideaId === context.selectedId
                    ? context.selectedPlace
                    : placeOf(context.ideas, event.ideaId, undefined),
                detail: context.detail?.idea.id === event.ideaId ? context.detail : undefined,
                detailError: undefined,
                ...(event.ideaId === context.selectedId ? {} : switchDrafts(context, event.ideaId)),
              })),
            },
          ],
        },
        states: {
          closed: {},
          loading: {
            invoke: {
              src: 'loadIdea',
              input: ({ context }) => ({ ideaId: context.selectedId ?? '' }),
              onDone: {
                target: 'open',
                actions: assign(({ event }) => ({ detail: event.output, detailError: undefined })),
              },
              onError: {
                target: 'failed',
                actions: assign(({ event }) => ({ detailError: errorText(event.error) })),
              },
            },
          },
          open: {},
          failed: {},
        },
      },
      action: {
        initial: 'idle',
        states: {
          idle: {
            on: {
              'team.act': {
                target: 'working',
                actions: assign(({ context, event }) => ({
                  running: event.action,
                  done: undefined,
                  failed: undefined,
                  // The entry's id stays with what is written, for a retry to publish it once.
                  ...(event.action.type === 'publishChangelog'
                    ? { changelog: { ...context.changelog, id: event.action.entry.id } }
                    : {}),
                })),
              },
            },
          },
          working: {
            invoke: {
              src: 'act',
              input: ({ context }) => context.running as BoardTeamAction,
              onDone: {
                target: 'idle',
                actions: [
                  'dropSentDraft',
                  assign(({ context, event }) => {
                    const result = event.output;
                    const changed = result.kind === 'idea' ? result.idea : undefined;
                    const action = context.running as BoardTeamAction;
                    return {
                      ...clearSent(context, action),
                      ...(action.type === 'publishChangelog' &&
                      action.entry.id === context.changelog.id
                        ? { changelog: EMPTY_CHANGELOG }
                        : {}),
                      running: undefined,
                      done: { action: context.running as BoardTeamAction, result },
                      ideas: changed
                        ? context.ideas.map((idea) => (idea.id === changed.id ? changed : idea))
                        : context.ideas,
                    };
                  }),
                  // A merge, an unmerge or a changelog entry changes more than one idea.
                  enqueueActions(({ context, enqueue }) => {
                    enqueue.raise({ type: 'list.refresh' });
                    if (context.selectedId)
                      enqueue.raise({ type: 'idea.select', ideaId: context.selectedId });
                  }),
                ],
              },
              onError: {
                target: 'idle',
                actions: [
                  assign(({ context, event }) => ({
                    running: undefined,
                    failed: {
                      action: context.running as BoardTeamAction,
                      message: errorText(event.error),
                    },
                    // Stored, its items not shipped: the composer says the text is published.
                    ...(event.error instanceof StoredChangelogError &&
                    event.error.entry.id === context.changelog.id
                      ? {
                          changelog: { ...context.changelog, storedTitle: event.error.entry.title },
                        }
                      : {}),
                  })),
                  // A stored entry shipped its ideas all the same: the list shows them shipped.
                  enqueueActions(({ context, event, enqueue }) => {
                    if (!(event.error instanceof StoredChangelogError)) return;
                    enqueue.raise({ type: 'list.refresh' });
                    if (context.selectedId)
                      enqueue.raise({ type: 'idea.select', ideaId: context.selectedId });
                  }),
                ],
              },
            },
          },
        },
      },
    },
  }))();

/** The port query for the team's filters: empty filters left out. */
export function queryOf(filters: BoardTeamFilters): TeamIdeaQuery {
  const search = filters.search?.trim();
  return {
    sort: filters.sort,
    ...(filters.approval?.length ? { approval: filters.approval } : {}),
    ...(filters.status?.length ? { status: filters.status } : {}),
    ...(search ? { search } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
  };
}
