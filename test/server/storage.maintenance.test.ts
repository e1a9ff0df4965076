// PGlite has no autovacuum: the storage analyzes the tables that changed and merges the search
// indexes' pending entries itself, on a timer and on request.
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../packages/server/src/index';
import { createMaintenance } from '../../packages/server/src/storage/storage.maintenance';
import { migrate } from '../../packages/server/src/storage/storage.migrations';
import { openPglite, type Sql } from '../../packages/server/src/storage/storage.sql';
import { makeResponse, planOf, unique } from './storage.fixtures';

/** Items straight into the table, `count` of them from `from` on, each with a few words. */
const storeItems = (sql: Sql, from: number, count: number) =>
  sql.query(
    `INSERT INTO palaute_items (id, customer_id, response_id, touchpoint_id, status, created_at, document, locale)
     SELECT 'item-' || g, 'customer-' || g, 'item-' || g, 'dashboard', 'new',
       '2026-11-23T10:00:00Z'::timestamptz - g * interval '1 minute',
       jsonb_build_object('id', 'item-' || g, 'text', 'Exports are slow, number ' || g), 'en'
     FROM generate_series($1::int, $1::int + $2::int - 1) AS g`,
    [from, count],
  );

const itemsStats = async (sql: Sql) => {
  const [row] = await sql.query<{ analyzed: boolean; estimate: number }>(
    `SELECT t.last_analyze IS NOT NULL AS analyzed, c.reltuples::float8 AS estimate
     FROM pg_stat_user_tables AS t JOIN pg_class AS c ON c.oid = t.relid
     WHERE t.relname = 'palaute_items'`,
  );
  return row;
};

/** The pages a search of the items' `simple` index reads (its pending list whole, and the entries' tree). */
const pagesReadBySearch = async (sql: Sql) => {
  const plan = await planOf(
    sql,
    `SELECT count(*) FROM palaute_items WHERE search_simple @@ 'spreadsheet'::tsquery`,
    [],
    'ANALYZE, BUFFERS, COSTS OFF',
  );
  const index = plan.indexOf('Bitmap Index Scan on palaute_items_search');
  if (index < 0) throw new Error(`no index scan in\n${plan}`);
  return Number(/shared hit=(\d+)/.exec(plan.slice(index))?.[1] ?? 0);
};

/** Runs `work` on a migrated PGlite in memory with a maintenance whose timer never fires in a test. */
async function withMaintenance(
  work: (sql: Sql, maintenance: ReturnType<typeof createMaintenance>) => Promise<void>,
) {
  const sql = await openPglite();
  const maintenance = createMaintenance(sql, { intervalMs: 3_600_000 });
  try {
    await migrate(sql);
    await work(sql, maintenance);
  } finally {
    await maintenance.stop();
    await sql.close();
  }
}

describe('PGlite’s routine maintenance', () => {
  it(
    'analyzes a table once its changes pass autovacuum’s threshold, and only then',
    () =>
      withMaintenance(async (sql, maintenance) => {
        await maintenance.run();
        await storeItems(sql, 1, 2_000);
        expect((await itemsStats(sql))?.analyzed).toBe(false);
        const first = await maintenance.run();
        expect(first.analyzed).toContain('palaute_items');
        expect(await itemsStats(sql)).toEqual({ analyzed: true, estimate: 2_000 });
        // 150 more rows: under 50 + a tenth of 2,000, so not analyzed again.
        await storeItems(sql, 2_001, 150);
        expect((await maintenance.run()).analyzed).not.toContain('palaute_items');
        expect((await itemsStats(sql))?.estimate).toBe(2_000);
        // 150 more: over it.
        await storeItems(sql, 2_151, 150);
        expect((await maintenance.run()).analyzed).toContain('palaute_items');
        expect((await itemsStats(sql))?.estimate).toBe(2_300);
      }),
    60_000,
  );

  it(
    'merges the search indexes’ pending entries of a table written since the last pass, so a search reads a few pages',
    () =>
      withMaintenance(async (sql, maintenance) => {
        await storeItems(sql, 1, 5_000);
        expect((await maintenance.run()).vacuumed).toContain('palaute_items');
        // 1,900 more: under a vacuum's threshold (1,000 and a fifth of 5,000), so only merged.
        await storeItems(sql, 5_001, 1_900);
        await sql.exec('SET enable_seqscan = off');
        const before = await pagesReadBySearch(sql);
        const run = await maintenance.run();
        expect(run.vacuumed).not.toContain('palaute_items');
        expect(run.cleaned).toEqual(
          expect.arrayContaining(['palaute_items_search', 'palaute_items_search_language']),
        );
        const after = await pagesReadBySearch(sql);
        expect(before).toBeGreaterThan(15);
        expect(after).toBeLessThan(before / 5);
        // Nothing written since: no index is cleaned again.
        expect((await maintenance.run()).cleaned).toEqual([]);
      }),
    60_000,
  );

  it(
    'vacuums a table past autovacuum’s insert threshold, so an index-only scan reads no row from the table',
    () =>
      withMaintenance(async (sql, maintenance) => {
        /** How many rows an index-only scan of the work rows' creation index fetched from the table. */
        const heapFetches = async () => {
          const plan = await planOf(
            sql,
            'SELECT count(created_ms) FROM palaute_item_work WHERE created_ms > 0',
            [],
            'ANALYZE, COSTS OFF',
          );
          expect(plan).toMatch(/Index Only Scan/);
          return Number(/Heap Fetches: (\d+)/.exec(plan)?.[1]);
        };
        await maintenance.run();
        // 900 rows: under the threshold of 1,000 inserted.
        await storeItems(sql, 1, 900);
        await sql.exec('SET enable_seqscan = off; SET enable_bitmapscan = off');
        expect((await maintenance.run()).vacuumed).not.toContain('palaute_items');
        expect(await heapFetches()).toBe(900);
        await storeItems(sql, 901, 600);
        expect((await maintenance.run()).vacuumed).toEqual(
          expect.arrayContaining(['palaute_items', 'palaute_item_work']),
        );
        expect(await heapFetches()).toBe(0);
      }),
    60_000,
  );

  /** Opens a PGlite storage with this interval, writes 60 responses and their items, then waits `ms`. */
  const written = async (maintenanceIntervalMs: number, ms: number) => {
    const storage = await openStorage({ maintenanceIntervalMs, itemDelayMs: 5 });
    const ids = unique('maintenance');
    await storage.backend.deliver(
      Array.from({ length: 60 }, (_, n) => ({
        kind: 'response' as const,
        payload: makeResponse(ids, '2026-11-23T10:00:00.000Z', { id: ids.response(n + 1) }),
      })),
    );
    await storage.settleItems();
    await new Promise((resolve) => setTimeout(resolve, ms));
    return storage;
  };

  it('runs on its timer in a PGlite storage: a pass on request then finds nothing left to do', async () => {
    // Without a pass since the writes, one on request analyzes the tables they changed.
    const idle = await written(3_600_000, 0);
    try {
      const run = await idle.maintain();
      expect(run.analyzed).toEqual(expect.arrayContaining(['palaute_items', 'palaute_responses']));
      expect(run.cleaned).toContain('palaute_items_search');
    } finally {
      await idle.close();
    }
    // With a 200 ms timer, its passes did that already.
    const timed = await written(200, 1_500);
    try {
      expect(await timed.maintain()).toEqual({ vacuumed: [], analyzed: [], cleaned: [] });
    } finally {
      await timed.close();
    }
  }, 60_000);
});
