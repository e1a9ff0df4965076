import {
  type CesResult,
  type CsatResult,
  type CxChange,
  type CxDistribution,
  type CxInterval,
  type CxRates,
  type CxScale,
  LOW_SAMPLE_MARGIN,
  LOW_SAMPLE_N,
  type NpsResult,
  type RatingResult,
  Z_95,
} from './metrics.schema';

/** The one-sided z of 80 % power, for the smallest change a sample can detect. */
export const Z_POWER_80 = 0.8416212335729143;

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** The inclusive points of a scale: `min`…`max`, or thumbs as down = 0 and up = 1. */
export function scalePoints(scale: CxScale): { min: number; max: number } {
  return scale === 'thumbs' ? { min: 0, max: 1 } : scale;
}

/**
 * How many answers gave each point of a scale, every point listed lowest first. Answers that are not
 * a whole point of the scale (out of range, fractions, not a number) are not counted.
 */
export function distributionOf(scores: readonly number[], scale: CxScale): CxDistribution {
  const { min, max } = scalePoints(scale);
  const counts = new Map<number, number>();
  for (const score of scores)
    if (Number.isInteger(score) && score >= min && score <= max)
      counts.set(score, (counts.get(score) ?? 0) + 1);
  const distribution: CxDistribution = [];
  for (let value = min; value <= max; value++)
    distribution.push({ value, count: counts.get(value) ?? 0 });
  return distribution;
}

const total = (distribution: CxDistribution) =>
  distribution.reduce((sum, { count }) => sum + count, 0);
const countWhere = (distribution: CxDistribution, test: (value: number) => boolean) =>
  distribution.reduce((sum, { value, count }) => (test(value) ? sum + count : sum), 0);

/**
 * The Wilson score 95 % interval of a proportion `successes / n`, in percent (Wilson 1927; Brown,
 * Cai and DasGupta 2001), with z = 1.96:
 *
 * `centre = (p̂ + z²/2n) / (1 + z²/n)`, `half = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)`.
 *
 * 80 of 100 gives [71.1, 86.7]; 10 of 10 gives [72.2, 100]. `null` when n = 0.
 */
export function wilsonInterval(successes: number, n: number): CxInterval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z_95 / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [clamp(100 * (centre - half), 0, 100), clamp(100 * (centre + half), 0, 100)];
}

/**
 * The Net Promoter Score of 0–10 answers, from its counts: promoters 9–10, passives 7–8,
 * detractors 0–6, with p̂ = P/n and d̂ = D/n:
 *
 * - `score = 100 · (p̂ − d̂)`, from −100 to +100;
 * - `marginOfError = 100 · 1.96 · √((p̂ + d̂ − (p̂ − d̂)²) / n)`, the plain trinomial margin;
 * - `interval`: the adjusted-Wald 95 % interval (Rocks 2016): add 3 to n and ¾ to P and D, then
 *   `NPS_adj ± 1.96 · √((p̃ + d̃ − (p̃ − d̃)²) / ñ)`, clamped to ±100;
 * - `lowSample` when n < 30 or the margin exceeds ±20 points.
 *
 * n = 100 with 50 promoters and 20 detractors: score +30, margin ±15.3, interval [14.1, 44.2].
 */
export function npsOfCounts(counts: {
  promoters: number;
  passives: number;
  detractors: number;
}): NpsResult {
  const { promoters, passives, detractors } = counts;
  const n = promoters + passives + detractors;
  if (n === 0)
    return {
      n,
      promoters,
      passives,
      detractors,
      score: null,
      marginOfError: null,
      interval: null,
      lowSample: true,
    };
  const p = promoters / n;
  const d = detractors / n;
  const marginOfError = 100 * Z_95 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n);
  const nAdjusted = n + 3;
  const pAdjusted = (promoters + 0.75) / nAdjusted;
  const dAdjusted = (detractors + 0.75) / nAdjusted;
  const centre = pAdjusted - dAdjusted;
  const half = Z_95 * Math.sqrt(Math.max(0, pAdjusted + dAdjusted - centre ** 2) / nAdjusted);
  return {
    n,
    promoters,
    passives,
    detractors,
    score: 100 * (p - d),
    marginOfError,
    interval: [clamp(100 * (centre - half), -100, 100), clamp(100 * (centre + half), -100, 100)],
    lowSample: n < LOW_SAMPLE_N || marginOfError > LOW_SAMPLE_MARGIN,
  };
}

