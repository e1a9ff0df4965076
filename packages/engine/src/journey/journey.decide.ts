import type { Survey } from '../survey/survey.schema';
import {
  matchesFilter,
  matchesUrl,
  pageKeyOfPattern,
  pageKeysOfUrl,
  samplePosition,
  type Values,
} from './journey.match';
import type { Ask, ContactHistory, ContactPolicy, Trigger } from './journey.schema';

const DAY_MS = 86_400_000;

/** Something that happened, which may trigger an ask: an event, a page view, a touchpoint entered. */
export type Occasion =
  | { type: 'event'; event: string; properties?: Values }
  | { type: 'pageView'; url: string }
  | { type: 'touchpoint'; touchpointId: string };

/** The rules the contact policy checks, in the order {@link explainAsk} reports them. */
export type RuleName =
  | 'optOut'
  | 'schedule'
  | 'responseCap'
  | 'audience'
  | 'sample'
  | 'recontact'
  | 'snooze'
  | 'quietAfterNegative'
  | 'awaitingReply'
  | 'unreadReplies'
  | 'budget'
  | 'trigger';

/** One rule's verdict: whether it lets the survey be offered, why, and until when it blocks it. */
export interface RuleCheck {
  rule: RuleName;
  passed: boolean;
  /** Why, in plain English for developers, e.g. "1 contact in the last 14 days (limit 1)". */
  reason: string;
  /** When a blocking rule stops blocking (ISO timestamp); absent when it never will by itself. */
  until?: string;
}

/** Why a survey would or would not be offered now. */
export interface Explanation {
  surveyId: string;
  /** Whether every rule passes (for the occasion, when one is given). */
  offerable: boolean;
  /** Every rule, passed or not, in order: nothing is hidden by an earlier failure. */
  checks: RuleCheck[];
  /** The earliest time the survey could be offered, when only time-bound rules block it. */
  until?: string;
}

/** What {@link explainAsk} needs to know. */
export interface DecisionContext {
  policy: ContactPolicy;
  history: ContactHistory;
  customerId: string;
  attributes: Values;
  /** The survey of each ask, by id (for its touchpoint). */
  surveys: ReadonlyMap<string, Survey>;
  now: number;
}

const iso = (time: number) => new Date(time).toISOString();
const plural = (count: number, word: string, many = `${word}s`) =>
  `${count} ${count === 1 ? word : many}`;

/** Whether a trigger fires on an occasion. */
export function triggerMatches(trigger: Trigger, survey: Survey, occasion: Occasion, now: number) {
  switch (trigger.on) {
    case 'event':
      return (
        occasion.type === 'event' &&
        occasion.event === trigger.event &&
        (!trigger.where || matchesFilter(trigger.where, occasion.properties ?? {}, now))
      );
    case 'pageView':
      return occasion.type === 'pageView' && matchesUrl(trigger.url, occasion.url);
    case 'touchpoint':
      return (
        occasion.type === 'touchpoint' &&
        occasion.touchpointId === (trigger.touchpointId ?? survey.touchpointId)
      );
  }
}

/**
 * Checks every rule of the contact policy for one ask: opt-out, schedule, response cap, audience,
 * sample, recontact, snooze, quiet periods and the fatigue budget, and, given an occasion, its
 * triggers. Pure: the same inputs always give the same answer.
 */
export function explainAsk(ask: Ask, context: DecisionContext, occasion?: Occasion): Explanation {
  return checkAsk(ask, context, occasion, false) as Explanation;
}

/** Stops a quick check at the first failing rule. */
const BLOCKED = Symbol('blocked');

/**
 * Whether an ask may be offered, without building the explanation: stops at the first failing rule
 * (a decision checks many asks; only a developer reads why).
 */
function isOfferable(ask: Ask, context: DecisionContext, occasion: Occasion): boolean {
  // Rules that hold for every ask alike are read once, before any per-ask work.
  const facts = factsOf(context);
  const mine = facts.bySurvey.get(ask.surveyId);
  if (
    (!facts.budget.passed && !isRetry(mine, context.policy)) ||
    context.history.optedOutAt ||
    (context.history.unreadReplies ?? 0) > 0
  )
    return false;
  try {
    return checkAsk(ask, context, occasion, true) !== BLOCKED;
  } catch (error) {
    if (error === BLOCKED) return false;
    throw error;
  }
}

