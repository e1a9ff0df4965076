import {
  answersToDetect,
  benjaminiHochberg,
  cesOf,
  changeOf,
  controlChanges,
  csatOf,
  detectableChange,
  distributionOf,
  npsOf,
  npsOfCounts,
  ratesOf,
  ratingOf,
  tQuantile975,
  wilsonInterval,
} from '@palaute/engine';
import fc from 'fast-check';

const repeat = (score: number, times: number) => Array.from({ length: times }, () => score);
const round1 = (value: number | null | undefined) =>
  value === null || value === undefined ? value : Math.round(value * 10) / 10;
const round1s = (interval: readonly number[] | null) =>
  interval ? interval.map((v) => round1(v)) : null;

describe('npsOf', () => {
  it('given the worked example (n = 100, 50 promoters, 20 detractors) › +30, margin ±15.3, adjusted-Wald [14.1, 44.2]', () => {
    const result = npsOf([...repeat(10, 50), ...repeat(7, 30), ...repeat(3, 20)]);
    expect(result).toMatchObject({ n: 100, promoters: 50, passives: 30, detractors: 20 });
    expect(result.score).toBeCloseTo(30, 10);
    expect(round1(result.marginOfError)).toBe(15.3);
    expect(round1s(result.interval)).toEqual([14.1, 44.2]);
    expect(result.lowSample).toBe(false);
  });

  it('given the second quarter of the example (n = 120, 66 promoters, 18 detractors) › +40', () => {
    const result = npsOf([...repeat(9, 66), ...repeat(8, 36), ...repeat(6, 18)]);
    expect(result.score).toBeCloseTo(40, 10);
    // Var = (0.55 + 0.15 − 0.16) / 120 = 0.0045; MoE = 1.96 · 6.708 = 13.15.
    expect(result.marginOfError).toBeCloseTo(13.148, 2);
  });

  it('given no answers › nothing to show, a low sample', () => {
    expect(npsOf([])).toEqual({
      n: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      score: null,
      marginOfError: null,
      interval: null,
      lowSample: true,
    });
  });

  it('given one answer › the score, a zero plain margin, the adjusted-Wald interval, a low sample', () => {
    const result = npsOf([10]);
    expect(result.score).toBe(100);
    expect(result.marginOfError).toBe(0);
    // ñ = 4, p̃ = 1.75/4, d̃ = 0.75/4: 25 ± 1.96·√((0.625 − 0.0625)/4) = 25 ± 73.5.
    expect(round1s(result.interval)).toEqual([-48.5, 98.5]);
    expect(result.lowSample).toBe(true);
  });

  it('given all promoters (n = 100) › +100, a zero plain margin, an interval below 100', () => {
    const result = npsOf(repeat(9, 100));
    expect(result.score).toBe(100);
    expect(result.marginOfError).toBe(0);
    // ñ = 103, p̃ = 100.75/103, d̃ = 0.75/103: centre 97.09, half 1.96·√(0.98544 − 0.94265)/√103.
    expect(round1s(result.interval)).toEqual([93.1, 100]);
    expect(result.lowSample).toBe(false);
  });

  it('given all detractors (n = 100) › −100, mirrored', () => {
    const result = npsOf(repeat(0, 100));
    expect(result.score).toBe(-100);
    expect(round1s(result.interval)).toEqual([-100, -93.1]);
  });

  it('given answers off the 0–10 scale › they are not counted', () => {
    expect(npsOf([10, 11, -1, 8.5, Number.NaN]).n).toBe(1);
  });

  it('given P = D = 50 % at n = 30 › a margin over ±20 makes a low sample', () => {
    const result = npsOf([...repeat(10, 15), ...repeat(0, 15)]);
    expect(result.marginOfError).toBeCloseTo(35.78, 1);
    expect(result.lowSample).toBe(true);
  });

  it('property › bounds: score within the interval band, the interval within ±100, n the sum of the counts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 300 }), (scores) => {
        const result = npsOf(scores);
        expect(result.n).toBe(result.promoters + result.passives + result.detractors);
        if (result.n === 0) return;
        const [low, high] = result.interval ?? [0, 0];
        expect(low).toBeGreaterThanOrEqual(-100);
        expect(high).toBeLessThanOrEqual(100);
        expect(low).toBeLessThanOrEqual(high);
        expect(result.score).toBeGreaterThanOrEqual(-100);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(result.marginOfError).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('property › symmetry: swapping promoters and detractors negates the score and mirrors the interval', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.nat(500), (promoters, passives, detractors) => {
        const a = npsOfCounts({ promoters, passives, detractors });
        const b = npsOfCounts({ promoters: detractors, passives, detractors: promoters });
        if (a.n === 0) return;
        expect((a.score ?? 0) + (b.score ?? 0)).toBeCloseTo(0, 9);
        expect(a.marginOfError).toBeCloseTo(b.marginOfError ?? Number.NaN, 9);
        expect((a.interval?.[0] ?? 0) + (b.interval?.[1] ?? 0)).toBeCloseTo(0, 9);
      }),
    );
  });
});

