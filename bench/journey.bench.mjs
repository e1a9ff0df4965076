// Decision time of the journey client per occasion: 1,000 surveys (asks with event, page-view and
// touchpoint triggers, audiences, sample rates, schedules, caps), 10,000 occasions, one customer with a
// realistic contact history. Not a test: run it, read it.
//   npm run bench:journey
//   BENCH_HISTORY=1000 BENCH_EVENTS=20000 BENCH_SECONDS=60 npm run bench:journey
// Every value is drawn from a seeded generator, so two runs decide exactly the same things.
import { performance } from 'node:perf_hooks';
import { createMemoryBackend, createPalaute, defineSurvey } from '../packages/engine/dist/index.js';

const SURVEYS = Number(process.env.BENCH_SURVEYS ?? 1000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
/**
 * Contacts in the customer's history: two years at the pace the policy below allows (2 asks in 14
 * days is at most 52 a year), plus the team's replies and impact notices.
 */
const HISTORY = Number(process.env.BENCH_HISTORY ?? 100);
/** Occasions played first on a throwaway client, so the measured ones run on warmed-up code. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
/** Stops measuring after this many seconds, whatever is left. */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const SEED = Number(process.env.BENCH_SEED ?? 42);

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const iso = (time) => new Date(time).toISOString();

/** mulberry32: a small seeded generator. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = seeded(SEED);
const int = (min, max) => min + Math.floor(random() * (max - min + 1));
const pick = (items) => items[Math.floor(random() * items.length)];
/** Skewed towards the first items (a few hot events and pages, a long tail), as products are. */
const pickSkewed = (items) => items[Math.floor(random() ** 2.5 * items.length)];

// ---------------------------------------------------------------------------------------------------
// The configuration: 100 touchpoints, 300 event names, 60 sections of pages, 1,000 surveys and asks.

const TOUCHPOINTS = Array.from({ length: 100 }, (_, index) => `tp-${index}`);
const EVENT_NAMES = Array.from({ length: 300 }, (_, index) => `feature-${index}.used`);
const SECTIONS = Array.from({ length: 60 }, (_, index) => `s${index}`);
const PLANS = ['free', 'starter', 'pro', 'enterprise'];
const COUNTRIES = ['FI', 'SE', 'NO', 'DK', 'DE', 'FR', 'US', 'GB'];

const touchpoints = TOUCHPOINTS.map((id, index) => ({
  id,
  stage: ['onboard', 'use', 'support', 'renew'][index % 4],
  channel: 'inProduct',
}));

function trigger() {
  const roll = random();
  if (roll < 0.5) {
    const event = pickSkewed(EVENT_NAMES);
    if (random() < 0.4)
      return {
        on: 'event',
        event,
        where: pick([
          { key: 'amount', op: 'gte', value: int(0, 500) },
          { key: 'first', op: 'eq', value: true },
          { key: 'source', op: 'in', values: ['web', 'mobile'] },
          {
            all: [
              { key: 'amount', op: 'gt', value: 10 },
              { key: 'currency', op: 'eq', value: 'EUR' },
            ],
          },
        ]),
      };
    return { on: 'event', event };
  }
  if (roll < 0.8) {
    const section = pickSkewed(SECTIONS);
    return {
      on: 'pageView',
      url: pick([
        `/${section}`,
        `/${section}/*`,
        `/${section}/items/*?tab=*`,
        `/*/${section}/settings*`,
        `https://app.example.com/${section}/*`,
      ]),
    };
  }
  return random() < 0.5
    ? { on: 'touchpoint' }
    : { on: 'touchpoint', touchpointId: pick(TOUCHPOINTS) };
}

function audience() {
  if (random() < 0.4) return undefined;
  return pick([
    { key: 'plan', op: 'eq', value: pick(PLANS) },
    { key: 'plan', op: 'in', values: ['pro', 'enterprise'] },
    { key: 'seats', op: 'gte', value: int(1, 50) },
    { key: 'country', op: 'in', values: [pick(COUNTRIES), pick(COUNTRIES)] },
    { key: 'signedUpAt', op: 'olderThanDays', days: int(7, 365) },
    {
      all: [
        { key: 'plan', op: 'neq', value: 'free' },
        {
          any: [
            { key: 'seats', op: 'gte', value: 5 },
            { key: 'country', op: 'eq', value: 'FI' },
          ],
        },
      ],
    },
    { not: { key: 'trial', op: 'eq', value: true } },
  ]);
}

const surveys = [];
const asks = [];
for (let index = 0; index < SURVEYS; index++) {
  const id = `survey-${index}`;
  surveys.push(
    defineSurvey({
      id,
      touchpointId: pick(TOUCHPOINTS),
      title: `Survey ${index}`,
      questions: [{ id: 'score', type: pick(['nps', 'csat', 'ces']), title: 'Score?' }],
    }),
  );
  const filter = audience();
  const roll = random();
  asks.push({
    surveyId: id,
    triggers: Array.from({ length: random() < 0.8 ? 1 : int(2, 4) }, trigger),
    ...(filter ? { audience: filter } : {}),
    sampleRate: pick([1, 1, 1, 0.5, 0.25, 0.1, 0.05]),
    ...(roll < 0.05
      ? { opensAt: iso(T0 - int(0, 60) * DAY), closesAt: iso(T0 + int(1, 90) * DAY) }
      : {}),
    ...(roll > 0.95 ? { responseCap: int(100, 5000) } : {}),
    recontact: pick([
      { mode: 'once' },
      { mode: 'untilAnswered', days: pick([7, 30, 90]) },
      { mode: 'recurring', days: pick([30, 90, 180]) },
    ]),
    priority: int(0, 10),
  });
}

// ---------------------------------------------------------------------------------------------------
// The customer and their history: HISTORY contacts over two years, mostly asks.

const customer = {
  id: 'customer-4242',
  attributes: {
    plan: 'pro',
    seats: 12,
    country: 'FI',
    trial: false,
    signedUpAt: iso(T0 - 800 * DAY),
  },
};

const contacts = [];
for (let index = 0; index < HISTORY; index++) {
  const at = T0 - 3 * DAY - Math.floor(random() * 727 * DAY);
  const roll = random();
  if (roll < 0.1) contacts.push({ kind: 'reply', at: iso(at) });
  else if (roll < 0.15) contacts.push({ kind: 'impact', at: iso(at) });
  else {
    const outcome = pick(['answered', 'answered', 'dismissed', 'postponed', 'shown']);
    contacts.push({
      kind: 'ask',
      surveyId: `survey-${int(0, SURVEYS - 1)}`,
      touchpointId: pick(TOUCHPOINTS),
      responseId: `response-history-${index}`,
      at: iso(at),
      outcome,
      ...(outcome === 'shown' ? {} : { outcomeAt: iso(at + 60_000) }),
      ...(outcome === 'answered' ? { sentiment: pick(['negative', 'neutral', 'positive']) } : {}),
    });
  }
}
const history = {
  customerId: customer.id,
  contacts,
  awaitingReply: 0,
  responseCounts: Object.fromEntries(surveys.map((survey) => [survey.id, int(0, 3000)])),
};

// ---------------------------------------------------------------------------------------------------
// The occasions: events with properties, page views and touchpoints, minutes apart.

function occasion() {
  const roll = random();
  if (roll < 0.6)
    return {
      type: 'event',
      event: random() < 0.9 ? pickSkewed(EVENT_NAMES) : `unknown-${int(0, 999)}.happened`,
      properties: {
        amount: int(0, 1000),
        first: random() < 0.1,
        source: pick(['web', 'mobile', 'api']),
        currency: pick(['EUR', 'USD']),
      },
    };
  if (roll < 0.9) {
    const section = pickSkewed(SECTIONS);
    return {
      type: 'pageView',
      url: pick([
        `/${section}`,
        `/${section}/items/${int(1, 9999)}?tab=${pick(['send', 'history'])}`,
        `https://app.example.com/${section}/reports/${int(1, 99)}#top`,
        `/org-${int(1, 9)}/${section}/settings/users`,
      ]),
    };
  }
  return { type: 'touchpoint', touchpointId: pickSkewed(TOUCHPOINTS) };
}
const occasions = Array.from({ length: EVENTS }, () => ({
  occasion: occasion(),
  gap: int(0, 10) * 60_000,
}));

// ---------------------------------------------------------------------------------------------------
// Measure: each call timed alone; an offer is shown and closed (a contact), as a host would.

let clock = T0;
const backend = { ...createMemoryBackend(), getContactHistory: async () => history };
const client = async () => {
  const palaute = createPalaute({
    backend,
    customer,
    surveys,
    touchpoints,
    asks,
    policy: { budget: { contacts: 2, days: 14 }, snoozeDays: 7, quietAfterNegativeDays: 30 },
    now: () => clock,
  });
  await palaute.start();
  return palaute;
};

const warm = await client();
for (let index = 0; index < WARMUP; index++) {
  const item = occasion();
  if (item.type === 'event') warm.track(item.event, item.properties);
  else if (item.type === 'pageView') warm.page(item.url);
  else warm.touchpoint(item.touchpointId);
  warm.dismissOffer();
}
warm.stop();

const palaute = await client();
const call = {
  event: (item) => palaute.track(item.event, item.properties),
  pageView: (item) => palaute.page(item.url),
  touchpoint: (item) => palaute.touchpoint(item.touchpointId),
};
const costs = { event: [], pageView: [], touchpoint: [] };
const all = [];
/** Cost by how many asks the occasion triggered: the decision explains each of them. */
const BUCKETS = [
  ['0 asks triggered', 0, 0],
  ['1–5 asks triggered', 1, 5],
  ['6–20 asks triggered', 6, 20],
  ['21+ asks triggered', 21, Number.POSITIVE_INFINITY],
];
const byTriggered = BUCKETS.map(() => []);
const triggeredCounts = [];
let offered = 0;
let triggered = 0;
let contactsMade = 0;
const deadline = performance.now() + SECONDS * 1000;
const started = performance.now();
let index = 0;
for (; index < occasions.length && performance.now() < deadline; index++) {
  const { occasion: item, gap } = occasions[index];
  clock += gap;
  const before = performance.now();
  const decision = call[item.type](item);
  const cost = performance.now() - before;
  costs[item.type].push(cost);
  all.push(cost);
  triggered += decision.explanations.length;
  triggeredCounts.push(decision.explanations.length);
  byTriggered[
    BUCKETS.findIndex(
      ([, min, max]) => decision.explanations.length >= min && decision.explanations.length <= max,
    )
  ].push(cost);
  if (decision.status === 'offered') {
    offered++;
    // The customer sees it and closes it: a display and a dismissal, through recordWrite.
    const survey = decision.offer.survey;
    const interaction = {
      responseId: `response-bench-${index}`,
      surveyId: survey.id,
      surveyVersion: survey.version,
      touchpointId: survey.touchpointId,
      customerId: customer.id,
      at: iso(clock),
    };
    palaute.recordWrite({ kind: 'display', payload: interaction });
    palaute.recordWrite({
      kind: 'dismissal',
      payload: { ...interaction, reason: 'dismiss', step: 'asking', submitted: false },
    });
    contactsMade++;
  }
}
const seconds = (performance.now() - started) / 1000;
palaute.stop();

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (value) => (value === undefined ? '-' : `${value.toFixed(3)} ms`);
const row = (label, values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    call: label,
    calls: sorted.length,
    p50: ms(quantile(sorted, 0.5)),
    p99: ms(quantile(sorted, 0.99)),
    max: ms(sorted.at(-1)),
  };
};

console.log(
  `node ${process.version}, ${SURVEYS} surveys, ${history.contacts.length} contacts in the history, ` +
    `${WARMUP} warm-up occasions, ` +
    `${index} of ${EVENTS} occasions in ${seconds.toFixed(2)} s (limit ${SECONDS} s), seed ${SEED}`,
);
console.table([
  row('track()', costs.event),
  row('page()', costs.pageView),
  row('touchpoint()', costs.touchpoint),
  row('all', all),
  ...BUCKETS.map(([label], bucket) => row(label, byTriggered[bucket])),
]);
const triggeredSorted = [...triggeredCounts].sort((a, b) => a - b);
console.log(
  `throughput ${Math.round(index / seconds).toLocaleString('en')} occasions/s; ` +
    `asks triggered per occasion: mean ${(triggered / index).toFixed(1)}, ` +
    `p99 ${quantile(triggeredSorted, 0.99)}, max ${triggeredSorted.at(-1)}; ` +
    `${offered} offers shown (${contactsMade} contacts added; ${palaute.history().contacts.length} in the history at the end)`,
);
