import {
  type CxGranularity,
  type CxMetric,
  type CxQuestion,
  type CxReport,
  cxReportFrom,
  distributionOf,
  type Touchpoint,
} from '@palaute/engine';
import {
  bucketsOf,
  type CxCountSource,
  type CxScore,
  type CxScoreCounts,
  countScores,
  cxFigureOf,
  cxWorkOf,
} from '@palaute/engine/internal';
import fc from 'fast-check';

// The report reads scores as distributions per bucket (`CxCountSource.scoreCounts`: one row per
// bucket × touchpoint × question, its counts indexed by score from the scale's `min`). Each figure
// must equal the reference formula over the answers themselves (`cxFigureOf` of `distributionOf`),
// whatever the rows: empty buckets, rows with no answer, scores off a question's scale, rows of a
// bucket the trend does not have, a compared period with no rows.

const NOW = '2026-12-01T09:00:00.000Z';
const questions: CxQuestion[] = [
  { surveyId: 's-nps', questionId: 'nps', metric: 'nps', min: 0, max: 10 },
  { surveyId: 's-csat', questionId: 'csat', metric: 'csat', min: 1, max: 5 },
  { surveyId: 's-csat', questionId: 'stars', metric: 'rating', min: 1, max: 5 },
  { surveyId: 's-ces', questionId: 'ces', metric: 'ces', min: 1, max: 7 },
];
const registry: Touchpoint[] = [
  { id: 'b', stage: 'onboard', channel: 'inProduct' },
  { id: 'a', stage: 'evaluate', channel: 'web' },
];

/** A source over fixed score rows (what a backend would return), or `countScores` over scores. */
function sourceOf(scoreCounts: CxCountSource['scoreCounts']): CxCountSource {
  return {
    scoreCounts,
    rateCounts: async () => [],
    work: async (_filter, options) => cxWorkOf([], options),
  };
}
const context = { touchpoints: registry, questions, targets: [], now: NOW };

const keyOf = (q: Pick<CxQuestion, 'metric' | 'surveyId' | 'questionId'>) =>
  q.metric === 'rating' ? `rating:${q.surveyId}/${q.questionId}` : q.metric;

/** The reference: a figure straight from the answers' scores. */
const figureOf = (question: CxQuestion, scores: readonly CxScore[]) =>
  cxFigureOf(
    question.metric,
    distributionOf(
      scores.map((score) => score.score),
      question,
    ),
    question,
  );

const day = (offset: number) =>
  new Date(Date.parse('2026-09-20T00:00:00.000Z') + offset * 86_400_000).toISOString().slice(0, 10);

const scoreArbitrary = fc
  .record({
    question: fc.constantFrom(...questions),
    touchpointId: fc.constantFrom('a', 'b', 'c'),
    offset: fc.integer({ min: 0, max: 80 }),
    point: fc.integer({ min: 0, max: 10 }),
  })
  .map(({ question, touchpointId, offset, point }): CxScore => {
    const d = day(offset);
    return {
      responseId: `r-${offset}-${point}`,
      customerId: 'c',
      surveyId: question.surveyId,
      questionId: question.questionId,
      touchpointId,
      metric: question.metric,
      min: question.min,
      max: question.max,
      score: question.min + (point % (question.max - question.min + 1)),
      at: `${d}T12:00:00.000Z`,
      day: d,
    };
  });

