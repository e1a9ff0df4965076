import type {
  CxConfig,
  CxMetric,
  CxQuestion,
  CxReport,
  CxReportQuery,
  CxResponse,
  CxResponsesPage,
  CxResponsesQuery,
  CxTarget,
  CxTargets,
  FeedbackItem,
  Survey,
  TeamPort,
  Touchpoint,
} from '@palaute/engine';
import {
  CX_LEVELS,
  type CxLevel,
  type CxLevelSummary,
  cxQuestionsOf,
  cxReportFrom,
  levelOf,
  readCxTargets,
} from '@palaute/engine';
import {
  type CxCountSource,
  type CxScoreCounts,
  type CxWork,
  type CxWorkFilter,
  type CxWorkOptions,
  cxLevelDefaults,
  decodeCxCursor,
  encodeCxCursor,
  loopCutoffs,
  readCxResponsesQuery,
  roundHours,
} from '@palaute/engine/internal';
import { type LoopRow, loopMetricsOf } from './storage.feedback';
import { assertStorable, jsonb, type Sql, type SqlClient } from './storage.sql';

const DAY_MS = 86_400_000;
/** A day (`YYYY-MM-DD`) as epoch days, as the scores' `day` column holds it. */
const epochDay = (day: string) => Math.floor(Date.parse(day) / DAY_MS);
const days = new Map<number, string>();
/** Epoch days as a day (`YYYY-MM-DD`); remembered, as a report names the same few buckets often. */
const dayOf = (epoch: number) => {
  let day = days.get(epoch);
  if (day === undefined) {
    day = new Date(epoch * DAY_MS).toISOString().slice(0, 10);
    if (days.size < 100_000) days.set(epoch, day);
  }
  return day;
};

/**
 * Runs one of the report's reads, on PostgreSQL in a transaction of its own with two settings of
 * that transaction only: no JIT compilation (PostgreSQL compiles a plan whose estimated cost passes
 * `jit_above_cost`, and a report over a year of items or answers passes it: compiling took seconds
 * of a query that runs in tens of milliseconds), and sorts in memory up to `REPORT_WORK_MEM` (the
 * percentiles sort a year's items; at the default 4 MB they spill to disk).
 */
async function reportRead<Row>(db: Sql, text: string, params: readonly unknown[]): Promise<Row[]> {
  // PGlite has no JIT, and its transactions cost round trips a report's small sorts do not repay.
  if (db.kind === 'pglite') return db.query<Row>(text, params);
  return db.transaction(async (tx) => {
    await tx.query(
      `SELECT set_config('jit', 'off', true), set_config('work_mem', '${REPORT_WORK_MEM}', true)`,
    );
    return tx.query<Row>(text, params);
  });
}
/** The sort memory of a report's read (per sort, for the length of its transaction). */
const REPORT_WORK_MEM = '64MB';

/** What the CX report reads besides the database: the journey's surveys and touchpoints, defaults. */
export interface SqlCxOptions {
  /** The surveys whose NPS, CSAT, CES and rating questions are scores. Absent: keep the stored list. */
  surveys?: readonly Survey[] | undefined;
  /** The journey's touchpoints (names and stages, for journey order). */
  touchpoints?: readonly Touchpoint[] | undefined;
  /** CX level defaults. */
  config?: CxConfig | undefined;
}

/** The scores' rows' insert from stored responses, for the questions given (a backfill). */
const BACKFILL = `
  INSERT INTO palaute_scores (response_id, question_id, survey_id, customer_id, touchpoint_id,
      metric, scale_min, scale_max, score, at, at_ms, day, segment)
    SELECT r.id, q.question_id, q.survey_id, r.customer_id, r.touchpoint_id,
      q.metric, q.scale_min, q.scale_max, v::integer,
      r.document ->> 'submittedAt', ms, floor(ms / 86400000.0)::integer,
      CASE jsonb_typeof(r.document -> 'segment') WHEN 'object' THEN r.document -> 'segment' END
    FROM palaute_cx_questions AS q
    JOIN palaute_responses AS r ON r.survey_id = q.survey_id,
         palaute_earliest_ms(r.document -> 'submittedAt') AS ms,
         LATERAL (SELECT CASE jsonb_typeof(r.document -> 'answers' -> q.question_id)
           WHEN 'number' THEN (r.document -> 'answers' ->> q.question_id)::numeric END AS v) AS a
    WHERE q.survey_id = $1 AND q.question_id = $2
      AND ms IS NOT NULL AND v BETWEEN q.scale_min AND q.scale_max AND v = trunc(v)
  ON CONFLICT DO NOTHING`;

/**
 * Brings the stored list of scored questions in line with the journey's surveys: a question gone
 * or changed (another metric or scale) loses its scores, a new or changed one gets them from every
 * stored response. Under an advisory lock in one transaction, so instances starting together agree.
 */
