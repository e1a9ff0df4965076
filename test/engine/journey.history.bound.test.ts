import {
  askSchema,
  boundContacts,
  type Contact,
  type ContactHistory,
  contactPolicySchema,
  createMemoryBackend,
  createPalaute,
  defineSurvey,
  explainAsk,
  HISTORY_CONTACTS,
} from '@palaute/engine';
import fc from 'fast-check';

// A long contact history is cut before a backend answers it (the schema allows 10,000 contacts):
// what is kept must make every rule decide as the whole history would.

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const iso = (time: number) => new Date(time).toISOString();
const SURVEYS = ['dashboard-nps', 'invoice-ces', 'support-csat'] as const;
const surveys = new Map(
  SURVEYS.map((id) => [
    id,
    defineSurvey({
      id,
      touchpointId: 'dashboard',
      title: id,
      questions: [{ id: 'score', type: 'nps', title: 'Score?' }],
    }),
  ]),
);

const OUTCOMES = ['shown', 'answered', 'dismissed', 'postponed', 'optedOut'] as const;
const contactArb: fc.Arbitrary<Contact> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        surveyId: fc.constantFrom(...SURVEYS),
        ago: fc.integer({ min: 0, max: 730 * DAY }),
        outcome: fc.constantFrom(...OUTCOMES),
        after: fc.integer({ min: 0, max: 3 * DAY }),
        sentiment: fc.constantFrom('negative', 'neutral', 'positive', undefined),
        initiative: fc.boolean(),
        n: fc.nat(),
      })
      .map(
        ({ surveyId, ago, outcome, after, sentiment, initiative, n }): Contact => ({
          kind: 'ask',
          surveyId,
          touchpointId: 'dashboard',
          responseId: `flow-${String(n).padStart(10, '0')}`,
          at: iso(T0 - ago),
          outcome,
          ...(outcome === 'shown' ? {} : { outcomeAt: iso(T0 - ago + after) }),
          ...(outcome === 'answered' && sentiment ? { sentiment } : {}),
          ...(initiative ? { initiative: 'customer' as const } : {}),
        }),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        kind: fc.constantFrom('reply', 'impact'),
        ago: fc.integer({ min: 0, max: 730 * DAY }),
      })
      .map(({ kind, ago }): Contact => ({ kind, at: iso(T0 - ago), id: `id-${ago}` })),
  },
);

const policyArb = fc
  .record({
    contacts: fc.integer({ min: 1, max: 5 }),
    days: fc.constantFrom(1, 7, 14, 30),
    unansweredDisplays: fc.integer({ min: 0, max: 20 }),
    quietAfterNegativeDays: fc.constantFrom(0, 7, 30, 365),
    snoozeDays: fc.constantFrom(1, 7, 30),
  })
  .map(({ contacts, days, ...rest }) =>
    contactPolicySchema.parse({ budget: { contacts, days }, ...rest }),
  );

const recontactArb = fc.oneof(
  fc.constant({ mode: 'once' as const }),
  fc.record({ mode: fc.constant('untilAnswered' as const), days: fc.constantFrom(0, 30, 90) }),
  fc.record({ mode: fc.constant('recurring' as const), days: fc.constantFrom(1, 30, 90, 365) }),
);

describe('a long contact history, cut', () => {
  it('given histories over the limit › every ask is explained the same over what is kept as over the whole', () => {
    const limit = 100;
    fc.assert(
      fc.property(
        fc.array(contactArb, { minLength: limit + 1, maxLength: 3 * limit }),
        policyArb,
        fc.array(recontactArb, { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 60 * DAY }),
        (contacts, policy, recontacts, later) => {
          const whole: ContactHistory = {
            customerId: 'c-1',
            contacts,
            awaitingReply: 0,
            responseCounts: {},
          };
          const kept = boundContacts(contacts, limit);
          expect(kept.length).toBe(limit);
          const cut: ContactHistory = { ...whole, contacts: kept };
          for (const [index, surveyId] of SURVEYS.entries()) {
            const ask = askSchema.parse({
              surveyId,
              triggers: [{ on: 'touchpoint' }],
              recontact: recontacts[index],
            });
            const context = { policy, customerId: 'c-1', attributes: {}, surveys, now: T0 + later };
            expect(explainAsk(ask, { ...context, history: cut })).toEqual(
              explainAsk(ask, { ...context, history: whole }),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('given a history within the limit › returns it as it is', () => {
    const contacts: Contact[] = [{ kind: 'reply', at: iso(T0), id: 'r-1' }];
    expect(boundContacts(contacts, 1)).toBe(contacts);
  });

  it('given a customer shown a survey more than 10,000 times › the backend answers the history within the schema, and the client starts and decides', async () => {
    const backend = createMemoryBackend();
    const shown = HISTORY_CONTACTS + 1_500;
    for (let n = 0; n < shown; n += 1)
      await backend.recordDisplay({
        responseId: `flow-${String(n).padStart(8, '0')}`,
        surveyId: 'dashboard-nps',
        surveyVersion: 1,
        touchpointId: 'dashboard',
        customerId: 'c-1',
        at: iso(T0 - 3 * 365 * DAY + n * 60_000),
      });
    const history = await backend.getContactHistory?.({ customerId: 'c-1', responseCaps: {} });
    expect(history?.contacts).toHaveLength(HISTORY_CONTACTS);
    // The newest are kept.
    expect(
      history?.contacts.some((c) => c.at === iso(T0 - 3 * 365 * DAY + (shown - 1) * 60_000)),
    ).toBe(true);
    const palaute = createPalaute({
      backend,
      customer: { id: 'c-1' },
      surveys: [...surveys.values()],
      touchpoints: [{ id: 'dashboard', stage: 'use', channel: 'inProduct', metric: 'nps' }],
      asks: [{ surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] }],
      now: () => T0,
    });
    await palaute.start();
    expect(palaute.history().contacts.length).toBe(HISTORY_CONTACTS);
    expect(palaute.touchpoint('dashboard').offer?.survey.id).toBe('dashboard-nps');
  });
});
