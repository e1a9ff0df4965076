import { useEffect, useMemo, useRef } from 'react';
import type { AnyActorLogic, EventFromLogic, SnapshotFrom } from 'xstate';
import { useActorRef, useSelector } from '../shared/useActor';

/**
 * Runs an engine machine that loads what a query asks of the team port (the CX report, the answers
 * behind a figure): the port is read at each load (a new one is used from the next), and the query
 * by value, so an equal one (a new object each render) does not load again and another sends
 * `query.change`. Started in an effect: a server render shows the machine's first state.
 */
export function useQueryMachine<TSource, TQuery, TLogic extends AnyActorLogic, TApi>(
  provide: (options: { team: TSource | undefined }) => TLogic,
  team: TSource | undefined,
  query: TQuery,
  connect: (snapshot: SnapshotFrom<TLogic>, send: (event: EventFromLogic<TLogic>) => void) => TApi,
): TApi {
  const latest = useRef(team);
  latest.current = team;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the machine is made once; the port is read through `latest`
  const logic = useMemo(
    () =>
      provide({
        get team() {
          return latest.current;
        },
      }),
    [],
  );
  const actor = useActorRef(logic, { input: { query } } as never);
  const key = JSON.stringify(query);
  const shown = useRef(key);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query is read by value (`key`)
  useEffect(() => {
    if (shown.current === key) return;
    shown.current = key;
    actor.send({ type: 'query.change', query } as EventFromLogic<TLogic>);
  }, [actor, key]);
  const snapshot = useSelector(actor, (state) => state as SnapshotFrom<TLogic>);
  return connect(snapshot, actor.send);
}
