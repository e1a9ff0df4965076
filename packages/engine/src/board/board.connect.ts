import { type Actor, createActor, fromPromise } from 'xstate';
import type { DraftStore } from '../drafts/drafts.store';
import type { Attributes, VoteWrite } from '../records/records.schema';
import {
  type BoardEvent,
  type BoardFilters,
  type BoardInput,
  boardMachine,
  type IdeaDraft,
} from './board.machine';
import type { BoardChanges } from './board.pages.machine';
import type { BoardPort } from './board.port';
import type {
  Category,
  IdeaKind,
  PublicIdea,
  SimilarIdea,
  StatusDefinition,
  VoteSource,
} from './board.schema';
import {
  type BoardListState,
  type BoardSnapshot,
  type BoardSuggestState,
  categoryNameIn,
  selectBoardCategories,
  selectBoardStatuses,
  selectCanSubmit,
  selectDraft,
  selectFilters,
  selectHasMore,
  selectIdeas,
  selectListError,
  selectListState,
  selectSimilar,
  selectSuggestError,
  selectSuggested,
  selectSuggestState,
  selectVoteError,
} from './board.selectors';

/** Options of {@link createBoard}. */
export interface BoardOptions {
  /** The board's customer side (`backend.board` of a memory or HTTP backend). */
  port: BoardPort;
  /** The signed-in customer. */
  customerId: string;
  /** The customer's attributes now, frozen on their votes and ideas. */
  segment?: Attributes;
  /**
   * The durable outbox: a vote given offline is stored and arrives once. Without it, votes are sent
   * straight away and rolled back if they fail.
   */
  outbox?: { enqueue(kind: 'vote', payload: VoteWrite): Promise<unknown> };
  /** Where votes come from. @default 'board' */
  source?: Exclude<VoteSource, 'onBehalf'>;
  /** Makes ids for ideas and votes. @default crypto.randomUUID */
  newId?: () => string;
  /** The clock. @default () => new Date() */
  now?: () => Date;
  /** The first filters, and ideas already known. */
  input?: BoardInput;
  /**
   * Keeps the suggest form's draft (scope `idea`, under the customer's id) when the board goes
   * away unsent; pass `keptIdeaDraft(drafts, customerId)` as `input.draft` to start from it.
   */
  drafts?: DraftStore | undefined;
  /**
   * Where the page's other views hear of an idea whose vote changed here (the roadmap shows the
   * same count): `createBoardChanges()`, the same one given to `provideRoadmap`.
   */
  changes?: BoardChanges | undefined;
}

/** The draft store's scope of the suggest form. */
export const IDEA_DRAFTS = 'idea';

/**
 * The suggest form's draft the store kept for this customer (the form went away unsent), as the
 * board's `input.draft`; `undefined` when there is none or it has no text.
 */
export function keptIdeaDraft(drafts: DraftStore, customerId: string): BoardInput['draft'] {
  const kept = drafts.read(IDEA_DRAFTS, customerId);
  const { title, body, kind, categoryId } = kept;
  if (!title && !body) return undefined;
  const when = [title, body].flatMap((entry) => (entry ? [entry.draftedAt] : [])).sort();
  return {
    kind: kind?.text === 'bug' ? 'bug' : 'idea',
    title: title?.text ?? '',
    body: body?.text ?? '',
    ...(categoryId?.text ? { categoryId: categoryId.text } : {}),
    draftedAt: when.at(-1) ?? '',
  };
}

/** A running board. */
export type BoardActor = Actor<typeof boardMachine>;

