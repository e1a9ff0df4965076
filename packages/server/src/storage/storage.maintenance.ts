import type { Sql } from './storage.sql';

/**
 * The tables whose rows changed, by PostgreSQL's own counts, past the point where its autovacuum
 * would analyze them (its defaults: 50 rows and a tenth of the table), and the GIN indexes of
 * every table, with the table's inserts and updates so far (a changed count: new entries may wait
 * in the index's pending list).
 */
const DUE = `
  SELECT t.relid::regclass::text AS name,
    t.n_mod_since_analyze > 50 + 0.1 * t.n_live_tup AS analyze,
    (t.n_tup_ins + t.n_tup_upd)::text AS written,
    coalesce((SELECT array_agg(i.indexrelid::regclass::text ORDER BY i.indexrelid)
              FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid
              JOIN pg_am AS a ON a.oid = c.relam
              WHERE i.indrelid = t.relid AND a.amname = 'gin'), '{}') AS gin
  FROM pg_stat_user_tables AS t
  WHERE t.schemaname = current_schema()
  ORDER BY 1`;

/** What one {@link Maintenance.run} did: the tables analyzed and the GIN indexes cleaned. */
export interface MaintenanceRun {
  analyzed: string[];
  cleaned: string[];
}

/** PGlite's stand-in for autovacuum's routine work (see {@link createMaintenance}). */
export interface Maintenance {
  /** One pass now (waiting for one under way first). */
  run(): Promise<MaintenanceRun>;
  /** Stops the timer and waits for a pass under way. */
  stop(): Promise<void>;
}

/**
 * What PostgreSQL's autovacuum does for the planner and the search indexes, for PGlite, which has
 * none: every `intervalMs` (its timer does not keep the process alive), the tables that changed
 * past autovacuum's threshold are analyzed (without statistics the planner guesses every row
 * count: the inbox's search read 50,000 items where the index held one), and the GIN indexes of
 * tables written since the last pass have their pending lists merged (`gin_clean_pending_list`:
 * a search otherwise reads up to 4 MB of entries not merged yet, per index, each time). Each pass
 * takes PGlite's turn like any statement. A failed pass is tried again at the next tick.
 */
export function createMaintenance(db: Sql, { intervalMs }: { intervalMs: number }): Maintenance {
  const written = new Map<string, string>();
  let running: Promise<MaintenanceRun> | undefined;
  let stopped = false;
  const pass = async (): Promise<MaintenanceRun> => {
    const done: MaintenanceRun = { analyzed: [], cleaned: [] };
    // A backend sends its counts to the statistics at an idle point at most once a second (a
    // timer PGlite never fires): the next idle point sends them, so the read below sees them.
    await db.query('SELECT pg_stat_force_next_flush()', [], 'palaute_maintenance_flush');
    const tables = await db.query<{
      name: string;
      analyze: boolean;
      written: string;
      gin: string[];
    }>(DUE, [], 'palaute_maintenance_due');
    for (const table of tables) {
      if (stopped) break;
      if (table.analyze) {
        await db.exec(`ANALYZE ${table.name}`);
        done.analyzed.push(table.name);
      }
      if (table.gin.length > 0 && written.get(table.name) !== table.written) {
        for (const index of table.gin) {
          await db.query('SELECT gin_clean_pending_list($1::regclass)', [index]);
          done.cleaned.push(index);
        }
      }
      written.set(table.name, table.written);
    }
    return done;
  };
  const run = async (): Promise<MaintenanceRun> => {
    while (running) await running.catch(() => undefined);
    running = pass();
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };
  const timer = setInterval(() => {
    if (!running && !stopped) run().catch(() => undefined);
  }, intervalMs);
  timer.unref?.();
  return {
    run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
