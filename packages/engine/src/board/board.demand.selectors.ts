import type { SnapshotFrom } from 'xstate';
import type { BoardDemandChoice, boardDemandMachine } from './board.demand.machine';
import type { Idea, IdeaDemand, IdeaKind } from './board.schema';

/** A snapshot of the running demand view. */
export type BoardDemandSnapshot = SnapshotFrom<typeof boardDemandMachine>;

/** The demand view's state: `loading`, `ready` or `failed`. Use it as `data-state`. */
export type BoardDemandState = 'loading' | 'ready' | 'failed';

/**
 * One idea's row in the demand view: its voters in the chosen segment (`wanted`), all its voters
 * (`votes`, each customer once) and the segment's share of them (`share`, 0 to 1).
 */
export interface DemandRow {
  idea: Idea;
  wanted: number;
  votes: number;
  share: number;
}

/** The demand view's state. */
export const selectDemandState = (snapshot: BoardDemandSnapshot): BoardDemandState =>
  snapshot.value as BoardDemandState;
/** Whose demand is shown. */
export const selectDemandChoice = (snapshot: BoardDemandSnapshot): BoardDemandChoice =>
  snapshot.context.choice;
/** Only ideas or only bug reports; `undefined` for both. */
export const selectDemandKind = (snapshot: BoardDemandSnapshot): IdeaKind | undefined =>
  snapshot.context.kind;
/** Why the last load failed. */
export const selectDemandError = (snapshot: BoardDemandSnapshot): string | undefined =>
  snapshot.context.error;
/** Whether the ideas were loaded at least once (to tell "loading" from "reloading"). */
export const selectDemandLoaded = (snapshot: BoardDemandSnapshot): boolean =>
  snapshot.context.loaded;

const rowsOf = /* @__PURE__ */ new WeakMap<readonly IdeaDemand[], DemandRow[]>();

/**
 * The ideas the chosen segment wants most, in the port's order (most wanted first, then most
 * voted), each with its share of the segment among its voters. The same array while the ideas
 * stay the same, so a view comparing by reference renders once.
 */
export function selectDemandRows(snapshot: BoardDemandSnapshot): DemandRow[] {
  const ideas = snapshot.context.ideas;
  let rows = rowsOf.get(ideas);
  if (!rows) {
    rows = demandRowsOf(ideas);
    rowsOf.set(ideas, rows);
  }
  return rows;
}

/** The rows of {@link selectDemandRows} for ideas as the port gave them. */
export function demandRowsOf(ideas: readonly IdeaDemand[]): DemandRow[] {
  return ideas.map(({ idea, wanted, votes }) => ({
    idea,
    wanted,
    votes,
    share: votes > 0 ? wanted / votes : 0,
  }));
}
