import {
  type Actor,
  BOARD_TEAM_SEARCH_PARAM_NAMES,
  type BoardTeamApi,
  type BoardTeamFilters,
  type BoardTeamOptions,
  type BoardTeamPort,
  boardTeamFiltersFromSearchParams,
  boardTeamFiltersToSearchParams,
  connectBoardTeam,
  type Idea,
  keptBoardTeamDrafts,
  type PublicBoard,
  provideBoardTeam,
} from '@palaute/engine';
import { type RefObject, useCallback, useEffect, useMemo, useRef } from 'react';
import { usePalaute } from '../provider/PalauteProvider';
import { useAnnouncer } from '../shared/Announcer';
import { useIds } from '../shared/ids';
import { useActorRef, useSelector } from '../shared/useActor';
import { useTextDrafts } from '../shared/useTextDrafts';
import { type UrlFilters, useUrlFilters } from '../shared/useUrlFilters';
import { useBoardTeamMessages } from './board.messages';
import { type ShowMoreButtonProps, useShowMore } from './useBoard';

/** Options of {@link useBoardModeration}. */
export interface UseBoardModerationOptions {
  /** The board's team side. @default the provider backend's team `board`, when it has one */
  port?: BoardTeamPort | undefined;
  /** The board's definition (its statuses and their workflow), as the server was configured. */
  board: PublicBoard;
  /** The team member acting. */
  by: Actor;
  /** The inbox's "link to a shipped change", so a changelog entry can ship feedback items too. */
  shipChange?: BoardTeamOptions['shipChange'];
  /** The first filters. @default the approval queue when the board approves first, else all ideas */
  filters?: Partial<BoardTeamFilters> | undefined;
  /** Called with the filters after each change (to keep them in the host's router). */
  onFiltersChange?: ((filters: BoardTeamFilters) => void) | undefined;
  /**
   * Keeps the moderation view, order, filters and search in the page's URL
   * (`?view=pending&category=invoices`, with `history.replaceState`), read once mounted, so a
   * reload or a link a colleague opens shows the same ideas; other parameters are kept. `{ prefix }`
   * puts a prefix before each name (beside the inbox's own `status` and `q`). @default false
   */
  syncUrl?: boolean | { prefix?: string | undefined } | undefined;
}

/** What {@link useBoardModeration} returns: the team board's view-model, an announcement and ids. */
export interface UseBoardModerationResult extends BoardTeamApi {
  /** The board's definition. */
  board: PublicBoard;
  /** What a polite live region should say now (what was done, or why it failed). */
  announcement: string;
  /** The name of a status by id. */
  statusName(id: string): string;
  /** Ids that tie the parts together (`empty`: the line an empty list shows). */
  ids: { list: string; panel: string; search: string; empty: string };
  /**
   * The list's and the empty line's elements, where focus goes back as the open idea closes:
   * found through these, not the document, so the board works in a shadow root too.
   */
  refs: {
    list: RefObject<HTMLUListElement | null>;
    empty: RefObject<HTMLParagraphElement | null>;
  };
  /**
   * Props of "Show more ideas": focusable while the page loads (`aria-disabled`); then focus moves
   * to the first idea that came (its row's button) and the count is said.
   */
  getMoreButtonProps(): ShowMoreButtonProps;
}

/**
 * The team's side of the board, as a thin hook over the engine's team board machine: the approval
 * queue and every idea, one idea open, and each moderation action (approve, reject, hide, spam, a
 * new title, a status the workflow allows, merge and unmerge, a vote on a customer's behalf, the
 * official response, a changelog entry), announced when done and said when refused.
 *
 * @example
 * ```tsx
 * const moderation = useBoardModeration({ port: team.board, board, by: { kind: 'team', id: 'sofia' } });
 * moderation.ideas.map((idea) => <button onClick={() => moderation.approve(idea.id)}>{idea.title}</button>);
 * ```
 */
