import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Actor,
  computeInboxFacets,
  computeLoopMetrics,
  createMemoryBackend,
  type FeedbackItem,
  type FeedbackResponse,
  feedbackItemFromResponse,
  type InboxPage,
  type TeamPort,
  ValidationError,
} from '@palaute/engine';
import pg from 'pg';
import { MIGRATIONS, openStorage, type ServerStorage } from '../../packages/server/src/index';
import { createSqlBackend } from '../../packages/server/src/storage/storage.backend';
import { createSqlTeam } from '../../packages/server/src/storage/storage.feedback';
import { migrate } from '../../packages/server/src/storage/storage.migrations';
import {
  isoOf,
  openPglite,
  openPostgres,
  type Sql,
} from '../../packages/server/src/storage/storage.sql';
import {
  anna,
  databaseUrl,
  freshDatabase,
  handClock,
  makeDismissal,
  makeDisplay,
  makeFollowUp,
  makeResponse,
  onDataFolder,
  openDatabase,
  planOf,
  postgresTitle,
  sqlKinds,
  unique,
} from './storage.fixtures';

/**
 * The writes both sides of a scores migration's test get: the NPS question counted, displays of
 * responses `1`…`displays` at the given times, `responses` delivered as one batch (each stored),
 * `singles` submitted one at a time, and the batch replayed (which changes nothing).
 */
async function writeScored(
  sql: Sql,
  now: () => Date,
  ids: ReturnType<typeof unique>,
  displays: readonly string[],
  responses: readonly FeedbackResponse[],
  singles: readonly FeedbackResponse[],
) {
  await sql.query(
    `INSERT INTO palaute_cx_questions (survey_id, question_id, metric, scale_min, scale_max)
     VALUES ('nps-dashboard', 'nps', 'nps', 0, 10)`,
  );
  const backend = createSqlBackend(sql, now);
  for (const [n, at] of displays.entries())
    await backend.recordDisplay(makeDisplay(ids, ids.response(n + 1), at));
  const batch = responses.map((payload) => ({ kind: 'response' as const, payload }));
  const results = await backend.deliver(batch);
  expect(results.map((result) => result.outcome)).toEqual(responses.map(() => 'stored'));
  for (const single of singles) await backend.submitResponse(single);
  await backend.deliver(batch);
}

/**
 * Migrates `before` up to migration `id` but not it, and `after` up to and with it: the two sides
 * of a migration's equivalence test.
 */
async function migrateAround(id: number, before: Sql, after: Sql) {
  await migrate(
    before,
    MIGRATIONS.filter((migration) => migration.id < id),
  );
  await migrate(
    after,
    MIGRATIONS.filter((migration) => migration.id <= id),
  );
  expect(await appliedIds(after)).toContain(id);
}

/** A time `n` days and `minutes` after 2026-11-20 08:00 UTC. */
const novemberDay = (n: number, minutes = 0) =>
  new Date(
    Date.parse('2026-11-20T08:00:00.000Z') + n * 86_400_000 + minutes * 60_000,
  ).toISOString();

const appliedIds = async (sql: Sql) =>
  (await sql.query<{ id: number }>('SELECT id FROM palaute_migrations ORDER BY id')).map(
    (row) => row.id,
  );
const allIds = MIGRATIONS.map((migration) => migration.id);

