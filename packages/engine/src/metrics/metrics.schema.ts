import * as z from 'zod/mini';
import {
  CX_LEVELS,
  type CxLevel,
  cxLevelSchema,
  feedbackStatusSchema,
  loopMetricsSchema,
} from '../feedback/feedback.schema';
import { attributesSchema, timestampSchema } from '../records/records.schema';
import { idSchema } from '../survey/survey.schema';

// Schemas in pure wrappers: a page that only asks surveys ships none of the CX report's data model.

export { CX_LEVELS, type CxLevel, cxLevelSchema };

/** A figure with fewer answers than this is a low sample: greyed, with no arrow and no colour. */
export const LOW_SAMPLE_N = 30;
/** A figure whose 95 % margin of error exceeds this many points (percent or NPS points) is a low sample. */
export const LOW_SAMPLE_MARGIN = 20;
/** The z value of a two-sided 95 % interval. */
export const Z_95 = 1.96;

/** A score metric: NPS (0–10), CSAT (top-2-box), CES (mean and % agree) or a rating (mean). */
export const cxMetricSchema = /* @__PURE__ */ (() => z.enum(['nps', 'csat', 'ces', 'rating']))();
/** A score metric. */
export type CxMetric = z.output<typeof cxMetricSchema>;

/** How a report's trend is cut: by UTC day, ISO week (Monday first), month or quarter. */
export const cxGranularitySchema = /* @__PURE__ */ (() =>
  z.enum(['day', 'week', 'month', 'quarter']))();
/** How a report's trend is cut. */
export type CxGranularity = z.output<typeof cxGranularitySchema>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Whether a text is a calendar day that exists. */
const isDay = (value: string) =>
  DATE.test(value) &&
  !Number.isNaN(Date.parse(value)) &&
  new Date(value).toISOString().startsWith(value);

/** A calendar day, `YYYY-MM-DD` (read as a UTC day), that exists (`2026-02-30` does not). */
export const cxDateSchema = /* @__PURE__ */ (() =>
  z.string().check(z.refine(isDay, 'must be a calendar day, YYYY-MM-DD')))();
/** A calendar day, `YYYY-MM-DD`. */
export type CxDate = z.output<typeof cxDateSchema>;

/** A span of whole UTC days, `from` and `to` both included; `to` not before `from`. */
export const cxPeriodSchema = /* @__PURE__ */ (() =>
  z.object({ from: cxDateSchema, to: cxDateSchema }).check(
    z.superRefine((period, ctx) => {
      // Only between two real days: a bad one is already named on its own.
      if (isDay(period.from) && isDay(period.to) && period.to < period.from)
        ctx.issues.push({
          code: 'custom',
          message: 'must not be before from',
          path: ['to'],
          input: period.to,
        });
    }),
  ))();
/** A span of whole UTC days, both ends included. */
export type CxPeriod = z.output<typeof cxPeriodSchema>;

/** A segment filter: responses whose segment has each key equal to its value (`12` is not `'12'`). */
export const cxSegmentFilterSchema = /* @__PURE__ */ (() =>
  z.record(
    z.string().check(z.minLength(1), z.maxLength(100)),
    z.union([z.string(), z.number(), z.boolean()]),
  ))();
/** A segment filter. */
export type CxSegmentFilter = z.output<typeof cxSegmentFilterSchema>;

/**
 * One report query: the period, how the trend is cut, which touchpoints (all when absent), a segment
 * filter, and a period to compare with (each figure then carries its change, and whether it is real).
 *
 * @example
 * ```ts
 * const query: CxReportQuery = {
 *   period: { from: '2026-01-01', to: '2026-12-31' },
 *   granularity: 'month',
 *   compareTo: { from: '2025-01-01', to: '2025-12-31' },
 * };
 * ```
 */
export const cxReportQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    period: cxPeriodSchema,
    /** @default 'month' */
    granularity: z.optional(cxGranularitySchema),
    /** Only these touchpoints (all when absent). */
    touchpoints: z.optional(z.array(idSchema).check(z.minLength(1), z.maxLength(1000))),
    /** Only responses whose segment matches. */
    segment: z.optional(cxSegmentFilterSchema),
    /** The period to compare with (e.g. the one before): each figure gets its change. */
    compareTo: z.optional(cxPeriodSchema),
    /** The loop metrics' response target in hours. @default 48 */
    responseTargetHours: z.optional(z.number().check(z.gt(0), z.lte(1_000_000))),
  }))();
