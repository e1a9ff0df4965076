import {
  type Actor,
  type CxConfig,
  type CxReportQuery,
  createMemoryBackend,
  cxQuestionsOf,
  defineSurvey,
  type FeedbackResponse,
  type MemoryBackend,
  type TeamPort,
  type Touchpoint,
} from '@palaute/engine';
import fc from 'fast-check';
import { syncCxQuestions, wholeMonths } from '../../packages/server/src/storage/storage.cx';
import { migrate } from '../../packages/server/src/storage/storage.migrations';
import { openStorage, type ServerStorage } from '../../packages/server/src/storage/storage.open';
import { openPglite } from '../../packages/server/src/storage/storage.sql';
import { databaseUrl, freshDatabase, postgresTitle } from './storage.fixtures';

// The SQL storage counts the CX report in the database (migration 6: scores copied from responses
// by a trigger, a daily rollup kept by another; rates from the displays' rollup, or per display
// with a segment filter (migration 12); loop metrics, CX levels and promise vs delivery by
// aggregate queries over the period's items); the engine's memory backend is the reference. Both
// finish with the engine's cxReportFrom, so equal counts make equal reports to the last digit:
// random responses, displays, dismissals, levels, plans, ships and queries go to both.

const anna: Actor = { kind: 'team', id: 'anna', name: 'Anna' };
const npsSurvey = defineSurvey({
  id: 'nps-survey',
  touchpointId: 'pricing',
  title: 'NPS',
  questions: [
    { id: 'nps', type: 'nps', title: 'Recommend?' },
    { id: 'why', type: 'text', title: 'Why?', required: false },
  ],
});
const csatSurvey = defineSurvey({
  id: 'csat-survey',
  touchpointId: 'support',
  title: 'CSAT',
  questions: [
    { id: 'csat', type: 'csat', title: 'Satisfied?' },
    { id: 'effort', type: 'ces', title: 'Easy?', required: false },
    { id: 'stars', type: 'rating', title: 'Stars', scale: { min: 0, max: 4 }, required: false },
    { id: 'why', type: 'text', title: 'Why?', required: false },
  ],
});
const surveys = [npsSurvey, csatSurvey];
const touchpoints: Touchpoint[] = [
  { id: 'support', stage: 'support', channel: 'inProduct' },
  { id: 'pricing', stage: 'evaluate', channel: 'web', name: 'Pricing' },
];
const config: CxConfig = {
  levels: {
    byTouchpoint: { support: 'necessity' },
    // A scored question's default wins over a text question's, whatever the answers' order.
    byQuestion: { 'csat-survey/stars': 'vision', 'csat-survey/why': 'differentiation' },
  },
};
const NOW = new Date('2026-12-01T09:00:00.000Z');
// The team's steps happen at this clock's time (both backends read it), so stays in planned vary.
let clock = NOW;
const now = () => clock;
const DAY = 86_400_000;
const BASE = Date.parse('2026-09-01T00:00:00.000Z');

const kinds = [
  { name: 'PGlite (in memory)', run: true },
  { name: postgresTitle, run: Boolean(databaseUrl) },
];