export function useBoardModeration(options: UseBoardModerationOptions): UseBoardModerationResult {
  const palaute = usePalaute();
  const { t } = useBoardTeamMessages();
  const port =
    options.port ??
    (palaute.backend as { team?: { board?: BoardTeamPort } } | undefined)?.team?.board;
  if (!port) throw new Error('useBoardModeration needs the board team port: pass `port`.');
  const latest = useRef({ port, by: options.by, shipChange: options.shipChange });
  latest.current = { port, by: options.by, shipChange: options.shipChange };
  const hasShipChange = options.shipChange !== undefined;
  // What the team typed and did not send outlives this board (another tab, a remount).
  const textDrafts = useTextDrafts();
  const logic = useMemo(
    () =>
      provideBoardTeam({
        port: {
          listIdeas: (query) => latest.current.port.listIdeas(query),
          getIdea: (id) => latest.current.port.getIdea(id),
          moderate: (id, action, by) => latest.current.port.moderate(id, action, by),
          setStatus: (id, move, by) => latest.current.port.setStatus(id, move, by),
          comment: (input, by) => latest.current.port.comment(input, by),
          merge: (id, into, by) => latest.current.port.merge(id, into, by),
          unmerge: (id, by) => latest.current.port.unmerge(id, by),
          voteOnBehalf: (vote, by) => latest.current.port.voteOnBehalf(vote, by),
          publishChangelog: (input, by) => latest.current.port.publishChangelog(input, by),
          listChangelog: () => latest.current.port.listChangelog(),
        },
        get by() {
          return latest.current.by;
        },
        // Whether feedback items can ship is the host's setup, fixed for the hook's life.
        shipChange: hasShipChange
          ? (change, by) =>
              latest.current.shipChange?.(change, by) ??
              Promise.reject(new Error('No shipChange was given.'))
          : undefined,
        drafts: textDrafts,
      }),
    [hasShipChange, textDrafts],
  );
  const board = options.board;
  const actor = useActorRef(logic, {
    input: {
      filters: options.filters ?? (board.moderation === 'approve' ? { approval: ['pending'] } : {}),
      ...keptBoardTeamDrafts(textDrafts, options.by.id),
    },
  });
  const api = useSelector(actor, (snapshot) => connectBoardTeam(snapshot, actor.send, board), same);
  const url = useMemo<UrlFilters<BoardTeamFilters>>(
    () => ({
      names: BOARD_TEAM_SEARCH_PARAM_NAMES,
      write: boardTeamFiltersToSearchParams,
      // A status or category the board lacks (an old link) is left out.
      read: (params, named) => boardTeamFiltersFromSearchParams(params, { ...named, board }),
    }),
    [board],
  );
  useUrlFilters(api.filters, api.setFilters, url, options);
  const statusName = useCallback(
    (id: string) => board.statuses.find((status) => status.id === id)?.name ?? id,
    [board],
  );

  // Announce what was done, and what failed, once each.
  const { message: announcement, announce } = useAnnouncer();
  // The words of the moment, read when there is news (a new catalogue is no news).
  const words = useRef({ t, statusName, board });
  words.current = { t, statusName, board };
  const { done, failed } = api;
  const titles = useRef(new Map<string, string>());
  for (const idea of api.ideas) titles.current.set(idea.id, idea.title);
  if (api.detail) titles.current.set(api.detail.idea.id, api.detail.idea.title);
  useEffect(() => {
    if (!done) return;
    const { action, result } = done;
    const { t, statusName } = words.current;
    const changed: Idea | undefined = result.kind === 'idea' ? result.idea : undefined;
    const title = changed?.title ?? '';
    const message =
      action.type === 'moderate'
        ? action.action.type === 'editTitle'
          ? t('done_title', { title })
          : action.action.type === 'setCategory'
            ? changed?.categoryId
              ? t('done_category', {
                  title,
                  category:
                    words.current.board.categories.find(({ id }) => id === changed.categoryId)
                      ?.name ?? changed.categoryId,
                })
              : t('done_categoryNone', { title })
            : t('done_moderate', {
                title,
                approval: t(`approval_${changed?.approval ?? 'approved'}`),
              })
        : action.type === 'setStatus'
          ? t('done_setStatus', { title, status: statusName(changed?.status ?? '') })
          : action.type === 'comment'
            ? t(action.official ? 'done_official' : 'done_comment')
            : action.type === 'publishChangelog'
              ? t('done_publishChangelog', { title: action.entry.title })
              : t(`done_${action.type}`, {
                  title: title || titles.current.get('ideaId' in action ? action.ideaId : '') || '',
                });
    announce(message);
  }, [done, announce]);
  useEffect(() => {
    if (failed) announce(words.current.t('modFailed', { message: failed.message }));
  }, [failed, announce]);

  // Text kept from before comes back when its idea opens: say so once.
  const openId = api.detailState === 'open' ? api.detail?.idea.id : undefined;
  const restored = useRef(false);
  restored.current = api.restoredDrafts.length > 0;
  useEffect(() => {
    if (openId && restored.current) announce(words.current.t('modDraftKept'));
  }, [openId, announce]);

  const { part } = useIds();
  const ids = {
    list: part('list'),
    panel: part('panel'),
    search: part('search'),
    empty: part('empty'),
  };
  // Closing the open idea puts focus back in the list, on the row the engine names (`null`: the
  // empty list's line), once it is rendered.
  const focusRow = useRef<string | null | undefined>(undefined);
  const listRef = useRef<HTMLUListElement>(null);
  const emptyRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const subscription = actor.on('idea.closed', ({ focusId }) => {
      focusRow.current = focusId ?? null;
    });
    return () => subscription.unsubscribe();
  }, [actor]);
  // After "Show more", focus goes to the first idea that came (its row's button), and the count
  // is said.
  const moreProps = useShowMore(
    api.listState === 'loadingMore',
    api.ideas,
    api.loadMore,
    (id, n) => {
      focusRow.current = id;
      announce(words.current.t('boardCount', { count: n }));
    },
  );
  useEffect(() => {
    const row = focusRow.current;
    if (row === undefined) return;
    const element =
      row === null
        ? emptyRef.current
        : [...(listRef.current?.children ?? [])]
            .find((item) => (item as HTMLElement).dataset.id === row)
            ?.querySelector<HTMLElement>('[data-part="open"]');
    if (!element) return;
    focusRow.current = undefined;
    element.focus();
  });
  return {
    ...api,
    board,
    announcement,
    statusName,
    ids,
    refs: { list: listRef, empty: emptyRef },
    getMoreButtonProps: () => moreProps,
  };
}

/** Whether two view-models show the same thing. */
function same(a: BoardTeamApi, b: BoardTeamApi): boolean {
  return (
    a.listState === b.listState &&
    a.detailState === b.detailState &&
    a.actionState === b.actionState &&
    a.ideas === b.ideas &&
    a.filters === b.filters &&
    a.hasMore === b.hasMore &&
    a.listError === b.listError &&
    a.detail === b.detail &&
    a.detailError === b.detailError &&
    a.done === b.done &&
    a.failed === b.failed &&
    a.restoredDrafts === b.restoredDrafts &&
    a.changelog === b.changelog &&
    a.draftIdeaIds.join() === b.draftIdeaIds.join() &&
    (Object.keys(a.drafts) as (keyof typeof a.drafts)[]).every(
      (field) => a.drafts[field] === b.drafts[field],
    )
  );
}