export async function syncCxQuestions(db: Sql, questions: readonly CxQuestion[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('palaute_cx_questions'))");
    const stored = await tx.query<{
      survey_id: string;
      question_id: string;
      metric: string;
      scale_min: number;
      scale_max: number;
    }>('SELECT survey_id, question_id, metric, scale_min, scale_max FROM palaute_cx_questions');
    const key = (surveyId: string, questionId: string) => `${surveyId}\u0000${questionId}`;
    const wanted = new Map(questions.map((q) => [key(q.surveyId, q.questionId), q]));
    const have = new Map(stored.map((row) => [key(row.survey_id, row.question_id), row]));
    for (const [id, row] of have) {
      const q = wanted.get(id);
      if (q && q.metric === row.metric && q.min === row.scale_min && q.max === row.scale_max)
        continue;
      await tx.query('DELETE FROM palaute_scores WHERE survey_id = $1 AND question_id = $2', [
        row.survey_id,
        row.question_id,
      ]);
      await tx.query('DELETE FROM palaute_cx_questions WHERE survey_id = $1 AND question_id = $2', [
        row.survey_id,
        row.question_id,
      ]);
      have.delete(id);
    }
    for (const [id, q] of wanted) {
      if (have.has(id)) continue;
      await tx.query(
        `INSERT INTO palaute_cx_questions (survey_id, question_id, metric, scale_min, scale_max)
         VALUES ($1, $2, $3, $4, $5)`,
        [q.surveyId, q.questionId, q.metric, q.min, q.max],
      );
      await tx.query(BACKFILL, [q.surveyId, q.questionId]);
    }
  });
}

/** The SQL expression of a day's bucket start (epoch days) at a granularity. */
function bucketSql(granularity: CxReport['query']['granularity'] | null, from: string): string {
  const calendar = (unit: string) =>
    `(date_trunc('${unit}', (DATE '1970-01-01' + day)::timestamp)::date - DATE '1970-01-01')`;
  switch (granularity) {
    case null:
      return String(epochDay(from));
    case 'day':
      return 'day';
    case 'week':
      return '(day - ((day + 3) % 7 + 7) % 7)';
    case 'month':
      return calendar('month');
    case 'quarter':
      return calendar('quarter');
  }
}

interface RollupRow {
  metric: CxMetric;
  survey_id: string;
  question_id: string;
  scale_min: number;
  scale_max: number;
  touchpoint_id: string;
  bucket: number;
  counts: number[] | string;
}

/**
 * Adds an `integer[]` as a driver gives it (an array, or PostgreSQL's text form `{1,0,2}`) into
 * `into`, element k onto `into[k]`: the text is read digit by digit, with no array or string made
 * per element.
 */
export function addCounts(into: number[], counts: readonly number[] | string): void {
  if (typeof counts !== 'string') {
    for (let k = 0; k < counts.length; k++) into[k] = (into[k] ?? 0) + (counts[k] as number);
    return;
  }
  if (counts.length <= 2) return; // '{}'
  let k = 0;
  let value = 0;
  let negative = false;
  for (let i = 1; i < counts.length; i++) {
    const code = counts.charCodeAt(i);
    if (code >= 48 && code <= 57) value = value * 10 + (code - 48);
    else if (code === 45) negative = true;
    else {
      // ',' or the closing '}'
      into[k] = (into[k] ?? 0) + (negative ? -value : value);
      k++;
      value = 0;
      negative = false;
    }
  }
}

/** The first day of a day's calendar month, in epoch days. */
const monthStart = (epoch: number) => {
  const date = new Date(epoch * DAY_MS);
  return Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS);
};

/**
 * The whole calendar months inside a period of epoch days, as `[first, end)` (month starts), or
 * `null` when none fits: a report by month or quarter reads those from the monthly rollup.
 */
export function wholeMonths(from: number, to: number): [number, number] | null {
  const first = monthStart(from) === from ? from : monthStart(monthStart(from) + 31);
  const end = monthStart(to + 1);
  return first < end ? [first, end] : null;
}

/**
 * The counts a CX report needs, in SQL: scores from the rollups of migration 16 (whole months from
 * `palaute_cx_months` when the buckets are months, quarters or the whole period; the rest from
 * `palaute_cx_days`), rates from `palaute_display_days`, with or without a segment filter (the
 * rollups are keyed by segment); the work figures by one statement over the narrow rows of the
 * period's items (their medians and percentiles need the rows).
 */