const segmentArbitrary = fc.option(
  fc.record(
    { plan: fc.constantFrom('pro', 'free', 12, '12', true), country: fc.constantFrom('FI', 'SE') },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);
const scoreArbitrary = fc.oneof(fc.integer({ min: -1, max: 11 }), fc.constantFrom(2.5, 0, 10, 7));
const drawArbitrary = fc.record({
  survey: fc.constantFrom('nps-survey', 'csat-survey', 'unknown-survey'),
  touchpoint: fc.constantFrom('pricing', 'support', 'elsewhere'),
  score: scoreArbitrary,
  effort: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
  stars: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  text: fc.option(fc.constantFrom('Slow', 'Great', ''), { nil: undefined }),
  // Minutes from BASE over ~100 days, with an offset that may move the UTC day.
  minutes: fc.integer({ min: 0, max: 100 * 24 * 60 }),
  offset: fc.constantFrom('Z', '+02:00', '-05:00', '+14:00'),
  segment: segmentArbitrary,
  shown: fc.constantFrom('answered', 'answered', 'dismissed', 'optOut', 'notNow', 'notShown'),
  level: fc.option(fc.constantFrom('necessity', 'differentiation', 'vision', null), {
    nil: undefined,
  }),
  plan: fc.boolean(),
  // What becomes of a planned item: it stays planned, ships (a change), or is declined.
  afterPlan: fc.constantFrom('stay', 'ship', 'decline'),
  // The display arrives after the answer or the dismissal (an outbox delivering out of order).
  late: fc.boolean(),
});
type Draw = typeof drawArbitrary extends fc.Arbitrary<infer T> ? T : never;

const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const periodArbitrary = fc
  .tuple(fc.integer({ min: -10, max: 100 }), fc.integer({ min: 0, max: 60 }))
  .map(([start, length]) => ({
    from: dayString(BASE + start * DAY),
    to: dayString(BASE + (start + length) * DAY),
  }));
const queryArbitrary: fc.Arbitrary<CxReportQuery> = fc.record(
  {
    period: periodArbitrary,
    granularity: fc.constantFrom('day', 'week', 'month', 'quarter'),
    touchpoints: fc.subarray(['pricing', 'support', 'elsewhere'], { minLength: 1 }),
    segment: fc.constantFrom(
      { plan: 'pro' },
      { plan: 12 },
      { plan: '12' },
      { country: 'FI', plan: true },
    ),
    compareTo: periodArbitrary,
  },
  { requiredKeys: ['period'] },
);

/** A timestamp `minutes` after BASE, written with an offset (the same instant). */
function stamp(minutes: number, offset: string): string {
  const ms = BASE + minutes * 60_000;
  if (offset === 'Z') return new Date(ms).toISOString();
  const sign = offset.startsWith('-') ? -1 : 1;
  const shift = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return `${new Date(ms + shift * 60_000).toISOString().slice(0, 19)}${offset}`;
}

/** Writes the same draws to a backend (memory or SQL) through its ports. */
async function write(
  backend: Pick<MemoryBackend, 'submitResponse' | 'recordDisplay' | 'recordDismissal'>,
  team: TeamPort,
  draws: readonly Draw[],
  run: number,
) {
  for (const [index, draw] of draws.entries()) {
    const id = `r-${run}-${String(index).padStart(4, '0')}`;
    const at = stamp(draw.minutes, draw.offset);
    const answers: FeedbackResponse['answers'] =
      draw.survey === 'csat-survey'
        ? {
            csat: draw.score,
            ...(draw.effort !== undefined ? { effort: draw.effort } : {}),
            ...(draw.stars !== undefined ? { stars: draw.stars } : {}),
          }
        : { nps: draw.score };
    if (draw.text !== undefined && draw.text !== '') answers.why = draw.text;
    const base = {
      surveyId: draw.survey,
      surveyVersion: 1,
      touchpointId: draw.touchpoint,
      customerId: `c-${index % 7}`,
    };
    // Displays and dismissals carry the segment as the response does (rates by segment).
    const segment = draw.segment ? { segment: draw.segment } : {};
    const display = () => backend.recordDisplay({ ...base, ...segment, responseId: id, at });
    if (draw.shown !== 'notShown' && !draw.late) await display();
    if (draw.shown === 'answered' || draw.shown === 'notShown') {
      await backend.submitResponse({
        ...base,
        id,
        locale: 'en',
        answers,
        ...(draw.segment ? { segment: draw.segment } : {}),
        startedAt: at,
        submittedAt: at,
      });
      if (draw.text && draw.level !== undefined)
        await team.act(id, { type: 'level.set', level: draw.level }, anna);
      if (draw.text && draw.plan) {
        clock = new Date(NOW.getTime() - (draw.minutes % 9000) * 60_000);
        await team.act(id, { type: 'feedback.plan' }, anna);
        clock = new Date(NOW.getTime() - (draw.minutes % 700) * 60_000);
        if (draw.afterPlan === 'ship')
          await team.shipChange({ id: `change-${id}`, weDid: 'Done', itemIds: [id] }, anna);
        else if (draw.afterPlan === 'decline')
          await team.act(id, { type: 'feedback.decline', reason: 'Not now' }, anna);
        clock = NOW;
      }
    } else
      await backend.recordDismissal({
        ...base,
        ...segment,
        responseId: id,
        at,
        reason: draw.shown === 'optOut' ? 'optOut' : draw.shown === 'notNow' ? 'notNow' : 'dismiss',
        step: 'asking',
        submitted: false,
      });
    if (draw.shown !== 'notShown' && draw.late) await display();
  }
}

describe.each(kinds)('the CX report in SQL, against the engine: $name', ({ name, run }) => {
  let storage: ServerStorage;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!run) return;
    let url: string | undefined;
    if (name === postgresTitle) {
      const database = await freshDatabase(databaseUrl as string);
      drop = database.drop;
      url = database.url;
    }
    storage = await openStorage({
      databaseUrl: url,
      now,
      cx: { surveys, touchpoints, config },
    });
  }, 180_000);
  afterAll(async () => {
    await storage?.close();
    await drop?.();
  }, 60_000);
  const it = run ? test : test.skip;
  let runs = 0;
  let counted = 0;
  let shown = 0;
  let shownInSegment = 0;
  let planned = 0;
  let closedAtLevel = 0;

  /** Empties the storage by the data-rights route, customer by customer. */
  const empty = async () => {
    for (let c = 0; c < 7; c++) await storage.deleteCustomer(`c-${c}`);
  };

  it('property: on random responses, displays, dismissals and levels, every report is the engine’s to the last digit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(drawArbitrary, { maxLength: 30 }),
        fc.array(queryArbitrary, { minLength: 1, maxLength: 3 }),
        async (draws, queries) => {
          runs++;
          await empty();
          const memory = createMemoryBackend({
            now,
            cx: { surveys, touchpoints, config },
          });
          // One answer in a segment planned and shipped at a level in every run, so the runs
          // never all leave the work figures or the segment's rates empty.
          const everyDraw: Draw[] = [
            {
              survey: 'csat-survey',
              touchpoint: 'pricing',
              score: 2,
              effort: 3,
              stars: 1,
              text: 'Slow',
              minutes: (runs * 997) % (90 * 24 * 60),
              offset: 'Z',
              segment: { plan: 'pro' },
              shown: 'answered',
              level: 'vision',
              plan: true,
              afterPlan: runs % 2 === 0 ? 'ship' : 'stay',
              late: false,
            },
            ...draws,
          ];
          await write(memory, memory.team, everyDraw, runs);
          await write(storage.backend, storage.team, everyDraw, runs);
          // Besides the random queries, one over every day drawn (so the runs are not all empty).
          const all: CxReportQuery = {
            period: { from: '2026-08-01', to: '2026-12-31' },
            granularity: 'week',
          };
          // And one by month over whole months and days at both ends, compared with two whole
          // months: the monthly rollup (migration 12) read with the daily one's ends.
          const months: CxReportQuery = {
            period: { from: '2026-08-20', to: '2026-12-10' },
            granularity: 'month',
            compareTo: { from: '2026-09-01', to: '2026-10-31' },
          };
          const pro: CxReportQuery = { ...all, granularity: 'quarter', segment: { plan: 'pro' } };
          for (const query of [all, months, pro, ...queries]) {
            const expected = await memory.team.cxReport(query);
            expect(await storage.team.cxReport(query)).toEqual(expected);
            for (const metric of expected.metrics) counted += metric.overall.current.n;
            shown += expected.rates.overall.shown;
            if (query.segment) shownInSegment += expected.rates.overall.shown;
            planned += expected.promise.timeInPlanned.count;
            for (const level of expected.levels)
              if (level.level) closedAtLevel += level.timeToClose.count;
          }
          const verbatims = {
            metric: 'nps' as const,
            period: { from: '2026-08-01', to: '2026-12-31' },
            limit: 4,
          };
          let page = await memory.team.cxResponses(verbatims);
          let sqlPage = await storage.team.cxResponses(verbatims);
          expect(sqlPage).toEqual(page);
          while (page.next) {
            page = await memory.team.cxResponses({ ...verbatims, cursor: page.next });
            sqlPage = await storage.team.cxResponses({
              ...verbatims,
              cursor: page.next ?? sqlPage.next,
            });
          }
          const detractors = {
            ...verbatims,
            score: { max: 6 },
            withText: true,
            segment: { plan: 'pro' },
          };
          expect(await storage.team.cxResponses(detractors)).toEqual(
            await memory.team.cxResponses(detractors),
          );
        },
      ),
      { numRuns: 12 },
    );
    // The runs were not all empty.
    expect(counted).toBeGreaterThan(0);
    expect(shown).toBeGreaterThan(0);
    expect(shownInSegment).toBeGreaterThan(0);
    expect(planned).toBeGreaterThan(0);
    expect(closedAtLevel).toBeGreaterThan(0);
  }, 240_000);

  it('a customer deleted leaves no score and no count in the rollup', async () => {
    await empty();
    const draws: Draw[] = [0, 1, 2].map((i) => ({
      survey: 'nps-survey',
      touchpoint: 'pricing',
      score: 9 + (i % 2),
      effort: undefined,
      stars: undefined,
      text: undefined,
      minutes: i * 60,
      offset: 'Z',
      segment: undefined,
      shown: 'answered',
      level: undefined,
      plan: false,
      afterPlan: 'stay',
      late: i === 2,
    }));
    await write(storage.backend, storage.team, draws, ++runs);
    const query = { period: { from: '2026-09-01', to: '2026-09-30' } };
    const before = await storage.team.cxReport(query);
    expect(before.metrics.find((m) => m.key === 'nps')?.overall.current.n).toBe(3);
    await storage.deleteCustomer('c-1');
    const after = await storage.team.cxReport(query);
    expect(after.metrics.find((m) => m.key === 'nps')?.overall.current.n).toBe(2);
    expect(after.rates.overall.shown).toBe(2);
  });

  it('targets are stored in order and replaced whole; a bad set is refused and nothing changes', async () => {
    const target = {
      id: 'nps-next-year',
      metric: 'nps' as const,
      scope: { kind: 'overall' as const },
      milestones: [
        { by: '2027-12-31', value: 35 },
        { by: '2028-12-31', value: 45 },
      ],
    };
    const second = {
      ...target,
      id: 'pricing',
      scope: { kind: 'touchpoint' as const, touchpointId: 'pricing' },
    };
    expect(await storage.team.setCxTargets?.({ targets: [second, target] })).toEqual({
      targets: [second, target],
    });
    const refused = await storage.team
      .setCxTargets?.({ targets: [{ ...target, milestones: [...target.milestones].reverse() }] })
      .catch((error: unknown) => error);
    expect((refused as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual([
      'targets[0].milestones[1].by',
    ]);
    expect(await storage.team.cxTargets?.()).toEqual({ targets: [second, target] });
    const report = await storage.team.cxReport?.({
      period: { from: '2026-09-01', to: '2026-12-31' },
    });
    expect(report?.targets.map((t) => t.target.id)).toEqual(['pricing', 'nps-next-year']);
  });
});

