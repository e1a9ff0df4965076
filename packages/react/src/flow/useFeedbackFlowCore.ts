import {
  type BackendPort,
  type Customer,
  connect,
  createFlowLogic,
  draftOfFlow,
  type FlowActor,
  type FlowApi,
  type FlowSnapshot,
  type FlowStep,
  flowActorOptions,
  type Outbox,
  type ParsePersistedFlowResult,
  type PersistedFlow,
  persistFlow,
  type Survey,
} from '@palaute/engine';
import { useEffect, useMemo, useRef } from 'react';
import { usePalaute } from '../provider/PalauteProvider';
import { sessionOr } from '../shared/storage';
import { useActorRef, useSelector } from '../shared/useActor';

/** Where a flow is saved so a reload resumes it: `sessionStorage`, `localStorage` or your own. */
export type FlowStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The steps a flow closes at. */
export type ClosedStep = Extract<FlowStep, 'done' | 'dismissed' | 'postponed' | 'optedOut'>;

/** Options of `useFeedbackFlow`. */
export interface UseFeedbackFlowOptions {
  /** The survey to ask. */
  survey: Survey;
  /**
   * Save the flow on every step so a reload resumes a half-answered survey. `true` uses
   * `sessionStorage`. When the flow closes it is cleared, unless it closed unfinished after answers
   * were given: then the storage keeps that draft, and the survey resumes from it at its next
   * opening, after a reload too. (Without `persist` a draft is kept for the page's life.)
   * @default false
   */
  persist?: boolean | FlowStorage | undefined;
  /** The storage key. @default `palaute:flow:<survey id>:<customer id>` */
  persistKey?: string | undefined;
  /**
   * Called once when the flow closes: `done`, `dismissed`, `postponed` ("not now") or `optedOut`
   * ("don't ask me again").
   */
  onClose?: ((step: ClosedStep) => void) | undefined;
  /**
   * Who opened the survey: `customer` when they did themselves (the launcher's own survey). Its
   * display then does not count against the fatigue budget, and "Don't ask me again" is not
   * offered: nothing was asked. @default 'product'
   */
  initiative?: 'product' | 'customer' | undefined;
  /** Overrides the provider's backend. */
  backend?: BackendPort | undefined;
  /** Overrides the provider's outbox; `false` sends straight to the backend. */
  outbox?: Outbox | false | undefined;
  /** Overrides the provider's customer. */
  customer?: Customer | undefined;
  /** Overrides the provider's locale. */
  locale?: string | undefined;
  /** The clock (tests and stories). @default () => new Date() */
  now?: (() => Date) | undefined;
  /** Response id factory (tests and stories). @default crypto.randomUUID */
  createId?: (() => string) | undefined;
  /** Randomness for option order (tests and stories). @default Math.random */
  random?: (() => number) | undefined;
  /** Start from a saved flow (e.g. a fixture) instead of the beginning. */
  initialFlow?: PersistedFlow | undefined;
}

/** What `useFeedbackFlow` returns: the flow's view-model plus the actor, for `useSelector`. */
export interface FeedbackFlow extends FlowApi {
  /** The running flow actor. */
  actor: FlowActor;
}

/** The saved flow's check, `parsePersistedFlow` (given statically, or loaded with `import()`). */
export type PersistedFlowCheck = (value: unknown, survey: Survey) => ParsePersistedFlowResult;

/**
 * Not public: `useFeedbackFlow` with the saved flow's check given by the caller. The public
 * hook and `FeedbackForm` pass the engine's `parsePersistedFlow` itself; `FeedbackDialog` passes
 * the one it loads with `import()` once it found a kept flow ({@link hasKeptFlow}), or `undefined`
 * when it found none (then nothing kept is read, and the flow starts afresh), so a page whose
 * customer kept nothing never loads the check.
 */
