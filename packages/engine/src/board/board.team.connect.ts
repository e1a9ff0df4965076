import { createActor, fromPromise, type Actor as XActor } from 'xstate';
import { type DraftStore, tryingDraft } from '../drafts/drafts.store';
import type { Actor, Change, ChangeInput } from '../feedback/feedback.schema';
import { retriedIds } from '../shared/shared.attempts';
import { randomId } from '../shared/shared.ids';
import type { BoardTeamPort, PublicBoard } from './board.port';
import type { Idea } from './board.schema';
import {
  type BoardTeamAction,
  type BoardTeamDraftField,
  type BoardTeamDrafts,
  type BoardTeamEvent,
  type BoardTeamFilters,
  type BoardTeamInput,
  type BoardTeamResult,
  boardTeamMachine,
  type ChangelogComposerDraft,
  StoredChangelogError,
  sentDraftsOf,
  sentFieldsIn,
  type TeamIdeaDetail,
} from './board.team.machine';
import {
  type BoardTeamActionState,
  type BoardTeamDetailState,
  type BoardTeamListState,
  type BoardTeamSnapshot,
  selectNextStatuses,
  selectTeamActionState,
  selectTeamChangelog,
  selectTeamDetail,
  selectTeamDetailError,
  selectTeamDetailState,
  selectTeamDone,
  selectTeamDraftIdeaIds,
  selectTeamDrafts,
  selectTeamFailed,
  selectTeamFilters,
  selectTeamHasMore,
  selectTeamIdeas,
  selectTeamListError,
  selectTeamListState,
  selectTeamRestoredDrafts,
} from './board.team.selectors';
import type { NextStatus } from './board.utils';

/** Options of {@link createBoardTeam}. */
export interface BoardTeamOptions {
  /** The board's team side (`team.board` of a memory backend, or `createHttpBoardTeam`). */
  port: BoardTeamPort;
  /** The team member acting (an HTTP server takes it from the team credential instead). */
  by: Actor;
  /**
   * The inbox's "link to a shipped change": a changelog entry that answers feedback items (survey
   * answers) ships them through it, so their customers get the same "you said, we did" notice the
   * ideas' followers get. Without it, an entry may link ideas only.
   */
  shipChange?: ((change: ChangeInput, by: Actor) => Promise<Change>) | undefined;
  /** Makes ids for comments (a comment tried again keeps its first). @default a random UUID */
  newId?: () => string;
  /** The first filters. */
  input?: BoardTeamInput;
  /**
   * Keeps each idea's unsent text (a new title, a decline's reason, the customer to vote for, the
   * official response, a comment: scopes {@link BOARD_TEAM_DRAFTS}, under the team member's id)
   * beyond this machine, so a team board started later gives it back: pass
   * `keptBoardTeamDrafts(store, by.id)` as `input.keptDrafts` (`createBoardTeam` does). Without it,
   * it lives as long as the machine.
   */
  drafts?: DraftStore | undefined;
  /** The clock of a draft's `draftedAt`. @default () => new Date() */
  now?: (() => Date) | undefined;
}

/**
 * The draft store's scopes of the team board's unsent text: each idea's panel fields (under the
 * idea's id), the changelog entry being written (under `new`), the id its publication was tried
 * with (`changelogId`, the id as the text: a retry after a reload publishes it once), and the title
 * it was stored with when its feedback items then failed to ship (`changelogStored`).
 */
export const BOARD_TEAM_DRAFTS = {
  idea: {
    title: 'boardTitle',
    reason: 'boardReason',
    customer: 'boardOnBehalf',
    official: 'boardOfficial',
    comment: 'boardComment',
  },
  changelog: { title: 'changelogTitle', body: 'changelogBody', items: 'changelogItems' },
  changelogId: 'changelogId',
  changelogStored: 'changelogStored',
} as const satisfies {
  idea: Partial<Record<BoardTeamDraftField, string>>;
  changelog: Record<ChangelogTextField, string>;
  changelogId: string;
  changelogStored: string;
};

