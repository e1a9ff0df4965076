import {
  type Ask,
  type BackendPort,
  type Contact,
  type ContactHistory,
  type DeliveryItem,
  type DeliveryResult,
  deliveryKey,
  explainAsk,
  HttpError,
  type JourneyConfig,
  type RuleCheck,
  responseCapsOf,
  type Values,
} from '@palaute/engine';
import { sendWrite } from '@palaute/engine/internal';

/** Options of {@link withContactPolicy}. */
export interface ContactPolicyGuardOptions {
  /** The journey a host gives `createPalaute`: surveys, touchpoints, asks and the contact policy. */
  journey: JourneyConfig;
  /**
   * The customer's attributes, for the asks' audiences. Without it the server cannot know them, and
   * the `audience` rule is left to the client.
   */
  attributes?: (customerId: string) => Values | Promise<Values>;
  /**
   * How far back a write may date itself (`display.at`, `response.startedAt`) and still be judged as
   * of that time, so a display queued offline for a while is judged as of when it was shown, and a
   * client cannot backdate an ask past it. @default 1 hour
   */
  graceMs?: number;
  /** A write may be dated at most this far in the future (clock skew). @default 5 minutes */
  skewMs?: number;
  /** The clock, in ms. @default Date.now */
  now?: () => number;
  /**
   * Runs one customer's judging and writing exclusively across processes (the SQL storage's
   * `exclusive`), so server instances sharing one database take turns too. Without it, turns are
   * taken in this process only.
   */
  exclusive?: <T>(key: string, work: () => Promise<T>) => Promise<T>;
}

/** Why a write was refused: the rule, for the error code (`contact_policy.budget`) and message. */
interface Verdict {
  rule: string;
  reason: string;
}

/** An ask contact for a write, as the history will hold it once stored. */
const contactOf = (
  item: Extract<DeliveryItem, { kind: 'display' | 'response' }>,
): Extract<Contact, { kind: 'ask' }> =>
  item.kind === 'display'
    ? {
        kind: 'ask',
        surveyId: item.payload.surveyId,
        touchpointId: item.payload.touchpointId,
        responseId: item.payload.responseId,
        at: item.payload.at,
        outcome: 'shown',
        ...(item.payload.initiative ? { initiative: item.payload.initiative } : {}),
      }
    : {
        kind: 'ask',
        surveyId: item.payload.surveyId,
        touchpointId: item.payload.touchpointId,
        responseId: item.payload.id,
        at: item.payload.startedAt,
        outcome: 'answered',
        outcomeAt: item.payload.submittedAt,
      };

/** The error a single write is refused with: 422, its code naming the rule. */
export function policyError(verdict: Verdict): HttpError {
  return new HttpError({
    status: 422,
    code: `contact_policy.${verdict.rule}`,
    message: `Refused by the contact policy (${verdict.rule}): ${verdict.reason}`,
    retryable: false,
  });
}

/**
 * Puts the contact policy in front of a backend, so a modified client cannot over-ask. Each ask (one
 * flow: its response id) is judged once, by its first write that reaches the server, a display or,
 * when no display came, the response itself: with the engine's own {@link explainAsk} over the
 * customer's server-side contact history (`getContactHistory`). A refused ask stores nothing: its
 * display and its answer are rejected with the rule as code (`contact_policy.budget`,
 * `contact_policy.recontact`, `contact_policy.optOut`, …), final, so the client's outbox keeps them
 * aside instead of retrying. Dismissals (opt-outs included), follow-ups, replies and receipts always
 * pass; a survey with no ask is feedback the customer started (the launcher) and passes, and so does a
 * response filed through the launcher's own form (one with a `kind`); a survey the journey does not
 * declare is refused (`contact_policy.unknownSurvey`).
 *
 * One customer's writes are judged one at a time: in this process, and across the processes sharing
 * one database when `exclusive` is given (`openServer` gives the SQL storage's).
 *
 * @example
 * const guarded = withContactPolicy(backend, { journey: parseJourneyConfig(json) });
 */