describe('whole months of a period (what the monthly rollup answers)', () => {
  const day = (text: string) => Date.parse(text) / DAY;
  const months = (from: string, to: string) =>
    wholeMonths(day(from), day(to))?.map((epoch) => dayString(epoch * DAY)) ?? null;
  it('given periods on and off month boundaries › the months wholly inside, as [first, end)', () => {
    expect(months('2026-08-20', '2026-12-10')).toEqual(['2026-09-01', '2026-12-01']);
    expect(months('2026-09-01', '2026-09-30')).toEqual(['2026-09-01', '2026-10-01']);
    expect(months('2026-01-31', '2026-03-31')).toEqual(['2026-02-01', '2026-04-01']);
    expect(months('2028-02-01', '2028-02-29')).toEqual(['2028-02-01', '2028-03-01']);
    expect(months('2028-02-01', '2028-02-28')).toBeNull();
    expect(months('2026-09-02', '2026-10-30')).toBeNull();
    expect(months('2026-12-01', '2027-01-31')).toEqual(['2026-12-01', '2027-02-01']);
  });
});

describe('the scored questions follow the journey', () => {
  it('given responses stored before a question was known › it is backfilled when it joins, and its scores go when it leaves', async () => {
    const sql = await openPglite();
    try {
      await migrate(sql);
      // Responses written while the server knew no surveys: no scores yet.
      await sql.query(
        `INSERT INTO palaute_responses (id, customer_id, survey_id, touchpoint_id, received_at, document)
         VALUES ('r-backfill-1', 'c', 'nps-survey', 'pricing', now(), $1::jsonb)`,
        [
          JSON.stringify({
            id: 'r-backfill-1',
            surveyId: 'nps-survey',
            surveyVersion: 1,
            touchpointId: 'pricing',
            customerId: 'c',
            locale: 'en',
            answers: { nps: 9, why: 'ok' },
            segment: { plan: 'pro' },
            startedAt: '2026-09-02T23:30:00.000-02:00',
            submittedAt: '2026-09-02T23:30:00.000-02:00',
          }),
        ],
      );
      const count = async () =>
        (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM palaute_scores'))[0]?.n;
      const days = async () =>
        await sql.query<{ day: number; count: number }>(
          'SELECT day, n AS count FROM palaute_cx_days',
        );
      expect(await count()).toBe(0);
      await syncCxQuestions(sql, cxQuestionsOf(surveys));
      expect(await count()).toBe(1);
      // 23:30 at −02:00 is 01:30 UTC the next day.
      expect(await days()).toEqual([{ day: Date.parse('2026-09-03') / DAY, count: 1 }]);
      await syncCxQuestions(sql, cxQuestionsOf([csatSurvey]));
      expect(await count()).toBe(0);
      expect(await days()).toEqual([]);
    } finally {
      await sql.close();
    }
  }, 180_000);
});
