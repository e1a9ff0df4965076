import { useEffect, useState } from 'react';
import type { FlowParts } from './flow.parts';
import { importFlowParts } from './flow.parts.import';
import * as flowShared from './flow.shared';

/**
 * The built `flow-parts.js` imports nothing of the main build: it receives the modules it shares with
 * it (`flow.shared.ts`) through `bindFlowShared` before a part renders. The sources import them.
 */
interface BuiltFlowParts {
  bindFlowShared?: (shared: typeof flowShared) => void;
}

let loaded: FlowParts | undefined;
let loading: Promise<FlowParts> | undefined;

/**
 * Loads the flow's parts beyond a scale question (`flow.parts.ts`) once per page; a failed load is
 * forgotten, so the next call tries again. A loader that throws before it returns a promise fails
 * the load like a network error, never the render that started it.
 */
export function loadFlowParts(): Promise<FlowParts> {
  loading ??= Promise.resolve()
    .then(importFlowParts)
    .then(
      (module) => {
        (module as BuiltFlowParts).bindFlowShared?.(flowShared);
        loaded = module.flowParts;
        return loaded;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
  return loading;
}

/** What {@link useFlowParts} returns: the parts once there, whether loading them failed, a retry. */
export interface FlowPartsState {
  parts: FlowParts | undefined;
  failed: boolean;
  retry: () => void;
}

/**
 * The flow's parts: `given` when the caller passes them (the inline form, which renders on the
 * server), else the ones `loadFlowParts` loads, which this starts after the first render (never on
 * the server). The flow's state lives in the engine, so a load that fails loses no answer: the view
 * shows an alert and a retry in the part's place.
 */
export function useFlowParts(given?: FlowParts): FlowPartsState {
  const [state, setState] = useState<{ attempt: number; failed: boolean; parts?: FlowParts }>({
    attempt: 0,
    failed: false,
  });
  const parts = given ?? loaded ?? state.parts;
  const { attempt } = state;
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the trigger of a retry.
  useEffect(() => {
    if (parts) return;
    let alive = true;
    loadFlowParts().then(
      (next) => {
        if (alive) setState((current) => ({ ...current, failed: false, parts: next }));
      },
      () => {
        if (alive) setState((current) => ({ ...current, failed: true }));
      },
    );
    return () => {
      alive = false;
    };
  }, [attempt, parts]);
  return {
    parts,
    failed: !parts && state.failed,
    retry: () => setState((current) => ({ attempt: current.attempt + 1, failed: false })),
  };
}
