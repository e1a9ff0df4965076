import { and, assign, fromPromise, not, type PromiseActorLogic, setup } from 'xstate';
import type {
  FeedbackResponse,
  FollowUpAnswer,
  ImpactNotice,
  ImpactQuery,
} from '../records/records.schema';
import { END, isScaleQuestion, sentimentOf } from '../survey/survey.utils';
import type { FlowContext, FlowEvent, FlowInput } from './flow.schema';
import {
  answersOnPath,
  findQuestion,
  nextQuestionId,
  normalizeAnswer,
  pickAcknowledgement,
  pickFollowUp,
  validateAnswer,
} from './flow.utils';

/** A response as the flow builds it; the submitting actor stamps `submittedAt`. */
export type ResponseDraft = Omit<FeedbackResponse, 'submittedAt'>;
/** A follow-up answer as the flow builds it; the sending actor stamps `answeredAt`. */
export type FollowUpDraft = Omit<FollowUpAnswer, 'answeredAt'>;

const notProvided = (name: string) => () =>
  Promise.reject(
    new Error(`The flow's "${name}" actor was not provided: start flows with createFlow().`),
  );

const currentId = (context: FlowContext) => context.path[context.path.length - 1] as string;

const responseDraft = (context: FlowContext): ResponseDraft => {
  const answers = answersOnPath(context.answers, context.path);
  // A consent box left unticked on the way is a "no" the customer gave, not a question never asked.
  for (const id of context.path) {
    if (answers[id] === undefined && findQuestion(context.survey, id)?.type === 'consent')
      answers[id] = false;
  }
  return responseOf(context, answers);
};

/**
 * The answers a customer gave before closing the flow unfinished: those on their path that are
 * valid as they stand (the question they closed at included, once answered). Empty when none.
 */
export const answersGiven = (context: FlowContext): FlowContext['answers'] => {
  const given: FlowContext['answers'] = {};
  for (const [id, value] of Object.entries(answersOnPath(context.answers, context.path))) {
    const question = findQuestion(context.survey, id);
    if (question && validateAnswer(question, value) === null) given[id] = value;
  }
  return given;
};

/** What closing unfinished keeps of the answers given: a draft, a partial response, or nothing. */
const keptOf = (context: FlowContext, submitted: boolean): 'draft' | 'partial' | undefined => {
  if (submitted || Object.keys(answersGiven(context)).length === 0) return undefined;
  return context.survey.partial === 'submit' ? 'partial' : 'draft';
};

/** The response of these answers; a partial one has no acknowledgement (none was shown). */
const responseOf = (
  context: FlowContext,
  answers: FlowContext['answers'],
  partial = false,
): ResponseDraft => {
  const acknowledgementId = partial ? undefined : pickAcknowledgement(context.survey, answers)?.id;
  const sentiment = sentimentOfAnswers(context, answers);
  return {
    id: context.responseId,
    surveyId: context.survey.id,
    surveyVersion: context.survey.version,
    touchpointId: context.survey.touchpointId,
    customerId: context.customerId,
    locale: context.locale,
    answers,
    ...(acknowledgementId ? { acknowledgementId } : {}),
    ...(sentiment ? { sentiment } : {}),
    ...(context.segment ? { segment: context.segment } : {}),
    ...(partial ? { partial: true as const } : {}),
    startedAt: context.startedAt,
  };
};

/** The sentiment of the first answered scale question, if any. */
const sentimentOfAnswers = (context: FlowContext, answers: FlowContext['answers']) => {
  for (const question of context.survey.questions) {
    const value = answers[question.id];
    if (isScaleQuestion(question) && typeof value === 'number') return sentimentOf(question, value);
  }
  return undefined;
};

const followUpOf = (context: FlowContext) =>
  pickFollowUp(context.survey, answersOnPath(context.answers, context.path));

/** After the answers (and any follow-up) are in: show impact if there is some, else finish. */
const AFTER_ANSWERS = [
  { guard: 'hasImpact', target: 'showingImpact' },
  { guard: 'isImpactKnown', target: 'done' },
  { target: 'checkingImpact' },
] as const;

