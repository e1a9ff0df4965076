import {
  type AskInput,
  type BackendPort,
  type ContactHistory,
  connect,
  createFlow,
  createMemoryBackend,
  createPalaute,
  defineSurvey,
  type Explanation,
  type Filter,
  filterSchema,
  type MemoryBackend,
  matchesFilter,
  matchesUrl,
  type Occasion,
  type Offer,
  type Palaute,
  type PalauteConfig,
  type RuleName,
  type Survey,
  samplePosition,
} from '@palaute/engine';
import fc from 'fast-check';
import * as z from 'zod/mini';

// Property-based tests of the journey client: random customers, surveys, policies and journeys, checked
// against a model of what the customer really went through (kept here, independent of the client's own
// bookkeeping). Every clock and id is deterministic; a failure prints its shrunk counterexample.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const iso = (time: number) => new Date(time).toISOString();

const TOUCHPOINTS = ['dashboard', 'invoices', 'support'] as const;
const EVENTS = ['invoice.sent', 'chat.closed', 'export.done'] as const;
const PATTERNS = [
  '/dashboard',
  '/dashboard*',
  '/invoices/*',
  '*',
  '/settings?tab=*',
  'https://app.example.com/reports*',
  '/*/42*',
] as const;
const PAGES = [
  '/dashboard',
  '/dashboard/reports',
  '/invoices/42',
  '/invoices/42?tab=send',
  '/settings',
  '/settings?tab=users',
  'https://app.example.com/dashboard#top',
  'https://app.example.com/reports/q3',
] as const;
/** The inclusive range of each scale and how its scores read (the engine's `sentimentOf`, restated). */
const SCALES = {
  nps: { min: 0, max: 10, negativeBelow: 7, positiveFrom: 9 },
  csat: { min: 1, max: 5, negativeBelow: 3, positiveFrom: 4 },
  ces: { min: 1, max: 7, negativeBelow: 4, positiveFrom: 5 },
} as const;
type Scale = keyof typeof SCALES;
type Sentiment = 'negative' | 'neutral' | 'positive';

const sentimentOfScore = (scale: Scale, score: number): Sentiment => {
  const { negativeBelow, positiveFrom } = SCALES[scale];
  return score < negativeBelow ? 'negative' : score >= positiveFrom ? 'positive' : 'neutral';
};

// ---------------------------------------------------------------------------------------------------
// The world: a policy, some surveys with their asks, and a customer.

interface Policy {
  budget: { contacts: number; days: number };
  snoozeDays: number;
  quietAfterNegativeDays: number;
  quietWhileAwaitingReply: boolean;
  /**
   * Every display counts here, as the model does; a display without an outcome offered again is
   * covered by its own examples (journey.unanswered.test.ts).
   */
  unansweredDisplays: 0;
}

type Recontact =
  | { mode: 'once' }
  | { mode: 'untilAnswered'; days: number }
  | { mode: 'recurring'; days: number };

/** An ask with every field given, so the model never depends on the engine's defaults. */
interface AskSpec {
  triggers: AskInput['triggers'];
  audience?: Filter;
  sampleRate: number;
  opensAt?: string;
  closesAt?: string;
  responseCap?: number;
  recontact: Recontact;
  priority: number;
}

interface SurveySpec {
  scale: Scale;
  touchpointId: string;
  ask: AskSpec;
}

type Attributes = {
  plan: 'free' | 'pro';
  seats: number;
};

interface World {
  policy: Policy;
  surveys: SurveySpec[];
  customerId: string;
  attributes: Attributes;
}

const policyArb: fc.Arbitrary<Policy> = fc.record({
  budget: fc.record({
    contacts: fc.integer({ min: 1, max: 5 }),
    days: fc.constantFrom(0.5, 1, 7, 14, 30),
  }),
  snoozeDays: fc.constantFrom(0, 1, 7, 30),
  quietAfterNegativeDays: fc.constantFrom(0, 3, 30),
  quietWhileAwaitingReply: fc.boolean(),
  unansweredDisplays: fc.constant(0 as const),
});

/** Event-property filters of triggers and audiences: a small language the model evaluates itself. */
const whereArb: fc.Arbitrary<Filter> = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((value): Filter => ({ key: 'amount', op: 'gte', value })),
  fc.constant<Filter>({ key: 'first', op: 'eq', value: true }),
);

const audienceArb: fc.Arbitrary<Filter> = fc.oneof(
  fc.constantFrom('free', 'pro').map((value): Filter => ({ key: 'plan', op: 'eq', value })),
  fc.integer({ min: 0, max: 20 }).map((value): Filter => ({ key: 'seats', op: 'gte', value })),
  fc.constant<Filter>({ not: { key: 'plan', op: 'eq', value: 'free' } }),
  fc.constant<Filter>({
    any: [
      { key: 'plan', op: 'eq', value: 'pro' },
      { key: 'seats', op: 'gte', value: 10 },
    ],
  }),
);

const triggerArb: fc.Arbitrary<AskInput['triggers'][number]> = fc.oneof(
  fc.record(
    { on: fc.constant('event' as const), event: fc.constantFrom(...EVENTS), where: whereArb },
    { requiredKeys: ['on', 'event'] },
  ),
  fc.record({ on: fc.constant('pageView' as const), url: fc.constantFrom(...PATTERNS) }),
  fc.record(
    { on: fc.constant('touchpoint' as const), touchpointId: fc.constantFrom(...TOUCHPOINTS) },
    { requiredKeys: ['on'] },
  ),
);

const recontactArb: fc.Arbitrary<Recontact> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Recontact>({ mode: 'once' }) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(0, 1, 7, 30)
      .map((days): Recontact => ({ mode: 'untilAnswered', days })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(1, 7, 30, 90)
      .map((days): Recontact => ({ mode: 'recurring', days })),
  },
);

