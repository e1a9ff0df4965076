import * as z from 'zod/mini';
import type { BackendPort } from '../backend/backend.port';
import {
  type ContactChoice,
  type Customer,
  type DeliveryItem,
  type ImpactNotice,
  impactNoticeSchema,
} from '../records/records.schema';
import { ValidationError } from '../shared/shared.errors';
import { toProblems } from '../shared/shared.problems';
import type { KeyValueStorage } from '../shared/shared.storage';
import type { Survey } from '../survey/survey.schema';
import {
  applyContactChoice,
  type ContactChoiceChange,
  choiceOfDismissal,
  contactChoiceOf,
  type OptOutState,
} from './journey.choices';
import {
  checkBudget,
  type DecisionContext,
  decide,
  type Explanation,
  explainAsk,
  type Occasion,
} from './journey.decide';
import type { Values } from './journey.match';
import { checkReplyOffer, type ReplyNotice, replyNoticesOf } from './journey.replies';
import {
  type Ask,
  type AskInput,
  type Contact,
  type ContactHistory,
  type ContactPolicy,
  type ContactPolicyInput,
  contactHistorySchema,
  type JourneyConfig,
  journeyConfigSchema,
  responseCapsOf,
  type Touchpoint,
  type touchpointSchema,
} from './journey.schema';

/** What {@link createPalaute} needs: who the customer is, what may be asked where, and the policy. */
export interface PalauteConfig {
  /** Where answers go, and where the contact history comes from (`getContactHistory`). */
  backend: BackendPort;
  /** The signed-in customer: an id, and attributes for targeting (`plan`, `signedUpAt`, …). */
  customer: Customer;
  /** The surveys that may be offered (from `defineSurvey`). */
  surveys: readonly Survey[];
  /** Every touchpoint of the journey. Each survey's `touchpointId` must be one of them. */
  touchpoints: readonly z.input<typeof touchpointSchema>[];
  /** How, when and to whom each survey is offered. */
  asks: readonly AskInput[];
  /** The contact policy (fatigue budget, snooze, quiet periods). Defaults: see {@link ContactPolicy}. */
  policy?: ContactPolicyInput;
  /**
   * Keeps the contact history between pages (`localStorage`), so the first decision on a page needs
   * no network round trip. Without it, decisions wait for nothing but start from an empty history
   * until `start()` has loaded the backend's.
   */
  cache?: KeyValueStorage;
  /** The clock, in ms since the epoch. @default Date.now */
  now?: () => number;
  /**
   * An occasion (a touchpoint, an event, a page) seen this long after the last load reloads the
   * contact history and impact notices in the background, so "You said, we did" reaches a customer
   * who stays on the page at their next touchpoint, not only on their next visit. @default 300000
   */
  refreshAfterMs?: number;
}

/** A survey offered to the customer now: the host presents it (dialog, inline, or a badge). */
export interface Offer {
  /** Unique per offer. */
  id: string;
  survey: Survey;
  ask: Ask;
  touchpoint: Touchpoint;
  /** What triggered it. */
  occasion: Occasion;
  /** When it was offered. */
  at: string;
}

/** The outcome of one occasion (`track`, `page`, `touchpoint`). */
export interface Decision {
  /** The survey offered (or scheduled, after its delay); `null` if none. */
  offer: Offer | null;
  /**
   * `scheduled` when the offer waits for its delay; `current` when an earlier offer (or impact
   * notice, or team reply) is still open; `reply` when unread team replies were due instead, and
   * `impact` when impact notices were (both come before any ask; replies before impact notices).
   */
  status: 'offered' | 'scheduled' | 'current' | 'reply' | 'impact' | 'none';
  /** Why each triggered survey was or was not offered. */
  explanations: Explanation[];
}

/**
 * The Palaute client a host creates once per customer: it hears what happens in the product, decides
 * which ask (if any) is right for this customer now, across every touchpoint and under one contact
 * policy, and tells subscribers what to present. It never renders anything itself.
 */