/** What a flow's dismissal tells the backend; see {@link FlowSideEffects}. */
export interface FlowDismissal {
  context: FlowContext;
  reason: 'dismiss' | 'notNow' | 'optOut';
  step: string;
  submitted: boolean;
  kept: 'draft' | 'partial' | undefined;
  partial: ResponseDraft | undefined;
  optOutScope?: 'survey' | 'all' | undefined;
}

/**
 * The flow's side effects, as `createFlowLogic` provides them from a backend: the actors that send
 * and load, and the actions that record what the customer saw and did. Given to
 * {@link buildFlowMachine}, they are built into the one machine it makes.
 */
export interface FlowSideEffects {
  actors: {
    /** Resolves once the response is safe: delivered, or stored in the outbox to be delivered. */
    submitResponse: PromiseActorLogic<void, ResponseDraft>;
    submitFollowUp: PromiseActorLogic<void, FollowUpDraft>;
    loadImpact: PromiseActorLogic<ImpactNotice[], ImpactQuery>;
  };
  actions: {
    /** Tells the backend the survey was shown. */
    recordDisplay: (args: unknown, params: { context: FlowContext }) => void;
    /** Tells the backend the customer saw these impact notices. */
    recordImpactSeen: (args: unknown, params: { context: FlowContext }) => void;
    /**
     * Tells the backend the customer closed the flow, and what became of the answers they had
     * given (`kept`); with `partial`, sends those answers as a partial response.
     */
    recordDismissal: (args: unknown, params: FlowDismissal) => void;
  };
}

/** Side effects that do nothing (the actors fail: start flows with `createFlow()`). */
const unprovided = (): FlowSideEffects => ({
  actors: {
    submitResponse: fromPromise<void, ResponseDraft>(notProvided('submitResponse')),
    submitFollowUp: fromPromise<void, FollowUpDraft>(notProvided('submitFollowUp')),
    loadImpact: fromPromise<ImpactNotice[], ImpactQuery>(notProvided('loadImpact')),
  },
  actions: { recordDisplay: () => {}, recordImpactSeen: () => {}, recordDismissal: () => {} },
});

/**
 * Builds the feedback flow's machine with these side effects (see {@link flowMachine}). Each call
 * builds a state tree (xstate's state nodes and transitions, about 35 KB of heap), so the side
 * effects go in here rather than through `flowMachine.provide()`, which would build a second tree
 * besides the base machine's: a page that shows a survey builds one.
 */
