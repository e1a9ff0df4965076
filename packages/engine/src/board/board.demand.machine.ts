import { assign, fromPromise, setup } from 'xstate';
import type { DemandQuery, IdeaDemand, IdeaKind } from './board.schema';

/**
 * Whose demand the team reads: a segment key and one of its values, as votes froze them (the NPS
 * class `detractor`, the plan `enterprise`).
 */
export interface BoardDemandChoice {
  key: string;
  value: string;
}

/** The NPS classes as demand choices: detractors, passives, promoters (votes' `npsClass`). */
export const DEMAND_NPS_CHOICES: readonly BoardDemandChoice[] = [
  { key: 'npsClass', value: 'detractor' },
  { key: 'npsClass', value: 'passive' },
  { key: 'npsClass', value: 'promoter' },
];

/** The ideas listed at most, when the input sets no `limit`. */
const DEMAND_LIMIT = 20;

/** What the demand machine holds: the choice, the ideas it ranks, and why a load failed. */
export interface BoardDemandContext {
  choice: BoardDemandChoice;
  /** Only ideas or only bug reports; absent: both. */
  kind: IdeaKind | undefined;
  limit: number;
  ideas: IdeaDemand[];
  /** The ideas were loaded at least once (a reload keeps them shown). */
  loaded: boolean;
  error: string | undefined;
}

/** Everything that can happen to the demand view. */
export type BoardDemandEvent =
  | { type: 'choice.change'; choice: BoardDemandChoice }
  | { type: 'kind.change'; kind: IdeaKind | undefined }
  | { type: 'demand.retry' }
  | { type: 'demand.refresh' };

/** Input of the demand machine. */
export interface BoardDemandInput {
  /** @default the detractors (`{ key: 'npsClass', value: 'detractor' }`) */
  choice?: BoardDemandChoice | undefined;
  kind?: IdeaKind | undefined;
  /** Ideas listed at most (1 to the board's page maximum). @default 20 */
  limit?: number | undefined;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * "Ideas most wanted by detractors", as one machine: `loading` asks the board's team port for the
 * ideas the chosen segment voted for most (`BoardTeamPort.demand`), `ready` shows them, `failed`
 * says why and retries. A new choice or kind loads again; the ideas shown stay until the new ones
 * arrive, so the table does not blink.
 */
export const boardDemandMachine = /* @__PURE__ */ (() =>
  setup({
    types: {
      context: {} as BoardDemandContext,
      input: {} as BoardDemandInput,
      events: {} as BoardDemandEvent,
    },
    actors: {
      loadDemand: fromPromise<IdeaDemand[], DemandQuery>(() =>
        Promise.reject(
          new Error(
            'The demand machine\'s "loadDemand" actor was not provided: use createBoardDemand().',
          ),
        ),
      ),
    },
  }).createMachine({
    id: 'palauteBoardDemand',
    context: ({ input }) => ({
      choice: input.choice ?? (DEMAND_NPS_CHOICES[0] as BoardDemandChoice),
      kind: input.kind,
      limit: input.limit ?? DEMAND_LIMIT,
      ideas: [],
      loaded: false,
      error: undefined,
    }),
    initial: 'loading',
    on: {
      'choice.change': {
        target: '.loading',
        actions: assign(({ event }) => ({ choice: event.choice })),
      },
      'kind.change': {
        target: '.loading',
        actions: assign(({ event }) => ({ kind: event.kind })),
      },
      'demand.refresh': '.loading',
    },
    states: {
      loading: {
        invoke: {
          src: 'loadDemand',
          input: ({ context }) => demandQueryOf(context),
          onDone: {
            target: 'ready',
            actions: assign(({ event }) => ({
              ideas: event.output,
              loaded: true,
              error: undefined,
            })),
          },
          onError: {
            target: 'failed',
            actions: assign(({ event }) => ({ error: errorText(event.error) })),
          },
        },
      },
      ready: {},
      failed: { on: { 'demand.retry': 'loading' } },
    },
  }))();

/** The port query for the demand view's choice, kind and limit. */
export function demandQueryOf(
  context: Pick<BoardDemandContext, 'choice' | 'kind' | 'limit'>,
): DemandQuery {
  return {
    key: context.choice.key,
    value: context.choice.value,
    limit: context.limit,
    ...(context.kind ? { kind: context.kind } : {}),
  };
}