describe('the report from distributions per bucket', () => {
  it('given random answers › every figure (overall, per touchpoint, per bucket, compared) equals the formula over the answers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(scoreArbitrary, { maxLength: 120 }),
        fc.constantFrom<CxGranularity>('day', 'week', 'month'),
        async (scores, granularity) => {
          const period = { from: '2026-10-05', to: '2026-11-30' };
          const compareTo = { from: '2026-09-20', to: '2026-10-04' };
          const report = await cxReportFrom(
            sourceOf(async (filter) => countScores(scores, filter)),
            { period, granularity, compareTo },
            context,
          );
          const within = (s: CxScore, p: { from: string; to: string }) =>
            s.day >= p.from && s.day <= p.to;
          const buckets = bucketsOf(period, granularity);
          for (const question of questions) {
            const metric = report.metrics.find((m) => m.key === keyOf(question));
            expect(metric).toBeDefined();
            const mine = (touchpointId?: string) =>
              scores.filter(
                (s) =>
                  keyOf(s) === keyOf(question) &&
                  (touchpointId === undefined || s.touchpointId === touchpointId),
              );
            const check = (
              series: CxReport['metrics'][number]['overall'],
              of: readonly CxScore[],
            ) => {
              expect(series.current).toEqual(
                figureOf(
                  question,
                  of.filter((s) => within(s, period)),
                ),
              );
              expect(series.previous).toEqual(
                figureOf(
                  question,
                  of.filter((s) => within(s, compareTo)),
                ),
              );
              expect(series.trend.map((point) => point.figure)).toEqual(
                buckets.map((bucket) =>
                  figureOf(
                    question,
                    of.filter(
                      (s) => within(s, period) && s.day >= bucket.from && s.day <= bucket.to,
                    ),
                  ),
                ),
              );
            };
            check(metric?.overall as CxReport['metrics'][number]['overall'], mine());
            const present = ['a', 'b', 'c'].filter((id) =>
              mine(id).some((s) => within(s, period) || within(s, compareTo)),
            );
            expect(metric?.byTouchpoint.map((series) => series.touchpointId)).toEqual(present);
            for (const series of metric?.byTouchpoint ?? [])
              check(series, mine(series.touchpointId));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  const row = (
    metric: CxMetric,
    questionId: string,
    touchpointId: string,
    bucket: string,
    min: number,
    counts: number[],
  ): CxScoreCounts => ({
    metric,
    surveyId: metric === 'nps' ? 's-nps' : 's-csat',
    questionId,
    min,
    max: min + counts.length - 1,
    touchpointId,
    bucket,
    counts,
  });

  it('given rows with no answer, scores off the scale, a bucket the trend lacks and a compared period with none › as the answers say', async () => {
    const november = { from: '2026-11-01', to: '2026-11-30' };
    const rows = [
      // Two NPS answers at a, in the first week: a 10 and a 3.
      row('nps', 'nps', 'a', '2026-10-26', 0, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]),
      // A row with no answer: z is not a touchpoint of the report.
      row('nps', 'nps', 'z', '2026-11-02', 0, new Array(11).fill(0)),
      // A bucket the trend does not have (not a Monday): counts in the month, in no week.
      row('nps', 'nps', 'a', '2026-11-04', 0, [0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0]),
      // Stars given on 0–6 by a backend: 0 and 6 are off the question's 1–5 scale.
      row('rating', 'stars', 'b', '2026-11-09', 0, [3, 1, 0, 0, 0, 2, 4]),
      // Stars all off the scale: c is in the report, with no answer on the scale.
      row('rating', 'stars', 'c', '2026-11-09', 6, [5]),
    ];
    const asked: (string | null)[] = [];
    const report = await cxReportFrom(
      sourceOf(async (filter) => {
        asked.push(filter.granularity);
        return filter.granularity === null ? [] : rows;
      }),
      {
        period: november,
        granularity: 'week',
        compareTo: { from: '2026-10-01', to: '2026-10-31' },
      },
      context,
    );
    expect(asked).toEqual(['week', null]);
    expect(report.touchpoints.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    const nps = report.metrics.find((m) => m.key === 'nps');
    expect(nps?.byTouchpoint.map((s) => s.touchpointId)).toEqual(['a']);
    // The month: 10, 3, 9, 9; the first week 10 and 3; the weeks after have none.
    expect(nps?.overall.current).toMatchObject({ n: 4, value: 50 });
    expect(nps?.overall.trend.map((p) => [p.key, p.figure.n, p.figure.value])).toEqual([
      ['2026-W44', 2, 0],
      ['2026-W45', 0, null],
      ['2026-W46', 0, null],
      ['2026-W47', 0, null],
      ['2026-W48', 0, null],
      ['2026-W49', 0, null],
    ]);
    // The compared month had no rows: its figure has no answer, the change says nothing.
    expect(nps?.overall.previous).toMatchObject({ n: 0, value: null });
    expect(nps?.overall.change).toMatchObject({ difference: null, significant: false });
    expect(nps?.byTouchpoint[0]?.previous).toMatchObject({ n: 0, value: null });
    const stars = report.metrics.find((m) => m.key === 'rating:s-csat/stars');
    expect(stars?.byTouchpoint.map((s) => [s.touchpointId, s.current.n, s.current.value])).toEqual([
      ['b', 3, (1 + 5 + 5) / 3],
      ['c', 0, null],
    ]);
    expect(stars?.overall.current.detail).toMatchObject({
      distribution: [
        { value: 1, count: 1 },
        { value: 2, count: 0 },
        { value: 3, count: 0 },
        { value: 4, count: 0 },
        { value: 5, count: 2 },
      ],
    });
    expect(report.metrics.map((m) => m.key)).toEqual(['nps', 'csat', 'ces', 'rating:s-csat/stars']);
  });

  it('given a target › its series tallies the rows of its scope, buckets as the report’s', async () => {
    const rows = [
      row('nps', 'nps', 'a', '2026-11-01', 0, [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3]),
      row('nps', 'nps', 'b', '2026-10-01', 0, [0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0]),
    ];
    const report = await cxReportFrom(
      sourceOf(async () => rows),
      { period: { from: '2026-10-01', to: '2026-11-30' }, granularity: 'month' },
      {
        ...context,
        targets: [
          {
            id: 't',
            metric: 'nps',
            scope: { kind: 'overall' },
            milestones: [{ by: '2027-06-30', value: 40 }],
          },
        ],
      },
    );
    expect(report.targets[0]?.current.n).toBe(6);
    expect(report.targets[0]?.current.value).toBeCloseTo(400 / 6, 10);
    expect(report.targets[0]?.projected).not.toBeNull();
  });
});

describe('countScores (the reference of scoreCounts)', () => {
  const score = (extra: Partial<CxScore>): CxScore => ({
    responseId: 'r',
    customerId: 'c',
    surveyId: 's-csat',
    questionId: 'csat',
    touchpointId: 'a',
    metric: 'csat',
    min: 1,
    max: 5,
    score: 4,
    at: '2026-11-03T12:00:00.000Z',
    day: '2026-11-03',
    ...extra,
  });

  it('given scores › one row per bucket, touchpoint and question, counts over the whole scale; off the scale not counted', () => {
    const scores = [
      score({}),
      score({ score: 4 }),
      score({ score: 1, day: '2026-11-20' }),
      score({ touchpointId: 'b', score: 5 }),
      score({ questionId: 'stars', metric: 'rating', score: 2 }),
      score({ score: 6 }),
      score({ score: 2.5 }),
      score({ day: '2026-12-01' }),
    ];
    const period = { from: '2026-11-01', to: '2026-11-30' };
    expect(countScores(scores, { period, granularity: 'month' })).toEqual([
      { ...row('a', 'csat', '2026-11-01'), counts: [1, 0, 0, 2, 0] },
      { ...row('b', 'csat', '2026-11-01'), counts: [0, 0, 0, 0, 1] },
      { ...row('a', 'stars', '2026-11-01'), metric: 'rating', counts: [0, 1, 0, 0, 0] },
    ]);
    expect(
      countScores(scores, { period, granularity: 'week', touchpoints: ['a'], metric: 'csat' }),
    ).toEqual([
      { ...row('a', 'csat', '2026-11-02'), counts: [0, 0, 0, 2, 0] },
      { ...row('a', 'csat', '2026-11-16'), counts: [1, 0, 0, 0, 0] },
    ]);
    expect(
      countScores(scores, { period: { from: '2026-11-04', to: '2026-11-30' }, granularity: null }),
    ).toEqual([{ ...row('a', 'csat', '2026-11-04'), counts: [1, 0, 0, 0, 0] }]);

    function row(touchpointId: string, questionId: string, bucket: string) {
      return {
        metric: 'csat',
        surveyId: 's-csat',
        questionId,
        min: 1,
        max: 5,
        touchpointId,
        bucket,
      };
    }
  });
});
