import {
  type AskInput,
  type BackendPort,
  type ContactHistory,
  connect,
  createFlow,
  createMemoryBackend,
  createPalaute,
  defineSurvey,
  type PalauteConfig,
  type Survey,
  ValidationError,
} from '@palaute/engine';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-23T10:00:00.000Z');

const survey = (id: string, touchpointId: string, type: 'nps' | 'ces' | 'csat' = 'nps'): Survey =>
  defineSurvey({
    id,
    touchpointId,
    title: id,
    questions: [{ id: 'score', type, title: 'Score?' }],
  });

const cesInvoice = survey('first-invoice-ces', 'first-invoice', 'ces');
const npsDashboard = survey('dashboard-nps', 'dashboard');
const csatSupport = survey('support-csat', 'support-chat', 'csat');

const touchpoints: PalauteConfig['touchpoints'] = [
  { id: 'first-invoice', stage: 'onboard', channel: 'inProduct', metric: 'ces' },
  { id: 'dashboard', stage: 'use', channel: 'inProduct', metric: 'nps' },
  { id: 'support-chat', stage: 'support', channel: 'inProduct', metric: 'csat' },
];

const asks: AskInput[] = [
  {
    surveyId: 'first-invoice-ces',
    triggers: [
      { on: 'event', event: 'invoice.sent', where: { key: 'first', op: 'eq', value: true } },
    ],
    recontact: { mode: 'once' },
    priority: 10,
  },
  {
    surveyId: 'dashboard-nps',
    triggers: [{ on: 'touchpoint' }, { on: 'pageView', url: '/dashboard*' }],
    recontact: { mode: 'recurring', days: 90 },
  },
  { surveyId: 'support-csat', triggers: [{ on: 'event', event: 'chat.closed' }], priority: 5 },
];

/** A client on a movable clock, over a memory backend (or a given one). */
function client(overrides: Partial<PalauteConfig> = {}) {
  let time = T0;
  const backend = overrides.backend ?? createMemoryBackend();
  const palaute = createPalaute({
    backend,
    customer: { id: 'c-1', attributes: { plan: 'pro' } },
    surveys: [cesInvoice, npsDashboard, csatSupport],
    touchpoints,
    asks,
    now: () => time,
    ...overrides,
  });
  return {
    palaute,
    backend,
    advance: (ms: number) => {
      time += ms;
    },
    now: () => time,
  };
}

/** Shows an offered survey and answers it, as a host presenting it would (a real flow). */
async function answerOffer(
  run: ReturnType<typeof client>,
  score: number,
  close: 'answer' | 'notNow' | 'dismiss' | 'optOut' = 'answer',
) {
  const offer = run.palaute.offer();
  if (!offer) throw new Error('nothing offered');
  const flow = createFlow({
    survey: offer.survey,
    backend: run.backend,
    customer: { id: 'c-1' },
    locale: 'en',
    now: () => new Date(run.now()),
    onWrite: run.palaute.recordWrite,
  });
  flow.start();
  const api = () => connect(flow.getSnapshot(), flow.send);
  if (close !== 'answer') {
    api()[close]();
    return;
  }
  api().answer('score', score);
  api().next();
  await vi.waitFor(() => expect(api().step).not.toBe('submitting'));
}