export function createSqlCxCounts(db: Sql): CxCountSource {
  return {
    async scoreCounts(filter) {
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      const from = epochDay(filter.period.from);
      const to = epochDay(filter.period.to);
      const only: string[] = [];
      if (filter.metric) only.push(`metric = ${param(filter.metric)}::text`);
      if (filter.touchpoints)
        only.push(`touchpoint_id = ANY(${param([...filter.touchpoints])}::text[])`);
      // Containment compares JSON values: 12 matches 12, never "12"; a rollup row's segment is
      // its answers' whole segment ('null' for none, which contains no object).
      if (filter.segment) only.push(`segment @> ${param(jsonb(filter.segment))}::jsonb`);
      const columns = 'metric, survey_id, question_id, scale_min, scale_max, touchpoint_id';
      const and = only.map((condition) => ` AND ${condition}`).join('');
      const months =
        filter.granularity === 'day' || filter.granularity === 'week'
          ? null
          : wholeMonths(from, to);
      const days = (start: number, end: number) =>
        `SELECT ${columns}, day, counts FROM palaute_cx_days
         WHERE day BETWEEN ${param(start)}::integer AND ${param(end)}::integer${and}`;
      let source: string;
      if (!months) source = days(from, to);
      else {
        const parts = [
          `SELECT ${columns}, month AS day, counts FROM palaute_cx_months
           WHERE month >= ${param(months[0])}::integer AND month < ${param(months[1])}::integer${and}`,
        ];
        if (from < months[0]) parts.push(days(from, months[0] - 1));
        if (months[1] <= to) parts.push(days(months[1], to));
        source = parts.join('\n UNION ALL ');
      }
      // One row per rollup row (a day or month × touchpoint × question × segment, its counts per
      // scale point), summed here by bucket: fewer rows cross the wire than one per score.
      const rows = await reportRead<RollupRow>(
        db,
        `SELECT ${columns}, ${bucketSql(filter.granularity, filter.period.from)} AS bucket, counts::text AS counts
         FROM (${source}) AS counted`,
        params,
      );
      // Summed into one distribution per bucket × touchpoint × question (its metric and scale).
      const merged = new Map<string, CxScoreCounts & { counts: number[] }>();
      for (const row of rows) {
        const key = `${row.bucket}\u0000${row.touchpoint_id}\u0000${row.survey_id}\u0000${row.question_id}\u0000${row.metric}\u0000${row.scale_min}\u0000${row.scale_max}`;
        let found = merged.get(key);
        if (!found) {
          found = {
            metric: row.metric,
            surveyId: row.survey_id,
            questionId: row.question_id,
            min: row.scale_min,
            max: row.scale_max,
            touchpointId: row.touchpoint_id,
            bucket: dayOf(Number(row.bucket)),
            counts: new Array<number>(row.scale_max - row.scale_min + 1).fill(0),
          };
          merged.set(key, found);
        }
        addCounts(found.counts, row.counts);
      }
      const result: CxScoreCounts[] = [];
      for (const found of merged.values())
        if (found.counts.some((count) => count > 0)) result.push(found);
      return result;
    },
    async rateCounts({ period, touchpoints, segment }) {
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      // From the daily rollup (migrations 5 and 16: each flow on its display's day, keyed by the
      // display's segment, so a segment filter is a containment test on the rollup's key).
      const only: string[] = [];
      if (touchpoints) only.push(`touchpoint_id = ANY(${param([...touchpoints])}::text[])`);
      if (segment) only.push(`segment @> ${param(jsonb(segment))}::jsonb`);
      const text = `SELECT touchpoint_id, sum(shown)::integer AS shown, sum(answered)::integer AS answered,
                sum(dismissed)::integer AS dismissed, sum(opted_out)::integer AS opted_out
         FROM palaute_display_days
         WHERE day BETWEEN ${param(epochDay(period.from))}::integer AND ${param(epochDay(period.to))}::integer
           ${only.map((condition) => `AND ${condition}`).join(' ')}
         GROUP BY touchpoint_id HAVING sum(shown) > 0`;
      const rows = await reportRead<{
        touchpoint_id: string;
        shown: number;
        answered: number;
        dismissed: number;
        opted_out: number;
      }>(db, text, params);
      return rows.map((row) => ({
        touchpointId: row.touchpoint_id,
        shown: row.shown,
        answered: row.answered,
        dismissed: row.dismissed,
        optedOut: row.opted_out,
      }));
    },
    work: (filter, options) => cxWorkSql(db, filter, options),
  };
}

/**
 * The item filter of a report's work figures as SQL over `palaute_item_work` (as `w`): created in
 * the period (UTC days, as epoch milliseconds), at the touchpoints, in the segment; its values
 * pushed onto `params`.
 */
function workWhere(filter: CxWorkFilter, params: unknown[]): string {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [
    `w.created_ms >= ${param(epochDay(filter.period.from) * DAY_MS)}::bigint`,
    `w.created_ms < ${param((epochDay(filter.period.to) + 1) * DAY_MS)}::bigint`,
  ];
  if (filter.touchpoints)
    where.push(`w.touchpoint_id = ANY(${param([...filter.touchpoints])}::text[])`);
  if (filter.segment) where.push(`w.segment @> ${param(jsonb(filter.segment))}::jsonb`);
  return where.join(' AND ');
}

/**
 * The SQL of an item's CX level, as the engine's `levelOf` defines it: the team's, else the
 * configured default of its first answered question in the order of `cxLevelDefaults`, else its
 * touchpoint's. The candidates are columns of `palaute_item_work` (migration 14: the team's level
 * and the answered questions as `surveyId/questionId`), so only the defaults are looked up here,
 * and not at all when none are configured. Their values are pushed onto `params`.
 */
