import type { FeedbackItem, LoopMetrics } from '../feedback/feedback.schema';
import { isClosed } from '../feedback/feedback.utils';
import { JOURNEY_STAGES, type Touchpoint } from '../journey/journey.schema';
import type { FeedbackResponse } from '../records/records.schema';
import { ValidationError } from '../shared/shared.errors';
import { checkPayload } from '../shared/shared.problems';
import type { Survey } from '../survey/survey.schema';
import { closedAt, computeLoopMetrics, percentileCont, roundHours } from './metrics.loop';
import { bucketStart, bucketsOf, epochDay, utcDay } from './metrics.periods';
import {
  CX_LEVELS,
  type CxChange,
  type CxConfig,
  type CxDistribution,
  type CxFigure,
  type CxGranularity,
  type CxLevel,
  type CxLevelSummary,
  type CxMetric,
  type CxMetricReport,
  type CxPeriod,
  type CxPromise,
  type CxRates,
  type CxReport,
  type CxReportQuery,
  type CxResponse,
  type CxResponsesPage,
  type CxResponsesQuery,
  type CxSegmentFilter,
  type CxSeries,
  type CxTarget,
  type CxTargetStatus,
  type CxTargets,
  type CxTouchpoint,
  cxReportQuerySchema,
  cxResponsesQuerySchema,
  cxTargetsSchema,
  type NpsResult,
} from './metrics.schema';
import {
  answersToDetect,
  cesOfDistribution,
  changeOf,
  controlChanges,
  csatOfDistribution,
  detectableChange,
  meanStandardError,
  npsOfCounts,
  npsOfDistribution,
  npsStandardError,
  ratesOf,
  ratingOfDistribution,
  shareStandardError,
} from './metrics.stats';

const HOUR_MS = 3_600_000;
/** The most trend buckets one report may ask for (e.g. days over almost three years). */
export const MAX_CX_BUCKETS = 1100;

/** A scored question: where its answers come from, which metric they feed, and its scale. */
export interface CxQuestion {
  surveyId: string;
  questionId: string;
  metric: CxMetric;
  min: number;
  max: number;
}

/**
 * The scored questions of some surveys (NPS 0–10, CSAT 1–5, CES 1–7, ratings on their own scale):
 * what the report counts. A response's answer to one of them counts whether or not it came with text.
 */
export function cxQuestionsOf(surveys: readonly Survey[]): CxQuestion[] {
  const questions: CxQuestion[] = [];
  for (const survey of surveys)
    for (const question of survey.questions) {
      const base = { surveyId: survey.id, questionId: question.id };
      if (question.type === 'nps') questions.push({ ...base, metric: 'nps', min: 0, max: 10 });
      else if (question.type === 'csat')
        questions.push({ ...base, metric: 'csat', min: 1, max: 5 });
      else if (question.type === 'ces') questions.push({ ...base, metric: 'ces', min: 1, max: 7 });
      else if (question.type === 'rating')
        questions.push({ ...base, metric: 'rating', ...question.scale });
    }
  return questions;
}

/** One scored answer of a response, as every backend stores and counts it. */
export interface CxScore {
  responseId: string;
  customerId: string;
  surveyId: string;
  questionId: string;
  touchpointId: string;
  metric: CxMetric;
  min: number;
  max: number;
  score: number;
  /** When the customer submitted it (the response's `submittedAt`). */
  at: string;
  /** Its UTC day. */
  day: string;
  segment?: FeedbackResponse['segment'];
}

/**
 * The scored answers of a response: each answer to a {@link CxQuestion} of its survey that is a
 * whole point of the question's scale. Others (off the scale, a fraction) are not scores.
 */
export function cxScoresOf(
  response: FeedbackResponse,
  questions: readonly CxQuestion[],
): CxScore[] {
  const scores: CxScore[] = [];
  for (const question of questions) {
    if (question.surveyId !== response.surveyId) continue;
    const answer = response.answers[question.questionId];
    if (
      typeof answer !== 'number' ||
      !Number.isInteger(answer) ||
      answer < question.min ||
      answer > question.max
    )
      continue;
    scores.push({
      responseId: response.id,
      customerId: response.customerId,
      surveyId: question.surveyId,
      questionId: question.questionId,
      touchpointId: response.touchpointId,
      metric: question.metric,
      min: question.min,
      max: question.max,
      score: answer,
      at: response.submittedAt,
      day: utcDay(response.submittedAt),
      ...(response.segment ? { segment: response.segment } : {}),
    });
  }
  return scores;
}

/** Whether a segment matches a filter: every key equal, typed (`12` is not `'12'`). */
export function matchesSegment(
  segment: FeedbackResponse['segment'],
  filter: CxSegmentFilter | undefined,
): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, value]) => segment?.[key] === value);
}

/**
 * The scores of one question at one touchpoint in one bucket (its first day), as a distribution:
 * `counts[k]` answers gave the score `min + k`, one entry per point of the question's scale
 * (`max − min + 1` in all). A row whose counts are all zero counts as absent.
 */
