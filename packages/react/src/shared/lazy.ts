import { useEffect, useState } from 'react';

/** A module the page loads once, on first need: {@link lazyModule}'s result. */
export interface LazyModule<T> {
  /** Starts the load, or joins the one under way; resolves to the module's value. */
  load: () => Promise<T>;
  /** The value once loaded, else `undefined`. */
  loaded: () => T | undefined;
}

/**
 * A module loaded once per page by `importer`, its value picked by `pick`. A failed load is
 * forgotten, so the next call tries again; an importer that throws before it returns a promise fails
 * the load like a network error, never the render that started it.
 */
export function lazyModule<M, T>(
  importer: () => Promise<M>,
  pick: (module: M) => T,
): LazyModule<T> {
  let value: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    load: () => {
      loading ??= Promise.resolve()
        .then(importer)
        .then(
          (module) => {
            value = pick(module);
            return value;
          },
          (error: unknown) => {
            loading = undefined;
            throw error;
          },
        );
      return loading;
    },
    loaded: () => value,
  };
}

/** What {@link useLazyModule} returns: the value once there, whether loading it failed, a retry. */
export interface LazyModuleState<T> {
  value: T | undefined;
  failed: boolean;
  retry: () => void;
}

/**
 * A lazy module's value in a component: `given` when the caller passes one, else the one loaded,
 * at once if it is already there, else loaded after the first render (never on the server) when
 * `needed`. A failed load shows as `failed` until `retry` starts another.
 */
export function useLazyModule<T>(
  module: LazyModule<T>,
  needed: boolean,
  given?: T,
): LazyModuleState<T> {
  const [state, setState] = useState<{ attempt: number; failed: boolean; value?: T }>({
    attempt: 0,
    failed: false,
  });
  const value = given ?? module.loaded() ?? state.value;
  const { attempt } = state;
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the trigger of a retry.
  useEffect(() => {
    if (!needed || value) return;
    let alive = true;
    module.load().then(
      (next) => {
        if (alive) setState((current) => ({ ...current, failed: false, value: next }));
      },
      () => {
        if (alive) setState((current) => ({ ...current, failed: true }));
      },
    );
    return () => {
      alive = false;
    };
  }, [attempt, needed, value, module]);
  return {
    value,
    failed: !value && state.failed,
    retry: () => setState((current) => ({ attempt: current.attempt + 1, failed: false })),
  };
}
