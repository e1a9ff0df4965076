import { messages, PGlite, parse as pgliteResults, protocol } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { ValidationError } from '@palaute/engine';
import pg from 'pg';
import { lockDataDir } from './storage.lock';

/** Something that runs one SQL statement with `$1` parameters: the database, or an open transaction. */
export interface SqlClient {
  /**
   * Runs one statement; resolves with its rows. JSON goes in as text cast with `::jsonb`. A `name`
   * makes it a prepared statement (parsed once per connection, and planned once PostgreSQL finds
   * its generic plan as good as the custom ones, as `pg`'s named queries are; on PGlite too): only
   * for statements of fixed text run on every write or page view, each name always with the same
   * text (one name per text, so the prepared statements stay few).
   */
  query<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    name?: string,
  ): Promise<Row[]>;
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
 * there is none. One connection: its transactions run one at a time. One process per folder: the
 * folder is locked while open, and a second process is refused (`DataDirInUseError`).
 */
export async function openPglite(dataDir?: string): Promise<Sql> {
  // One process per folder: a second one would corrupt it.
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  let db: PGlite;
  try {
    // pg_trgm for the board's similar ideas (typos); migration 8 creates the extension.
    db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  } catch (error) {
    release();
    throw error;
  }
  const named = preparedStatements(db);
  // A named statement runs in PGlite's turn for one query, and outside a transaction also in its
  // turn for transactions, as its own `query` does: otherwise it could run inside another
  // request's open transaction, on the one connection, and be undone with it.
  const client = (run: Pick<PGlite, 'query' | 'exec'>, inTransaction: boolean): SqlClient => ({
    async query<Row>(text: string, params: readonly unknown[] = [], name?: string) {
      if (name === undefined) return (await run.query<Row>(text, [...params])).rows;
      if (inTransaction) return db._runExclusiveQuery(() => named<Row>(text, params, name));
      return db._runExclusiveTransaction(() =>
        db._runExclusiveQuery(async () => {
          const rows = await named<Row>(text, params, name);
          await db.syncToFs();
          return rows;
        }),
      );
    },
    async exec(text: string) {
      await run.exec(text);
    },
  });
  return {
    kind: 'pglite',
    ...client(db, false),
    transaction: (work) => db.transaction((tx) => work(client(tx, true))),
    exclusive: (_key, work) => work(),
    close: async () => {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}

/** A prepared statement of {@link preparedStatements}: its parameters' types, its rows' description. */
interface Prepared {
  types: number[];
  rows: messages.BackendMessage | undefined;
}

/** Joins protocol messages into one buffer, so PGlite runs them in one call. */
function joined(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Named statements on PGlite, which its `query` does not offer: it parses, describes and plans
 * every statement anew, in six calls into the database, which for the single response's statement
 * cost more than half of its CPU. A name is parsed and described once (PostgreSQL keeps a
 * prepared statement for the session, past any rollback); each run is then one call (bind,
 * execute, sync), its parameters serialized and its rows parsed as `query` does them. The caller
 * holds PGlite's turn (see `openPglite`). A failed run throws the database's error, with its
 * `code`, as `query` does.
 */
function preparedStatements(db: PGlite) {
  const prepared = new Map<string, Prepared>();
  const { serialize } = protocol;
  const run = async (message: Uint8Array, text: string) => {
    try {
      return await db.execProtocolStream(message, { syncToFs: false });
    } catch (error) {
      if (error instanceof messages.DatabaseError) Object.assign(error, { query: text });
      throw error;
    }
  };
  return async <Row>(text: string, params: readonly unknown[], name: string): Promise<Row[]> => {
    let statement = prepared.get(name);
    if (statement === undefined) {
      const described = await run(
        joined([
          serialize.parse({ name, text }),
          serialize.describe({ type: 'S', name }),
          serialize.sync(),
        ]),
        text,
      );
      const parameters = described.find(
        (message): message is messages.ParameterDescriptionMessage =>
          message.name === 'parameterDescription',
      );
      statement = {
        types: parameters?.dataTypeIDs ?? [],
        rows: described.find((message) => message.name === 'rowDescription'),
      };
      prepared.set(name, statement);
    }
    const { types } = statement;
    const values = params.map((value, at) => {
      if (value === null || value === undefined) return null;
      const serializer = db.serializers[types[at] ?? 0];
      return serializer ? serializer(value) : String(value);
    });
    const answer = await run(
      joined([
        serialize.bind({ statement: name, values }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      text,
    );
    const [result] = pgliteResults.parseResults(
      statement.rows ? [statement.rows, ...answer] : answer,
      db.parsers,
    );
    return (result?.rows ?? []) as Row[];
  };
}

/** SQLSTATEs after which the same transaction, run again, may succeed: serialization and deadlock. */
const RETRY_CODES = new Set(['40001', '40P01']);

/**
 * Whether a failure is the database's and passes: the connection was lost or refused (a restart, a
 * failover, `pg_terminate_backend`, an idle-connection reaper), the server is starting or shutting
 * down or out of connections, or a serialization failure or deadlock that did not pass on retry.
 */
export function isTransient(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (RETRY_CODES.has(code)) return true;
    // Class 08: connection exceptions; 57P01–57P03: admin shutdown, crash shutdown, cannot connect
    // now; 53300: too many connections.
    if (/^08|^57P0[123]$|^53300$/.test(code)) return true;
    if (/^E(CONNRESET|CONNREFUSED|PIPE|TIMEDOUT|HOSTUNREACH|NETUNREACH|AI_AGAIN)$/.test(code))
      return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|connection timeout|Client has encountered a connection error|Client was closed/i.test(
      message,
    )
  );
}

/**
 * A transient failure as the protocol's retryable error (503 with `Retry-After`, which the outbox
 * honours), never its details: they may name the database.
 */
function unavailable(error: unknown): Error {
  return Object.assign(new Error('The database is unavailable for a moment; try again.'), {
    retryable: true,
    cause: error,
  });
}

/** Runs `work`, again (at most `attempts` times in all) after a serialization failure or deadlock. */
async function retried<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (attempt < attempts && typeof code === 'string' && RETRY_CODES.has(code)) {
        // A short, growing, jittered pause, so the transactions that collided do not collide again.
        await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt * Math.random()));
        continue;
      }
      throw isTransient(error) ? unavailable(error) : error;
    }
  }
}