/** One report query. */
export type CxReportQuery = z.output<typeof cxReportQuerySchema>;

/** A 95 % interval `[lower, upper]`, in the figure's unit. */
export const cxIntervalSchema = /* @__PURE__ */ (() => z.tuple([z.number(), z.number()]))();
/** A 95 % interval. */
export type CxInterval = z.output<typeof cxIntervalSchema>;

/**
 * What {@link npsOf} returns: counts, the score (−100…+100, `%promoters − %detractors`), the plain
 * trinomial 95 % margin of error in points, the adjusted-Wald 95 % interval in points, and whether
 * the sample is too small to read (`lowSample`). With no answers `score`, `marginOfError` and
 * `interval` are `null`.
 */
export const npsResultSchema = /* @__PURE__ */ (() =>
  z.object({
    n: z.int(),
    promoters: z.int(),
    passives: z.int(),
    detractors: z.int(),
    score: z.nullable(z.number()),
    marginOfError: z.nullable(z.number()),
    interval: z.nullable(cxIntervalSchema),
    lowSample: z.boolean(),
  }))();
/** An NPS with its uncertainty. */
export type NpsResult = z.output<typeof npsResultSchema>;

/** How many answers gave each point of a scale, lowest point first (every point listed). */
export const cxDistributionSchema = /* @__PURE__ */ (() =>
  z.array(z.object({ value: z.number(), count: z.int() })))();
/** How many answers gave each point of a scale. */
export type CxDistribution = z.output<typeof cxDistributionSchema>;

/** A scale: `min` to `max` points, or thumbs (down = 0, up = 1). */
export const cxScaleSchema = /* @__PURE__ */ (() =>
  z.union([z.object({ min: z.int(), max: z.int() }), z.literal('thumbs')]))();
/** A scale. */
export type CxScale = z.output<typeof cxScaleSchema>;

/**
 * What {@link csatOf} returns: the share of answers in the top box(es) (4–5 of 5 by default) in
 * percent with its Wilson 95 % interval and margin (half-width), and the mean with its t-interval.
 */
export const csatResultSchema = /* @__PURE__ */ (() =>
  z.object({
    n: z.int(),
    /** Answers in the top box(es). */
    satisfied: z.int(),
    /** Percent satisfied (0–100). */
    share: z.nullable(z.number()),
    /** Wilson 95 % interval of the share, in percent. */
    interval: z.nullable(cxIntervalSchema),
    /** Half the width of the interval, in percent. */
    marginOfError: z.nullable(z.number()),
    mean: z.nullable(z.number()),
    meanInterval: z.nullable(cxIntervalSchema),
    distribution: cxDistributionSchema,
    lowSample: z.boolean(),
  }))();
/** A CSAT with its uncertainty. */
export type CsatResult = z.output<typeof csatResultSchema>;

/**
 * What {@link cesOf} returns: the mean effort score (1–7 for CES 2.0, or 1–5) with its t 95 %
 * interval and margin, and the share agreeing (5–7 of 7, 4–5 of 5) in percent with its Wilson interval.
 */
export const cesResultSchema = /* @__PURE__ */ (() =>
  z.object({
    n: z.int(),
    mean: z.nullable(z.number()),
    /** t 95 % interval of the mean, in scale points. */
    interval: z.nullable(cxIntervalSchema),
    /** Half the width of the interval, in scale points. */
    marginOfError: z.nullable(z.number()),
    agree: z.int(),
    /** Percent agreeing (0–100). */
    agreeShare: z.nullable(z.number()),
    agreeInterval: z.nullable(cxIntervalSchema),
    distribution: cxDistributionSchema,
    lowSample: z.boolean(),
  }))();
/** A CES with its uncertainty. */
export type CesResult = z.output<typeof cesResultSchema>;