type ChangelogTextField = 'title' | 'body' | 'items';
type StoredField = keyof typeof BOARD_TEAM_DRAFTS.idea;
const isStored = (field: BoardTeamDraftField): field is StoredField =>
  field in BOARD_TEAM_DRAFTS.idea;
/** The item the changelog entry being written is kept under (there is one). */
const CHANGELOG_ITEM = 'new';
const CHANGELOG_FIELDS = ['title', 'body', 'items'] as const satisfies ChangelogTextField[];

/**
 * The team board's unsent text the store kept for this team member: each idea's, and the changelog
 * entry being written. Spread it into the machine's input.
 */
export function keptBoardTeamDrafts(
  drafts: DraftStore,
  memberId: string,
): Pick<BoardTeamInput, 'keptDrafts' | 'changelog'> {
  const keptDrafts: Record<string, BoardTeamDrafts> = {};
  for (const field of Object.keys(BOARD_TEAM_DRAFTS.idea) as StoredField[])
    for (const [ideaId, draft] of Object.entries(
      drafts.read(BOARD_TEAM_DRAFTS.idea[field], memberId),
    )) {
      keptDrafts[ideaId] ??= {};
      (keptDrafts[ideaId] as BoardTeamDrafts)[field] = draft.text;
    }
  const changelog: Partial<Record<ChangelogTextField | 'id' | 'storedTitle', string>> = {};
  const kept = (scope: string) => drafts.read(scope, memberId)[CHANGELOG_ITEM]?.text;
  for (const field of CHANGELOG_FIELDS) {
    const text = kept(BOARD_TEAM_DRAFTS.changelog[field]);
    if (text !== undefined) changelog[field] = text;
  }
  const id = kept(BOARD_TEAM_DRAFTS.changelogId);
  if (id !== undefined) changelog.id = id;
  const storedTitle = kept(BOARD_TEAM_DRAFTS.changelogStored);
  if (id !== undefined && storedTitle !== undefined) changelog.storedTitle = storedTitle;
  return { keptDrafts, changelog };
}

/** Keeps one value of the changelog entry being published, under the team member's id. */
function keepChangelog(options: BoardTeamOptions, scope: string, text: string): void {
  const at = (options.now ?? (() => new Date()))().toISOString();
  options.drafts?.write(scope, options.by.id, CHANGELOG_ITEM, text, at);
}

/** The team's running board. */
export type BoardTeamActor = XActor<typeof boardTeamMachine>;

/** Runs one team action on the port (a comment tried again keeps its first attempt's id). */
async function run(
  options: BoardTeamOptions,
  attempts: ReturnType<typeof retriedIds>,
  action: BoardTeamAction,
): Promise<BoardTeamResult> {
  const { port, by } = options;
  const idea = (found: Promise<Idea>) =>
    found.then((changed) => ({ kind: 'idea' as const, idea: changed }));
  switch (action.type) {
    case 'moderate':
      return idea(port.moderate(action.ideaId, action.action, by));
    case 'setStatus':
      return idea(port.setStatus(action.ideaId, action.move, by));
    case 'merge':
      return idea(port.merge(action.ideaId, action.intoId, by));
    case 'unmerge':
      return idea(port.unmerge(action.ideaId, by));
    case 'voteOnBehalf':
      return idea(port.voteOnBehalf(action.vote, by));
    case 'comment': {
      const { ideaId, body, official } = action;
      const comment = await attempts.write(
        `${ideaId}\u0000${official}\u0000${body}`,
        (id) =>
          port.comment(
            { id: `comment-${id}`, ideaId, body, ...(official ? { official: true } : {}) },
            by,
          ),
        tryingDraft(
          options.drafts,
          {
            scope: BOARD_TEAM_DRAFTS.idea[official ? 'official' : 'comment'],
            ownerId: by.id,
            itemId: ideaId,
          },
          body,
          options.now ?? (() => new Date()),
        ),
      );
      return { kind: 'comment', comment };
    }
    case 'publishChangelog': {
      const itemIds = action.entry.itemIds ?? [];
      if (itemIds.length > 0 && !options.shipChange)
        throw new Error('Feedback items ship through the inbox: give the team board `shipChange`.');
      // Kept before it goes out: a retry after a reload is the same entry, published once.
      keepChangelog(options, BOARD_TEAM_DRAFTS.changelogId, action.entry.id);
      const entry = await port.publishChangelog(action.entry, by);
      // The same id on both sides: retrying after a failure here ships each once.
      if (itemIds.length > 0 && options.shipChange)
        try {
          await options.shipChange(
            {
              id: entry.id,
              weDid: entry.title,
              ...(entry.body ? { details: entry.body } : {}),
              itemIds,
            },
            by,
          );
        } catch (error) {
          // Kept too: a board started later still says the entry is published.
          keepChangelog(options, BOARD_TEAM_DRAFTS.changelogStored, entry.title);
          throw new StoredChangelogError(entry, error);
        }
      return { kind: 'changelog', entry };
    }
  }
}

