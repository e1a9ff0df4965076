import {
  type Actor,
  type CxFigure,
  type CxTarget,
  createHttpTeamBackend,
  createMemoryBackend,
  cxQuestionsOf,
  cxTargetStatusOf,
  defineSurvey,
  type FeedbackItem,
  type FeedbackResponse,
  levelOf,
  type MemoryBackend,
  npsOf,
  type Touchpoint,
  type ValidationError,
} from '@palaute/engine';
import { bucketKey, bucketStart, bucketsOf, cxLevelDefaults } from '@palaute/engine/internal';
import { startProtocolServer } from '../support/protocol-server';

const anna: Actor = { kind: 'team', id: 'anna', name: 'Anna' };
const npsSurvey = defineSurvey({
  id: 'nps-survey',
  touchpointId: 'pricing',
  title: 'A quick question',
  questions: [
    { id: 'nps', type: 'nps', title: 'How likely are you to recommend us?' },
    { id: 'why', type: 'text', title: 'Why?', required: false },
    { id: 'contact', type: 'consent', title: 'May we?', label: 'Yes', required: false },
  ],
});
const csatSurvey = defineSurvey({
  id: 'csat-survey',
  touchpointId: 'support',
  title: 'Support',
  questions: [
    { id: 'csat', type: 'csat', title: 'How satisfied were you?' },
    { id: 'stars', type: 'rating', title: 'Stars', scale: { min: 1, max: 5 }, required: false },
  ],
});
const touchpoints: Touchpoint[] = [
  { id: 'signup', stage: 'onboard', channel: 'inProduct', name: 'Sign-up done' },
  { id: 'support', stage: 'support', channel: 'inProduct' },
  { id: 'pricing', stage: 'evaluate', channel: 'web', name: 'Pricing page' },
];

let n = 0;
function response(
  touchpointId: string,
  day: string,
  answers: FeedbackResponse['answers'],
  extra: Partial<FeedbackResponse> = {},
): FeedbackResponse {
  n++;
  const at = `${day}T12:00:00.000Z`;
  return {
    id: `response-${String(n).padStart(4, '0')}`,
    surveyId: 'nps' in answers ? 'nps-survey' : 'csat-survey',
    surveyVersion: 1,
    touchpointId,
    customerId: `c-${n}`,
    locale: 'en',
    answers,
    startedAt: at,
    submittedAt: at,
    ...extra,
  };
}

async function seed(backend: MemoryBackend) {
  const shown = async (r: FeedbackResponse, answered = true) => {
    await backend.recordDisplay({
      responseId: r.id,
      surveyId: r.surveyId,
      surveyVersion: 1,
      touchpointId: r.touchpointId,
      customerId: r.customerId,
      at: r.startedAt,
    });
    if (answered) await backend.submitResponse(r);
  };
  // November at pricing: 10, 9 (score only), 3 with words; one more shown and dismissed.
  await shown(response('pricing', '2026-11-02', { nps: 10 }, { segment: { plan: 'pro' } }));
  await shown(response('pricing', '2026-11-03', { nps: 9 }));
  await shown(
    response(
      'pricing',
      '2026-11-20',
      { nps: 3, why: 'Too expensive', contact: true },
      {
        segment: { plan: 'free' },
      },
    ),
  );
  const dismissed = response('pricing', '2026-11-21', { nps: 5 });
  await shown(dismissed, false);
  await backend.recordDismissal({
    responseId: dismissed.id,
    surveyId: dismissed.surveyId,
    surveyVersion: 1,
    touchpointId: 'pricing',
    customerId: dismissed.customerId,
    at: '2026-11-21T12:01:00.000Z',
    reason: 'dismiss',
    step: 'asking',
    submitted: false,
  });
  // November at sign-up: 8, 0 (with words); one opted out.
  await shown(response('signup', '2026-11-10', { nps: 8 }));
  await shown(response('signup', '2026-11-11', { nps: 0, why: 'Broken', contact: true }));
  const optOut = response('signup', '2026-11-12', { nps: 5 });
  await shown(optOut, false);
  await backend.recordDismissal({
    responseId: optOut.id,
    surveyId: optOut.surveyId,
    surveyVersion: 1,
    touchpointId: 'signup',
    customerId: optOut.customerId,
    at: '2026-11-12T12:01:00.000Z',
    reason: 'optOut',
    step: 'asking',
    submitted: false,
  });
  // October at pricing: one 10.
  await shown(response('pricing', '2026-10-15', { nps: 10 }));
  // Support CSAT in November: 5, 4, 2 with 5, 3 stars.
  await backend.submitResponse(response('support', '2026-11-05', { csat: 5, stars: 5 }));
  await backend.submitResponse(response('support', '2026-11-06', { csat: 4, stars: 3 }));
  await backend.submitResponse(response('support', '2026-11-07', { csat: 2 }));
  // Off-scale and fractional answers are not scores.
  await backend.submitResponse(response('support', '2026-11-08', { csat: 9 }));
}