const sampleRateArb = fc.oneof(
  { weight: 12, arbitrary: fc.constant(1) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.constantFrom(0.25, 0.5, 0.75) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
);

/** `arbitrary`'s value now and then (one time in `1 + rarity`), otherwise absent. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, rarity = 4) =>
  fc.oneof(
    { weight: rarity, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: arbitrary },
  );

const askArb: fc.Arbitrary<AskSpec> = fc
  .record({
    triggers: fc.array(triggerArb, { minLength: 1, maxLength: 3 }),
    audience: sometimes(audienceArb),
    sampleRate: sampleRateArb,
    opensAt: sometimes(fc.integer({ min: 0, max: 30 }).map((days) => iso(T0 + days * DAY))),
    closesAt: sometimes(fc.integer({ min: 20, max: 400 }).map((days) => iso(T0 + days * DAY))),
    responseCap: sometimes(fc.integer({ min: 1, max: 3 })),
    recontact: recontactArb,
    priority: fc.integer({ min: 0, max: 3 }),
  })
  .map(
    ({ audience, opensAt, closesAt, responseCap, ...ask }): AskSpec => ({
      ...ask,
      ...(audience ? { audience } : {}),
      ...(opensAt ? { opensAt } : {}),
      ...(closesAt ? { closesAt } : {}),
      ...(responseCap ? { responseCap } : {}),
    }),
  );

const surveySpecArb: fc.Arbitrary<SurveySpec> = fc.record({
  scale: fc.constantFrom<Scale>('nps', 'csat', 'ces'),
  touchpointId: fc.constantFrom(...TOUCHPOINTS),
  ask: askArb,
});

const customerIdArb = fc.oneof(
  fc.constantFrom('c-1', 'c-2', 'c-3'),
  fc.uuid(),
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
);

const worldArb: fc.Arbitrary<World> = fc.record({
  policy: policyArb,
  surveys: fc.array(surveySpecArb, { minLength: 2, maxLength: 6 }),
  customerId: customerIdArb,
  attributes: fc.record({
    plan: fc.constantFrom<Attributes['plan']>('free', 'pro'),
    seats: fc.integer({ min: 0, max: 20 }),
  }),
});

/**
 * Worlds where little but the budget stands in the way (no quiet periods, short recontact, everyone
 * sampled), so journeys press against the budget often; mixed half and half with fully random ones.
 */
const busyWorldArb: fc.Arbitrary<World> = fc
  .tuple(worldArb, fc.array(fc.constantFrom(0, 1), { minLength: 6, maxLength: 6 }))
  .map(([world, days]) => ({
    ...world,
    policy: { ...world.policy, snoozeDays: 0, quietAfterNegativeDays: 0 },
    surveys: world.surveys.map((spec, index) => ({
      ...spec,
      ask: {
        triggers: spec.ask.triggers,
        sampleRate: 1,
        recontact:
          (days[index] ?? 0) === 0
            ? ({ mode: 'untilAnswered', days: 0 } as const)
            : ({ mode: 'recurring', days: 1 } as const),
        priority: spec.ask.priority,
      },
    })),
  }));

const anyWorldArb = fc.oneof(worldArb, busyWorldArb);

const surveyIdOf = (index: number) => `survey-${index}`;
const surveyIndex = (surveyId: string) => Number(surveyId.slice('survey-'.length));

function buildSurveys(world: World): Survey[] {
  return world.surveys.map((spec, index) =>
    defineSurvey({
      id: surveyIdOf(index),
      touchpointId: spec.touchpointId,
      title: `Survey ${index}`,
      questions: [{ id: 'score', type: spec.scale, title: 'Score?' }],
    }),
  );
}

function buildAsks(world: World): AskInput[] {
  return world.surveys.map((spec, index) => ({
    surveyId: surveyIdOf(index),
    ...spec.ask,
    delayMs: 0,
  }));
}

const touchpoints: PalauteConfig['touchpoints'] = TOUCHPOINTS.map((id) => ({
  id,
  stage: 'use',
  channel: 'inProduct',
}));

// ---------------------------------------------------------------------------------------------------
// The journey: time passing, occasions, and what the customer does with what is offered.

type Reaction =
  | { kind: 'answer'; score: number; closeAfter: boolean }
  | { kind: 'dismiss' }
  | { kind: 'notNow' }
  | { kind: 'optOut' }
  /** The host drops the offer without presenting it. */
  | { kind: 'hostDismiss' };

type Step =
  | { op: 'wait'; ms: number }
  | { op: 'occasion'; device: number; occasion: Occasion; reaction?: Reaction }
  /** The customer turns to an offer left waiting (a launcher badge), if there is one. */
  | { op: 'react'; device: number; reaction: Reaction }
  /** The team replies to the customer (a contact the budget counts); the device then reloads history. */
  | { op: 'teamReply'; device: number }
  /** Feedback starts (or stops) awaiting a reply; the device then reloads history. */
  | { op: 'awaiting'; device: number; count: number }
  /** The device loads the backend's history (`start()`). */
  | { op: 'sync'; device: number }
  /** A new page: a new client over the device's cache and the backend, with or without `start()`. */
  | { op: 'reload'; device: number; sync: boolean };

const waitArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 59 }).map((minutes) => minutes * MINUTE) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 23 }).map((hours) => hours * HOUR) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 20 }).map((days) => days * DAY) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 120 }).map((days) => days * DAY) },
);

const occasionArb: fc.Arbitrary<Occasion> = fc.oneof(
  fc.record({
    type: fc.constant('event' as const),
    event: fc.constantFrom(...EVENTS, 'page.printed'),
    properties: fc.record(
      { amount: fc.integer({ min: 0, max: 120 }), first: fc.boolean() },
      { requiredKeys: [] },
    ),
  }),
  fc.record({ type: fc.constant('pageView' as const), url: fc.constantFrom(...PAGES) }),
  fc.record({
    type: fc.constant('touchpoint' as const),
    touchpointId: fc.constantFrom(...TOUCHPOINTS),
  }),
);

const reactionArb: fc.Arbitrary<Reaction> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      score: fc.integer({ min: 0, max: 10 }),
      closeAfter: fc.boolean(),
    }),
  },
  { weight: 4, arbitrary: fc.constant<Reaction>({ kind: 'dismiss' }) },
  { weight: 4, arbitrary: fc.constant<Reaction>({ kind: 'notNow' }) },
  { weight: 1, arbitrary: fc.constant<Reaction>({ kind: 'optOut' }) },
  { weight: 2, arbitrary: fc.constant<Reaction>({ kind: 'hostDismiss' }) },
);