/** What {@link ratingOf} returns: the mean with its t 95 % interval, and the distribution. */
export const ratingResultSchema = /* @__PURE__ */ (() =>
  z.object({
    n: z.int(),
    mean: z.nullable(z.number()),
    interval: z.nullable(cxIntervalSchema),
    marginOfError: z.nullable(z.number()),
    distribution: cxDistributionSchema,
    lowSample: z.boolean(),
  }))();
/** A rating with its uncertainty. */
export type RatingResult = z.output<typeof ratingResultSchema>;

/**
 * What {@link ratesOf} returns for one touchpoint (or all): surveys shown, how many were answered,
 * dismissed ("no thanks" or "not now", before submitting) and opted out, and the three rates in
 * percent (`null` when nothing was shown), each with its Wilson interval.
 */
export const cxRatesSchema = /* @__PURE__ */ (() =>
  z.object({
    shown: z.int(),
    answered: z.int(),
    dismissed: z.int(),
    optedOut: z.int(),
    responseRate: z.nullable(z.number()),
    responseRateInterval: z.nullable(cxIntervalSchema),
    dismissalRate: z.nullable(z.number()),
    dismissalRateInterval: z.nullable(cxIntervalSchema),
    optOutRate: z.nullable(z.number()),
    optOutRateInterval: z.nullable(cxIntervalSchema),
  }))();
/** Response, dismissal and opt-out rates. */
export type CxRates = z.output<typeof cxRatesSchema>;

/**
 * The change between two periods (what {@link changeOf} returns): `to − from` in the figure's unit,
 * its 95 % interval, the test's z and two-sided p, and whether it is significant. When several
 * figures are compared at once, `significant` is after Benjamini–Hochberg control (`qValue`, the
 * adjusted p) at 5 %; alone, `qValue` equals `pValue`. `null`s when either side has no answers.
 */
export const cxChangeSchema = /* @__PURE__ */ (() =>
  z.object({
    difference: z.nullable(z.number()),
    interval: z.nullable(cxIntervalSchema),
    standardError: z.nullable(z.number()),
    z: z.nullable(z.number()),
    pValue: z.nullable(z.number()),
    qValue: z.nullable(z.number()),
    significant: z.boolean(),
    /** `up`, `down` or `none` (not significant, or a side is a low sample): draw an arrow only when not `none`. */
    direction: z.enum(['up', 'down', 'none']),
  }))();
/** The change between two periods. */
export type CxChange = z.output<typeof cxChangeSchema>;

const figureBase = /* @__PURE__ */ (() => ({
  /** Answers counted (score-only answers included). */
  n: z.int(),
  /** The headline: NPS points, CSAT % satisfied, CES mean, rating mean; `null` with no answers. */
  value: z.nullable(z.number()),
  interval: z.nullable(cxIntervalSchema),
  marginOfError: z.nullable(z.number()),
  /** The standard error of `value` (what a change between periods is tested with), in its unit. */
  standardError: z.nullable(z.number()),
  /** n < 30 or the margin over ±20 points: grey it, no arrow, no colour. */
  lowSample: z.boolean(),
}))();

/**
 * One figure of the report, the same shape for every metric (`value`, `interval`, `n`,
 * `lowSample`), with the metric's own detail.
 */
export const cxFigureSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('metric', [
    z.object({ ...figureBase, metric: z.literal('nps'), detail: npsResultSchema }),
    z.object({ ...figureBase, metric: z.literal('csat'), detail: csatResultSchema }),
    z.object({ ...figureBase, metric: z.literal('ces'), detail: cesResultSchema }),
    z.object({ ...figureBase, metric: z.literal('rating'), detail: ratingResultSchema }),
  ]))();
/** One figure of the report. */
export type CxFigure = z.output<typeof cxFigureSchema>;

/** One bucket of a trend: its key (`2026-11-30`, `2026-W48`, `2026-11`, `2026-Q4`), its days and its figure. */
export const cxTrendPointSchema = /* @__PURE__ */ (() =>
  z.object({
    key: z.string(),
    from: cxDateSchema,
    to: cxDateSchema,
    figure: cxFigureSchema,
  }))();
/** One bucket of a trend. */
export type CxTrendPoint = z.output<typeof cxTrendPointSchema>;

