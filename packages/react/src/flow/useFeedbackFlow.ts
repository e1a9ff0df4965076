import { parsePersistedFlow } from '@palaute/engine';
import {
  type FeedbackFlow,
  type UseFeedbackFlowOptions,
  useFeedbackFlowCore,
} from './useFeedbackFlowCore';

export type {
  ClosedStep,
  FeedbackFlow,
  FlowStorage,
  UseFeedbackFlowOptions,
} from './useFeedbackFlowCore';

/**
 * Runs a feedback flow and returns its state and intents, for hosts that render their own UI.
 * `FeedbackDialog` and `FeedbackForm` are built on it.
 *
 * @example
 * ```tsx
 * function MyFeedback({ survey }: { survey: Survey }) {
 *   const flow = useFeedbackFlow({ survey });
 *   if (flow.step !== 'asking' || !flow.question) return <p>Thanks!</p>;
 *   return <button type="button" onClick={() => { flow.answer(flow.question!.id, 10); flow.next(); }}>10</button>;
 * }
 * ```
 */
export function useFeedbackFlow(options: UseFeedbackFlowOptions): FeedbackFlow {
  // The saved flow's check is given statically: a host's own UI (and `FeedbackForm`, which renders
  // on the server) resumes a kept flow in its first render.
  return useFeedbackFlowCore(options, parsePersistedFlow);
}