/** Steps on `devices` devices; team replies and awaiting replies only where `replies` is set. */
function stepArb(devices: number, replies: boolean): fc.Arbitrary<Step> {
  const device = fc.integer({ min: 0, max: devices - 1 });
  const weighted = (weight: number, arbitrary: fc.Arbitrary<Step>) => ({ weight, arbitrary });
  const choices = [
    weighted(
      5,
      waitArb.map((ms): Step => ({ op: 'wait', ms })),
    ),
    weighted(
      8,
      fc
        .record(
          { device, occasion: occasionArb, reaction: reactionArb },
          { requiredKeys: ['device', 'occasion'] },
        )
        .map((step): Step => ({ op: 'occasion', ...step })),
    ),
    weighted(
      2,
      fc.record({ device, reaction: reactionArb }).map((step): Step => ({ op: 'react', ...step })),
    ),
    weighted(
      replies ? 1 : 0,
      device.map((index): Step => ({ op: 'teamReply', device: index })),
    ),
    weighted(
      replies ? 1 : 0,
      // Mostly the team catching up: a customer awaiting a reply blocks every ask.
      fc
        .record({ device, count: fc.constantFrom(0, 0, 0, 1) })
        .map((step): Step => ({ op: 'awaiting', ...step })),
    ),
    weighted(
      devices > 1 ? 3 : 0,
      device.map((index): Step => ({ op: 'sync', device: index })),
    ),
    weighted(
      1,
      fc.record({ device, sync: fc.boolean() }).map((step): Step => ({ op: 'reload', ...step })),
    ),
  ];
  return fc.oneof(...choices.filter((choice) => choice.weight > 0));
}

// ---------------------------------------------------------------------------------------------------
// The model: what really happened to the customer, and what the policy says about it.

type Outcome = 'answered' | 'dismissed' | 'postponed' | 'optedOut';

/** A survey the customer actually saw, and what they did with it (in the order it happened). */
interface Shown {
  surveyId: string;
  device: number;
  at: number;
  outcome: Outcome;
  outcomeAt: number;
  sentiment?: Sentiment;
  /** Its place among everything that happened (offers included). */
  seq: number;
  /** The flow's response id (its display, answer and dismissal share it). */
  responseId: string;
}

/** What a device's client should know: its own contacts, and everyone's up to its last `start()`. */
interface Knowledge {
  shown: readonly Shown[];
  replies: readonly number[];
  awaitingReply: number;
  optedOutAt?: number;
}

/** The rules the model finds blocking an ask now (the trigger aside), by the policy's own words. */
function modelBlocks(world: World, index: number, knowledge: Knowledge, now: number): RuleName[] {
  const { policy } = world;
  const spec = world.surveys[index] as SurveySpec;
  const ask = spec.ask;
  const surveyId = surveyIdOf(index);
  const mine = knowledge.shown.filter((shown) => shown.surveyId === surveyId);
  const blocks: RuleName[] = [];
  if (knowledge.optedOutAt !== undefined) blocks.push('optOut');
  if (
    (ask.opensAt !== undefined && now < Date.parse(ask.opensAt)) ||
    (ask.closesAt !== undefined && now >= Date.parse(ask.closesAt))
  )
    blocks.push('schedule');
  // One customer, one backend: every response the backend counts is this customer's.
  const responses = mine.filter((shown) => shown.outcome === 'answered').length;
  if (ask.responseCap !== undefined && responses >= ask.responseCap) blocks.push('responseCap');
  if (ask.audience && !modelFilter(ask.audience, world.attributes)) blocks.push('audience');
  if (!(samplePosition(surveyId, world.customerId) < ask.sampleRate)) blocks.push('sample');
  const last = mine.at(-1);
  if (last) {
    const { recontact } = ask;
    if (recontact.mode === 'once') blocks.push('recontact');
    else if (recontact.mode === 'untilAnswered' && mine.some((s) => s.outcome === 'answered'))
      blocks.push('recontact');
    else if (now < last.at + recontact.days * DAY) blocks.push('recontact');
  }
  const snoozedAt = mine.filter((s) => s.outcome === 'postponed').at(-1)?.outcomeAt;
  if (snoozedAt !== undefined && now < snoozedAt + policy.snoozeDays * DAY) blocks.push('snooze');
  const negativeAt = knowledge.shown
    .filter((s) => s.outcome === 'answered' && s.sentiment === 'negative')
    .at(-1)?.outcomeAt;
  if (negativeAt !== undefined && now < negativeAt + policy.quietAfterNegativeDays * DAY)
    blocks.push('quietAfterNegative');
  if (policy.quietWhileAwaitingReply && knowledge.awaitingReply > 0) blocks.push('awaitingReply');
  const windowStart = now - policy.budget.days * DAY;
  const inWindow = [...knowledge.shown.map((s) => s.at), ...knowledge.replies].filter(
    (at) => at > windowStart && at <= now,
  ).length;
  if (inWindow >= policy.budget.contacts) blocks.push('budget');
  return blocks;
}

/** The small filter language of {@link whereArb} and {@link audienceArb}, evaluated by the model. */
function modelFilter(filter: Filter, values: Readonly<Record<string, unknown>>): boolean {
  if ('all' in filter) return filter.all.every((inner) => modelFilter(inner, values));
  if ('any' in filter) return filter.any.some((inner) => modelFilter(inner, values));
  if ('not' in filter) return !modelFilter(filter.not, values);
  const value = values[filter.key];
  if (filter.op === 'eq') return value === filter.value;
  if (filter.op === 'gte') return typeof value === 'number' && value >= filter.value;
  throw new Error(`the model does not know ${filter.op}`);
}

