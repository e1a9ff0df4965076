import type { SnapshotFrom } from 'xstate';
import type { ImpactNotice } from '../records/records.schema';
import type {
  Acknowledgement,
  Answers,
  ChoiceQuestion,
  FollowUp,
  NpsSegment,
  Question,
} from '../survey/survey.schema';
import { npsSegment } from '../survey/survey.utils';
import type { flowMachine } from './flow.machine';
import type { FlowStep, ValidationIssue } from './flow.schema';
import {
  answersOnPath,
  findQuestion,
  pickAcknowledgement,
  pickFollowUp,
  plannedPath,
} from './flow.utils';

/** A snapshot of a running flow. */
export type FlowSnapshot = SnapshotFrom<typeof flowMachine>;

/** The step the flow is at, e.g. `asking` or `acknowledging`. Use it as `data-state`. */
export const selectStep = (snapshot: FlowSnapshot): FlowStep => snapshot.value as FlowStep;

/** Whether the flow is still open (not done, dismissed, postponed or opted out). */
export const selectIsOpen = (snapshot: FlowSnapshot): boolean => snapshot.status === 'active';

/** The question being asked, or `null` outside the `asking` step. */
export const selectCurrentQuestion = (snapshot: FlowSnapshot): Question | null => {
  if (!snapshot.matches('asking')) return null;
  const { path, survey } = snapshot.context;
  return findQuestion(survey, path[path.length - 1] ?? '') ?? null;
};

/** Progress through the questions: the current one's 1-based position and the total on the route ahead. */
export interface FlowProgress {
  current: number;
  total: number;
  /** 0 to 1: the share of questions answered. */
  ratio: number;
}

/**
 * Progress through the questions. The total follows the branches the answers so far lead to, so it may
 * change as the customer answers; after submitting, progress is complete.
 */
export const selectProgress = (snapshot: FlowSnapshot): FlowProgress => {
  const { survey, path, answers } = snapshot.context;
  const total = plannedPath(survey, path, answers).length;
  if (!snapshot.matches('asking')) return { current: total, total, ratio: 1 };
  return { current: path.length, total, ratio: (path.length - 1) / total };
};

/** Every answer given so far, by question id. */
export const selectAnswers = (snapshot: FlowSnapshot): Answers => snapshot.context.answers;

/** Validation issues by question id (set when the customer tries to move on). */
export const selectErrors = (snapshot: FlowSnapshot): Record<string, ValidationIssue> =>
  snapshot.context.errors;

/** Whether "back" is possible: asking past the first question, or editing after a failed submission. */
export const selectCanGoBack = (snapshot: FlowSnapshot): boolean =>
  (snapshot.matches('asking') && snapshot.context.path.length > 1) ||
  snapshot.matches('submitFailed');

/** Whether the current question is the last on the route, so "next" submits. */
export const selectIsLastQuestion = (snapshot: FlowSnapshot): boolean => {
  const { survey, path, answers } = snapshot.context;
  return plannedPath(survey, path, answers).length === path.length;
};

/** The answers as they will be (or were) submitted: only those on the route taken. */
export const selectSubmittedAnswers = (snapshot: FlowSnapshot): Answers =>
  answersOnPath(snapshot.context.answers, snapshot.context.path);

/** The acknowledgement for these answers (the customer's segment), if the survey defines one. */
export const selectAcknowledgement = (snapshot: FlowSnapshot): Acknowledgement | undefined =>
  pickAcknowledgement(snapshot.context.survey, selectSubmittedAnswers(snapshot));

/** The follow-up these answers call for, if any. */
export const selectFollowUp = (snapshot: FlowSnapshot): FollowUp | undefined =>
  pickFollowUp(snapshot.context.survey, selectSubmittedAnswers(snapshot));

/** The NPS segment of the first NPS answer, if there is one. */
export const selectNpsSegment = (snapshot: FlowSnapshot): NpsSegment | undefined => {
  const { survey, answers } = snapshot.context;
  const nps = survey.questions.find((question) => question.type === 'nps');
  const score = nps ? answers[nps.id] : undefined;
  return typeof score === 'number' ? npsSegment(score) : undefined;
};

/** The impact notices loaded for this customer (empty until loaded). */
export const selectImpact = (snapshot: FlowSnapshot): ImpactNotice[] =>
  snapshot.context.impact ?? [];

/** The last submission error's message, or `null`. */
export const selectSubmitError = (snapshot: FlowSnapshot): string | null =>
  snapshot.context.submitError;

/** A choice question's options in the order shown (randomised once per flow when asked to). */
export const selectOptions = (
  snapshot: FlowSnapshot,
  question: ChoiceQuestion,
): ChoiceQuestion['options'] => {
  const order = snapshot.context.optionOrder[question.id];
  if (!order) return question.options;
  const byId = new Map(question.options.map((option) => [option.id, option]));
  return order.flatMap((id) => byId.get(id) ?? []);
};