/** The team's board machine with its side effects provided from a {@link BoardTeamPort}. */
export function provideBoardTeam(options: BoardTeamOptions): typeof boardTeamMachine {
  const { drafts } = options;
  const attempts = retriedIds(options.newId ?? randomId);
  // The changelog entry's text and tried id leave the store (published, or set aside).
  const forgetChangelog = () => {
    if (!drafts) return;
    for (const field of CHANGELOG_FIELDS)
      drafts.clear(BOARD_TEAM_DRAFTS.changelog[field], options.by.id, CHANGELOG_ITEM);
    drafts.clear(BOARD_TEAM_DRAFTS.changelogId, options.by.id, CHANGELOG_ITEM);
    drafts.clear(BOARD_TEAM_DRAFTS.changelogStored, options.by.id, CHANGELOG_ITEM);
  };
  return boardTeamMachine.provide({
    actions: {
      keepDraft: ({ context, event }) => {
        if (!drafts) return;
        const at = (options.now ?? (() => new Date()))().toISOString();
        if (event.type === 'changelog.change') {
          for (const field of CHANGELOG_FIELDS) {
            const text = event.changes[field];
            if (text !== undefined)
              drafts.write(
                BOARD_TEAM_DRAFTS.changelog[field],
                options.by.id,
                CHANGELOG_ITEM,
                text,
                at,
              );
          }
          return;
        }
        if (event.type !== 'draft.change' || !context.selectedId) return;
        if (!isStored(event.field)) return;
        drafts.write(
          BOARD_TEAM_DRAFTS.idea[event.field],
          options.by.id,
          context.selectedId,
          event.value,
          at,
        );
      },
      dropChangelogDraft: () => forgetChangelog(),
      dropSentDraft: ({ context }) => {
        const running = context.running;
        if (!drafts || !running) return;
        if (running.type === 'publishChangelog') {
          if (running.entry.id === context.changelog.id) forgetChangelog();
          return;
        }
        const sentBy = sentDraftsOf(running);
        if (!sentBy) return;
        const here =
          sentBy.ideaId === context.selectedId
            ? context.drafts
            : (context.keptDrafts[sentBy.ideaId] ?? {});
        for (const field of sentFieldsIn(here, sentBy.sent))
          if (isStored(field))
            drafts.clear(BOARD_TEAM_DRAFTS.idea[field], options.by.id, sentBy.ideaId);
      },
    },
    actors: {
      loadIdeas: fromPromise(({ input }) => options.port.listIdeas(input)),
      loadIdea: fromPromise(({ input }) => options.port.getIdea(input.ideaId)),
      act: fromPromise(({ input }) => run(options, attempts, input)),
    },
  });
}

/**
 * Starts the team's side of the board: the list with its approval queue, one idea open with its
 * comments and votes, and every moderation action (one at a time, the list reloaded after each).
 *
 * @example
 * ```ts
 * const actor = createBoardTeam({ port: team.board, by: { kind: 'team', id: 'sofia' } });
 * const team = connectBoardTeam(actor.getSnapshot(), actor.send, board);
 * team.approve('idea-123');
 * ```
 */
