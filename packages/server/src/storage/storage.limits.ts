import {
  type Allowance,
  checkBucket,
  type RateLimiter,
  type RateLimiterOptions,
} from '../server.limits';
import type { Sql } from './storage.sql';

/** Options of {@link createSqlRateLimiter}. */
export interface SqlRateLimiterOptions extends Omit<RateLimiterOptions, 'maxKeys'> {
  /** Whose buckets these are (`customer`, `ip`): keys of different scopes never meet. */
  scope: string;
  /** Deletes buckets idle long enough to be full again once every this many takes. @default 1000 */
  sweepEvery?: number;
}

/**
 * Token buckets in the database, so every server instance sharing one PostgreSQL spends from the same
 * bucket: a customer allowed 60 requests a minute gets 60, however many instances answer them. Each
 * take is one statement (an upsert that refills by the time passed, then spends a token only if one
 * is there), atomic under concurrent takes. Instances' clocks should agree to within a second; a
 * clock behind the bucket's never refills it early. Rows idle long enough to be full again are
 * swept now and then (a missing row is a full bucket).
 */
export function createSqlRateLimiter(sql: Sql, options: SqlRateLimiterOptions): RateLimiter {
  checkBucket(options);
  const { scope, burst, perSecond } = options;
  const now = options.now ?? Date.now;
  const sweepEvery = options.sweepEvery ?? 1000;
  const fullAfterMs = Math.ceil((burst / perSecond) * 1000);
  let takes = 0;
  return {
    async take(key): Promise<Allowance> {
      const time = Math.floor(now());
      if (++takes % sweepEvery === 0)
        // Best effort: a failed sweep leaves rows that only ever read as fuller buckets.
        sql
          .query('DELETE FROM palaute_rate_limits WHERE scope = $1 AND at_ms < $2::bigint', [
            scope,
            time - fullAfterMs,
          ])
          .catch(() => undefined);
      const refill = `LEAST($3::double precision,
        bucket.tokens + GREATEST(0, $4::bigint - bucket.at_ms) / 1000.0 * $5::double precision)`;
      const [row] = await sql.query<{ tokens: number; allowed: boolean }>(
        `INSERT INTO palaute_rate_limits AS bucket (scope, key, tokens, at_ms, allowed)
         VALUES ($1, $2, $3::double precision - 1, $4::bigint, true)
         ON CONFLICT (scope, key) DO UPDATE SET
           tokens = CASE WHEN ${refill} >= 1 THEN ${refill} - 1 ELSE ${refill} END,
           allowed = ${refill} >= 1,
           at_ms = GREATEST(bucket.at_ms, $4::bigint)
         RETURNING tokens, allowed`,
        [scope, key, burst, time, perSecond],
        // Run on every request: prepared once per connection.
        'palaute_rate_limit_take',
      );
      if (!row || row.allowed) return { allowed: true };
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - Number(row.tokens)) / perSecond)),
      };
    },
  };
}