function levelSql(defaults: ReturnType<typeof cxLevelDefaults>, params: unknown[]): string {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const candidates = ['w.level'];
  if (defaults.byAnswer.length > 0)
    candidates.push(`(SELECT d.level
        FROM unnest(${param(defaults.byAnswer.map((entry) => entry.key))}::text[],
                    ${param(defaults.byAnswer.map((entry) => entry.level))}::text[],
                    ${param(defaults.byAnswer.map((entry) => entry.rank))}::integer[]) AS d(key, level, rank)
        WHERE d.key = ANY(w.answer_keys) ORDER BY d.rank LIMIT 1)`);
  if (defaults.byTouchpoint.length > 0)
    candidates.push(`(SELECT t.level
        FROM unnest(${param(defaults.byTouchpoint.map((entry) => entry.touchpointId))}::text[],
                    ${param(defaults.byTouchpoint.map((entry) => entry.level))}::text[]) AS t(id, level)
        WHERE t.id = w.touchpoint_id LIMIT 1)`);
  return candidates.length === 1 ? 'w.level' : `coalesce(${candidates.join(', ')})`;
}

/**
 * A report's work figures in one statement: one grouped pass over the period's items, read from
 * the covering index of `palaute_item_work` alone (migration 17: creation time, touchpoint, status,
 * level, first response, close, ever planned), grouped three ways at once (per touchpoint, per
 * level, and overall):
 *
 * - the loop metrics (the touchpoint rows and the overall row), as the inbox's `loopMetricsSql`
 *   and the engine's `computeLoopMetrics` define them: ages and overdue against the engine's
 *   `loopCutoffs` ($1 to $5, epoch milliseconds), durations in whole milliseconds from creation to
 *   the generated first response and close over 3,600,000, median and 90th percentile by
 *   `percentile_cont` (the engine's `percentileCont`);
 * - work per CX level (the level rows), as `cxLevelsOf`: open and closed by status, time to
 *   close, shipped;
 * - promise vs delivery (the overall row), as `cxPromiseOf`: items `planned` now, items with a step
 *   to `planned` and how many of those are shipped; and every stay in `planned` of the period's
 *   items, from the covering index of `palaute_item_stays` alone (migration 18: one row per pair of
 *   the generated `planned_stays`, the step into it and the next step), to now ($6) while it
 *   lasts, never below zero.
 *
 * With `percentiles` ({@link CX_PERCENTILES_SQL}, migration 21: the period has whole months and
 * neither a segment filter nor a level default per answer) the medians and 90th percentiles of the
 * first response and the close come from it instead, and the pass has no ordered-set aggregate and
 * no overall grouping set (its counts are the level rows' sums, added by {@link cxWorkSql}), so it
 * hashes the period's rows instead of sorting them.
 *
 * The groups' keys compare in the "C" collation (bytes): equality is the same in every collation
 * PostgreSQL offers here, and the sort it needs is the cheapest. Each part comes back as JSON
 * (numbers as PostgreSQL prints them, read back to the same doubles).
 */
const CX_WORK_SQL = (where: string, level: string, percentiles?: string) => `
  SELECT
    (SELECT coalesce(json_agg(groups), '[]'::json) FROM (
      SELECT touchpoint_id, level, GROUPING(touchpoint_id, level)::int AS grouping,
        count(*)::int AS total,
        count(*) FILTER (WHERE status = 'new')::int AS unprocessed,
        count(*) FILTER (WHERE status = 'new' AND created_ms > $1::bigint)::int AS under_1_day,
        count(*) FILTER (WHERE status = 'new' AND created_ms <= $1::bigint
                           AND created_ms > $2::bigint)::int AS from_1_to_3_days,
        count(*) FILTER (WHERE status = 'new' AND created_ms <= $2::bigint
                           AND created_ms > $3::bigint)::int AS from_3_to_7_days,
        count(*) FILTER (WHERE status = 'new' AND created_ms <= $3::bigint
                           AND created_ms > $4::bigint)::int AS from_7_to_30_days,
        count(*) FILTER (WHERE status = 'new' AND created_ms <= $4::bigint)::int AS over_30_days,
        count(*) FILTER (WHERE first_response_ms IS NULL
                           AND status NOT IN ('shipped', 'declined', 'answered')
                           AND created_ms < $5::bigint)::int AS overdue,
        count(first_response_ms)::int AS responded,
        ${
          percentiles
            ? 'NULL::float8[]'
            : `percentile_cont(ARRAY[0.5, 0.9]::float8[])
          WITHIN GROUP (ORDER BY (first_response_ms - created_ms)::float8 / 3600000)`
        } AS response_hours,
        count(closed_ms)::int AS closed,
        ${
          percentiles
            ? 'NULL::float8[]'
            : `percentile_cont(ARRAY[0.5, 0.9]::float8[])
          WITHIN GROUP (ORDER BY (closed_ms - created_ms)::float8 / 3600000)`
        } AS close_hours,
        count(*) FILTER (WHERE status NOT IN ('shipped', 'declined', 'answered'))::int AS open,
        count(*) FILTER (WHERE status IN ('shipped', 'declined', 'answered'))::int AS closed_status,
        count(*) FILTER (WHERE status = 'shipped')::int AS shipped,
        count(*) FILTER (WHERE status = 'planned')::int AS planned_now,
        count(*) FILTER (WHERE ever_planned)::int AS ever_planned,
        count(*) FILTER (WHERE ever_planned AND status = 'shipped')::int AS shipped_of_planned
      FROM (
        SELECT w.touchpoint_id COLLATE "C" AS touchpoint_id, (${level}) COLLATE "C" AS level,
          w.status, w.created_ms, w.first_response_ms, w.closed_ms, w.ever_planned
        FROM palaute_item_work AS w WHERE ${where}
      ) AS item
      GROUP BY GROUPING SETS ((touchpoint_id), (level)${percentiles ? '' : ', ()'})
    ) AS groups) AS groups,
    (SELECT json_build_object('stays', count(*),
       'stay_hours', percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY hours))
     FROM (
       SELECT greatest(0, coalesce(w.end_ms, $6::bigint) - w.start_ms)::float8 / 3600000 AS hours
       FROM palaute_item_stays AS w WHERE ${where}
     ) AS stay) AS stays${
       percentiles
         ? `,
    ${percentiles} AS percentiles`
         : ''
     }`;

