import { type Actor, createActor, fromPromise } from 'xstate';
import type { BackendPort } from '../backend/backend.port';
import type { Outbox } from '../outbox/outbox';
import type { OutboxKind, OutboxPayload } from '../outbox/outbox.schema';
import type { Customer, DeliveryItem, ImpactNotice, ImpactQuery } from '../records/records.schema';
import { randomId } from '../shared/shared.ids';
import type { Survey } from '../survey/survey.schema';
import {
  buildFlowMachine,
  type FollowUpDraft,
  type flowMachine,
  type ResponseDraft,
} from './flow.machine';
import type { FlowContext, FlowInput, FlowStep, PersistedFlow } from './flow.schema';
import type { FlowSnapshot } from './flow.selectors';
import { drawOptionOrder, PERSISTED_FLOW_VERSION } from './flow.utils';

/** A running (or ready to start) feedback flow. Call `start()`, then `send()` events or use `connect()`. */
export type FlowActor = Actor<typeof flowMachine>;

/** Options of {@link createFlow}. */
export interface CreateFlowOptions {
  /** A survey returned by `defineSurvey` or `parseSurvey`. */
  survey: Survey;
  /** Where responses go. */
  backend: BackendPort;
  /** Who is answering; their attributes, if any, go with the response as its segment. */
  customer: Customer;
  /** The customer's locale, e.g. `fi` or `en-GB`. */
  locale: string;
  /** A snapshot saved with {@link persistFlow}, to resume a half-answered flow after a reload. */
  restore?: PersistedFlow;
  /**
   * Writes go through this durable outbox instead of straight to the backend: the flow moves on to
   * the acknowledgement as soon as the answers are stored locally, and the outbox delivers them
   * (retrying, exactly once by idempotency key). Impact is still read from `backend`. Without it,
   * writes go straight to `backend` and a failed submission offers a retry.
   */
  outbox?: Outbox;
  /**
   * Hears every write as it happens for the customer: the display when the survey shows, the
   * dismissal when it closes, the response and follow-up answer once they are safe (stored or sent).
   * `createPalaute`'s `recordWrite` goes here, so the contact policy sees this flow.
   */
  onWrite?: (item: DeliveryItem) => void;
  /**
   * Reports failures of fire-and-forget calls (displays, dismissals, a partial response sent on
   * closing), which never disturb the customer.
   */
  onError?: (
    error: unknown,
    operation: 'recordDisplay' | 'recordDismissal' | 'recordImpactSeen' | 'submitPartial',
  ) => void;
  /**
   * Who opened the survey: `customer` when they did themselves (the launcher), so its display is
   * marked as theirs; for a survey with no ask (the launcher's own) it does not count against the
   * fatigue budget. @default 'product'
   */
  initiative?: 'product' | 'customer';
  /** The clock. @default () => new Date() */
  now?: () => Date;
  /** Makes response ids. @default crypto.randomUUID */
  createId?: () => string;
  /** Randomness for option order. @default Math.random */
  random?: () => number;
}

/**
 * Creates a feedback flow for one customer and one survey, wired to a backend.
 *
 * @example
 * ```ts
 * const flow = createFlow({ survey, backend: createMemoryBackend(), customer: { id: 'c-42' }, locale: 'en' });
 * flow.subscribe((snapshot) => render(connect(snapshot, flow.send)));
 * flow.start();
 * ```
 */
export function createFlow(options: CreateFlowOptions): FlowActor {
  const logic = createFlowLogic(options);
  return createActor(logic, flowActorOptions(options, logic));
}

/** The flow machine with its actors and actions wired to the backend (for `useActorRef` and tests). */
export type FlowLogic = typeof flowMachine;

/**
 * The flow machine with its side effects provided from `options.backend`. {@link createFlow} is this
 * plus {@link flowActorOptions}; React's `useActorRef` takes the two separately.
 */
