import { assign, enqueueActions, fromPromise, setup } from 'xstate';
import type { PublicBoard } from './board.port';
import type {
  BoardSort,
  IdeaKind,
  IdeaPage,
  IdeaQuery,
  PublicIdea,
  SimilarIdea,
} from './board.schema';
import { knownBoardFilters } from './board.selectors';

/** The filters and order of the list, as the customer sets them. */
export interface BoardFilters {
  sort: BoardSort;
  status?: string[] | undefined;
  categoryId?: string | undefined;
  kind?: IdeaKind | undefined;
  search?: string | undefined;
}

/** The suggest form's draft. */
export interface IdeaDraft {
  kind: IdeaKind;
  title: string;
  body: string;
  categoryId?: string | undefined;
}

/** What the board machine holds: the list, its paging, the draft and its similar ideas, votes in flight. */
export interface BoardContext {
  filters: BoardFilters;
  ideas: PublicIdea[];
  next: string | undefined;
  /** Why the list failed to load, for the error state. */
  listError: string | undefined;
  draft: IdeaDraft;
  /**
   * When the draft was last written, if it was restored from a kept draft (the form went away
   * unsent: a page left, the board closed): the customer is told. `undefined` otherwise.
   */
  draftedAt: string | undefined;
  similar: SimilarIdea[];
  /** The idea just suggested (the form's success state shows it). */
  suggested: PublicIdea | undefined;
  suggestError: string | undefined;
  /** Ideas whose vote is on its way (the button stays usable: a second press flips it back). */
  pendingVotes: string[];
  /** The last vote that failed for good, rolled back: announced to the customer. */
  voteError: { ideaId: string; message: string } | undefined;
  /**
   * The board's definition once read (its statuses and categories, which the filters and the
   * suggest form offer); `undefined` until then, and for good if it could not be read.
   */
  board: PublicBoard | undefined;
}

/** Everything that can happen on the board. */
export type BoardEvent =
  | { type: 'filters.change'; filters: Partial<BoardFilters> }
  | { type: 'list.more' }
  | { type: 'list.retry' }
  | { type: 'list.refresh' }
  | { type: 'draft.change'; draft: Partial<IdeaDraft> }
  | { type: 'draft.submit' }
  | { type: 'draft.reset' }
  | { type: 'idea.vote'; ideaId: string; voted: boolean }
  | { type: 'vote.settled'; idea: PublicIdea }
  | { type: 'vote.failed'; ideaId: string; voted: boolean; message: string };