/**
 * The Net Promoter Score of 0–10 answers with its uncertainty: see {@link npsOfCounts} for the
 * formulas. Answers that are not a whole number from 0 to 10 are not counted.
 *
 * @example
 * ```ts
 * npsOf([10, 9, 8, 3]); // { n: 4, promoters: 2, passives: 1, detractors: 1, score: 25, … lowSample: true }
 * ```
 */
export function npsOf(scores: readonly number[]): NpsResult {
  return npsOfDistribution(distributionOf(scores, { min: 0, max: 10 }));
}

/** {@link npsOfCounts} from a 0–10 distribution (see {@link distributionOf}). */
export function npsOfDistribution(distribution: CxDistribution): NpsResult {
  return npsOfCounts({
    promoters: countWhere(distribution, (value) => value >= 9),
    passives: countWhere(distribution, (value) => value >= 7 && value <= 8),
    detractors: countWhere(distribution, (value) => value <= 6),
  });
}

/**
 * The plain trinomial standard error of an NPS in points: `100 · √((p̂ + d̂ − (p̂ − d̂)²) / n)`;
 * `null` under 2 answers (one answer says nothing of the spread).
 */
export function npsStandardError(result: NpsResult): number | null {
  if (result.n < 2) return null;
  const p = result.promoters / result.n;
  const d = result.detractors / result.n;
  return 100 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / result.n);
}

// The regularised incomplete beta function I_x(a, b), by Lentz's continued fraction (Numerical
// Recipes §6.4), for Student's t distribution.
function logGamma(x: number): number {
  const c = [
    76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155,
    1.20865097386618e-3, -5.395239384953e-6,
  ];
  let y = x;
  const t = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let series = 1 + 1.90015e-10;
  for (const coefficient of c) series += coefficient / ++y;
  return -t + Math.log((Math.sqrt(2 * Math.PI) * series) / x);
}

function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(a, b, x)) / a
    : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** The two-sided tail probability of Student's t with `df` degrees of freedom: P(|T| > |t|). */
function tTail(t: number, df: number): number {
  return incompleteBeta(df / 2, 0.5, df / (df + t * t));
}

/**
 * The 97.5 % quantile of Student's t with `df` degrees of freedom (the multiplier of a 95 %
 * t-interval): 12.706 for 1, 2.262 for 9, 1.984 for 100; found by bisection on the t
 * distribution's tail to 1e-12.
 */
