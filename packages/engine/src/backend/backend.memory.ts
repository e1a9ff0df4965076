import type { Board } from '../board/board.schema';
import { defineBoard } from '../board/board.utils';
import type { FeedbackItem } from '../feedback/feedback.schema';
import { getContactHistoryQuerySchema, type Touchpoint } from '../journey/journey.schema';
import { utcDay } from '../metrics/metrics.periods';
import {
  type CxCountSource,
  countScores,
  cxQuestionsOf,
  cxReportFrom,
  cxScoresOf,
  cxWorkOf,
  inCxWork,
  inPeriod,
  listCxResponses,
  matchesSegment,
  readCxResponsesQuery,
  readCxTargets,
} from '../metrics/metrics.report';
import type { CxConfig, CxTargets } from '../metrics/metrics.schema';
import {
  type ContactChoice,
  contactChoiceSchema,
  customerReplySchema,
  type DeliveryItem,
  type DeliveryResult,
  type Dismissal,
  type Display,
  deliveryKey,
  dismissalSchema,
  displaySchema,
  type FollowUpAnswer,
  feedbackResponseSchema,
  followUpAnswerSchema,
  type ImpactNotice,
  impactNoticeSchema,
  impactSeenSchema,
  readReceiptSchema,
  type StoredResponse,
  type SubmitReceipt,
} from '../records/records.schema';
import { NotFoundError } from '../shared/shared.errors';
import { checkPayload as check } from '../shared/shared.problems';
import type { Survey } from '../survey/survey.schema';
import type { BackendPort, CustomerDataPort, TeamPort } from './backend.port';
import { countExport, customerExportSchema } from './backend.rights.schema';
import { contactHistoryOf, ownKey, refusalOf, waitsFor } from './backend.utils';
import { type BoardStore, createBoardStore } from './board.store';
import { createFeedbackStore } from './feedback.store';

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
  /**
   * What the CX report reads: the surveys (their NPS, CSAT, CES and rating questions are the
   * scores), the journey's touchpoints (names and stages, for journey order), CX level defaults and
   * the initial stepped targets. Without surveys the report has no scores.
   */
  cx?: {
    surveys?: readonly Survey[];
    touchpoints?: readonly Touchpoint[];
    config?: CxConfig;
    targets?: CxTargets;
  };
  /** The public board's definition. @default `defineBoard({ id: 'ideas' })` (publish at once, default statuses) */
  board?: Board;
}

/** An in-memory {@link BackendPort} you can inspect: for stories, tests and demos. */
export interface MemoryBackend extends BackendPort, CustomerDataPort {
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
   * stories and tests. A real deployment serves it on separate routes with a team credential. Every
   * optional method included.
   */
  team: Required<TeamPort>;
  /** Every feedback item (responses with the customer's words or consent). */
  feedbackItems(): FeedbackItem[];
  /** The board, both sides. */
  board: BoardStore['customer'];
  /** Every idea on the board (for tests and demos). */
  boardIdeas(): ReturnType<BoardStore['ideas']>;
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
  // Keyed by customer and id (ownKey): ids are chosen by clients, so each customer's are their own.
  const responses = new Map<string, StoredResponse>();
  const receipts = new Map<string, SubmitReceipt>();
  const displays = new Map<string, Display>();
  const dismissals = new Map<string, Dismissal>();
  const choices = new Map<string, ContactChoice>();
  const listeners = new Set<() => void>();
  const now = options.now ?? (() => new Date());

  const notify = () => {
    for (const listener of listeners) listener();
  };
  const feedback = createFeedbackStore({ now, onChange: notify });
  const board = createBoardStore({
    board: options.board ?? defineBoard({ id: 'ideas' }),
    now,
    onChange: notify,
    notify: (customerId, notice) => feedback.addNotice(customerId, notice),
    itemOwner: (itemId) => feedback.items().find((item) => item.id === itemId)?.customerId,
  });
  const questions = cxQuestionsOf(options.cx?.surveys ?? []);
  let targets: CxTargets = readCxTargets(options.cx?.targets ?? { targets: [] });
  const scores = () =>
    [...responses.values()].flatMap((response) => cxScoresOf(response, questions));
  const counts: CxCountSource = {
    scoreCounts: async (filter) => countScores(scores(), filter),
    rateCounts: async ({ period, touchpoints, segment }) => {
      const rows = new Map<
        string,
        {
          touchpointId: string;
          shown: number;
          answered: number;
          dismissed: number;
          optedOut: number;
        }
      >();
      for (const display of displays.values()) {
        if (!inPeriod(utcDay(display.at), period)) continue;
        if (touchpoints && !touchpoints.includes(display.touchpointId)) continue;
        if (!matchesSegment(display.segment, segment)) continue;
        const row = rows.get(display.touchpointId) ?? {
          touchpointId: display.touchpointId,
          shown: 0,
          answered: 0,
          dismissed: 0,
          optedOut: 0,
        };
        row.shown++;
        const key = ownKey(display.customerId, display.responseId);
        if (responses.has(key)) row.answered++;
        const dismissal = dismissals.get(key);
        if (dismissal?.reason === 'optOut') row.optedOut++;
        else if (dismissal && !dismissal.submitted) row.dismissed++;
        rows.set(display.touchpointId, row);
      }
      return [...rows.values()];
    },
    work: async (filter, options) =>
      cxWorkOf(
        feedback.items().filter((item) => inCxWork(item, filter)),
        options,
      ),
  };
  // Not validated, like a server returning bad data: readers must defend themselves.
  for (const [customerId, list] of Object.entries(options.impact ?? {}))
    for (const notice of list) feedback.addNotice(customerId, notice);
  const call = async <T>(operation: BackendOperation, work: () => T): Promise<T> => {
    if (options.latency) await new Promise<void>((resolve) => setTimeout(resolve, options.latency));
    const failure = options.failWith?.(operation);
    if (failure) throw failure;
    return work();
  };

