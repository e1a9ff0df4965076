import type { CxDate, CxGranularity, CxPeriod } from './metrics.schema';

const DAY_MS = 86_400_000;

/** A day as epoch days (UTC). */
export const epochDay = (day: CxDate): number => Math.floor(Date.parse(day) / DAY_MS);
/** The day of epoch days. */
export const dayOf = (epoch: number): CxDate => new Date(epoch * DAY_MS).toISOString().slice(0, 10);
/** The UTC day of an instant (an ISO timestamp, with any offset), as the SQL storage reads it. */
export const utcDay = (at: string): CxDate => new Date(Date.parse(at)).toISOString().slice(0, 10);

/**
 * The first day of the bucket a day falls in: the day itself, its ISO week's Monday, the first of
 * its month, or the first of its quarter (what PostgreSQL's `date_trunc` gives).
 */
export function bucketStart(day: CxDate, granularity: CxGranularity): CxDate {
  switch (granularity) {
    case 'day':
      return day;
    case 'week': {
      const epoch = epochDay(day);
      // 1970-01-01 was a Thursday: Monday is 3 days before a day whose (epoch + 3) % 7 is 0.
      return dayOf(epoch - ((((epoch + 3) % 7) + 7) % 7));
    }
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'quarter': {
      const month = Number(day.slice(5, 7));
      const first = Math.floor((month - 1) / 3) * 3 + 1;
      return `${day.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
    }
  }
}

/** The last day of the bucket that starts on `start`. */
export function bucketEnd(start: CxDate, granularity: CxGranularity): CxDate {
  switch (granularity) {
    case 'day':
      return start;
    case 'week':
      return dayOf(epochDay(start) + 6);
    case 'month':
    case 'quarter': {
      const year = Number(start.slice(0, 4));
      const month = Number(start.slice(5, 7)) + (granularity === 'month' ? 1 : 3);
      return dayOf(Date.UTC(year, month - 1, 1) / DAY_MS - 1);
    }
  }
}

/** The key of a bucket: `2026-11-30` (day), `2026-W49` (ISO week), `2026-11` (month), `2026-Q4`. */
export function bucketKey(start: CxDate, granularity: CxGranularity): string {
  switch (granularity) {
    case 'day':
      return start;
    case 'week': {
      // The ISO week's year is the year of its Thursday.
      const thursday = dayOf(epochDay(start) + 3);
      const year = thursday.slice(0, 4);
      const week = Math.floor((epochDay(thursday) - epochDay(`${year}-01-01`)) / 7) + 1;
      return `${year}-W${String(week).padStart(2, '0')}`;
    }
    case 'month':
      return start.slice(0, 7);
    case 'quarter':
      return `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
  }
}

/** The buckets of a period, in order, each cut to the period: `start` is its bucket's first day. */
export function bucketsOf(
  period: CxPeriod,
  granularity: CxGranularity,
): { key: string; start: CxDate; from: CxDate; to: CxDate }[] {
  const buckets: { key: string; start: CxDate; from: CxDate; to: CxDate }[] = [];
  let start = bucketStart(period.from, granularity);
  while (start <= period.to) {
    const end = bucketEnd(start, granularity);
    buckets.push({
      key: bucketKey(start, granularity),
      start,
      from: start < period.from ? period.from : start,
      to: end > period.to ? period.to : end,
    });
    start = dayOf(epochDay(end) + 1);
  }
  return buckets;
}
