import type { ImpactNotice } from '../records/records.schema';
import type {
  Acknowledgement,
  Answers,
  AnswerValue,
  FollowUp,
  NpsSegment,
  Question,
  Survey,
} from '../survey/survey.schema';
import type { FlowEvent, FlowStep, ValidationIssue } from './flow.schema';
import {
  type FlowProgress,
  type FlowSnapshot,
  selectAcknowledgement,
  selectCanGoBack,
  selectCurrentQuestion,
  selectFollowUp,
  selectImpact,
  selectIsLastQuestion,
  selectIsOpen,
  selectNpsSegment,
  selectProgress,
  selectStep,
  selectSubmitError,
} from './flow.selectors';

/**
 * The framework-free view of a flow for hosts that render their own UI: values to show and intent
 * methods to call, so nobody builds event objects by hand.
 */
export interface FlowApi {
  /** The current step, e.g. `asking`. */
  step: FlowStep;
  /** Whether the flow is still open. */
  isOpen: boolean;
  survey: Survey;
  locale: string;
  /**
   * The response id, made when the flow started. Its writes are keyed by it
   * (`deliveryKey`), so `outbox.recordStatus(responseKey(responseId))` says whether it was sent.
   */
  responseId: string;
  /** The question being asked (only while `asking`). */
  question: Question | null;
  progress: FlowProgress;
  answers: Answers;
  /** The follow-up question's answer, by its question id. */
  followUpAnswers: Answers;
  /** Validation issues by question id. */
  errors: Record<string, ValidationIssue>;
  /** Whether "back" is possible now. */
  canGoBack: boolean;
  /** Whether "next" will submit. */
  isLastQuestion: boolean;
  /** The acknowledgement earned by the answers (after submitting). */
  acknowledgement: Acknowledgement | undefined;
  /** The follow-up the answers call for, if any. */
  followUp: FollowUp | undefined;
  /** The NPS segment of the NPS answer, if any. */
  segment: NpsSegment | undefined;
  /** Impact notices for this customer. */
  impact: ImpactNotice[];
  /** Why the last submission failed, while a retry is offered. */
  submitError: string | null;
  /** Set when this flow resumed a draft: when the customer left it, answers kept. */
  draftedAt: string | undefined;
  /** Sets (or, with `undefined`, clears) the answer to a question or to the follow-up question. */
  answer(questionId: string, value: AnswerValue | undefined): void;
  /** Validates and moves on: next question, submit, continue after the acknowledgement, or close. */
  next(): void;
  /** Goes to the previous question, or back to editing after a failed submission. */
  back(): void;
  /** After "don't ask me again": what the customer chose it covers (`survey` or `all`). */
  optOutScope: 'survey' | 'all' | undefined;
  /** Retries a failed submission; the answers are kept. */
  retry(): void;
  /** Closes the flow ("no thanks"). Recorded. */
  dismiss(): void;
  /** Closes the flow and asks to be asked later. Recorded. */
  notNow(): void;
  /**
   * Closes the flow: "don't ask me again", covering `scope`: this survey (`survey`) or every survey
   * (`all`, the default). Recorded; what it covers is not offered to this customer again until they
   * turn it back on.
   */
  optOut(scope?: 'survey' | 'all'): void;
}

/**
 * Builds the {@link FlowApi} for a snapshot.
 *
 * @example
 * ```ts
 * flow.subscribe((snapshot) => {
 *   const api = connect(snapshot, flow.send);
 *   if (api.step === 'asking') showQuestion(api.question);
 * });
 * ```
 */
export function connect(snapshot: FlowSnapshot, send: (event: FlowEvent) => void): FlowApi {
  return {
    step: selectStep(snapshot),
    isOpen: selectIsOpen(snapshot),
    survey: snapshot.context.survey,
    locale: snapshot.context.locale,
    responseId: snapshot.context.responseId,
    question: selectCurrentQuestion(snapshot),
    progress: selectProgress(snapshot),
    answers: snapshot.context.answers,
    followUpAnswers: snapshot.context.followUpAnswers,
    errors: snapshot.context.errors,
    canGoBack: selectCanGoBack(snapshot),
    isLastQuestion: selectIsLastQuestion(snapshot),
    acknowledgement: selectAcknowledgement(snapshot),
    followUp: selectFollowUp(snapshot),
    segment: selectNpsSegment(snapshot),
    impact: selectImpact(snapshot),
    submitError: selectSubmitError(snapshot),
    draftedAt: snapshot.context.draftedAt,
    optOutScope: snapshot.context.optOutScope,
    answer: (questionId, value) => send({ type: 'answer.change', questionId, value }),
    next: () => send({ type: 'step.next' }),
    back: () => send({ type: 'step.back' }),
    retry: () => send({ type: 'submission.retry' }),
    dismiss: () => send({ type: 'flow.dismiss' }),
    notNow: () => send({ type: 'flow.notNow' }),
    optOut: (scope) => send({ type: 'flow.optOut', ...(scope ? { scope } : {}) }),
  };
}