export interface Palaute {
  /** The customer this client decides for. */
  readonly customer: Customer;
  /** The backend it was given (the React provider uses it for flows). */
  readonly backend: BackendPort;
  /** The surveys that may be offered. */
  readonly surveys: readonly Survey[];
  /** The declared touchpoints, validated. */
  readonly touchpoints: readonly Touchpoint[];
  /** The asks, validated, defaults applied. */
  readonly asks: readonly Ask[];
  /** The contact policy, defaults applied. */
  readonly policy: ContactPolicy;
  /**
   * Loads the contact history (cross-device) and the pending impact notices from the backend (again
   * when called again; one load at a time). Decisions work before it resolves, and an occasion that
   * led to nothing while it loaded is decided once more when it has (impact notices first).
   */
  start(): Promise<void>;
  /** Something happened in the product, e.g. `track('invoice.sent', { amount: 120 })`. */
  track(event: string, properties?: Values): Decision;
  /** The customer viewed a page (a URL or a path). */
  page(url: string): Decision;
  /** The customer entered a declared touchpoint. */
  touchpoint(id: string): Decision;
  /** The survey offered now, if any. */
  offer(): Offer | null;
  /** Calls `listener` whenever the offer or the due impact notices change; returns the unsubscribe function. */
  subscribe(listener: (offer: Offer | null) => void): () => void;
  /** Drops the current offer unshown (the host chose not to present it); it does not count as a contact. */
  dismissOffer(): void;
  /**
   * "You said, we did" notices due now: the customer's feedback led to shipped changes. They come
   * before any new ask, at the next occasion the budget allows, and count as a contact once seen
   * (the flow or the host writes `impactSeen`, reported through {@link Palaute.recordWrite}).
   */
  impact(): ImpactNotice[];
  /** Puts due impact notices back to pending, unshown (they come again at a later occasion). */
  dismissImpact(): void;
  /**
   * Team replies the customer has not read, due now: offered at the next occasion, before impact
   * notices and any new ask (a conversation waits on the customer; a shipped change keeps), under
   * the contact policy (see {@link checkReplyOffer}), never while a survey is offered, and never
   * twice for the same reply. Loaded by `start()` through the backend's `listMyFeedback`. Shown,
   * they are read: the host writes a read receipt for each item, reported through
   * {@link Palaute.recordWrite}, and they are not offered again.
   */
  replies(): ReplyNotice[];
  /** Puts due replies back to pending, unshown (they come again at a later occasion). */
  dismissReplies(): void;
  /**
   * Why a survey would or would not be offered now: every rule, with until when it blocks. Given an
   * occasion, whether that occasion triggers it too. For "why didn't my survey show?".
   */
  explain(surveyId: string, occasion?: Occasion): Explanation;
  /** The contact history the decisions use: the backend's, merged with this device's newer contacts. */
  history(): ContactHistory;
  /**
   * Calls `listener` whenever {@link Palaute.history} changes (a load, a write recorded, an opt-out
   * or its undo); returns the unsubscribe function. For views of the customer's choices.
   */
  subscribeHistory(listener: () => void): () => void;
  /**
   * The customer opts out of one survey or all of them, or turns an opt-out back on: returns the
   * choice stamped with an id and the time, already recorded here (decisions honour it at once).
   * Deliver it like any write: `outbox.enqueue('contactChoice', choice)` or
   * `backend.setContactChoice(choice)`.
   *
   * @example
   * ```ts
   * const choice = palaute.contactChoice({ scope: 'survey', surveyId: 'dashboard-nps', optedOut: false });
   * outbox.enqueue('contactChoice', choice);
   * ```
   */
  contactChoice(change: ContactChoiceChange): ContactChoice;
  /**
   * Records a flow's write as a contact (a display, an answer, a dismissal): pass it to flows as
   * `onWrite`. The React provider does this for every flow below it.
   */
  recordWrite(item: DeliveryItem): void;
  /** Stops pending delayed offers. */
  stop(): void;
}

const DEFAULT_HISTORY = (customerId: string): ContactHistory => ({
  customerId,
  contacts: [],
  awaitingReply: 0,
  responseCounts: {},
});

/** How far an ask contact got: a later outcome never goes back to an earlier one. */
const OUTCOME_RANK = { shown: 0, postponed: 1, dismissed: 1, optedOut: 2, answered: 3 } as const;

/** The configuration, validated: touchpoints, asks and policy (the surveys come built). */
const configSchema = /* @__PURE__ */ (() => z.omit(journeyConfigSchema, { surveys: true }))();

