import { PGlite } from '@electric-sql/pglite';
import { ValidationError } from '@palaute/engine';
import pg from 'pg';

/** Something that runs one SQL statement with `$1` parameters: the database, or an open transaction. */
export interface SqlClient {
  /** Runs one statement; resolves with its rows. JSON goes in as text cast with `::jsonb`. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs several statements, without parameters (a migration). */
  exec(text: string): Promise<void>;
}

/**
 * The little the storage needs from a database, the same for PGlite and PostgreSQL: one dialect
 * (PostgreSQL's), statements with `$1` parameters, transactions.
 */
export interface Sql extends SqlClient {
  /** Which database this is. */
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Runs `work` holding the advisory lock named `key` (PostgreSQL's `pg_advisory_lock` on a
   * connection of its own), so every process sharing the database takes turns. PGlite lives in one
   * process, whose own turn-taking is enough: there it just runs `work`.
   */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Closes the database (PGlite) or the pool's connections (PostgreSQL). */
  close(): Promise<void>;
}

/**
 * PGlite, PostgreSQL compiled to WebAssembly, in this process: kept in `dataDir`, or in memory when
 * there is none. One connection: its transactions run one at a time.
 */
export async function openPglite(dataDir?: string): Promise<Sql> {
  const db = await PGlite.create(dataDir);
  const client = (run: Pick<PGlite, 'query' | 'exec'>): SqlClient => ({
    async query<Row>(text: string, params: readonly unknown[] = []) {
      return (await run.query<Row>(text, [...params])).rows;
    },
    async exec(text: string) {
      await run.exec(text);
    },
  });
  return {
    kind: 'pglite',
    ...client(db),
    transaction: (work) => db.transaction((tx) => work(client(tx))),
    exclusive: (_key, work) => work(),
    close: () => db.close(),
  };
}

/** PostgreSQL through a `pg` pool; a transaction holds one pooled connection from BEGIN to its end. */
export async function openPostgres(connectionString: string): Promise<Sql> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection the server drops (a restart, a failover) must not crash the process: the
  // pool replaces it on the next query.
  pool.on('error', () => {});
  // Advisory locks hold a connection while their work runs on the main pool: a pool of their own,
  // so lock holders can never take every connection their work is waiting for.
  const locks = new pg.Pool({ connectionString, max: 10 });
  locks.on('error', () => {});
  // Fail at start, not at the first request, when the database cannot be reached.
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    await locks.end().catch(() => {});
    throw error;
  }
  return {
    kind: 'postgres',
    async query<Row>(text: string, params: readonly unknown[] = []) {
      return (await pool.query(text, [...params])).rows as Row[];
    },
    async exec(text: string) {
      // Without parameters, pg sends the simple protocol, which takes several statements.
      await pool.query(text);
    },
    async transaction(work) {
      const connection = await pool.connect();
      const tx: SqlClient = {
        async query<Row>(text: string, params: readonly unknown[] = []) {
          return (await connection.query(text, [...params])).rows as Row[];
        },
        async exec(text: string) {
          await connection.query(text);
        },
      };
      try {
        await connection.query('BEGIN');
        const result = await work(tx);
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
    async exclusive(key, work) {
      const connection = await locks.connect();
      try {
        await connection.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
        try {
          return await work();
        } finally {
          await connection.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
        }
      } finally {
        connection.release();
      }
    },
    close: async () => {
      await Promise.all([pool.end(), locks.end()]);
    },
  };
}

/** A timestamp column as ISO text (both drivers read `timestamptz` as a `Date`). */
export function isoOf(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

/**
 * A time in milliseconds as text a `timestamptz` parameter takes, for every time a feedback item's
 * timestamp can name: PostgreSQL has no year 0 and takes no `±YYYYYY` years, so years up to 0
 * are written as BC (year 0 is 1 BC) and later ones without a sign.
 */
export function pgTimestamp(ms: number): string {
  const text = new Date(ms).toISOString();
  const [, year = '', rest = ''] = /^([+-]?\d+)-(.*)Z$/.exec(text) ?? [];
  const number = Number(year);
  const date = `-${rest.replace('T', ' ')}+00`;
  return number >= 1
    ? `${String(number).padStart(4, '0')}${date}`
    : `${String(1 - number).padStart(4, '0')}${date} BC`;
}

/**
 * Refuses text PostgreSQL cannot store (the NUL character, `\u0000`, in any string of `value`) with
 * a {@link ValidationError} naming its path, so a hostile body gets a 4xx rather than a failed insert.
 */
export function assertStorable(value: unknown, subject: string): void {
  const problems: { path: string; message: string }[] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'string') {
      if (node.includes('\u0000'))
        problems.push({ path, message: 'must not contain the NUL character (\\u0000)' });
    } else if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${path}[${index}]`);
    } else if (node && typeof node === 'object')
      for (const [key, item] of Object.entries(node)) {
        if (key.includes('\u0000'))
          problems.push({ path: path || key, message: 'must not contain the NUL character' });
        walk(item, path ? `${path}.${key}` : key);
      }
  };
  walk(value, '');
  if (problems.length > 0) throw new ValidationError(problems, subject);
}

/**
 * A value for a `$n::jsonb` parameter. A lone surrogate (half an emoji, say, from text cut at the
 * wrong place) becomes U+FFFD: PostgreSQL refuses its `\ud800` escape in JSON, and text columns get
 * the same U+FFFD from the driver's UTF-8 encoding, so the document and its columns still agree.
 */
export function jsonb(value: unknown): string {
  return JSON.stringify(wellFormed(value));
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function wellFormed(node: unknown): unknown {
  if (typeof node === 'string') return node.replace(LONE_SURROGATE, '\ufffd');
  if (Array.isArray(node)) return node.map(wellFormed);
  if (node && typeof node === 'object')
    return Object.fromEntries(
      Object.entries(node).map(([key, item]) => [wellFormed(key) as string, wellFormed(item)]),
    );
  return node;
}
