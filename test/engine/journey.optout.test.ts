import {
  type AskInput,
  connect,
  createFlow,
  createMemoryBackend,
  createPalaute,
  defineSurvey,
  type MemoryBackend,
  selectOptOuts,
} from '@palaute/engine';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const DAY = 86_400_000;

const nps = defineSurvey({
  id: 'dashboard-nps',
  touchpointId: 'dashboard',
  title: 'How likely are you to recommend us?',
  questions: [{ id: 'score', type: 'nps', title: 'Score?' }],
});
const csat = defineSurvey({
  id: 'support-csat',
  touchpointId: 'support',
  title: 'How was your support chat?',
  questions: [{ id: 'score', type: 'csat', title: 'Score?' }],
});

const ASKS: AskInput[] = [
  { surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] },
  { surveyId: 'support-csat', triggers: [{ on: 'touchpoint' }] },
];

/** A page over the shared backend, as after a reload; a budget wide enough to ask both surveys. */
async function page(backend: MemoryBackend, at = T0, asks = ASKS) {
  const palaute = createPalaute({
    backend,
    customer: { id: 'c-1' },
    surveys: [nps, csat],
    touchpoints: [
      { id: 'dashboard', stage: 'use', channel: 'inProduct' },
      { id: 'support', stage: 'support', channel: 'inProduct' },
    ],
    asks,
    policy: { budget: { contacts: 10, days: 1 }, snoozeDays: 0 },
    now: () => at,
  });
  await palaute.start();
  return palaute;
}