function checkAsk(
  ask: Ask,
  context: DecisionContext,
  occasion: Occasion | undefined,
  quick: boolean,
): Explanation | typeof BLOCKED {
  const { policy, history, now } = context;
  const survey = context.surveys.get(ask.surveyId);
  const facts = factsOf(context);
  const mine = facts.bySurvey.get(ask.surveyId) ?? NO_CONTACTS;
  const checks: RuleCheck[] = [];
  const check = (rule: RuleName, passed: boolean, reason: string, until?: number) => {
    if (quick) {
      if (!passed) throw BLOCKED;
      return;
    }
    checks.push({ rule, passed, reason, ...(until === undefined ? {} : { until: iso(until) }) });
  };

  // Opted out (of every survey, or of this one): never again, whatever else, until they turn it
  // back on.
  const surveyOptOut = history.optedOutOf?.[ask.surveyId];
  if (history.optedOutAt)
    check(
      'optOut',
      false,
      `The customer asked not to be asked again about any survey (${history.optedOutAt}).`,
    );
  else if (surveyOptOut)
    check(
      'optOut',
      false,
      `The customer asked not to be asked again about this survey (${surveyOptOut}).`,
    );
  else check('optOut', true, 'The customer has not opted out.');

  // Schedule: open and close dates.
  const opens = ask.opensAt ? Date.parse(ask.opensAt) : undefined;
  const closes = ask.closesAt ? Date.parse(ask.closesAt) : undefined;
  if (opens !== undefined && now < opens)
    check('schedule', false, `The survey opens at ${ask.opensAt}.`, opens);
  else if (closes !== undefined && now >= closes)
    check('schedule', false, `The survey closed at ${ask.closesAt}.`);
  else check('schedule', true, 'The survey is open.');

  // Response cap, counted by the backend across every customer.
  const responses = history.responseCounts[ask.surveyId] ?? 0;
  if (ask.responseCap !== undefined && responses >= ask.responseCap)
    check(
      'responseCap',
      false,
      `${plural(responses, 'response')} received; the cap is ${ask.responseCap}.`,
    );
  else
    check(
      'responseCap',
      true,
      ask.responseCap === undefined
        ? 'No response cap.'
        : `${plural(responses, 'response')} of the ${ask.responseCap} cap.`,
    );

  // Audience: the customer's attributes.
  if (!ask.audience) check('audience', true, 'Every customer is in the audience.');
  else if (matchesFilter(ask.audience, context.attributes, now))
    check('audience', true, "The customer's attributes match the audience.");
  else check('audience', false, "The customer's attributes do not match the audience.");

  // Sample: deterministic by customer id.
  const position = samplePosition(ask.surveyId, context.customerId);
  if (position < ask.sampleRate)
    check(
      'sample',
      true,
      `In the sample (${formatShare(position)} < ${formatShare(ask.sampleRate)}).`,
    );
  else
    check(
      'sample',
      false,
      `Outside the sample (${formatShare(position)} ≥ ${formatShare(ask.sampleRate)}); the same on every device.`,
    );

  // Recontact: how this survey may come back. Displays without an outcome (a reload, a closed tab)
  // do not use it up, until there have been `unansweredDisplays` of them.
  const { answered, unanswered } = mine;
  const retry = isRetry(mine, policy);
  const lastShown = retry ? mine.lastOutcome : mine.lastShown;
  const recontact = ask.recontact;
  if (retry && lastShown === undefined)
    check(
      'recontact',
      true,
      `Shown ${plural(unanswered.length, 'time')} without an answer or a close (a reload, a closed tab); offered again up to ${plural(policy.unansweredDisplays, 'time')}.`,
    );
  else if (lastShown === undefined) check('recontact', true, 'Never shown to this customer.');
  else if (recontact.mode === 'once')
    check('recontact', false, `Shown once already (${iso(lastShown)}); this survey is asked once.`);
  else if (recontact.mode === 'untilAnswered' && answered)
    check('recontact', false, 'Already answered; this survey is asked until answered.');
  else {
    const again = lastShown + recontact.days * DAY_MS;
    if (now < again)
      check(
        'recontact',
        false,
        `Last shown ${iso(lastShown)}; shown again after ${plural(recontact.days, 'day')}.`,
        again,
      );
    else
      check(
        'recontact',
        true,
        `Last shown ${iso(lastShown)}, over ${plural(recontact.days, 'day')} ago.`,
      );
  }

  // Snooze: "not now" on this survey.
  const { snoozedAt } = mine;
  const snoozeEnd = snoozedAt === undefined ? undefined : snoozedAt + policy.snoozeDays * DAY_MS;
  if (snoozeEnd !== undefined && now < snoozeEnd)
    check(
      'snooze',
      false,
      `"Not now" on ${iso(snoozedAt as number)}; snoozed ${plural(policy.snoozeDays, 'day')}.`,
      snoozeEnd,
    );
  else check('snooze', true, 'Not snoozed.');

  // Quiet after a negative answer, to any survey: the customer should hear back first. An ask may
  // set its own period (0: exempt, a transactional CSAT after a support chat).
  const { negativeAt } = facts;
  const quietDays = ask.quietAfterNegativeDays ?? policy.quietAfterNegativeDays;
  const own = ask.quietAfterNegativeDays === undefined ? '' : " (this ask's own quiet period)";
  const quietEnd = negativeAt === undefined ? undefined : negativeAt + quietDays * DAY_MS;
  if (quietEnd !== undefined && now < quietEnd)
    check(
      'quietAfterNegative',
      false,
      `A negative answer on ${iso(negativeAt as number)}; quiet for ${plural(quietDays, 'day')}${own}.`,
      quietEnd,
    );
  else if (negativeAt !== undefined && quietDays === 0)
    check(
      'quietAfterNegative',
      true,
      `A negative answer on ${iso(negativeAt)}, but this ask has no quiet period after one.`,
    );
  else check('quietAfterNegative', true, 'No recent negative answer.');

  // Quiet while feedback awaits the team's reply.
  if (policy.quietWhileAwaitingReply && history.awaitingReply > 0)
    check(
      'awaitingReply',
      false,
      `${plural(history.awaitingReply, 'feedback item')} of this customer await a reply from the team.`,
    );
  else check('awaitingReply', true, 'No feedback awaits a reply.');

  // A team reply waits to be read: it comes first.
  const unread = history.unreadReplies ?? 0;
  if (unread > 0)
    check(
      'unreadReplies',
      false,
      `${plural(unread, 'team reply', 'team replies')} not read yet: replies come before new asks.`,
    );
  else check('unreadReplies', true, 'No unread reply from the team.');

  // The fatigue budget: every contact, every touchpoint (but this survey's displays without an
  // outcome, while it is offered again).
  const budget = retry ? checkBudget(policy, history, now, unanswered) : facts.budget;
  if (quick) {
    if (!budget.passed) throw BLOCKED;
  } else checks.push(budget);

  // The trigger, when asking about a particular occasion.
  if (occasion) {
    const fired = survey
      ? ask.triggers.some((trigger) => triggerMatches(trigger, survey, occasion, now))
      : false;
    check(
      'trigger',
      fired,
      fired
        ? `Triggered by ${describeOccasion(occasion)}.`
        : `Not triggered by ${describeOccasion(occasion)}.`,
    );
  }

  const failed = checks.filter((item) => !item.passed);
  const offerable = failed.length === 0;
  // Time alone lifts the block only when every failing rule has an end (the trigger aside).
  const timeBound = failed.filter((item) => item.rule !== 'trigger');
  const ends = timeBound.map((item) => item.until);
  const until =
    !offerable && timeBound.length > 0 && ends.every((end): end is string => end !== undefined)
      ? ends.sort().at(-1)
      : undefined;
  return { surveyId: ask.surveyId, offerable, checks, ...(until ? { until } : {}) };
}