describe('wilsonInterval and csatOf', () => {
  it('given the brief’s cases › 80/100 [71.1, 86.7], 9/10 [59.6, 98.2], 10/10 [72.2, 100]', () => {
    expect(round1s(wilsonInterval(80, 100))).toEqual([71.1, 86.7]);
    expect(round1s(wilsonInterval(9, 10))).toEqual([59.6, 98.2]);
    expect(round1s(wilsonInterval(10, 10))).toEqual([72.2, 100]);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('given 5-point answers › top-2-box share with Wilson, and the mean with its t-interval', () => {
    const result = csatOf([5, 4, 2]);
    expect(result).toMatchObject({ n: 3, satisfied: 2, lowSample: true });
    expect(result.share).toBeCloseTo(66.667, 2);
    expect(round1s(result.interval)).toEqual([20.8, 93.9]);
    expect(result.mean).toBeCloseTo(11 / 3, 10);
    // s = √(((5−3.67)² + (4−3.67)² + (2−3.67)²)/2) = 1.5275; t(2) = 4.3027; half = 3.794.
    expect(round1s(result.meanInterval)).toEqual([-0.1, 7.5]);
    expect(result.distribution).toEqual([
      { value: 1, count: 0 },
      { value: 2, count: 1 },
      { value: 3, count: 0 },
      { value: 4, count: 1 },
      { value: 5, count: 1 },
    ]);
  });

  it('given 80 satisfied of 100 › share 80 [71.1, 86.7], not a low sample', () => {
    const result = csatOf([...repeat(5, 40), ...repeat(4, 40), ...repeat(3, 20)]);
    expect(result.share).toBe(80);
    expect(round1s(result.interval)).toEqual([71.1, 86.7]);
    expect(result.lowSample).toBe(false);
  });

  it('given a 7-point, a 10-point and a thumbs scale › the top two boxes (thumbs: up)', () => {
    expect(csatOf([7, 6, 5, 1], { scale: { min: 1, max: 7 } }).satisfied).toBe(2);
    expect(csatOf([10, 9, 8], { scale: { min: 1, max: 10 } }).satisfied).toBe(2);
    const thumbs = csatOf([1, 1, 0, 2], { scale: 'thumbs' });
    expect(thumbs).toMatchObject({ n: 3, satisfied: 2 });
  });

  it('given no answers › nulls and a low sample', () => {
    expect(csatOf([])).toMatchObject({
      n: 0,
      share: null,
      interval: null,
      mean: null,
      lowSample: true,
    });
  });

  it('property › the Wilson interval holds the share and stays within 0–100', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (a, b) => {
        const n = a + b;
        if (n === 0) return;
        const [low, high] = wilsonInterval(a, n) ?? [0, 0];
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(100);
        expect(low).toBeLessThanOrEqual((100 * a) / n + 1e-9);
        expect(high).toBeGreaterThanOrEqual((100 * a) / n - 1e-9);
        // Symmetry: the interval of the complement mirrors it.
        const [cLow, cHigh] = wilsonInterval(b, n) ?? [0, 0];
        expect(low + cHigh).toBeCloseTo(100, 9);
        expect(high + cLow).toBeCloseTo(100, 9);
      }),
    );
  });
});

