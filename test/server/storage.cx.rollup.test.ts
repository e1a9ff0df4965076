import type { CxQuestion, FeedbackResponse } from '@palaute/engine';
import { type CxScoreCounts, countScores, cxScoresOf } from '@palaute/engine/internal';
import fc from 'fast-check';
import { createSqlBackend } from '../../packages/server/src/storage/storage.backend';
import { addCounts, createSqlCxCounts } from '../../packages/server/src/storage/storage.cx';
import type { Sql } from '../../packages/server/src/storage/storage.sql';
import {
  makeDismissal,
  makeDisplay,
  onMigratedDatabase,
  postgresTitle,
  sqlKinds,
  unique,
} from './storage.fixtures';

// The CX rollups (migration 16: palaute_cx_days, palaute_cx_months, palaute_display_days keyed by
// segment) are kept by triggers in the writer's transaction. Random responses, displays and
// dismissals are written through the storage (one at a time and in batches, displays before or
// after their answers), then answers rewritten (score, segment, submission time), responses
// deleted and customers' data erased; after every step the rollups must equal a recomputation
// from the base rows by the engine's own reading of each response (`cxScoresOf`), and the score
// counts the report reads from them must equal the engine's `countScores`, with and without a
// segment filter.

const DAY = 86_400_000;
const BASE = Date.parse('2026-03-30T00:00:00.000Z');

const kinds = sqlKinds;

const questions: CxQuestion[] = [
  { surveyId: 'nps-dashboard', questionId: 'nps', metric: 'nps', min: 0, max: 10 },
  { surveyId: 'csat-survey', questionId: 'csat', metric: 'csat', min: 1, max: 5 },
];

