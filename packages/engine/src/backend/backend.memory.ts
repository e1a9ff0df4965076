import * as z from 'zod/mini';
import type { FeedbackItem } from '../feedback/feedback.schema';
import { createFeedbackStore } from '../feedback/feedback.store';
import type { Contact, ContactHistory } from '../journey/journey.schema';
import { toProblems, ValidationError } from '../survey/survey.errors';
import type { BackendPort, TeamPort } from './backend.port';
import {
  customerReplySchema,
  type DeliveryItem,
  type DeliveryResult,
  type Dismissal,
  type Display,
  deliveryKey,
  dismissalSchema,
  displaySchema,
  type FeedbackResponse,
  type FollowUpAnswer,
  feedbackResponseSchema,
  followUpAnswerSchema,
  type ImpactNotice,
  impactNoticeSchema,
  impactSeenSchema,
  readReceiptSchema,
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
  /** Recorded displays, one per flow. */
  displays(): Display[];
  /** Recorded dismissals and "not now"s, one per flow. */
  dismissals(): Dismissal[];
  /** Adds an impact notice for a customer (by hand; `team.shipChange` makes them from feedback). */
  addImpact(customerId: string, notice: ImpactNotice): void;
  /**
   * The team's side of the same data (triage, replies, shipped changes, loop metrics): for demos,
   * stories and tests. A real deployment serves it on separate routes with a team credential.
   */
  team: TeamPort;
  /** Every feedback item (responses with the customer's words or consent). */
  feedbackItems(): FeedbackItem[];
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/**
 * Creates an in-memory backend. It validates every payload like a real server would, and is
 * idempotent like one: a write whose {@link deliveryKey} was stored before is a duplicate and changes
 * nothing (one response per id, one follow-up answer per follow-up, one display and one dismissal per
 * flow). Subscribers hear only of real changes.
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
  const displays = new Map<string, Display>();
  const dismissals = new Map<string, Dismissal>();
  const listeners = new Set<() => void>();
  const now = options.now ?? (() => new Date());

  const notify = () => {
    for (const listener of listeners) listener();
  };
  const feedback = createFeedbackStore({ now, onChange: notify });
  // Not validated, like a server returning bad data: readers must defend themselves.
  for (const [customerId, list] of Object.entries(options.impact ?? {}))
    for (const notice of list) feedback.addNotice(customerId, notice);
  const call = async <T>(operation: BackendOperation, work: () => T): Promise<T> => {
    if (options.latency) await new Promise<void>((resolve) => setTimeout(resolve, options.latency));
    const failure = options.failWith?.(operation);
    if (failure) throw failure;
    return work();
  };

  /** Stores one write unless its key was stored before; says which. */
  const store = (item: DeliveryItem): 'stored' | 'duplicate' => {
    switch (item.kind) {
      case 'response': {
        const valid = check(feedbackResponseSchema, item.payload, 'response');
        if (receipts.has(valid.id)) return 'duplicate';
        responses.set(valid.id, { ...valid, followUps: [] });
        receipts.set(valid.id, { responseId: valid.id, receivedAt: now().toISOString() });
        feedback.ingest(responses.get(valid.id) as StoredResponse);
        break;
      }
      case 'followUp': {
        const valid = check(followUpAnswerSchema, item.payload, 'follow-up answer');
        const response = responses.get(valid.responseId);
        // Retryable: the response may still be on its way (a real server answers 409 or 404 alike).
        if (!response)
          throw Object.assign(new Error(`Unknown response "${valid.responseId}"`), {
            retryable: true,
          });
        if (response.followUps.some((f) => f.followUpId === valid.followUpId)) return 'duplicate';
        response.followUps = [...response.followUps, valid];
        feedback.ingest(response);
        break;
      }
      case 'display': {
        const valid = check(displaySchema, item.payload, 'display');
        if (displays.has(valid.responseId)) return 'duplicate';
        displays.set(valid.responseId, valid);
        break;
      }
      case 'dismissal': {
        const valid = check(dismissalSchema, item.payload, 'dismissal');
        if (dismissals.has(valid.responseId)) return 'duplicate';
        dismissals.set(valid.responseId, valid);
        break;
      }
      case 'reply': {
        const valid = check(customerReplySchema, item.payload, 'reply');
        const known = feedback
          .items()
          .find((candidate) => candidate.id === valid.itemId)
          ?.replies.some((reply) => reply.id === valid.replyId);
        if (known) return 'duplicate';
        feedback.customerReply(valid);
        return 'stored';
      }
      case 'read':
        feedback.customerRead(check(readReceiptSchema, item.payload, 'read receipt'));
        return 'stored';
      case 'impactSeen':
        feedback.markImpactSeen(check(impactSeenSchema, item.payload, 'impact seen'));
        return 'stored';
    }
    notify();
    return 'stored';
  };

  /** Every flow of this customer as one contact: shown, then answered, dismissed, postponed or opted out. */
  const contactHistory = (customerId: string): ContactHistory => {
    const contacts = new Map<string, Extract<Contact, { kind: 'ask' }>>();
    for (const display of displays.values())
      if (display.customerId === customerId)
        contacts.set(display.responseId, {
          kind: 'ask',
          surveyId: display.surveyId,
          touchpointId: display.touchpointId,
          responseId: display.responseId,
          at: display.at,
          outcome: 'shown',
        });
    let optedOutAt: string | undefined;
    for (const dismissal of dismissals.values()) {
      if (dismissal.customerId !== customerId) continue;
      if (dismissal.reason === 'optOut') optedOutAt = dismissal.at;
      contacts.set(dismissal.responseId, {
        kind: 'ask',
        surveyId: dismissal.surveyId,
        touchpointId: dismissal.touchpointId,
        responseId: dismissal.responseId,
        at: contacts.get(dismissal.responseId)?.at ?? dismissal.at,
        outcome:
          dismissal.reason === 'optOut'
            ? 'optedOut'
            : dismissal.reason === 'notNow'
              ? 'postponed'
              : 'dismissed',
        outcomeAt: dismissal.at,
      });
    }
    const responseCounts: Record<string, number> = {};
    for (const response of responses.values()) {
      responseCounts[response.surveyId] = (responseCounts[response.surveyId] ?? 0) + 1;
      if (response.customerId !== customerId) continue;
      contacts.set(response.id, {
        kind: 'ask',
        surveyId: response.surveyId,
        touchpointId: response.touchpointId,
        responseId: response.id,
        at: contacts.get(response.id)?.at ?? response.startedAt,
        outcome: 'answered',
        outcomeAt: response.submittedAt,
        ...(response.sentiment ? { sentiment: response.sentiment } : {}),
      });
    }
    const team = feedback.contactsOf(customerId);
    return {
      customerId,
      contacts: [
        ...contacts.values(),
        ...team.replies.map(({ at, id }): Contact => ({ kind: 'reply', at, id })),
        ...team.impacts.map(({ at, id }): Contact => ({ kind: 'impact', at, id })),
      ],
      awaitingReply: team.awaitingReply,
      ...(team.unreadReplies > 0 ? { unreadReplies: team.unreadReplies } : {}),
      responseCounts,
      ...(optedOutAt ? { optedOutAt } : {}),
    };
  };

  return {
    submitResponse: (response) =>
      call('submitResponse', () => {
        store({ kind: 'response', payload: response });
        return receipts.get(response.id) as SubmitReceipt;
      }),
    submitFollowUp: (answer) =>
      call('submitFollowUp', () => {
        store({ kind: 'followUp', payload: answer });
      }),
    recordDisplay: (display) =>
      call('recordDisplay', () => {
        store({ kind: 'display', payload: display });
      }),
    recordDismissal: (dismissal) =>
      call('recordDismissal', () => {
        store({ kind: 'dismissal', payload: dismissal });
      }),
    deliver: (items) =>
      call('deliver', () =>
        items.flatMap((item): DeliveryResult[] => {
          const key = deliveryKey(item);
          try {
            return [{ key, outcome: store(item) }];
          } catch (error) {
            // Not handled (say a follow-up before its response): left out, so it is tried again.
            if (!(error instanceof ValidationError)) return [];
            return [
              {
                key,
                outcome: 'rejected',
                error: { code: 'invalid_request', message: error.message },
              },
            ];
          }
        }),
      ),
    listImpact: (query) => call('listImpact', () => feedback.impactFor(query.customerId)),
    listMyFeedback: ({ customerId }) =>
      call('listMyFeedback', () => feedback.customerFeedback(customerId)),
    submitReply: (reply) =>
      call('submitReply', () => {
        store({ kind: 'reply', payload: reply });
      }),
    markRead: (receipt) =>
      call('markRead', () => {
        store({ kind: 'read', payload: receipt });
      }),
    markImpactSeen: (seen) =>
      call('markImpactSeen', () => {
        store({ kind: 'impactSeen', payload: seen });
      }),
    team: feedback.team,
    feedbackItems: () => feedback.items(),
    getContactHistory: ({ customerId }) =>
      call('getContactHistory', () => contactHistory(customerId)),
    responses: () => [...responses.values()],
    displays: () => [...displays.values()],
    dismissals: () => [...dismissals.values()],
    addImpact: (customerId, notice) => {
      feedback.addNotice(customerId, check(impactNoticeSchema, notice, 'impact notice'));
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