export interface CxScoreCounts {
  metric: CxMetric;
  surveyId: string;
  questionId: string;
  min: number;
  max: number;
  touchpointId: string;
  bucket: string;
  counts: readonly number[];
}

/** Which scores to count: a period cut by a granularity (one bucket when `null`) and filters. */
export interface CxScoreFilter {
  period: CxPeriod;
  granularity: CxGranularity | null;
  touchpoints?: readonly string[] | undefined;
  segment?: CxSegmentFilter | undefined;
  metric?: CxMetric | undefined;
}

/** Display, answer, dismissal and opt-out counts of one touchpoint. */
export interface CxRateCount {
  touchpointId: string;
  shown: number;
  answered: number;
  dismissed: number;
  optedOut: number;
}

/**
 * What a backend counts for a CX report; {@link cxReportFrom} turns the counts into the report, so
 * every backend (memory, PGlite, PostgreSQL) shares one set of formulas.
 */
export interface CxCountSource {
  /**
   * The scores' distributions: one row per bucket, touchpoint and question (with its metric and
   * scale), its counts indexed by score from the scale's `min` (see {@link CxScoreCounts}). Rows
   * with no answer may be left out; {@link countScores} is the reference.
   */
  scoreCounts(filter: CxScoreFilter): Promise<CxScoreCounts[]>;
  /**
   * Per touchpoint: surveys shown in the period (displays by their time), how many of those were
   * answered, dismissed (`dismiss` or `notNow`, unsubmitted) and opted out. With a segment filter,
   * only the displays recorded with a matching segment count.
   */
  rateCounts(filter: {
    period: CxPeriod;
    touchpoints?: readonly string[] | undefined;
    segment?: CxSegmentFilter | undefined;
  }): Promise<CxRateCount[]>;
  /**
   * The work on the feedback items created in the period (touchpoint and segment filters
   * applied): their loop metrics, CX levels and promise vs delivery, as {@link cxWorkOf} defines them.
   */
  work(filter: CxWorkFilter, options: CxWorkOptions): Promise<CxWork>;
}

/** Which feedback items a report's work figures cover: created in the period, filters applied. */
export interface CxWorkFilter {
  period: CxPeriod;
  touchpoints?: readonly string[] | undefined;
  segment?: CxSegmentFilter | undefined;
}

/** What the work figures read besides the items: the time, the response target, level defaults. */
export interface CxWorkOptions {
  now: string;
  responseTargetHours: number;
  config?: CxConfig | undefined;
  questions: readonly CxQuestion[];
}

/** The report's figures of the work on feedback: loop metrics, CX levels, promise vs delivery. */
export interface CxWork {
  loop: LoopMetrics;
  levels: CxLevelSummary[];
  promise: CxPromise;
}

/** Whether an item falls under a work filter: created in the period, at a touchpoint, in a segment. */
export const inCxWork = (item: FeedbackItem, filter: CxWorkFilter) =>
  inPeriod(utcDay(item.createdAt), filter.period) &&
  (!filter.touchpoints || filter.touchpoints.includes(item.touchpointId)) &&
  matchesSegment(item.segment, filter.segment);

/**
 * The work figures of some items (the reference every backend matches): {@link computeLoopMetrics},
 * {@link cxLevelsOf} and {@link cxPromiseOf}.
 */
export function cxWorkOf(items: readonly FeedbackItem[], options: CxWorkOptions): CxWork {
  return {
    loop: computeLoopMetrics(items, {
      now: options.now,
      responseTargetHours: options.responseTargetHours,
    }),
    levels: cxLevelsOf(items, options.config, options.questions),
    promise: cxPromiseOf(items, options.now),
  };
}

/** What the report knows besides the counts: the journey, the scored questions, targets, defaults, now. */
export interface CxReportContext {
  touchpoints: readonly Touchpoint[];
  questions: readonly CxQuestion[];
  targets: readonly CxTarget[];
  config?: CxConfig | undefined;
  now: string;
}

/**
 * A report query checked as a backend must: the query with its defaults, or a `ValidationError`
 * naming the path (`period.to`, `granularity`, …). A trend of more than {@link MAX_CX_BUCKETS}
 * buckets is refused, naming `granularity`.
 */
export function readCxReportQuery(query: unknown): CxReport['query'] {
  const checked: CxReportQuery = checkPayload(cxReportQuerySchema, query, 'CX report query');
  const granularity = checked.granularity ?? 'month';
  if (bucketsOf(checked.period, granularity).length > MAX_CX_BUCKETS)
    throw new ValidationError(
      [
        {
          path: 'granularity',
          message: `the period has more than ${MAX_CX_BUCKETS} ${granularity}s: choose a coarser granularity`,
        },
      ],
      'CX report query',
    );
  return {
    period: checked.period,
    granularity,
    ...(checked.touchpoints ? { touchpoints: checked.touchpoints } : {}),
    ...(checked.segment ? { segment: checked.segment } : {}),
    ...(checked.compareTo ? { compareTo: checked.compareTo } : {}),
    responseTargetHours: checked.responseTargetHours ?? 48,
  };
}

