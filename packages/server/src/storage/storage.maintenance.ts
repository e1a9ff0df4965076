import type { Sql } from './storage.sql';

/**
 * Every table with what PostgreSQL's autovacuum would do to it, by its own counts and its default
 * thresholds: vacuum when dead rows pass 50 and a fifth of the table, or rows inserted since the
 * last vacuum pass 1,000 and a fifth of it (which marks their pages all-visible, so index-only
 * scans skip the table); analyze when rows changed since the last analyze pass 50 and a tenth of
 * it. With its GIN indexes and its inserts and updates so far (a changed count: new entries may
 * wait in an index's pending list).
 */
const DUE = `
  SELECT t.relid::regclass::text AS name,
    t.n_dead_tup > 50 + 0.2 * t.n_live_tup
      OR t.n_ins_since_vacuum > 1000 + 0.2 * t.n_live_tup AS vacuum,
    t.n_mod_since_analyze > 50 + 0.1 * t.n_live_tup AS analyze,
    (t.n_tup_ins + t.n_tup_upd)::text AS written,
    coalesce((SELECT array_agg(i.indexrelid::regclass::text ORDER BY i.indexrelid)
              FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid
              JOIN pg_am AS a ON a.oid = c.relam
              WHERE i.indrelid = t.relid AND a.amname = 'gin'), '{}') AS gin
  FROM pg_stat_user_tables AS t
  WHERE t.schemaname = current_schema()
  ORDER BY 1`;

/**
 * What one {@link Maintenance.run} did: the tables vacuumed (their GIN indexes' pending entries
 * merged with it), the tables analyzed, and the GIN indexes cleaned of tables not vacuumed.
 */
export interface MaintenanceRun {
  vacuumed: string[];
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
 * What PostgreSQL's autovacuum does, for PGlite, which has none: every `intervalMs` (its timer does
 * not keep the process alive), the tables past autovacuum's thresholds are vacuumed (dead rows
 * reclaimed, new pages marked all-visible for the CX report's index-only scans) and analyzed
 * (without statistics the planner guesses every row count: the inbox's search read 50,000 items
 * where the index held one), and the GIN indexes of other tables written since the last pass have
 * their pending lists merged (`gin_clean_pending_list`: a search otherwise reads up to 4 MB of
 * entries not merged yet, per index, each time; a vacuum merges them too). Each pass takes
 * PGlite's turn like any statement. A failed pass is tried again at the next tick.
 */
export function createMaintenance(db: Sql, { intervalMs }: { intervalMs: number }): Maintenance {
  const written = new Map<string, string>();
  let running: Promise<MaintenanceRun> | undefined;
  let stopped = false;
  const pass = async (): Promise<MaintenanceRun> => {
    const done: MaintenanceRun = { vacuumed: [], analyzed: [], cleaned: [] };
    // A backend sends its counts to the statistics at an idle point at most once a second (a
    // timer PGlite never fires): the next idle point sends them, so the read below sees them.
    await db.query('SELECT pg_stat_force_next_flush()', [], 'palaute_maintenance_flush');
    const tables = await db.query<{
      name: string;
      vacuum: boolean;
      analyze: boolean;
      written: string;
      gin: string[];
    }>(DUE, [], 'palaute_maintenance_due');
    for (const table of tables) {
      if (stopped) break;
      if (table.vacuum || table.analyze) {
        await db.exec(
          `${table.vacuum ? 'VACUUM ' : ''}${table.analyze ? 'ANALYZE ' : ''}${table.name}`,
        );
        if (table.vacuum) done.vacuumed.push(table.name);
        if (table.analyze) done.analyzed.push(table.name);
      }
      if (!table.vacuum && table.gin.length > 0 && written.get(table.name) !== table.written) {
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