/** A figure over the report's period, the same over the compared period and the change, and its trend. */
export const cxSeriesSchema = /* @__PURE__ */ (() =>
  z.object({
    current: cxFigureSchema,
    previous: z.optional(cxFigureSchema),
    change: z.optional(cxChangeSchema),
    trend: z.array(cxTrendPointSchema),
  }))();
/** A figure with its comparison and trend. */
export type CxSeries = z.output<typeof cxSeriesSchema>;

/**
 * One metric of the report: which (`key` is the metric, or `rating:<surveyId>/<questionId>` for a
 * rating question, each on its own scale), overall and per touchpoint in journey order.
 */
export const cxMetricReportSchema = /* @__PURE__ */ (() =>
  z.object({
    key: z.string(),
    metric: cxMetricSchema,
    /** A rating's question. */
    source: z.optional(z.object({ surveyId: idSchema, questionId: idSchema })),
    overall: cxSeriesSchema,
    byTouchpoint: z.array(z.extend(cxSeriesSchema, { touchpointId: idSchema })),
  }))();
/** One metric of the report. */
export type CxMetricReport = z.output<typeof cxMetricReportSchema>;

/** A touchpoint of the report, in journey order (stage, then id), with its name and stage. */
export const cxTouchpointSchema = /* @__PURE__ */ (() =>
  z.object({
    id: idSchema,
    name: z.optional(z.string()),
    stage: z.optional(z.string()),
    /** Where its stage sits in the journey (`JOURNEY_STAGES`); unknown stages last. */
    order: z.int(),
  }))();
/** A touchpoint of the report. */
export type CxTouchpoint = z.output<typeof cxTouchpointSchema>;

/** A stepped target's scope: everything, one touchpoint, or one segment (`plan = pro`). */
export const cxTargetScopeSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('overall') }),
    z.object({ kind: z.literal('touchpoint'), touchpointId: idSchema }),
    z.object({
      kind: z.literal('segment'),
      key: z.string().check(z.minLength(1), z.maxLength(100)),
      value: z.union([z.string(), z.number(), z.boolean()]),
    }),
  ]))();
/** A stepped target's scope. */
export type CxTargetScope = z.output<typeof cxTargetScopeSchema>;

/** One step of a target: reach `value` by the day `by`. */
export const cxMilestoneSchema = /* @__PURE__ */ (() =>
  z.object({ by: cxDateSchema, value: z.number().check(z.gte(-100), z.lte(100)) }))();
/** One step of a target. */
export type CxMilestone = z.output<typeof cxMilestoneSchema>;

/**
 * How a target counts as met: `strict` (the lower bound of the 95 % interval ≥ the value: we are
 * sure) or `plain` (the point ≥ the value, with at least `minN` answers).
 */
export const cxAttainmentSchema = /* @__PURE__ */ (() => z.enum(['strict', 'plain']))();
/** How a target counts as met. */
export type CxAttainment = z.output<typeof cxAttainmentSchema>;

/**
 * A stepped target ("+35 by the end of next year, +45 in two years"): a metric (NPS, CSAT or CES),
 * a scope, and milestones in date order, each day after the one before. Values in the metric's unit:
 * NPS points, CSAT percent, CES mean.
 */
export const cxTargetSchema = /* @__PURE__ */ (() =>
  z.object({
    id: idSchema,
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    metric: z.enum(['nps', 'csat', 'ces']),
    scope: cxTargetScopeSchema,
    milestones: z.array(cxMilestoneSchema).check(
      z.minLength(1, 'must have at least one milestone'),
      z.maxLength(20),
      z.superRefine((milestones, ctx) => {
        for (let i = 1; i < milestones.length; i++) {
          const before = milestones[i - 1];
          const milestone = milestones[i];
          if (before && milestone && milestone.by <= before.by)
            ctx.issues.push({
              code: 'custom',
              message: 'milestones must be in date order, each after the one before',
              path: [i, 'by'],
              input: milestone.by,
            });
        }
      }),
    ),
    /** @default 'strict' */
    attainment: z.optional(cxAttainmentSchema),
    /** The fewest answers a `plain` reading accepts. @default 30 */
    minN: z.optional(z.int().check(z.gte(1), z.lte(1_000_000))),
    /** Answers expected per trend period, for the detectability warning (the current rate when absent). */
    expectedN: z.optional(z.int().check(z.gte(1), z.lte(100_000_000))),
  }))();