export function useFeedbackFlowCore(
  options: UseFeedbackFlowOptions,
  check: PersistedFlowCheck | undefined,
): FeedbackFlow {
  const palaute = usePalaute();
  const backend = options.backend ?? palaute.backend;
  // A flow given its own backend does not borrow the provider's outbox (which delivers elsewhere).
  const outbox =
    options.outbox === false
      ? undefined
      : (options.outbox ?? (options.backend ? undefined : palaute.outbox));
  const customer = options.customer ?? palaute.customer;
  const locale = options.locale ?? palaute.locale;
  if (!backend || !customer)
    throw new Error(
      'Palaute: a feedback flow needs a backend and a customer. Wrap it in <PalauteProvider>.',
    );

  const storage: FlowStorage | undefined = sessionOr(options.persist);
  const key = flowKey(options, customer);
  const onError = palaute.onError;
  const drafts = palaute.drafts;
  // Every flow tells the client what the customer saw and said, so the contact policy counts it.
  const client = palaute.client;

  const logic = useMemo(
    () =>
      createFlowLogic({
        survey: options.survey,
        backend,
        ...(outbox ? { outbox } : {}),
        ...(client ? { onWrite: client.recordWrite } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(onError ? { onError } : {}),
        ...(options.initiative ? { initiative: options.initiative } : {}),
      }),
    [options.survey, backend, outbox, client, options.now, onError, options.initiative],
  );
  // Read once: the saved flow decides where the actor starts.
  const initial = useRef<PersistedFlow | undefined>(undefined);
  if (initial.current === undefined)
    initial.current =
      options.initialFlow ??
      (check
        ? (readSaved(storage, key, options.survey, check) ??
          readDraft(drafts, key, options.survey, check))
        : undefined);

  const actor = useActorRef(
    logic,
    flowActorOptions(
      {
        survey: options.survey,
        backend,
        customer,
        locale,
        ...(initial.current ? { restore: initial.current } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.createId ? { createId: options.createId } : {}),
        ...(options.random ? { random: options.random } : {}),
      },
      logic,
    ),
  );
  const snapshot = useSelector(actor, identity);

  const clock = useRef(options.now);
  clock.current = options.now;
  const onClose = useRef(options.onClose);
  onClose.current = options.onClose;
  useEffect(() => {
    const subscription = actor.subscribe((next) => {
      if (next.status === 'done') {
        // Answers given and not sent are never dropped: they wait here for the next opening.
        const draft = draftOfFlow(next, clock.current?.());
        if (draft) drafts.set(key, draft);
        else drafts.delete(key);
        try {
          if (draft) storage?.setItem(key, JSON.stringify(draft));
          else storage?.removeItem(key);
        } catch (error) {
          onError?.(error, 'persistFlow');
        }
        const step = next.value as ClosedStep;
        onClose.current?.(step);
      } else if (storage) {
        try {
          storage.setItem(key, JSON.stringify(persistFlow(next)));
        } catch (error) {
          // A full or blocked storage must not break the flow; the answers stay in memory.
          onError?.(error, 'persistFlow');
        }
      }
    });
    return () => subscription.unsubscribe();
  }, [actor, storage, key, onError, drafts]);

  return useMemo(() => ({ ...connect(snapshot, actor.send), actor }), [snapshot, actor]);
}

const identity = (snapshot: FlowSnapshot) => snapshot;

/** The storage key of a flow: `persistKey`, or `palaute:flow:<survey id>:<customer id>`. */
function flowKey(options: UseFeedbackFlowOptions, customer: Customer): string {
  return options.persistKey ?? `palaute:flow:${options.survey.id}:${customer.id}`;
}

/**
 * Whether a flow for these options was kept (in `persist`'s storage, or as a draft this page kept),
 * so that resuming it needs the saved flow's check. A presence test only, which needs no check: the
 * check itself (`parsePersistedFlow`) decides whether the kept flow resumes. `false` where there is
 * nothing to resume from (`initialFlow` given, no customer, or storage that throws).
 */
export function hasKeptFlow(
  options: UseFeedbackFlowOptions,
  palaute: { customer?: Customer | undefined; drafts: Map<string, PersistedFlow> },
): boolean {
  const customer = options.customer ?? palaute.customer;
  if (options.initialFlow || !customer) return false;
  const key = flowKey(options, customer);
  if (palaute.drafts.has(key)) return true;
  try {
    return Boolean(sessionOr<FlowStorage>(options.persist)?.getItem(key));
  } catch {
    // Blocked storage reads as nothing kept, as `readSaved` finds nothing there either.
    return false;
  }
}

function readSaved(
  storage: FlowStorage | undefined,
  key: string,
  survey: Survey,
  check: PersistedFlowCheck,
): PersistedFlow | undefined {
  if (!storage) return undefined;
  try {
    const raw = storage.getItem(key);
    if (!raw) return undefined;
    const parsed = check(JSON.parse(raw), survey);
    if (
      parsed.success &&
      !['done', 'dismissed', 'postponed', 'optedOut'].includes(parsed.flow.step)
    )
      return parsed.flow;
    storage.removeItem(key);
  } catch {
    storage.removeItem(key);
  }
  return undefined;
}

/** A draft this page kept, if it still fits the survey. */
function readDraft(
  drafts: Map<string, PersistedFlow>,
  key: string,
  survey: Survey,
  check: PersistedFlowCheck,
): PersistedFlow | undefined {
  const draft = drafts.get(key);
  if (!draft) return undefined;
  const parsed = check(draft, survey);
  if (parsed.success) return parsed.flow;
  drafts.delete(key);
  return undefined;
}