describe('createPalaute', () => {
  describe('configuration', () => {
    it('given references that do not hold › throws one error naming every bad path', () => {
      const error = (() => {
        try {
          createPalaute({
            backend: createMemoryBackend(),
            customer: { id: 'c-1' },
            surveys: [cesInvoice, survey('orphan', 'nowhere')],
            touchpoints: [...touchpoints, { id: 'dashboard', stage: 'use', channel: 'web' }],
            asks: [
              {
                surveyId: 'first-invoice-ces',
                triggers: [{ on: 'touchpoint', touchpointId: 'checkout' }],
              },
              { surveyId: 'unknown-survey', triggers: [{ on: 'event', event: 'x' }] },
            ],
          });
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems).toEqual([
        { path: 'touchpoints[3].id', message: '"dashboard" is declared twice' },
        { path: 'surveys[1].touchpointId', message: '"nowhere" is not a declared touchpoint' },
        {
          path: 'asks[0].triggers[0].touchpointId',
          message: '"checkout" is not a declared touchpoint',
        },
        { path: 'asks[1].surveyId', message: '"unknown-survey" is not one of the surveys given' },
      ]);
    });

    it('given a malformed ask › names the path inside it (no code, only data)', () => {
      expect(() =>
        createPalaute({
          backend: createMemoryBackend(),
          customer: { id: 'c-1' },
          surveys: [cesInvoice],
          touchpoints,
          asks: [
            {
              surveyId: 'first-invoice-ces',
              triggers: [{ on: 'event', event: 'invoice.sent' }],
              audience: { key: 'plan', op: 'matches', value: '.*' } as never,
              sampleRate: 2,
            },
          ],
        }),
      ).toThrow(/asks\[0\]\.audience[\s\S]*asks\[0\]\.sampleRate/);
    });
  });

  describe('triggers', () => {
    it('given a matching event › offers its survey at its touchpoint and tells subscribers', () => {
      const { palaute } = client();
      const heard = vi.fn();
      palaute.subscribe(heard);
      expect(palaute.track('invoice.sent', { first: false }).status).toBe('none');
      const decision = palaute.track('invoice.sent', { first: true });
      expect(decision.status).toBe('offered');
      expect(decision.offer).toMatchObject({
        survey: { id: 'first-invoice-ces' },
        touchpoint: { id: 'first-invoice', stage: 'onboard', metric: 'ces' },
        occasion: { type: 'event', event: 'invoice.sent' },
      });
      expect(heard).toHaveBeenCalledWith(decision.offer);
    });

    it('given a page view or the touchpoint entered › offers the dashboard NPS', () => {
      expect(
        client().palaute.page('https://app.example.com/dashboard?tab=1').offer?.survey.id,
      ).toBe('dashboard-nps');
      expect(client().palaute.touchpoint('dashboard').offer?.survey.id).toBe('dashboard-nps');
      expect(client().palaute.page('/settings').offer).toBeNull();
      expect(() => client().palaute.touchpoint('nowhere')).toThrow(ValidationError);
    });

    it('given an open offer › a new trigger does not replace it (exactly one at a time)', () => {
      const { palaute } = client();
      const first = palaute.track('chat.closed').offer;
      const second = palaute.track('invoice.sent', { first: true });
      expect(second.status).toBe('current');
      expect(palaute.offer()).toBe(first);
      palaute.dismissOffer();
      expect(palaute.offer()).toBeNull();
    });

    it('given a delay › offers after it, unless something closed the way meanwhile', () => {
      vi.useFakeTimers();
      try {
        const run = client({
          asks: [
            {
              surveyId: 'support-csat',
              triggers: [{ on: 'event', event: 'chat.closed' }],
              delayMs: 5000,
            },
          ],
        });
        expect(run.palaute.track('chat.closed').status).toBe('scheduled');
        expect(run.palaute.offer()).toBeNull();
        vi.advanceTimersByTime(5000);
        expect(run.palaute.offer()?.survey.id).toBe('support-csat');
      } finally {
        vi.useRealTimers();
      }
    });
  });

  describe('the contact policy', () => {
    it('given two eligible surveys on one occasion › the higher priority one is offered, the other explained', () => {
      const run = client({
        asks: [
          { surveyId: 'support-csat', triggers: [{ on: 'event', event: 'done' }], priority: 1 },
          {
            surveyId: 'first-invoice-ces',
            triggers: [{ on: 'event', event: 'done' }],
            priority: 9,
          },
          { surveyId: 'dashboard-nps', triggers: [{ on: 'event', event: 'done' }], priority: 9 },
        ],
      });
      const decision = run.palaute.track('done');
      expect(decision.offer?.survey.id).toBe('first-invoice-ces');
      expect(decision.explanations.map((explanation) => explanation.offerable)).toEqual([
        true,
        true,
        true,
      ]);
    });

    it('given one contact in the budget window › no other survey anywhere until the window passes, and explain says until when', async () => {
      const run = client();
      run.palaute.track('chat.closed');
      await answerOffer(run, 5);
      run.advance(DAY);
      expect(run.palaute.touchpoint('dashboard').offer).toBeNull();
      const explanation = run.palaute.explain('dashboard-nps');
      expect(explanation.offerable).toBe(false);
      expect(explanation.checks.find((check) => check.rule === 'budget')).toEqual({
        rule: 'budget',
        passed: false,
        reason: '1 contact in the last 14 days (limit 1).',
        until: new Date(T0 + 14 * DAY).toISOString(),
      });
      expect(explanation.until).toBe(new Date(T0 + 14 * DAY).toISOString());
      run.advance(13 * DAY);
      expect(run.palaute.touchpoint('dashboard').offer?.survey.id).toBe('dashboard-nps');
    });

    it('given "not now" › that survey is snoozed for snoozeDays, beyond the budget', async () => {
      const run = client({
        policy: { budget: { contacts: 5, days: 1 }, snoozeDays: 7 },
        asks: [
          {
            surveyId: 'dashboard-nps',
            triggers: [{ on: 'touchpoint' }],
            recontact: { mode: 'untilAnswered', days: 0 },
          },
        ],
      });
      run.palaute.touchpoint('dashboard');
      await answerOffer(run, 0, 'notNow');
      expect(run.palaute.offer()).toBeNull();
      run.advance(3 * DAY);
      expect(run.palaute.touchpoint('dashboard').offer).toBeNull();
      expect(run.palaute.explain('dashboard-nps').checks.find((check) => !check.passed)?.rule).toBe(
        'snooze',
      );
      run.advance(4 * DAY);
      expect(run.palaute.touchpoint('dashboard').offer?.survey.id).toBe('dashboard-nps');
    });

    it('given "don\'t ask me again" › nothing is ever offered again, on any touchpoint', async () => {
      const run = client({ policy: { budget: { contacts: 100, days: 1 } } });
      run.palaute.track('chat.closed');
      await answerOffer(run, 0, 'optOut');
      for (const day of [1, 30, 400]) {
        run.advance(day * DAY);
        expect(run.palaute.track('invoice.sent', { first: true }).offer).toBeNull();
        expect(run.palaute.touchpoint('dashboard').offer).toBeNull();
      }
      expect(run.palaute.explain('dashboard-nps').checks[0]).toMatchObject({
        rule: 'optOut',
        passed: false,
      });
    });

    it('given a negative answer › a quiet period for every survey; a positive one leaves none', async () => {
      const negative = client({
        policy: { budget: { contacts: 100, days: 1 }, quietAfterNegativeDays: 30 },
      });
      negative.palaute.track('chat.closed');
      await answerOffer(negative, 1);
      negative.advance(2 * DAY);
      expect(negative.palaute.touchpoint('dashboard').offer).toBeNull();
      const quiet = negative.palaute.explain('dashboard-nps').checks.find((check) => !check.passed);
      expect(quiet).toMatchObject({
        rule: 'quietAfterNegative',
        until: new Date(T0 + 30 * DAY).toISOString(),
      });

      const positive = client({
        policy: { budget: { contacts: 100, days: 1 }, quietAfterNegativeDays: 30 },
      });
      positive.palaute.track('chat.closed');
      await answerOffer(positive, 5);
      positive.advance(2 * DAY);
      expect(positive.palaute.touchpoint('dashboard').offer?.survey.id).toBe('dashboard-nps');
    });

    it('given feedback awaiting a reply › no new asks while it waits', async () => {
      const memory = createMemoryBackend();
      const backend: BackendPort = {
        ...memory,
        getContactHistory: async ({ customerId }): Promise<ContactHistory> => ({
          customerId,
          contacts: [],
          awaitingReply: 2,
          responseCounts: {},
        }),
      };
      const run = client({ backend });
      await run.palaute.start();
      expect(run.palaute.touchpoint('dashboard').offer).toBeNull();
      expect(run.palaute.explain('dashboard-nps').checks.find((check) => !check.passed)).toEqual({
        rule: 'awaitingReply',
        passed: false,
        reason: '2 feedback items of this customer await a reply from the team.',
      });
    });

    it('given a team reply the customer has not read › it comes first: no new ask until it is read', async () => {
      const memory = createMemoryBackend();
      let unreadReplies = 1;
      const backend: BackendPort = {
        ...memory,
        getContactHistory: async ({ customerId }): Promise<ContactHistory> => ({
          customerId,
          contacts: [],
          awaitingReply: 0,
          unreadReplies,
          responseCounts: {},
        }),
      };
      const run = client({ backend });
      await run.palaute.start();
      expect(run.palaute.touchpoint('dashboard').offer).toBeNull();
      expect(run.palaute.explain('dashboard-nps').checks.find((check) => !check.passed)).toEqual({
        rule: 'unreadReplies',
        passed: false,
        reason: '1 team reply not read yet: replies come before new asks.',
      });
      unreadReplies = 0;
      await run.palaute.start();
      expect(run.palaute.touchpoint('dashboard').offer?.survey.id).toBe('dashboard-nps');
    });

    it('given recontact rules › once is once; untilAnswered returns after its days until answered; recurring returns after its days', async () => {
      const policy = {
        budget: { contacts: 100, days: 1 },
        snoozeDays: 0,
        quietAfterNegativeDays: 0,
      };
      const once = client({ policy });
      once.palaute.track('invoice.sent', { first: true });
      await answerOffer(once, 0, 'dismiss');
      once.advance(365 * DAY);
      expect(once.palaute.track('invoice.sent', { first: true }).offer).toBeNull();

      const untilAnswered = client({ policy }); // support-csat: untilAnswered, 30 days by default
      untilAnswered.palaute.track('chat.closed');
      await answerOffer(untilAnswered, 0, 'dismiss');
      untilAnswered.advance(29 * DAY);
      expect(untilAnswered.palaute.track('chat.closed').offer).toBeNull();
      untilAnswered.advance(DAY);
      expect(untilAnswered.palaute.track('chat.closed').offer?.survey.id).toBe('support-csat');
      await answerOffer(untilAnswered, 4);
      untilAnswered.advance(365 * DAY);
      expect(untilAnswered.palaute.track('chat.closed').offer).toBeNull();

      const recurring = client({ policy }); // dashboard-nps: every 90 days
      recurring.palaute.touchpoint('dashboard');
      await answerOffer(recurring, 9);
      recurring.advance(89 * DAY);
      expect(recurring.palaute.touchpoint('dashboard').offer).toBeNull();
      recurring.advance(DAY);
      expect(recurring.palaute.touchpoint('dashboard').offer?.survey.id).toBe('dashboard-nps');
    });

    it('given audience, sample, schedule and a response cap › each is checked and explained', async () => {
      const queries: unknown[] = [];
      const backend: BackendPort = {
        ...createMemoryBackend(),
        getContactHistory: async (query) => {
          queries.push(query);
          return {
            customerId: query.customerId,
            contacts: [],
            awaitingReply: 0,
            responseCounts: { 'dashboard-nps': 1 },
          };
        },
      };
      const run = client({
        backend,
        customer: { id: 'c-1', attributes: { plan: 'free' } },
        asks: [
          {
            surveyId: 'dashboard-nps',
            triggers: [{ on: 'touchpoint' }],
            audience: { key: 'plan', op: 'eq', value: 'pro' },
            sampleRate: 0,
            opensAt: new Date(T0 + DAY).toISOString(),
            responseCap: 1,
          },
        ],
      });
      await run.palaute.start();
      const checks = run.palaute.explain('dashboard-nps').checks;
      expect(checks.filter((check) => !check.passed).map((check) => check.rule)).toEqual([
        'schedule',
        'responseCap',
        'audience',
        'sample',
      ]);
      expect(checks.find((check) => check.rule === 'responseCap')?.reason).toBe(
        '1 response received; the cap is 1.',
      );
      expect(run.palaute.touchpoint('dashboard').offer).toBeNull();
      // Only the capped survey is counted, and only up to its cap.
      expect(queries).toEqual([{ customerId: 'c-1', responseCaps: { 'dashboard-nps': 1 } }]);
    });

    it('given the same customer on two devices › the same sampling decision, and contacts on one count on the other', async () => {
      const backend = createMemoryBackend();
      const sampled = asks.map((ask) => ({ ...ask, sampleRate: 0.5 }));
      const phone = client({ backend, asks: sampled });
      const laptop = client({ backend, asks: sampled });
      expect(
        phone.palaute.explain('dashboard-nps').checks.find((check) => check.rule === 'sample'),
      ).toEqual(
        laptop.palaute.explain('dashboard-nps').checks.find((check) => check.rule === 'sample'),
      );

      const always = client({ backend });
      always.palaute.track('chat.closed');
      await answerOffer(always, 5);
      const other = client({ backend });
      expect(other.palaute.touchpoint('dashboard').offer?.survey.id).toBe('dashboard-nps');
      other.palaute.dismissOffer();
      await other.palaute.start();
      expect(other.palaute.touchpoint('dashboard').offer).toBeNull();
      expect(
        other.palaute.explain('dashboard-nps').checks.find((check) => !check.passed)?.rule,
      ).toBe('budget');
    });

    it('given a cache › a new page decides from it before the backend answers', async () => {
      const data = new Map<string, string>();
      const cache = {
        getItem: (key: string) => data.get(key) ?? null,
        setItem: (key: string, value: string) => void data.set(key, value),
        removeItem: (key: string) => void data.delete(key),
      };
      const first = client({ cache });
      first.palaute.track('chat.closed');
      await answerOffer(first, 5);
      const offline: BackendPort = {
        ...createMemoryBackend(),
        getContactHistory: () => new Promise(() => {}),
      };
      const next = client({ cache, backend: offline });
      void next.palaute.start();
      expect(next.palaute.touchpoint('dashboard').offer).toBeNull();
      expect(next.palaute.history().contacts).toHaveLength(1);
    });
  });

  describe('an offer withdrawn by time alone', () => {
    const closing: AskInput[] = [
      {
        surveyId: 'dashboard-nps',
        triggers: [{ on: 'touchpoint' }],
        closesAt: new Date(T0 + DAY).toISOString(),
      },
      { surveyId: 'support-csat', triggers: [{ on: 'event', event: 'chat.closed' }] },
    ];

    it('given a waiting offer whose survey closes › offer() withdraws it and subscribers hear so', async () => {
      const run = client({ asks: closing });
      const heard: (string | null)[] = [];
      run.palaute.subscribe((offer) => heard.push(offer?.survey.id ?? null));
      run.palaute.touchpoint('dashboard');
      run.advance(2 * DAY);
      expect(run.palaute.offer()).toBeNull();
      await Promise.resolve();
      expect(heard).toEqual(['dashboard-nps', null]);
    });

    it('given a new offer right after the silent withdrawal › subscribers hear the old one go first (minimal reproduction of a property run)', () => {
      const run = client({ asks: closing });
      const heard: (string | null)[] = [];
      run.palaute.subscribe((offer) => heard.push(offer?.survey.id ?? null));
      run.palaute.touchpoint('dashboard');
      run.advance(2 * DAY);
      expect(run.palaute.offer()).toBeNull();
      expect(run.palaute.track('chat.closed').offer?.survey.id).toBe('support-csat');
      expect(heard).toEqual(['dashboard-nps', null, 'support-csat']);
    });
  });

  describe('impact notices', () => {
    it('given shipped feedback › its notice comes before any new ask, counts as a contact once seen, and is not shown again', async () => {
      const backend = createMemoryBackend();
      backend.addImpact('c-1', {
        id: 'fast-exports:r1',
        youSaid: 'Exports are slow',
        weDid: 'Exports are now ten times faster',
        shippedAt: '2026-11-20T10:00:00.000Z',
      });
      const run = client({ backend });
      await run.palaute.start();
      const heard = vi.fn();
      run.palaute.subscribe(heard);
      const decision = run.palaute.touchpoint('dashboard');
      expect(decision.status).toBe('impact');
      expect(decision.offer).toBeNull();
      expect(run.palaute.impact().map((notice) => notice.weDid)).toEqual([
        'Exports are now ten times faster',
      ]);
      expect(heard).toHaveBeenCalledTimes(1);
      // While it is shown, no survey is offered.
      expect(run.palaute.track('chat.closed').status).toBe('current');

      run.palaute.recordWrite({
        kind: 'impactSeen',
        payload: {
          customerId: 'c-1',
          noticeId: 'fast-exports:r1',
          at: new Date(run.now()).toISOString(),
        },
      });
      expect(run.palaute.impact()).toEqual([]);
      expect(run.palaute.history().contacts).toEqual([
        { kind: 'impact', at: new Date(T0).toISOString(), id: 'fast-exports:r1' },
      ]);
      // The notice used the budget (1 in 14 days): no ask now, and the notice does not come back.
      const next = run.palaute.touchpoint('dashboard');
      expect(next.status).toBe('none');
      expect(run.palaute.explain('dashboard-nps').checks.find((check) => !check.passed)?.rule).toBe(
        'budget',
      );
    });

    it('given a full budget › impact waits for room too, and dismissImpact puts it back', async () => {
      const backend = createMemoryBackend();
      const run = client({ backend });
      run.palaute.track('chat.closed');
      await answerOffer(run, 5);
      // The change ships after the customer was asked: their budget is spent for 14 days.
      backend.addImpact('c-1', {
        id: 'n-1',
        weDid: 'Dark mode',
        shippedAt: '2026-11-20T10:00:00.000Z',
      });
      await run.palaute.start();
      expect(run.palaute.touchpoint('dashboard').status).toBe('none');
      expect(run.palaute.impact()).toEqual([]);
      run.advance(15 * DAY);
      expect(run.palaute.touchpoint('dashboard').status).toBe('impact');
      run.palaute.dismissImpact();
      expect(run.palaute.impact()).toEqual([]);
      expect(run.palaute.touchpoint('dashboard').status).toBe('impact');
    });

    it('given a touchpoint before start() has loaded › it is decided again once loaded, and the pending notice comes first', async () => {
      const memory = createMemoryBackend();
      memory.addImpact('c-1', {
        id: 'n-1',
        weDid: 'Dark mode',
        shippedAt: '2026-11-20T10:00:00.000Z',
      });
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const backend: BackendPort = {
        ...memory,
        listImpact: async (query) => {
          await gate;
          return memory.listImpact(query);
        },
      };
      // No asks: only the impact notice can come of the touchpoint.
      const run = client({ backend, asks: [] });
      const heard = vi.fn();
      run.palaute.subscribe(heard);
      const started = run.palaute.start();
      expect(run.palaute.touchpoint('dashboard').status).toBe('none');
      release();
      await started;
      expect(run.palaute.impact().map((notice) => notice.id)).toEqual(['n-1']);
      expect(heard).toHaveBeenCalled();
    });

    it('given an occasion that led somewhere while loading › it is not decided again (the latest occasion counts)', async () => {
      const memory = createMemoryBackend();
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const backend: BackendPort = {
        ...memory,
        listImpact: async (query) => {
          await gate;
          return memory.listImpact(query);
        },
      };
      const run = client({ backend });
      const started = run.palaute.start();
      expect(run.palaute.page('/settings').status).toBe('none');
      expect(run.palaute.track('chat.closed').offer?.survey.id).toBe('support-csat');
      await answerOffer(run, 5);
      release();
      await started;
      // The earlier page view is not replayed into a new offer after the answer.
      expect(run.palaute.offer()).toBeNull();
    });

    it('given a customer who stays on the page › a touchpoint after refreshAfterMs reloads, and a change shipped meanwhile reaches them', async () => {
      const memory = createMemoryBackend();
      let loads = 0;
      const backend: BackendPort = {
        ...memory,
        listImpact: (query) => {
          loads++;
          return memory.listImpact(query);
        },
      };
      const run = client({ backend, asks: [], refreshAfterMs: 60_000 });
      await run.palaute.start();
      expect(loads).toBe(1);
      memory.addImpact('c-1', {
        id: 'n-2',
        weDid: 'CSV export',
        shippedAt: '2026-11-23T10:00:00.000Z',
      });
      run.advance(30_000);
      expect(run.palaute.touchpoint('dashboard').status).toBe('none');
      expect(loads).toBe(1);
      run.advance(30_000);
      // Stale: reloaded in the background, and the touchpoint decided again once it has.
      expect(run.palaute.touchpoint('dashboard').status).toBe('none');
      expect(loads).toBe(2);
      await vi.waitFor(() =>
        expect(run.palaute.impact().map((notice) => notice.id)).toEqual(['n-2']),
      );
    });

    it('given a notice seen on this device whose receipt has not reached the backend › a reload does not bring it back', async () => {
      const memory = createMemoryBackend();
      memory.addImpact('c-1', {
        id: 'n-3',
        weDid: 'Dark mode',
        shippedAt: '2026-11-20T10:00:00.000Z',
      });
      const run = client({ backend: memory, asks: [] });
      await run.palaute.start();
      expect(run.palaute.touchpoint('dashboard').status).toBe('impact');
      // Recorded as seen here; the write itself still waits in an outbox (never sent to `memory`).
      run.palaute.recordWrite({
        kind: 'impactSeen',
        payload: { customerId: 'c-1', noticeId: 'n-3', at: new Date(run.now()).toISOString() },
      });
      expect(await memory.listImpact({ customerId: 'c-1' })).toHaveLength(1);
      run.advance(20 * DAY);
      await run.palaute.start();
      expect(run.palaute.touchpoint('dashboard').status).toBe('none');
      expect(run.palaute.impact()).toEqual([]);
    });
  });
});