/** A stepped target. */
export type CxTarget = z.output<typeof cxTargetSchema>;

/** Every stepped target, as the team reads and writes them (at most 100). */
export const cxTargetsSchema = /* @__PURE__ */ (() =>
  z.object({ targets: z.array(cxTargetSchema).check(z.maxLength(100)) }))();
/** Every stepped target. */
export type CxTargets = z.output<typeof cxTargetsSchema>;

/**
 * Where a target stands: `met` (the current milestone's value reached by the target's reading),
 * `onTrack` (the trend, projected to the next milestone's day, reaches it), `offTrack` (it does
 * not), `unknown` (too few answers or trend points to say).
 */
export const cxTargetStateSchema = /* @__PURE__ */ (() =>
  z.enum(['met', 'onTrack', 'offTrack', 'unknown']))();
/** Where a target stands. */
export type CxTargetState = z.output<typeof cxTargetStateSchema>;

/** A target in the report: its state, the current figure and each milestone's own standing. */
export const cxTargetStatusSchema = /* @__PURE__ */ (() =>
  z.object({
    target: cxTargetSchema,
    state: cxTargetStateSchema,
    /** Which reading `met` used. */
    reading: cxAttainmentSchema,
    /** The figure over the report's period, in the target's scope. */
    current: cxFigureSchema,
    /** The first milestone whose day is after the report's last day (`null` when all are past). */
    nextMilestone: z.nullable(cxMilestoneSchema),
    /** Whether the current figure reaches the next milestone (the last one when all are past). */
    met: z.boolean(),
    /** The trend's least-squares line over its periods, read at the next milestone's day. */
    projected: z.nullable(z.number()),
    milestones: z.array(
      z.object({
        by: cxDateSchema,
        value: z.number(),
        /** The step from the milestone before (from the current value for the first). */
        step: z.nullable(z.number()),
        /** The smallest change the expected answers per period can detect (95 %, 80 % power). */
        detectable: z.nullable(z.number()),
        /** The step is smaller than what the expected sample can detect. */
        tooSmall: z.boolean(),
      }),
    ),
    /** Plain-language warnings, e.g. a step smaller than what the sample can detect. */
    warnings: z.array(
      z.object({
        code: z.enum(['stepTooSmall', 'lowSample', 'noTrend']),
        message: z.string(),
        milestone: z.optional(z.int()),
      }),
    ),
  }))();
/** A target in the report. */
export type CxTargetStatus = z.output<typeof cxTargetStatusSchema>;

/** Work on one CX level: open and closed items, time to close, shipped items and their share. */
export const cxLevelSummarySchema = /* @__PURE__ */ (() =>
  z.object({
    /** The level, or `null` for items with none set and no default. */
    level: z.nullable(cxLevelSchema),
    open: z.int(),
    closed: z.int(),
    timeToClose: z.object({
      count: z.int(),
      medianHours: z.nullable(z.number()),
      p90Hours: z.nullable(z.number()),
    }),
    shipped: z.int(),
    /** This level's percent of every shipped item (`null` when nothing shipped). */
    shippedShare: z.nullable(z.number()),
  }))();
/** Work on one CX level. */
export type CxLevelSummary = z.output<typeof cxLevelSummarySchema>;

/**
 * Promise vs delivery: items planned now, items ever planned, how many of those shipped (and the
 * percent), and how long items sat in `planned` (median and 90th percentile, each stay counted
 * until it left or until now). `planned` is never counted as done.
 */
export const cxPromiseSchema = /* @__PURE__ */ (() =>
  z.object({
    plannedNow: z.int(),
    everPlanned: z.int(),
    shippedOfPlanned: z.int(),
    shipShare: z.nullable(z.number()),
    timeInPlanned: z.object({
      count: z.int(),
      medianHours: z.nullable(z.number()),
      p90Hours: z.nullable(z.number()),
    }),
  }))();