/** The placeholders (and the level expression) of {@link CX_PERCENTILES_SQL}. */
interface PercentileParams {
  /** The item's CX level over a row aliased `w` with `level` and `touchpoint_id` columns. */
  level: string;
  /** The report's touchpoints (`text[]`), or `null` for all. */
  touchpoints: string | null;
  /** The period's first and end instants (epoch milliseconds, `[from, to)`). */
  from: string;
  to: string;
  /** Its whole calendar months as month starts in epoch days, `[first, end)`, and in milliseconds. */
  monthFirst: string;
  monthEnd: string;
  /** `null` when the period starts (ends) with a whole month: no days before (after) them. */
  monthFirstMs: string | null;
  monthEndMs: string | null;
}

/**
 * The medians and 90th percentiles of the work figures' durations without sorting the period's
 * items, exactly as `percentile_cont` gives them (the engine's `percentileCont`: the values at
 * the ranks ⌊p⌋ and ⌈p⌉ of p = q × (n − 1), 0-based, linearly interpolated in double precision):
 *
 * 1. the durations' histogram per group (the first response per touchpoint and overall; the close
 *    per touchpoint, per level and overall) over the duration buckets of migration 21: the
 *    period's whole months from `palaute_item_durations`, its days before and after them from the
 *    items' rows, in one grouping-sets pass;
 * 2. for each group the bucket holding each of those ranks (running counts in bucket order);
 * 3. the value at that rank: the bucket's least duration when it equals its greatest (ties, the
 *    common case of durations that are all alike), else the rank within the bucket read from the
 *    period's items in that bucket through the index of `palaute_item_work` by touchpoint,
 *    duration bucket and creation time (migration 22), sorted.
 *
 * Durations are whole milliseconds, so their order is that of the hours the engine sorts. One
 * JSON row per group and duration (`kind` 0 the first response, 1 the close; `grouping` as in
 * {@link CX_WORK_SQL}) with its `hours`, `[median, p90]`; a group without durations has none.
 */