export function buildFlowMachine(effects: FlowSideEffects) {
  const { actors } = effects;
  const { recordDisplay, recordImpactSeen, recordDismissal } = effects.actions;
  return setup({
    types: {
      context: {} as FlowContext,
      input: {} as FlowInput,
      events: {} as FlowEvent,
    },
    actors,
    actions: {
      recordDisplay,
      recordImpactSeen,
      recordDismissal,
      assignAnswer: assign(({ context, event }) => {
        if (event.type !== 'answer.change') return {};
        const answers = { ...context.answers };
        if (event.value === undefined) delete answers[event.questionId];
        else answers[event.questionId] = event.value;
        const { [event.questionId]: _cleared, ...errors } = context.errors;
        return { answers, errors };
      }),
      assignFollowUpAnswer: assign(({ context, event }) => {
        if (event.type !== 'answer.change') return {};
        const followUpAnswers = { ...context.followUpAnswers };
        if (event.value === undefined) delete followUpAnswers[event.questionId];
        else followUpAnswers[event.questionId] = event.value;
        const { [event.questionId]: _cleared, ...errors } = context.errors;
        return { followUpAnswers, errors };
      }),
      assignCurrentError: assign(({ context }) => {
        const id = currentId(context);
        const question = findQuestion(context.survey, id);
        const issue = question ? validateAnswer(question, context.answers[id]) : null;
        return issue ? { errors: { ...context.errors, [id]: issue } } : {};
      }),
      assignFollowUpError: assign(({ context }) => {
        const question = followUpOf(context)?.question;
        const issue = question
          ? validateAnswer(question, context.followUpAnswers[question.id])
          : null;
        return question && issue ? { errors: { ...context.errors, [question.id]: issue } } : {};
      }),
      goForward: assign(({ context }) => ({
        path: [
          ...context.path,
          nextQuestionId(context.survey, currentId(context), context.answers),
        ],
      })),
      goBack: assign(({ context }) => ({ path: context.path.slice(0, -1) })),
      assignSubmitError: assign(({ event }) => ({
        submitError: errorMessage((event as { error?: unknown }).error),
      })),
      clearSubmitError: assign({ submitError: null }),
      assignKept: assign(({ context }, { submitted }: { submitted: boolean }) => {
        const kept = keptOf(context, submitted);
        return kept ? { kept } : {};
      }),
      assignImpact: assign((_, impact: ImpactNotice[]) => ({ impact })),
      assignOptOutScope: assign(({ event }) =>
        event.type === 'flow.optOut' ? { optOutScope: event.scope ?? 'all' } : {},
      ),
    },
    guards: {
      isCurrentAnswerValid: ({ context }) => {
        const question = findQuestion(context.survey, currentId(context));
        return !question || validateAnswer(question, context.answers[question.id]) === null;
      },
      isLastQuestion: ({ context }) =>
        nextQuestionId(context.survey, currentId(context), context.answers) === END,
      canGoBack: ({ context }) => context.path.length > 1,
      hasFollowUp: ({ context }) => followUpOf(context) !== undefined,
      isFollowUpValid: ({ context }) => {
        const question = followUpOf(context)?.question;
        return !question || validateAnswer(question, context.followUpAnswers[question.id]) === null;
      },
      isFollowUpAnswered: ({ context }) => {
        const question = followUpOf(context)?.question;
        return !!question && normalizeAnswer(context.followUpAnswers[question.id]) !== undefined;
      },
      hasImpact: ({ context }) => (context.impact?.length ?? 0) > 0,
      isImpactKnown: ({ context }) => context.impact !== null,
    },
  }).createMachine({
    id: 'palauteFlow',
    context: ({ input }) => ({
      ...input,
      path: [input.survey.questions[0]?.id ?? END],
      answers: {},
      errors: {},
      followUpAnswers: {},
      submitError: null,
      impact: null,
    }),
    entry: { type: 'recordDisplay', params: ({ context }) => ({ context }) },
    initial: 'asking',
    states: {
      asking: {
        on: {
          'answer.change': { actions: 'assignAnswer' },
          'step.next': [
            { guard: and(['isCurrentAnswerValid', 'isLastQuestion']), target: 'submitting' },
            { guard: 'isCurrentAnswerValid', actions: 'goForward' },
            { actions: 'assignCurrentError' },
          ],
          'step.back': { guard: 'canGoBack', actions: 'goBack' },
          ...closeFrom('asking', false),
        },
      },
      submitting: {
        entry: 'clearSubmitError',
        invoke: {
          src: 'submitResponse',
          input: ({ context }) => responseDraft(context),
          onDone: 'acknowledging',
          onError: { target: 'submitFailed', actions: 'assignSubmitError' },
        },
        on: closeFrom('submitting', false),
      },
      submitFailed: {
        on: {
          'submission.retry': 'submitting',
          'step.back': 'asking',
          ...closeFrom('submitFailed', false),
        },
      },
      acknowledging: {
        // Prefetch while the customer reads the thanks, so "Continue" rarely waits.
        invoke: {
          src: 'loadImpact',
          input: ({ context }) => impactQuery(context),
          onDone: { actions: { type: 'assignImpact', params: ({ event }) => event.output } },
          onError: { actions: { type: 'assignImpact', params: [] } },
        },
        on: {
          'step.next': [{ guard: 'hasFollowUp', target: 'followingUp' }, ...AFTER_ANSWERS],
          ...closeFrom('acknowledging', true),
        },
      },
      followingUp: {
        on: {
          'answer.change': { actions: 'assignFollowUpAnswer' },
          'step.next': [
            { guard: not('isFollowUpValid'), actions: 'assignFollowUpError' },
            { guard: 'isFollowUpAnswered', target: 'sendingFollowUp' },
            ...AFTER_ANSWERS,
          ],
          ...closeFrom('followingUp', true),
        },
      },
      sendingFollowUp: {
        entry: 'clearSubmitError',
        invoke: {
          src: 'submitFollowUp',
          input: ({ context }) => followUpDraft(context),
          onDone: AFTER_ANSWERS,
          onError: { target: 'followUpFailed', actions: 'assignSubmitError' },
        },
        on: closeFrom('sendingFollowUp', true),
      },
      followUpFailed: {
        on: {
          'submission.retry': 'sendingFollowUp',
          'step.next': AFTER_ANSWERS,
          ...closeFrom('followUpFailed', true),
        },
      },
      checkingImpact: {
        invoke: {
          src: 'loadImpact',
          input: ({ context }) => impactQuery(context),
          // Assigning is enough: the eventless transitions below then leave this step.
          onDone: { actions: { type: 'assignImpact', params: ({ event }) => event.output } },
          onError: { actions: { type: 'assignImpact', params: [] } },
        },
        always: AFTER_ANSWERS.slice(0, 2),
        on: closeFrom('checkingImpact', true),
      },
      showingImpact: {
        entry: { type: 'recordImpactSeen', params: ({ context }) => ({ context }) },
        on: {
          'step.next': 'done',
          ...closeFrom('showingImpact', true),
        },
      },
      done: { type: 'final' },
      dismissed: { type: 'final' },
      postponed: { type: 'final' },
      optedOut: { type: 'final' },
    },
  });
}