const newBackend = () =>
  createMemoryBackend({
    now: () => new Date('2026-12-01T09:00:00.000Z'),
    cx: {
      surveys: [npsSurvey, csatSurvey],
      touchpoints,
      config: { levels: { byTouchpoint: { signup: 'necessity' } } },
    },
  });

const november = { from: '2026-11-01', to: '2026-11-30' };
const october = { from: '2026-10-01', to: '2026-10-31' };

describe('cxReport on the memory backend', () => {
  it('given scored answers with and without words › NPS overall and per touchpoint in journey order, score-only answers counted', async () => {
    const backend = newBackend();
    await seed(backend);
    const report = await backend.team.cxReport({ period: november, compareTo: october });
    expect(report.touchpoints.map((t) => t.id)).toEqual(['pricing', 'signup', 'support']);
    const nps = report.metrics.find((m) => m.key === 'nps');
    // 10, 9, 3, 8, 0: two promoters, one passive, two detractors.
    expect(nps?.overall.current.detail).toEqual(npsOf([10, 9, 3, 8, 0]));
    expect(nps?.overall.current).toMatchObject({ metric: 'nps', n: 5, value: 0, lowSample: true });
    expect(nps?.byTouchpoint.map((s) => [s.touchpointId, s.current.n])).toEqual([
      ['pricing', 3],
      ['signup', 2],
    ]);
    expect(nps?.byTouchpoint[0]?.current.value).toBeCloseTo(100 / 3, 10);
    expect(nps?.byTouchpoint[1]?.current.value).toBe(-50);
    expect(nps?.overall.previous).toMatchObject({ n: 1, value: 100 });
    // One answer before says nothing of its spread: no change to test.
    expect(nps?.overall.change).toMatchObject({
      difference: null,
      significant: false,
      direction: 'none',
    });
    expect(nps?.overall.trend.map((p) => [p.key, p.from, p.to, p.figure.n])).toEqual([
      ['2026-11', '2026-11-01', '2026-11-30', 5],
    ]);
  });

  it('given CSAT and a rating › top-2-box share and the rating’s own series; off-scale answers left out', async () => {
    const backend = newBackend();
    await seed(backend);
    const report = await backend.team.cxReport({ period: november });
    const csat = report.metrics.find((m) => m.key === 'csat');
    expect(csat?.overall.current).toMatchObject({ n: 3, value: (100 * 2) / 3 });
    const stars = report.metrics.find((m) => m.key === 'rating:csat-survey/stars');
    expect(stars).toMatchObject({
      metric: 'rating',
      source: { surveyId: 'csat-survey', questionId: 'stars' },
    });
    expect(stars?.overall.current).toMatchObject({ n: 2, value: 4 });
    expect(report.metrics.map((m) => m.key)).toEqual(['nps', 'csat', 'rating:csat-survey/stars']);
  });

  it('given displays and dismissals › response, dismissal and opt-out rates per touchpoint', async () => {
    const backend = newBackend();
    await seed(backend);
    const { rates } = await backend.team.cxReport({ period: november });
    expect(
      rates.byTouchpoint.map((r) => [r.touchpointId, r.shown, r.answered, r.dismissed, r.optedOut]),
    ).toEqual([
      ['pricing', 4, 3, 1, 0],
      ['signup', 3, 2, 0, 1],
    ]);
    expect(rates.overall).toMatchObject({ shown: 7, answered: 5, responseRate: (100 * 5) / 7 });
  });

  it('given displays recorded with a segment › rates by segment count only the flows shown in it', async () => {
    const backend = newBackend();
    const flow = (id: string, plan: string | undefined, end: 'answer' | 'dismiss' | 'optOut') => {
      const base = {
        responseId: `flow-${id}-0000`,
        surveyId: 'nps-survey',
        surveyVersion: 1,
        touchpointId: 'pricing',
        customerId: `c-${id}`,
        at: '2026-11-10T12:00:00.000Z',
        ...(plan ? { segment: { plan } } : {}),
      };
      return async () => {
        await backend.recordDisplay(base);
        if (end === 'answer')
          await backend.submitResponse({
            ...response('pricing', '2026-11-10', { nps: 9 }, base.segment ? base : {}),
            id: base.responseId,
            customerId: base.customerId,
          });
        else
          await backend.recordDismissal({
            ...base,
            reason: end,
            step: 'asking',
            submitted: false,
          });
      };
    };
    for (const write of [
      flow('a', 'pro', 'answer'),
      flow('b', 'pro', 'dismiss'),
      flow('c', 'pro', 'optOut'),
      flow('d', 'free', 'answer'),
      flow('e', undefined, 'dismiss'),
    ])
      await write();
    const pro = await backend.team.cxReport({ period: november, segment: { plan: 'pro' } });
    expect(pro.rates.overall).toMatchObject({ shown: 3, answered: 1, dismissed: 1, optedOut: 1 });
    expect(pro.rates.overall.responseRate).toBeCloseTo(100 / 3, 10);
    const free = await backend.team.cxReport({ period: november, segment: { plan: 'free' } });
    expect(free.rates.overall).toMatchObject({ shown: 1, answered: 1, dismissed: 0, optedOut: 0 });
    // Without a filter every display counts, the one recorded without a segment too.
    const all = await backend.team.cxReport({ period: november });
    expect(all.rates.overall).toMatchObject({ shown: 5, answered: 2, dismissed: 2, optedOut: 1 });
  });

  it('given level defaults per question › the first answered scored question decides, then other answers by id, whatever their order', () => {
    const questions = cxQuestionsOf([npsSurvey, csatSurvey]);
    const config = {
      levels: {
        byQuestion: {
          'nps-survey/why': 'vision',
          'nps-survey/contact': 'differentiation',
          'csat-survey/stars': 'vision',
          'csat-survey/csat': 'necessity',
        } as const,
        byTouchpoint: { pricing: 'necessity' } as const,
      },
    };
    const item = (surveyId: string, answers: FeedbackItem['answers']) =>
      ({ surveyId, touchpointId: 'pricing', answers }) as FeedbackItem;
    // Scored questions first, in the survey's order: csat before stars.
    expect(levelOf(item('csat-survey', { stars: 4, csat: 2 }), config, questions)).toBe(
      'necessity',
    );
    // No scored question has a default: the others by id (contact before why), either key order.
    expect(
      levelOf(item('nps-survey', { why: 'x', contact: true, nps: 3 }), config, questions),
    ).toBe('differentiation');
    expect(levelOf(item('nps-survey', { contact: true, why: 'x' }), config, questions)).toBe(
      'differentiation',
    );
    expect(levelOf(item('nps-survey', { why: 'x' }), config, questions)).toBe('vision');
    // None answered: the touchpoint's; a key inherited from Object.prototype is no answer.
    expect(levelOf(item('nps-survey', { nps: 9 }), config, questions)).toBe('necessity');
    expect(
      levelOf(
        item('nps-survey', {}),
        { levels: { byQuestion: { 'nps-survey/toString': 'vision' } } },
        questions,
      ),
    ).toBeNull();
    // The ranks the SQL storage reads are the same order.
    expect(cxLevelDefaults(config, questions).byAnswer.map((entry) => entry.key)).toEqual([
      'csat-survey/csat',
      'csat-survey/stars',
      'nps-survey/contact',
      'nps-survey/why',
    ]);
  });

  it('given a segment filter and a touchpoint filter › only matching answers count', async () => {
    const backend = newBackend();
    await seed(backend);
    const pro = await backend.team.cxReport({ period: november, segment: { plan: 'pro' } });
    expect(pro.metrics.find((m) => m.key === 'nps')?.overall.current.n).toBe(1);
    const signup = await backend.team.cxReport({ period: november, touchpoints: ['signup'] });
    expect(signup.metrics.find((m) => m.key === 'nps')?.overall.current.n).toBe(2);
    expect(signup.touchpoints.map((t) => t.id)).toEqual(['signup']);
  });

  it('given levels set by the team and a default per touchpoint › open and closed work per level, shipped share; planned is not done', async () => {
    const backend = newBackend();
    await seed(backend);
    const items = backend.feedbackItems();
    const pricingItem = items.find((item) => item.touchpointId === 'pricing');
    const signupItem = items.find((item) => item.touchpointId === 'signup');
    if (!pricingItem || !signupItem) throw new Error('items expected');
    await backend.team.act(pricingItem.id, { type: 'level.set', level: 'vision' }, anna);
    await backend.team.act(pricingItem.id, { type: 'feedback.plan' }, anna);
    await backend.team.shipChange({ id: 'fix', weDid: 'Fixed it', itemIds: [signupItem.id] }, anna);
    const report = await backend.team.cxReport({ period: november });
    expect(
      report.levels.map((l) => [l.level, l.open, l.closed, l.shipped, l.shippedShare]),
    ).toEqual([
      // Bare scores are items too, open until handled: one at signup (its touchpoint's default
      // level), six elsewhere without a level.
      ['necessity', 1, 1, 1, 100],
      ['differentiation', 0, 0, 0, 0],
      ['vision', 1, 0, 0, 0],
      [null, 6, 0, 0, 0],
    ]);
    expect(report.promise).toMatchObject({
      plannedNow: 1,
      everPlanned: 1,
      shippedOfPlanned: 0,
      shipShare: 0,
    });
    expect(report.promise.timeInPlanned.count).toBe(1);
    // Cleared, the default applies again.
    const cleared = await backend.team.act(
      pricingItem.id,
      { type: 'level.set', level: null },
      anna,
    );
    expect(cleared.level).toBeUndefined();
  });

  it('given the answers behind a figure › the detractors’ verbatims at a touchpoint, newest first, paged', async () => {
    const backend = newBackend();
    await seed(backend);
    const all = await backend.team.cxResponses({ metric: 'nps', period: november, limit: 2 });
    expect(all.total).toBe(5);
    expect(all.items.map((item) => item.score)).toEqual([3, 0]);
    const rest = await backend.team.cxResponses({
      metric: 'nps',
      period: november,
      limit: 2,
      cursor: all.next as string,
    });
    expect(rest.items.map((item) => item.score)).toEqual([8, 9]);
    const detractors = await backend.team.cxResponses({
      metric: 'nps',
      period: november,
      touchpointId: 'pricing',
      score: { max: 6 },
      withText: true,
    });
    expect(detractors.items).toMatchObject([{ score: 3, text: 'Too expensive', status: 'new' }]);
  });

  it('given a bad query or target › a ValidationError naming the path; milestones out of order refused', async () => {
    const backend = newBackend();
    const problems = async (promise: Promise<unknown>) =>
      ((await promise.catch((error: unknown) => error)) as ValidationError).problems.map(
        (p) => p.path,
      );
    expect(
      await problems(backend.team.cxReport({ period: { from: '2026-11-30', to: '2026-11-01' } })),
    ).toEqual(['period.to']);
    expect(
      await problems(
        backend.team.cxReport({
          period: { from: '2020-01-01', to: '2026-01-01' },
          granularity: 'day',
        }),
      ),
    ).toEqual(['granularity']);
    const target: CxTarget = {
      id: 'nps-overall',
      metric: 'nps',
      scope: { kind: 'overall' },
      milestones: [
        { by: '2027-12-31', value: 35 },
        { by: '2027-06-30', value: 45 },
      ],
    };
    expect(await problems(backend.team.setCxTargets({ targets: [target] }))).toEqual([
      'targets[0].milestones[1].by',
    ]);
    const ok = { ...target, milestones: [{ by: '2027-12-31', value: 35 }] };
    expect(await problems(backend.team.setCxTargets({ targets: [ok, ok] }))).toEqual([
      'targets[1].id',
    ]);
    expect((await backend.team.cxTargets()).targets).toEqual([]);
  });
});