const CX_PERCENTILES_SQL = (p: PercentileParams) => {
  const only = (column: string) =>
    p.touchpoints ? ` AND ${column} = ANY(${p.touchpoints}::text[])` : '';
  const edge = (from: string, to: string) => `
        SELECT x.kind, w.touchpoint_id, (${p.level}) AS level,
          palaute_duration_bucket(x.ms) AS bucket, 1 AS n, x.ms AS least_ms, x.ms AS greatest_ms
        FROM palaute_item_work AS w,
          LATERAL (VALUES (0::smallint, w.first_response_ms - w.created_ms),
                          (1::smallint, w.closed_ms - w.created_ms)) AS x(kind, ms)
        WHERE w.created_ms >= ${from}::bigint AND w.created_ms < ${to}::bigint${only('w.touchpoint_id')}
          AND x.ms IS NOT NULL`;
  const edges = [
    ...(p.monthFirstMs ? [edge(p.from, p.monthFirstMs)] : []),
    ...(p.monthEndMs ? [edge(p.monthEndMs, p.to)] : []),
  ];
  // The rank's value within its bucket, read from the period's items of the group in that bucket.
  const probe = (finish: string) => `(
          SELECT w.${finish} - w.created_ms FROM palaute_item_work AS w
          WHERE w.${finish} IS NOT NULL
            AND w.touchpoint_id = ANY(CASE WHEN r.grouping = 1 THEN ARRAY[r.touchpoint_id]
                                           ELSE (SELECT ids FROM places) END)
            AND palaute_duration_bucket(w.${finish} - w.created_ms) = r.bucket
            AND w.created_ms >= ${p.from}::bigint AND w.created_ms < ${p.to}::bigint
            AND (r.grouping <> 2 OR (${p.level}) IS NOT DISTINCT FROM r.level)
          ORDER BY 1 OFFSET r.rank - r.before LIMIT 1)`;
  return `(
    WITH hist AS (
      SELECT kind, touchpoint_id, level, GROUPING(touchpoint_id, level)::int AS grouping, bucket,
        sum(n)::bigint AS n, min(least_ms) AS least_ms, max(greatest_ms) AS greatest_ms
      FROM (
        SELECT w.kind, w.touchpoint_id, (${p.level}) AS level, w.bucket, w.n, w.least_ms,
          w.greatest_ms
        FROM (
          SELECT kind, touchpoint_id, nullif(level, '') AS level, bucket, n, least_ms, greatest_ms
          FROM palaute_item_durations
          WHERE month >= ${p.monthFirst}::integer AND month < ${p.monthEnd}::integer${only('touchpoint_id')}
        ) AS w${edges
          .map(
            (part) => `
        UNION ALL${part}`,
          )
          .join('')}
      ) AS counted
      GROUP BY GROUPING SETS ((kind, touchpoint_id, bucket), (kind, level, bucket), (kind, bucket))
    ),
    ranked AS (
      SELECT kind, grouping, touchpoint_id, level, bucket, n, least_ms, greatest_ms,
        (sum(n) OVER (PARTITION BY kind, grouping, touchpoint_id, level ORDER BY bucket))::bigint
          - n AS before,
        (sum(n) OVER (PARTITION BY kind, grouping, touchpoint_id, level))::bigint AS total
      FROM hist WHERE kind = 1 OR grouping <> 2
    ),
    wanted AS (
      SELECT r.*, q.i, q.pos, k.which, k.rank
      FROM ranked AS r
      CROSS JOIN LATERAL (SELECT p.i, p.q * (r.total - 1)::float8 AS pos
                          FROM (VALUES (1, 0.5::float8), (2, 0.9::float8)) AS p(i, q)) AS q
      CROSS JOIN LATERAL (VALUES (0, floor(q.pos)::bigint), (1, ceil(q.pos)::bigint)) AS k(which, rank)
      WHERE k.rank >= r.before AND k.rank < r.before + r.n
    ),
    places AS (
      SELECT ${
        p.touchpoints
          ? `${p.touchpoints}::text[] AS ids`
          : 'array_agg(DISTINCT touchpoint_id) AS ids FROM hist WHERE grouping = 1'
      }
    ),
    valued AS (
      SELECT r.kind, r.grouping, r.touchpoint_id, r.level, r.i, r.pos, r.which,
        CASE WHEN r.least_ms = r.greatest_ms THEN r.least_ms
             WHEN r.kind = 0 THEN ${probe('first_response_ms')}
             ELSE ${probe('closed_ms')} END AS ms
      FROM wanted AS r
    )
    SELECT coalesce(json_agg(groups), '[]'::json) FROM (
      SELECT kind, grouping, touchpoint_id, level,
        array_agg(low + (pos - floor(pos)) * (high - low) ORDER BY i) AS hours
      FROM (
        SELECT kind, grouping, touchpoint_id, level, i, max(pos) AS pos,
          (max(ms) FILTER (WHERE which = 0))::float8 / 3600000 AS low,
          (max(ms) FILTER (WHERE which = 1))::float8 / 3600000 AS high
        FROM valued GROUP BY kind, grouping, touchpoint_id, level, i
      ) AS pairs
      GROUP BY kind, grouping, touchpoint_id, level
    ) AS groups)`;
};

/** A row of {@link CX_PERCENTILES_SQL}: a group's median and 90th percentile of one duration. */
interface PercentileRow {
  kind: 0 | 1;
  grouping: number;
  touchpoint_id: string | null;
  level: CxLevel | null;
  hours: number[];
}

/** A row of {@link CX_WORK_SQL}'s groups: per touchpoint (`grouping` 1), per level (2), overall (3). */
type WorkGroupRow = Omit<LoopRow, 'overall'> & {
  level: CxLevel | null;
  grouping: number;
  open: number;
  closed_status: number;
  shipped: number;
  planned_now: number;
  ever_planned: number;
  shipped_of_planned: number;
};

/** The count fields of a {@link WorkGroupRow}, which add up across groups. */
type SummedField = Exclude<
  {
    [Field in keyof WorkGroupRow]: WorkGroupRow[Field] extends number ? Field : never;
  }[keyof WorkGroupRow],
  'grouping'
>;

/** Durations as the report gives them: count, median and 90th percentile rounded to the hundredth. */
const durationsFrom = (count: number, hours: number[] | null) => ({
  count,
  medianHours: hours?.[0] == null ? null : roundHours(hours[0]),
  p90Hours: hours?.[1] == null ? null : roundHours(hours[1]),
});

/**
 * A report's work figures counted in SQL over the items of its period (one statement,
 * {@link CX_WORK_SQL}): the loop metrics, work per CX level and promise vs delivery; equal to the
 * engine's `cxWorkOf` over the same items.
 */