function randomId(): string {
  const crypto = (globalThis as { crypto?: { getRandomValues(a: Uint8Array): Uint8Array } }).crypto;
  const bytes = new Uint8Array(16);
  if (crypto) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The board machine with its side effects provided from a {@link BoardPort}. */
export function provideBoard(options: BoardOptions): typeof boardMachine {
  const newId = options.newId ?? randomId;
  const now = options.now ?? (() => new Date());
  const { port, customerId, segment } = options;
  return boardMachine.provide({
    actors: {
      loadIdeas: fromPromise(({ input }) => {
        const { sort, status, categoryId, kind, search, cursor } = input;
        return port.listIdeas(customerId, {
          sort,
          ...(status?.length ? { status } : {}),
          ...(categoryId ? { categoryId } : {}),
          ...(kind ? { kind } : {}),
          ...(search?.trim() ? { search: search.trim() } : {}),
          ...(cursor ? { cursor } : {}),
        });
      }),
      findSimilar: fromPromise(({ input }) => port.similarIdeas({ customerId, text: input.text })),
      loadBoard: fromPromise(() => port.board(customerId)),
      suggestIdea: fromPromise(({ input }) =>
        port.suggestIdea({
          id: `idea-${newId()}`,
          customerId,
          kind: input.kind,
          title: input.title,
          body: input.body,
          ...(input.categoryId ? { categoryId: input.categoryId } : {}),
          ...(segment ? { segment } : {}),
          at: now().toISOString(),
        }),
      ),
    },
    actions: {
      keepDraft: ({ context }) => {
        const { drafts } = options;
        if (!drafts) return;
        const at = now().toISOString();
        const { kind, title, body, categoryId } = context.draft;
        const written = title.trim() || body.trim();
        drafts.write(IDEA_DRAFTS, customerId, 'title', title, at);
        drafts.write(IDEA_DRAFTS, customerId, 'body', body, at);
        drafts.write(IDEA_DRAFTS, customerId, 'kind', written ? kind : '', at);
        drafts.write(IDEA_DRAFTS, customerId, 'categoryId', written ? (categoryId ?? '') : '', at);
      },
      dropDraft: () => {
        for (const field of ['title', 'body', 'kind', 'categoryId'])
          options.drafts?.clear(IDEA_DRAFTS, customerId, field);
      },
      shareIdea: ({ context }, { ideaId }) => {
        const idea =
          context.ideas.find((each) => each.id === ideaId) ??
          context.similar.find((match) => match.idea.id === ideaId)?.idea;
        if (idea) options.changes?.publish(idea);
      },
      deliverVote: ({ self, context }, { ideaId, voted }) => {
        const write: VoteWrite = {
          id: `vote-${newId()}`,
          customerId,
          ideaId,
          voted,
          source: options.source ?? 'board',
          ...(segment ? { segment } : {}),
          at: now().toISOString(),
        };
        const optimistic = [...context.ideas, ...context.similar.map((match) => match.idea)].find(
          (idea) => idea.id === ideaId,
        );
        const sent = options.outbox
          ? // Stored durably: it arrives once, even after going offline or reloading.
            options.outbox.enqueue('vote', write).then(() => optimistic)
          : port.vote(write);
        sent.then(
          (idea) => {
            if (idea) self.send({ type: 'vote.settled', idea });
          },
          (error: unknown) =>
            self.send({
              type: 'vote.failed',
              ideaId,
              voted,
              message: error instanceof Error ? error.message : String(error),
            }),
        );
      },
    },
  });
}

/**
 * Starts a board for one customer: the list, the suggest form with similar ideas, and votes that
 * flip at once and arrive once (through the outbox when given).
 *
 * @example
 * ```ts
 * const actor = createBoard({ port: backend.board, customerId: 'anna', outbox });
 * const board = connectBoard(actor.getSnapshot(), actor.send);
 * board.vote('idea-123');
 * ```
 */
export function createBoard(options: BoardOptions): BoardActor {
  return createActor(provideBoard(options), { input: options.input ?? {} }).start();
}

/** The framework-free view of a board: values to show and intent methods to call. */
export interface BoardApi {
  listState: BoardListState;
  suggestState: BoardSuggestState;
  ideas: PublicIdea[];
  filters: BoardFilters;
  hasMore: boolean;
  listError: string | undefined;
  draft: IdeaDraft;
  /** When the draft was last written, if it was restored from a kept one (the customer is told). */
  draftedAt: string | undefined;
  similar: SimilarIdea[];
  suggested: PublicIdea | undefined;
  suggestError: string | undefined;
  canSubmit: boolean;
  voteError: { ideaId: string; message: string } | undefined;
  /** The board's statuses, in its order (the status filter's choices; empty until read). */
  statuses: StatusDefinition[];
  /** The board's categories (the category filter's and the suggest form's choices; may be empty). */
  categories: Category[];
  /** The name of a category by id (`undefined` for none or one the board no longer has). */
  categoryName(categoryId: string | undefined): string | undefined;
  /** Sets the order, filters or search (a search waits for typing to pause). */
  setFilters(filters: Partial<BoardFilters>): void;
  /** Loads the next page. */
  loadMore(): void;
  /** Tries the failed load again. */
  retry(): void;
  /** Reloads the list. */
  refresh(): void;
  /** Edits the draft; similar ideas follow the title. */
  editDraft(draft: Partial<IdeaDraft>): void;
  /** Sets what is posted. */
  setKind(kind: IdeaKind): void;
  /** Submits the draft. */
  submit(): void;
  /** Empties the form. */
  resetDraft(): void;
  /** Votes for an idea, or withdraws the vote when `voted` is false. */
  vote(ideaId: string, voted?: boolean): void;
  /** Flips the customer's vote on an idea. */
  toggleVote(idea: Pick<PublicIdea, 'id' | 'voted'>): void;
}

/**
 * The board's view-model for hosts that render their own UI: zag's `connect` without the DOM.
 */
export function connectBoard(snapshot: BoardSnapshot, send: (event: BoardEvent) => void): BoardApi {
  return {
    listState: selectListState(snapshot),
    suggestState: selectSuggestState(snapshot),
    ideas: selectIdeas(snapshot),
    filters: selectFilters(snapshot),
    hasMore: selectHasMore(snapshot),
    listError: selectListError(snapshot),
    draft: selectDraft(snapshot),
    draftedAt: snapshot.context.draftedAt,
    similar: selectSimilar(snapshot),
    suggested: selectSuggested(snapshot),
    suggestError: selectSuggestError(snapshot),
    canSubmit: selectCanSubmit(snapshot),
    voteError: selectVoteError(snapshot),
    statuses: selectBoardStatuses(snapshot),
    categories: selectBoardCategories(snapshot),
    categoryName: (categoryId) => categoryNameIn(selectBoardCategories(snapshot), categoryId),
    setFilters: (filters) => send({ type: 'filters.change', filters }),
    loadMore: () => send({ type: 'list.more' }),
    retry: () => send({ type: 'list.retry' }),
    refresh: () => send({ type: 'list.refresh' }),
    editDraft: (draft) => send({ type: 'draft.change', draft }),
    setKind: (kind) => send({ type: 'draft.change', draft: { kind } }),
    submit: () => send({ type: 'draft.submit' }),
    resetDraft: () => send({ type: 'draft.reset' }),
    vote: (ideaId, voted = true) => send({ type: 'idea.vote', ideaId, voted }),
    toggleVote: (idea) => send({ type: 'idea.vote', ideaId: idea.id, voted: !idea.voted }),
  };
}