/** Shows the offered survey and runs `act` on its flow (answers, opt-out…). */
async function answer(
  palaute: Awaited<ReturnType<typeof page>>,
  backend: MemoryBackend,
  act: (api: () => ReturnType<typeof connect>) => void,
  at = T0,
) {
  const offer = palaute.offer();
  if (!offer) throw new Error('nothing offered');
  const flow = createFlow({
    survey: offer.survey,
    backend,
    customer: palaute.customer,
    locale: 'en',
    now: () => new Date(at),
    onWrite: palaute.recordWrite,
  });
  flow.start();
  act(() => connect(flow.getSnapshot(), flow.send));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

const optOutRule = (palaute: Awaited<ReturnType<typeof page>>, surveyId: string) =>
  palaute.explain(surveyId).checks.find((check) => check.rule === 'optOut');

describe('"Don\'t ask me again", with a scope', () => {
  it('given "this survey" › that survey is not offered again, on this page or after a reload; the others are, and explain() names the scope', async () => {
    const backend = createMemoryBackend();
    const first = await page(backend);
    first.touchpoint('dashboard');
    await answer(first, backend, (api) => api().optOut('survey'));
    expect(backend.dismissals()[0]).toMatchObject({ reason: 'optOut', optOutScope: 'survey' });
    expect(first.touchpoint('dashboard').status).toBe('none');
    expect(optOutRule(first, 'dashboard-nps')).toMatchObject({
      passed: false,
      reason: expect.stringContaining('about this survey'),
    });

    const second = await page(backend, T0 + 60_000);
    expect(second.touchpoint('dashboard').status).toBe('none');
    expect(second.touchpoint('support').status).toBe('offered');
    expect(optOutRule(second, 'support-csat')?.passed).toBe(true);
    expect(selectOptOuts(second.history(), second.surveys)).toEqual([
      { scope: 'survey', surveyId: 'dashboard-nps', survey: nps, at: new Date(T0).toISOString() },
    ]);
  });

  it('given "all surveys" › none is offered, and explain() says it covers any survey', async () => {
    const backend = createMemoryBackend();
    const first = await page(backend);
    first.touchpoint('dashboard');
    await answer(first, backend, (api) => api().optOut('all'));
    const second = await page(backend, T0 + 60_000);
    expect(second.touchpoint('support').status).toBe('none');
    expect(optOutRule(second, 'support-csat')?.reason).toContain('about any survey');
  });

  it('given the undo right after, or turning it back on later › offered again, on this page at once and after a reload', async () => {
    const backend = createMemoryBackend();
    const first = await page(backend);
    first.touchpoint('dashboard');
    await answer(first, backend, (api) => api().optOut('all'));
    const heard: number[] = [];
    first.subscribeHistory(() => heard.push(1));
    // The undo, right after: recorded here at once, delivered to the backend like any write.
    const undo = first.contactChoice({ scope: 'all', optedOut: false });
    expect(heard).toHaveLength(1);
    expect(undo).toMatchObject({ customerId: 'c-1', scope: 'all', optedOut: false });
    expect(first.touchpoint('support').status).toBe('offered');
    await backend.setContactChoice?.(undo);

    const second = await page(backend, T0 + 60_000);
    expect(selectOptOuts(second.history())).toEqual([]);
    expect(second.touchpoint('support').status).toBe('offered');

    // Later, from "Your feedback": one survey opted out, then turned back on.
    await answer(second, backend, (api) => api().optOut('survey'), T0 + 60_000);
    const third = await page(backend, T0 + 120_000);
    expect(selectOptOuts(third.history()).map((optOut) => optOut.surveyId)).toEqual([
      'support-csat',
    ]);
    await backend.setContactChoice?.(
      third.contactChoice({ scope: 'survey', surveyId: 'support-csat', optedOut: false }),
    );
    expect(optOutRule(third, 'support-csat')?.passed).toBe(true);
    const fourth = await page(backend, T0 + 180_000);
    expect(fourth.history().optedOutOf).toBeUndefined();
    expect(optOutRule(fourth, 'support-csat')?.passed).toBe(true);
  });
});

describe('the quiet period after a negative answer, per ask', () => {
  const exempt: AskInput[] = [
    ASKS[0] as AskInput,
    { ...(ASKS[1] as AskInput), quietAfterNegativeDays: 0 },
  ];

  it('given a negative answer › the policy keeps other asks quiet, an exempt ask (a transactional CSAT) is asked, and explain() says why each', async () => {
    const backend = createMemoryBackend();
    const first = await page(backend, T0, exempt);
    first.touchpoint('dashboard');
    await answer(first, backend, (api) => {
      api().answer('score', 2);
      api().next();
    });
    await vi.waitFor(() => expect(backend.responses()).toHaveLength(1));
    expect(backend.responses()[0]?.sentiment).toBe('negative');

    const later = await page(backend, T0 + 2 * DAY, exempt);
    const quiet = (surveyId: string) =>
      later.explain(surveyId).checks.find((check) => check.rule === 'quietAfterNegative');
    expect(quiet('dashboard-nps')).toMatchObject({
      passed: false,
      reason: expect.stringContaining('quiet for 30 days'),
      until: new Date(T0 + 30 * DAY).toISOString(),
    });
    expect(quiet('support-csat')).toMatchObject({
      passed: true,
      reason: expect.stringContaining('this ask has no quiet period'),
    });
    expect(later.touchpoint('support').status).toBe('offered');

    // Without the exemption, the same CSAT waits with the rest.
    const strict = await page(backend, T0 + 2 * DAY);
    expect(strict.touchpoint('support').status).toBe('none');
  });

  it("given an ask's own period › it counts instead of the policy's, and explain() says so", async () => {
    const backend = createMemoryBackend();
    const short: AskInput[] = [
      ASKS[0] as AskInput,
      { ...(ASKS[1] as AskInput), quietAfterNegativeDays: 3 },
    ];
    const first = await page(backend, T0, short);
    first.touchpoint('dashboard');
    await answer(first, backend, (api) => {
      api().answer('score', 1);
      api().next();
    });
    await vi.waitFor(() => expect(backend.responses()).toHaveLength(1));
    const soon = await page(backend, T0 + 2 * DAY, short);
    expect(
      soon.explain('support-csat').checks.find((check) => check.rule === 'quietAfterNegative')
        ?.reason,
    ).toContain("quiet for 3 days (this ask's own quiet period)");
    expect((await page(backend, T0 + 4 * DAY, short)).touchpoint('support').status).toBe('offered');
  });
});