/** A page pattern as a regular expression over the path and query (or the whole URL with a scheme). */
function modelUrl(pattern: string, url: string): boolean {
  const parsed = new URL(url, 'https://host.invalid');
  const target = /^https?:\/\//.test(pattern) ? url : parsed.pathname + parsed.search;
  const source = pattern
    .split('*')
    .map((piece) => piece.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(target);
}

function modelFires(world: World, index: number, occasion: Occasion): boolean {
  const spec = world.surveys[index] as SurveySpec;
  return spec.ask.triggers.some((trigger) => {
    if (trigger.on === 'event')
      return (
        occasion.type === 'event' &&
        occasion.event === trigger.event &&
        // The input type of a trigger's `where` is opaque (a recursive schema); it is one of whereArb's.
        (!trigger.where || modelFilter(trigger.where as Filter, occasion.properties ?? {}))
      );
    if (trigger.on === 'pageView')
      return occasion.type === 'pageView' && modelUrl(trigger.url, occasion.url);
    return (
      occasion.type === 'touchpoint' &&
      occasion.touchpointId === (trigger.touchpointId ?? spec.touchpointId)
    );
  });
}

/** Among the asks that may be offered, the highest priority one (ties: the one declared first). */
function highestPriority(world: World, eligible: readonly boolean[]): string | null {
  let chosen: number | undefined;
  eligible.forEach((ok, index) => {
    const priority = (world.surveys[index] as SurveySpec).ask.priority;
    if (
      ok &&
      (chosen === undefined || priority > (world.surveys[chosen] as SurveySpec).ask.priority)
    )
      chosen = index;
  });
  return chosen === undefined ? null : surveyIdOf(chosen);
}

/**
 * The invariants over what really happened, whatever any client believed: returns each violation
 * found in the whole history so far (empty when none).
 */
function historyViolations(
  world: World,
  shown: readonly Shown[],
  offers: readonly { surveyId: string; at: number; seq: number }[],
  events: { optOutSeq?: number },
): string[] {
  const { policy } = world;
  const violations: string[] = [];
  const budgetMs = policy.budget.days * DAY;
  shown.forEach((item, index) => {
    const inWindow = shown.filter((other) => other.at > item.at - budgetMs && other.at <= item.at);
    if (inWindow.length > policy.budget.contacts)
      violations.push(
        `budget: ${inWindow.length} surveys shown in the ${policy.budget.days} days up to ${iso(item.at)} (limit ${policy.budget.contacts})`,
      );
    const before = shown.slice(0, index).filter((other) => other.surveyId === item.surveyId);
    const previous = before.at(-1);
    const spec = world.surveys[surveyIndex(item.surveyId)] as SurveySpec;
    const { recontact } = spec.ask;
    if (recontact.mode === 'once' && previous)
      violations.push(`once: ${item.surveyId} shown again at ${iso(item.at)}`);
    if (recontact.mode === 'untilAnswered' && before.some((other) => other.outcome === 'answered'))
      violations.push(`untilAnswered: ${item.surveyId} shown at ${iso(item.at)} after an answer`);
    if (recontact.mode !== 'once' && previous && item.at - previous.at < recontact.days * DAY)
      violations.push(
        `${recontact.mode}: ${item.surveyId} shown at ${iso(item.at)}, ${(item.at - previous.at) / DAY} days after ${iso(previous.at)} (${recontact.days} days)`,
      );
  });
  for (const offer of offers) {
    if (events.optOutSeq !== undefined && offer.seq > events.optOutSeq)
      violations.push(`optOut: ${offer.surveyId} offered at ${iso(offer.at)} after the opt-out`);
    const spec = world.surveys[surveyIndex(offer.surveyId)] as SurveySpec;
    if (!(samplePosition(offer.surveyId, world.customerId) < spec.ask.sampleRate))
      violations.push(`sample: ${offer.surveyId} offered outside its sample`);
    const earlier = shown.filter((item) => item.seq < offer.seq);
    const snoozed = earlier
      .filter((item) => item.surveyId === offer.surveyId && item.outcome === 'postponed')
      .at(-1);
    if (snoozed && offer.at < snoozed.outcomeAt + policy.snoozeDays * DAY)
      violations.push(
        `snooze: ${offer.surveyId} offered at ${iso(offer.at)}, "not now" at ${iso(snoozed.outcomeAt)} (${policy.snoozeDays} days)`,
      );
    const negative = earlier
      .filter((item) => item.outcome === 'answered' && item.sentiment === 'negative')
      .at(-1);
    if (negative && offer.at < negative.outcomeAt + policy.quietAfterNegativeDays * DAY)
      violations.push(
        `quietAfterNegative: ${offer.surveyId} offered at ${iso(offer.at)}, negative answer at ${iso(negative.outcomeAt)} (${policy.quietAfterNegativeDays} days)`,
      );
  }
  return violations;
}

// ---------------------------------------------------------------------------------------------------
// Driving real clients and real flows.

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

/** Lets queued promise callbacks and immediates run (a memory backend answers within one turn). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function occur(palaute: Palaute, occasion: Occasion) {
  switch (occasion.type) {
    case 'event':
      return palaute.track(occasion.event, occasion.properties);
    case 'pageView':
      return palaute.page(occasion.url);
    case 'touchpoint':
      return palaute.touchpoint(occasion.touchpointId);
  }
}

/**
 * Presents an offer as a host would (a real flow reporting to `recordWrite`) and plays the customer's
 * reaction. Returns what the customer saw, or nothing when the host dropped the offer unshown.
 */
async function present(
  world: World,
  palaute: Palaute,
  backend: BackendPort,
  offer: Offer,
  reaction: Reaction,
  now: () => number,
  createId: () => string,
): Promise<Omit<Shown, 'device' | 'seq'> | undefined> {
  if (reaction.kind === 'hostDismiss') {
    palaute.dismissOffer();
    return undefined;
  }
  const at = now();
  const responseId = createId();
  const flow = createFlow({
    survey: offer.survey,
    backend,
    customer: { id: world.customerId },
    locale: 'en',
    now: () => new Date(now()),
    createId: () => responseId,
    random: () => 0.5,
    onWrite: palaute.recordWrite,
  });
  flow.start();
  const api = () => connect(flow.getSnapshot(), flow.send);
  const surveyId = offer.survey.id;
  try {
    if (reaction.kind !== 'answer') {
      api()[reaction.kind]();
      const outcome = { dismiss: 'dismissed', notNow: 'postponed', optOut: 'optedOut' } as const;
      return { surveyId, responseId, at, outcome: outcome[reaction.kind], outcomeAt: at };
    }
    const scaleName = (world.surveys[surveyIndex(surveyId)] as SurveySpec).scale;
    const scale = SCALES[scaleName];
    const score = scale.min + (reaction.score % (scale.max - scale.min + 1));
    api().answer('score', score);
    api().next();
    for (let turn = 0; turn < 50 && api().step === 'submitting'; turn++) await settle();
    expect(api().step, 'the answer was submitted').not.toBe('submitting');
    // The customer closes the acknowledgement, as most do.
    if (reaction.closeAfter) api().dismiss();
    const sentiment = sentimentOfScore(scaleName, score);
    return { surveyId, responseId, at, outcome: 'answered', outcomeAt: now(), sentiment };
  } finally {
    flow.stop();
  }
}

/** The rules that block a survey, as the client explains them (the trigger aside). */
const blockingRules = (explanation: Explanation) =>
  explanation.checks
    .filter((check) => !check.passed && check.rule !== 'trigger')
    .map((check) => check.rule);

/**
 * One occasion on one device, checked against the model: the same rules block each survey, `explain`
 * with the occasion agrees with `explain` without it and the trigger, and the offer is the highest
 * priority eligible survey, or the one already open.
 */
function checkOccasion(
  world: World,
  palaute: Palaute,
  occasion: Occasion,
  knowledge: Knowledge,
  now: number,
) {
  const before = palaute.offer();
  const plain = world.surveys.map((_, index) => palaute.explain(surveyIdOf(index)));
  const withOccasion = world.surveys.map((_, index) =>
    palaute.explain(surveyIdOf(index), occasion),
  );
  world.surveys.forEach((_, index) => {
    const id = surveyIdOf(index);
    expect(blockingRules(plain[index] as Explanation), `the rules blocking ${id}`).toEqual(
      modelBlocks(world, index, knowledge, now),
    );
    const fires = modelFires(world, index, occasion);
    expect(
      (withOccasion[index] as Explanation).offerable,
      `explain(${id}, occasion) is explain(${id}) and its trigger`,
    ).toBe((plain[index] as Explanation).offerable && fires);
  });

  const decision = occur(palaute, occasion);

  if (before) {
    expect(decision.status, 'an open offer stays the only one').toBe('current');
    expect(decision.offer).toBe(before);
    expect(palaute.offer()).toBe(before);
    return decision;
  }
  const expected = highestPriority(
    world,
    world.surveys.map(
      (_, index) => (plain[index] as Explanation).offerable && modelFires(world, index, occasion),
    ),
  );
  expect(decision.offer?.survey.id ?? null, 'the offer is the highest priority eligible one').toBe(
    expected,
  );
  expect(decision.status).toBe(expected ? 'offered' : 'none');
  expect(palaute.offer()).toBe(decision.offer);
  // The decision explains every triggered survey, as explain() does.
  expect(decision.explanations.map((explanation) => explanation.surveyId)).toEqual(
    world.surveys.flatMap((_, index) =>
      modelFires(world, index, occasion) ? [surveyIdOf(index)] : [],
    ),
  );
  for (const explanation of decision.explanations)
    expect(explanation).toEqual(withOccasion[surveyIndex(explanation.surveyId)]);
  return decision;
}

/** Counts offers that replace another one without it being cleared first. */
function watchOffers(palaute: Palaute, onOffer: (offer: Offer) => void) {
  let heard: Offer | null = null;
  let overlaps = 0;
  palaute.subscribe((offer) => {
    if (offer && heard && offer !== heard) overlaps++;
    if (offer && offer !== heard) onOffer(offer);
    heard = offer;
  });
  return () => overlaps;
}

/** A shared memory backend whose history also carries team replies and an awaiting-reply count. */
function backendWithReplies(memory: MemoryBackend) {
  const state = { replies: [] as number[], awaitingReply: 0 };
  const backend: BackendPort = {
    ...memory,
    getContactHistory: async (query) => {
      const history = (await memory.getContactHistory?.(query)) as ContactHistory;
      return {
        ...history,
        contacts: [
          ...history.contacts,
          ...state.replies.map((at) => ({ kind: 'reply' as const, at: iso(at) })),
        ],
        awaitingReply: state.awaitingReply,
      };
    },
  };
  return { backend, state };
}

/** What a run saw, summed over runs: shows that the journeys did exercise the policy. */
interface Tally {
  offers: number;
  shown: number;
  /** Runs where the budget was reached with more than one contact in a window. */
  fullBudgets: number;
}

/**
 * Plays a journey on real clients (one per device, over one memory backend, each with its own cache)
 * and real flows, and checks after every step that the clients agree with the model and that nothing
 * that happened breaks the contact policy. Throws (an assertion) at the first disagreement.
 */
async function playJourney(world: World, journey: readonly Step[], devices: number, tally: Tally) {
  let clock = T0;
  const now = () => clock;
  let ids = 0;
  const createId = () => `response-${String(++ids).padStart(4, '0')}`;
  const memory = createMemoryBackend({ now: () => new Date(clock) });
  const { backend, state } = backendWithReplies(memory);
  const configFor = (cache: ReturnType<typeof memoryStorage>): PalauteConfig => ({
    backend,
    customer: { id: world.customerId, attributes: { ...world.attributes } },
    surveys: buildSurveys(world),
    touchpoints,
    asks: buildAsks(world),
    policy: world.policy,
    cache,
    now,
    // The model hears the backend only at an explicit start(): no background reloads here (they
    // have their own tests in journey.client.test.ts).
    refreshAfterMs: Number.POSITIVE_INFINITY,
  });

  const shown: Shown[] = [];
  const offers: { surveyId: string; at: number; seq: number; device: number }[] = [];
  let seq = 0;

  interface Device {
    client: Palaute;
    cache: ReturnType<typeof memoryStorage>;
    overlaps: () => number;
    /** What the device heard at its last `start()`: everything up to `seq`, the replies, the count. */
    synced: { seq: number; replies: number[]; awaitingReply: number };
  }
  const open = (index: number, cache: ReturnType<typeof memoryStorage>) => {
    const client = createPalaute(configFor(cache));
    const overlaps = watchOffers(client, (offer) => {
      offers.push({ surveyId: offer.survey.id, at: clock, seq: ++seq, device: index });
      tally.offers++;
    });
    return { client, overlaps };
  };
  const fleet: Device[] = Array.from({ length: devices }, (_, index) => {
    const cache = memoryStorage();
    return { ...open(index, cache), cache, synced: { seq: 0, replies: [], awaitingReply: 0 } };
  });
  const deviceAt = (index: number) => fleet[index] as Device;

  const knowledge = (index: number): Knowledge => {
    const { synced } = deviceAt(index);
    const known = shown.filter((item) => item.device === index || item.seq <= synced.seq);
    return {
      shown: known,
      replies: synced.replies,
      awaitingReply: synced.awaitingReply,
      ...(known.some((item) => item.outcome === 'optedOut') ? { optedOutAt: 0 } : {}),
    };
  };

  const sync = async (index: number) => {
    const device = deviceAt(index);
    await device.client.start();
    device.synced = { seq, replies: [...state.replies], awaitingReply: state.awaitingReply };
    // Every contact made anywhere is now in this device's history.
    const heard = new Set(
      device.client
        .history()
        .contacts.flatMap((contact) => (contact.kind === 'ask' ? [contact.responseId] : [])),
    );
    expect(
      shown.filter((item) => !heard.has(item.responseId)).map((item) => item.responseId),
      `device ${index} knows every contact after start()`,
    ).toEqual([]);
  };

  const react = async (index: number, reaction: Reaction) => {
    const { client } = deviceAt(index);
    const offer = client.offer();
    if (!offer) return;
    // An offer left waiting is presented as it is: whether it still should be is a known violation
    // (see the minimal reproductions below), so the rules are checked where offers are made.
    const seen = await present(world, client, backend, offer, reaction, now, createId);
    if (!seen) {
      expect(client.offer(), 'dismissOffer() drops the offer').toBeNull();
      return;
    }
    shown.push({ ...seen, device: index, seq: ++seq });
    tally.shown++;
    expect(client.offer(), 'the offer is gone once the customer has closed it').toBeNull();
  };

  for (const step of journey) {
    switch (step.op) {
      case 'wait':
        clock += step.ms;
        break;
      case 'occasion': {
        const knows = knowledge(step.device);
        const decision = checkOccasion(
          world,
          deviceAt(step.device).client,
          step.occasion,
          knows,
          clock,
        );
        if (decision.status === 'offered') {
          // Contacts made on any device, as far as this one has heard, leave room in the budget.
          const windowStart = clock - world.policy.budget.days * DAY;
          const recent = [...knows.shown.map((item) => item.at), ...knows.replies].filter(
            (at) => at > windowStart,
          );
          expect(recent.length, 'room in the budget').toBeLessThan(world.policy.budget.contacts);
        }
        if (step.reaction) await react(step.device, step.reaction);
        break;
      }
      case 'react':
        await react(step.device, step.reaction);
        break;
      case 'teamReply':
        state.replies.push(clock);
        await sync(step.device);
        break;
      case 'awaiting':
        state.awaitingReply = step.count;
        await sync(step.device);
        break;
      case 'sync':
        await sync(step.device);
        break;
      case 'reload': {
        const device = deviceAt(step.device);
        device.client.stop();
        Object.assign(device, open(step.device, device.cache));
        if (step.sync) await sync(step.device);
        break;
      }
    }
    for (const [index, device] of fleet.entries())
      expect(device.overlaps(), `at most one offer at a time on device ${index}`).toBe(0);
    // On one device, what really happened must keep the policy. Across devices, each device keeps
    // it for what it has heard of (checked at each occasion above).
    if (devices === 1)
      expect(historyViolations(world, shown, offers, optOutSeq(shown))).toEqual([]);
  }
  for (const device of fleet) device.client.stop();

  const windowMs = world.policy.budget.days * DAY;
  const { contacts } = world.policy.budget;
  if (
    contacts > 1 &&
    shown.some(
      (item) =>
        shown.filter((other) => other.at > item.at - windowMs && other.at <= item.at).length ===
        contacts,
    )
  )
    tally.fullBudgets++;
}

const optOutSeq = (shown: readonly Shown[]) => {
  const optOut = shown.find((item) => item.outcome === 'optedOut');
  return optOut ? { optOutSeq: optOut.seq } : {};
};

// ---------------------------------------------------------------------------------------------------

describe('the journey client under random journeys (property-based)', () => {
  it('given any policy, surveys and journey on one device › the contact policy holds after every step, each offer is the one explain() predicts, and explain() agrees with the model', async () => {
    const tally: Tally = { offers: 0, shown: 0, fullBudgets: 0 };
    await fc.assert(
      fc.asyncProperty(
        anyWorldArb,
        fc.array(stepArb(1, true), { minLength: 20, maxLength: 80 }),
        (world, journey) => playJourney(world, journey, 1, tally),
      ),
      { numRuns: 800 },
    );
    // The journeys did exercise the policy: offers, shows, and budgets filled to their limit.
    expect(tally.offers).toBeGreaterThan(1000);
    expect(tally.shown).toBeGreaterThan(800);
    expect(tally.fullBudgets).toBeGreaterThan(20);
  }, 30_000);

  it('given two devices over one backend › contacts made on one count on the other after start(), and each decides as the model does from what it has heard', async () => {
    const tally: Tally = { offers: 0, shown: 0, fullBudgets: 0 };
    await fc.assert(
      fc.asyncProperty(
        busyWorldArb,
        fc.array(stepArb(2, false), { minLength: 20, maxLength: 80 }),
        (world, journey) => playJourney(world, journey, 2, tally),
      ),
      { numRuns: 300 },
    );
    expect(tally.shown).toBeGreaterThan(300);
    expect(tally.fullBudgets).toBeGreaterThan(10);
  }, 30_000);
});

describe('sampling (property-based)', () => {
  it('given many customers on two devices (own backend, own cache, other attributes) › every survey makes the same sampling decision on both, by the customer id alone', () => {
    fc.assert(
      fc.property(
        fc.array(customerIdArb, { minLength: 10, maxLength: 30 }),
        fc.array(sampleRateArb, { minLength: 1, maxLength: 6 }),
        (customerIds, rates) => {
          const surveys = rates.map((_, index) =>
            defineSurvey({
              id: surveyIdOf(index),
              touchpointId: 'dashboard',
              title: 'S',
              questions: [{ id: 'score', type: 'nps', title: 'Score?' }],
            }),
          );
          const asks = rates.map((sampleRate, index) => ({
            surveyId: surveyIdOf(index),
            triggers: [{ on: 'touchpoint' as const }],
            sampleRate,
          }));
          for (const customerId of customerIds) {
            const device = (attributes: Attributes) =>
              createPalaute({
                backend: createMemoryBackend(),
                customer: { id: customerId, attributes: { ...attributes } },
                surveys,
                touchpoints,
                asks,
                cache: memoryStorage(),
              });
            const phone = device({ plan: 'free', seats: 1 });
            const laptop = device({ plan: 'pro', seats: 12 });
            rates.forEach((rate, index) => {
              const id = surveyIdOf(index);
              const sample = (client: Palaute) =>
                client.explain(id).checks.find((check) => check.rule === 'sample');
              expect(sample(phone), `${id} for ${JSON.stringify(customerId)}`).toEqual(
                sample(laptop),
              );
              expect(sample(phone)?.passed).toBe(samplePosition(id, customerId) < rate);
            });
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('given a rate › about that share of customers is sampled, each survey independently of the others', () => {
    const customers = Array.from({ length: 4000 }, (_, index) => `customer-${index}`);
    const inSample = (surveyId: string, rate: number) =>
      customers.filter((id) => samplePosition(surveyId, id) < rate);
    for (const rate of [0.1, 0.3, 0.5, 0.9]) {
      expect(inSample('survey-a', rate).length / customers.length).toBeCloseTo(rate, 1);
    }
    // Independent draws: about a quarter are in both halves, not all or none.
    const a = new Set(inSample('survey-a', 0.5));
    const both = inSample('survey-b', 0.5).filter((id) => a.has(id)).length;
    expect(both / customers.length).toBeGreaterThan(0.2);
    expect(both / customers.length).toBeLessThan(0.3);
  });
});

// ---------------------------------------------------------------------------------------------------
// matchesFilter and matchesUrl.

const NOW = T0;
const filterKeyArb = fc.constantFrom('a', 'b', 'c', 'toString', '__proto__');
const scalarArb = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.integer({ min: -3, max: 3 }),
  fc.boolean(),
  fc.constant(null),
);
const listValueArb = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.integer({ min: -3, max: 3 }),
  fc.boolean(),
);

const leafArb: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({ key: filterKeyArb, op: fc.constantFrom('eq', 'neq'), value: scalarArb }),
  fc.record({
    key: filterKeyArb,
    op: fc.constantFrom('in', 'notIn'),
    values: fc.array(listValueArb, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    key: filterKeyArb,
    op: fc.constantFrom('gt', 'gte', 'lt', 'lte'),
    value: fc.integer({ min: -3, max: 3 }),
  }),
  fc.record({
    key: filterKeyArb,
    op: fc.constantFrom('contains', 'startsWith', 'endsWith'),
    value: fc.string({ maxLength: 2 }),
  }),
  fc.record({ key: filterKeyArb, op: fc.constantFrom('exists', 'notExists') }),
  fc.record({
    key: filterKeyArb,
    op: fc.constantFrom('olderThanDays', 'withinDays'),
    days: fc.integer({ min: 0, max: 60 }),
  }),
) as fc.Arbitrary<Filter>;

const { filter: filterArb } = fc.letrec<{ filter: Filter }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.record({ all: fc.array(tie('filter'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('filter'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('filter') }),
  ),
}));

/** Attributes or properties: scalars, timestamps around now, and odd keys (`__proto__` as an own key). */
const valuesArb = fc
  .array(
    fc.tuple(
      filterKeyArb,
      fc.oneof(
        scalarArb,
        fc.integer({ min: -90, max: 90 }).map((days) => iso(NOW + days * DAY)),
      ),
    ),
    { maxLength: 5 },
  )
  .map((entries): Record<string, unknown> => Object.fromEntries(entries));

const matches = (filter: Filter, values: Record<string, unknown>) =>
  matchesFilter(filter, values, NOW);

describe('matchesFilter (property-based)', () => {
  it('given any filter of the language › the schema accepts it (the generator writes valid filters)', () => {
    fc.assert(fc.property(filterArb, (filter) => z.safeParse(filterSchema, filter).success));
  });

  it('given any filter and values › `not` inverts it', () => {
    fc.assert(
      fc.property(filterArb, valuesArb, (filter, values) => {
        expect(matches({ not: filter }, values)).toBe(!matches(filter, values));
        expect(matches({ not: { not: filter } }, values)).toBe(matches(filter, values));
      }),
    );
  });

  it('given any filters › `all` is every, `any` is some, and De Morgan holds', () => {
    fc.assert(
      fc.property(
        fc.array(filterArb, { minLength: 1, maxLength: 4 }),
        valuesArb,
        (filters, values) => {
          const each = filters.map((filter) => matches(filter, values));
          expect(matches({ all: filters }, values)).toBe(each.every(Boolean));
          expect(matches({ any: filters }, values)).toBe(each.some(Boolean));
          const negated = filters.map((filter): Filter => ({ not: filter }));
          expect(matches({ not: { all: filters } }, values)).toBe(
            matches({ any: negated }, values),
          );
          expect(matches({ not: { any: filters } }, values)).toBe(
            matches({ all: negated }, values),
          );
          expect(matches({ all: [...filters].reverse() }, values)).toBe(
            matches({ all: filters }, values),
          );
        },
      ),
    );
  });

  it('given one filter › `all` and `any` of it alone, or of it twice, are it', () => {
    fc.assert(
      fc.property(filterArb, valuesArb, (filter, values) => {
        const alone = matches(filter, values);
        expect(matches({ all: [filter] }, values)).toBe(alone);
        expect(matches({ any: [filter] }, values)).toBe(alone);
        expect(matches({ all: [filter, filter] }, values)).toBe(alone);
        expect(matches({ any: [filter, filter] }, values)).toBe(alone);
      }),
    );
  });

  it('given any key and values › neq, notIn and notExists are the negations of eq, in and exists', () => {
    fc.assert(
      fc.property(
        filterKeyArb,
        scalarArb,
        fc.array(listValueArb, { minLength: 1, maxLength: 3 }),
        valuesArb,
        (key, value, list, values) => {
          expect(matches({ key, op: 'neq', value }, values)).toBe(
            !matches({ key, op: 'eq', value }, values),
          );
          expect(matches({ key, op: 'notIn', values: list }, values)).toBe(
            !matches({ key, op: 'in', values: list }, values),
          );
          expect(matches({ key, op: 'notExists' }, values)).toBe(
            !matches({ key, op: 'exists' }, values),
          );
        },
      ),
    );
  });

  it('given a missing key › only notExists, neq and notIn match (as documented)', () => {
    fc.assert(
      fc.property(leafArb, valuesArb, (filter, values) => {
        if (!('key' in filter)) return;
        const without = Object.fromEntries(
          Object.entries(values).filter(([key]) => key !== filter.key),
        );
        expect(matches(filter, without)).toBe(['notExists', 'neq', 'notIn'].includes(filter.op));
      }),
    );
  });

  it('given a timestamp › it is older than or within any number of days (both at the edge); anything else is neither', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -90, max: 90 }),
        fc.integer({ min: 0, max: 60 }),
        scalarArb,
        (age, days, other) => {
          const values = { at: iso(NOW - age * DAY), other };
          const older = matches({ key: 'at', op: 'olderThanDays', days }, values);
          const within = matches({ key: 'at', op: 'withinDays', days }, values);
          expect(older || within).toBe(true);
          expect(older && within).toBe(age === days);
          expect(matches({ key: 'other', op: 'olderThanDays', days }, values)).toBe(false);
          expect(matches({ key: 'other', op: 'withinDays', days }, values)).toBe(false);
        },
      ),
    );
  });

  it('given any JSON values › never throws', () => {
    fc.assert(
      fc.property(
        filterArb,
        fc.dictionary(filterKeyArb, fc.jsonValue(), { maxKeys: 5 }),
        (filter, values) => {
          expect(typeof matches(filter, values)).toBe('boolean');
        },
      ),
    );
  });
});