const two = (n: number) => String(n).padStart(2, '0');
/** An instant within ±3 days of BASE (a month's end), near midnight often, with an offset. */
const stamp = fc
  .record({
    minutes: fc.oneof(
      fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }),
      fc.constantFrom(-1, 0, 1, 24 * 60 - 1, 2 * 24 * 60),
    ),
    offset: fc.constantFrom(0, 0, 120, -300),
  })
  .map(({ minutes, offset }) => {
    const local = new Date(BASE + minutes * 60_000 + offset * 60_000).toISOString();
    const zone =
      offset === 0
        ? 'Z'
        : `${offset > 0 ? '+' : '-'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
    return `${local.slice(0, 23)}${zone}`;
  });
const segment = fc.option(
  fc.oneof(
    fc.record({ plan: fc.constantFrom('pro', 'free', 12, '12') }),
    fc.record({ plan: fc.constantFrom('pro', 'free'), seats: fc.constantFrom(1, 5) }),
  ),
  { nil: undefined },
);
const answer = fc.oneof(fc.integer({ min: -1, max: 11 }), fc.constant(7.5), fc.constant('8'));
const flowArbitrary = fc.record({
  customer: fc.integer({ min: 0, max: 3 }),
  survey: fc.constantFrom('nps-dashboard', 'csat-survey'),
  touchpoint: fc.constantFrom('a', 'b'),
  answered: fc.boolean(),
  answer,
  at: stamp,
  segment,
  display: fc.constantFrom<'none' | 'before' | 'after'>('none', 'before', 'after', 'before'),
  displaySegment: segment,
  dismissal: fc.option(
    fc.record({
      reason: fc.constantFrom<'notNow' | 'dismiss' | 'optOut'>('notNow', 'dismiss', 'optOut'),
      submitted: fc.boolean(),
    }),
    { nil: undefined },
  ),
  batch: fc.boolean(),
});
const rewriteArbitrary = fc.record({
  kind: fc.constant('rewrite' as const),
  flow: fc.nat(),
  answer,
  at: fc.option(stamp, { nil: undefined }),
  segment,
});
const changeArbitrary = fc.oneof(
  rewriteArbitrary,
  fc.record({
    kind: fc.constant('rewrite' as const),
    flow: fc.nat(),
    answer,
    at: fc.option(stamp, { nil: undefined }),
    segment,
  }),
  fc.record({ kind: fc.constant('delete' as const), flow: fc.nat() }),
  fc.record({ kind: fc.constant('erase' as const), customer: fc.integer({ min: 0, max: 3 }) }),
);

/** A JSON value with its objects' keys sorted (jsonb keeps its own order). */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
const monthOf = (day: number) => {
  const date = new Date(day * DAY);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY;
};

/** What the rollups must hold, recomputed from the base rows. */
async function recomputed(sql: Sql) {
  const responses = (
    await sql.query<{ document: FeedbackResponse }>('SELECT document FROM palaute_responses')
  ).map((row) => row.document);
  const scores = responses.flatMap((response) => cxScoresOf(response, questions));
  const days = new Map<string, { n: number; counts: number[] }>();
  const months = new Map<string, { n: number; counts: number[] }>();
  for (const score of scores) {
    const day = Date.parse(score.day) / DAY;
    const rest = [
      score.touchpointId,
      score.surveyId,
      score.questionId,
      score.metric,
      score.min,
      score.max,
      score.segment ?? null,
    ];
    for (const [map, key] of [
      [days, canonical([day, ...rest])],
      [months, canonical([monthOf(day), ...rest])],
    ] as const) {
      const row = map.get(key) ?? {
        n: 0,
        counts: Array.from({ length: score.max - score.min + 1 }, () => 0),
      };
      row.n += 1;
      row.counts[score.score - score.min] = (row.counts[score.score - score.min] ?? 0) + 1;
      map.set(key, row);
    }
  }
  const displays = await sql.query<{
    customer_id: string;
    response_id: string;
    document: { at: string; touchpointId: string; segment?: unknown };
    answered: boolean;
    reason: string | null;
    submitted: unknown;
  }>(
    `SELECT d.customer_id, d.response_id, d.document, r.id IS NOT NULL AS answered, m.reason,
            m.document -> 'submitted' AS submitted
     FROM palaute_displays AS d
     LEFT JOIN palaute_responses AS r ON r.customer_id = d.customer_id AND r.id = d.response_id
     LEFT JOIN palaute_dismissals AS m ON m.customer_id = d.customer_id AND m.response_id = d.response_id`,
  );
  const rates = new Map<string, number[]>();
  for (const display of displays) {
    const day = Math.floor(Date.parse(display.document.at) / DAY);
    const seg =
      display.document.segment && typeof display.document.segment === 'object'
        ? display.document.segment
        : null;
    const key = canonical([day, display.document.touchpointId, seg]);
    const row = rates.get(key) ?? [0, 0, 0, 0];
    row[0] = (row[0] ?? 0) + 1;
    if (display.answered) row[1] = (row[1] ?? 0) + 1;
    if (display.reason && display.reason !== 'optOut' && display.submitted === false)
      row[2] = (row[2] ?? 0) + 1;
    if (display.reason === 'optOut') row[3] = (row[3] ?? 0) + 1;
    rates.set(key, row);
  }
  const sorted = <T>(map: Map<string, T>) =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return { scores, days: sorted(days), months: sorted(months), rates: sorted(rates) };
}

/** What the rollups hold (rows of nothing left out: a display day can keep zeros). */
async function stored(sql: Sql) {
  const rollup = async (table: string, first: string) =>
    (
      await sql.query<Record<string, unknown> & { n: number; counts: number[] | string }>(
        `SELECT ${first} AS first, touchpoint_id, survey_id, question_id, metric, scale_min,
                scale_max, segment, n, counts FROM ${table}`,
      )
    )
      .map((row) => {
        const counts =
          typeof row.counts === 'string'
            ? row.counts.slice(1, -1).split(',').map(Number)
            : row.counts;
        return [
          canonical([
            row.first,
            row.touchpoint_id,
            row.survey_id,
            row.question_id,
            row.metric,
            row.scale_min,
            row.scale_max,
            row.segment,
          ]),
          { n: row.n, counts },
        ] as [string, { n: number; counts: number[] }];
      })
      .sort(([a], [b]) => (a < b ? -1 : 1));
  const rates = (
    await sql.query<{
      day: number;
      touchpoint_id: string;
      segment: unknown;
      shown: number;
      answered: number;
      dismissed: number;
      opted_out: number;
    }>('SELECT * FROM palaute_display_days')
  )
    .filter(
      (row) => row.shown !== 0 || row.answered !== 0 || row.dismissed !== 0 || row.opted_out !== 0,
    )
    .map(
      (row) =>
        [
          canonical([row.day, row.touchpoint_id, row.segment]),
          [row.shown, row.answered, row.dismissed, row.opted_out],
        ] as [string, number[]],
    )
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    days: await rollup('palaute_cx_days', 'day'),
    months: await rollup('palaute_cx_months', 'month'),
    rates,
  };
}

describe.each(kinds)(
  'the CX rollups (migration 16), against a recomputation: $name',
  ({ name, run }) => {
    let sql: Sql;
    onMigratedDatabase(
      { name, run },
      async (opened) => {
        sql = opened;
        for (const q of questions)
          await sql.query(
            `INSERT INTO palaute_cx_questions (survey_id, question_id, metric, scale_min, scale_max)
           VALUES ($1, $2, $3, $4, $5)`,
            [q.surveyId, q.questionId, q.metric, q.min, q.max],
          );
      },
      180_000,
    );

    it.runIf(run)(
      'given random answers, displays and dismissals, then rewrites, deletions and erasures › the rollups equal the base rows recomputed, and the report’s counts the engine’s',
      async () => {
        const backend = createSqlBackend(sql, () => new Date('2026-04-10T00:00:00.000Z'));
        const counts = createSqlCxCounts(sql);
        let rewrites = 0;
        const check = async () => {
          const want = await recomputed(sql);
          const have = await stored(sql);
          expect(have.days).toEqual(want.days);
          expect(have.months).toEqual(want.months);
          expect(have.rates).toEqual(want.rates);
          const period = { from: '2026-03-27', to: '2026-04-02' };
          for (const filter of [
            { period, granularity: 'day' as const },
            { period, granularity: 'month' as const },
            { period, granularity: null, segment: { plan: 'pro' } },
            { period, granularity: 'week' as const, segment: { plan: 12 }, touchpoints: ['a'] },
          ]) {
            // One row per bucket × touchpoint × question, its counts over the whole scale.
            const key = (row: CxScoreCounts) =>
              `${row.bucket}/${row.touchpointId}/${row.surveyId}/${row.questionId}`;
            const byKey = (rows: CxScoreCounts[]) =>
              [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
            expect(byKey(await counts.scoreCounts(filter))).toEqual(
              byKey(countScores(want.scores, filter)),
            );
          }
        };
        await fc.assert(
          fc.asyncProperty(
            fc.array(flowArbitrary, { minLength: 1, maxLength: 10 }),
            fc.array(changeArbitrary, { minLength: 1, maxLength: 6 }),
            async (flows, changes) => {
              const ids = unique('rollup');
              const customer = (n: number) => `${ids.customer}-${n}`;
              const written = flows.map((flow, n) => {
                const who = {
                  ...ids,
                  customer: customer(flow.customer),
                  touchpoint: flow.touchpoint,
                };
                const responseId = ids.response(n);
                const response: FeedbackResponse = {
                  id: responseId,
                  surveyId: flow.survey,
                  surveyVersion: 1,
                  touchpointId: flow.touchpoint,
                  customerId: who.customer,
                  locale: 'en',
                  answers: { [flow.survey === 'nps-dashboard' ? 'nps' : 'csat']: flow.answer },
                  startedAt: flow.at,
                  submittedAt: flow.at,
                  ...(flow.segment ? { segment: flow.segment } : {}),
                } as FeedbackResponse;
                const display = {
                  ...makeDisplay(who, responseId, flow.at),
                  surveyId: flow.survey,
                  ...(flow.displaySegment ? { segment: flow.displaySegment } : {}),
                };
                return { flow, who, response, display };
              });
              for (const { flow, display } of written)
                if (flow.display === 'before') await backend.recordDisplay(display);
              const batch = written.filter((w) => w.flow.answered && w.flow.batch);
              if (batch.length > 0)
                await backend.deliver(
                  batch.map((w) => ({ kind: 'response', payload: w.response })),
                );
              for (const w of written)
                if (w.flow.answered && !w.flow.batch) await backend.submitResponse(w.response);
              for (const { flow, who, display } of written) {
                if (flow.display === 'after') await backend.recordDisplay(display);
                if (flow.dismissal)
                  await backend.recordDismissal({
                    ...makeDismissal(who, display.responseId, flow.at, flow.dismissal.reason),
                    surveyId: flow.survey,
                    submitted: flow.dismissal.submitted,
                  });
              }
              await check();
              for (const change of changes) {
                if (change.kind === 'erase')
                  await backend.deleteCustomer(customer(change.customer));
                else {
                  const target = written[change.flow % written.length];
                  if (!target) continue;
                  const { response } = target;
                  if (change.kind === 'delete')
                    await sql.query(
                      'DELETE FROM palaute_responses WHERE customer_id = $1 AND id = $2',
                      [response.customerId, response.id],
                    );
                  else {
                    const { segment: _old, ...rest } = response;
                    const rewritten = {
                      ...rest,
                      answers: {
                        [response.surveyId === 'nps-dashboard' ? 'nps' : 'csat']: change.answer,
                      },
                      ...(change.at ? { submittedAt: change.at } : {}),
                      ...(change.segment ? { segment: change.segment } : {}),
                    };
                    const updated = await sql.query(
                      'UPDATE palaute_responses SET document = $3::jsonb WHERE customer_id = $1 AND id = $2 RETURNING 1',
                      [response.customerId, response.id, JSON.stringify(rewritten)],
                    );
                    rewrites += updated.length;
                  }
                }
                await check();
              }
            },
          ),
          { numRuns: name === postgresTitle ? 25 : 15 },
        );
        // The runs reached the rewrite path (answers changed in place), not only inserts.
        expect(rewrites).toBeGreaterThan(0);
      },
      600_000,
    );

    it.runIf(run)(
      'given one batch with repeated days, touchpoints, segments and keys, then its scores moved and removed by one statement each (migration 23) › the rollups equal those of the same rows written, moved and removed one at a time',
      async () => {
        const backend = createSqlBackend(sql, () => new Date('2026-04-10T00:00:00.000Z'));
        const ids = unique('rollup-batch');
        const plan = [
          ['nps-dashboard', 'a', 9, '2026-03-30T08:00:00.000Z', { plan: 'pro' }],
          ['nps-dashboard', 'a', 9, '2026-03-30T09:00:00.000Z', { plan: 'pro' }],
          ['nps-dashboard', 'a', 3, '2026-03-30T10:00:00.000Z', undefined],
          ['nps-dashboard', 'b', 10, '2026-03-30T23:59:00.000Z', { plan: 'pro' }],
          ['nps-dashboard', 'a', 9, '2026-03-31T00:00:00.000Z', { plan: 'pro' }],
          ['nps-dashboard', 'a', 0, '2026-04-01T00:01:00.000Z', { plan: 'free' }],
          ['csat-survey', 'a', 5, '2026-03-30T08:00:00.000Z', { plan: 'pro' }],
          ['csat-survey', 'a', 5, '2026-03-30T12:00:00.000Z', { plan: 'pro' }],
          ['csat-survey', 'a', 1, '2026-03-30T12:00:00.000Z', undefined],
          ['csat-survey', 'b', 3, '2026-04-01T00:00:00.000Z', { plan: 'pro', seats: 5 }],
          ['csat-survey', 'b', 3, '2026-04-01T01:00:00.000Z', { plan: 'pro', seats: 5 }],
          ['nps-dashboard', 'b', 7, '2026-03-31T12:00:00.000Z', undefined],
        ] as const;
        const responses = plan.map(
          ([survey, touchpoint, score, at, seg], n) =>
            ({
              id: ids.response(n),
              surveyId: survey,
              surveyVersion: 1,
              touchpointId: touchpoint,
              customerId: ids.customer,
              locale: 'en',
              answers: { [survey === 'nps-dashboard' ? 'nps' : 'csat']: score },
              startedAt: at,
              submittedAt: at,
              ...(seg ? { segment: seg } : {}),
            }) as FeedbackResponse,
        );
        const rollups = async () => {
          const { days, months } = await stored(sql);
          return { days, months };
        };
        const before = await rollups();
        const forget = () =>
          sql.query('DELETE FROM palaute_responses WHERE customer_id = $1', [ids.customer]);

        // One batch (a response given twice in it, stored once), then one at a time.
        const results = await backend.deliver(
          [...responses, responses[1] as FeedbackResponse, responses[6] as FeedbackResponse].map(
            (payload) => ({ kind: 'response' as const, payload }),
          ),
        );
        expect(results.map((result) => result.outcome)).toEqual([
          ...responses.map(() => 'stored'),
          'duplicate',
          'duplicate',
        ]);
        const batched = await rollups();
        expect(batched).not.toEqual(before);
        await forget();
        expect(await rollups()).toEqual(before);
        for (const response of responses) await backend.submitResponse(response);
        expect(await rollups()).toEqual(batched);
        const want = await recomputed(sql);
        expect(batched.days).toEqual(want.days);
        expect(batched.months).toEqual(want.months);

        // Every score moved to touchpoint "b" and a day on, by one statement, then one at a time.
        const move = `UPDATE palaute_scores SET touchpoint_id = 'b', day = day + 1
          WHERE customer_id = $1`;
        await sql.query(move, [ids.customer]);
        const moved = await rollups();
        await sql.query(
          `UPDATE palaute_scores SET touchpoint_id = r.touchpoint_id, day = day - 1
           FROM palaute_responses AS r
           WHERE r.customer_id = palaute_scores.customer_id AND r.id = palaute_scores.response_id
             AND palaute_scores.customer_id = $1`,
          [ids.customer],
        );
        expect(await rollups()).toEqual(batched);
        for (const response of responses)
          await sql.query(`${move} AND response_id = $2`, [ids.customer, response.id]);
        expect(await rollups()).toEqual(moved);

        // Removed by one statement: the rollups are as before, rows brought to zero gone.
        await sql.query('DELETE FROM palaute_scores WHERE customer_id = $1', [ids.customer]);
        expect(await rollups()).toEqual(before);
        await forget();
        expect(await rollups()).toEqual(before);
      },
      120_000,
    );
  },
);

describe('the rollup counts as the driver gives them', () => {
  it('given PostgreSQL’s text form or an array › adds element k onto k', () => {
    const into = [0, 1, 0];
    addCounts(into, '{1,20,0}');
    expect(into).toEqual([1, 21, 0]);
    addCounts(into, [2, 0, 3]);
    expect(into).toEqual([3, 21, 3]);
    addCounts(into, '{-1,0,107}');
    expect(into).toEqual([2, 21, 110]);
    addCounts(into, '{}');
    expect(into).toEqual([2, 21, 110]);
    const fresh: number[] = [];
    addCounts(fresh, '{4}');
    expect(fresh).toEqual([4]);
  });
});
