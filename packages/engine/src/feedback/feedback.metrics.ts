import type {
  AgingBuckets,
  DurationSummary,
  FeedbackItem,
  LoopMetrics,
  LoopSummary,
} from './feedback.schema';
import { isClosed } from './feedback.utils';

const HOUR_MS = 3_600_000;

/** Options of {@link computeLoopMetrics}. */
export interface LoopMetricsOptions {
  /** The time the metrics are for (ISO). */
  now: string;
  /** Unprocessed feedback older than this is overdue. @default 48 */
  responseTargetHours?: number;
}

/** When the team first acted on an item (a reply, or a status change by the team), if it has. */
export function firstResponseAt(item: FeedbackItem): string | undefined {
  const times = [
    ...item.history.filter((step) => step.by.kind === 'team').map((step) => step.at),
    ...item.replies.filter((reply) => reply.author.kind === 'team').map((reply) => reply.at),
  ].sort();
  return times[0];
}

/** When an item first reached an outcome the customer hears (shipped, declined, answered), if it has. */
export function closedAt(item: FeedbackItem): string | undefined {
  return item.history.find((step) => isClosed(step.to))?.at;
}

/** Whether an item waits past the response target with no team action. */
export function isOverdue(item: FeedbackItem, now: string, responseTargetHours = 48): boolean {
  return (
    firstResponseAt(item) === undefined &&
    !isClosed(item.status) &&
    Date.parse(now) - Date.parse(item.createdAt) > responseTargetHours * HOUR_MS
  );
}

/**
 * The loop metrics: the share of feedback left unprocessed (with aging buckets), how much is overdue,
 * the time to first response and the time to close the loop, overall and per touchpoint. Pure.
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
  const now = Date.parse(options.now);
  const target = options.responseTargetHours ?? 48;
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
      const days = (now - created) / (24 * HOUR_MS);
      if (days < 1) aging.under1Day++;
      else if (days < 3) aging.from1To3Days++;
      else if (days < 7) aging.from3To7Days++;
      else if (days < 30) aging.from7To30Days++;
      else aging.over30Days++;
    }
    if (isOverdue(item, options.now, target)) overdue++;
    const first = firstResponseAt(item);
    if (first) firstResponses.push((Date.parse(first) - created) / HOUR_MS);
    const closed = closedAt(item);
    if (closed) closes.push((Date.parse(closed) - created) / HOUR_MS);
  }
  return {
    total: items.length,
    unprocessed,
    unprocessedShare: items.length === 0 ? 0 : unprocessed / items.length,
    aging,
    overdue,
    timeToFirstResponse: durations(firstResponses),
    timeToClose: durations(closes),
  };
}

function durations(values: number[]): DurationSummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    medianHours: quantile(sorted, 0.5),
    p90Hours: quantile(sorted, 0.9),
  };
}

/** A quantile by linear interpolation between closest ranks; `null` for no data. */
function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return Math.round((low + (high - low) * (position - lower)) * 100) / 100;
}