/**
 * The feedback flow: ask → submit → acknowledge → follow up (when a rule selects it) → show impact
 * (when the backend has some for this customer) → done. Dismiss and "not now" close it from any open
 * step, and so does "don't ask me again" (opting out of every future ask). Side effects are the named
 * actors and actions, swapped with `flowMachine.provide()`; {@link createFlow} builds them in from a
 * {@link BackendPort} ({@link buildFlowMachine}).
 */
// Pure: a bundle that only validates surveys, or only runs flows, drops it (and its state tree).
export const flowMachine = /* @__PURE__ */ buildFlowMachine(/* @__PURE__ */ unprovided());

/** "Dismiss", "not now" and "don't ask me again" from an open step, recorded with the step they closed. */
function closeFrom(step: string, submitted: boolean) {
  const close = (
    reason: 'dismiss' | 'notNow' | 'optOut',
    target: 'dismissed' | 'postponed' | 'optedOut',
  ) => ({
    target,
    actions: [
      ...(reason === 'optOut' ? [{ type: 'assignOptOutScope' as const }] : []),
      { type: 'assignKept' as const, params: { submitted } },
      {
        type: 'recordDismissal' as const,
        params: ({ context }: { context: FlowContext }) => {
          const kept = keptOf(context, submitted);
          return {
            context,
            reason,
            optOutScope: reason === 'optOut' ? context.optOutScope : undefined,
            step,
            submitted,
            kept,
            partial:
              kept === 'partial' ? responseOf(context, answersGiven(context), true) : undefined,
          };
        },
      },
    ],
  });
  return {
    'flow.dismiss': close('dismiss', 'dismissed'),
    'flow.notNow': close('notNow', 'postponed'),
    'flow.optOut': close('optOut', 'optedOut'),
  } as const;
}

function impactQuery(context: FlowContext): ImpactQuery {
  return {
    customerId: context.customerId,
    touchpointId: context.survey.touchpointId,
    surveyId: context.survey.id,
  };
}

function followUpDraft(context: FlowContext): FollowUpDraft {
  const followUp = followUpOf(context);
  const questionId = followUp?.question.id ?? '';
  const answer = normalizeAnswer(context.followUpAnswers[questionId]);
  return {
    responseId: context.responseId,
    followUpId: followUp?.id ?? '',
    questionId,
    ...(answer === undefined ? {} : { answer }),
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error
    ? error.message
    : typeof error === 'string'
      ? error
      : 'Unknown error';
}