/** A statement for `pg`: named (prepared once per connection) when given a name. */
const statement = (text: string, params: readonly unknown[], name?: string): pg.QueryConfig =>
  name === undefined ? { text, values: [...params] } : { name, text, values: [...params] };

/** Ignores a checked-out connection's `error` event: the query in flight fails on its own. */
const ignore = () => {};

/**
 * PostgreSQL through a `pg` pool; a transaction holds one pooled connection from BEGIN to its end.
 * A serialization failure or deadlock runs the transaction again (a few times); a lost connection
 * costs the requests using it (a retryable error: 503 with `Retry-After`), never the process.
 */
export async function openPostgres(connectionString: string): Promise<Sql> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection the server drops (a restart, a failover) must not crash the process: the
  // pool replaces it on the next query.
  pool.on('error', ignore);
  // Advisory locks hold a connection while their work runs on the main pool: a pool of their own,
  // so lock holders can never take every connection their work is waiting for.
  const locks = new pg.Pool({ connectionString, max: 10 });
  locks.on('error', ignore);
  // Fail at start, not at the first request, when the database cannot be reached.
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    await locks.end().catch(() => {});
    throw error;
  }
  /**
   * A connection of `from`, listened to from the moment the pool hands it over. While it is
   * checked out the pool does not listen to it, and a backend terminated between two queries (or
   * right after it connected: its last startup message and the termination can arrive in one
   * packet, before an `await` resumes) emits `error` on the client: an uncaught exception, unless
   * someone listens. `fail(error)` marks it broken too; `release()` destroys a broken connection.
   */
  const checkout = (from: pg.Pool) =>
    new Promise<{ connection: pg.PoolClient; fail(error: unknown): void; release(): void }>(
      (resolve, reject) => {
        // The callback form runs as the pool hands the connection over, in the same tick.
        from.connect((error, connection, done) => {
          if (error || !connection) {
            reject(isTransient(error) ? unavailable(error) : error);
            return;
          }
          let failure: Error | undefined;
          const onError = (reason: Error) => {
            failure ??= reason;
          };
          connection.on('error', onError);
          resolve({
            connection,
            fail(reason) {
              failure ??= reason instanceof Error ? reason : new Error(String(reason));
            },
            release() {
              // Released, it is the pool's to listen to again (a late `error` included).
              connection.off('error', onError);
              done(failure ?? false);
            },
          });
        });
      },
    );
  /** Runs `work` on a connection of `from`; one that failed is destroyed, not given back. */
  const using = async <T>(from: pg.Pool, work: (connection: pg.PoolClient) => Promise<T>) => {
    const checkedOut = await checkout(from);
    try {
      return await work(checkedOut.connection);
    } catch (error) {
      if (isTransient(error)) checkedOut.fail(error);
      throw error;
    } finally {
      checkedOut.release();
    }
  };
  return {
    kind: 'postgres',
    query: <Row>(text: string, params: readonly unknown[] = [], name?: string) =>
      retried(async () => (await pool.query(statement(text, params, name))).rows as Row[]),
    exec: (text: string) =>
      // Without parameters, pg sends the simple protocol, which takes several statements.
      retried(async () => {
        await pool.query(text);
      }),
    transaction: (work) =>
      retried(() =>
        using(pool, async (connection) => {
          const tx: SqlClient = {
            async query<Row>(text: string, params: readonly unknown[] = [], name?: string) {
              return (await connection.query(statement(text, params, name))).rows as Row[];
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
          }
        }),
      ),
    async exclusive(key, work) {
      const held = await checkout(locks);
      try {
        await held.connection.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
      } catch (error) {
        held.fail(error);
        held.release();
        throw isTransient(error) ? unavailable(error) : error;
      }
      try {
        return await work();
      } finally {
        // A connection that cannot unlock is destroyed, which ends its session and so its lock
        // (a lock connection lost during the work took its lock with it): never pooled holding it.
        await held.connection
          .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key])
          .catch((error: unknown) => held.fail(error));
        held.release();
      }
    },
    close: async () => {
      await Promise.all([pool.end(), locks.end()]);
    },
  };
}

/**
 * Holds, until `tx` ends, the lock on shipped change `changeId` (a transaction-level advisory lock on
 * PostgreSQL; PGlite runs one transaction at a time anyway). The board's changelog and the inbox's
 * "ship a change" both take it first, so when they ship one change at the same instant the second
 * sees the first's notices and a customer hears of the change once.
 */
export async function lockChange(tx: SqlClient, changeId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `palaute_change:${changeId}`,
  ]);
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
  // JSON.stringify escapes a lone surrogate as `\udXXX`: without a `\ud` in its text (nearly
  // always) there is none, and the text is the answer without copying the value first.
  const text = JSON.stringify(value);
  return typeof text === 'string' && text.includes('\\ud')
    ? JSON.stringify(wellFormed(JSON.parse(text)))
    : text;
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