export function createBoardTeam(options: BoardTeamOptions): BoardTeamActor {
  const { drafts, by, input = {} } = options;
  return createActor(provideBoardTeam(options), {
    input:
      drafts && input.keptDrafts === undefined && input.changelog === undefined
        ? { ...input, ...keptBoardTeamDrafts(drafts, by.id) }
        : input,
  }).start();
}

/** What the team publishes: the id is made for it. */
export interface ChangelogDraft {
  title: string;
  body: string;
  ideaIds: string[];
  itemIds?: string[];
}

/** The framework-free view of the team's board: values to show and intent methods to call. */
export interface BoardTeamApi {
  listState: BoardTeamListState;
  detailState: BoardTeamDetailState;
  actionState: BoardTeamActionState;
  ideas: Idea[];
  filters: BoardTeamFilters;
  hasMore: boolean;
  listError: string | undefined;
  detail: TeamIdeaDetail | undefined;
  detailError: string | undefined;
  /** The statuses the open idea may move to now (only with the board given). */
  nextStatuses: NextStatus[];
  done: { action: BoardTeamAction; result: BoardTeamResult } | undefined;
  failed: { action: BoardTeamAction; message: string } | undefined;
  /**
   * The open idea's panel fields as they show: what was typed (kept while the team looks at other
   * ideas, cleared once sent), else the idea's title, the first status it may move to, or empty.
   */
  drafts: Record<BoardTeamDraftField, string>;
  /** The open idea's fields that came back from before it was last closed. */
  restoredDrafts: BoardTeamDraftField[];
  /** The other ideas with unsent values kept. */
  draftIdeaIds: string[];
  /** Keeps what the team typed or chose in one of the open idea's fields. */
  setDraft(field: BoardTeamDraftField, value: string): void;
  /** The changelog entry being written, kept until it is published. */
  changelog: ChangelogComposerDraft;
  /** Keeps what the team wrote or chose for the changelog entry. */
  setChangelog(
    changes: Partial<Pick<ChangelogComposerDraft, 'title' | 'body' | 'items' | 'ideaIds'>>,
  ): void;
  /**
   * Empties the composer for a new entry, with the id of a publication tried (for an entry that
   * is published and whose feedback is not to ship after all); ignored while one is on its way.
   */
  clearChangelog(): void;
  /** Sets the order, moderation states, statuses or search (a search waits for typing to pause). */
  setFilters(filters: Partial<BoardTeamFilters>): void;
  /** Loads the next page. */
  loadMore(): void;
  /** Tries the failed load again. */
  retry(): void;
  /** Reloads the list. */
  refresh(): void;
  /** Opens an idea (or closes the panel with `undefined`). */
  select(ideaId: string | undefined): void;
  /** Publishes a pending idea. */
  approve(ideaId: string): void;
  /** Refuses a pending idea: hidden, never public (its author is not told it was spam). */
  reject(ideaId: string): void;
  /** Takes an idea off the board. */
  hide(ideaId: string): void;
  /** Marks an idea as spam. */
  markSpam(ideaId: string): void;
  /** Gives an idea a clearer title. */
  editTitle(ideaId: string, title: string): void;
  /** Puts an idea in one of the board's categories, or in none (`null`). */
  setCategory(ideaId: string, categoryId: string | null): void;
  /** Moves an idea to a status (a decline needs the reason customers read). */
  setStatus(ideaId: string, status: string, reason?: string): void;
  /** Merges a duplicate into another idea (votes and followers roll up, counted once). */
  merge(ideaId: string, intoId: string): void;
  /** Undoes a merge: both ideas count their own voters again. */
  unmerge(ideaId: string): void;
  /** Records a vote on a customer's behalf (from a support chat), marked as such. */
  voteOnBehalf(ideaId: string, customerId: string): void;
  /** Posts a team comment, or the official response (pinned above the thread). */
  comment(ideaId: string, body: string, official?: boolean): void;
  /**
   * Publishes a changelog entry: ships its ideas and feedback items, and gives their followers
   * the "you said, we did" notice, once each. Without `id`, the id of the entry tried before, if a
   * publication failed (so trying again publishes it once), else a new one.
   */
  publishChangelog(draft: ChangelogDraft, id?: string): void;
  /** Runs any team action. */
  act(action: BoardTeamAction): void;
}