/** Input of the board machine. */
export interface BoardInput {
  filters?: Partial<BoardFilters>;
  /** Ideas already known (server-rendered), shown without a first load. */
  ideas?: PublicIdea[];
  /** A draft kept when the form last went away unsent (see `keptIdeaDraft`): the form starts from it. */
  draft?: (IdeaDraft & { draftedAt: string }) | undefined;
  /** The board's definition, when the host has it (server-rendered): not read again. */
  board?: PublicBoard | undefined;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const notProvided = (name: string) => () =>
  Promise.reject(new Error(`The board's "${name}" actor was not provided: use createBoard().`));

/** An idea with the customer's vote applied, optimistically. */
const withVote = (idea: PublicIdea, voted: boolean): PublicIdea =>
  idea.voted === voted
    ? idea
    : { ...idea, voted, votes: Math.max(0, idea.votes + (voted ? 1 : -1)) };

const emptyDraft = (): IdeaDraft => ({ kind: 'idea', title: '', body: '' });

/** How long typing pauses before the list searches or the similar ideas are looked up. */
export const BOARD_DEBOUNCE_MS = 300;

/**
 * The board, as one machine (list, filters, paging, the suggest form and votes), like XState's
 * CRUD example: `list` loads a page for the filters (searches wait for typing to pause), appends
 * pages on `list.more` and keeps the list on failure; `suggest` looks up similar ideas while the
 * title is typed ("Is it one of these?") and submits the draft; a vote flips at once and rolls
 * back if it fails for good. Side effects are the named actors and the `deliverVote` action,
 * provided by {@link createBoard}.
 */
export const boardMachine = /* @__PURE__ */ (() =>
  setup({
    types: {
      context: {} as BoardContext,
      input: {} as BoardInput,
      events: {} as BoardEvent,
    },
    actors: {
      loadIdeas: fromPromise<IdeaPage, IdeaQuery>(notProvided('loadIdeas')),
      findSimilar: fromPromise<SimilarIdea[], { text: string }>(notProvided('findSimilar')),
      suggestIdea: fromPromise<PublicIdea, IdeaDraft>(notProvided('suggestIdea')),
      loadBoard: fromPromise<PublicBoard>(notProvided('loadBoard')),
    },
    actions: {
      /** Sends the vote (through the outbox when there is one); reports back `vote.settled` or `vote.failed`. */
      deliverVote: (_, _params: { ideaId: string; voted: boolean }) => {},
      /** Keeps the draft where it outlives the machine (the draft store's, when there is one). */
      keepDraft: () => {},
      /** The draft was posted or emptied: the kept one goes. */
      dropDraft: () => {},
      /** An idea's vote changed here (pressed, settled or rolled back): tells the page's other views. */
      shareIdea: (_, _params: { ideaId: string }) => {},
    },
    guards: {
      hasMore: ({ context }) => context.next !== undefined,
      knowsBoard: ({ context }) => context.board !== undefined,
      isSearchChange: ({ event }) =>
        event.type === 'filters.change' && Object.keys(event.filters).join() === 'search',
      isTitleLongEnough: ({ context }) => context.draft.title.trim().length >= 3,
      isDraftValid: ({ context }) => context.draft.title.trim().length >= 3,
    },
    delays: { debounce: BOARD_DEBOUNCE_MS },
  }).createMachine({
    id: 'palauteBoard',
    type: 'parallel',
    context: ({ input }) => ({
      filters: knownBoardFilters({ sort: 'trending', ...input.filters }, input.board),
      ideas: input.ideas ?? [],
      next: undefined,
      listError: undefined,
      draft: input.draft
        ? {
            kind: input.draft.kind,
            title: input.draft.title,
            body: input.draft.body,
            ...(input.draft.categoryId ? { categoryId: input.draft.categoryId } : {}),
          }
        : emptyDraft(),
      draftedAt: input.draft?.draftedAt,
      similar: [],
      suggested: undefined,
      suggestError: undefined,
      pendingVotes: [],
      voteError: undefined,
      board: input.board,
    }),
    on: {
      'idea.vote': {
        actions: [
          assign(({ context, event }) => ({
            ideas: context.ideas.map((idea) =>
              idea.id === event.ideaId ? withVote(idea, event.voted) : idea,
            ),
            similar: context.similar.map((match) =>
              match.idea.id === event.ideaId
                ? { ...match, idea: withVote(match.idea, event.voted) }
                : match,
            ),
            pendingVotes: [
              ...context.pendingVotes.filter((id) => id !== event.ideaId),
              event.ideaId,
            ],
            voteError: undefined,
          })),
          {
            type: 'deliverVote',
            params: ({ event }) => ({ ideaId: event.ideaId, voted: event.voted }),
          },
          { type: 'shareIdea', params: ({ event }) => ({ ideaId: event.ideaId }) },
        ],
      },
      'vote.settled': {
        actions: [
          assign(({ context, event }) => ({
            pendingVotes: context.pendingVotes.filter((id) => id !== event.idea.id),
            // The server's count, unless another press is already on its way.
            ideas: context.ideas.map((idea) =>
              idea.id === event.idea.id && idea.voted === event.idea.voted ? event.idea : idea,
            ),
          })),
          { type: 'shareIdea', params: ({ event }) => ({ ideaId: event.idea.id }) },
        ],
      },
      'vote.failed': {
        actions: [
          assign(({ context, event }) => ({
            pendingVotes: context.pendingVotes.filter((id) => id !== event.ideaId),
            ideas: context.ideas.map((idea) =>
              idea.id === event.ideaId ? withVote(idea, !event.voted) : idea,
            ),
            similar: context.similar.map((match) =>
              match.idea.id === event.ideaId
                ? { ...match, idea: withVote(match.idea, !event.voted) }
                : match,
            ),
            voteError: { ideaId: event.ideaId, message: event.message },
          })),
          { type: 'shareIdea', params: ({ event }) => ({ ideaId: event.ideaId }) },
        ],
      },
    },
    states: {
      // The board's statuses and categories, read once; without them the list still works.
      definition: {
        initial: 'loading',
        states: {
          loading: {
            always: { guard: 'knowsBoard', target: 'ready' },
            invoke: {
              src: 'loadBoard',
              onDone: {
                target: 'ready',
                // A filter naming what the board lacks (an old link) goes, and the list follows.
                actions: enqueueActions(({ context, event, enqueue }) => {
                  const filters = knownBoardFilters(context.filters, event.output);
                  enqueue.assign({ board: event.output, filters });
                  if (filters !== context.filters) enqueue.raise({ type: 'list.refresh' });
                }),
              },
              onError: 'unavailable',
            },
          },
          ready: {},
          unavailable: {},
        },
      },
      list: {
        initial: 'loading',
        on: {
          'filters.change': [
            {
              guard: 'isSearchChange',
              target: '.debouncing',
              actions: assign(({ context, event }) => ({
                filters: knownBoardFilters({ ...context.filters, ...event.filters }, context.board),
              })),
            },
            {
              target: '.loading',
              actions: assign(({ context, event }) => ({
                filters: knownBoardFilters({ ...context.filters, ...event.filters }, context.board),
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
              input: ({ context }) => context.filters,
              onDone: {
                target: 'ready',
                actions: assign(({ event }) => ({
                  ideas: event.output.ideas,
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
              input: ({ context }) => ({ ...context.filters, cursor: context.next }),
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
      suggest: {
        initial: 'editing',
        on: {
          'draft.reset': {
            target: '.editing',
            actions: [
              assign({
                draft: emptyDraft,
                draftedAt: undefined,
                similar: [],
                suggested: undefined,
                suggestError: undefined,
              }),
              'dropDraft',
            ],
          },
        },
        states: {
          editing: {
            on: {
              'draft.change': {
                target: 'typing',
                actions: [
                  assign(({ context, event }) => ({
                    draft: { ...context.draft, ...event.draft },
                    suggestError: undefined,
                  })),
                  'keepDraft',
                ],
              },
              'draft.submit': { guard: 'isDraftValid', target: 'submitting' },
            },
          },
          typing: {
            after: {
              debounce: [
                { guard: 'isTitleLongEnough', target: 'findingSimilar' },
                { target: 'editing', actions: assign({ similar: [] }) },
              ],
            },
            on: {
              'draft.change': {
                target: 'typing',
                reenter: true,
                actions: [
                  assign(({ context, event }) => ({
                    draft: { ...context.draft, ...event.draft },
                  })),
                  'keepDraft',
                ],
              },
              'draft.submit': { guard: 'isDraftValid', target: 'submitting' },
            },
          },
          findingSimilar: {
            invoke: {
              src: 'findSimilar',
              input: ({ context }) => ({
                text: `${context.draft.title} ${context.draft.body}`.trim(),
              }),
              onDone: {
                target: 'editing',
                actions: assign(({ event }) => ({ similar: event.output })),
              },
              // Similar ideas are a help, not a step: without them the form goes on.
              onError: { target: 'editing' },
            },
            on: {
              'draft.change': {
                target: 'typing',
                actions: [
                  assign(({ context, event }) => ({
                    draft: { ...context.draft, ...event.draft },
                  })),
                  'keepDraft',
                ],
              },
              'draft.submit': { guard: 'isDraftValid', target: 'submitting' },
            },
          },
          submitting: {
            invoke: {
              src: 'suggestIdea',
              input: ({ context }) => context.draft,
              onDone: {
                target: 'submitted',
                actions: [
                  'dropDraft',
                  assign(({ context, event }) => ({
                    suggested: event.output,
                    draftedAt: undefined,
                    draft: emptyDraft(),
                    similar: [],
                    ideas: context.ideas.some((idea) => idea.id === event.output.id)
                      ? context.ideas
                      : [event.output, ...context.ideas],
                  })),
                ],
              },
              onError: {
                target: 'editing',
                actions: assign(({ event }) => ({ suggestError: errorText(event.error) })),
              },
            },
          },
          submitted: {
            on: {
              'draft.change': {
                target: 'typing',
                actions: [
                  assign(({ context, event }) => ({
                    draft: { ...context.draft, ...event.draft },
                    suggested: undefined,
                  })),
                  'keepDraft',
                ],
              },
            },
          },
        },
      },
    },
  }))();