/** Targets checked as a backend must: ids unique, milestones in date order; else a `ValidationError`. */
export function readCxTargets(targets: unknown): CxTargets {
  const checked = checkPayload(cxTargetsSchema, targets, 'CX targets');
  const seen = new Set<string>();
  checked.targets.forEach((target, index) => {
    if (seen.has(target.id))
      throw new ValidationError(
        [{ path: `targets[${index}].id`, message: `"${target.id}" is used by another target` }],
        'CX targets',
      );
    seen.add(target.id);
  });
  return checked;
}

/** The key of a metric in the report: the metric, or `rating:<surveyId>/<questionId>`. */
const metricKey = (row: { metric: CxMetric; surveyId: string; questionId: string }) =>
  row.metric === 'rating' ? `rating:${row.surveyId}/${row.questionId}` : row.metric;

const METRIC_ORDER: Record<CxMetric, number> = { nps: 0, csat: 1, ces: 2, rating: 3 };

/** The report's figure of an NPS from its counts. */
const npsFigureOf = (detail: NpsResult): CxFigure => ({
  metric: 'nps',
  n: detail.n,
  value: detail.score,
  interval: detail.interval,
  marginOfError: detail.marginOfError,
  standardError: npsStandardError(detail),
  lowSample: detail.lowSample,
  detail,
});

/** The report's figure of one metric from its distribution on a scale. */
export function cxFigureOf(
  metric: CxMetric,
  distribution: CxDistribution,
  scale: { min: number; max: number },
): CxFigure {
  switch (metric) {
    case 'nps':
      return npsFigureOf(npsOfDistribution(distribution));
    case 'csat': {
      const detail = csatOfDistribution(distribution, { scale });
      return {
        metric,
        n: detail.n,
        value: detail.share,
        interval: detail.interval,
        marginOfError: detail.marginOfError,
        standardError: shareStandardError(detail.satisfied, detail.n),
        lowSample: detail.lowSample,
        detail,
      };
    }
    case 'ces': {
      const detail = cesOfDistribution(distribution, scale);
      return {
        metric,
        n: detail.n,
        value: detail.mean,
        interval: detail.interval,
        marginOfError: detail.marginOfError,
        standardError: meanStandardError(distribution),
        lowSample: detail.lowSample,
        detail,
      };
    }
    case 'rating': {
      const detail = ratingOfDistribution(distribution, scale);
      return {
        metric,
        n: detail.n,
        value: detail.mean,
        interval: detail.interval,
        marginOfError: detail.marginOfError,
        standardError: meanStandardError(distribution),
        lowSample: detail.lowSample,
        detail,
      };
    }
  }
}

/** A scale's inclusive points. */
type Scale = { min: number; max: number };

/**
 * Counts per point of a scale (index 0 is the scale's `min`) of one metric over a period: the
 * whole period's, and each trend bucket's (by the bucket's index; absent while it has none).
 */
interface Tally {
  total: number[];
  byBucket: (number[] | undefined)[];
}

const zeros = (length: number): number[] => new Array<number>(Math.max(0, length)).fill(0);
const newTally = (scale: Scale): Tally => ({
  total: zeros(scale.max - scale.min + 1),
  byBucket: [],
});

/** Whether a row of counts holds an answer (one with none counts as absent). */
function hasAnswers(row: CxScoreCounts): boolean {
  for (const count of row.counts) if (count > 0) return true;
  return false;
}

/**
 * Adds a row's counts to a tally on a scale, and to one bucket's given its index. Scores off the
 * scale are left out, as `distributionOf` leaves them out.
 */
function tallyRow(tally: Tally, row: CxScoreCounts, scale: Scale, bucket: number | undefined) {
  const total = tally.total;
  const width = total.length;
  let mine: number[] | undefined;
  if (bucket !== undefined) {
    mine = tally.byBucket[bucket];
    if (!mine) {
      mine = zeros(width);
      tally.byBucket[bucket] = mine;
    }
  }
  const offset = row.min - scale.min;
  const counts = row.counts;
  for (let k = 0; k < counts.length; k++) {
    const count = counts[k] as number;
    const at = k + offset;
    if (count === 0 || at < 0 || at >= width) continue;
    total[at] = (total[at] as number) + count;
    if (mine) mine[at] = (mine[at] as number) + count;
  }
}

/** The report's figure of one metric from its counts on a scale (none: no answers). */
function figureOfCounts(
  metric: CxMetric,
  counts: readonly number[] | undefined,
  scale: Scale,
): CxFigure {
  const width = scale.max - scale.min + 1;
  if (metric === 'nps') {
    // Integer sums, as npsOfDistribution's: promoters 9–10, passives 7–8, detractors 0–6.
    let promoters = 0;
    let passives = 0;
    let detractors = 0;
    if (counts)
      for (let k = 0; k < width; k++) {
        const value = scale.min + k;
        const count = counts[k] as number;
        if (value >= 9) promoters += count;
        else if (value >= 7) passives += count;
        else detractors += count;
      }
    return npsFigureOf(npsOfCounts({ promoters, passives, detractors }));
  }
  const distribution: CxDistribution = [];
  for (let k = 0; k < width; k++)
    distribution.push({ value: scale.min + k, count: counts ? (counts[k] as number) : 0 });
  return cxFigureOf(metric, distribution, scale);
}