/**
 * What one survey's contacts say: when it was last shown (by any display, and by one with an
 * outcome), when its displays without an outcome were, whether answered, when snoozed.
 */
interface SurveyFacts {
  lastShown: number | undefined;
  lastOutcome: number | undefined;
  unanswered: number[];
  answered: boolean;
  snoozedAt: number | undefined;
}
const NO_CONTACTS: SurveyFacts = {
  lastShown: undefined,
  lastOutcome: undefined,
  unanswered: [],
  answered: false,
  snoozedAt: undefined,
};

/** Whether a survey shown only without outcomes so far (fewer times than allowed) is offered again. */
function isRetry(facts: SurveyFacts | undefined, policy: ContactPolicy): boolean {
  return (
    facts !== undefined &&
    facts.unanswered.length > 0 &&
    facts.unanswered.length < policy.unansweredDisplays
  );
}

/** What the history says, read once per decision however many asks it checks. */
interface HistoryFacts {
  bySurvey: Map<string, SurveyFacts>;
  negativeAt: number | undefined;
  budget: RuleCheck;
}

const factsCache = new WeakMap<DecisionContext, HistoryFacts>();
/** What a history says whatever the time: read once per history, not once per occasion. */
const historyCache = new WeakMap<
  ContactHistory,
  { bySurvey: Map<string, SurveyFacts>; negativeAt: number | undefined; times: number[] }
