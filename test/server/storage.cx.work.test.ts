import {
  type Actor,
  type CxConfig,
  type CxLevel,
  type CxQuestion,
  closedAt,
  FEEDBACK_STATUSES,
  type FeedbackItem,
  firstResponseAt,
} from '@palaute/engine';
import { cxWorkOf, inCxWork } from '@palaute/engine/internal';
import fc from 'fast-check';
import { createSqlBackend } from '../../packages/server/src/storage/storage.backend';
import { cxWorkSql } from '../../packages/server/src/storage/storage.cx';
import { writeItem } from '../../packages/server/src/storage/storage.feedback';
import type { Sql } from '../../packages/server/src/storage/storage.sql';
import { onMigratedDatabase, sqlKinds } from './storage.fixtures';

// The CX report's work figures read one narrow row per item (palaute_item_work, migration 14),
// written by a trigger on palaute_items after every insert and update and deleted with its item.
// Random items are written as the storage writes them, then rewritten (status moves, steps into
// and out of `planned`, levels set, changed and cleared) and some customers' data deleted; after
// that every row must be its item's reference (from the engine's own readings of the document),
// no row may outlive its item, and the work figures read from the rows must be the engine's
// `cxWorkOf` over the same items, with level defaults configured or not.

const HOUR = 3_600_000;
const BASE = Date.parse('2026-06-01T00:00:00.000Z');
const NOW = '2026-07-15T12:00:00.000Z';

const kinds = sqlKinds;