describe('stepped targets', () => {
  const figure = (value: number, n: number): CxFigure => {
    const detail = npsOf([]);
    const se = 100 * Math.sqrt(0.61 / n);
    return {
      metric: 'nps',
      n,
      value,
      interval: [value - 1.96 * se, value + 1.96 * se],
      marginOfError: 1.96 * se,
      standardError: se,
      lowSample: false,
      detail,
    };
  };
  const trend = (values: number[]) =>
    values.map((value, i) => {
      const month = String(i + 1).padStart(2, '0');
      return {
        key: `2026-${month}`,
        from: `2026-${month}-01`,
        to: `2026-${month}-28`,
        figure: figure(value, 100),
      };
    });
  const target = (milestones: CxTarget['milestones'], extra: Partial<CxTarget> = {}): CxTarget => ({
    id: 'nps',
    metric: 'nps',
    scope: { kind: 'overall' },
    milestones,
    ...extra,
  });
  const period = { from: '2026-01-01', to: '2026-12-31' };

  it('given a lower bound above the next milestone › met by the strict reading', () => {
    const status = cxTargetStatusOf(
      target([{ by: '2027-12-31', value: 30 }]),
      { current: figure(40, 1200), trend: trend([40, 40]) },
      period,
    );
    expect(status).toMatchObject({ state: 'met', met: true, reading: 'strict' });
  });

  it('given the point above but the lower bound below › not met strictly, met by the plain reading with n ≥ n_min', () => {
    const strict = cxTargetStatusOf(
      target([{ by: '2027-12-31', value: 38 }]),
      { current: figure(40, 400), trend: trend([36, 40]) },
      period,
    );
    expect(strict.met).toBe(false);
    const plain = cxTargetStatusOf(
      target([{ by: '2027-12-31', value: 38 }], { attainment: 'plain', minN: 300 }),
      { current: figure(40, 400), trend: trend([36, 40]) },
      period,
    );
    expect(plain).toMatchObject({ met: true, state: 'met', reading: 'plain' });
  });

  it('given a rising trend › on track when its line reaches the milestone by its day, off track when not', () => {
    // +2 points a month from 10 in January: the line reads about 10 + 2·(months) at the milestone.
    const rising = trend([10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32]);
    const on = cxTargetStatusOf(
      target([{ by: '2027-12-31', value: 50 }]),
      { current: figure(21, 1200), trend: rising },
      period,
    );
    expect(on.state).toBe('onTrack');
    expect(on.projected).toBeGreaterThan(50);
    const off = cxTargetStatusOf(
      target([{ by: '2027-03-31', value: 50 }]),
      { current: figure(21, 1200), trend: rising },
      period,
    );
    expect(off.state).toBe('offTrack');
    expect(off.nextMilestone).toEqual({ by: '2027-03-31', value: 50 });
  });

  it('given a step smaller than the expected sample can detect › warns, naming the answers it needs', () => {
    // σ² = 0.61: 100 answers a period detect (1.96 + 0.84)·78.1·√(2/100) = 31 points.
    const status = cxTargetStatusOf(
      target([
        { by: '2027-06-30', value: 30 },
        { by: '2027-12-31', value: 70 },
      ]),
      { current: figure(25, 1200), trend: trend(Array.from({ length: 12 }, () => 25)) },
      period,
    );
    expect(status.milestones.map((m) => [m.step, m.tooSmall])).toEqual([
      [5, true],
      [40, false],
    ]);
    expect(status.milestones[0]?.detectable).toBeCloseTo(30.9, 0);
    expect(status.warnings.map((w) => w.code)).toEqual(['stepTooSmall']);
    // (1.96 + 0.8416)² · 2 · 6100 / 5² = 3830.3, rounded up.
    expect(status.warnings[0]?.message).toMatch(/it needs about 3831 per period/);
  });

  it('given no answers › unknown, with a warning', () => {
    const status = cxTargetStatusOf(
      target([{ by: '2027-12-31', value: 30 }]),
      {
        current: {
          ...figure(0, 1),
          n: 0,
          value: null,
          interval: null,
          standardError: null,
          lowSample: true,
        },
        trend: [],
      },
      period,
    );
    expect(status.state).toBe('unknown');
    expect(status.warnings.map((w) => w.code)).toEqual(['lowSample', 'noTrend']);
  });

  it('given targets stored on the backend › the report gives each its state', async () => {
    const backend = newBackend();
    await seed(backend);
    await backend.team.setCxTargets({
      targets: [
        target([{ by: '2027-12-31', value: 30 }]),
        {
          ...target([{ by: '2027-12-31', value: 10 }]),
          id: 'signup',
          scope: { kind: 'touchpoint', touchpointId: 'signup' },
        },
      ],
    });
    const report = await backend.team.cxReport({ period: november });
    expect(report.targets.map((t) => [t.target.id, t.current.n, t.current.value, t.state])).toEqual(
      [
        ['nps', 5, 0, 'unknown'],
        ['signup', 2, -50, 'unknown'],
      ],
    );
  });
});