/** The touchpoints in journey order: by stage (`JOURNEY_STAGES`, unknown stages after), then as declared. */
export function journeyOrder(
  registry: readonly Touchpoint[],
  seen: Iterable<string>,
  only?: readonly string[],
): CxTouchpoint[] {
  const stages: readonly string[] = JOURNEY_STAGES;
  const byId = new Map(registry.map((touchpoint, index) => [touchpoint.id, { touchpoint, index }]));
  const ids = new Set<string>(registry.map((touchpoint) => touchpoint.id));
  for (const id of seen) ids.add(id);
  const list = [...ids]
    .filter((id) => !only || only.includes(id))
    .map((id) => {
      const known = byId.get(id);
      const stage = known?.touchpoint.stage;
      const position = stage === undefined ? -1 : stages.indexOf(stage);
      return {
        entry: {
          id,
          ...(known?.touchpoint.name ? { name: known.touchpoint.name } : {}),
          ...(stage !== undefined ? { stage } : {}),
          order: position === -1 ? stages.length : position,
        } satisfies CxTouchpoint,
        declared: known?.index ?? Number.MAX_SAFE_INTEGER,
      };
    });
  list.sort(
    (a, b) =>
      a.entry.order - b.entry.order ||
      a.declared - b.declared ||
      (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0),
  );
  return list.map(({ entry }) => entry);
}

interface MetricGroup {
  key: string;
  metric: CxMetric;
  surveyId: string;
  questionId: string;
  scale: { min: number; max: number };
}

const side = (figure: CxFigure) => ({
  value: figure.value,
  standardError: figure.standardError,
  lowSample: figure.lowSample,
});

/** A series (current, previous, change, trend) of one metric from its tallies. */
function seriesOf(
  group: MetricGroup,
  tally: Tally,
  previousTally: Tally | undefined,
  buckets: ReturnType<typeof bucketsOf>,
): CxSeries {
  const current = figureOfCounts(group.metric, tally.total, group.scale);
  const trend = buckets.map((bucket, index) => ({
    key: bucket.key,
    from: bucket.from,
    to: bucket.to,
    figure: figureOfCounts(group.metric, tally.byBucket[index], group.scale),
  }));
  if (!previousTally) return { current, trend };
  const previous = figureOfCounts(group.metric, previousTally.total, group.scale);
  return { current, previous, change: changeOf(side(previous), side(current)), trend };
}

const durationsOf = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const m = percentileCont(sorted, 0.5);
  const p90 = percentileCont(sorted, 0.9);
  return {
    count: sorted.length,
    medianHours: m === null ? null : roundHours(m),
    p90Hours: p90 === null ? null : roundHours(p90),
  };
};

