import {
  type Actor,
  computeLoopMetrics,
  createMemoryBackend,
  type FeedbackItem,
  type FeedbackStatus,
  firstResponseAt,
  isOverdue,
  type StatusChange,
  ValidationError,
} from '@palaute/engine';
import { loopCutoffs, percentileCont, roundHours } from '@palaute/engine/internal';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = '2026-11-23T12:00:00.000Z';
const anna: Actor = { kind: 'team', id: 'anna', name: 'Anna' };
const system: Actor = { kind: 'system', id: 'palaute' };

/** A feedback item created `ageMs` before NOW, with what the team did to it. */
function item(
  id: string,
  ageMs: number,
  life: {
    status?: FeedbackStatus;
    touchpointId?: string;
    steps?: Omit<StatusChange, 'from'>[];
    teamReplies?: string[];
  } = {},
): FeedbackItem {
  const createdAt = new Date(Date.parse(NOW) - ageMs).toISOString();
  const steps = life.steps ?? [];
  return {
    id: `item-${id}-0000`,
    customerId: `c-${id}`,
    surveyId: 'nps',
    touchpointId: life.touchpointId ?? 'dashboard',
    answers: { why: 'Exports are slow' },
    text: 'Exports are slow',
    consentToContact: true,
    status: life.status ?? steps.at(-1)?.to ?? 'new',
    history: [
      { from: null, to: 'new', at: createdAt, by: system },
      ...steps.map((step, index) => ({ ...step, from: steps[index - 1]?.to ?? 'new' })),
    ],
    replies: (life.teamReplies ?? []).map((at, index) => ({
      id: `reply-${id}-${index}-0000`,
      author: anna,
      body: 'Thanks!',
      at,
    })),
    createdAt,
  };
}

const hoursAfter = (base: FeedbackItem, hours: number) =>
  new Date(Date.parse(base.createdAt) + hours * HOUR).toISOString();