describe('periods', () => {
  it('given days › ISO weeks start on Monday and are keyed by their Thursday’s year; quarters and months', () => {
    expect(bucketStart('2026-01-01', 'week')).toBe('2025-12-29');
    expect(bucketKey('2025-12-29', 'week')).toBe('2026-W01');
    expect(bucketKey(bucketStart('2027-01-01', 'week'), 'week')).toBe('2026-W53');
    expect(bucketStart('2026-11-30', 'quarter')).toBe('2026-10-01');
    expect(bucketKey('2026-10-01', 'quarter')).toBe('2026-Q4');
    expect(bucketsOf({ from: '2026-01-15', to: '2026-03-02' }, 'month')).toEqual([
      { key: '2026-01', start: '2026-01-01', from: '2026-01-15', to: '2026-01-31' },
      { key: '2026-02', start: '2026-02-01', from: '2026-02-01', to: '2026-02-28' },
      { key: '2026-03', start: '2026-03-01', from: '2026-03-01', to: '2026-03-02' },
    ]);
  });
});

describe('the CX routes over HTTP', () => {
  it('round-trips the report, targets and the answers behind a figure; a bad query is a 400 naming the path', async () => {
    const backend = newBackend();
    await seed(backend);
    const server = await startProtocolServer({ backend, bearerAuth: true });
    try {
      const team = createHttpTeamBackend({
        baseUrl: server.url,
        headers: { authorization: 'Bearer team anna' },
      });
      const local = await backend.team.cxReport({ period: november, compareTo: october });
      expect(await team.cxReport({ period: november, compareTo: october })).toEqual(local);
      const targets = { targets: [target([{ by: '2027-12-31', value: 30 }])] };
      expect(await team.setCxTargets(targets)).toEqual(targets);
      expect(await team.cxTargets()).toEqual(targets);
      expect((await team.cxResponses({ metric: 'nps', period: november })).total).toBe(5);
      // The client checks before sending; a request that skips it meets the server's 400.
      const checked = await team
        .cxReport({ period: { from: '2026-11-31', to: '2026-12-01' } })
        .catch((reason: unknown) => reason);
      expect((checked as ValidationError).problems.map((p) => p.path)).toEqual([
        'query.period.from',
      ]);
      const post = (path: string, body: unknown) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer team anna' },
          body: JSON.stringify({ protocol: 1, ...(body as object) }),
        });
      const bad = await post('/v1/team/cx-report', {
        query: { period: { from: '2026-11-30', to: '2026-11-01' }, granularity: 'year' },
      });
      expect(bad.status).toBe(400);
      const badBody = (await bad.json()) as { error: { problems: { path: string }[] } };
      expect(badBody.error.problems.map((p) => p.path).sort()).toEqual([
        'query.granularity',
        'query.period.to',
      ]);
      const out = await post('/v1/team/cx-targets', {
        targets: [
          target([
            { by: '2027-12-31', value: 1 },
            { by: '2027-01-01', value: 2 },
          ]),
        ],
      });
      expect(out.status).toBe(400);
      const outBody = (await out.json()) as { error: { problems: { path: string }[] } };
      expect(outBody.error.problems.map((p) => p.path)).toEqual(['targets[0].milestones[1].by']);
      const twice = await post('/v1/team/cx-targets', {
        targets: [
          target([{ by: '2027-12-31', value: 1 }]),
          target([{ by: '2027-12-31', value: 1 }]),
        ],
      });
      expect(twice.status).toBe(400);
      expect(JSON.stringify(await twice.json())).toContain('targets[1].id');
    } finally {
      await server.close();
    }
  });

  function target(milestones: CxTarget['milestones']): CxTarget {
    return { id: 'nps', metric: 'nps', scope: { kind: 'overall' }, milestones };
  }
});