/** Code-unit order of strings (as `Array.prototype.sort` without a comparator). */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The configured level defaults in the order {@link levelOf} reads them: per answered question
 * (`key` is `surveyId/questionId`), the scored questions of a survey first in their order (`rank`
 * their place among that survey's scored questions), then every other configured question by its
 * key in code-unit order (ranks after all scored ones); and per touchpoint. The SQL storage reads
 * levels with these same ranks, so both pick the same default.
 */
export function cxLevelDefaults(
  config: CxConfig | undefined,
  questions: readonly CxQuestion[] = [],
): {
  byAnswer: { key: string; level: CxLevel; rank: number }[];
  byTouchpoint: { touchpointId: string; level: CxLevel }[];
} {
  const byQuestion = config?.levels?.byQuestion ?? {};
  const scoredRank = new Map<string, number>();
  const perSurvey = new Map<string, number>();
  for (const q of questions) {
    const key = `${q.surveyId}/${q.questionId}`;
    if (scoredRank.has(key)) continue;
    const place = perSurvey.get(q.surveyId) ?? 0;
    perSurvey.set(q.surveyId, place + 1);
    scoredRank.set(key, place);
  }
  const others = Object.keys(byQuestion)
    .filter((key) => !scoredRank.has(key))
    .sort(byCodeUnit);
  const byAnswer = Object.keys(byQuestion)
    .map((key) => ({
      key,
      level: byQuestion[key] as CxLevel,
      rank: scoredRank.get(key) ?? questions.length + others.indexOf(key),
    }))
    .sort((a, b) => a.rank - b.rank);
  const touchpoints = config?.levels?.byTouchpoint ?? {};
  return {
    byAnswer,
    byTouchpoint: Object.keys(touchpoints).map((touchpointId) => ({
      touchpointId,
      level: touchpoints[touchpointId] as CxLevel,
    })),
  };
}

/**
 * The CX level an item is filed at: the team's (`item.level`), else the configured default of its
 * first answered question that has one (its survey's scored questions in their order, then its
 * other answered questions in code-unit order of their ids: `surveyId/questionId`), else its
 * touchpoint's default, else none.
 */
export function levelOf(
  item: FeedbackItem,
  config: CxConfig | undefined,
  questions: readonly CxQuestion[] = [],
): CxLevel | null {
  if (item.level) return item.level;
  const byQuestion = config?.levels?.byQuestion ?? {};
  const answered = (questionId: string) => Object.hasOwn(item.answers, questionId);
  const ordered = [
    ...questions
      .filter((q) => q.surveyId === item.surveyId && answered(q.questionId))
      .map((q) => q.questionId),
    ...Object.keys(item.answers).sort(byCodeUnit),
  ];
  for (const questionId of ordered) {
    const key = `${item.surveyId}/${questionId}`;
    if (Object.hasOwn(byQuestion, key)) return byQuestion[key] as CxLevel;
  }
  const byTouchpoint = config?.levels?.byTouchpoint ?? {};
  return Object.hasOwn(byTouchpoint, item.touchpointId)
    ? (byTouchpoint[item.touchpointId] as CxLevel)
    : null;
}

/**
 * Work per CX level: open and closed items, time to close (median and 90th percentile hours, from
 * creation to the first closing step), shipped items and each level's percent of all shipped.
 * Levels in order (necessity, differentiation, vision), then items with none.
 */
export function cxLevelsOf(
  items: readonly FeedbackItem[],
  config: CxConfig | undefined,
  questions: readonly CxQuestion[] = [],
): CxLevelSummary[] {
  const shippedTotal = items.filter((item) => item.status === 'shipped').length;
  return [...CX_LEVELS, null].map((level) => {
    const mine = items.filter((item) => levelOf(item, config, questions) === level);
    const closes: number[] = [];
    for (const item of mine) {
      const closed = closedAt(item);
      if (closed !== undefined)
        closes.push((Date.parse(closed) - Date.parse(item.createdAt)) / HOUR_MS);
    }
    const shipped = mine.filter((item) => item.status === 'shipped').length;
    return {
      level,
      open: mine.filter((item) => !isClosed(item.status)).length,
      closed: mine.filter((item) => isClosed(item.status)).length,
      timeToClose: durationsOf(closes),
      shipped,
      shippedShare: shippedTotal === 0 ? null : (100 * shipped) / shippedTotal,
    };
  });
}

/**
 * Promise vs delivery: items `planned` now, items ever planned (a step to `planned` in their
 * history), how many of those shipped and their percent, and each stay in `planned` in hours (from
 * the step into it to the step out of it, or to `now` while it lasts). `planned` is never done.
 */
export function cxPromiseOf(items: readonly FeedbackItem[], now: string): CxPromise {
  const stays: number[] = [];
  let everPlanned = 0;
  let shippedOfPlanned = 0;
  for (const item of items) {
    if (!item.history.some((step) => step.to === 'planned')) continue;
    everPlanned++;
    if (item.status === 'shipped') shippedOfPlanned++;
    item.history.forEach((step, index) => {
      if (step.to !== 'planned') return;
      const left = item.history[index + 1]?.at ?? now;
      stays.push(Math.max(0, Date.parse(left) - Date.parse(step.at)) / HOUR_MS);
    });
  }
  return {
    plannedNow: items.filter((item) => item.status === 'planned').length,
    everPlanned,
    shippedOfPlanned,
    shipShare: everPlanned === 0 ? null : (100 * shippedOfPlanned) / everPlanned,
    timeInPlanned: durationsOf(stays),
  };
}

/** The least-squares line through a trend's points (bucket midpoints), read at a day; `null` under 2 points. */
function projectTo(trend: CxSeries['trend'], day: string): number | null {
  const points = trend
    .filter((point) => point.figure.value !== null && point.figure.n > 0)
    .map((point) => ({
      x: (epochDay(point.from) + epochDay(point.to)) / 2,
      y: point.figure.value as number,
    }));
  if (points.length < 2) return null;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  const sxx = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  if (sxx === 0) return null;
  const slope = points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0) / sxx;
  return meanY + slope * (epochDay(day) - meanX);
}

const fmt = (value: number) => String(Math.round(value * 10) / 10);

