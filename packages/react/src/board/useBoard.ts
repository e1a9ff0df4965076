import {
  type Attributes,
  BOARD_SEARCH_PARAM_NAMES,
  type BoardApi,
  type BoardFilters,
  type BoardPort,
  type BoardSort,
  boardFiltersFromSearchParams,
  boardFiltersToSearchParams,
  connectBoard,
  type IdeaKind,
  keptIdeaDraft,
  type PublicBoard,
  type PublicIdea,
  provideBoard,
  type VoteWrite,
} from '@palaute/engine';
import { useEffect, useMemo, useRef } from 'react';
import { usePalaute } from '../provider/PalauteProvider';
import { useAnnouncer } from '../shared/Announcer';
import { useIds } from '../shared/ids';
import { useActorRef, useSelector } from '../shared/useActor';
import { useTextDrafts } from '../shared/useTextDrafts';
import { type UrlFilters, useUrlFilters } from '../shared/useUrlFilters';
import { useBoardMessages } from './board.messages';
import { boardChangesOf } from './useBoardPage';

/** Options of {@link useBoard}. */
export interface UseBoardOptions {
  /** The board's customer side. @default the provider backend's `board` */
  port?: BoardPort | undefined;
  /** The signed-in customer. @default the provider's customer */
  customerId?: string | undefined;
  /** The customer's attributes, frozen on their votes. @default the provider customer's */
  segment?: Attributes | undefined;
  /** Where votes wait to be delivered (arriving once). @default the provider's outbox */
  outbox?: { enqueue(kind: 'vote', payload: VoteWrite): Promise<unknown> } | undefined;
  /** The first order. @default 'trending' */
  sort?: BoardSort | undefined;
  /**
   * The filters to start with (a view of the board the host routes to; see
   * `boardFiltersFromSearchParams`). A status or category the board lacks is dropped.
   */
  filters?: Partial<BoardFilters> | undefined;
  /** Called with the filters after each change (to keep them in the host's router). */
  onFiltersChange?: ((filters: BoardFilters) => void) | undefined;
  /**
   * Keeps the order, filters and search in the page's URL (`?status=planned&category=invoices&q=csv`,
   * with `history.replaceState`), read once mounted, so a reload or a shared link shows the same
   * view; other parameters are kept. `{ prefix }` puts a prefix before each name. @default false
   */
  syncUrl?: boolean | { prefix?: string | undefined } | undefined;
  /**
   * The board's definition, when the host has it (server-rendered): its statuses and categories
   * are offered at once and not read again. @default read from the port
   */
  definition?: PublicBoard | undefined;
}

/** What {@link useBoard} returns: the board's view-model, an announcement, and prop getters. */
export interface UseBoardResult extends BoardApi {
  /**
   * What a polite live region should say now (a vote, a posted idea, a failure, how many ideas a
   * search or filter shows, similar ideas found).
   */
  announcement: string;
  /**
   * Props of an idea's vote button: a toggle (`aria-pressed`), disabled when votes are locked. Its
   * name is its visible text plus the idea's title, hidden (see `VoteButton`).
   */
  getVoteButtonProps(idea: PublicIdea): {
    type: 'button';
    'aria-pressed': boolean;
    disabled: boolean;
    'data-state': 'on' | 'off';
    onClick(): void;
  };
  /**
   * Props of "Show more ideas": it stays focusable while the page loads (`aria-disabled`), then
   * focus moves to the first idea that came (see `getIdeaHeadingProps`) and the count is said.
   */
  getMoreButtonProps(): ShowMoreButtonProps;
  /** Props of an idea's heading: it takes focus when its idea is the first a "Show more" added. */
  getIdeaHeadingProps(idea: PublicIdea): {
    tabIndex: -1;
    ref(element: HTMLElement | null): void;
  };
  /** Ids that tie the suggest form's parts together. */
  ids: { title: string; titleHint: string; body: string; similar: string; search: string };
}

