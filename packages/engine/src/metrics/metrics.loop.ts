import {
  type AgingBuckets,
  type FeedbackItem,
  type LoopMetrics,
  type LoopMetricsQuery,
  type LoopSummary,
  loopMetricsQuerySchema,
} from '../feedback/feedback.schema';
import { isClosed } from '../feedback/feedback.utils';
import { checkPayload } from '../shared/shared.problems';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Options of {@link computeLoopMetrics}. */
export interface LoopMetricsOptions {
  /** The time the metrics are for (ISO). */
  now: string;
  /** Unprocessed feedback older than this is overdue. @default 48 */
  responseTargetHours?: number;
}

/**
 * When the team first acted on an item (a reply, or a status change by the team), if it has: the
 * earliest of those instants, compared as times (`Date.parse`), not as text, so a time written with
 * an offset or without milliseconds takes its true place.
 */
export function firstResponseAt(item: FeedbackItem): string | undefined {
  let first: string | undefined;
  let firstMs = Number.POSITIVE_INFINITY;
  const consider = (at: string) => {
    const ms = Date.parse(at);
    if (ms < firstMs) {
      first = at;
      firstMs = ms;
    }
  };
  for (const step of item.history) if (step.by.kind === 'team') consider(step.at);
  for (const reply of item.replies) if (reply.author.kind === 'team') consider(reply.at);
  return first;
}

/**
 * When an item first reached an outcome the customer hears (shipped, declined, answered), if it has:
 * the time of the first such step in its history.
 */
export function closedAt(item: FeedbackItem): string | undefined {
  return item.history.find((step) => isClosed(step.to))?.at;
}

/**
 * The lines the loop metrics draw at `now`, in epoch milliseconds: an item created after `under1Day`
 * is under a day old, after `from1To3Days` under three days, and so on; one created before `overdue`
 * is older than the response target (to the millisecond: more than `responseTargetHours` hours
 * before `now`). Every backend compares creation times with these same numbers, so all of them put
 * an item on the same side of each line.
 */
export function loopCutoffs(
  now: string,
  responseTargetHours = 48,
): {
  under1Day: number;
  from1To3Days: number;
  from3To7Days: number;
  from7To30Days: number;
  overdue: number;
} {
  const at = Date.parse(now);
  return {
    under1Day: at - DAY_MS,
    from1To3Days: at - 3 * DAY_MS,
    from3To7Days: at - 7 * DAY_MS,
    from7To30Days: at - 30 * DAY_MS,
    // `now - created > target` holds for a whole number of milliseconds exactly when it exceeds
    // the target's whole milliseconds.
    overdue: at - Math.floor(responseTargetHours * HOUR_MS),
  };
}

/** Whether an item waits past the response target with no team action. */
export function isOverdue(item: FeedbackItem, now: string, responseTargetHours = 48): boolean {
  return (
    firstResponseAt(item) === undefined &&
    !isClosed(item.status) &&
    Date.parse(item.createdAt) < loopCutoffs(now, responseTargetHours).overdue
  );
}

/**
 * The `q` quantile (0 to 1) of values sorted ascending, as PostgreSQL's `percentile_cont` computes
 * it: at position `p = q × (n − 1)`, the value `v[⌊p⌋] + (v[⌈p⌉] − v[⌊p⌋]) × (p − ⌊p⌋)` (linear
 * interpolation between the closest ranks), in double precision; `null` for no values.
 */