const two = (n: number) => String(n).padStart(2, '0');
/** An instant within ±40 days of BASE, written with an offset and more or fewer digits. */
const stamp = fc
  .record({
    minutes: fc.integer({ min: -40 * 24 * 60, max: 40 * 24 * 60 }),
    ms: fc.integer({ min: 0, max: 59_999 }),
    offset: fc.constantFrom(0, 0, 120, -300, 330),
    fraction: fc.constantFrom<'ms' | 'none' | 'six'>('ms', 'none', 'six'),
  })
  .map(({ minutes, ms, offset, fraction }) => {
    const at = BASE + minutes * 60_000 + ms;
    const local = new Date(at + offset * 60_000).toISOString();
    const zone =
      offset === 0
        ? 'Z'
        : `${offset > 0 ? '+' : '-'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
    if (fraction === 'none') return `${local.slice(0, 19)}${zone}`;
    if (fraction === 'six') return `${local.slice(0, 23)}417${zone}`;
    return `${local.slice(0, 23)}${zone}`;
  });

const level = fc.option(fc.constantFrom<CxLevel>('necessity', 'differentiation', 'vision'), {
  nil: undefined,
});
const status = fc.constantFrom(...FEEDBACK_STATUSES);
const step = fc.record({
  to: fc.oneof(status, fc.constant('planned' as const)),
  at: stamp,
  by: fc.constantFrom<Actor['kind']>('team', 'team', 'customer', 'system'),
});
const itemArbitrary = fc.record({
  customer: fc.integer({ min: 0, max: 5 }),
  survey: fc.constantFrom('nps-survey', 'csat-survey'),
  touchpointId: fc.constantFrom('pricing', 'support', 'elsewhere'),
  answers: fc.subarray(['nps', 'csat', 'stars', 'why', 'zeta']),
  createdAt: stamp,
  status,
  steps: fc.array(step, { maxLength: 4 }),
  replies: fc.array(
    fc.record({ at: stamp, by: fc.constantFrom<Actor['kind']>('team', 'customer') }),
    { maxLength: 2 },
  ),
  level,
  segment: fc.option(fc.record({ plan: fc.constantFrom('pro', 'free', 12, '12') }), {
    nil: undefined,
  }),
});
type Drawn = typeof itemArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** What happens to an item after it is written: a rewrite (status, a step, a level) or nothing. */
const changeArbitrary = fc.record({
  item: fc.nat(),
  status,
  step: fc.option(step, { nil: undefined }),
  level: fc.constantFrom<'keep' | 'clear' | CxLevel>(
    'keep',
    'clear',
    'necessity',
    'differentiation',
    'vision',
  ),
});

const actor = (kind: Actor['kind']): Actor => ({ kind, id: `${kind}-1` });
let runs = 0;

/** The drawn items as documents, with ids of this run. */
function itemsOf(drawn: readonly Drawn[]): FeedbackItem[] {
  runs++;
  return drawn.map((draw, n): FeedbackItem => {
    const answers: FeedbackItem['answers'] = {};
    for (const key of draw.answers) answers[key] = key === 'why' || key === 'zeta' ? 'Slow' : 3;
    return {
      id: `run-${runs}-item-${n}`,
      customerId: `customer-${runs}-${draw.customer}`,
      surveyId: draw.survey,
      touchpointId: draw.touchpointId,
      answers,
      text: 'Exports are slow',
      consentToContact: true,
      ...(draw.segment ? { segment: draw.segment } : {}),
      ...(draw.level ? { level: draw.level } : {}),
      status: draw.status,
      history: draw.steps.map((s, index) => ({
        from: index === 0 ? null : (draw.steps[index - 1]?.to ?? null),
        to: s.to,
        at: s.at,
        by: actor(s.by),
      })),
      replies: draw.replies.map((reply, index) => ({
        id: `reply-${runs}-${n}-${index}`,
        author: actor(reply.by),
        body: 'Hello',
        at: reply.at,
      })),
      createdAt: draw.createdAt,
    };
  });
}

/** The row palaute_item_work must hold for an item, from the engine's readings of its document. */
function expectedRow(item: FeedbackItem) {
  const ms = (at: string | undefined) => (at === undefined ? null : Date.parse(at));
  const stays: (number | null)[] = [];
  item.history.forEach((s, index) => {
    if (s.to !== 'planned') return;
    stays.push(Date.parse(s.at), ms(item.history[index + 1]?.at));
  });
  return {
    item_id: item.id,
    touchpoint_id: item.touchpointId,
    status: item.status,
    created_ms: Date.parse(item.createdAt),
    first_response_ms: ms(firstResponseAt(item)),
    closed_ms: ms(closedAt(item)),
    level: item.level ?? null,
    answer_keys: Object.keys(item.answers)
      .map((key) => `${item.surveyId}/${key}`)
      .sort(),
    planned_stays: stays,
    segment: item.segment ?? null,
    // Generated (migration 17): whether the item ever stepped into planned.
    ever_planned: stays.length > 0,
  };
}

/** The rows palaute_item_stays must hold for an item's work row: one per pair of its stays. */
function expectedStays(row: ReturnType<typeof expectedRow>) {
  return Array.from({ length: row.planned_stays.length / 2 }, (_, index) => ({
    item_id: row.item_id,
    k: index + 1,
    created_ms: row.created_ms,
    touchpoint_id: row.touchpoint_id,
    segment: row.segment,
    start_ms: row.planned_stays[2 * index] ?? null,
    end_ms: row.planned_stays[2 * index + 1] ?? null,
  }));
}

/** A bigint column as a number (drivers give strings or bigints), NULL kept. */
const num = (value: unknown) => (value === null ? null : Number(value));

const questions: CxQuestion[] = [
  { surveyId: 'csat-survey', questionId: 'csat', metric: 'csat', min: 1, max: 5 },
  { surveyId: 'csat-survey', questionId: 'stars', metric: 'rating', min: 0, max: 4 },
  { surveyId: 'nps-survey', questionId: 'nps', metric: 'nps', min: 0, max: 10 },
];
const configs: (CxConfig | undefined)[] = [
  undefined,
  { levels: { byTouchpoint: { support: 'necessity' } } },
  {
    levels: {
      byTouchpoint: { support: 'necessity', pricing: 'vision' },
      byQuestion: {
        'csat-survey/stars': 'vision',
        'csat-survey/why': 'differentiation',
        'nps-survey/zeta': 'necessity',
        'nps-survey/nps': 'differentiation',
      },
    },
  },
];

describe.each(kinds)(
  'the items’ work rows (migration 14), against the engine: $name',
  ({ name, run }) => {
    let sql: Sql;
    onMigratedDatabase(
      { name, run },
      (opened) => {
        sql = opened;
      },
      180_000,
    );
    const it = run ? test : test.skip;

    it('property: after inserts, rewrites (status, steps, levels) and customers deleted, each row is its item’s and the work figures are cxWorkOf’s', async () => {
      let rowsSeen = 0;
      let deleted = 0;
      let leveled = 0;
      let staysSeen = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(itemArbitrary, { maxLength: 20 }),
          fc.array(changeArbitrary, { maxLength: 12 }),
          fc.subarray([0, 1, 2, 3, 4, 5]),
          fc.record({
            period: fc.constantFrom(
              { from: '2026-04-01', to: '2026-08-31' },
              { from: '2026-05-20', to: '2026-06-10' },
              { from: '2026-06-01', to: '2026-06-01' },
            ),
            touchpoints: fc.option(fc.subarray(['pricing', 'support', 'elsewhere']), {
              nil: undefined,
            }),
            segment: fc.option(fc.constantFrom({ plan: 'pro' }, { plan: 12 }), { nil: undefined }),
            config: fc.nat({ max: configs.length - 1 }),
            responseTargetHours: fc.constantFrom(48, 1, 24 * 30),
          }),
          async (drawn, changes, gone, query) => {
            await sql.query('DELETE FROM palaute_items');
            const items = itemsOf(drawn);
            for (const item of items) await writeItem(sql, item);
            // Rewrites, as the team's actions write them back (ON CONFLICT … DO UPDATE).
            for (const change of changes) {
              const index = change.item % Math.max(1, items.length);
              const before = items[index];
              if (!before) continue;
              const { level: _level, ...rest } = before;
              const after: FeedbackItem = {
                ...rest,
                ...(change.level === 'keep'
                  ? before.level
                    ? { level: before.level }
                    : {}
                  : change.level === 'clear'
                    ? {}
                    : { level: change.level }),
                status: change.status,
                history: change.step
                  ? [
                      ...before.history,
                      {
                        from: before.status,
                        to: change.step.to,
                        at: change.step.at,
                        by: actor(change.step.by),
                      },
                    ]
                  : before.history,
              };
              await writeItem(sql, after);
              items[index] = after;
            }
            // Customers' data deleted by the data-rights route.
            const backend = createSqlBackend(sql, () => new Date(NOW));
            for (const customer of gone)
              await backend.deleteCustomer(`customer-${runs}-${customer}`);
            const kept = items.filter(
              (item) =>
                !gone.some((customer) => item.customerId === `customer-${runs}-${customer}`),
            );
            deleted += items.length - kept.length;

            const rows = await sql.query<Record<string, unknown>>(
              'SELECT * FROM palaute_item_work ORDER BY item_id COLLATE "C"',
            );
            rowsSeen += rows.length;
            expect(
              rows.map((row) => ({
                ...row,
                created_ms: num(row.created_ms),
                first_response_ms: num(row.first_response_ms),
                closed_ms: num(row.closed_ms),
                answer_keys: [...(row.answer_keys as string[])].sort(),
                planned_stays: (row.planned_stays as unknown[]).map(num),
              })),
            ).toEqual(
              kept
                .map(expectedRow)
                .sort((a, b) => (a.item_id < b.item_id ? -1 : a.item_id > b.item_id ? 1 : 0)),
            );
            leveled += kept.filter((item) => item.level).length;
            // Each stay in planned is a narrow row of its own (migration 18), with its item's
            // creation time, touchpoint and segment, and none outlives its item or its stay.
            const stays = await sql.query<Record<string, unknown>>(
              'SELECT * FROM palaute_item_stays ORDER BY item_id COLLATE "C", k',
            );
            staysSeen += stays.length;
            expect(
              stays.map((row) => ({
                ...row,
                created_ms: num(row.created_ms),
                start_ms: num(row.start_ms),
                end_ms: num(row.end_ms),
              })),
            ).toEqual(
              kept
                .map(expectedRow)
                .sort((a, b) => (a.item_id < b.item_id ? -1 : a.item_id > b.item_id ? 1 : 0))
                .flatMap((row) => expectedStays(row)),
            );

            const filter = {
              period: query.period,
              touchpoints: query.touchpoints,
              segment: query.segment,
            };
            const options = {
              now: NOW,
              responseTargetHours: query.responseTargetHours,
              config: configs[query.config],
              questions,
            };
            expect(await cxWorkSql(sql, filter, options)).toEqual(
              cxWorkOf(
                kept.filter((item) => inCxWork(item, filter)),
                options,
              ),
            );
          },
        ),
        { numRuns: 40 },
      );
      // The runs were not all empty: rows written, some deleted, some with the team's level.
      expect(rowsSeen).toBeGreaterThan(0);
      expect(deleted).toBeGreaterThan(0);
      expect(leveled).toBeGreaterThan(0);
      expect(staysSeen).toBeGreaterThan(0);
    }, 240_000);

    it('an item’s row follows it: written with it, changed with it, gone with it', async () => {
      await sql.query('DELETE FROM palaute_items');
      const [item] = itemsOf([
        {
          customer: 0,
          survey: 'csat-survey',
          touchpointId: 'support',
          answers: ['csat', 'why'],
          createdAt: '2026-06-01T10:00:00.000Z',
          status: 'new',
          steps: [],
          replies: [],
          level: undefined,
          segment: undefined,
        },
      ]) as [FeedbackItem];
      await writeItem(sql, item);
      const read = async () =>
        (
          await sql.query<{ status: string; level: string | null; stays: unknown[] }>(
            'SELECT status, level, planned_stays AS stays FROM palaute_item_work WHERE item_id = $1',
            [item.id],
          )
        ).map((row) => ({ ...row, stays: row.stays.map(num) }));
      expect(await read()).toEqual([{ status: 'new', level: null, stays: [] }]);
      const planned: FeedbackItem = {
        ...item,
        status: 'planned',
        level: 'vision',
        history: [
          { from: 'new', to: 'planned', at: '2026-06-02T10:00:00.000Z', by: actor('team') },
        ],
      };
      await writeItem(sql, planned);
      expect(await read()).toEqual([
        {
          status: 'planned',
          level: 'vision',
          stays: [Date.parse('2026-06-02T10:00:00.000Z'), null],
        },
      ]);
      const options = { now: NOW, responseTargetHours: 48, questions };
      const period = { from: '2026-06-01', to: '2026-06-30' };
      const work = await cxWorkSql(sql, { period }, options);
      expect(work.promise).toEqual({
        plannedNow: 1,
        everPlanned: 1,
        shippedOfPlanned: 0,
        shipShare: 0,
        timeInPlanned: {
          count: 1,
          medianHours: (Date.parse(NOW) - Date.parse('2026-06-02T10:00:00.000Z')) / HOUR,
          p90Hours: (Date.parse(NOW) - Date.parse('2026-06-02T10:00:00.000Z')) / HOUR,
        },
      });
      expect(work.levels.find((l) => l.level === 'vision')?.open).toBe(1);
      const stays = async () =>
        (
          await sql.query<{ k: number; start_ms: unknown; end_ms: unknown }>(
            'SELECT k, start_ms, end_ms FROM palaute_item_stays WHERE item_id = $1 ORDER BY k',
            [item.id],
          )
        ).map((row) => ({ k: row.k, start: num(row.start_ms), end: num(row.end_ms) }));
      expect(await stays()).toEqual([
        { k: 1, start: Date.parse('2026-06-02T10:00:00.000Z'), end: null },
      ]);
      // Out of planned and back: the first stay ends, a second begins.
      await writeItem(sql, {
        ...planned,
        status: 'planned',
        history: [
          ...planned.history,
          { from: 'planned', to: 'triaged', at: '2026-06-03T10:00:00.000Z', by: actor('team') },
          { from: 'triaged', to: 'planned', at: '2026-06-04T10:00:00.000Z', by: actor('team') },
        ],
      });
      expect(await stays()).toEqual([
        {
          k: 1,
          start: Date.parse('2026-06-02T10:00:00.000Z'),
          end: Date.parse('2026-06-03T10:00:00.000Z'),
        },
        { k: 2, start: Date.parse('2026-06-04T10:00:00.000Z'), end: null },
      ]);
      // A write that leaves the stays alone (a level) keeps them.
      await writeItem(sql, {
        ...planned,
        level: 'necessity',
        history: [
          ...planned.history,
          { from: 'planned', to: 'triaged', at: '2026-06-03T10:00:00.000Z', by: actor('team') },
          { from: 'triaged', to: 'planned', at: '2026-06-04T10:00:00.000Z', by: actor('team') },
        ],
      });
      expect((await stays()).length).toBe(2);
      await createSqlBackend(sql, () => new Date(NOW)).deleteCustomer(item.customerId);
      expect(await read()).toEqual([]);
      expect(await stays()).toEqual([]);
      expect((await cxWorkSql(sql, { period }, options)).loop.total).toBe(0);
    });
  },
);

// Migration 21: the work figures' percentiles from counts per creation month × touchpoint ×
// level × duration bucket (palaute_item_durations), kept by triggers on palaute_item_work, with
// each rank's value read from its bucket's least and greatest or, when they differ, from the
// bucket's rows. Durations here are drawn to tie and to sit on, just under and just over the
// buckets' edges (and below zero), then moved by rewrites (status moves, steps, levels) and
// erasures; the counts must be a recount of the rows, and the work figures over periods of whole
// and partial months the engine's.
const DURATIONS = [
  -5_000, 0, 0, 1, 59_999, 60_000, 60_001, 3_599_999, 3_600_000, 3_600_000, 172_800_000,
  172_800_000, 172_800_000, 172_799_999, 172_800_001, 1_641_600_000, 1_641_600_000,
];
const duration = fc.oneof(
  fc.constantFrom(...DURATIONS),
  fc.integer({ min: 0, max: 40 * 24 * HOUR }),
  // Inside one bucket ([2 days, 2.5 days)): cells holding different durations, read from the rows.
  fc.integer({ min: 48 * HOUR, max: 60 * HOUR - 1 }),
);
const timedArbitrary = fc.record({
  customer: fc.integer({ min: 0, max: 5 }),
  touchpointId: fc.constantFrom('pricing', 'support', 'elsewhere'),
  answers: fc.subarray(['nps', 'why']),
  // Minutes from BASE: mostly in June, some from March to August.
  minutes: fc.oneof(
    fc.integer({ min: 0, max: 30 * 24 * 60 - 1 }),
    fc.integer({ min: -75 * 24 * 60, max: 75 * 24 * 60 }),
  ),
  ms: fc.integer({ min: 0, max: 59_999 }),
  status: fc.constantFrom('new', 'triaged', 'planned', 'shipped', 'declined', 'answered'),
  // The team's first action and the close, each this long after creation.
  response: fc.option(duration, { nil: undefined }),
  close: fc.option(duration, { nil: undefined }),
  level,
});
type Timed = typeof timedArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** A drawn item with its first response and close that long after its creation. */
function timedItem(draw: Timed, n: number): FeedbackItem {
  const created = BASE + draw.minutes * 60_000 + draw.ms;
  const at = (after: number) => new Date(created + after).toISOString();
  const history: FeedbackItem['history'] = [];
  if (draw.response !== undefined)
    history.push({ from: 'new', to: 'triaged', at: at(draw.response), by: actor('team') });
  if (draw.close !== undefined)
    history.push({ from: 'triaged', to: 'shipped', at: at(draw.close), by: actor('system') });
  return {
    id: `timed-${runs}-${n}`,
    customerId: `customer-${runs}-${draw.customer}`,
    surveyId: 'nps-survey',
    touchpointId: draw.touchpointId,
    answers: Object.fromEntries(draw.answers.map((key) => [key, key === 'why' ? 'Slow' : 3])),
    text: 'Exports are slow',
    consentToContact: true,
    ...(draw.level ? { level: draw.level } : {}),
    status: draw.status as FeedbackItem['status'],
    history,
    replies: [],
    createdAt: new Date(created).toISOString(),
  };
}

/** The counts palaute_item_durations must hold: a recount of the work rows. */
const RECOUNT = `
  SELECT * FROM (
  SELECT x.kind::int AS kind, palaute_month_of(floor(w.created_ms / 86400000.0)::integer) AS month,
    w.touchpoint_id, coalesce(w.level, '') AS level, palaute_duration_bucket(x.ms) AS bucket,
    count(*)::int AS n, min(x.ms)::text AS least_ms, max(x.ms)::text AS greatest_ms
  FROM palaute_item_work AS w,
    LATERAL (VALUES (0, w.first_response_ms - w.created_ms), (1, w.closed_ms - w.created_ms)) AS x(kind, ms)
  WHERE x.ms IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5) AS recounted
  ORDER BY kind, month, touchpoint_id COLLATE "C", level COLLATE "C", bucket`;
const STORED = `
  SELECT kind::int AS kind, month, touchpoint_id, level, bucket, n, least_ms::text AS least_ms,
    greatest_ms::text AS greatest_ms
  FROM palaute_item_durations
  ORDER BY kind, month, touchpoint_id COLLATE "C", level COLLATE "C", bucket`;

describe.each(kinds)(
  'the durations’ counts per month and bucket (migration 21), against the engine: $name',
  ({ name, run }) => {
    let sql: Sql;
    onMigratedDatabase(
      { name, run },
      (opened) => {
        sql = opened;
      },
      180_000,
    );
    const it = run ? test : test.skip;

    it('property: after inserts, rewrites (statuses, levels, durations) and erasures, the counts are a recount of the rows and the percentiles over whole and partial months are cxWorkOf’s', async () => {
      let cells = 0;
      let probed = 0;
      let erased = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(timedArbitrary, { minLength: 1, maxLength: 40 }),
          fc.array(fc.record({ item: fc.nat(), to: timedArbitrary }), { maxLength: 15 }),
          fc.subarray([0, 1, 2, 3, 4, 5], { maxLength: 2 }),
          fc.record({
            period: fc.constantFrom(
              { from: '2026-05-01', to: '2026-06-30' },
              { from: '2026-05-20', to: '2026-07-05' },
              { from: '2026-06-01', to: '2026-06-30' },
              { from: '2026-03-10', to: '2026-08-31' },
              { from: '2026-06-01', to: '2026-07-31' },
              { from: '2026-04-01', to: '2026-06-14' },
            ),
            touchpoints: fc.option(fc.subarray(['pricing', 'support', 'elsewhere']), {
              nil: undefined,
            }),
            config: fc.nat({ max: configs.length - 1 }),
          }),
          async (drawn, changes, gone, query) => {
            await sql.query('DELETE FROM palaute_items');
            runs++;
            const items = drawn.map(timedItem);
            for (const item of items) await writeItem(sql, item);
            // Rewrites, as the team's actions write an item back: the same item (id, customer,
            // creation time, touchpoint) with another status, level, first response and close.
            for (const change of changes) {
              const index = change.item % items.length;
              const first = drawn[index] as Timed;
              const after = timedItem(
                {
                  ...change.to,
                  customer: first.customer,
                  touchpointId: first.touchpointId,
                  minutes: first.minutes,
                  ms: first.ms,
                },
                index,
              );
              await writeItem(sql, after);
              items[index] = after;
            }
            const backend = createSqlBackend(sql, () => new Date(NOW));
            for (const customer of gone)
              await backend.deleteCustomer(`customer-${runs}-${customer}`);
            const kept = items.filter(
              (item) =>
                !gone.some((customer) => item.customerId === `customer-${runs}-${customer}`),
            );
            erased += items.length - kept.length;

            const stored = await sql.query(STORED);
            expect(stored).toEqual(await sql.query(RECOUNT));
            cells += stored.length;
            probed +=
              (
                await sql.query<{ n: number }>(
                  'SELECT count(*)::int AS n FROM palaute_item_durations WHERE least_ms <> greatest_ms',
                )
              )[0]?.n ?? 0;

            const filter = { period: query.period, touchpoints: query.touchpoints };
            const options = {
              now: NOW,
              responseTargetHours: 48,
              config: configs[query.config],
              questions,
            };
            expect(await cxWorkSql(sql, filter, options)).toEqual(
              cxWorkOf(
                kept.filter((item) => inCxWork(item, filter)),
                options,
              ),
            );
          },
        ),
        { numRuns: 60 },
      );
      // The runs were not all empty: cells counted, some holding different durations (read from
      // the rows), some items erased.
      expect(cells).toBeGreaterThan(0);
      expect(probed).toBeGreaterThan(0);
      expect(erased).toBeGreaterThan(0);
    }, 300_000);

    it('ties at a bucket’s edge: the ranks fall on the right side of it, and a cell’s least and greatest follow a deletion', async () => {
      await sql.query('DELETE FROM palaute_items');
      runs++;
      // Seven items in June at one touchpoint: first responses at 1 h − 1 ms (bucket of [30 min,
      // 1 h)), 1 h exactly (three times: [1 h, 2 h)), and 1 h + 1 ms, 1 h + 2 ms, 2 h − 1 ms.
      const responses = [
        3_599_999, 3_600_000, 3_600_000, 3_600_000, 3_600_001, 3_600_002, 7_199_999,
      ];
      const items = responses.map((response, n) =>
        timedItem(
          {
            customer: n,
            touchpointId: 'support',
            answers: [],
            minutes: 60 * 24 * (n + 1),
            ms: 0,
            status: 'triaged',
            response,
            close: undefined,
            level: undefined,
          },
          n,
        ),
      );
      for (const item of items) await writeItem(sql, item);
      const options = { now: NOW, responseTargetHours: 48, questions };
      const period = { from: '2026-06-01', to: '2026-06-30' };
      const hours = async () =>
        (await cxWorkSql(sql, { period }, options)).loop.timeToFirstResponse;
      // n = 7: the median is rank 3 (1 h), the 90th percentile 5.4 between ranks 5 and 6.
      expect(await hours()).toEqual({
        count: 7,
        medianHours: 1,
        p90Hours: Math.round(((3_600_002 + 0.4 * (7_199_999 - 3_600_002)) / HOUR) * 100) / 100,
      });
      expect(await hours()).toEqual(cxWorkOf(items, options).loop.timeToFirstResponse);
      const cell = async () =>
        await sql.query<{ n: number; least_ms: string; greatest_ms: string }>(
          `SELECT n, least_ms::text AS least_ms, greatest_ms::text AS greatest_ms
           FROM palaute_item_durations WHERE kind = 0 AND bucket = palaute_duration_bucket(3600000)`,
        );
      expect(await cell()).toEqual([{ n: 6, least_ms: '3600000', greatest_ms: '7199999' }]);
      // The greatest goes: the cell reads its greatest again from the rows.
      await createSqlBackend(sql, () => new Date(NOW)).deleteCustomer(`customer-${runs}-6`);
      expect(await cell()).toEqual([{ n: 5, least_ms: '3600000', greatest_ms: '3600002' }]);
      // The two above 1 h go: only the ties are left, read without the rows.
      await createSqlBackend(sql, () => new Date(NOW)).deleteCustomer(`customer-${runs}-4`);
      await createSqlBackend(sql, () => new Date(NOW)).deleteCustomer(`customer-${runs}-5`);
      expect(await cell()).toEqual([{ n: 3, least_ms: '3600000', greatest_ms: '3600000' }]);
      const left = items.slice(0, 4);
      expect(await hours()).toEqual(cxWorkOf(left, options).loop.timeToFirstResponse);
      expect(await sql.query(STORED)).toEqual(await sql.query(RECOUNT));
    });
  },
);
