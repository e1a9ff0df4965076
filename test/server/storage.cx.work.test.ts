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
import { migrate } from '../../packages/server/src/storage/storage.migrations';
import { openPglite, openPostgres, type Sql } from '../../packages/server/src/storage/storage.sql';
import { databaseUrl, freshDatabase, postgresTitle } from './storage.fixtures';

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

const kinds = [
  { name: 'PGlite (in memory)', run: true },
  { name: postgresTitle, run: Boolean(databaseUrl) },
];

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
    let drop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      if (!run) return;
      if (name === postgresTitle) {
        const database = await freshDatabase(databaseUrl as string);
        drop = database.drop;
        sql = await openPostgres(database.url);
      } else sql = await openPglite();
      await migrate(sql);
    }, 180_000);
    afterAll(async () => {
      await sql?.close();
      await drop?.();
    });
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