  /**
   * The response a follow-up answer joins: its customer's (without a customer, the only response
   * with that id). An unknown response and another customer's are refused alike, for good: an outbox
   * sends a follow-up only after its response.
   */
  const responseOf = (answer: FollowUpAnswer): StoredResponse => {
    const found =
      answer.customerId === undefined
        ? [...responses.values()].filter((response) => response.id === answer.responseId)
        : [responses.get(ownKey(answer.customerId, answer.responseId))];
    const [response] = found;
    if (!response || found.length > 1)
      throw new NotFoundError(
        [{ path: 'responseId', message: 'is not one of your responses' }],
        'follow-up answer',
      );
    return response;
  };

  /** Stores one write unless its key was stored before; says which. */
  const store = (item: DeliveryItem): 'stored' | 'duplicate' => {
    switch (item.kind) {
      case 'response': {
        const valid = check(feedbackResponseSchema, item.payload, 'response');
        const key = ownKey(valid.customerId, valid.id);
        if (receipts.has(key)) return 'duplicate';
        const response: StoredResponse = { ...valid, followUps: [] };
        responses.set(key, response);
        receipts.set(key, { responseId: valid.id, receivedAt: now().toISOString() });
        feedback.ingest(response);
        break;
      }
      case 'followUp': {
        const valid = check(followUpAnswerSchema, item.payload, 'follow-up answer');
        const response = responseOf(valid);
        if (response.followUps.some((f) => f.followUpId === valid.followUpId)) return 'duplicate';
        response.followUps = [...response.followUps, valid];
        feedback.ingest(response);
        break;
      }
      case 'display': {
        const valid = check(displaySchema, item.payload, 'display');
        const key = ownKey(valid.customerId, valid.responseId);
        if (displays.has(key)) return 'duplicate';
        displays.set(key, valid);
        break;
      }
      case 'dismissal': {
        const valid = check(dismissalSchema, item.payload, 'dismissal');
        const key = ownKey(valid.customerId, valid.responseId);
        if (dismissals.has(key)) return 'duplicate';
        dismissals.set(key, valid);
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
      case 'contactChoice': {
        const valid = check(contactChoiceSchema, item.payload, 'contact choice');
        const key = ownKey(valid.customerId, valid.id);
        if (choices.has(key)) return 'duplicate';
        choices.set(key, valid);
        break;
      }
      case 'vote':
        // Applied synchronously by the board store (its own idempotency by write id).
        return board.applyVote(item.payload);
      case 'idea':
        // Posted synchronously by the board store (idempotent by the idea's id).
        return board.applyIdea(item.payload);
    }
    notify();
    return 'stored';
  };

  /**
   * Responses per survey id, of every customer: with caps, only those surveys, each counted up to
   * its cap (what the SQL storage reads); without, every survey's full count.
   */
  const responseCounts = (caps?: Record<string, number>) => {
    const counts: Record<string, number> = {};
    if (caps) for (const surveyId of Object.keys(caps)) counts[surveyId] = 0;
    for (const { surveyId } of responses.values()) {
      const cap = caps ? caps[surveyId] : Number.POSITIVE_INFINITY;
      if (cap !== undefined && (counts[surveyId] ?? 0) < cap)
        counts[surveyId] = (counts[surveyId] ?? 0) + 1;
    }
    return counts;
  };

  /** The customer's contact choices, as an export lists them (absent when none). */
  const choicesOf = (customerId: string) => {
    const mine = [...choices.values()].filter((choice) => choice.customerId === customerId);
    return mine.length > 0 ? { contactChoices: mine } : {};
  };

  const exportCustomer = (customerId: string) => {
    const boardData = board.rights.exportOf(customerId);
    const mine = [...responses.values()].filter((response) => response.customerId === customerId);
    const items = feedback.items().filter((item) => item.customerId === customerId);
    return check(
      customerExportSchema,
      {
        format: 'palaute.customer-export',
        version: 1,
        customerId,
        exportedAt: now().toISOString(),
        responses: mine.map(({ followUps: _, ...response }) => response),
        followUps: mine.flatMap((response) => response.followUps),
        receipts: mine.flatMap((response) => receipts.get(ownKey(customerId, response.id)) ?? []),
        displays: [...displays.values()].filter((display) => display.customerId === customerId),
        dismissals: [...dismissals.values()].filter(
          (dismissal) => dismissal.customerId === customerId,
        ),
        // The customer's replies live in their items' threads.
        replies: items.flatMap((item) =>
          item.replies
            .filter((reply) => reply.author.kind === 'customer')
            .map((reply) => ({
              itemId: item.id,
              customerId,
              replyId: reply.id,
              body: reply.body,
              at: reply.at,
            })),
        ),
        items,
        notices: feedback.noticesOf(customerId),
        ...choicesOf(customerId),
        board: boardData,
      },
      'customer export',
    );
  };

  return {
    submitResponse: (response) =>
      call('submitResponse', () => {
        store({ kind: 'response', payload: response });
        return receipts.get(ownKey(response.customerId, response.id)) as SubmitReceipt;
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
      call('deliver', () => {
        const leftOut = new Set<string>();
        return items.flatMap((item): DeliveryResult[] => {
          const key = deliveryKey(item);
          // A follow-up whose response this batch left out waits for it, left out too.
          if (waitsFor(item, leftOut)) return [];
          try {
            const outcome = store(item);
            // A response's receipt goes with its result: the protocol answers from it.
            const receipt =
              item.kind === 'response'
                ? receipts.get(ownKey(item.payload.customerId, item.payload.id))
                : undefined;
            return [receipt ? { key, outcome, receivedAt: receipt.receivedAt } : { key, outcome }];
          } catch (error) {
            const refusal = refusalOf(error);
            if (refusal) return [{ key, outcome: 'rejected', error: refusal }];
            // Not handled: left out, so it is tried again.
            leftOut.add(key);
            return [];
          }
        });
      }),
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
    setContactChoice: (choice) =>
      call('setContactChoice', () => {
        store({ kind: 'contactChoice', payload: choice });
      }),
    board: {
      ...board.customer,
      // Through the same write path as the outbox's `vote` writes.
      vote: async (write) => {
        await call('deliver', () => store({ kind: 'vote', payload: write }));
        return (await board.customer.getIdea(write.customerId, write.ideaId)).idea;
      },
    },
    boardIdeas: () => board.ideas(),
    team: {
      ...feedback.team,
      board: board.team,
      cxReport: async (query) =>
        cxReportFrom(counts, query, {
          touchpoints: options.cx?.touchpoints ?? [],
          questions,
          targets: targets.targets,
          config: options.cx?.config,
          now: now().toISOString(),
        }),
      cxTargets: async () => targets,
      setCxTargets: async (next) => {
        targets = readCxTargets(next);
        notify();
        return targets;
      },
      cxResponses: async (query) =>
        listCxResponses(
          scores(),
          new Map(feedback.items().map((item) => [item.id, item])),
          readCxResponsesQuery(query),
          options.cx?.config,
          questions,
        ),
    },
    feedbackItems: () => feedback.items(),
    getContactHistory: (query) =>
      call('getContactHistory', () => {
        const { customerId, responseCaps } = check(
          getContactHistoryQuerySchema(),
          query,
          'contact history query',
        );
        return contactHistoryOf({
          customerId,
          displays: displays.values(),
          dismissals: dismissals.values(),
          choices: choices.values(),
          responses: responses.values(),
          responseCounts: responseCounts(responseCaps),
          items: feedback.items(),
          notices: feedback.noticesOf(customerId),
        });
      }),
    exportCustomer: async (customerId) => exportCustomer(customerId),
    deleteCustomer: async (customerId) => {
      const deletion = countExport(exportCustomer(customerId));
      for (const [id, response] of responses)
        if (response.customerId === customerId) {
          responses.delete(id);
          receipts.delete(id);
        }
      for (const [id, display] of displays)
        if (display.customerId === customerId) displays.delete(id);
      for (const [id, dismissal] of dismissals)
        if (dismissal.customerId === customerId) dismissals.delete(id);
      for (const [id, choice] of choices) if (choice.customerId === customerId) choices.delete(id);
      feedback.forget(customerId);
      board.rights.forget(customerId);
      if (Object.values(deletion.deleted).some((count) => (count ?? 0) > 0)) notify();
      return deletion;
    },
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