describe('cesOf and ratingOf', () => {
  it('given CES 2.0 answers › the mean with its t-interval and % agree (5–7) with Wilson', () => {
    const result = cesOf([7, 6, 5, 2]);
    expect(result).toMatchObject({ n: 4, mean: 5, agree: 3, agreeShare: 75 });
    // s = √((4 + 1 + 0 + 9)/3) = 2.160; t(3) = 3.1824; half = 3.1824 · 2.160/2 = 3.437.
    expect(round1s(result.interval)).toEqual([1.6, 8.4]);
    expect(round1s(result.agreeInterval)).toEqual([30.1, 95.4]);
  });

  it('given a 5-point CES › agree is 4–5', () => {
    expect(cesOf([5, 4, 3, 1], { min: 1, max: 5 }).agree).toBe(2);
  });

  it('given one answer › the mean without an interval', () => {
    expect(cesOf([6])).toMatchObject({ n: 1, mean: 6, interval: null, marginOfError: null });
  });

  it('given a rating › mean, t-interval and the distribution on its scale', () => {
    const result = ratingOf([4, 5, 3], { min: 1, max: 5 });
    expect(result.mean).toBe(4);
    // s = 1, t(2) = 4.3027, half = 4.3027/√3 = 2.484.
    expect(round1s(result.interval)).toEqual([1.5, 6.5]);
    expect(result.distribution.map((entry) => entry.count)).toEqual([0, 0, 1, 1, 1]);
  });

  it('given the t quantiles › 12.706 (1), 2.262 (9), 1.984 (100)', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.7062, 3);
    expect(tQuantile975(9)).toBeCloseTo(2.2622, 3);
    expect(tQuantile975(100)).toBeCloseTo(1.984, 3);
  });

  it('given answers off the scale › not counted', () => {
    expect(
      distributionOf([0, 1, 7, 8, 2.5], { min: 1, max: 7 }).reduce((s, e) => s + e.count, 0),
    ).toBe(2);
  });
});

describe('ratesOf', () => {
  it('given 200 shown, 50 answered, 30 dismissed, 2 opted out › 25 %, 15 %, 1 % with Wilson intervals', () => {
    const rates = ratesOf({ shown: 200, answered: 50, dismissed: 30, optedOut: 2 });
    expect(rates).toMatchObject({ responseRate: 25, dismissalRate: 15, optOutRate: 1 });
    expect(round1s(rates.responseRateInterval)).toEqual([19.5, 31.4]);
  });

  it('given nothing shown › no rates', () => {
    expect(ratesOf({ shown: 0, answered: 0, dismissed: 0, optedOut: 0 })).toMatchObject({
      responseRate: null,
      responseRateInterval: null,
    });
  });
});