>();

function readHistory(history: ContactHistory) {
  const known = historyCache.get(history);
  if (known) return known;
  const bySurvey = new Map<string, SurveyFacts>();
  let negativeAt: number | undefined;
  const times: number[] = [];
  for (const contact of history.contacts) {
    const at = Date.parse(contact.at);
    // What the customer opened themselves is not a contact the budget counts.
    if (contact.kind !== 'ask' || !contact.initiative) times.push(at);
    if (contact.kind !== 'ask') continue;
    // One object per survey, filled in place: a long history is read in one pass.
    let facts = bySurvey.get(contact.surveyId);
    if (!facts) {
      facts = { ...NO_CONTACTS, unanswered: [] };
      bySurvey.set(contact.surveyId, facts);
    }
    facts.lastShown = facts.lastShown === undefined ? at : Math.max(facts.lastShown, at);
    if (contact.outcome === 'shown') facts.unanswered.push(at);
    else facts.lastOutcome = facts.lastOutcome === undefined ? at : Math.max(facts.lastOutcome, at);
    const outcomeAt = Date.parse(contact.outcomeAt ?? contact.at);
    if (contact.outcome === 'answered') {
      facts.answered = true;
      if (contact.sentiment === 'negative')
        negativeAt = negativeAt === undefined ? outcomeAt : Math.max(negativeAt, outcomeAt);
    }
    if (contact.outcome === 'postponed')
      facts.snoozedAt =
        facts.snoozedAt === undefined ? outcomeAt : Math.max(facts.snoozedAt, outcomeAt);
  }
  const read = { bySurvey, negativeAt, times: times.sort((a, b) => b - a) };
  historyCache.set(history, read);
  return read;
}

function factsOf(context: DecisionContext): HistoryFacts {
  const known = factsCache.get(context);
  if (known) return known;
  const { bySurvey, negativeAt } = readHistory(context.history);
  const facts = {
    bySurvey,
    negativeAt,
    budget: checkBudget(context.policy, context.history, context.now),
  };
  factsCache.set(context, facts);
  return facts;
}

/** The asks each occasion can trigger, by event name and touchpoint, so an occasion looks at few. */
interface AskIndex {
  position: Map<Ask, number>;
  byEvent: Map<string, Ask[]>;
  byTouchpoint: Map<string, Ask[]>;
  /** Page-view asks by the key their pattern pins (see pageKeyOfPattern). */
  byPageKey: Map<string, Ask[]>;
  /** Page-view asks whose pattern may match any URL. */
  onAnyPage: Ask[];
}

const indexCache = new WeakMap<readonly Ask[], AskIndex>();

function indexOf(asks: readonly Ask[], surveys: ReadonlyMap<string, Survey>): AskIndex {
  const known = indexCache.get(asks);
  if (known) return known;
  const index: AskIndex = {
    position: new Map(asks.map((ask, position) => [ask, position])),
    byEvent: new Map(),
    byTouchpoint: new Map(),
    byPageKey: new Map(),
    onAnyPage: [],
  };
  const add = (map: Map<string, Ask[]>, key: string, ask: Ask) => {
    const list = map.get(key) ?? [];
    if (!list.includes(ask)) list.push(ask);
    map.set(key, list);
  };
  for (const ask of asks)
    for (const trigger of ask.triggers) {
      if (trigger.on === 'event') add(index.byEvent, trigger.event, ask);
      else if (trigger.on === 'pageView') {
        const key = pageKeyOfPattern(trigger.url);
        if (key !== undefined) add(index.byPageKey, key, ask);
        else if (!index.onAnyPage.includes(ask)) index.onAnyPage.push(ask);
      } else {
        const touchpoint = trigger.touchpointId ?? surveys.get(ask.surveyId)?.touchpointId;
        if (touchpoint) add(index.byTouchpoint, touchpoint, ask);
      }
    }
  indexCache.set(asks, index);
  return index;
}