describe('loop metrics, as defined', () => {
  describe('percentiles (percentile_cont: linear interpolation between the closest ranks)', () => {
    it('given four values › the median is halfway between the middle two, the 90th percentile 70 % of the way from the third to the fourth', () => {
      expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
      expect(percentileCont([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
      expect(percentileCont([0, 10], 0.9)).toBe(9);
    });

    it('given one value › every percentile is that value; given none › null', () => {
      expect(percentileCont([5], 0.5)).toBe(5);
      expect(percentileCont([5], 0.9)).toBe(5);
      expect(percentileCont([], 0.5)).toBeNull();
    });

    it('rounds hours to the hundredth, halves up, and never gives -0', () => {
      expect(roundHours(0.125)).toBe(0.13);
      expect(roundHours(-0.125)).toBe(-0.12);
      expect(Object.is(roundHours(-0.001), 0)).toBe(true);
      expect(roundHours(42.50000000000068)).toBe(42.5);
    });

    it('given durations of 1, 2, 4 and 10 hours › median 3 and 90th percentile 8.2 hours, overall and per touchpoint', () => {
      const items = [1, 2, 4, 10].map((hours, n) => {
        const made = item(`d${n}`, 20 * DAY, { touchpointId: n < 2 ? 'billing' : 'dashboard' });
        return {
          ...made,
          replies: item(`d${n}`, 0, { teamReplies: [hoursAfter(made, hours)] }).replies,
        };
      });
      const metrics = computeLoopMetrics(items, { now: NOW });
      expect(metrics.timeToFirstResponse).toEqual({ count: 4, medianHours: 3, p90Hours: 8.2 });
      expect(metrics.byTouchpoint.billing?.timeToFirstResponse).toEqual({
        count: 2,
        medianHours: 1.5,
        p90Hours: 1.9,
      });
      expect(metrics.timeToClose).toEqual({ count: 0, medianHours: null, p90Hours: null });
    });
  });

  describe('the first response', () => {
    it('is the earliest team action as a time, not as text: an offset and missing milliseconds take their true place', () => {
      const made = item('first', 10 * HOUR);
      // As text, "…10:00:00.500Z" sorts before "…10:00:00Z" ("." before "Z") and "…11:30:00+02:00"
      // after both; as times, 09:30 UTC comes first.
      const withOffset = {
        ...made,
        history: [
          ...made.history,
          {
            from: 'new' as const,
            to: 'triaged' as const,
            at: '2026-11-23T10:00:00.500Z',
            by: anna,
          },
        ],
        replies: item('first', 0, {
          teamReplies: ['2026-11-23T10:00:00Z', '2026-11-23T11:30:00+02:00'],
        }).replies,
      };
      expect(firstResponseAt(withOffset)).toBe('2026-11-23T11:30:00+02:00');
      const metrics = computeLoopMetrics([withOffset], { now: NOW });
      // Created at 02:00 UTC; first acted on at 09:30 UTC.
      expect(metrics.timeToFirstResponse.medianHours).toBe(7.5);
      const withoutOffset = { ...withOffset, replies: withOffset.replies.slice(0, 1) };
      expect(firstResponseAt(withoutOffset)).toBe('2026-11-23T10:00:00Z');
    });

    it('counts only the team: the system and the customer are not a response', () => {
      const made = item('nobody', 3 * DAY);
      const customerOnly = {
        ...made,
        replies: [
          {
            id: 'reply-customer-0000',
            author: { kind: 'customer' as const, id: 'c-nobody' },
            body: 'Hello?',
            at: NOW,
          },
        ],
      };
      expect(firstResponseAt(customerOnly)).toBeUndefined();
      expect(isOverdue(customerOnly, NOW)).toBe(true);
    });
  });

  describe('the lines drawn at now', () => {
    it('given the 48-hour target › an item exactly 48 hours old is not overdue; a millisecond older, it is', () => {
      expect(isOverdue(item('at', 48 * HOUR), NOW)).toBe(false);
      expect(isOverdue(item('past', 48 * HOUR + 1), NOW)).toBe(true);
      expect(
        computeLoopMetrics([item('at', 48 * HOUR), item('past', 48 * HOUR + 1)], { now: NOW })
          .overdue,
      ).toBe(1);
    });

    it('given a target of a fraction of a millisecond over a whole one › a millisecond more is already past it', () => {
      // 0.0000005 hours is 1.8 ms: 2 ms is past it, 1 ms is not.
      expect(isOverdue(item('two', 2), NOW, 0.0000005)).toBe(true);
      expect(isOverdue(item('one', 1), NOW, 0.0000005)).toBe(false);
      expect(loopCutoffs(NOW, 0.0000005).overdue).toBe(Date.parse(NOW) - 1);
    });

    it('given unprocessed items at each edge › ages them by whole days to the millisecond; one from the future is under a day', () => {
      const ages = [-HOUR, DAY - 1, DAY, 3 * DAY - 1, 3 * DAY, 7 * DAY, 30 * DAY - 1, 30 * DAY];
      const items = ages.map((age, n) => item(`age${n}`, age));
      expect(computeLoopMetrics(items, { now: NOW }).aging).toEqual({
        under1Day: 2,
        from1To3Days: 2,
        from3To7Days: 1,
        from7To30Days: 2,
        over30Days: 1,
      });
    });

    it('given closed and acted-on items › neither is overdue, and only new items are unprocessed', () => {
      const items = [
        item('new', 5 * DAY),
        item('triaged', 5 * DAY, {
          steps: [{ to: 'triaged', at: hoursAfter(item('triaged', 5 * DAY), 1), by: anna }],
        }),
        item('declined', 5 * DAY, {
          steps: [
            {
              to: 'declined',
              at: hoursAfter(item('declined', 5 * DAY), 30),
              by: anna,
              reason: 'No',
            },
          ],
        }),
      ];
      const metrics = computeLoopMetrics(items, { now: NOW });
      expect(metrics).toMatchObject({ total: 3, unprocessed: 1, overdue: 1 });
      expect(metrics.unprocessedShare).toBe(1 / 3);
      expect(metrics.timeToClose).toEqual({ count: 1, medianHours: 30, p90Hours: 30 });
    });
  });

  describe('the query', () => {
    it('given a target out of range › the memory backend refuses it naming responseTargetHours', async () => {
      const { team } = createMemoryBackend({ now: () => new Date(NOW) });
      for (const responseTargetHours of [0, -1, 1_000_001, '48', Number.NaN]) {
        const error = await team
          .loopMetrics({ responseTargetHours } as never)
          .catch((caught: unknown) => caught);
        expect(error, String(responseTargetHours)).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).problems.map((problem) => problem.path)).toEqual([
          'responseTargetHours',
        ]);
      }
      expect((await team.loopMetrics({ responseTargetHours: 1_000_000 })).total).toBe(0);
    });
  });
});