/**
 * The board for one customer, as a thin hook over the engine's board machine: the list with its
 * order, filters, search and pages; the suggest form with similar ideas; votes that flip at once and
 * arrive once (through the outbox). Works without props under a `PalauteProvider` whose backend has
 * a board.
 *
 * @example
 * ```tsx
 * const board = useBoard();
 * board.ideas.map((idea) => <button {...board.getVoteButtonProps(idea)}>{idea.votes}</button>);
 * ```
 */
export function useBoard(options: UseBoardOptions = {}): UseBoardResult {
  const palaute = usePalaute();
  const { t } = useBoardMessages();
  const port = options.port ?? palaute.backend?.board;
  const customerId = options.customerId ?? palaute.customer?.id ?? '';
  const segment = options.segment ?? palaute.customer?.attributes;
  const outbox = options.outbox ?? palaute.outbox;
  if (!port)
    throw new Error('useBoard needs a board: pass `port`, or a provider backend with `board`.');
  // The machine is made once; what it calls reads the latest options.
  const textDrafts = useTextDrafts();
  const latest = useRef({ port, customerId, segment, outbox });
  latest.current = { port, customerId, segment, outbox };
  const logic = useMemo(
    () =>
      provideBoard({
        port: {
          board: (id) => latest.current.port.board(id),
          listIdeas: (id, query) => latest.current.port.listIdeas(id, query),
          getIdea: (id, ideaId) => latest.current.port.getIdea(id, ideaId),
          suggestIdea: (input) => latest.current.port.suggestIdea(input),
          similarIdeas: (query) => latest.current.port.similarIdeas(query),
          vote: (write) => latest.current.port.vote(write),
          comment: (input) => latest.current.port.comment(input),
          roadmap: (id) => latest.current.port.roadmap(id),
          changelog: (id) => latest.current.port.changelog(id),
        },
        customerId,
        // A vote pressed here shows in the page's roadmap at once.
        changes: boardChangesOf(latest.current.port),
        // An idea being written outlives this board: the next one starts from it.
        ...(customerId ? { drafts: textDrafts } : {}),
        ...(latest.current.segment ? { segment: latest.current.segment } : {}),
        ...(latest.current.outbox
          ? {
              outbox: {
                enqueue: (kind, payload) =>
                  latest.current.outbox?.enqueue(kind, payload) ?? Promise.resolve(),
              },
            }
          : {}),
      }),
    // One machine per customer.
    [customerId, textDrafts],
  );
  const actor = useActorRef(logic, {
    input: {
      filters: { sort: options.sort ?? 'trending', ...options.filters },
      ...(options.definition ? { board: options.definition } : {}),
      ...(customerId ? { draft: keptIdeaDraft(textDrafts, customerId) } : {}),
    },
  });
  const api = useSelector(actor, (snapshot) => connectBoard(snapshot, actor.send), sameApi);
  useUrlFilters(api.filters, api.setFilters, BOARD_URL, options);
  const { message: announcement, announce } = useAnnouncer();
  // The words of the moment, read when there is news (a new catalogue is no news).
  const words = useRef(t);
  words.current = t;

  // Announce a posted idea and a failed vote, once each.
  const suggested = api.suggested;
  useEffect(() => {
    if (suggested)
      announce(
        words.current(suggested.pending ? 'suggestDonePending' : 'suggestDone', {
          title: suggested.title,
        }),
      );
  }, [suggested, announce]);
  // A kept draft the form starts from is said once.
  const restored = api.draftedAt !== undefined;
  useEffect(() => {
    if (restored) announce(words.current('suggestDraftKept'));
  }, [restored, announce]);
  const voteError = api.voteError;
  useEffect(() => {
    if (voteError) announce(words.current('voteFailed', { message: voteError.message }));
  }, [voteError, announce]);
  // How many ideas a search or a filter left in view (the first load says nothing).
  const { listState, filters } = api;
  const count = api.ideas.length;
  const searched = useRef<BoardApi['filters'] | undefined>(undefined);
  useEffect(() => {
    if (listState !== 'ready') return;
    const last = searched.current;
    searched.current = filters;
    if (last && last !== filters)
      announce(count ? words.current('boardCount', { count }) : words.current('boardNoMatch'));
  }, [listState, filters, count, announce]);
  // After "Show more", focus goes to the first idea that came, and the count is said.
  const headings = useRef(new Map<string, HTMLElement>());
  const moreProps = useShowMore(listState === 'loadingMore', api.ideas, api.loadMore, (id, n) => {
    announce(words.current('boardCount', { count: n }));
    headings.current.get(id)?.focus();
  });
  // Similar ideas appearing beside the title being typed.
  const similar = api.similar.map(({ idea }) => idea.id).join(' ');
  useEffect(() => {
    const found = similar ? similar.split(' ').length : 0;
    if (found) announce(words.current('similarFound', { count: found }));
  }, [similar, announce]);

  const { part } = useIds();
  return {
    ...api,
    announcement,
    ids: {
      title: part('title'),
      titleHint: part('title-hint'),
      body: part('body'),
      similar: part('similar'),
      search: part('search'),
    },
    getMoreButtonProps: () => moreProps,
    getIdeaHeadingProps: (idea) => ({
      tabIndex: -1,
      ref: (element) => {
        if (element) headings.current.set(idea.id, element);
        else headings.current.delete(idea.id);
      },
    }),
    getVoteButtonProps: (idea) => ({
      type: 'button',
      'aria-pressed': idea.voted,
      disabled: idea.locked,
      'data-state': idea.voted ? 'on' : 'off',
      onClick: () => {
        announce(t(idea.voted ? 'voteRemoved' : 'voteAdded', { title: idea.title }));
        api.toggleVote(idea);
      },
    }),
  };
}