/**
 * Creates the Palaute client: the touchpoint registry, the triggers, the targeting and the contact
 * policy in one place. The configuration is validated (a {@link ValidationError} names every bad path:
 * an unknown touchpoint, an ask for a survey that was not given, a bad filter).
 *
 * @example
 * ```ts
 * const palaute = createPalaute({
 *   backend, customer: { id: user.id, attributes: { plan: 'pro' } },
 *   surveys: [firstInvoiceCes, dashboardNps],
 *   touchpoints: [
 *     { id: 'first-invoice', stage: 'onboard', channel: 'inProduct', metric: 'ces' },
 *     { id: 'dashboard', stage: 'use', channel: 'inProduct', metric: 'nps' },
 *   ],
 *   asks: [
 *     { surveyId: 'first-invoice-ces', triggers: [{ on: 'event', event: 'invoice.sent' }], recontact: { mode: 'once' }, priority: 10 },
 *     { surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }], recontact: { mode: 'recurring', days: 90 } },
 *   ],
 *   policy: { budget: { contacts: 1, days: 14 } },
 * });
 * palaute.subscribe((offer) => offer && showSurvey(offer.survey));
 * palaute.track('invoice.sent');
 * ```
 */
export function createPalaute(config: PalauteConfig): Palaute {
  const parsed = z.safeParse(configSchema, {
    touchpoints: config.touchpoints,
    asks: config.asks,
    ...(config.policy ? { policy: config.policy } : {}),
  });
  if (!parsed.success)
    throw new ValidationError(toProblems(parsed.error.issues), 'Palaute configuration');
  const { touchpoints, asks, policy } = parsed.data;
  checkReferences(touchpoints, asks, config.surveys);

  const now = config.now ?? Date.now;
  const customerId = config.customer.id;
  const attributes: Values = config.customer.attributes ?? {};
  const surveys = new Map(config.surveys.map((survey) => [survey.id, survey]));
  const touchpointsById = new Map(touchpoints.map((touchpoint) => [touchpoint.id, touchpoint]));
  // Only the capped asks' surveys are counted, each up to its cap.
  const responseCaps = responseCapsOf(asks);
  const cacheKey = `palaute:contacts:${customerId}`;
  const repliesKey = `palaute:replies-seen:${customerId}`;

  let remote: ContactHistory = readCache() ?? DEFAULT_HISTORY(customerId);
  const local: Contact[] = [];
  /** Opt-outs and their undos made on this device, in order: applied over the backend's. */
  const localChoices: {
    scope: 'survey' | 'all';
    surveyId?: string;
    optedOut: boolean;
    at: string;
  }[] = [];
  const historyListeners = new Set<() => void>();
  const localAnswers = new Set<string>();
  let merged = merge();
  let current: Offer | null = null;
  /** Whether the current offer has been shown (its survey's display recorded). */
  let presented = false;
  /** Impact notices not seen yet, and those due now (shown at the last occasion). */
  let pendingImpact: ImpactNotice[] = [];
  let dueImpact: ImpactNotice[] = [];
  /** Unread team replies not offered yet, and those due now; replies seen on this device, by id. */
  let pendingReplies: ReplyNotice[] = [];
  let dueReplies: ReplyNotice[] = [];
  const seenReplies = new Set<string>(readSeenReplies());
  let offers = 0;
  /** The load under way, when it began, and the last occasion seen meanwhile (decided again after). */
  let loading: Promise<void> | null = null;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let missed: Occasion | undefined;
  const refreshAfterMs = config.refreshAfterMs ?? 300_000;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const listeners = new Set<(offer: Offer | null) => void>();

  function readCache(): ContactHistory | undefined {
    try {
      const raw = config.cache?.getItem(cacheKey);
      if (!raw) return undefined;
      const cached = z.safeParse(contactHistorySchema, JSON.parse(raw));
      return cached.success && cached.data.customerId === customerId ? cached.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Replies seen on this device, kept between pages until the read receipt has reached the backend. */
  function readSeenReplies(): string[] {
    try {
      const ids: unknown = JSON.parse(config.cache?.getItem(repliesKey) ?? '[]');
      return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  }

  function writeCache() {
    if (!config.cache) return;
    // Other tabs write the same cache: fold in what they recorded, never write over it.
    merged = merge(readCache());
    try {
      config.cache.setItem(cacheKey, JSON.stringify(merged));
    } catch {
      // A full or blocked storage only costs the next page a round trip.
    }
  }

  /** The backend's history with this device's contacts on top (the outbox may not have sent them yet). */
  function merge(shared?: ContactHistory): ContactHistory {
    const asksByResponse = new Map<string, Extract<Contact, { kind: 'ask' }>>();
    const others = new Map<string, Contact>();
    let anonymous = 0;
    // From the shared cache only what can be matched (asks by response, others by id): it also holds
    // copies of what the backend told every tab.
    const fromCache = (shared?.contacts ?? []).filter(
      (contact) => contact.kind === 'ask' || contact.id !== undefined,
    );
    for (const contact of [...remote.contacts, ...fromCache, ...local]) {
      if (contact.kind !== 'ask') {
        // The same reply or notice heard from the backend, the cache and this page counts once;
        // one without an id cannot be matched, so it counts as it comes.
        others.set(contact.id ? `${contact.kind}:${contact.id}` : `#${anonymous++}`, contact);
        continue;
      }
      const known = asksByResponse.get(contact.responseId);
      if (!known) asksByResponse.set(contact.responseId, contact);
      else if (OUTCOME_RANK[contact.outcome] > OUTCOME_RANK[known.outcome])
        asksByResponse.set(contact.responseId, { ...known, ...contact, at: known.at });
    }
    const responseCounts = { ...remote.responseCounts };
    for (const responseId of localAnswers) {
      const contact = asksByResponse.get(responseId);
      // Counted by the backend already once it has the answer.
      const remoteHas = remote.contacts.some(
        (item) =>
          item.kind === 'ask' && item.responseId === responseId && item.outcome === 'answered',
      );
      if (contact && !remoteHas)
        responseCounts[contact.surveyId] = (responseCounts[contact.surveyId] ?? 0) + 1;
    }
    // The backend's opt-outs, and another tab's it has not heard of yet, then this device's choices.
    const base: OptOutState = {
      ...(shared?.optedOutAt || remote.optedOutAt
        ? { optedOutAt: (remote.optedOutAt ?? shared?.optedOutAt) as string }
        : {}),
      ...(shared?.optedOutOf || remote.optedOutOf
        ? { optedOutOf: { ...shared?.optedOutOf, ...remote.optedOutOf } }
        : {}),
    };
    const optOuts = localChoices.reduce(applyContactChoice, base);
    return {
      customerId,
      contacts: [...asksByResponse.values(), ...others.values()],
      awaitingReply: remote.awaitingReply,
      ...(remote.unreadReplies ? { unreadReplies: remote.unreadReplies } : {}),
      responseCounts,
      ...optOuts,
    };
  }

  const context = (): DecisionContext => ({
    policy,
    history: merged,
    customerId,
    attributes,
    surveys,
    now: now(),
  });

  /** An offer `offer()` found withdrawn, not told to subscribers yet. */
  let untold = false;
  const notify = () => {
    untold = false;
    for (const listener of listeners) listener(current);
  };
  const setOffer = (offer: Offer | null) => {
    // Subscribers hear a withdrawn offer go before they hear of the next one.
    if (untold && offer) for (const listener of listeners) listener(null);
    current = offer;
    presented = false;
    notify();
  };

  /**
   * An offer left waiting (not shown yet) stays only while its rules still pass: an opt-out, a
   * contact heard from another device, a closed schedule withdraw it. Once shown, it is the
   * customer's: its own display must not withdraw it.
   */
  const stillOffered = (): boolean =>
    current === null || presented || explainAsk(current.ask, context()).offerable;
  const revalidate = () => {
    if (!stillOffered()) setOffer(null);
  };

  const makeOffer = (ask: Ask, occasion: Occasion): Offer => {
    const survey = surveys.get(ask.surveyId) as Survey;
    return {
      id: `offer-${++offers}`,
      survey,
      ask,
      touchpoint: touchpointsById.get(survey.touchpointId) as Touchpoint,
      occasion,
      at: new Date(now()).toISOString(),
    };
  };

  /** Decides an occasion; one that led to nothing while the backend's state loads is decided again after. */
  const occur = (occasion: Occasion): Decision => {
    const stale = loadedAt !== Number.NEGATIVE_INFINITY && now() - loadedAt >= refreshAfterMs;
    // A failed reload is tried again at a later occasion; decisions go on with what is known.
    if (!loading && stale) load().catch(() => {});
    const decision = decideNow(occasion);
    // Only the latest occasion counts: one that led somewhere settles what came before it.
    missed = loading && decision.status === 'none' ? occasion : undefined;
    return decision;
  };

  const decideNow = (occasion: Occasion): Decision => {
    const decisionContext = context();
    const decision = decide(asks, decisionContext, occasion);
    // The explanations are built only if the host reads them.
    const answer = (offer: Offer | null, status: Decision['status']): Decision => ({
      offer,
      status,
      get explanations() {
        return decision.explanations;
      },
    });
    if (current && !stillOffered()) setOffer(null);
    if (current || dueImpact.length > 0 || dueReplies.length > 0) return answer(current, 'current');
    // A team reply first: the conversation waits on the customer, while a shipped change keeps.
    if (
      pendingReplies.length > 0 &&
      checkReplyOffer(pendingReplies, policy, decisionContext.history, decisionContext.now)
        .offerable
    ) {
      dueReplies = pendingReplies;
      notify();
      return answer(null, 'reply');
    }
    // Then impact: the customer hears what their feedback changed before being asked anything new.
    if (
      pendingImpact.length > 0 &&
      checkBudget(policy, decisionContext.history, decisionContext.now).passed
    ) {
      dueImpact = pendingImpact;
      notify();
      return answer(null, 'impact');
    }
    const { ask } = decision;
    if (!ask) return answer(null, 'none');
    const offer = makeOffer(ask, occasion);
    if (ask.delayMs === 0) {
      setOffer(offer);
      return answer(offer, 'offered');
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      // The world may have moved on during the delay: decide again for this ask.
      if (current || !explainAsk(ask, context(), occasion).offerable) return;
      setOffer({ ...offer, at: new Date(now()).toISOString() });
    }, ask.delayMs);
    timers.add(timer);
    return answer(offer, 'scheduled');
  };

  async function fetchState() {
    const [history, notices] = await Promise.all([
      config.backend.getContactHistory?.({ customerId, responseCaps }),
      config.backend.listImpact({ customerId }),
    ]);
    if (history) {
      const loaded = z.safeParse(contactHistorySchema, history);
      if (!loaded.success)
        throw new ValidationError(toProblems(loaded.error.issues), 'contact history');
      remote = loaded.data;
      merged = merge();
      writeCache();
      tellHistory();
    }
    // From outside: keep only well-formed notices, so one bad item cannot break the rest, and none
    // this device or another already saw (its `impactSeen` may still wait in an outbox).
    const seen = new Set(
      merged.contacts.flatMap((contact) =>
        contact.kind === 'impact' && contact.id ? [contact.id] : [],
      ),
    );
    pendingImpact = notices.filter(
      (notice) => z.safeParse(impactNoticeSchema, notice).success && !seen.has(notice.id),
    );
    // The replies themselves only when some are unread (or the backend cannot say).
    const { listMyFeedback, getContactHistory } = config.backend;
    if (listMyFeedback && (!getContactHistory || (merged.unreadReplies ?? 0) > 0)) {
      const feedback = await listMyFeedback({ customerId }).catch(() => undefined);
      if (feedback) {
        const offered = new Set(dueReplies.map((reply) => reply.id));
        pendingReplies = replyNoticesOf(feedback, seenReplies).filter(
          (reply) => !offered.has(reply.id),
        );
      }
    } else pendingReplies = [];
    revalidate();
  }

  /** Decides once more for an occasion that led to nothing while loading (impact notices come first). */
  function replayMissed() {
    const occasion = missed;
    missed = undefined;
    if (occasion && !current && dueImpact.length === 0 && dueReplies.length === 0)
      decideNow(occasion);
  }

  function load(): Promise<void> {
    loading ??= (async () => {
      loadedAt = now();
      try {
        await fetchState();
      } finally {
        loading = null;
      }
      replayMissed();
    })();
    return loading;
  }

  function tellHistory() {
    for (const listener of historyListeners) listener();
  }

  const record = (contact?: Contact) => {
    if (contact) local.push(contact);
    merged = merge();
    writeCache();
    tellHistory();
  };

  return {
    customer: config.customer,
    backend: config.backend,
    surveys: config.surveys,
    touchpoints,
    asks,
    policy,

    start: load,

    track: (event, properties) =>
      occur({ type: 'event', event, ...(properties ? { properties } : {}) }),
    page: (url) => occur({ type: 'pageView', url }),
    touchpoint(id) {
      if (!touchpointsById.has(id))
        throw new ValidationError(
          [{ path: 'touchpointId', message: `"${id}" is not a declared touchpoint` }],
          'touchpoint',
        );
      return occur({ type: 'touchpoint', touchpointId: id });
    },

    offer() {
      // Time alone can withdraw a waiting offer (its survey closed): checked when asked, and told to
      // subscribers after this call (it may come from a render), so none keeps a stale offer.
      if (!stillOffered()) {
        current = null;
        presented = false;
        untold = true;
        void Promise.resolve().then(() => untold && notify());
      }
      return current;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dismissOffer: () => setOffer(null),
    impact: () => dueImpact,
    dismissImpact() {
      dueImpact = [];
      notify();
    },
    replies: () => dueReplies,
    dismissReplies() {
      const due = new Set(dueReplies.map((reply) => reply.id));
      pendingReplies = [...dueReplies, ...pendingReplies.filter((reply) => !due.has(reply.id))];
      dueReplies = [];
      notify();
    },

    explain(surveyId, occasion) {
      const ask = asks.find((candidate) => candidate.surveyId === surveyId);
      if (!ask)
        return {
          surveyId,
          offerable: false,
          checks: [
            {
              rule: 'trigger',
              passed: false,
              reason: `No ask is configured for the survey "${surveyId}".`,
            },
          ],
        };
      return explainAsk(ask, context(), occasion);
    },

    history: () => merged,
    subscribeHistory(listener) {
      historyListeners.add(listener);
      return () => historyListeners.delete(listener);
    },
    contactChoice(change) {
      const choice = contactChoiceOf(customerId, change, new Date(now()));
      localChoices.push({ ...change, at: choice.at });
      record();
      // Turned back on, a waiting offer is unaffected; opted out, it may have to go.
      revalidate();
      return choice;
    },

    recordWrite(item) {
      switch (item.kind) {
        case 'display': {
          const { responseId, surveyId, touchpointId } = item.payload;
          if (current?.survey.id === surveyId) presented = true;
          // Only a survey with no ask can be the customer's own (the launcher's); the server agrees.
          const initiative = asks.some((ask) => ask.surveyId === surveyId)
            ? undefined
            : item.payload.initiative;
          record({
            kind: 'ask',
            surveyId,
            touchpointId,
            responseId,
            at: item.payload.at,
            outcome: 'shown',
            ...(initiative ? { initiative } : {}),
          });
          break;
        }
        case 'response': {
          const { id, surveyId, touchpointId, sentiment } = item.payload;
          localAnswers.add(id);
          record({
            kind: 'ask',
            surveyId,
            touchpointId,
            responseId: id,
            at: item.payload.startedAt,
            outcome: 'answered',
            outcomeAt: item.payload.submittedAt,
            ...(sentiment ? { sentiment } : {}),
          });
          if (current?.survey.id === surveyId) setOffer(null);
          break;
        }
        case 'dismissal': {
          const { responseId, surveyId, touchpointId, reason } = item.payload;
          const outcome =
            reason === 'optOut' ? 'optedOut' : reason === 'notNow' ? 'postponed' : 'dismissed';
          if (reason === 'optOut') localChoices.push(choiceOfDismissal(item.payload));
          record({
            kind: 'ask',
            surveyId,
            touchpointId,
            responseId,
            at: item.payload.at,
            outcome,
            outcomeAt: item.payload.at,
          });
          if (current?.survey.id === surveyId) setOffer(null);
          break;
        }
        case 'impactSeen': {
          // "You said, we did" reached the customer: a contact like any other, and not shown again.
          const { noticeId } = item.payload;
          record({ kind: 'impact', at: item.payload.at, id: noticeId });
          pendingImpact = pendingImpact.filter((notice) => notice.id !== noticeId);
          const due = dueImpact.filter((notice) => notice.id !== noticeId);
          if (due.length !== dueImpact.length) {
            dueImpact = due;
            notify();
          }
          break;
        }
        case 'read': {
          // The customer read an item's thread (here, or offered at a touchpoint): its team replies
          // up to then are seen, a contact each, and never offered again.
          const { itemId, at } = item.payload;
          const read = (reply: ReplyNotice) =>
            reply.itemId === itemId && Date.parse(reply.at) <= Date.parse(at);
          const justRead = [...dueReplies, ...pendingReplies].filter(read);
          if (justRead.length === 0) break;
          for (const reply of justRead) {
            seenReplies.add(reply.id);
            local.push({ kind: 'reply', at, id: reply.id });
          }
          record();
          try {
            config.cache?.setItem(repliesKey, JSON.stringify([...seenReplies].slice(-500)));
          } catch {
            // Without it, a reload before the receipt is delivered may offer the reply once more.
          }
          pendingReplies = pendingReplies.filter((reply) => !read(reply));
          const due = dueReplies.filter((reply) => !read(reply));
          if (due.length !== dueReplies.length) {
            dueReplies = due;
            notify();
          }
          break;
        }
        case 'contactChoice': {
          const { scope, optedOut, at } = item.payload;
          localChoices.push({
            scope,
            optedOut,
            at,
            ...(item.payload.scope === 'survey' ? { surveyId: item.payload.surveyId } : {}),
          });
          record();
          break;
        }
        default:
          // Follow-up answers and the customer's own replies belong to contacts already counted.
          break;
      }
      // What was just recorded (an opt-out, a contact elsewhere) may withdraw a waiting offer.
      revalidate();
    },

    stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/**
 * Validates a journey configuration given as data (a JSON file, say): the surveys, touchpoints, asks
 * and policy, and the references between them (an ask for a survey not given, a survey at an
 * undeclared touchpoint). Throws a {@link ValidationError} naming every bad path. The reference server
 * reads its `PALAUTE_CONFIG` with it, so it enforces the very policy `createPalaute` applies.
 *
 * @example
 * ```ts
 * const journey = parseJourneyConfig(JSON.parse(readFileSync('journey.json', 'utf8')));
 * ```
 */
export function parseJourneyConfig(input: unknown): JourneyConfig {
  const parsed = z.safeParse(journeyConfigSchema, input, { reportInput: true });
  if (!parsed.success)
    throw new ValidationError(toProblems(parsed.error.issues), 'journey configuration');
  checkReferences(parsed.data.touchpoints, parsed.data.asks, parsed.data.surveys);
  return parsed.data;
}

/** Touchpoints unique; every ask for a given survey; every survey and trigger at a declared touchpoint. */
function checkReferences(
  touchpoints: readonly Touchpoint[],
  asks: readonly Ask[],
  surveys: readonly Survey[],
): void {
  const problems: { path: string; message: string }[] = [];
  const declared = new Set<string>();
  touchpoints.forEach((touchpoint, index) => {
    if (declared.has(touchpoint.id))
      problems.push({
        path: `touchpoints[${index}].id`,
        message: `"${touchpoint.id}" is declared twice`,
      });
    declared.add(touchpoint.id);
  });
  const byId = new Map(surveys.map((survey) => [survey.id, survey]));
  surveys.forEach((survey, index) => {
    if (!declared.has(survey.touchpointId))
      problems.push({
        path: `surveys[${index}].touchpointId`,
        message: `"${survey.touchpointId}" is not a declared touchpoint`,
      });
  });
  const asked = new Set<string>();
  asks.forEach((ask, index) => {
    if (!byId.has(ask.surveyId))
      problems.push({
        path: `asks[${index}].surveyId`,
        message: `"${ask.surveyId}" is not one of the surveys given`,
      });
    if (asked.has(ask.surveyId))
      problems.push({ path: `asks[${index}].surveyId`, message: `"${ask.surveyId}" has two asks` });
    asked.add(ask.surveyId);
    ask.triggers.forEach((trigger, triggerIndex) => {
      if (
        trigger.on === 'touchpoint' &&
        trigger.touchpointId &&
        !declared.has(trigger.touchpointId)
      )
        problems.push({
          path: `asks[${index}].triggers[${triggerIndex}].touchpointId`,
          message: `"${trigger.touchpointId}" is not a declared touchpoint`,
        });
    });
  });
  if (problems.length > 0) throw new ValidationError(problems, 'Palaute configuration');
}
