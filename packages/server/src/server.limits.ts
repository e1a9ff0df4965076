/** One token bucket's settings: a burst of `burst` requests, refilled at `perSecond`. */
export interface BucketOptions {
  /** Requests allowed at once (the bucket's size). */
  burst: number;
  /** Requests added back per second. */
  perSecond: number;
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions extends BucketOptions {
  /** At most this many keys are tracked; the longest-idle ones are forgotten first. @default 10000 */
  maxKeys?: number;
  /** The clock, in ms. @default Date.now */
  now?: () => number;
}

/** The answer of {@link RateLimiter.take}: allowed, or how long to wait. */
export type Allowance = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-key token buckets: in this process's memory ({@link createRateLimiter}), or shared by every
 * instance on one PostgreSQL (the storage's `rateLimiter`).
 */
export interface RateLimiter {
  /** Takes one token for `key`: allowed, or refused with the seconds until one is back. */
  take(key: string): Allowance | Promise<Allowance>;
}

/** A {@link RateLimiter} in this process's memory: it answers at once. */
export interface MemoryRateLimiter extends RateLimiter {
  take(key: string): Allowance;
}

/** Throws unless a bucket can ever let a request through. */
export function checkBucket({ burst, perSecond }: BucketOptions): void {
  if (!(burst >= 1) || !(perSecond > 0))
    throw new TypeError('A rate limit needs burst ≥ 1 and perSecond > 0.');
}

/**
 * Token buckets by key (a customer id, an IP address), in memory: each key may spend `burst`
 * requests at once and gets `perSecond` back. Per server instance: several instances behind a load
 * balancer each allow as much (on PostgreSQL, `openServer` shares them through the database instead). At most `maxKeys` keys are kept (the longest idle are forgotten
 * first, which only ever gives them a full bucket back), so memory stays bounded.
 *
 * @example
 * const limiter = createRateLimiter({ burst: 60, perSecond: 1 });
 * if (!limiter.take(customerId).allowed) answer429();
 */
export function createRateLimiter(options: RateLimiterOptions): MemoryRateLimiter {
  const { burst, perSecond } = options;
  checkBucket(options);
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  // A Map keeps insertion order: re-inserting on use makes its first key the longest idle.
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const time = now();
      const known = buckets.get(key);
      const tokens = known
        ? Math.min(burst, known.tokens + ((time - known.at) / 1000) * perSecond)
        : burst;
      buckets.delete(key);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: time });
        return { allowed: false, retryAfterSeconds: Math.ceil((1 - tokens) / perSecond) };
      }
      buckets.set(key, { tokens: tokens - 1, at: time });
      while (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value as string;
        buckets.delete(oldest);
      }
      return { allowed: true };
    },
  };
}
