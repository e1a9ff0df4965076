import {
  type BoardChanges,
  type BoardPageApi,
  type BoardPageOptions,
  type BoardPort,
  connectChangelog,
  connectRoadmap,
  createBoardChanges,
  type PublicChangelogEntry,
  provideChangelog,
  provideRoadmap,
  type RoadmapApi,
} from '@palaute/engine';
import { useEffect, useMemo, useRef } from 'react';
import type { AnyActorLogic, EventFromLogic, SnapshotFrom } from 'xstate';
import { usePalaute } from '../provider/PalauteProvider';
import { useAnnouncer } from '../shared/Announcer';
import { useActorRef, useSelector } from '../shared/useActor';
import { useBoardMessages } from './board.messages';

// Made on first use: a module-level `new WeakMap()` is kept by bundlers that cannot tell it is
// pure, with the engine's code behind it, in every page that imports the package.
let byPort: WeakMap<object, BoardChanges> | undefined;

/**
 * The changes every view of one board port shares on the page (its list, its roadmap): a vote
 * pressed in `FeedbackBoard` shows in `Roadmap` at once. One per port object, made on first use.
 */
export function boardChangesOf(port: object | undefined): BoardChanges | undefined {
  if (!port) return undefined;
  byPort ??= new WeakMap();
  let changes = byPort.get(port);
  if (!changes) {
    changes = createBoardChanges();
    byPort.set(port, changes);
  }
  return changes;
}

/** Which board and whose view: by default the provider backend's `board` and its customer. */
export interface UseBoardPageOptions {
  port?: Pick<BoardPort, 'roadmap' | 'changelog'> | undefined;
  customerId?: string | undefined;
}

/**
 * Runs a board page's machine: the port read at each load (the provider's when none is given), and
 * read again when the customer changes.
 */
function useBoardPage<TLogic extends AnyActorLogic, A>(
  provide: (options: BoardPageOptions) => TLogic,
  connect: (snapshot: SnapshotFrom<TLogic>, send: (event: EventFromLogic<TLogic>) => void) => A,
  options: UseBoardPageOptions,
): A {
  const palaute = usePalaute();
  const port = options.port ?? palaute.backend?.board;
  const who = options.customerId ?? palaute.customer?.id ?? '';
  const latest = useRef({ port, who });
  latest.current = { port, who };
  // biome-ignore lint/correctness/useExhaustiveDependencies: made once; the port and customer are read through `latest`
  const logic = useMemo(() => {
    const board = () => {
      if (!latest.current.port) throw new Error('The backend has no board.');
      return latest.current.port;
    };
    return provide({
      port: {
        roadmap: () => board().roadmap(latest.current.who),
        changelog: () => board().changelog(latest.current.who),
      },
      get customerId() {
        return latest.current.who;
      },
      // A vote pressed on the page's board shows here at once (the roadmap's counts).
      changes: boardChangesOf(latest.current.port),
    });
  }, []);
  const actor = useActorRef(logic);
  const shown = useRef(who);
  useEffect(() => {
    if (shown.current === who) return;
    shown.current = who;
    actor.send({ type: 'page.refresh' } as EventFromLogic<TLogic>);
  }, [actor, who]);
  const snapshot = useSelector(actor, (state) => state as SnapshotFrom<TLogic>);
  return connect(snapshot, actor.send);
}

/** What {@link useRoadmap} returns: the roadmap's view-model and what to announce. */
export interface UseRoadmapResult extends RoadmapApi {
  /** What a polite live region should say now: how many ideas a category filter shows. */
  announcement: string;
}

/**
 * The public roadmap's read and its category filter, as a thin hook over the engine's roadmap
 * machine; a change of category says how many ideas it shows.
 */
export function useRoadmap(options: UseBoardPageOptions = {}): UseRoadmapResult {
  const page = useBoardPage(provideRoadmap, connectRoadmap, options);
  const { t } = useBoardMessages();
  const { message, announce } = useAnnouncer();
  const shown = page.categoryId;
  const count = page.shown?.columns.reduce((sum, column) => sum + column.ideas.length, 0) ?? 0;
  const last = useRef(shown);
  // biome-ignore lint/correctness/useExhaustiveDependencies: said when the category changes, not the counts
  useEffect(() => {
    if (last.current === shown) return;
    last.current = shown;
    announce(count ? t('boardCount', { count }) : t('boardNoMatch'));
  }, [shown, announce]);
  return { ...page, announcement: message };
}

/** The public changelog's read, as a thin hook over the engine's changelog machine. */
export function useChangelog(
  options: UseBoardPageOptions = {},
): BoardPageApi<PublicChangelogEntry[]> {
  return useBoardPage(provideChangelog, connectChangelog, options);
}
