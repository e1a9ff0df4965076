import * as z from 'zod/mini';
import { attributesSchema, impactNoticeSchema, timestampSchema } from '../records/records.schema';
import {
  answersSchema,
  type answerValueSchema,
  idSchema,
  localeSchema,
  surveySchema,
} from '../survey/survey.schema';
import { FLOW_STEPS, PERSISTED_FLOW_VERSION } from './flow.utils';

/** Why an answer was not accepted. The UI turns the code into a message in the customer's language. */
export const validationIssueSchema = /* @__PURE__ */ (() =>
  z.object({
    code: z.enum([
      'required',
      'tooLong',
      'otherEmpty',
      'tooFew',
      'tooMany',
      'outOfRange',
      'invalidOption',
      'wrongType',
    ]),
    /** For `tooLong`, `tooFew` and `tooMany`: the limit. */
    limit: z.optional(z.number()),
  }))();
/** Why an answer was not accepted. */
export type ValidationIssue = z.output<typeof validationIssueSchema>;

/** What a flow is started with. */
export const flowInputSchema = /* @__PURE__ */ (() =>
  z.object({
    survey: surveySchema,
    customerId: z.string().check(z.minLength(1, 'must not be empty')),
    /** The customer's attributes at the start, sent with the response as its segment. */
    segment: z.optional(attributesSchema),
    locale: localeSchema,
    /** Client-generated; the response id and idempotency key. */
    responseId: z.string().check(z.minLength(8)),
    startedAt: timestampSchema,
    /** The displayed order of each randomised question's options, fixed for this flow. */
    optionOrder: z.record(idSchema, z.array(idSchema)),
  }))();
/** What a flow is started with. */
export type FlowInput = z.output<typeof flowInputSchema>;

/** The flow's data: everything needed to render any step and to resume after a reload. */
export const flowContextSchema = /* @__PURE__ */ (() =>
  z.extend(flowInputSchema, {
    /** The questions visited, in order; the last is the current one. Back pops it. */
    path: z.array(idSchema).check(z.minLength(1)),
    answers: answersSchema,
    /** Validation issues by question id, set when the customer tries to move on. */
    errors: z.record(idSchema, validationIssueSchema),
    /** The follow-up answer, by the follow-up question's id. */
    followUpAnswers: answersSchema,
    /** The last submission error's message, kept for the retry step. */
    submitError: z.nullable(z.string()),
    /** Impact notices for this customer; `null` until loaded. */
    impact: z.nullable(z.array(impactNoticeSchema)),
    /**
     * Set when the flow closed unfinished with answers given: `draft` (kept to resume, see
     * `draftOfFlow`) or `partial` (sent as a partial response).
     */
    kept: z.optional(z.enum(['draft', 'partial'])),
    /** Set on a draft: when the customer left it. A flow resumed from it shows their answers from then. */
    draftedAt: z.optional(timestampSchema),
    /** Set when the customer said "don't ask me again": what they chose it covers. */
    optOutScope: z.optional(z.enum(['survey', 'all'])),
  }))();
/** The flow's data. */
export type FlowContext = z.output<typeof flowContextSchema>;

/**
 * Every step a flow can be at. Open steps: `asking`, `submitting`, `submitFailed`, `acknowledging`,
 * `followingUp`, `sendingFollowUp`, `followUpFailed`, `checkingImpact`, `showingImpact`. Closed: `done`,
 * `dismissed`, `postponed` ("not now"), `optedOut` ("don't ask me again").
 */
export const flowStepSchema = /* @__PURE__ */ (() => z.enum(FLOW_STEPS))();
/** A step of the flow. */
export type FlowStep = z.output<typeof flowStepSchema>;

/**
 * A flow saved as JSON (e.g. in `sessionStorage`), validated when restored so a tampered or stale
 * snapshot is refused, never half-applied.
 */
export const persistedFlowSchema = /* @__PURE__ */ (() =>
  z.object({
    version: z.literal(PERSISTED_FLOW_VERSION),
    step: flowStepSchema,
    context: flowContextSchema,
  }))();
/** A flow saved as JSON. */
export type PersistedFlow = z.output<typeof persistedFlowSchema>;

/** Events the flow accepts: data, named `noun.verb`. */
export type FlowEvent =
  | {
      type: 'answer.change';
      questionId: string;
      value: z.output<typeof answerValueSchema> | undefined;
    }
  | { type: 'step.next' }
  | { type: 'step.back' }
  | { type: 'submission.retry' }
  | { type: 'flow.dismiss' }
  | { type: 'flow.notNow' }
  | {
      type: 'flow.optOut';
      /** What it covers: this survey, or every survey. @default 'all' */
      scope?: 'survey' | 'all';
    };