/** Paths and queries over a small alphabet, so patterns and URLs often meet. */
const pathArb = fc
  .array(fc.constantFrom('/', 'a', 'b', '?', '=', '.', '-'), { maxLength: 8 })
  .map((chars) => `/${chars.join('')}`);
const patternArb = fc
  .array(fc.constantFrom('/', 'a', 'b', '?', '=', '.', '-', '*'), { maxLength: 8 })
  .map((chars) => `/${chars.join('')}`);

/** A page pattern as a regular expression (the reference `matchesUrl` must agree with). */
const globMatches = (pattern: string, target: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((piece) => piece.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
  ).test(target);

describe('matchesUrl (property-based)', () => {
  it('given a pattern without `*` › it matches only itself', () => {
    fc.assert(
      fc.property(pathArb, pathArb, (pattern, url) => {
        expect(matchesUrl(pattern, pattern)).toBe(true);
        expect(matchesUrl(pattern, url)).toBe(pattern === url);
      }),
    );
  });

  it('given `*` alone › it matches every path and every URL', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          pathArb,
          fc
            .tuple(
              fc.constantFrom('https://app.example.com', 'http://localhost:3000'),
              pathArb,
              fc.constantFrom('', '#top'),
            )
            .map((parts) => parts.join('')),
          fc.string(),
        ),
        (url) => {
          expect(matchesUrl('*', url)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('given any pattern › it matches as its regular expression does (each `*` any run of characters)', () => {
    fc.assert(
      fc.property(patternArb, pathArb, (pattern, url) => {
        expect(matchesUrl(pattern, url)).toBe(globMatches(pattern, url));
      }),
      { numRuns: 2000 },
    );
  });

  it('given a path pattern › a full URL matches as its path and query do (host and fragment aside)', () => {
    fc.assert(
      fc.property(
        patternArb,
        pathArb,
        fc.constantFrom('https://app.example.com', 'http://localhost:3000'),
        fc.constantFrom('', '#top', '#'),
        (pattern, path, origin, fragment) => {
          expect(matchesUrl(pattern, `${origin}${path}${fragment}`)).toBe(
            matchesUrl(pattern, path),
          );
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Violations the properties found, reduced to their smallest form (fixed; kept as regression tests).

describe('known violations (minimal reproductions)', () => {
  const dashboard = defineSurvey({
    id: 'dashboard-nps',
    touchpointId: 'dashboard',
    title: 'NPS',
    questions: [{ id: 'score', type: 'nps', title: 'Score?' }],
  });
  const support = defineSurvey({
    id: 'support-csat',
    touchpointId: 'support',
    title: 'CSAT',
    questions: [{ id: 'score', type: 'csat', title: 'Score?' }],
  });

  function device(
    backend: BackendPort,
    clock: { now: number },
    extra: Partial<PalauteConfig> = {},
  ) {
    return createPalaute({
      backend,
      customer: { id: 'c-1' },
      surveys: [dashboard, support],
      touchpoints,
      asks: [
        { surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] },
        { surveyId: 'support-csat', triggers: [{ on: 'touchpoint' }] },
      ],
      policy: { budget: { contacts: 1, days: 14 } },
      now: () => clock.now,
      ...extra,
    });
  }

  /** Shows `survey` in a real flow reporting to `client`, and closes it with `close`. */
  function showAndClose(
    client: Palaute,
    backend: BackendPort,
    survey: Survey,
    clock: { now: number },
    close: 'dismiss' | 'optOut',
  ) {
    const flow = createFlow({
      survey,
      backend,
      customer: { id: 'c-1' },
      locale: 'en',
      now: () => new Date(clock.now),
      createId: () => `response-${survey.id}`,
      onWrite: client.recordWrite,
    });
    flow.start();
    connect(flow.getSnapshot(), flow.send)[close]();
    flow.stop();
  }

  it('given an offer left waiting › opting out in another survey’s flow on the same device withdraws it', () => {
    const clock = { now: T0 };
    const backend = createMemoryBackend();
    const client = device(backend, clock);
    expect(client.touchpoint('dashboard').offer?.survey.id).toBe('dashboard-nps');
    // The host shows another survey directly (a dialog of its own); the customer opts out there.
    showAndClose(client, backend, support, clock, 'optOut');
    expect(client.history().optedOutAt).toBeDefined();
    expect(client.explain('dashboard-nps').offerable).toBe(false);
    expect(client.offer()).toBeNull();
  });

  it('given an offer left waiting › an opt-out on another device withdraws it once start() hears of it', async () => {
    const clock = { now: T0 };
    const backend = createMemoryBackend();
    const phone = device(backend, clock);
    const laptop = device(backend, clock);
    expect(phone.touchpoint('dashboard').offer?.survey.id).toBe('dashboard-nps');
    laptop.touchpoint('support');
    showAndClose(laptop, backend, support, clock, 'optOut');
    await phone.start();
    expect(phone.explain('dashboard-nps').checks[0]).toMatchObject({
      rule: 'optOut',
      passed: false,
    });
    expect(phone.offer()).toBeNull();
  });

  it('given an offer left waiting › a contact from the backend that fills the budget withdraws it', async () => {
    const clock = { now: T0 };
    const memory = createMemoryBackend();
    const { backend, state } = backendWithReplies(memory);
    const client = device(backend, clock);
    expect(client.touchpoint('dashboard').offer?.survey.id).toBe('dashboard-nps');
    clock.now += HOUR;
    state.replies.push(clock.now); // the team replies: a contact the budget counts
    await client.start();
    expect(
      client.explain('dashboard-nps').checks.find((check) => check.rule === 'budget'),
    ).toMatchObject({ passed: false });
    expect(client.offer()).toBeNull();
  });

  it('given an offer left waiting › it is withdrawn once its survey closes', () => {
    const clock = { now: T0 };
    const client = device(createMemoryBackend(), clock, {
      asks: [
        {
          surveyId: 'dashboard-nps',
          triggers: [{ on: 'touchpoint' }],
          closesAt: iso(T0 + DAY),
        },
      ],
    });
    expect(client.touchpoint('dashboard').offer?.survey.id).toBe('dashboard-nps');
    clock.now += 2 * DAY;
    expect(client.explain('dashboard-nps').offerable).toBe(false);
    expect(client.offer()).toBeNull();
  });

  it('given two tabs over one cache › a contact made in one tab is not erased from the cache by the other', () => {
    const clock = { now: T0 };
    const cache = memoryStorage();
    // History never loads (offline, or slower than the first decision): the cache is all there is.
    const offline: BackendPort = {
      ...createMemoryBackend(),
      getContactHistory: () => new Promise(() => {}),
    };
    const first = device(offline, clock, { cache });
    const second = device(offline, clock, { cache });
    expect(first.touchpoint('dashboard').offer?.survey.id).toBe('dashboard-nps');
    showAndClose(first, offline, dashboard, clock, 'dismiss');
    // The second tab records a contact of its own (say a survey the host showed there directly).
    showAndClose(second, offline, support, clock, 'dismiss');
    // A third tab decides from the cache before the backend answers.
    const third = device(offline, clock, { cache });
    expect(third.history().contacts).toHaveLength(2);
  });
});