describe('migrations on PGlite', () => {
  it('given a new database › applies every migration once; a re-run is a no-op', async () => {
    const sql = await openPglite();
    try {
      expect(await migrate(sql)).toEqual(allIds);
      expect(await migrate(sql)).toEqual([]);
      expect(await appliedIds(sql)).toEqual(allIds);
    } finally {
      await sql.close();
    }
  }, 60_000);

  it('given items stored before migration 7 › finds them by the customer’s words, in their language, and by their replies', async () => {
    const sql = await openPglite();
    try {
      await migrate(
        sql,
        MIGRATIONS.filter((migration) => migration.id < 7),
      );
      const at = '2026-11-23T10:00:00.000Z';
      const stored = async (id: string, locale: string, why: string) => {
        const response = makeResponse(unique('before-7'), at, {
          id,
          locale,
          answers: { nps: 4, why, contact: true },
        });
        await sql.query(
          `INSERT INTO palaute_responses (id, customer_id, survey_id, touchpoint_id, received_at, document)
           VALUES ($1, $2, $3, $4, $5::timestamptz, $6::jsonb)`,
          [
            id,
            response.customerId,
            response.surveyId,
            response.touchpointId,
            at,
            JSON.stringify(response),
          ],
        );
        const item = feedbackItemFromResponse({ ...response, followUps: [] }) as FeedbackItem;
        const document = {
          ...item,
          replies: [
            {
              id: `reply-${id}`,
              author: { kind: 'customer', id: response.customerId },
              body: 'Still waiting',
              at,
            },
          ],
        };
        await sql.query(
          `INSERT INTO palaute_items (id, customer_id, response_id, touchpoint_id, status, created_at, document)
           VALUES ($1, $2, $1, $3, 'new', $4::timestamptz, $5::jsonb)`,
          [id, response.customerId, response.touchpointId, at, JSON.stringify(document)],
        );
      };
      await stored('response-finnish', 'fi-FI', 'Laskujen vienti on hidasta');
      await stored('response-english', 'en', 'Exports are slow');
      expect(await migrate(sql)).toEqual(
        MIGRATIONS.filter((migration) => migration.id >= 7).map((migration) => migration.id),
      );
      const team = createSqlTeam(sql, () => new Date(at));
      const found = async (text: string) =>
        (await team.listFeedback({ text, sort: 'oldest' })).items.map((item) => item.id);
      expect(await found('lasku')).toEqual(['response-finnish']);
      expect(await found('export')).toEqual(['response-english']);
      expect(await found('waiting')).toEqual(['response-english', 'response-finnish']);
    } finally {
      await sql.close();
    }
  }, 120_000);

  it('given items stored before migration 13 › one whose customer wrote last ranks with the unprocessed, whatever its status', async () => {
    const sql = await openPglite();
    try {
      await migrate(
        sql,
        MIGRATIONS.filter((migration) => migration.id < 13),
      );
      const at = (hours: number) => new Date(Date.UTC(2026, 10, 20, hours)).toISOString();
      const team = { kind: 'team' as const, id: 'anna' };
      const stored = async (
        id: string,
        hours: number,
        status: FeedbackItem['status'],
        replies: FeedbackItem['replies'],
      ) => {
        const response = makeResponse(unique('before-13'), at(hours), { id });
        await sql.query(
          `INSERT INTO palaute_responses (id, customer_id, survey_id, touchpoint_id, received_at, document)
           VALUES ($1, $2, $3, $4, $5::timestamptz, $6::jsonb)`,
          [
            id,
            response.customerId,
            response.surveyId,
            response.touchpointId,
            at(hours),
            JSON.stringify(response),
          ],
        );
        const item = feedbackItemFromResponse({ ...response, followUps: [] }) as FeedbackItem;
        await sql.query(
          `INSERT INTO palaute_items (id, customer_id, response_id, touchpoint_id, status, created_at, document)
           VALUES ($1, $2, $1, $3, $4, $5::timestamptz, $6::jsonb)`,
          [
            id,
            response.customerId,
            response.touchpointId,
            status,
            at(hours),
            JSON.stringify({ ...item, status, replies }),
          ],
        );
        return response.customerId;
      };
      const asked = { id: 'reply-team-0001', author: team, body: 'Which page?', at: at(5) };
      const wrote = (customerId: string) => ({
        id: 'reply-cust-0001',
        author: { kind: 'customer' as const, id: customerId },
        body: 'Billing',
        at: at(6),
      });
      await stored('response-new', 1, 'new', []);
      const waiting = await stored('response-waiting', 2, 'planned', []);
      await sql.query(
        `UPDATE palaute_items SET document = jsonb_set(document, '{replies}', $1::jsonb) WHERE id = 'response-waiting'`,
        [JSON.stringify([asked, wrote(waiting)])],
      );
      await stored('response-answered', 3, 'planned', [asked]);
      const closed = await stored('response-closed', 4, 'declined', []);
      await sql.query(
        `UPDATE palaute_items SET document = jsonb_set(document, '{replies}', $1::jsonb) WHERE id = 'response-closed'`,
        [JSON.stringify([asked, wrote(closed)])],
      );
      expect(await migrate(sql)).toEqual(
        MIGRATIONS.filter((migration) => migration.id >= 13).map((migration) => migration.id),
      );
      const ranks = await sql.query<{ id: string; inbox_rank: number }>(
        'SELECT id, inbox_rank FROM palaute_items ORDER BY id',
      );
      expect(ranks).toEqual([
        { id: 'response-answered', inbox_rank: 1 },
        { id: 'response-closed', inbox_rank: 0 },
        { id: 'response-new', inbox_rank: 0 },
        { id: 'response-waiting', inbox_rank: 0 },
      ]);
      const listed = await createSqlTeam(sql, () => new Date(at(10))).listFeedback({ limit: 2 });
      expect(listed.items.map((item) => item.id)).toEqual(['response-new', 'response-waiting']);
      const rest = await createSqlTeam(sql, () => new Date(at(10))).listFeedback({
        limit: 2,
        cursor: listed.next,
      });
      expect(rest.items.map((item) => item.id)).toEqual(['response-closed', 'response-answered']);
    } finally {
      await sql.close();
    }
  }, 120_000);

  it('given items answered and closed before migration 21 › their durations are counted by the backfill, and the counts are vacuumed with the report’s tables', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'palaute-before-21-'));
    const at = (hours: number) => new Date(Date.UTC(2026, 10, 20, hours)).toISOString();
    try {
      const sql = await openPglite(dataDir);
      try {
        await migrate(
          sql,
          MIGRATIONS.filter((migration) => migration.id < 21),
        );
        const team = { kind: 'team' as const, id: 'anna' };
        for (const [n, level] of [
          [0, 'vision'],
          [1, undefined],
        ] as const) {
          const response = makeResponse(unique('before-21'), at(1), { id: `response-${n}` });
          const item = feedbackItemFromResponse({ ...response, followUps: [] }) as FeedbackItem;
          const history = [
            { from: 'new', to: 'planned', at: at(2 + n), by: team },
            { from: 'planned', to: 'shipped', at: at(5), by: team },
          ];
          await sql.query(
            `INSERT INTO palaute_items (id, customer_id, response_id, touchpoint_id, status, created_at, document)
             VALUES ($1, $2, $1, $3, 'shipped', $4::timestamptz, $5::jsonb)`,
            [
              response.id,
              response.customerId,
              response.touchpointId,
              at(1),
              JSON.stringify({
                ...item,
                status: 'shipped',
                history,
                ...(level ? { level } : {}),
              }),
            ],
          );
        }
      } finally {
        await sql.close();
      }
      const storage = await openStorage({ dataDir });
      await storage.close();
      const after = await openPglite(dataDir);
      try {
        expect(await appliedIds(after)).toEqual(allIds);
        const counts = await after.query<Record<string, unknown>>(
          `SELECT kind, month, level, bucket, n, least_ms::text AS least, greatest_ms::text AS greatest
           FROM palaute_item_durations ORDER BY kind, level COLLATE "C"`,
        );
        const month = Date.UTC(2026, 10, 1) / 86_400_000;
        const hour = 3_600_000;
        // First responses 1 h and 2 h after creation (one bucket each), closes 4 h (one cell per
        // level).
        expect(counts).toEqual([
          {
            kind: 0,
            month,
            level: '',
            bucket: 7,
            n: 1,
            least: `${2 * hour}`,
            greatest: `${2 * hour}`,
          },
          {
            kind: 0,
            month,
            level: 'vision',
            bucket: 6,
            n: 1,
            least: `${hour}`,
            greatest: `${hour}`,
          },
          {
            kind: 1,
            month,
            level: '',
            bucket: 9,
            n: 1,
            least: `${4 * hour}`,
            greatest: `${4 * hour}`,
          },
          {
            kind: 1,
            month,
            level: 'vision',
            bucket: 9,
            n: 1,
            least: `${4 * hour}`,
            greatest: `${4 * hour}`,
          },
        ]);
        const [table] = await after.query<{ relallvisible: number }>(
          "SELECT relallvisible FROM pg_class WHERE relname = 'palaute_item_durations'",
        );
        expect(table?.relallvisible).toBe(1);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('given items planned before migration 18 › each stay becomes a row, and the folder is vacuumed after the migrations so the report’s indexes are read alone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'palaute-before-18-'));
    const at = (hours: number) => new Date(Date.UTC(2026, 10, 20, hours)).toISOString();
    try {
      const sql = await openPglite(dataDir);
      try {
        await migrate(
          sql,
          MIGRATIONS.filter((migration) => migration.id < 18),
        );
        const team = { kind: 'team' as const, id: 'anna' };
        const response = makeResponse(unique('before-18'), at(1), { id: 'response-planned' });
        await sql.query(
          `INSERT INTO palaute_responses (id, customer_id, survey_id, touchpoint_id, received_at, document)
           VALUES ($1, $2, $3, $4, $5::timestamptz, $6::jsonb)`,
          [
            response.id,
            response.customerId,
            response.surveyId,
            response.touchpointId,
            at(1),
            JSON.stringify(response),
          ],
        );
        const item = feedbackItemFromResponse({ ...response, followUps: [] }) as FeedbackItem;
        const history = [
          { from: 'new', to: 'planned', at: at(2), by: team },
          { from: 'planned', to: 'triaged', at: at(3), by: team },
          { from: 'triaged', to: 'planned', at: at(4), by: team },
        ];
        await sql.query(
          `INSERT INTO palaute_items (id, customer_id, response_id, touchpoint_id, status, created_at, document)
           VALUES ($1, $2, $1, $3, 'planned', $4::timestamptz, $5::jsonb)`,
          [
            response.id,
            response.customerId,
            response.touchpointId,
            at(1),
            JSON.stringify({ ...item, status: 'planned', history }),
          ],
        );
      } finally {
        await sql.close();
      }
      const storage = await openStorage({ dataDir });
      await storage.close();
      const after = await openPglite(dataDir);
      try {
        expect(await appliedIds(after)).toEqual(allIds);
        const stays = await after.query<{ k: number; start_ms: unknown; end_ms: unknown }>(
          'SELECT k, start_ms, end_ms FROM palaute_item_stays ORDER BY k',
        );
        expect(
          stays.map((row) => [row.k, Number(row.start_ms), row.end_ms && Number(row.end_ms)]),
        ).toEqual([
          [1, Date.parse(at(2)), Date.parse(at(3))],
          [2, Date.parse(at(4)), null],
        ]);
        // PGlite has no autovacuum: a vacuum after the migrations marks the pages all-visible
        // (index-only scans fetch no row) and gathers the planner's statistics.
        const tables = await after.query<{
          relname: string;
          relallvisible: number;
          reltuples: number;
        }>(
          `SELECT relname, relallvisible, reltuples FROM pg_class
           WHERE relname IN ('palaute_item_work', 'palaute_item_stays') ORDER BY relname`,
        );
        expect(tables).toEqual([
          { relname: 'palaute_item_stays', relallvisible: 1, reltuples: 2 },
          { relname: 'palaute_item_work', relallvisible: 1, reltuples: 1 },
        ]);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('given two migrations at once › exactly one applies them, the other finds nothing to do', async () => {
    const sql = await openPglite();
    try {
      const runs = await Promise.all([migrate(sql), migrate(sql)]);
      expect(runs.flat()).toEqual(allIds);
      expect(await appliedIds(sql)).toEqual(allIds);
    } finally {
      await sql.close();
    }
  }, 60_000);

  it('given a new migration appended › applies only it, in order', async () => {
    const sql = await openPglite();
    try {
      await migrate(sql);
      const next = {
        id: Math.max(...allIds) + 1,
        name: 'test: a column',
        sql: 'ALTER TABLE palaute_changes ADD COLUMN note text; CREATE INDEX palaute_changes_note ON palaute_changes (note);',
      };
      expect(await migrate(sql, [...MIGRATIONS, next])).toEqual([next.id]);
      expect(await appliedIds(sql)).toEqual([...allIds, next.id]);
    } finally {
      await sql.close();
    }
  }, 60_000);

  it('given a failing migration › applies none of the run and records nothing', async () => {
    const sql = await openPglite();
    try {
      const broken = {
        id: 99,
        name: 'broken',
        sql: 'CREATE TABLE palaute_x (id text); SELECT nope;',
      };
      await expect(migrate(sql, [...MIGRATIONS, broken])).rejects.toThrow(/nope/);
      expect(await sql.query("SELECT to_regclass('palaute_migrations') AS name")).toEqual([
        { name: null },
      ]);
      expect(await migrate(sql)).toEqual(allIds);
    } finally {
      await sql.close();
    }
  }, 60_000);
});

describe('migration 2 (inbox paging) on PGlite', () => {
  it('given items stored before it › cuts their creation times to the millisecond as the engine does, ranks them, and pages them in order', async () => {
    const sql = await openPglite();
    try {
      await migrate(
        sql,
        MIGRATIONS.filter((migration) => migration.id === 1),
      );
      const clock = handClock('2026-11-23T10:00:00.000Z');
      const ids = unique('before-paging');
      // As version 1 stored them: created_at as sent, which PostgreSQL rounds to the microsecond
      // (.0009999 s becomes .001 s), where the engine's Date.parse cuts it (.000 s).
      const stored = [
        ['x', '2026-11-23T10:00:00.0009999Z', 'triaged'],
        ['y', '2026-11-23T10:00:00.000Z', 'new'],
        ['z', '2026-11-23T12:00:00.0005+02:00', 'new'],
      ] as const;
      for (const [suffix, createdAt, status] of stored) {
        const item: FeedbackItem = {
          id: `${ids.response(0)}-${suffix}`,
          customerId: ids.customer,
          surveyId: 'nps-dashboard',
          touchpointId: ids.touchpoint,
          answers: { why: 'Exports are slow' },
          text: 'Exports are slow',
          consentToContact: false,
          status,
          history: [],
          replies: [],
          createdAt,
        };
        await sql.query(
          `INSERT INTO palaute_items (id, customer_id, touchpoint_id, status, created_at, document)
           VALUES ($1, $2, $3, $4, $5::timestamptz, $6::jsonb)`,
          [item.id, item.customerId, item.touchpointId, status, createdAt, JSON.stringify(item)],
        );
      }
      expect(
        await migrate(
          sql,
          MIGRATIONS.filter((migration) => migration.id <= 2),
        ),
      ).toEqual([2]);
      const rows = await sql.query<{ id: string; created_at: unknown; inbox_rank: number }>(
        'SELECT id, created_at, inbox_rank FROM palaute_items ORDER BY id',
      );
      expect(rows.map((row) => [row.id.slice(-1), isoOf(row.created_at), row.inbox_rank])).toEqual([
        ['x', '2026-11-23T10:00:00.000Z', 1],
        ['y', '2026-11-23T10:00:00.000Z', 0],
        ['z', '2026-11-23T10:00:00.000Z', 0],
      ]);
      // One millisecond for all three: the ids decide, in every order.
      const team = createSqlTeam(sql, clock.now);
      const letters = (page: InboxPage) => page.items.map((item) => item.id.slice(-1)).join('');
      const query = { touchpointId: ids.touchpoint, limit: 2 } as const;
      const first = await team.listFeedback({ ...query, sort: 'oldest' });
      expect(letters(first)).toBe('xy');
      expect(
        letters(await team.listFeedback({ ...query, sort: 'oldest', cursor: first.next ?? '' })),
      ).toBe('z');
      expect(letters(await team.listFeedback({ touchpointId: ids.touchpoint }))).toBe('yzx');
      expect(
        letters(await team.listFeedback({ touchpointId: ids.touchpoint, sort: 'newest' })),
      ).toBe('zyx');
    } finally {
      await sql.close();
    }
  }, 60_000);
});

describe('migration 4 (loop metrics and facets in SQL) on PGlite', () => {
  it('given items stored before it › fills when the team first acted and when each closed, and the segment rows, from the documents; an older writer’s update is followed too', async () => {
    const sql = await openPglite();
    try {
      await migrate(
        sql,
        MIGRATIONS.filter((migration) => migration.id <= 3),
      );
      const clock = handClock('2026-11-30T10:00:00.000Z');
      const ids = unique('before-metrics');
      const team: Actor = anna;
      const system: Actor = { kind: 'system', id: 'palaute' };
      const item = (
        suffix: string,
        life: Pick<FeedbackItem, 'status' | 'history' | 'replies'> & Partial<FeedbackItem>,
      ): FeedbackItem => ({
        id: `${ids.response(0)}-${suffix}`,
        customerId: ids.customer,
        surveyId: 'nps-dashboard',
        touchpointId: ids.touchpoint,
        answers: { why: 'Exports are slow' },
        text: 'Exports are slow',
        consentToContact: true,
        createdAt: '2026-11-23T10:00:00.000Z',
        ...life,
      });
      const stored = [
        // Replied to (an offset: 11:30+02:00 is 09:30 UTC, before the reply written later as
        // text), then answered.
        item('a', {
          status: 'answered',
          segment: { plan: 'pro', seats: 12 },
          createdAt: '2026-11-23T08:00:00Z',
          history: [
            { from: null, to: 'new', at: '2026-11-23T08:00:00Z', by: system },
            { from: 'new', to: 'answered', at: '2026-11-23T12:00:00.000Z', by: team },
          ],
          replies: [
            { id: 'reply-a-0001', author: team, body: 'Hi', at: '2026-11-23T10:00:00.000Z' },
            { id: 'reply-a-0002', author: team, body: 'Hi', at: '2026-11-23T11:30:00+02:00' },
          ],
        }),
        // Declined, then reopened and declined again: closed at the first decline.
        item('b', {
          status: 'declined',
          segment: { plan: 'pro', seats: '12', note: null },
          history: [
            { from: null, to: 'new', at: '2026-11-23T10:00:00.000Z', by: system },
            {
              from: 'new',
              to: 'declined',
              at: '2026-11-23T11:00:00.0009Z',
              by: team,
              reason: 'No',
            },
            { from: 'declined', to: 'triaged', at: '2026-11-24T10:00:00.000Z', by: team },
            {
              from: 'triaged',
              to: 'declined',
              at: '2026-11-25T10:00:00.000Z',
              by: team,
              reason: 'No',
            },
          ],
          replies: [],
        }),
        // Untouched: only the customer wrote.
        item('c', {
          status: 'new',
          segment: { plan: 'free', trial: true },
          history: [{ from: null, to: 'new', at: '2026-11-23T10:00:00.000Z', by: system }],
          replies: [
            {
              id: 'reply-c-0001',
              author: { kind: 'customer', id: ids.customer },
              body: 'Hello?',
              at: '2026-11-24T10:00:00.000Z',
            },
          ],
        }),
      ];
      // Written as a version of that time wrote them (no response_id before migration 5).
      for (const before of stored)
        await sql.query(
          `INSERT INTO palaute_items (id, customer_id, touchpoint_id, status, created_at, document)
           VALUES ($1, $2, $3, $4, $5::timestamptz, $6::jsonb)`,
          [
            before.id,
            before.customerId,
            before.touchpointId,
            before.status,
            before.createdAt,
            JSON.stringify(before),
          ],
        );
      expect(
        await migrate(
          sql,
          MIGRATIONS.filter((migration) => migration.id <= 4),
        ),
      ).toEqual([4]);
      const columns = async () =>
        (
          await sql.query<{ id: string; first: string | null; closed: string | null }>(
            'SELECT id, first_response_ms::text AS first, closed_ms::text AS closed FROM palaute_items ORDER BY id',
          )
        ).map((row) => [
          row.id.slice(-1),
          row.first === null ? null : new Date(Number(row.first)).toISOString(),
          row.closed === null ? null : new Date(Number(row.closed)).toISOString(),
        ]);
      expect(await columns()).toEqual([
        ['a', '2026-11-23T09:30:00.000Z', '2026-11-23T12:00:00.000Z'],
        ['b', '2026-11-23T11:00:00.000Z', '2026-11-23T11:00:00.000Z'],
        ['c', null, null],
      ]);
      const sqlTeam = createSqlTeam(sql, clock.now);
      const now = clock.now().toISOString();
      expect(await sqlTeam.loopMetrics()).toEqual(computeLoopMetrics(stored, { now }));
      expect(await sqlTeam.inboxFacets()).toEqual(computeInboxFacets(stored));
      expect((await sqlTeam.inboxFacets()).segments.map((facet) => facet.key)).toEqual([
        'plan',
        'seats',
        'trial',
      ]);

      // An older version writes as it always did (status and document): the columns and the
      // segment rows follow.
      const [, , untouched] = stored as [FeedbackItem, FeedbackItem, FeedbackItem];
      const replied: FeedbackItem = {
        ...untouched,
        segment: { plan: 'enterprise' },
        replies: [
          ...untouched.replies,
          { id: 'reply-c-0002', author: team, body: 'On it', at: '2026-11-26T10:00:00.000Z' },
        ],
      };
      await sql.query('UPDATE palaute_items SET status = $2, document = $3::jsonb WHERE id = $1', [
        replied.id,
        replied.status,
        JSON.stringify(replied),
      ]);
      const after = [stored[0] as FeedbackItem, stored[1] as FeedbackItem, replied];
      expect((await columns())[2]).toEqual(['c', '2026-11-26T10:00:00.000Z', null]);
      expect(await sqlTeam.loopMetrics()).toEqual(computeLoopMetrics(after, { now }));
      expect(await sqlTeam.inboxFacets()).toEqual(computeInboxFacets(after));
    } finally {
      await sql.close();
    }
  }, 60_000);
});

/** Text PostgreSQL cannot store is refused with a 4xx-worthy ValidationError naming its path. */
async function refusesNul(storage: ServerStorage) {
  const ids = unique('nul');
  const response = makeResponse(ids, new Date().toISOString(), {
    answers: { nps: 2, why: 'bad\u0000byte', contact: true },
  });
  const error = await storage.backend.submitResponse(response).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).problems.map((problem) => problem.path)).toEqual([
    'answers.why',
  ]);
  const [result] = await storage.backend.deliver([{ kind: 'response', payload: response }]);
  expect(result?.outcome).toBe('rejected');
  const clean = makeResponse(ids, new Date().toISOString());
  await storage.backend.submitResponse(clean);
  await expect(
    storage.team.act(
      clean.id,
      { type: 'reply.team', reply: { id: ids.id('reply'), body: 'a\u0000b' } },
      anna,
    ),
  ).rejects.toBeInstanceOf(ValidationError);
  expect((await storage.team.getFeedback(clean.id)).replies).toEqual([]);
  await expect(storage.team.getFeedback('response-\u0000')).rejects.toBeInstanceOf(ValidationError);
  await expect(storage.backend.listMyFeedback({ customerId: 'x\u0000' })).rejects.toBeInstanceOf(
    ValidationError,
  );
  await expect(storage.exportCustomer('x\u0000')).rejects.toBeInstanceOf(ValidationError);
}

/** Half an emoji (a lone surrogate) in a text or a key is stored as U+FFFD, never a failed insert. */
async function storesLoneSurrogates(storage: ServerStorage) {
  const clock = handClock();
  const ids = unique('surrogate');
  const response = makeResponse(ids, clock.now().toISOString(), {
    answers: { nps: 3, why: 'Exports 😀 are slow \ud83d', contact: true },
    segment: { 'plan\udc00': 'pro\ud800', emoji: '😀' },
  });
  await storage.backend.submitResponse(response);
  const item = await storage.team.getFeedback(response.id);
  expect(item.text).toBe('Exports 😀 are slow \ufffd');
  expect(item.segment).toEqual({ 'plan\ufffd': 'pro\ufffd', emoji: '😀' });
  await storage.team.act(
    response.id,
    { type: 'reply.team', reply: { id: ids.id('reply'), body: 'Thanks \udfff' } },
    anna,
  );
  expect((await storage.team.getFeedback(response.id)).replies[0]?.body).toBe('Thanks \ufffd');
}

describe('migration 5 (client ids scoped to their customer) on PGlite', () => {
  it('given rows stored before it › keeps every one as its customer’s, and another customer may then use the same ids', async () => {
    const sql = await openPglite();
    try {
      await migrate(
        sql,
        MIGRATIONS.filter((migration) => migration.id <= 4),
      );
      const clock = handClock();
      const at = clock.now().toISOString();
      const ids = unique('before-scoping');
      const response = makeResponse(ids, at);
      const followUp = { ...makeFollowUp(response.id, at) };
      const display = makeDisplay(ids, response.id, at);
      const dismissal = makeDismissal(ids, ids.response(2), at, 'optOut');
      const item = feedbackItemFromResponse({ ...response, followUps: [followUp] }) as FeedbackItem;
      // Written as version 4 wrote them.
      const rows: [string, unknown[]][] = [
        [
          `INSERT INTO palaute_responses (id, customer_id, survey_id, touchpoint_id, received_at, document)
           VALUES ($1, $2, $3, $4, $5::timestamptz, $6::jsonb)`,
          [
            response.id,
            ids.customer,
            response.surveyId,
            response.touchpointId,
            at,
            JSON.stringify(response),
          ],
        ],
        [
          `INSERT INTO palaute_follow_ups (response_id, follow_up_id, customer_id, document)
           VALUES ($1, $2, $3, $4::jsonb)`,
          [response.id, followUp.followUpId, ids.customer, JSON.stringify(followUp)],
        ],
        [
          'INSERT INTO palaute_displays (response_id, customer_id, document) VALUES ($1, $2, $3::jsonb)',
          [response.id, ids.customer, JSON.stringify(display)],
        ],
        [
          `INSERT INTO palaute_dismissals (response_id, customer_id, reason, document)
           VALUES ($1, $2, $3, $4::jsonb)`,
          [dismissal.responseId, ids.customer, 'optOut', JSON.stringify(dismissal)],
        ],
        [
          `INSERT INTO palaute_items (id, customer_id, touchpoint_id, status, created_at, document)
           VALUES ($1, $2, $3, $4, $5::timestamptz, $6::jsonb)`,
          [item.id, ids.customer, item.touchpointId, item.status, at, JSON.stringify(item)],
        ],
      ];
      for (const [statement, params] of rows) await sql.query(statement, params);
      const backend = createSqlBackend(sql, clock.now);
      expect(
        await migrate(
          sql,
          MIGRATIONS.filter((migration) => migration.id <= 5),
        ),
      ).toEqual([5]);
      // Today's writers and readers need the later migrations too (an item's locale, the tables of
      // later features): the customer's rows are all still theirs, as written.
      await migrate(sql);
      const before = await backend.exportCustomer(ids.customer);
      expect(before).toMatchObject({
        responses: [response],
        followUps: [followUp],
        displays: [display],
        dismissals: [dismissal],
        items: [item],
      });
      // Replays are still duplicates; another customer's writes under the same ids are theirs.
      expect(
        await backend.deliver([
          { kind: 'response', payload: response },
          { kind: 'followUp', payload: { ...followUp, customerId: ids.customer } },
          { kind: 'display', payload: display },
          { kind: 'dismissal', payload: dismissal },
        ]),
      ).toEqual(
        ['response', 'followUp', 'display', 'dismissal'].map((kind) =>
          expect.objectContaining({ outcome: 'duplicate', key: expect.stringMatching(kind) }),
        ),
      );
      const other = unique('after-scoping');
      const theirs = { ...response, customerId: other.customer };
      const stored = await backend.deliver([
        { kind: 'response', payload: theirs },
        { kind: 'followUp', payload: { ...followUp, customerId: other.customer } },
        { kind: 'display', payload: { ...display, customerId: other.customer } },
        { kind: 'dismissal', payload: { ...dismissal, customerId: other.customer } },
      ]);
      expect(stored.map((result) => result.outcome)).toEqual([
        'stored',
        'stored',
        'stored',
        'stored',
      ]);
      const [item2] = (await backend.exportCustomer(other.customer)).items;
      expect(item2?.responseId).toBe(response.id);
      expect(item2?.id).not.toBe(response.id);
      expect(await backend.exportCustomer(ids.customer)).toEqual(before);
    } finally {
      await sql.close();
    }
  }, 60_000);
});

describe('migration 15 (cheaper write triggers) on PGlite', () => {
  it('given the same writes, one at a time and in batches › scores, rollups and segment rows are those of the triggers before it, and a deletion takes its share away alike', async () => {
    // Before: every migration up to 15 but 15 (a trigger call per row); after: up to 15 (the
    // rollups of migration 16 have their own test in storage.cx.rollup.test.ts).
    const before = await openPglite();
    const after = await openPglite();
    try {
      await migrateAround(15, before, after);
      const clock = handClock();
      const ids = unique('triggers');
      const other = unique('triggers-other');
      const day = novemberDay;
      const responses = [
        // Two flows shown on one day at one touchpoint, answered in one batch.
        makeResponse(ids, day(0, 5), { id: ids.response(1), answers: { nps: 9 } }),
        makeResponse(ids, day(0, 6), {
          id: ids.response(2),
          answers: { nps: 2, why: 'Slow', contact: true },
          segment: { plan: 'pro', seats: 12, trial: false },
        }),
        // Shown on another day; a score off the scale and one not whole are not scores.
        makeResponse(ids, day(1), { id: ids.response(3), answers: { nps: 11 } }),
        makeResponse(ids, day(2), { id: ids.response(4), answers: { nps: 7.5, why: 'Hm' } }),
        // Never shown (no display): counted as a score, not as an answered display.
        makeResponse(other, day(3), {
          id: other.response(1),
          answers: { nps: 10, why: 'Great', contact: true },
        }),
      ];
      const single = makeResponse(ids, day(0, 7), {
        id: ids.response(5),
        answers: { nps: 5, why: 'Alone', contact: true },
        segment: { plan: 'free' },
      });
      for (const sql of [before, after])
        await writeScored(
          sql,
          clock.now,
          ids,
          [day(0), day(0, 1), day(1), day(2), day(0, 2)],
          responses,
          [single],
        );
      const tables = async (sql: Sql) => ({
        scores: await sql.query(
          `SELECT response_id, question_id, customer_id, touchpoint_id, metric, score, at, at_ms::text, day, segment
           FROM palaute_scores ORDER BY response_id COLLATE "C", question_id`,
        ),
        scoreDays: await sql.query(
          'SELECT * FROM palaute_score_days ORDER BY day, touchpoint_id COLLATE "C", score',
        ),
        scoreMonths: await sql.query(
          'SELECT * FROM palaute_score_months ORDER BY month, touchpoint_id COLLATE "C", score',
        ),
        displayDays: await sql.query(
          'SELECT * FROM palaute_display_days ORDER BY day, touchpoint_id COLLATE "C"',
        ),
        segments: await sql.query(
          `SELECT item_id, key, value FROM palaute_item_segments
           ORDER BY item_id COLLATE "C", key COLLATE "C"`,
        ),
      });
      const written = await tables(after);
      expect(written).toEqual(await tables(before));
      // The writes above reach every path: scores, answered displays, segment rows.
      expect(written.scores.length).toBe(4);
      expect(written.displayDays.map((row) => row.answered)).toEqual([3, 1, 1]);
      expect(written.segments.map((row) => row.key)).toEqual(['plan', 'seats', 'trial', 'plan']);

      // A deletion takes its share away, row by row as before; a segment changed is resynced.
      for (const sql of [before, after]) {
        await sql.query('DELETE FROM palaute_responses WHERE customer_id = $1 AND id = $2', [
          ids.customer,
          ids.response(2),
        ]);
        await sql.query(
          `UPDATE palaute_items SET document = jsonb_set(document, '{segment}', '{"plan":"enterprise"}')
           WHERE response_id = $1`,
          [ids.response(5)],
        );
      }
      expect(await tables(after)).toEqual(await tables(before));
    } finally {
      await before.close();
      await after.close();
    }
  }, 120_000);
});

describe('migration 19 (cheaper item writes) on PGlite', () => {
  it('given the same writes, one at a time and in batches, in many locales, then acted on by the team › items, their search vectors and work rows are those written before it', async () => {
    // Before: every migration but 19 (a catalog read per search configuration, a work row
    // trigger call per item); after: all of them.
    const before = await openPglite();
    const after = await openPglite();
    try {
      await migrateAround(19, before, after);
      const clock = handClock();
      const ids = unique('items18');
      const locales = ['en', 'fi-FI', 'et', 'pt-BR', 'NB', 'sv', 'xx', 'zh-Hant', 'hy'];
      const responses = locales.map((locale, n) =>
        makeResponse(ids, clock.now().toISOString(), {
          id: ids.response(n),
          locale,
          answers: { nps: n, why: `Viennit ovat hitaita, exports are running slowly ${n}` },
          ...(n % 3 === 0 ? { segment: { plan: 'pro', seats: n } } : {}),
        }),
      );
      const alone = makeResponse(ids, clock.now().toISOString(), {
        id: ids.response(99),
        locale: 'de',
        answers: { nps: 4, why: 'Die Exporte laufen langsam' },
      });
      for (const sql of [before, after]) {
        const backend = createSqlBackend(sql, clock.now);
        const results = await backend.deliver(
          responses.map((payload) => ({ kind: 'response', payload })),
        );
        expect(results.map((result) => result.outcome)).toEqual(responses.map(() => 'stored'));
        await backend.submitResponse(alone);
        const team = createSqlTeam(sql, clock.now);
        await team.act(ids.response(1), { type: 'feedback.triage' }, anna);
        await team.act(ids.response(1), { type: 'feedback.plan' }, anna);
        await team.act(ids.response(1), { type: 'feedback.start' }, anna);
        await team.act(ids.response(2), { type: 'feedback.decline', reason: 'Not now' }, anna);
      }
      const tables = async (sql: Sql) => ({
        items: await sql.query(
          `SELECT id, customer_id, response_id, status, locale, inbox_rank, first_response_ms::text,
             closed_ms::text, planned_stays::text, search_simple::text, search_language::text
           FROM palaute_items ORDER BY id COLLATE "C"`,
        ),
        work: await sql.query(
          `SELECT item_id, touchpoint_id, status, created_ms::text, first_response_ms::text,
             closed_ms::text, level, answer_keys, planned_stays::text, segment, ever_planned
           FROM palaute_item_work ORDER BY item_id COLLATE "C"`,
        ),
        segments: await sql.query(
          `SELECT item_id, key, value FROM palaute_item_segments
           ORDER BY item_id COLLATE "C", key COLLATE "C"`,
        ),
        configs: await sql.query(
          `SELECT l, palaute_search_config(l)::text AS config
           FROM unnest(ARRAY['en', 'en-GB', 'FI', 'et', 'hy', 'yi', 'no', 'xx', '', NULL]) AS l`,
        ),
        found: await sql.query(
          `SELECT id FROM palaute_items
           WHERE search_language @@ websearch_to_tsquery(palaute_search_config(locale), 'export')
           ORDER BY id COLLATE "C"`,
        ),
      });
      const written = await tables(after);
      expect(written).toEqual(await tables(before));
      // The writes above reach every path: every item and its work row, languages found.
      expect(written.items.length).toBe(locales.length + 1);
      expect(written.work.length).toBe(locales.length + 1);
      expect(written.configs.map((row) => row.config)).toEqual(
        expect.arrayContaining(['english', 'finnish', 'simple']),
      );
      expect(written.found.length).toBeGreaterThan(0);
    } finally {
      await before.close();
      await after.close();
    }
  }, 120_000);
});

describe('migration 20 (no index another index leads with) on PGlite', () => {
  it('drops only the indexes on customer_id alone; every read and deletion by customer still finds its rows through an index, and the data rights still see everything', async () => {
    const sql = await openPglite();
    try {
      const indexes = async () =>
        (
          await sql.query<{ name: string }>(
            `SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`,
          )
        ).map((row) => row.name);
      await migrate(
        sql,
        MIGRATIONS.filter((migration) => migration.id < 20),
      );
      const before = await indexes();
      const tables = [
        'palaute_responses',
        'palaute_items',
        'palaute_follow_ups',
        'palaute_displays',
        'palaute_dismissals',
        'palaute_replies',
      ];
      const dropped = tables.map((table) => `${table}_customer`);
      expect(before).toEqual(expect.arrayContaining(dropped));
      await migrate(
        sql,
        MIGRATIONS.filter((migration) => migration.id <= 20),
      );
      expect(await indexes()).toEqual(before.filter((name) => !dropped.includes(name)));
      await migrate(sql);
      // With sequential scans off, the planner uses an index whenever one can serve the query.
      await sql.exec('SET enable_seqscan = off');
      for (const table of tables) {
        for (const statement of [
          `SELECT * FROM ${table} WHERE customer_id = 'c-1'`,
          `DELETE FROM ${table} WHERE customer_id = 'c-1'`,
        ]) {
          const plan = await planOf(sql, statement);
          expect(plan, statement).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
          expect(plan, statement).not.toMatch(/Seq Scan/);
        }
      }
      await sql.exec('RESET enable_seqscan');
      // What a customer's export and deletion read are still all there.
      const backend = createSqlBackend(sql, () => new Date('2026-11-23T10:00:00.000Z'));
      const ids = unique('migration-20');
      const at = '2026-11-23T10:00:00.000Z';
      await backend.deliver([
        { kind: 'display', payload: makeDisplay(ids, ids.response(), at) },
        { kind: 'response', payload: makeResponse(ids, at) },
        {
          kind: 'followUp',
          payload: { ...makeFollowUp(ids.response(), at), customerId: ids.customer },
        },
      ]);
      const exported = await backend.exportCustomer(ids.customer);
      expect(exported.responses).toHaveLength(1);
      expect(exported.followUps).toHaveLength(1);
      const deleted = await backend.deleteCustomer(ids.customer);
      expect(deleted.deleted).toMatchObject({ responses: 1, followUps: 1, displays: 1, items: 1 });
    } finally {
      await sql.close();
    }
  }, 120_000);
});

/**
 * Migration 22's check: the two reads by which palaute_item_durations_add finds a cell's least and
 * greatest again, taken from the function's own source (its variables given a cell's values), are
 * planned, with sequential scans off, as scans of the indexes keyed by touchpoint, bucket and
 * creation time with the cell's month in the index condition; migration 21's indexes are gone.
 */
async function removalReadsItsMonth(sql: Sql) {
  const indexes = (
    await sql.query<{ name: string }>(
      `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'palaute_item_work' ORDER BY 1`,
    )
  ).map((row) => row.name);
  expect(indexes).toEqual(
    expect.arrayContaining(['palaute_item_work_response_cell', 'palaute_item_work_close_cell']),
  );
  expect(indexes).not.toContain('palaute_item_work_response_time');
  expect(indexes).not.toContain('palaute_item_work_close_time');
  const functions = await sql.query<{ source: string }>(
    `SELECT prosrc AS source FROM pg_proc WHERE proname = 'palaute_item_durations_add'`,
  );
  expect(functions).toHaveLength(1);
  const source = functions[0]?.source ?? '';
  const reads = [...source.matchAll(/SELECT min\(w\.[\s\S]*?= l;/g)].map((match) => match[0]);
  expect(reads).toHaveLength(2);
  // November 2026: its first day in epoch days, and its first and end instants.
  const month = Date.UTC(2026, 10, 1) / 86_400_000;
  await sql.exec('SET enable_seqscan = off');
  try {
    for (const [read, index] of [
      [reads[0], 'palaute_item_work_response_cell'],
      [reads[1], 'palaute_item_work_close_cell'],
    ] as const) {
      const statement = (read ?? '')
        .replace(/INTO left_least, left_greatest/, '')
        .replace(/\bplace\b/, "'tp-1'")
        .replace(/= b\b/, '= 17')
        .replace(/\bmonth_from\b/, String(month * 86_400_000))
        .replace(/\bmonth_to\b/, String(Date.UTC(2026, 11, 1)))
        .replace(/= l;$/, "= 'vision'");
      const plan = await planOf(sql, statement);
      expect(plan, statement).toMatch(new RegExp(`Index (Only )?Scan using ${index}`));
      expect(plan, statement).toMatch(/Index Cond: [^\n]*created_ms >= '?\d+[^\n]*created_ms < /);
      expect(plan, statement).not.toMatch(/Seq Scan|Bitmap/);
    }
  } finally {
    await sql.exec('RESET enable_seqscan');
  }
}

describe("migration 22 (a removal from the durations' counts reads only its own month)", () => {
  for (const kind of sqlKinds)
    it.skipIf(!kind.run)(
      `${kind.name} › the removal's reads of a cell's least and greatest use the index with the month in its key`,
      async () => {
        const database = await openDatabase(kind);
        try {
          await migrate(
            database.sql,
            MIGRATIONS.filter((migration) => migration.id <= 22),
          );
          await removalReadsItsMonth(database.sql);
        } finally {
          await database.close();
        }
      },
      120_000,
    );
});

describe('text PostgreSQL cannot store', () => {
  it('given a NUL character in a text on PGlite › refuses it naming the path, stores nothing', async () => {
    const storage = await openStorage();
    try {
      await refusesNul(storage);
    } finally {
      await storage.close();
    }
  }, 60_000);

  it('given half an emoji (a lone surrogate) on PGlite › stores U+FFFD in its place, never a failed insert', async () => {
    const storage = await openStorage();
    try {
      await storesLoneSurrogates(storage);
    } finally {
      await storage.close();
    }
  }, 60_000);
});

describe('PGlite in a data folder', () => {
  const folder = onDataFolder('palaute-pglite-');

  it('keeps everything across close and reopen, and does not migrate twice', async () => {
    const dataDir = folder();
    const clock = handClock();
    const ids = unique('persist');
    const response = makeResponse(ids, clock.now().toISOString());
    const first = await openStorage({ dataDir, now: clock.now });
    expect(first.kind).toBe('pglite');
    const receipt = await first.backend.submitResponse(response);
    await first.team.act(response.id, { type: 'feedback.triage' }, anna);
    await first.close();

    clock.advance(60_000);
    const again = await openStorage({ dataDir, now: clock.now });
    try {
      // A replay after the restart still answers the first receipt.
      expect(await again.backend.submitResponse(response)).toEqual(receipt);
      expect((await again.team.getFeedback(response.id)).status).toBe('triaged');
      expect((await again.exportCustomer(ids.customer)).responses).toEqual([response]);
    } finally {
      await again.close();
    }
    const sql = await openPglite(dataDir);
    try {
      expect(await appliedIds(sql)).toEqual(allIds);
    } finally {
      await sql.close();
    }
  }, 120_000);
});

describe.skipIf(!databaseUrl)(`${postgresTitle}: shared by several server instances`, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase(databaseUrl as string);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('given two instances starting at once on a new database › both open, migrations applied once', async () => {
    const [a, b] = await Promise.all([
      openStorage({ databaseUrl: database.url }),
      openStorage({ databaseUrl: database.url }),
    ]);
    try {
      expect([a.kind, b.kind]).toEqual(['postgres', 'postgres']);
      const sql = await openPostgres(database.url);
      try {
        expect(await appliedIds(sql)).toEqual(allIds);
        expect(await migrate(sql)).toEqual([]);
      } finally {
        await sql.close();
      }
      // Stateless instances: what one stores, the other reads; a replay on either is one row.
      const ids = unique('instances');
      const response = makeResponse(ids, new Date().toISOString());
      const receipts = await Promise.all([
        a.backend.submitResponse(response),
        b.backend.submitResponse(response),
        a.backend.submitResponse(response),
        b.backend.submitResponse(response),
      ]);
      expect(new Set(receipts.map((receipt) => receipt.receivedAt)).size).toBe(1);
      expect((await b.team.getFeedback(response.id)).customerId).toBe(ids.customer);
      expect((await a.exportCustomer(ids.customer)).responses).toHaveLength(1);
      // Concurrent team actions on one item from two instances: both land, in some order.
      await Promise.all([
        a.team.act(
          response.id,
          { type: 'reply.team', reply: { id: ids.id('reply-a'), body: 'From A' } },
          anna,
        ),
        b.team.act(
          response.id,
          { type: 'reply.team', reply: { id: ids.id('reply-b'), body: 'From B' } },
          anna,
        ),
      ]);
      expect((await a.team.getFeedback(response.id)).replies).toHaveLength(2);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);

  it('given a NUL character in a text › refuses it naming the path, stores nothing', async () => {
    const storage = await openStorage({ databaseUrl: database.url });
    try {
      await refusesNul(storage);
    } finally {
      await storage.close();
    }
  });

  it('given half an emoji (a lone surrogate) › stores U+FFFD in its place, never a failed insert', async () => {
    const storage = await openStorage({ databaseUrl: database.url });
    try {
      await storesLoneSurrogates(storage);
    } finally {
      await storage.close();
    }
  });

  it('given a database whose default collation is linguistic (ICU en-US) › ids still order by code point, as in the memory backend', async () => {
    const name = `palaute_icu_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(
      `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`,
    );
    const url = new URL(databaseUrl as string);
    url.pathname = `/${name}`;
    const clock = handClock();
    const storage = await openStorage({ databaseUrl: url.toString(), now: clock.now });
    const memory = createMemoryBackend({ now: clock.now });
    try {
      const ids = unique('icu');
      // en-US puts "m" before "Z" and "😀" before "ｚ"; code points do the opposite.
      for (const suffix of ['m', 'Z', '😀', 'ｚ']) {
        const response = makeResponse(ids, clock.now().toISOString(), {
          id: `${ids.response(0)}-${suffix}`,
        });
        await storage.backend.submitResponse(response);
        await memory.submitResponse(response);
      }
      const order = async (team: TeamPort) =>
        (await team.listFeedback({ touchpointId: ids.touchpoint, sort: 'oldest' })).items.map(
          (item) => item.id.slice(ids.response(0).length + 1),
        );
      expect(await order(storage.team)).toEqual(['Z', 'm', 'ｚ', '😀']);
      expect(await order(memory.team)).toEqual(['Z', 'm', 'ｚ', '😀']);
    } finally {
      await storage.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 60_000);

  it('given an unreachable database › openStorage rejects at start', async () => {
    await expect(
      openStorage({ databaseUrl: 'postgres://nobody:nothing@127.0.0.1:1/none' }),
    ).rejects.toThrow();
  });
});

// Migration 25 (two statement triggers per insert of responses become one; the work row's
// answer keys without a function call, and without its foreign key) and migration 26 (the answered
// display days' insert only when a new response had a display): each against the migrations
// before it, over the same writes.
describe.each([
  { id: 25, name: 'cheaper new rows: one response trigger, work rows without a key check' },
  { id: 26, name: 'answered display days counted only when a new response had a display' },
])('migration $id ($name)', ({ id }) => {
  for (const kind of sqlKinds)
    it.skipIf(!kind.run)(
      `${kind.name} › given the same writes, one at a time and in batches, with and without displays, then acted on and erased › scores, rollups, display days, items, work rows and stays are those written before it`,
      async () => {
        const before = await openDatabase(kind);
        const after = await openDatabase(kind);
        try {
          await migrateAround(id, before.sql, after.sql);
          const clock = handClock();
          const ids = unique(`rows${id}`);
          const other = unique(`rows${id}-other`);
          const day = novemberDay;
          const responses = [
            makeResponse(ids, day(0, 5), { id: ids.response(1), answers: { nps: 9 } }),
            makeResponse(ids, day(0, 6), {
              id: ids.response(2),
              answers: { nps: 2, why: 'Slow exports', contact: true },
              segment: { plan: 'pro', seats: 12 },
            }),
            makeResponse(ids, day(1), { id: ids.response(3), answers: { nps: 11 } }),
            makeResponse(ids, day(2), { id: ids.response(4), answers: { nps: 7.5, why: 'Hm' } }),
            makeResponse(other, day(3), {
              id: other.response(1),
              locale: 'fi',
              answers: { nps: 10, why: 'Viennit toimivat', contact: true },
            }),
          ];
          // A survey no counted question belongs to: no scores, display days as before.
          const uncounted = makeResponse(ids, day(0, 8), {
            id: ids.response(6),
            surveyId: 'uncounted',
            answers: { nps: 3, why: 'Elsewhere' },
          });
          const single = makeResponse(ids, day(0, 7), {
            id: ids.response(5),
            answers: { nps: 5, why: 'Alone', contact: true },
            segment: { plan: 'free' },
          });
          // Alone and without a display: scored, no display day answered.
          const undisplayed = makeResponse(other, day(4), {
            id: other.response(2),
            answers: { nps: 6 },
          });
          for (const { sql } of [before, after]) {
            await writeScored(
              sql,
              clock.now,
              ids,
              [day(0), day(0, 1), day(1), day(2), day(0, 2), day(0, 3)],
              responses,
              [single, uncounted, undisplayed],
            );
            const team = createSqlTeam(sql, clock.now);
            await team.act(ids.response(1), { type: 'feedback.triage' }, anna);
            await team.act(ids.response(1), { type: 'feedback.plan' }, anna);
            await team.act(ids.response(1), { type: 'feedback.start' }, anna);
            await team.act(ids.response(2), { type: 'feedback.decline', reason: 'Not now' }, anna);
          }
          const tables = async (sql: Sql) => ({
            scores: await sql.query(
              `SELECT response_id, question_id, customer_id, touchpoint_id, metric, score, at, at_ms::text, day, segment
               FROM palaute_scores ORDER BY response_id COLLATE "C", question_id`,
            ),
            cxDays: await sql.query(
              'SELECT * FROM palaute_cx_days ORDER BY 1, 2, 3, 4, 5, 6, 7, segment::text',
            ),
            cxMonths: await sql.query(
              'SELECT * FROM palaute_cx_months ORDER BY 1, 2, 3, 4, 5, 6, 7, segment::text',
            ),
            durations: await sql.query(
              'SELECT * FROM palaute_item_durations ORDER BY 1, 2, 3, 4, 5',
            ),
            displayDays: await sql.query(
              'SELECT * FROM palaute_display_days ORDER BY day, touchpoint_id COLLATE "C", segment::text',
            ),
            items: await sql.query(
              `SELECT id, customer_id, response_id, status, locale, inbox_rank, first_response_ms::text,
                 closed_ms::text, planned_stays::text, search_simple::text, search_language::text
               FROM palaute_items ORDER BY id COLLATE "C"`,
            ),
            work: await sql.query(
              `SELECT item_id, touchpoint_id, status, created_ms::text, first_response_ms::text,
                 closed_ms::text, level, answer_keys, planned_stays::text, segment, ever_planned
               FROM palaute_item_work ORDER BY item_id COLLATE "C"`,
            ),
            stays: await sql.query(
              'SELECT * FROM palaute_item_stays ORDER BY item_id COLLATE "C", 2, 3',
            ),
            segments: await sql.query(
              `SELECT item_id, key, value FROM palaute_item_segments
               ORDER BY item_id COLLATE "C", key COLLATE "C"`,
            ),
          });
          const written = await tables(after.sql);
          expect(written).toEqual(await tables(before.sql));
          // The writes above reach every path: scores, answered displays, work rows with their
          // answer keys, a stay in planned, segments.
          expect(written.scores.length).toBe(5);
          expect(written.displayDays.length).toBeGreaterThan(0);
          expect(written.work.length).toBe(responses.length + 3);
          expect(written.work.map((row) => row.answer_keys)).toContainEqual([
            'nps-dashboard/nps',
            'nps-dashboard/why',
            'nps-dashboard/contact',
          ]);
          expect(written.work.map((row) => row.answer_keys)).toContainEqual([
            'uncounted/nps',
            'uncounted/why',
          ]);
          expect(written.stays.length).toBeGreaterThan(0);

          // A deleted item takes its work row and stays with it, as the key's cascade did; a
          // customer's erasure alike.
          for (const { sql } of [before, after]) {
            await sql.query('DELETE FROM palaute_items WHERE response_id = $1', [ids.response(1)]);
            await createSqlBackend(sql, clock.now).deleteCustomer(other.customer);
          }
          const left = await tables(after.sql);
          expect(left).toEqual(await tables(before.sql));
          expect(left.work.length).toBe(responses.length);
          expect(left.stays).toEqual([]);
          expect(left.work.map((row) => row.item_id)).toEqual(left.items.map((row) => row.id));
        } finally {
          await before.close();
          await after.close();
        }
      },
      180_000,
    );
});