export function createFlowLogic(
  options: Omit<CreateFlowOptions, 'customer' | 'locale' | 'restore'>,
): FlowLogic {
  const { backend } = options;
  const now = options.now ?? (() => new Date());
  const timestamp = () => now().toISOString();
  const report =
    (operation: 'recordDisplay' | 'recordDismissal' | 'recordImpactSeen' | 'submitPartial') =>
    (error: unknown) =>
      options.onError?.(error, operation);

  // What every recorded interaction says: which flow, survey, touchpoint and customer, when, and
  // the customer's segment (as the response carries it), so rates can be read by segment.
  const interaction = (context: FlowContext) => ({
    responseId: context.responseId,
    surveyId: context.survey.id,
    surveyVersion: context.survey.version,
    touchpointId: context.survey.touchpointId,
    customerId: context.customerId,
    at: timestamp(),
    ...(context.segment ? { segment: context.segment } : {}),
  });

  const { outbox } = options;
  /** Through the outbox when there is one: resolves once stored locally, fails only if it cannot be. */
  const write = async <K extends OutboxKind>(
    kind: K,
    payload: OutboxPayload<K>,
    direct: (payload: OutboxPayload<K>) => Promise<unknown>,
  ): Promise<void> => {
    const item = { kind, payload } as DeliveryItem;
    // A display or a dismissal happened whether or not it is recorded; an answer counts once safe.
    const essential = kind === 'response' || kind === 'followUp' || kind === 'reply';
    if (!essential) options.onWrite?.(item);
    if (!outbox) await direct(payload);
    else {
      const result = await outbox.enqueue(kind, payload);
      if (!result.stored)
        throw new Error('Your answers could not be saved on this device: its outbox is full.');
    }
    if (essential) options.onWrite?.(item);
  };

  return buildFlowMachine({
    actors: {
      submitResponse: fromPromise<void, ResponseDraft>(({ input }) =>
        write('response', { ...input, submittedAt: timestamp() }, backend.submitResponse),
      ),
      submitFollowUp: fromPromise<void, FollowUpDraft>(({ input }) =>
        write('followUp', { ...input, answeredAt: timestamp() }, backend.submitFollowUp),
      ),
      loadImpact: fromPromise<ImpactNotice[], ImpactQuery>(async ({ input }) => {
        // Impact comes from outside: keep only well-formed notices, so one bad item cannot break the
        // step. The schemas load with it (as with the first request), not before the survey shows.
        const [notices, { wellFormedNotices }] = await Promise.all([
          backend.listImpact(input),
          import('../protocol/protocol.checks'),
        ]);
        return wellFormedNotices(notices);
      }),
    },
    actions: {
      recordDisplay: (_, { context }) => {
        const display = {
          ...interaction(context),
          ...(options.initiative === 'customer' ? { initiative: 'customer' as const } : {}),
        };
        safely(() => write('display', display, backend.recordDisplay)).catch(
          report('recordDisplay'),
        );
      },
      recordImpactSeen: (_, { context }) => {
        // Only where the backend keeps track: a notice seen is not listed again, and counts as a contact.
        if (!backend.markImpactSeen) return;
        const markImpactSeen = backend.markImpactSeen.bind(backend);
        for (const notice of context.impact ?? [])
          safely(() =>
            write(
              'impactSeen',
              { customerId: context.customerId, noticeId: notice.id, at: timestamp() },
              markImpactSeen,
            ),
          ).catch(report('recordImpactSeen'));
      },
      recordDismissal: (_, { context, reason, step, submitted, kept, partial, optOutScope }) => {
        const questionId = step === 'asking' ? context.path[context.path.length - 1] : undefined;
        // The answers given count before the dismissal does: the contact is answered, not dismissed.
        if (partial)
          safely(() =>
            write('response', { ...partial, submittedAt: timestamp() }, backend.submitResponse),
          ).catch(report('submitPartial'));
        const dismissal = {
          ...interaction(context),
          reason,
          step,
          submitted,
          ...(questionId ? { questionId } : {}),
          ...(kept ? { kept } : {}),
          ...(optOutScope ? { optOutScope } : {}),
        };
        safely(() => write('dismissal', dismissal, backend.recordDismissal)).catch(
          report('recordDismissal'),
        );
      },
    },
  });
}

/** What a flow actor starts from: a fresh start for this customer, or the restored snapshot. */
export type FlowActorOptions = { input: FlowInput; snapshot?: FlowSnapshot };

/**
 * The actor options for a flow: fresh input (new response id, option order), or the restored
 * snapshot, resolved by `logic` (the flow's logic from {@link createFlowLogic}, which the actor
 * will run; built from `options` when not given).
 */
export function flowActorOptions(options: CreateFlowOptions, logic?: FlowLogic): FlowActorOptions {
  const { survey, customer, locale, restore } = options;
  if (restore) {
    return {
      input: restore.context,
      snapshot: (logic ?? createFlowLogic(options)).resolveState({
        value: resumeStep(restore.step),
        context: restore.context,
      }),
    };
  }
  return {
    input: {
      survey,
      customerId: customer.id,
      ...(customer.attributes && Object.keys(customer.attributes).length > 0
        ? { segment: customer.attributes }
        : {}),
      locale,
      responseId: (options.createId ?? randomId)(),
      startedAt: (options.now?.() ?? new Date()).toISOString(),
      optionOrder: drawOptionOrder(survey, options.random),
    },
  };
}

/**
 * Where a restored flow resumes. Steps that were waiting on the network resume at the step that asked:
 * a submission in flight resumes as failed (its answers kept, "retry" offered; the response id makes the
 * retry idempotent), impact being checked resumes at the acknowledgement.
 */
function resumeStep(step: FlowStep): FlowStep {
  switch (step) {
    case 'submitting':
      return 'submitFailed';
    case 'sendingFollowUp':
      return 'followUpFailed';
    case 'checkingImpact':
      return 'acknowledging';
    default:
      return step;
  }
}

/** Saves a flow as JSON-safe data, to resume it after a reload with `createFlow({ restore })`. */
export function persistFlow(snapshot: FlowSnapshot): PersistedFlow {
  return {
    version: PERSISTED_FLOW_VERSION,
    step: snapshot.value as FlowStep,
    context: snapshot.context,
  };
}

/**
 * The draft a flow leaves when the customer closed it unfinished (Escape, ×, "Not now", "Don't ask me
 * again") after giving answers, and the survey keeps drafts (`partial` is not `submit`): the flow at
 * the question they left, with their answers and response id, to resume with
 * `createFlow({ restore })` at the survey's next opening or offer. `undefined` for any other flow.
 */
export function draftOfFlow(
  snapshot: FlowSnapshot,
  now: Date = new Date(),
): PersistedFlow | undefined {
  const { context } = snapshot;
  if (snapshot.status !== 'done' || context.kept !== 'draft') return undefined;
  const { kept: _kept, ...rest } = context;
  return {
    version: PERSISTED_FLOW_VERSION,
    step: 'asking',
    context: { ...rest, errors: {}, submitError: null, draftedAt: now.toISOString() },
  };
}

function safely(call: () => Promise<void>): Promise<void> {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error);
  }
}