export function tQuantile975(df: number): number {
  let low = 0;
  let high = 1000;
  for (let i = 0; i < 200 && high - low > 1e-12; i++) {
    const mid = (low + high) / 2;
    if (tTail(mid, df) > 0.05) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * The mean of a distribution with its t 95 % interval: `mean ± t(0.975, n − 1) · s / √n`, `s` the
 * sample standard deviation (n − 1). With n = 1 the interval and margin are `null`.
 */
function meanOf(distribution: CxDistribution): {
  n: number;
  mean: number | null;
  interval: CxInterval | null;
  marginOfError: number | null;
  standardError: number | null;
} {
  const n = total(distribution);
  if (n === 0) return { n, mean: null, interval: null, marginOfError: null, standardError: null };
  const mean = distribution.reduce((sum, { value, count }) => sum + value * count, 0) / n;
  if (n === 1) return { n, mean, interval: null, marginOfError: null, standardError: null };
  const variance =
    distribution.reduce((sum, { value, count }) => sum + count * (value - mean) ** 2, 0) / (n - 1);
  const standardError = Math.sqrt(variance / n);
  const marginOfError = tQuantile975(n - 1) * standardError;
  return {
    n,
    mean,
    interval: [mean - marginOfError, mean + marginOfError],
    marginOfError,
    standardError,
  };
}

/** Whether a mean on a scale is a low sample: n < 30, or its margin is over 20 % of the scale's range. */
const meanIsLow = (n: number, margin: number | null, scale: { min: number; max: number }) =>
  n < LOW_SAMPLE_N ||
  margin === null ||
  (100 * margin) / Math.max(1, scale.max - scale.min) > LOW_SAMPLE_MARGIN;

/** Options of {@link csatOf}. */
export interface CsatOptions {
  /** The scale: 1–5 (default), 1–7, 1–10 or thumbs. @default { min: 1, max: 5 } */
  scale?: CxScale;
  /** How many top points count as satisfied (thumbs: up only). @default 2 */
  topBoxes?: number;
}

/**
 * CSAT from a distribution: the share in the top box(es) (4–5 of 5, 6–7 of 7, 9–10 of 10, thumbs
 * up) in percent with its {@link wilsonInterval} and margin (half its width), and the mean with its
 * t 95 % interval. `lowSample` when n < 30 or the share's margin exceeds ±20 points.
 */
export function csatOfDistribution(
  distribution: CxDistribution,
  options: CsatOptions = {},
): CsatResult {
  const scale = options.scale ?? { min: 1, max: 5 };
  const { max } = scalePoints(scale);
  const boxes = scale === 'thumbs' ? 1 : (options.topBoxes ?? 2);
  const satisfied = countWhere(distribution, (value) => value > max - boxes);
  const mean = meanOf(distribution);
  const n = mean.n;
  const interval = wilsonInterval(satisfied, n);
  const marginOfError = interval ? (interval[1] - interval[0]) / 2 : null;
  return {
    n,
    satisfied,
    share: n === 0 ? null : (100 * satisfied) / n,
    interval,
    marginOfError,
    mean: mean.mean,
    meanInterval: mean.interval,
    distribution,
    lowSample: n < LOW_SAMPLE_N || marginOfError === null || marginOfError > LOW_SAMPLE_MARGIN,
  };
}

/**
 * CSAT of answers: see {@link csatOfDistribution}. Answers off the scale are not counted.
 *
 * @example
 * ```ts
 * csatOf([5, 4, 2]); // { n: 3, satisfied: 2, share: 66.7, interval: [20.8, 93.9], mean: 3.67, … }
 * csatOf([1, 0, 1], { scale: 'thumbs' }); // thumbs up = 1
 * ```
 */
export function csatOf(scores: readonly number[], options: CsatOptions = {}): CsatResult {
  return csatOfDistribution(distributionOf(scores, options.scale ?? { min: 1, max: 5 }), options);
}

/**
 * CES from a distribution on 1–7 (CES 2.0, "made it easy": 7 strongly agree) or 1–5: the mean with
 * its t 95 % interval (`mean ± t(0.975, n − 1) · s/√n`), and the share agreeing (above the
 * midpoint: 5–7 of 7, 4–5 of 5) in percent with its {@link wilsonInterval}. `lowSample` when
 * n < 30 or the mean's margin exceeds 20 % of the scale's range.
 */
export function cesOfDistribution(
  distribution: CxDistribution,
  scale: { min: number; max: number } = { min: 1, max: 7 },
): CesResult {
  const mean = meanOf(distribution);
  const agree = countWhere(distribution, (value) => value > (scale.min + scale.max) / 2);
  return {
    n: mean.n,
    mean: mean.mean,
    interval: mean.interval,
    marginOfError: mean.marginOfError,
    agree,
    agreeShare: mean.n === 0 ? null : (100 * agree) / mean.n,
    agreeInterval: wilsonInterval(agree, mean.n),
    distribution,
    lowSample: meanIsLow(mean.n, mean.marginOfError, scale),
  };
}

/**
 * CES of answers on 1–7 (default) or 1–5: see {@link cesOfDistribution}.
 *
 * @example
 * ```ts
 * cesOf([7, 6, 5, 2]); // { n: 4, mean: 5, agree: 3, agreeShare: 75, … }
 * ```
 */
export function cesOf(
  scores: readonly number[],
  scale: { min: number; max: number } = { min: 1, max: 7 },
): CesResult {
  return cesOfDistribution(distributionOf(scores, scale), scale);
}

/**
 * A rating from its distribution: the mean with its t 95 % interval, and the distribution.
 * `lowSample` when n < 30 or the margin exceeds 20 % of the scale's range.
 */
export function ratingOfDistribution(
  distribution: CxDistribution,
  scale: { min: number; max: number },
): RatingResult {
  const mean = meanOf(distribution);
  return {
    n: mean.n,
    mean: mean.mean,
    interval: mean.interval,
    marginOfError: mean.marginOfError,
    distribution,
    lowSample: meanIsLow(mean.n, mean.marginOfError, scale),
  };
}

/**
 * A rating question's answers on its scale: mean with its t 95 % interval and the distribution.
 *
 * @example
 * ```ts
 * ratingOf([4, 5, 3], { min: 1, max: 5 }); // { n: 3, mean: 4, interval: [1.52, 6.48], … }
 * ```
 */
export function ratingOf(
  scores: readonly number[],
  scale: { min: number; max: number },
): RatingResult {
  return ratingOfDistribution(distributionOf(scores, scale), scale);
}

/** The standard error of a mean from its distribution (`s/√n`), `null` with fewer than 2 answers. */
export function meanStandardError(distribution: CxDistribution): number | null {
  return meanOf(distribution).standardError;
}

/** The Wald standard error of a share in percent: `100 · √(p̂(1 − p̂)/n)`, `null` under 2 answers. */
export function shareStandardError(successes: number, n: number): number | null {
  if (n < 2) return null;
  const p = successes / n;
  return 100 * Math.sqrt((p * (1 - p)) / n);
}

/**
 * The response, dismissal and opt-out rates of a touchpoint (or all): answered / shown, dismissed
 * ("no thanks" or "not now" before submitting) / shown and opted out / shown, in percent, each
 * with its {@link wilsonInterval}; `null` when nothing was shown.
 */
export function ratesOf(counts: {
  shown: number;
  answered: number;
  dismissed: number;
  optedOut: number;
}): CxRates {
  const { shown, answered, dismissed, optedOut } = counts;
  const rate = (part: number) => (shown === 0 ? null : (100 * part) / shown);
  return {
    shown,
    answered,
    dismissed,
    optedOut,
    responseRate: rate(answered),
    responseRateInterval: wilsonInterval(answered, shown),
    dismissalRate: rate(dismissed),
    dismissalRateInterval: wilsonInterval(dismissed, shown),
    optOutRate: rate(optedOut),
    optOutRateInterval: wilsonInterval(optedOut, shown),
  };
}

/** The standard normal distribution's upper tail P(Z > z), through erfc(z/√2)/2. */
function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  // Numerical Recipes erfcc, fractional error below 1.2e-7 everywhere.
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const tail = erfc / 2;
  return z >= 0 ? tail : 1 - tail;
}

/** One side of a comparison: a figure's value, its standard error and whether it is a low sample. */
export interface ChangeSide {
  value: number | null;
  standardError: number | null;
  lowSample: boolean;
}

/**
 * The change from one period to another, as two independent samples: `difference = to − from`,
 * `SE = √(SE_from² + SE_to²)`, `z = difference / SE`, two-sided `p = 2 · P(Z > |z|)`, 95 % interval
 * `difference ± 1.96 · SE`; significant when p < 0.05 (the interval excludes 0). `direction` is
 * `up` or `down` only when significant and neither side is a low sample: draw no arrow otherwise.
 *
 * NPS +30 (n = 100) to +40 (n = 120): difference +10, SE 10.3, z 0.97, interval [−10.2, +30.2],
 * not significant.
 */
export function changeOf(from: ChangeSide, to: ChangeSide): CxChange {
  if (
    from.value === null ||
    to.value === null ||
    from.standardError === null ||
    to.standardError === null
  )
    return {
      difference: null,
      interval: null,
      standardError: null,
      z: null,
      pValue: null,
      qValue: null,
      significant: false,
      direction: 'none',
    };
  const difference = to.value - from.value;
  const standardError = Math.sqrt(from.standardError ** 2 + to.standardError ** 2);
  const z = standardError === 0 ? null : difference / standardError;
  const pValue =
    z === null ? (difference === 0 ? 1 : 0) : Math.min(1, 2 * normalUpperTail(Math.abs(z)));
  return withSignificance(
    {
      difference,
      interval: [difference - Z_95 * standardError, difference + Z_95 * standardError],
      standardError,
      z,
      pValue,
      qValue: pValue,
      significant: false,
      direction: 'none',
    },
    pValue,
    from.lowSample || to.lowSample,
  );
}

function withSignificance(change: CxChange, qValue: number | null, low: boolean): CxChange {
  const significant = qValue !== null && qValue < 0.05;
  const difference = change.difference ?? 0;
  return {
    ...change,
    qValue,
    significant,
    direction: !significant || low || difference === 0 ? 'none' : difference > 0 ? 'up' : 'down',
  };
}

/**
 * Benjamini–Hochberg adjusted p values (q values) of several tests at once: sorted ascending,
 * `q(i) = min over j ≥ i of p(j) · m / j`, at most 1, where m counts the tests that have a p value
 * (`null`s stay `null` and do not count). A test is significant at 5 % false discovery rate when
 * its q < 0.05.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const ranked = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== null)
    .sort((a, b) => a.p - b.p || a.index - b.index);
  const m = ranked.length;
  const q: (number | null)[] = pValues.map(() => null);
  let running = 1;
  for (let i = m - 1; i >= 0; i--) {
    const entry = ranked[i] as { p: number; index: number };
    running = Math.min(running, (entry.p * m) / (i + 1));
    q[entry.index] = running;
  }
  return q;
}

/**
 * Several changes compared at once (touchpoints, segments), controlled for false discoveries by
 * {@link benjaminiHochberg}: each keeps its p value, gains its q value, and is significant (and
 * has a direction) only when q < 0.05.
 */
export function controlChanges(
  changes: readonly CxChange[],
  lowSamples: readonly boolean[] = [],
): CxChange[] {
  const q = benjaminiHochberg(changes.map((change) => change.pValue));
  return changes.map((change, index) =>
    withSignificance(change, q[index] ?? null, lowSamples[index] ?? false),
  );
}

/**
 * The smallest change between two periods of `n` answers each that a two-sided 5 % test detects
 * with 80 % power, given the standard error one answer carries (`σ = SE · √n` of a figure):
 * `(1.96 + 0.8416) · σ · √(2/n)`. For NPS with σ² = 0.61 (in proportions; 0.61 · 100² in points)
 * and n = 957 this is 10 points.
 */
export function detectableChange(sigma: number, n: number): number | null {
  if (n <= 0) return null;
  return (Z_95 + Z_POWER_80) * sigma * Math.sqrt(2 / n);
}

/**
 * The answers per period needed to detect a change of `step` with 80 % power at 5 %:
 * `⌈(1.96 + 0.8416)² · 2σ² / step²⌉`. NPS +10 points with σ² = 0.61: 957 per period.
 */
export function answersToDetect(step: number, sigma: number): number | null {
  if (step === 0) return null;
  return Math.ceil(((Z_95 + Z_POWER_80) ** 2 * 2 * sigma * sigma) / (step * step));
}
