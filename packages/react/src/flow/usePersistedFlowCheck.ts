import { lazyModule, useLazyModule } from '../shared/lazy';
import { importPersistedFlowCheck } from './flow.check.import';
import type { PersistedFlowCheck } from './useFeedbackFlowCore';

const persistedFlowCheck = lazyModule(
  importPersistedFlowCheck,
  (module): PersistedFlowCheck => module.parsePersistedFlow,
);

/**
 * Loads the saved flow's check (`parsePersistedFlow`, `@palaute/engine/persisted-flow`) once per
 * page; a failed load is forgotten, so the next call tries again.
 */
export const loadPersistedFlowCheck: () => Promise<PersistedFlowCheck> = persistedFlowCheck.load;

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
  const { value, failed, retry } = useLazyModule(persistedFlowCheck, needed);
  return { check: value, failed, retry };
}