describe('changeOf and Benjamini–Hochberg', () => {
  it('given the worked example (+30, n = 100 → +40, n = 120) › +10, SE 10.3, [−10.2, +30.2], not significant', () => {
    const q1 = npsOf([...repeat(10, 50), ...repeat(7, 30), ...repeat(3, 20)]);
    const q2 = npsOf([...repeat(9, 66), ...repeat(8, 36), ...repeat(6, 18)]);
    const side = (r: typeof q1) => ({
      value: r.score,
      standardError: (r.marginOfError ?? 0) / 1.96,
      lowSample: r.lowSample,
    });
    const change = changeOf(side(q1), side(q2));
    expect(change.difference).toBeCloseTo(10, 9);
    expect(round1(change.standardError)).toBe(10.3);
    expect(round1(change.z)).toBe(1);
    expect(round1s(change.interval)).toEqual([-10.2, 30.2]);
    expect(change).toMatchObject({ significant: false, direction: 'none' });
  });

  it('given a real rise › significant, up; with a low-sample side › significant but no arrow', () => {
    const change = changeOf(
      { value: 10, standardError: 3, lowSample: false },
      { value: 30, standardError: 3, lowSample: false },
    );
    expect(change).toMatchObject({ significant: true, direction: 'up' });
    expect(change.pValue).toBeLessThan(0.0001);
    expect(
      changeOf(
        { value: 30, standardError: 3, lowSample: false },
        { value: 10, standardError: 3, lowSample: true },
      ),
    ).toMatchObject({ significant: true, direction: 'none' });
  });

  it('given a side with no answers › no change', () => {
    expect(
      changeOf(
        { value: null, standardError: null, lowSample: true },
        { value: 1, standardError: 1, lowSample: false },
      ),
    ).toMatchObject({ difference: null, significant: false, direction: 'none' });
  });

  it('given p values › the Benjamini–Hochberg q values (hand-computed)', () => {
    // Sorted 0.01, 0.02, 0.03, 0.04, 0.5 with m = 5: 0.05, 0.05, 0.05, 0.05, 0.5.
    const q = benjaminiHochberg([0.04, 0.01, null, 0.5, 0.03, 0.02]);
    expect(q[2]).toBeNull();
    [0.05, 0.05, null, 0.5, 0.05, 0.05].forEach((expected, i) => {
      if (expected !== null) expect(q[i]).toBeCloseTo(expected, 12);
    });
    const two = benjaminiHochberg([0.001, 0.04]);
    expect(two[0]).toBeCloseTo(0.002, 12);
    expect(two[1]).toBeCloseTo(0.04, 12);
  });

  it('given several changes, one of them alone significant at p = 0.03 › not significant after control', () => {
    const one = changeOf(
      { value: 0, standardError: 1, lowSample: false },
      { value: 2.17, standardError: 0, lowSample: false },
    );
    expect(one.significant).toBe(true);
    const flat = changeOf(
      { value: 0, standardError: 1, lowSample: false },
      { value: 0.1, standardError: 0, lowSample: false },
    );
    const controlled = controlChanges([one, flat, flat]);
    expect(controlled[0]).toMatchObject({ significant: false, direction: 'none' });
    expect(controlled[0]?.qValue).toBeCloseTo((one.pValue ?? 0) * 3, 9);
  });

  it('property › BH q values are at least the p values, at most 1, and keep the p values’ order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), (ps) => {
        const q = benjaminiHochberg(ps);
        ps.forEach((p, i) => {
          expect(q[i]).toBeGreaterThanOrEqual(p - 1e-12);
          expect(q[i]).toBeLessThanOrEqual(1);
        });
        for (let i = 0; i < ps.length; i++)
          for (let j = 0; j < ps.length; j++)
            if ((ps[i] as number) < (ps[j] as number))
              expect(q[i] as number).toBeLessThanOrEqual((q[j] as number) + 1e-12);
      }),
    );
  });

  it('property › symmetry: the change from b to a is minus the change from a to b', () => {
    const side = fc.record({
      value: fc.double({ min: -100, max: 100, noNaN: true }),
      standardError: fc.double({ min: 0.01, max: 50, noNaN: true }),
      lowSample: fc.boolean(),
    });
    fc.assert(
      fc.property(side, side, (a, b) => {
        const ab = changeOf(a, b);
        const ba = changeOf(b, a);
        expect((ab.difference ?? 0) + (ba.difference ?? 0)).toBeCloseTo(0, 9);
        expect(ab.pValue).toBeCloseTo(ba.pValue ?? Number.NaN, 12);
        expect(ab.significant).toBe(ba.significant);
      }),
    );
  });
});

describe('detectable change', () => {
  it('given NPS with σ² = 0.61 › +10 points needs about 960 answers per period, and 957 detect 10 points', () => {
    const sigma = Math.sqrt(0.61) * 100;
    // (1.96 + 0.8416)² · 2 · 0.61 / 0.1² = 957.6, rounded up (the brief's 957 rounds 0.8416 to 0.84).
    expect(answersToDetect(10, sigma)).toBe(958);
    expect(detectableChange(sigma, 957)).toBeCloseTo(10, 1);
    expect(detectableChange(sigma, 0)).toBeNull();
  });
});