/**
 * The team board's view-model for hosts that render their own UI: zag's `connect` without the DOM.
 * Pass the board's definition to get the open idea's allowed next statuses.
 */
export function connectBoardTeam(
  snapshot: BoardTeamSnapshot,
  send: (event: BoardTeamEvent) => void,
  board?: PublicBoard,
): BoardTeamApi {
  const act = (action: BoardTeamAction) => send({ type: 'team.act', action });
  const moderate = (ideaId: string, type: 'approve' | 'hide' | 'spam') =>
    act({ type: 'moderate', ideaId, action: { type } });
  return {
    listState: selectTeamListState(snapshot),
    detailState: selectTeamDetailState(snapshot),
    actionState: selectTeamActionState(snapshot),
    ideas: selectTeamIdeas(snapshot),
    filters: selectTeamFilters(snapshot),
    hasMore: selectTeamHasMore(snapshot),
    listError: selectTeamListError(snapshot),
    detail: selectTeamDetail(snapshot),
    detailError: selectTeamDetailError(snapshot),
    nextStatuses: board ? selectNextStatuses(snapshot, board) : [],
    done: selectTeamDone(snapshot),
    failed: selectTeamFailed(snapshot),
    drafts: selectTeamDrafts(snapshot, board),
    restoredDrafts: selectTeamRestoredDrafts(snapshot),
    draftIdeaIds: selectTeamDraftIdeaIds(snapshot),
    setDraft: (field, value) => send({ type: 'draft.change', field, value }),
    changelog: selectTeamChangelog(snapshot),
    setChangelog: (changes) => send({ type: 'changelog.change', changes }),
    clearChangelog: () => send({ type: 'changelog.clear' }),
    setFilters: (filters) => send({ type: 'filters.change', filters }),
    loadMore: () => send({ type: 'list.more' }),
    retry: () => send({ type: 'list.retry' }),
    refresh: () => send({ type: 'list.refresh' }),
    select: (ideaId) => send({ type: 'idea.select', ideaId }),
    approve: (ideaId) => moderate(ideaId, 'approve'),
    reject: (ideaId) => moderate(ideaId, 'hide'),
    hide: (ideaId) => moderate(ideaId, 'hide'),
    markSpam: (ideaId) => moderate(ideaId, 'spam'),
    editTitle: (ideaId, title) =>
      act({ type: 'moderate', ideaId, action: { type: 'editTitle', title } }),
    setCategory: (ideaId, categoryId) =>
      act({ type: 'moderate', ideaId, action: { type: 'setCategory', categoryId } }),
    setStatus: (ideaId, status, reason) =>
      act({ type: 'setStatus', ideaId, move: reason?.trim() ? { status, reason } : { status } }),
    merge: (ideaId, intoId) => act({ type: 'merge', ideaId, intoId }),
    unmerge: (ideaId) => act({ type: 'unmerge', ideaId }),
    voteOnBehalf: (ideaId, customerId) =>
      act({ type: 'voteOnBehalf', vote: { ideaId, customerId: customerId.trim() } }),
    comment: (ideaId, body, official = false) => act({ type: 'comment', ideaId, body, official }),
    publishChangelog: (draft, id = selectTeamChangelog(snapshot).id ?? `change-${randomId()}`) =>
      act({
        type: 'publishChangelog',
        entry: {
          id,
          title: draft.title,
          body: draft.body,
          ideaIds: draft.ideaIds,
          ...(draft.itemIds?.length ? { itemIds: draft.itemIds } : {}),
        },
      }),
    act,
  };
}
