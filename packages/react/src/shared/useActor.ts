import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import {
  type Actor,
  type ActorOptions,
  type AnyActorLogic,
  type AnyActorRef,
  createActor,
  type SnapshotFrom,
} from 'xstate';

// Two hooks on React's own `useSyncExternalStore`, in place of `@xstate/react` (and the
// `use-sync-external-store` shims it brings for React 17): the same behaviour for what we use, about
// 1 KB less in every host page.

const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

type Internals = {
  observers: Set<unknown>;
  _processingStatus: number;
  _snapshot: unknown;
  system: { getSnapshot?: () => unknown; _snapshot: unknown };
};

/**
 * Stops an actor so that it can start again with the snapshot it had, as `@xstate/react` does: React's
 * strict mode (and `<Activity>`) unmounts and remounts effects, and a stopped xstate actor never runs
 * again otherwise.
 */
function stopRestartable(actor: AnyActorRef): void {
  const kept: [AnyActorRef, unknown][] = [];
  const visit = (ref: AnyActorRef) => {
    kept.push([ref, ref.getSnapshot()]);
    // Muted, so a subscriber is not told about the stopped snapshot; React resubscribes on its own.
    (ref as unknown as Internals).observers = new Set();
    const children = ref.getSnapshot().children as Record<string, AnyActorRef> | undefined;
    if (children) for (const child of Object.values(children)) if (child) visit(child);
  };
  visit(actor);
  const system = (actor as unknown as Internals).system;
  const systemSnapshot = system.getSnapshot?.();
  actor.stop();
  system._snapshot = systemSnapshot;
  for (const [ref, snapshot] of kept) {
    (ref as unknown as Internals)._processingStatus = 0;
    (ref as unknown as Internals)._snapshot = snapshot;
  }
}

/**
 * Creates an actor for a component's lifetime and runs it while the component is mounted (started in
 * an effect, so never on the server). New logic (another `config`) continues from the current actor's
 * persisted snapshot; new implementations of the same machine replace the old ones.
 */
export function useActorRef<TLogic extends AnyActorLogic>(
  logic: TLogic,
  options?: ActorOptions<TLogic>,
): Actor<TLogic> {
  const config = (logic as { config?: unknown }).config;
  let [[currentConfig, actor], setCurrent] = useState(
    () => [config, createActor(logic as AnyActorLogic, options as never) as Actor<TLogic>] as const,
  );
  if (config !== currentConfig) {
    const persisted = (actor.getPersistedSnapshot as (options: object) => unknown)({
      __unsafeAllowInlineActors: true,
    });
    const next = createActor(
      logic as AnyActorLogic,
      {
        ...options,
        snapshot: persisted,
      } as never,
    ) as Actor<TLogic>;
    setCurrent([config, next]);
    actor = next;
  }
  useIsomorphicLayoutEffect(() => {
    (actor.logic as { implementations?: unknown }).implementations = (
      logic as { implementations?: unknown }
    ).implementations;
  });
  useEffect(() => {
    actor.start();
    return () => stopRestartable(actor);
  }, [actor]);
  return actor;
}

/**
 * Reads a value from an actor's snapshot and re-renders only when it changes (by `compare`, `Object.is`
 * by default). The selection is kept per snapshot and selector, so an inline selector is fine.
 */
export function useSelector<TActor extends AnyActorRef, T>(
  actor: TActor,
  selector: (snapshot: SnapshotFrom<TActor>) => T,
  compare: (a: T, b: T) => boolean = Object.is,
): T {
  const last = useRef<{ snapshot: unknown; selector: unknown; value: T } | undefined>(undefined);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const { unsubscribe } = actor.subscribe({ next: onChange, error: onChange });
      return unsubscribe;
    },
    [actor],
  );
  const select = (): T => {
    const snapshot: SnapshotFrom<TActor> = actor.getSnapshot();
    const status = snapshot as { status?: string; error?: unknown };
    if (status.status === 'error') throw status.error;
    const kept = last.current;
    if (kept && kept.snapshot === snapshot && kept.selector === selector) return kept.value;
    const selected = selector(snapshot);
    const value = kept && compare(kept.value, selected) ? kept.value : selected;
    last.current = { snapshot, selector, value };
    return value;
  };
  return useSyncExternalStore(subscribe, select, select);
}