export async function cxWorkSql(
  db: Sql,
  filter: CxWorkFilter,
  options: CxWorkOptions,
): Promise<CxWork> {
  const cutoffs = loopCutoffs(options.now, options.responseTargetHours);
  const params: unknown[] = [
    cutoffs.under1Day,
    cutoffs.from1To3Days,
    cutoffs.from3To7Days,
    cutoffs.from7To30Days,
    cutoffs.overdue,
    Date.parse(options.now),
  ];
  const defaults = cxLevelDefaults(options.config, options.questions);
  const level = levelSql(defaults, params);
  const where = workWhere(filter, params);
  // The whole months of the period read the durations' counts (migration 21) instead of sorting
  // every duration; not with a segment filter or a level default per answer (neither is in the
  // counts' key): those, and periods without a whole month, sort the rows as before.
  const from = epochDay(filter.period.from);
  const to = epochDay(filter.period.to);
  const months = filter.segment || defaults.byAnswer.length > 0 ? null : wholeMonths(from, to);
  let percentiles: string | undefined;
  if (months) {
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    percentiles = CX_PERCENTILES_SQL({
      level,
      touchpoints: filter.touchpoints ? param([...filter.touchpoints]) : null,
      from: param(from * DAY_MS),
      to: param((to + 1) * DAY_MS),
      monthFirst: param(months[0]),
      monthEnd: param(months[1]),
      // Only the ends the period has (PostgreSQL refuses a parameter no placeholder takes).
      monthFirstMs: from < months[0] ? param(months[0] * DAY_MS) : null,
      monthEndMs: months[1] <= to ? param(months[1] * DAY_MS) : null,
    });
  }
  const [row] = await reportRead<{
    groups: WorkGroupRow[];
    stays: { stays: number; stay_hours: number[] | null };
    percentiles?: PercentileRow[];
  }>(db, CX_WORK_SQL(where, level, percentiles), params);
  if (!row) throw new Error('The work figures query returned no row.');
  if (row.percentiles) {
    // Without the overall grouping set (it cannot be hashed, and the two others then sort the
    // period's rows for it): its counts are the sums of the level rows, as every item has one
    // level (none counts as one), and its percentiles come from the durations' counts.
    const overall: WorkGroupRow = {
      touchpoint_id: null,
      level: null,
      grouping: 3,
      total: 0,
      unprocessed: 0,
      under_1_day: 0,
      from_1_to_3_days: 0,
      from_3_to_7_days: 0,
      from_7_to_30_days: 0,
      over_30_days: 0,
      overdue: 0,
      responded: 0,
      response_hours: null,
      closed: 0,
      close_hours: null,
      open: 0,
      closed_status: 0,
      shipped: 0,
      planned_now: 0,
      ever_planned: 0,
      shipped_of_planned: 0,
    };
    const counts: SummedField[] = [
      'total',
      'unprocessed',
      'under_1_day',
      'from_1_to_3_days',
      'from_3_to_7_days',
      'from_7_to_30_days',
      'over_30_days',
      'overdue',
      'responded',
      'closed',
      'open',
      'closed_status',
      'shipped',
      'planned_now',
      'ever_planned',
      'shipped_of_planned',
    ];
    for (const group of row.groups)
      if (group.grouping === 2) for (const field of counts) overall[field] += group[field];
    row.groups.push(overall);
    const key = (kind: number, grouping: number, place: string | null, at: string | null) =>
      `${kind}\u0000${grouping}\u0000${place ?? ''}\u0000${at ?? '\u0001'}`;
    const found = new Map(
      row.percentiles.map((p) => [key(p.kind, p.grouping, p.touchpoint_id, p.level), p.hours]),
    );
    for (const group of row.groups) {
      const at = (kind: number) =>
        found.get(key(kind, group.grouping, group.touchpoint_id, group.level)) ?? null;
      group.response_hours = at(0);
      group.close_hours = at(1);
    }
  }
  // GROUPING(touchpoint_id, level): 1 when grouped by touchpoint, 2 by level, 3 overall.
  const loopRows = row.groups
    .filter((group) => group.grouping !== 2)
    .map((group) => ({ ...group, overall: group.grouping === 3 ? 1 : 0 }));
  const levelRows = row.groups.filter((group) => group.grouping === 2);
  const overall = row.groups.find((group) => group.grouping === 3);
  const shippedTotal = levelRows.reduce((sum, level) => sum + level.shipped, 0);
  const levels = [...CX_LEVELS, null].map((level): CxLevelSummary => {
    const found = levelRows.find((candidate) => candidate.level === level);
    const shipped = found?.shipped ?? 0;
    return {
      level,
      open: found?.open ?? 0,
      closed: found?.closed_status ?? 0,
      timeToClose: durationsFrom(found?.closed ?? 0, found?.close_hours ?? null),
      shipped,
      shippedShare: shippedTotal === 0 ? null : (100 * shipped) / shippedTotal,
    };
  });
  const everPlanned = overall?.ever_planned ?? 0;
  const shippedOfPlanned = overall?.shipped_of_planned ?? 0;
  return {
    loop: loopMetricsOf(loopRows),
    levels,
    promise: {
      plannedNow: overall?.planned_now ?? 0,
      everPlanned,
      shippedOfPlanned,
      shipShare: everPlanned === 0 ? null : (100 * shippedOfPlanned) / everPlanned,
      timeInPlanned: durationsFrom(row.stays.stays, row.stays.stay_hours),
    },
  };
}

/**
 * The team's CX operations on SQL: the report (scores and rates counted in SQL, finished by the
 * engine's `cxReportFrom`), the stepped targets (one row each), and the answers behind a figure
 * (keyset pages on the scores' index).
 */