/** The board's filters in the page's URL (see `useUrlFilters`). */
const BOARD_URL: UrlFilters<BoardFilters> = {
  names: BOARD_SEARCH_PARAM_NAMES,
  write: boardFiltersToSearchParams,
  read: boardFiltersFromSearchParams,
};

/** Whether two view-models show the same thing (the intent methods are the same for one actor). */
function sameApi(a: BoardApi, b: BoardApi): boolean {
  return (
    a.listState === b.listState &&
    a.suggestState === b.suggestState &&
    a.ideas === b.ideas &&
    a.filters === b.filters &&
    a.hasMore === b.hasMore &&
    a.listError === b.listError &&
    a.draft === b.draft &&
    a.draftedAt === b.draftedAt &&
    a.similar === b.similar &&
    a.suggested === b.suggested &&
    a.suggestError === b.suggestError &&
    a.voteError === b.voteError &&
    a.statuses === b.statuses &&
    a.categories === b.categories
  );
}

/** The kinds the suggest form offers. */
export const IDEA_KINDS: readonly IdeaKind[] = ['idea', 'bug'];

/** The DOM props of a list's "Show more" button (see {@link useShowMore}). */
export interface ShowMoreButtonProps {
  type: 'button';
  'aria-disabled': boolean;
  onClick(): void;
}

/**
 * "Show more" of a list of ideas, as a keyboard user needs it: the button stays focusable while the
 * next page loads (`aria-disabled`, not `disabled`, which would drop focus on the page), and once
 * the page came, `onMore` gets the first new idea's id, for the caller to move focus there and say
 * how many are shown (the button may be gone: nothing more to show).
 */
export function useShowMore(
  loading: boolean,
  ideas: readonly { id: string }[],
  loadMore: () => void,
  onMore: (firstId: string, count: number) => void,
): ShowMoreButtonProps {
  const from = useRef<number | undefined>(undefined);
  const came = useRef(onMore);
  came.current = onMore;
  useEffect(() => {
    if (loading || from.current === undefined) return;
    const first = ideas[from.current];
    from.current = undefined;
    if (first) came.current(first.id, ideas.length);
  }, [loading, ideas]);
  return {
    type: 'button',
    'aria-disabled': loading,
    onClick: () => {
      if (loading) return;
      from.current = ideas.length;
      loadMore();
    },
  };
}