export function withContactPolicy(
  backend: BackendPort,
  options: ContactPolicyGuardOptions,
): BackendPort {
  const { journey } = options;
  const readHistory = backend.getContactHistory?.bind(backend);
  if (!readHistory)
    throw new TypeError(
      'Enforcing the contact policy needs a backend with getContactHistory (the server-side history).',
    );
  const now = options.now ?? Date.now;
  const graceMs = options.graceMs ?? 3_600_000;
  const skewMs = options.skewMs ?? 300_000;
  const surveys = new Map(journey.surveys.map((survey) => [survey.id, survey]));
  const asks = new Map<string, Ask>(journey.asks.map((ask) => [ask.surveyId, ask]));
  // The history's response counts: only the capped asks' surveys, each up to its cap.
  const responseCaps = responseCapsOf(journey.asks);

  /** One customer at a time: a check and its write are one step, so two displays cannot both pass. */
  const queues = new Map<string, Promise<unknown>>();
  const serially = <T>(customerId: string, work: () => Promise<T>): Promise<T> => {
    const before = queues.get(customerId) ?? Promise.resolve();
    const exclusive = options.exclusive;
    const turn = exclusive ? () => exclusive(`palaute:policy:${customerId}`, work) : work;
    const run = before.then(turn, turn);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    queues.set(customerId, settled);
    void settled.then(() => {
      if (queues.get(customerId) === settled) queues.delete(customerId);
    });
    return run;
  };

  /** The verdict on one write, given the history so far; `undefined` when it may be stored. */
  const judge = async (
    item: DeliveryItem,
    history: ContactHistory,
    customerId: string,
  ): Promise<Verdict | undefined> => {
    if (item.kind !== 'display' && item.kind !== 'response') return undefined;
    const contact = contactOf(item);
    // Judged already: its display (or answer) is stored, or this is a replay.
    if (history.contacts.some((c) => c.kind === 'ask' && c.responseId === contact.responseId))
      return undefined;
    // Filed through the launcher's own form (it says what it is about): the customer's initiative,
    // like a survey with no ask, whatever id the host files it under.
    if (item.kind === 'response' && item.payload.kind !== undefined) return undefined;
    if (!surveys.has(contact.surveyId))
      return {
        rule: 'unknownSurvey',
        reason: `"${contact.surveyId}" is not a survey of this server's journey.`,
      };
    const ask = asks.get(contact.surveyId);
    if (!ask) return undefined;
    const time = now();
    const claimed = Date.parse(contact.at);
    if (claimed > time + skewMs)
      return { rule: 'clock', reason: `${contact.at} is in the future of the server's clock.` };
    const attributes = options.attributes ? await options.attributes(customerId) : {};
    // Judged as of its claimed time (within the grace), yet never before a contact already stored:
    // an ask dated earlier than one let through must not slip under the budget behind it.
    const latest = history.contacts.reduce((last, stored) => {
      const at = Date.parse(stored.at);
      return at <= time && at > last ? at : last;
    }, Number.NEGATIVE_INFINITY);
    const explanation = explainAsk(ask, {
      policy: journey.policy,
      history,
      customerId,
      attributes,
      surveys,
      now: Math.min(time, Math.max(claimed, time - graceMs, latest)),
    });
    const failed = explanation.checks.find(
      (check: RuleCheck) =>
        !check.passed && (check.rule !== 'audience' || options.attributes !== undefined),
    );
    return failed ? { rule: failed.rule, reason: failed.reason } : undefined;
  };

  const customerOf = (item: DeliveryItem): string | undefined =>
    'customerId' in item.payload ? item.payload.customerId : undefined;

  /**
   * A display the customer opened themselves does not count against their budget, but only a
   * survey with no ask can be that (the launcher's own): on an asked survey the claim is dropped.
   */
  const honest = <T extends DeliveryItem>(item: T): T => {
    if (item.kind !== 'display' || !item.payload.initiative || !asks.has(item.payload.surveyId))
      return item;
    const { initiative: _dropped, ...payload } = item.payload;
    return { ...item, payload };
  };

  /** Judges a batch in order (an ask let through counts for the next), then stores what passed. */
  const deliver = async (given: DeliveryItem[]): Promise<DeliveryResult[]> => {
    const items = given.map(honest);
    const verdicts = new Map<DeliveryItem, Verdict>();
    const byCustomer = new Map<string, DeliveryItem[]>();
    for (const item of items) {
      const customerId = customerOf(item);
      if (customerId === undefined || (item.kind !== 'display' && item.kind !== 'response'))
        continue;
      byCustomer.set(customerId, [...(byCustomer.get(customerId) ?? []), item]);
    }
    const customers = [...byCustomer.keys()].sort();
    // Every customer of the batch held (in a fixed order), then judged and stored together.
    const hold = (index: number): Promise<DeliveryResult[]> => {
      const customerId = customers[index];
      if (customerId === undefined) return store();
      return serially(customerId, async () => {
        let history = await readHistory({ customerId, responseCaps });
        for (const item of byCustomer.get(customerId) ?? []) {
          const verdict = await judge(item, history, customerId);
          if (verdict) verdicts.set(item, verdict);
          else if (item.kind === 'display' || item.kind === 'response')
            history = { ...history, contacts: [...history.contacts, contactOf(item)] };
        }
        return hold(index + 1);
      });
    };
    const store = async (): Promise<DeliveryResult[]> => {
      const passed = items.filter((item) => !verdicts.has(item));
      const stored = new Map<string, DeliveryResult>();
      for (const result of passed.length > 0 ? await storeAll(passed) : [])
        stored.set(result.key, result);
      return items.flatMap((item): DeliveryResult[] => {
        const key = deliveryKey(item);
        const verdict = verdicts.get(item);
        if (verdict) {
          const error = policyError(verdict);
          return [
            { key, outcome: 'rejected', error: { code: error.code, message: error.message } },
          ];
        }
        const result = stored.get(key);
        return result ? [result] : [];
      });
    };
    return hold(0);
  };

  /** Stores writes through the backend's `deliver`, or one by one through its own methods. */
  const storeAll = async (items: DeliveryItem[]): Promise<DeliveryResult[]> => {
    if (backend.deliver) return backend.deliver(items);
    const results: DeliveryResult[] = [];
    for (const item of items) {
      await storeOne(item);
      results.push({ key: deliveryKey(item), outcome: 'stored' });
    }
    return results;
  };
  const storeOne = (item: DeliveryItem) =>
    sendWrite(backend, item, (method) => new TypeError(`The backend has no ${method}.`));

  /** A single judged write: refused with its rule, or stored. */
  const single = async <T>(item: DeliveryItem, write: () => Promise<T>): Promise<T> => {
    const customerId = customerOf(item) as string;
    return serially(customerId, async () => {
      const verdict = await judge(
        item,
        await readHistory({ customerId, responseCaps }),
        customerId,
      );
      if (verdict) throw policyError(verdict);
      return write();
    });
  };

  // Every other method passes through, bound (a backend may be a class instance).
  const guarded: BackendPort = {
    submitResponse: (response) =>
      single({ kind: 'response', payload: response }, () => backend.submitResponse(response)),
    recordDisplay: (given) => {
      const display = honest({ kind: 'display' as const, payload: given }).payload;
      return single({ kind: 'display', payload: display }, () => backend.recordDisplay(display));
    },
    submitFollowUp: (answer) => backend.submitFollowUp(answer),
    recordDismissal: (dismissal) => backend.recordDismissal(dismissal),
    listImpact: (query) => backend.listImpact(query),
    getContactHistory: readHistory,
    deliver,
  };
  if (backend.listMyFeedback) guarded.listMyFeedback = backend.listMyFeedback.bind(backend);
  if (backend.submitReply) guarded.submitReply = backend.submitReply.bind(backend);
  if (backend.markRead) guarded.markRead = backend.markRead.bind(backend);
  if (backend.markImpactSeen) guarded.markImpactSeen = backend.markImpactSeen.bind(backend);
  if (backend.setContactChoice) guarded.setContactChoice = backend.setContactChoice.bind(backend);
  // The board is not a contact the policy judges: a customer goes to it of their own accord.
  if (backend.board) guarded.board = backend.board;
  return guarded;
}