/** Where one target stands, from its figure and trend over the report's period. */
export function cxTargetStatusOf(
  target: CxTarget,
  series: Pick<CxSeries, 'current' | 'trend'>,
  period: CxPeriod,
): CxTargetStatus {
  const { current, trend } = series;
  const reading = target.attainment ?? 'strict';
  const minN = target.minN ?? 30;
  const next =
    target.milestones.find((milestone) => milestone.by > period.to) ??
    (target.milestones[target.milestones.length - 1] as CxTarget['milestones'][number]);
  const met =
    current.value !== null &&
    (reading === 'strict'
      ? current.interval !== null && current.interval[0] >= next.value
      : current.value >= next.value && current.n >= minN);
  const projected = projectTo(trend, next.by);
  const periods = trend.length || 1;
  const perPeriod = target.expectedN ?? Math.round(current.n / periods);
  const sigma =
    current.standardError === null ? null : current.standardError * Math.sqrt(current.n);
  const detectable = sigma === null ? null : detectableChange(sigma, perPeriod);
  const warnings: CxTargetStatus['warnings'] = [];
  const milestones = target.milestones.map((milestone, index) => {
    const before = index === 0 ? current.value : (target.milestones[index - 1]?.value ?? null);
    const step = before === null ? null : milestone.value - before;
    const tooSmall = step !== null && detectable !== null && Math.abs(step) < detectable;
    if (tooSmall && step !== null && sigma !== null) {
      const needed = answersToDetect(step, sigma);
      warnings.push({
        code: 'stepTooSmall',
        milestone: index,
        message: `The step of ${fmt(step)} to ${milestone.by} is smaller than the ${fmt(
          detectable as number,
        )} that ${perPeriod} answers per period can detect; it needs about ${needed} per period.`,
      });
    }
    return { by: milestone.by, value: milestone.value, step, detectable, tooSmall };
  });
  if (current.lowSample)
    warnings.push({
      code: 'lowSample',
      message: `Only ${current.n} answers: too few to say whether the target is met.`,
    });
  if (!met && projected === null)
    warnings.push({ code: 'noTrend', message: 'Too few periods with answers to project a trend.' });
  const state = met
    ? 'met'
    : current.n === 0 || projected === null
      ? 'unknown'
      : projected >= next.value
        ? 'onTrack'
        : 'offTrack';
  return {
    target,
    state,
    reading,
    current,
    nextMilestone: target.milestones.find((milestone) => milestone.by > period.to) ?? null,
    met,
    projected,
    milestones,
    warnings,
  };
}

/**
 * The CX report from a backend's counts: each score metric overall and per touchpoint (journey
 * order), with its trend and, given `compareTo`, its change (per touchpoint controlled by
 * Benjamini–Hochberg); rates; loop metrics, CX levels and promise vs delivery of the items created
 * in the period; and the targets' states (each over the report's period in its own scope).
 */
