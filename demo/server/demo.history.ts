import type { CxLevel, CxTargets } from '@palaute/engine';
import type { ServerStorage } from '@palaute/server';
import { type AtTime, playTeam, type SeededAnswer } from './demo.team';

/** A seeded generator (mulberry32): the same seed gives the same year every first start. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One touchpoint's survey as a year of it looked: how many customers were shown it a week, how many
 * of those answered, closed it ("no thanks", "not now") or said "don't ask me again", and the score
 * they gave at `progress` (0 a year ago, 1 today): the team's work shows as a slow rise.
 */
interface Asked {
  surveyId: string;
  touchpointId: string;
  question: string;
  perWeek: number;
  answer: number;
  dismiss: number;
  optOut: number;
  score(progress: number, next: () => number): number;
  /** How the team reads a score: low (a detractor, dissatisfied, "hard"), middle or high. */
  reads(score: number): SeededAnswer['score'];
  /** Whether the survey asks for consent to be contacted (`contact`). */
  asksContact: boolean;
}

const asked: Asked[] = [
  {
    surveyId: 'dashboard-nps',
    touchpointId: 'dashboard',
    question: 'nps',
    perWeek: 44,
    answer: 0.46,
    dismiss: 0.3,
    optOut: 0.015,
    score: (progress, next) => {
      const r = next();
      const promoters = 0.33 + 0.15 * progress;
      const detractors = 0.28 - 0.12 * progress;
      if (r < promoters) return next() < 0.55 ? 9 : 10;
      if (r < promoters + detractors) return Math.floor(next() * 7);
      return next() < 0.5 ? 7 : 8;
    },
    reads: (score) => (score <= 6 ? 'low' : score <= 8 ? 'middle' : 'high'),
    asksContact: true,
  },
  {
    surveyId: 'support-csat',
    touchpointId: 'support-chat',
    question: 'csat',
    perWeek: 16,
    answer: 0.52,
    dismiss: 0.28,
    optOut: 0.01,
    score: (progress, next) =>
      next() < 0.66 + 0.14 * progress
        ? next() < 0.55
          ? 5
          : 4
        : ([1, 2, 3, 3][Math.floor(next() * 4)] ?? 3),
    reads: (score) => (score <= 2 ? 'low' : score === 3 ? 'middle' : 'high'),
    asksContact: true,
  },
  {
    surveyId: 'first-invoice-ces',
    touchpointId: 'first-invoice',
    question: 'ces',
    perWeek: 9,
    answer: 0.55,
    dismiss: 0.25,
    optOut: 0.01,
    score: (progress, next) =>
      next() < 0.58 + 0.16 * progress ? 5 + Math.floor(next() * 3) : 1 + Math.floor(next() * 4),
    reads: (score) => (score <= 3 ? 'low' : score <= 5 ? 'middle' : 'high'),
    asksContact: false,
  },
];

/** How many other customers Laskutin has in the seeded year. */
const CUSTOMERS = 320;
const DAY_MS = 86_400_000;

/**
 * A year of Laskutin's other customers meeting the surveys, week by week and touchpoint by
 * touchpoint, written through the backend port as the protocol's routes do (each write carries its
 * own time; the storage's clock only stamps when it was received): every display, every
 * dismissal (and opt-out: that customer is never asked again), and every answer — score only, as
 * most answers are, some with consent to be contacted. They count in the CX report, and each is an
 * item in the team's inbox. Then the team works through the year ({@link playTeam}), through the
 * team API with `atTime` setting the clock of each action: most items handled within hours or
 * days, some replied to, a few changes shipped, a recent backlog left. Scores rise slowly over the
 * year, so the dashboard has a real trend to show. Deterministic, and idempotent: written again,
 * nothing doubles. `undefined` when it stopped before the end.
 */
export async function seedHistory(
  storage: ServerStorage,
  {
    now = Date.now(),
    stopped = () => false,
    atTime,
  }: { now?: number; stopped?: () => boolean; atTime: AtTime },
): Promise<
  | {
      displays: number;
      answers: number;
      dismissals: number;
      team: { triaged: number; replied: number; closed: number; shipped: number };
    }
  | undefined