export function percentileCont(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  if (upper === lower) return low;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

/** Hours as the metrics give them: rounded to the hundredth, halves up (`Math.round`), never `-0`. */
export function roundHours(hours: number): number {
  return Math.round(hours * 100) / 100 + 0;
}

/**
 * What a backend counts to make one {@link LoopSummary}: the counts, and for each duration (in
 * hours) how many there are with their median and 90th percentile from {@link percentileCont},
 * unrounded (`null` when there are none).
 */
export interface LoopCounts {
  total: number;
  unprocessed: number;
  aging: AgingBuckets;
  overdue: number;
  timeToFirstResponse: { count: number; median: number | null; p90: number | null };
  timeToClose: { count: number; median: number | null; p90: number | null };
}

/**
 * A loop summary from its counts: the unprocessed share, and each duration's median and 90th
 * percentile rounded by {@link roundHours}. The memory backend and the SQL storage both finish here.
 */
export function loopSummaryOf(counts: LoopCounts): LoopSummary {
  const duration = ({ count, median, p90 }: LoopCounts['timeToClose']) => ({
    count,
    medianHours: median === null ? null : roundHours(median),
    p90Hours: p90 === null ? null : roundHours(p90),
  });
  return {
    total: counts.total,
    unprocessed: counts.unprocessed,
    unprocessedShare: counts.total === 0 ? 0 : counts.unprocessed / counts.total,
    aging: counts.aging,
    overdue: counts.overdue,
    timeToFirstResponse: duration(counts.timeToFirstResponse),
    timeToClose: duration(counts.timeToClose),
  };
}

/**
 * A loop-metrics query checked as a backend must: the response target (default 48 hours), or a
 * `ValidationError` naming `responseTargetHours` when it is not a number of hours above 0 and at
 * most a million.
 */
export function readLoopMetricsQuery(query: unknown = {}): { responseTargetHours: number } {
  const checked: LoopMetricsQuery = checkPayload(
    loopMetricsQuerySchema,
    query ?? {},
    'loop metrics query',
  );
  return { responseTargetHours: checked.responseTargetHours ?? 48 };
}

/**
 * The loop metrics: the share of feedback left unprocessed (with aging buckets), how much is overdue,
 * the time to first response and the time to close the loop, overall and per touchpoint. Pure.
 *
 * Exactly: an item is unprocessed while `new`, and ages by its creation time against
 * {@link loopCutoffs}; it is overdue when the team has not acted on it ({@link firstResponseAt}), it
 * is not closed, and it was created before the cutoff. Durations run from the creation time to
 * {@link firstResponseAt} and to {@link closedAt}, in milliseconds divided by 3,600,000; their
 * median and 90th percentile are {@link percentileCont} (PostgreSQL's `percentile_cont`), rounded to
 * the hundredth of an hour. Every time is read as `Date.parse` reads it (to the millisecond). The
 * SQL storage computes the same numbers in the database.
 */
export function computeLoopMetrics(
  items: readonly FeedbackItem[],
  options: LoopMetricsOptions,
): LoopMetrics {
  const byTouchpoint: Record<string, LoopSummary> = {};
  const touchpoints = [...new Set(items.map((item) => item.touchpointId))].sort();
  for (const touchpoint of touchpoints)
    byTouchpoint[touchpoint] = summarize(
      items.filter((item) => item.touchpointId === touchpoint),
      options,
    );
  return { ...summarize(items, options), byTouchpoint };
}

function summarize(items: readonly FeedbackItem[], options: LoopMetricsOptions): LoopSummary {
  const cutoffs = loopCutoffs(options.now, options.responseTargetHours);
  const aging: AgingBuckets = {
    under1Day: 0,
    from1To3Days: 0,
    from3To7Days: 0,
    from7To30Days: 0,
    over30Days: 0,
  };
  let unprocessed = 0;
  let overdue = 0;
  const firstResponses: number[] = [];
  const closes: number[] = [];
  for (const item of items) {
    const created = Date.parse(item.createdAt);
    if (item.status === 'new') {
      unprocessed++;
      if (created > cutoffs.under1Day) aging.under1Day++;
      else if (created > cutoffs.from1To3Days) aging.from1To3Days++;
      else if (created > cutoffs.from3To7Days) aging.from3To7Days++;
      else if (created > cutoffs.from7To30Days) aging.from7To30Days++;
      else aging.over30Days++;
    }
    const first = firstResponseAt(item);
    if (first === undefined && !isClosed(item.status) && created < cutoffs.overdue) overdue++;
    if (first !== undefined) firstResponses.push((Date.parse(first) - created) / HOUR_MS);
    const closed = closedAt(item);
    if (closed !== undefined) closes.push((Date.parse(closed) - created) / HOUR_MS);
  }
  return loopSummaryOf({
    total: items.length,
    unprocessed,
    aging,
    overdue,
    timeToFirstResponse: durations(firstResponses),
    timeToClose: durations(closes),
  });
}

function durations(values: number[]): LoopCounts['timeToClose'] {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    median: percentileCont(sorted, 0.5),
    p90: percentileCont(sorted, 0.9),
  };
}
