import { LaterStep } from './parts/LaterStep';
import { OptOutConfirm } from './parts/OptOut';
import { QuestionField } from './questions/QuestionField';
import { errorMessageOver } from './questions/useErrorMessage';

/**
 * The parts of a flow that showing a scale question (NPS, CSAT, CES, rating) does not need: the
 * other question types with their answers' errors (`errorMessageOver`, which the view announces),
 * "Don't ask me again", and every step after the questions (sending, a failed
 * send, the acknowledgement and its delivery note, the follow-up, the impact notices, the end). `FeedbackForm` passes them to `FlowView` up front (it renders on
 * the server); `FeedbackDialog` loads this file with `import()` when it mounts (see
 * `useFlowParts.ts`), so a page that asks an NPS question loads them after the dialog can show.
 */
export const flowParts = {
  errorMessageOver,
  LaterStep,
  OptOutConfirm,
  QuestionField,
};

/** The parts `FlowView` renders beyond a scale question. */
export type FlowParts = typeof flowParts;