> {
  const next = random(20261202);
  // The consent boxes and the team's side draw from a stream of their own: the year's answers
  // stay the same numbers they were before the team worked through them.
  const teamNext = random(20261203);
  const customers = Array.from({ length: CUSTOMERS }, (_, index) => ({
    id: `customer-${String(index + 1).padStart(3, '0')}`,
    plan: next() < 0.3 ? 'pro' : 'starter',
    optedOut: false,
  }));
  const start = now - 52 * 7 * DAY_MS;
  const counts = { displays: 0, answers: 0, dismissals: 0 };
  const answered: SeededAnswer[] = [];
  for (let week = 0; week < 52; week++) {
    // The demo is closing: stop between writes; the next start finishes the year.
    if (stopped()) return undefined;
    const progress = week / 51;
    for (const survey of asked) {
      for (let i = 0; i < survey.perWeek; i++) {
        const customer = customers[Math.floor(next() * customers.length)];
        if (!customer || customer.optedOut) continue;
        const shownAt = new Date(start + (week * 7 + next() * 7) * DAY_MS);
        // Never in the future, even for the last week's late displays.
        if (shownAt.getTime() > now - 3_600_000) continue;
        const responseId = `history-${survey.touchpointId}-${week}-${i}`;
        const base = {
          responseId,
          surveyId: survey.surveyId,
          surveyVersion: 1,
          touchpointId: survey.touchpointId,
          customerId: customer.id,
        };
        await storage.backend.recordDisplay({ ...base, at: shownAt.toISOString() });
        counts.displays++;
        const outcome = next();
        const doneAt = new Date(shownAt.getTime() + (20 + next() * 70) * 1000);
        if (outcome < survey.answer) {
          const locale = next() < 0.6 ? 'fi' : 'en';
          const score = survey.score(progress, next);
          const reads = survey.reads(score);
          // Unhappy customers tick "you may contact me" more often than happy ones.
          const contact =
            survey.asksContact &&
            teamNext() < (reads === 'low' ? 0.45 : reads === 'middle' ? 0.25 : 0.2);
          await storage.backend.submitResponse({
            id: responseId,
            surveyId: survey.surveyId,
            surveyVersion: 1,
            touchpointId: survey.touchpointId,
            customerId: customer.id,
            locale,
            answers: { [survey.question]: score, ...(contact ? { contact: true } : {}) },
            segment: { plan: customer.plan },
            startedAt: shownAt.toISOString(),
            submittedAt: doneAt.toISOString(),
          });
          counts.answers++;
          answered.push({
            id: responseId,
            customerId: customer.id,
            touchpointId: survey.touchpointId,
            locale,
            at: doneAt.getTime(),
            week,
            score: reads,
            contact,
          });
        } else if (outcome < survey.answer + survey.dismiss + survey.optOut) {
          const optOut = outcome >= survey.answer + survey.dismiss;
          await storage.backend.recordDismissal({
            ...base,
            at: doneAt.toISOString(),
            reason: optOut ? 'optOut' : next() < 0.6 ? 'dismiss' : 'notNow',
            step: 'asking',
            questionId: survey.question,
            submitted: false,
          });
          counts.dismissals++;
          if (optOut) customer.optedOut = true;
        }
        // Otherwise the customer went on without closing it: shown, never answered.
      }
    }
  }
  const team = await playTeam(storage, answered, { now, next: teamNext, atTime, stopped });
  return team && { ...counts, team };
}

/**
 * The team's stepped targets for the demo, from today: NPS +25 overall by the end of next year and
 * +35 the year after; CSAT 85 % at the support chat by the end of next year.
 */
export function demoTargets(now = Date.now()): CxTargets {
  const year = new Date(now).getUTCFullYear();
  return {
    targets: [
      {
        id: 'nps-overall',
        name: 'Recommended by more',
        metric: 'nps',
        scope: { kind: 'overall' },
        milestones: [
          { by: `${year + 1}-12-31`, value: 25 },
          { by: `${year + 2}-12-31`, value: 35 },
        ],
        attainment: 'strict',
      },
      {
        id: 'csat-support',
        name: 'Support that helps',
        metric: 'csat',
        scope: { kind: 'touchpoint', touchpointId: 'support-chat' },
        milestones: [{ by: `${year + 1}-12-31`, value: 85 }],
        attainment: 'plain',
        minN: 100,
      },
    ],
  };
}

/** The CX level the team gave each seeded story's feedback item. */
export const storyLevels: Record<string, CxLevel> = {
  'seed-maria-lindqvist': 'differentiation',
  'seed-oskari-virtanen': 'differentiation',
  'seed-priya-shah': 'vision',
  'seed-tom-ashford': 'vision',
  'seed-jonas-berg': 'necessity',
  'seed-elina-makinen': 'necessity',
  'seed-mikko-laine': 'necessity',
  'seed-sara-nieminen': 'differentiation',
};
