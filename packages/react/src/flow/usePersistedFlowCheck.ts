import { useEffect, useState } from 'react';
import { importPersistedFlowCheck } from './flow.check.import';
import type { PersistedFlowCheck } from './useFeedbackFlowCore';

let loaded: PersistedFlowCheck | undefined;
let loading: Promise<PersistedFlowCheck> | undefined;

/**
 * Loads the saved flow's check (`parsePersistedFlow`, `@palaute/engine/persisted-flow`) once per
 * page; a failed load is forgotten, so the next call tries again. A loader that throws before it
 * returns a promise fails the load like a network error, never the render that started it.
 */
export function loadPersistedFlowCheck(): Promise<PersistedFlowCheck> {
  loading ??= Promise.resolve()
    .then(importPersistedFlowCheck)
    .then(
      (module) => {
        loaded = module.parsePersistedFlow;
        return loaded;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
  return loading;
}

/** What {@link usePersistedFlowCheck} returns: the check once there, whether loading it failed, a retry. */
export interface PersistedFlowCheckState {
  check: PersistedFlowCheck | undefined;
  failed: boolean;
  retry: () => void;
}

/**
 * The saved flow's check when `needed` (a flow was kept): the one `loadPersistedFlowCheck` loaded,
 * at once if it is already there, else loaded after the first render (never on the server). Not
 * needed, it loads nothing.
 */
export function usePersistedFlowCheck(needed: boolean): PersistedFlowCheckState {
  const [state, setState] = useState<{
    attempt: number;
    failed: boolean;
    check?: PersistedFlowCheck;
  }>({ attempt: 0, failed: false });
  const check = loaded ?? state.check;
  const { attempt } = state;
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the trigger of a retry.
  useEffect(() => {
    if (!needed || check) return;
    let alive = true;
    loadPersistedFlowCheck().then(
      (next) => {
        if (alive) setState((current) => ({ ...current, failed: false, check: next }));
      },
      () => {
        if (alive) setState((current) => ({ ...current, failed: true }));
      },
    );
    return () => {
      alive = false;
    };
  }, [attempt, needed, check]);
  return {
    check,
    failed: !check && state.failed,
    retry: () => setState((current) => ({ attempt: current.attempt + 1, failed: false })),
  };
}