/** The asks a page view can trigger: those under the URL's keys, and those that match any page. */
function pageViewAsks(index: AskIndex, url: string): Ask[] {
  const keyed = pageKeysOfUrl(url).flatMap((key) => index.byPageKey.get(key) ?? []);
  return keyed.length === 0 ? index.onAnyPage : [...new Set([...keyed, ...index.onAnyPage])];
}

/**
 * The fatigue budget alone: at most `budget.contacts` contacts (asks shown, replies, impact notices)
 * in any `budget.days` days, with when there is room again.
 */
export function checkBudget(
  policy: ContactPolicy,
  history: ContactHistory,
  now: number,
  /** Contacts (by time) not to count: a survey's displays without an outcome, when offered again. */
  except: readonly number[] = [],
): RuleCheck {
  const windowStart = now - policy.budget.days * DAY_MS;
  // Newest first, parsed once per history.
  const skipped = [...except];
  const recent = readHistory(history).times.filter((at) => {
    const skip = skipped.indexOf(at);
    if (skip >= 0) {
      skipped.splice(skip, 1);
      return false;
    }
    return at > windowStart && at <= now;
  });
  const limit = policy.budget.contacts;
  const reason = `${plural(recent.length, 'contact')} in the last ${plural(policy.budget.days, 'day')} (limit ${limit}).`;
  if (recent.length < limit) return { rule: 'budget', passed: true, reason };
  // Room again once the limit-th most recent contact leaves the window.
  const freed = (recent[limit - 1] as number) + policy.budget.days * DAY_MS;
  return { rule: 'budget', passed: false, reason, until: iso(freed) };
}

/**
 * Decides which ask, if any, is right for this customer on this occasion: among the asks whose
 * trigger fires and whose every rule passes, the one with the highest priority (ties go to the one
 * declared first). Exactly one or none.
 */
export function decide(
  asks: readonly Ask[],
  context: DecisionContext,
  occasion: Occasion,
): { ask: Ask | undefined; explanations: Explanation[] } {
  const triggered: Ask[] = [];
  let chosen: Ask | undefined;
  const index = indexOf(asks, context.surveys);
  const candidates =
    occasion.type === 'event'
      ? (index.byEvent.get(occasion.event) ?? [])
      : occasion.type === 'touchpoint'
        ? (index.byTouchpoint.get(occasion.touchpointId) ?? [])
        : pageViewAsks(index, occasion.url);
  // In declared order, so ties go to the ask declared first.
  const ordered =
    candidates.length > 1
      ? [...candidates].sort((a, b) => (index.position.get(a) ?? 0) - (index.position.get(b) ?? 0))
      : candidates;
  for (const ask of ordered) {
    const survey = context.surveys.get(ask.surveyId);
    // Cheap first: most asks do not listen to this occasion at all.
    if (
      !survey ||
      !ask.triggers.some((trigger) => triggerMatches(trigger, survey, occasion, context.now))
    )
      continue;
    triggered.push(ask);
    if ((!chosen || ask.priority > chosen.priority) && isOfferable(ask, context, occasion))
      chosen = ask;
  }
  // Why each triggered ask was or was not offered: built only when someone reads it.
  let explanations: Explanation[] | undefined;
  return {
    ask: chosen,
    get explanations() {
      explanations ??= triggered.map((ask) => explainAsk(ask, context, occasion));
      return explanations;
    },
  };
}

function formatShare(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

function describeOccasion(occasion: Occasion): string {
  switch (occasion.type) {
    case 'event':
      return `the event "${occasion.event}"`;
    case 'pageView':
      return `a view of ${occasion.url}`;
    case 'touchpoint':
      return `the touchpoint "${occasion.touchpointId}"`;
  }
}
