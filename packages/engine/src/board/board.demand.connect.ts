import { createActor, fromPromise, type Actor as XActor } from 'xstate';
import {
  type BoardDemandChoice,
  type BoardDemandEvent,
  type BoardDemandInput,
  boardDemandMachine,
} from './board.demand.machine';
import {
  type BoardDemandSnapshot,
  type BoardDemandState,
  type DemandRow,
  selectDemandChoice,
  selectDemandError,
  selectDemandKind,
  selectDemandLoaded,
  selectDemandRows,
  selectDemandState,
} from './board.demand.selectors';
import type { BoardTeamPort } from './board.port';
import type { IdeaKind } from './board.schema';

/** Options of {@link createBoardDemand}. */
export interface BoardDemandOptions {
  /** The board's team side; a port without `demand` makes the view fail, saying so. */
  port: Pick<BoardTeamPort, 'demand'>;
  /** The first choice, kind and limit. */
  input?: BoardDemandInput;
}

/** The running demand view. */
export type BoardDemandActor = XActor<typeof boardDemandMachine>;

/** The demand machine with its load provided from a {@link BoardTeamPort}. */
export function provideBoardDemand(
  options: Pick<BoardDemandOptions, 'port'>,
): typeof boardDemandMachine {
  return boardDemandMachine.provide({
    actors: {
      loadDemand: fromPromise(({ input }) => {
        const { port } = options;
        if (!port.demand)
          return Promise.reject(new Error('This board does not tell which segments want an idea.'));
        return port.demand(input);
      }),
    },
  });
}

/**
 * Starts the team's "ideas most wanted by detractors" view: the ideas a segment voted for most,
 * with their voters and the segment's share of them, for any segment the votes froze.
 *
 * @example
 * ```ts
 * const actor = createBoardDemand({ port: team.board });
 * const demand = connectBoardDemand(actor.getSnapshot(), actor.send);
 * demand.choose({ key: 'plan', value: 'enterprise' });
 * ```
 */
export function createBoardDemand(options: BoardDemandOptions): BoardDemandActor {
  return createActor(provideBoardDemand(options), { input: options.input ?? {} }).start();
}

/** The framework-free view of the demand view: values to show and intent methods to call. */
export interface BoardDemandApi {
  state: BoardDemandState;
  /** Whose demand is shown. */
  choice: BoardDemandChoice;
  /** Only ideas or only bug reports; `undefined` for both. */
  kind: IdeaKind | undefined;
  /** The ideas, most wanted first, each with its counts and the segment's share. */
  rows: DemandRow[];
  /** The ideas were loaded at least once (a reload keeps them). */
  loaded: boolean;
  /** Why the last load failed. */
  error: string | undefined;
  /** Shows another segment's demand (`{ key: 'npsClass', value: 'promoter' }`). */
  choose(choice: BoardDemandChoice): void;
  /** Only ideas, only bug reports, or both (`undefined`). */
  setKind(kind: IdeaKind | undefined): void;
  /** Tries the failed load again. */
  retry(): void;
  /** Loads again (after votes came in). */
  refresh(): void;
}

/** The demand view's view-model for hosts that render their own UI: zag's `connect` without the DOM. */
export function connectBoardDemand(
  snapshot: BoardDemandSnapshot,
  send: (event: BoardDemandEvent) => void,
): BoardDemandApi {
  return {
    state: selectDemandState(snapshot),
    choice: selectDemandChoice(snapshot),
    kind: selectDemandKind(snapshot),
    rows: selectDemandRows(snapshot),
    loaded: selectDemandLoaded(snapshot),
    error: selectDemandError(snapshot),
    choose: (choice) => send({ type: 'choice.change', choice }),
    setKind: (kind) => send({ type: 'kind.change', kind }),
    retry: () => send({ type: 'demand.retry' }),
    refresh: () => send({ type: 'demand.refresh' }),
  };
}
