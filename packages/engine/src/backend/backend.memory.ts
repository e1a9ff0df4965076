import * as z from 'zod/mini';
import { toProblems, ValidationError } from '../survey/survey.errors';
import type { BackendPort } from './backend.port';
import {
  type Dismissal,
  type Display,
  dismissalSchema,
  displaySchema,
  type FeedbackResponse,
  type FollowUpAnswer,
  feedbackResponseSchema,
  followUpAnswerSchema,
  type ImpactNotice,
  impactNoticeSchema,
  type SubmitReceipt,
} from './backend.schema';

/** A backend operation, as named in {@link BackendPort}. */
export type BackendOperation = keyof BackendPort;

/** Options of {@link createMemoryBackend}. */
export interface MemoryBackendOptions {
  /** Simulated network latency in milliseconds, so stories can show the `submitting` step. @default 0 */
  latency?: number;
  /** Impact notices to list, by customer id. */
  impact?: Record<string, ImpactNotice[]>;
  /** Return an error to make an operation fail (to show and test failure and retry). */
  failWith?: (operation: BackendOperation) => Error | undefined;
  /** The clock for receipts. @default () => new Date() */
  now?: () => Date;
}

/** A stored response with any follow-up answers joined to it. */
export type StoredResponse = FeedbackResponse & { followUps: FollowUpAnswer[] };

/** An in-memory {@link BackendPort} you can inspect: for stories, tests and demos. */
export interface MemoryBackend extends BackendPort {
  /** Stored responses, in arrival order (one per response id). */
  responses(): StoredResponse[];
  /** Recorded displays. */
  displays(): Display[];
  /** Recorded dismissals and "not now"s. */
  dismissals(): Dismissal[];
  /** Adds an impact notice for a customer. */
  addImpact(customerId: string, notice: ImpactNotice): void;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/**
 * Creates an in-memory backend. It validates every payload like a real server would, and submitting
 * the same response id twice stores one response.
 *
 * @example
 * ```ts
 * const backend = createMemoryBackend({ latency: 400 });
 * // … after the customer answers:
 * backend.responses(); // [{ id, surveyId, answers: { nps: 9 }, … }]
 * ```
 */
export function createMemoryBackend(options: MemoryBackendOptions = {}): MemoryBackend {
  const responses = new Map<string, StoredResponse>();
  const receipts = new Map<string, SubmitReceipt>();
  const displays: Display[] = [];
  const dismissals: Dismissal[] = [];
  const impact = new Map<string, ImpactNotice[]>(Object.entries(options.impact ?? {}));
  const listeners = new Set<() => void>();
  const now = options.now ?? (() => new Date());

  const call = async <T>(operation: BackendOperation, work: () => T): Promise<T> => {
    if (options.latency) await new Promise<void>((resolve) => setTimeout(resolve, options.latency));
    const failure = options.failWith?.(operation);
    if (failure) throw failure;
    const result = work();
    for (const listener of listeners) listener();
    return result;
  };

  return {
    submitResponse: (response) =>
      call('submitResponse', () => {
        const valid = check(feedbackResponseSchema, response, 'response');
        const known = receipts.get(valid.id);
        if (known) return known;
        responses.set(valid.id, { ...valid, followUps: [] });
        const receipt = { responseId: valid.id, receivedAt: now().toISOString() };
        receipts.set(valid.id, receipt);
        return receipt;
      }),
    submitFollowUp: (answer) =>
      call('submitFollowUp', () => {
        const valid = check(followUpAnswerSchema, answer, 'follow-up answer');
        const response = responses.get(valid.responseId);
        if (!response) throw new Error(`Unknown response "${valid.responseId}"`);
        response.followUps = [
          ...response.followUps.filter((f) => f.followUpId !== valid.followUpId),
          valid,
        ];
      }),
    recordDisplay: (display) =>
      call('recordDisplay', () => {
        displays.push(check(displaySchema, display, 'display'));
      }),
    recordDismissal: (dismissal) =>
      call('recordDismissal', () => {
        dismissals.push(check(dismissalSchema, dismissal, 'dismissal'));
      }),
    listImpact: (query) => call('listImpact', () => [...(impact.get(query.customerId) ?? [])]),
    responses: () => [...responses.values()],
    displays: () => [...displays],
    dismissals: () => [...dismissals],
    addImpact: (customerId, notice) => {
      impact.set(customerId, [
        ...(impact.get(customerId) ?? []),
        check(impactNoticeSchema, notice, 'impact notice'),
      ]);
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function check<T>(schema: z.ZodMiniType<T>, value: unknown, subject: string): T {
  const result = z.safeParse(schema, value, { reportInput: true });
  if (!result.success) throw new ValidationError(toProblems(result.error.issues), subject);
  return result.data;
}