export async function cxReportFrom(
  source: CxCountSource,
  rawQuery: unknown,
  context: CxReportContext,
): Promise<CxReport> {
  const query = readCxReportQuery(rawQuery);
  const buckets = bucketsOf(query.period, query.granularity);
  const filter = { touchpoints: query.touchpoints, segment: query.segment };
  const [rows, previousRows, rateRows, work] = await Promise.all([
    source.scoreCounts({ period: query.period, granularity: query.granularity, ...filter }),
    query.compareTo
      ? source.scoreCounts({ period: query.compareTo, granularity: null, ...filter })
      : Promise.resolve(undefined),
    source.rateCounts({ period: query.period, ...filter }),
    source.work(
      { period: query.period, ...filter },
      {
        now: context.now,
        responseTargetHours: query.responseTargetHours,
        config: context.config,
        questions: context.questions,
      },
    ),
  ]);

  const current = rows.filter(hasAnswers);
  const previousCurrent = previousRows?.filter(hasAnswers);
  const seen = new Set<string>();
  for (const row of current) seen.add(row.touchpointId);
  for (const row of previousCurrent ?? []) seen.add(row.touchpointId);
  for (const row of rateRows) seen.add(row.touchpointId);
  const touchpoints = journeyOrder(context.touchpoints, seen, query.touchpoints);

  const groups = new Map<string, MetricGroup>();
  const addGroup = (row: CxQuestion) => {
    const key = metricKey(row);
    if (!groups.has(key))
      groups.set(key, {
        key,
        metric: row.metric,
        surveyId: row.surveyId,
        questionId: row.questionId,
        scale: { min: row.min, max: row.max },
      });
  };
  for (const question of context.questions) addGroup(question);
  for (const row of current) addGroup(row);
  for (const row of previousCurrent ?? []) addGroup(row);
  const ordered = [...groups.values()].sort(
    (a, b) => METRIC_ORDER[a.metric] - METRIC_ORDER[b.metric] || (a.key < b.key ? -1 : 1),
  );

  const bucketIndex = new Map(buckets.map((bucket, index) => [bucket.start, index]));
  const mineByKey = tallyByMetric(current, groups, bucketIndex);
  const previousByKey = previousCurrent ? tallyByMetric(previousCurrent, groups) : undefined;
  const metrics: CxMetricReport[] = ordered.map((group) => {
    const mine = mineByKey.get(group.key);
    const previousMine = previousByKey ? previousByKey.get(group.key) : undefined;
    const previousOverall = previousByKey
      ? (previousMine?.overall ?? newTally(group.scale))
      : undefined;
    const byTouchpoint = touchpoints
      .filter(
        (touchpoint) =>
          mine?.byTouchpoint.has(touchpoint.id) || previousMine?.byTouchpoint.has(touchpoint.id),
      )
      .map((touchpoint) => ({
        touchpointId: touchpoint.id,
        ...seriesOf(
          group,
          mine?.byTouchpoint.get(touchpoint.id) ?? newTally(group.scale),
          previousByKey
            ? (previousMine?.byTouchpoint.get(touchpoint.id) ?? newTally(group.scale))
            : undefined,
          buckets,
        ),
      }));
    if (previousByKey) {
      const controlled = controlChanges(
        byTouchpoint.map((series) => series.change as CxChange),
        byTouchpoint.map(
          (series) => series.current.lowSample || (series.previous?.lowSample ?? true),
        ),
      );
      byTouchpoint.forEach((series, index) => {
        series.change = controlled[index] as CxChange;
      });
    }
    return {
      key: group.key,
      metric: group.metric,
      ...(group.metric === 'rating'
        ? { source: { surveyId: group.surveyId, questionId: group.questionId } }
        : {}),
      overall: seriesOf(group, mine?.overall ?? newTally(group.scale), previousOverall, buckets),
      byTouchpoint,
    };
  });

  const rateOf = (count: Omit<CxRateCount, 'touchpointId'>): CxRates => ratesOf(count);
  const sum = rateRows.reduce(
    (total, row) => ({
      shown: total.shown + row.shown,
      answered: total.answered + row.answered,
      dismissed: total.dismissed + row.dismissed,
      optedOut: total.optedOut + row.optedOut,
    }),
    { shown: 0, answered: 0, dismissed: 0, optedOut: 0 },
  );
  const rateById = new Map(rateRows.map((row) => [row.touchpointId, row]));

  const targets: CxTargetStatus[] = [];
  for (const target of context.targets) {
    const scope = target.scope;
    const scoped = await source.scoreCounts({
      period: query.period,
      granularity: query.granularity,
      metric: target.metric,
      ...(scope.kind === 'touchpoint' ? { touchpoints: [scope.touchpointId] } : {}),
      ...(scope.kind === 'segment' ? { segment: { [scope.key]: scope.value } } : {}),
    });
    const scale =
      target.metric === 'nps'
        ? { min: 0, max: 10 }
        : target.metric === 'csat'
          ? { min: 1, max: 5 }
          : { min: 1, max: 7 };
    const group: MetricGroup = {
      key: target.metric,
      metric: target.metric,
      surveyId: '',
      questionId: '',
      scale,
    };
    const tally = newTally(scale);
    for (const row of scoped) tallyRow(tally, row, scale, bucketIndex.get(row.bucket));
    targets.push(
      cxTargetStatusOf(target, seriesOf(group, tally, undefined, buckets), query.period),
    );
  }

  return {
    query,
    generatedAt: context.now,
    touchpoints,
    periods: buckets.map(({ key, from, to }) => ({ key, from, to })),
    metrics,
    rates: {
      overall: rateOf(sum),
      byTouchpoint: touchpoints
        .filter((touchpoint) => rateById.has(touchpoint.id))
        .map((touchpoint) => ({
          touchpointId: touchpoint.id,
          ...rateOf(rateById.get(touchpoint.id) as CxRateCount),
        })),
    },
    loop: work.loop,
    levels: work.levels,
    promise: work.promise,
    targets,
  };
}

/**
 * Count rows tallied per metric (by its key), overall and per touchpoint, each on its metric's
 * scale; into trend buckets when given the buckets' indexes by first day (a row of another
 * bucket counts in the whole period only).
 */
function tallyByMetric(
  rows: readonly CxScoreCounts[],
  groups: ReadonlyMap<string, MetricGroup>,
  bucketIndex?: ReadonlyMap<string, number>,
): Map<string, { overall: Tally; byTouchpoint: Map<string, Tally> }> {
  const tallies = new Map<string, { overall: Tally; byTouchpoint: Map<string, Tally> }>();
  for (const row of rows) {
    const key = metricKey(row);
    const { scale } = groups.get(key) as MetricGroup;
    let metric = tallies.get(key);
    if (!metric) {
      metric = { overall: newTally(scale), byTouchpoint: new Map() };
      tallies.set(key, metric);
    }
    let mine = metric.byTouchpoint.get(row.touchpointId);
    if (!mine) {
      mine = newTally(scale);
      metric.byTouchpoint.set(row.touchpointId, mine);
    }
    const bucket = bucketIndex?.get(row.bucket);
    tallyRow(metric.overall, row, scale, bucket);
    tallyRow(mine, row, scale, bucket);
  }
  return tallies;
}

/** Whether a day lies in a period (both ends included). */
export const inPeriod = (day: string, period: CxPeriod) => day >= period.from && day <= period.to;

/**
 * Counts scores as {@link CxCountSource.scoreCounts} must, over scores in memory (the reference):
 * a row per bucket, touchpoint and question with an answer, its counts over the question's scale.
 * A score off its own scale or not whole (which {@link cxScoresOf} never makes) is not counted.
 */
