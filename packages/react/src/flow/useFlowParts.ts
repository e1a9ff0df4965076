import { lazyModule, useLazyModule } from '../shared/lazy';
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

const flowParts = lazyModule(importFlowParts, (module): FlowParts => {
  (module as BuiltFlowParts).bindFlowShared?.(flowShared);
  return module.flowParts;
});

/**
 * Loads the flow's parts beyond a scale question (`flow.parts.ts`) once per page; a failed load is
 * forgotten, so the next call tries again.
 */
export const loadFlowParts: () => Promise<FlowParts> = flowParts.load;

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
  const { value, failed, retry } = useLazyModule(flowParts, true, given);
  return { parts: value, failed, retry };
}