export function createSqlCx(
  db: Sql,
  now: () => Date,
  options: SqlCxOptions = {},
): Required<Pick<TeamPort, 'cxReport' | 'cxTargets' | 'setCxTargets' | 'cxResponses'>> {
  const counts = createSqlCxCounts(db);
  const questions = async (): Promise<CxQuestion[]> => {
    if (options.surveys) return cxQuestionsOf(options.surveys);
    const rows = await db.query<{
      survey_id: string;
      question_id: string;
      metric: CxMetric;
      scale_min: number;
      scale_max: number;
    }>(
      'SELECT survey_id, question_id, metric, scale_min, scale_max FROM palaute_cx_questions ORDER BY survey_id, question_id',
    );
    return rows.map((row) => ({
      surveyId: row.survey_id,
      questionId: row.question_id,
      metric: row.metric,
      min: row.scale_min,
      max: row.scale_max,
    }));
  };
  const readTargets = async (client: SqlClient = db): Promise<CxTargets> => {
    const rows = await client.query<{ document: CxTarget }>(
      'SELECT document FROM palaute_cx_targets ORDER BY position',
    );
    return { targets: rows.map((row) => row.document) };
  };
  return {
    async cxReport(query: CxReportQuery): Promise<CxReport> {
      assertStorable(query, 'CX report query');
      return cxReportFrom(counts, query, {
        touchpoints: options.touchpoints ?? [],
        questions: await questions(),
        targets: (await readTargets()).targets,
        config: options.config,
        now: now().toISOString(),
      });
    },
    cxTargets: () => readTargets(),
    async setCxTargets(targets: CxTargets): Promise<CxTargets> {
      const checked = readCxTargets(targets);
      assertStorable(checked, 'CX targets');
      return db.transaction(async (tx) => {
        await tx.query('DELETE FROM palaute_cx_targets');
        for (const [position, target] of checked.targets.entries())
          await tx.query(
            'INSERT INTO palaute_cx_targets (id, position, document) VALUES ($1, $2, $3::jsonb)',
            [target.id, position, jsonb(target)],
          );
        return readTargets(tx);
      });
    },
    async cxResponses(raw: CxResponsesQuery): Promise<CxResponsesPage> {
      const query = readCxResponsesQuery(raw);
      assertStorable(query, 'CX responses query');
      const params: unknown[] = [];
      const param = (value: unknown) => {
        params.push(value);
        return `$${params.length}`;
      };
      const where = [
        `s.metric = ${param(query.metric)}::text`,
        `s.day BETWEEN ${param(epochDay(query.period.from))}::integer AND ${param(epochDay(query.period.to))}::integer`,
      ];
      if (query.touchpointId) where.push(`s.touchpoint_id = ${param(query.touchpointId)}::text`);
      if (query.segment) where.push(`s.segment @> ${param(jsonb(query.segment))}::jsonb`);
      if (query.score?.min !== undefined)
        where.push(`s.score >= ${param(query.score.min)}::double precision`);
      if (query.score?.max !== undefined)
        where.push(`s.score <= ${param(query.score.max)}::double precision`);
      if (query.withText) where.push(`coalesce(i.document ->> 'text', '') <> ''`);
      const from = `FROM palaute_scores AS s LEFT JOIN palaute_items AS i ON i.customer_id = s.customer_id AND i.response_id = s.response_id
        WHERE ${where.join(' AND ')}`;
      const [total] = await db.query<{ total: number }>(
        `SELECT count(*)::integer AS total ${from}`,
        params,
      );
      const page = [...where];
      if (query.cursor) {
        const after = decodeCxCursor(query.cursor);
        page.push(
          `(s.at_ms, s.response_id COLLATE "C", s.question_id COLLATE "C") < (${param(after.at)}::bigint, ${param(after.responseId)}::text, ${param(after.questionId)}::text)`,
        );
      }
      const limit = query.limit ?? 50;
      const rows = await db.query<{
        response_id: string;
        survey_id: string;
        question_id: string;
        touchpoint_id: string;
        metric: CxMetric;
        score: number;
        at: string;
        segment: CxResponse['segment'] | null;
        item: FeedbackItem | null;
      }>(
        `SELECT s.response_id, s.survey_id, s.question_id, s.touchpoint_id, s.metric, s.score, s.at,
                s.segment, i.document AS item
         FROM palaute_scores AS s LEFT JOIN palaute_items AS i ON i.customer_id = s.customer_id AND i.response_id = s.response_id
         WHERE ${page.join(' AND ')}
         ORDER BY s.at_ms DESC, s.response_id COLLATE "C" DESC, s.question_id COLLATE "C" DESC
         LIMIT ${param(limit + 1)}`,
        params,
      );
      const known = await questions();
      const items = rows.slice(0, limit).map((row): CxResponse => {
        const item = row.item ?? undefined;
        const level = item ? levelOf(item, options.config, known) : null;
        return {
          responseId: row.response_id,
          surveyId: row.survey_id,
          questionId: row.question_id,
          touchpointId: row.touchpoint_id,
          metric: row.metric,
          score: row.score,
          ...(item?.text ? { text: item.text } : {}),
          ...(row.segment ? { segment: row.segment } : {}),
          at: row.at,
          ...(item ? { status: item.status } : {}),
          ...(level ? { level } : {}),
        };
      });
      const last = items[items.length - 1];
      return {
        items,
        total: total?.total ?? 0,
        ...(rows.length > limit && last ? { next: encodeCxCursor(last) } : {}),
      };
    },
  };
}