export function countScores(scores: readonly CxScore[], filter: CxScoreFilter): CxScoreCounts[] {
  const rows = new Map<string, CxScoreCounts & { counts: number[] }>();
  const firstBucket = filter.period.from;
  for (const score of scores) {
    if (!inPeriod(score.day, filter.period)) continue;
    if (filter.touchpoints && !filter.touchpoints.includes(score.touchpointId)) continue;
    if (filter.metric && score.metric !== filter.metric) continue;
    if (!matchesSegment(score.segment, filter.segment)) continue;
    if (!Number.isInteger(score.score) || score.score < score.min || score.score > score.max)
      continue;
    const bucket = filter.granularity ? bucketStart(score.day, filter.granularity) : firstBucket;
    const key = [
      bucket,
      score.touchpointId,
      score.surveyId,
      score.questionId,
      score.metric,
      score.min,
      score.max,
    ].join('\u0000');
    let row = rows.get(key);
    if (!row) {
      row = {
        metric: score.metric,
        surveyId: score.surveyId,
        questionId: score.questionId,
        min: score.min,
        max: score.max,
        touchpointId: score.touchpointId,
        bucket,
        counts: zeros(score.max - score.min + 1),
      };
      rows.set(key, row);
    }
    row.counts[score.score - score.min] = (row.counts[score.score - score.min] as number) + 1;
  }
  return [...rows.values()];
}

/** Reads a responses query as a backend must, or a `ValidationError` naming the path. */
export function readCxResponsesQuery(query: unknown): CxResponsesQuery {
  return checkPayload(cxResponsesQuerySchema, query, 'CX responses query');
}

/** The keyset cursor of the answers behind a figure: after this answer (newest first). */
export function encodeCxCursor(
  answer: Pick<CxResponse, 'at' | 'responseId' | 'questionId'>,
): string {
  return [Date.parse(answer.at), answer.responseId, answer.questionId]
    .map(encodeURIComponent)
    .join('.');
}

/** Reads a cursor made by {@link encodeCxCursor}, or a `ValidationError` naming `cursor`. */
export function decodeCxCursor(cursor: string): {
  at: number;
  responseId: string;
  questionId: string;
} {
  const parts = cursor.split('.').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return '';
    }
  });
  const at = Number(parts[0]);
  if (parts.length !== 3 || !Number.isFinite(at) || !parts[1] || !parts[2])
    throw new ValidationError(
      [{ path: 'cursor', message: 'is not a cursor this list handed out' }],
      'CX responses query',
    );
  return { at, responseId: parts[1], questionId: parts[2] };
}

/**
 * The answers behind a figure, from scores in memory (the reference): those of the metric in the
 * period, touchpoint, segment and score range (and with text when asked), newest first (ties by
 * response id, then question id, descending), a page after the cursor, with the total.
 */
export function listCxResponses(
  scores: readonly CxScore[],
  items: ReadonlyMap<string, FeedbackItem>,
  query: CxResponsesQuery,
  config?: CxConfig,
  questions: readonly CxQuestion[] = [],
): CxResponsesPage {
  const matching = scores
    .filter(
      (score) =>
        score.metric === query.metric &&
        inPeriod(score.day, query.period) &&
        (!query.touchpointId || score.touchpointId === query.touchpointId) &&
        matchesSegment(score.segment, query.segment) &&
        (query.score?.min === undefined || score.score >= query.score.min) &&
        (query.score?.max === undefined || score.score <= query.score.max) &&
        (!query.withText || Boolean(items.get(score.responseId)?.text)),
    )
    .sort(
      (a, b) =>
        Date.parse(b.at) - Date.parse(a.at) ||
        (a.responseId < b.responseId ? 1 : a.responseId > b.responseId ? -1 : 0) ||
        (a.questionId < b.questionId ? 1 : a.questionId > b.questionId ? -1 : 0),
    );
  const after = query.cursor ? decodeCxCursor(query.cursor) : undefined;
  const rest = after
    ? matching.filter((score) => {
        const at = Date.parse(score.at);
        return (
          at < after.at ||
          (at === after.at &&
            (score.responseId < after.responseId ||
              (score.responseId === after.responseId && score.questionId < after.questionId)))
        );
      })
    : matching;
  const limit = query.limit ?? 50;
  const page = rest.slice(0, limit).map((score): CxResponse => {
    const item = items.get(score.responseId);
    const level = item ? levelOf(item, config, questions) : null;
    return {
      responseId: score.responseId,
      surveyId: score.surveyId,
      questionId: score.questionId,
      touchpointId: score.touchpointId,
      metric: score.metric,
      score: score.score,
      ...(item?.text ? { text: item.text } : {}),
      ...(score.segment ? { segment: score.segment } : {}),
      at: score.at,
      ...(item ? { status: item.status } : {}),
      ...(level ? { level } : {}),
    };
  });
  const last = page[page.length - 1];
  return {
    items: page,
    total: matching.length,
    ...(rest.length > limit && last ? { next: encodeCxCursor(last) } : {}),
  };
}