/** Promise vs delivery. */
export type CxPromise = z.output<typeof cxPromiseSchema>;

/**
 * The CX report: the query as read (defaults filled), the touchpoints in journey order, the trend's
 * periods, each score metric (overall, per touchpoint, compared, trended), the response, dismissal
 * and opt-out rates, the loop metrics, CX levels, promise vs delivery, and the targets' states.
 */
export const cxReportSchema = /* @__PURE__ */ (() =>
  z.object({
    query: z.object({
      period: cxPeriodSchema,
      granularity: cxGranularitySchema,
      touchpoints: z.optional(z.array(idSchema)),
      segment: z.optional(cxSegmentFilterSchema),
      compareTo: z.optional(cxPeriodSchema),
      responseTargetHours: z.number(),
    }),
    generatedAt: timestampSchema,
    touchpoints: z.array(cxTouchpointSchema),
    periods: z.array(z.object({ key: z.string(), from: cxDateSchema, to: cxDateSchema })),
    metrics: z.array(cxMetricReportSchema),
    rates: z.object({
      overall: cxRatesSchema,
      byTouchpoint: z.array(z.extend(cxRatesSchema, { touchpointId: idSchema })),
    }),
    loop: loopMetricsSchema,
    levels: z.array(cxLevelSummarySchema),
    promise: cxPromiseSchema,
    targets: z.array(cxTargetStatusSchema),
  }))();
/** The CX report. */
export type CxReport = z.output<typeof cxReportSchema>;

/**
 * The answers behind a figure ("the detractors' verbatims at the dashboard"): a metric, a period,
 * optionally a touchpoint, a segment and a score range (`{ max: 6 }` for NPS detractors), only
 * answers with text when `withText`, newest first, a page at a time (`cursor` from `next`).
 */
export const cxResponsesQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    metric: cxMetricSchema,
    period: cxPeriodSchema,
    touchpointId: z.optional(idSchema),
    segment: z.optional(cxSegmentFilterSchema),
    score: z.optional(z.object({ min: z.optional(z.number()), max: z.optional(z.number()) })),
    /** Only answers that came with the customer's words. @default false */
    withText: z.optional(z.boolean()),
    /** @default 50 */
    limit: z.optional(z.int().check(z.gte(1), z.lte(500))),
    cursor: z.optional(z.string().check(z.maxLength(500))),
  }))();
/** The answers behind a figure. */
export type CxResponsesQuery = z.output<typeof cxResponsesQuerySchema>;

/** One answer behind a figure: whose response, where, the score, the words if any, and the item's status. */
export const cxResponseSchema = /* @__PURE__ */ (() =>
  z.object({
    responseId: z.string(),
    surveyId: idSchema,
    questionId: idSchema,
    touchpointId: idSchema,
    metric: cxMetricSchema,
    score: z.number(),
    /** The customer's own words, when they wrote any. */
    text: z.optional(z.string()),
    segment: z.optional(attributesSchema),
    at: timestampSchema,
    /** The feedback item's status, when the response became one. */
    status: z.optional(feedbackStatusSchema),
    level: z.optional(cxLevelSchema),
  }))();
/** One answer behind a figure. */
export type CxResponse = z.output<typeof cxResponseSchema>;

/** A page of the answers behind a figure, with how many match in all. */
export const cxResponsesPageSchema = /* @__PURE__ */ (() =>
  z.object({
    items: z.array(cxResponseSchema),
    total: z.int(),
    next: z.optional(z.string()),
  }))();
/** A page of the answers behind a figure. */
export type CxResponsesPage = z.output<typeof cxResponsesPageSchema>;

/**
 * Where the report reads defaults: each item's CX level by question (`surveyId/questionId`, the
 * first scored question with one wins) or by touchpoint, when the team set none.
 */
export const cxConfigSchema = /* @__PURE__ */ (() =>
  z.object({
    levels: z.optional(
      z.object({
        byQuestion: z.optional(z.record(z.string(), cxLevelSchema)),
        byTouchpoint: z.optional(z.record(idSchema, cxLevelSchema)),
      }),
    ),
  }))();
/** Where the report reads defaults. */
export type CxConfig = z.output<typeof cxConfigSchema>;
