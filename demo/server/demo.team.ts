import type { Actor, ChangeInput, CxLevel } from '@palaute/engine';
import type { ServerStorage } from '@palaute/server';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Runs `work` with the storage's clock at `at`, for the team's actions only (they take their time
 * from the storage; a customer's writes carry their own). The demo serves meanwhile, so the clock is
 * the seed's alone, never a live request's (an `AsyncLocalStorage` in `demo.server.ts`).
 */
export type AtTime = <T>(at: Date, work: () => Promise<T>) => Promise<T>;

/** One answer of the seeded year, as the team's side needs it. */
export interface SeededAnswer {
  id: string;
  customerId: string;
  touchpointId: string;
  locale: 'fi' | 'en';
  /** When it arrived (epoch ms). */
  at: number;
  /** Week of the year, 0 a year ago. */
  week: number;
  score: 'low' | 'middle' | 'high';
  /** The customer ticked "you may contact me": only then may the team write to them. */
  contact: boolean;
}

/** A change the team shipped (or plans) in the seeded year, and the low scores it answers. */
interface YearChange {
  id: string;
  touchpointId: string;
  /** The week it shipped; `undefined` while it is still planned. */
  shippedWeek?: number;
  /** Low scores from these weeks (from, to) are planned for it. */
  weeks: [number, number];
  level: CxLevel;
  weDid: { en: string; fi: string };
}

const changes: YearChange[] = [
  {
    id: 'change-faster-dashboard',
    touchpointId: 'dashboard',
    weeks: [3, 11],
    shippedWeek: 13,
    level: 'differentiation',
    weDid: {
      en: 'The dashboard opens in under a second, even with years of invoices.',
      fi: 'Etusivu avautuu alle sekunnissa, vaikka laskuja olisi vuosien ajalta.',
    },
  },
  {
    id: 'change-vat-first-step',
    touchpointId: 'first-invoice',
    weeks: [8, 20],
    shippedWeek: 22,
    level: 'necessity',
    weDid: {
      en: 'Your VAT number is asked for in the first step, not found later in the settings.',
      fi: 'Y-tunnus ja ALV-numero kysytään heti ensimmäisessä vaiheessa.',
    },
  },
  {
    id: 'change-support-hours',
    touchpointId: 'support-chat',
    weeks: [18, 30],
    shippedWeek: 33,
    level: 'differentiation',
    weDid: {
      en: 'The support chat answers on Saturdays too, and shows how soon someone replies.',
      fi: 'Tukichat vastaa nyt myös lauantaisin ja kertoo, kuinka pian vastaus tulee.',
    },
  },
  {
    id: 'change-dashboard-overdue',
    touchpointId: 'dashboard',
    weeks: [38, 47],
    level: 'differentiation',
    weDid: {
      en: 'Overdue invoices at the top of the dashboard.',
      fi: 'Erääntyneet laskut etusivun ylälaitaan.',
    },
  },
];

/** What the team writes back, by the customer's language and how the score read. */
const replies: Record<'fi' | 'en', Record<SeededAnswer['score'], string[]>> = {
  en: {
    low: [
      'Thank you for telling us, and sorry it fell short. What was the hardest part? Your answer goes straight to the team.',
      'Sorry to hear that. Was it something in the invoice flow, or something else? We read every reply.',
      'Thanks for the honest score. If you have a minute, tell us what would make the biggest difference.',
    ],
    middle: [
      'Thank you! What is the one thing that would make Laskutin better for you?',
      'Thanks for the score. Is there something you miss? We are planning the next months now.',
    ],
    high: [
      'Thank you, that made our day! If anything ever gets in your way, write to us here.',
      'Thanks a lot! Good to hear Laskutin works for you.',
    ],
  },
  fi: {
    low: [
      'Kiitos, että kerroit, ja pahoittelut, ettei kaikki toiminut. Mikä oli hankalinta? Vastauksesi tulee suoraan tiimille.',
      'Harmillista kuulla. Liittyikö se laskun tekemiseen vai johonkin muuhun? Luemme jokaisen vastauksen.',
      'Kiitos rehellisestä arviosta. Kerro halutessasi, mikä auttaisi eniten.',
    ],
    middle: [
      'Kiitos! Mikä yksi asia tekisi Laskuttimesta sinulle paremman?',
      'Kiitos arviosta. Puuttuuko jotain? Suunnittelemme juuri tulevia kuukausia.',
    ],
    high: [
      'Kiitos, ilahdutit koko tiimiä! Jos jokin joskus hankaloittaa, kirjoita meille tänne.',
      'Kiitos paljon! Hienoa kuulla, että Laskutin toimii sinulle.',
    ],
  },
};

/** What a few customers write back, and the team's answer that settles it. */
const conversations: Record<'fi' | 'en', { customer: string; team: string }[]> = {
  en: [
    {
      customer: 'Mostly that the invoice list is slow when I search.',
      team: 'Thank you, that helps. Search is on our list for this quarter; we will tell you here when it is faster.',
    },
    {
      customer: 'It is fine now, the support sorted it out.',
      team: 'Good to hear. Thanks for letting us know!',
    },
    {
      customer: 'I would like to send reminders in English too.',
      team: 'You can already: choose the client’s language on their card and the reminder follows it.',
    },
  ],
  fi: [
    {
      customer: 'Lähinnä se, että laskulista on hidas, kun haen.',
      team: 'Kiitos, tämä auttaa. Haku on tämän neljänneksen listalla; kerromme täällä, kun se on nopeampi.',
    },
    {
      customer: 'Nyt on jo kunnossa, tuki auttoi.',
      team: 'Hienoa kuulla. Kiitos, että kerroit!',
    },
    {
      customer: 'Haluaisin lähettää muistutukset myös englanniksi.',
      team: 'Se onnistuu jo: valitse asiakkaan kieli hänen kortiltaan, niin muistutus seuraa sitä.',
    },
  ],
};

const declineReason = {
  en: 'We are keeping one price for every plan this year: a cheaper plan would mean fewer people answering support. We will tell you if that changes.',
  fi: 'Pidämme tänä vuonna yhden hinnan jokaiselle paketille: halvempi paketti tarkoittaisi vähemmän ihmisiä tuessa. Kerromme, jos tämä muuttuu.',
};

const team: Actor[] = [
  { kind: 'team', id: 'sofia', name: 'Sofia from Laskutin' },
  { kind: 'team', id: 'aleksi', name: 'Aleksi from Laskutin' },
];

/**
 * The next moment the team is at work at or after `at`: weekdays, 06 to 15 UTC (08 to 17 in
 * Helsinki), plus `lag` hours of work, skipping nights and weekends.
 */
function workTime(at: number, lagHours: number): number {
  let t = at;
  let left = lagHours * HOUR_MS;
  for (let guard = 0; guard < 400; guard++) {
    const date = new Date(t);
    const day = date.getUTCDay();
    const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
    const dayStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    if (day === 0 || day === 6 || hour >= 15) {
      t = dayStart + DAY_MS + 6 * HOUR_MS;
      continue;
    }
    if (hour < 6) {
      t = dayStart + 6 * HOUR_MS;
      continue;
    }
    const untilEnd = dayStart + 15 * HOUR_MS - t;
    if (left <= untilEnd) return t + left;
    left -= untilEnd;
    t = dayStart + DAY_MS + 6 * HOUR_MS;
  }
  return t;
}

/** The team's morning and afternoon sweep of the inbox after `at` (07:00 and 12:00 UTC, weekdays). */
function nextSweep(at: number): number {
  const date = new Date(at);
  let dayStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  for (;;) {
    const day = new Date(dayStart).getUTCDay();
    if (day !== 0 && day !== 6)
      for (const hour of [7, 12])
        if (dayStart + hour * HOUR_MS > at) return dayStart + hour * HOUR_MS;
    dayStart += DAY_MS;
  }
}

const pick = <T>(list: readonly T[], r: number): T => list[Math.floor(r * list.length)] as T;

/**
 * The team's side of the seeded year, through the same team API the inbox uses: twice a working
 * day the team sweeps the new bare scores into "triaged" at once (a bulk move); a low score from a
 * customer who may be contacted gets a reply of its own within working hours, and most of those are
 * settled ("answered") a day or two later, a few after the customer wrote back; some low scores are
 * planned for one of four changes, three of which shipped (so their customers got an impact
 * notice) and one still planned; a couple are declined with the reason. What arrived in the last
 * day or so is still new, and a few items slipped through: the inbox has a believable backlog.
 * Deterministic (its own seeded `next`), and safe to run again: an item already handled is left.
 */
export async function playTeam(
  storage: ServerStorage,
  answers: readonly SeededAnswer[],
  {
    now,
    next,
    atTime,
    stopped,
  }: { now: number; next: () => number; atTime: AtTime; stopped: () => boolean },
): Promise<{ triaged: number; replied: number; closed: number; shipped: number } | undefined> {
  const counts = { triaged: 0, replied: 0, closed: 0, shipped: 0 };
  const sweeps = new Map<number, string[]>();
  const linked = new Map<string, string[]>();
  const plans: { at: number; ids: string[]; level: CxLevel }[] = [];
  // Acted on only before now: what would be handled later is the backlog.
  const done = (at: number) => at < now - 10 * 60_000;
  for (const answer of answers) {
    // Each item draws the same numbers whatever path it takes, so a start that resumes (and skips
    // what is done) plays the rest exactly as a start that went straight through.
    const [
      r = 0,
      who = 0,
      plan = 0,
      lag = 0,
      write = 0,
      text = 0,
      outcome = 0,
      later = 0,
      back = 0,
    ] = Array.from({ length: 9 }, next);
    const by = pick(team, who);
    const ageDays = (now - answer.at) / DAY_MS;
    // A few slip through: a handful over the year, more in the last fortnight's rush.
    if (r < (ageDays < 14 ? 0.12 : 0.008)) continue;
    const change = changes.find(
      (candidate) =>
        candidate.touchpointId === answer.touchpointId &&
        answer.week >= candidate.weeks[0] &&
        answer.week <= candidate.weeks[1],
    );
    if (answer.score === 'low' && change && plan < 0.45) {
      const at = workTime(answer.at, 2 + lag * 20);
      if (!done(at)) continue;
      plans.push({ at, ids: [answer.id], level: change.level });
      linked.set(change.id, [...(linked.get(change.id) ?? []), answer.id]);
      continue;
    }
    const writes = answer.contact && (answer.score === 'low' || write < 0.25);
    if (!writes) {
      const at = nextSweep(answer.at + 20 * 60_000);
      if (done(at)) sweeps.set(at, [...(sweeps.get(at) ?? []), answer.id]);
      continue;
    }
    // A reply of its own: within working hours, sooner for a low score.
    const replyAt = workTime(answer.at, answer.score === 'low' ? 0.5 + lag * 6 : 1 + lag * 14);
    if (!done(replyAt)) continue;
    if (stopped()) return undefined;
    const current = await storage.team.getFeedback(answer.id);
    if (current.status !== 'new') continue;
    const lang = answer.locale;
    await atTime(new Date(replyAt), () =>
      storage.team.act(
        answer.id,
        {
          type: 'reply.team',
          reply: { id: `${answer.id}-team-1`, body: pick(replies[lang][answer.score], text) },
        },
        by,
      ),
    );
    counts.replied++;
    counts.triaged++;
    if (answer.score === 'low' && outcome < 0.2) {
      // The customer writes back the next day; the team answers and settles it.
      const talk = pick(conversations[lang], text);
      const backAt = replyAt + (3 + back * 30) * HOUR_MS;
      const settledAt = workTime(backAt, 0.5 + later * 5);
      if (!done(backAt)) continue;
      await storage.backend.submitReply({
        itemId: answer.id,
        customerId: answer.customerId,
        replyId: `${answer.id}-customer-1`,
        body: talk.customer,
        at: new Date(backAt).toISOString(),
      });
      if (!done(settledAt)) continue;
      await atTime(new Date(settledAt), async () => {
        await storage.team.act(
          answer.id,
          { type: 'reply.team', reply: { id: `${answer.id}-team-2`, body: talk.team } },
          by,
        );
        await storage.team.act(answer.id, { type: 'feedback.answer' }, by);
      });
      counts.replied++;
      counts.closed++;
    } else if (answer.score === 'low' && outcome < 0.24) {
      const at = workTime(replyAt, 4 + later * 10);
      if (!done(at)) continue;
      await atTime(new Date(at), () =>
        storage.team.act(answer.id, { type: 'feedback.decline', reason: declineReason[lang] }, by),
      );
      counts.closed++;
    } else if (outcome < 0.85) {
      // Settled: nothing more to do once the customer has the team's word.
      const at = workTime(replyAt, 6 + later * 24);
      if (!done(at)) continue;
      await atTime(new Date(at), () =>
        storage.team.act(answer.id, { type: 'feedback.answer' }, by),
      );
      counts.closed++;
    }
    // Otherwise the conversation is still open: triaged, with the team's reply waiting.
  }
  for (const [at, ids] of [...sweeps].sort(([a], [b]) => a - b)) {
    if (stopped()) return undefined;
    const verdicts = await atTime(new Date(at), () =>
      // An item already handled (a start that stopped half-way) is refused, not moved twice.
      storage.team.actMany?.({ ids, action: { type: 'feedback.triage' } }, pick(team, next())),
    );
    counts.triaged += (verdicts ?? []).filter((verdict) => verdict.outcome === 'done').length;
  }
  for (const plan of plans.sort((a, b) => a.at - b.at)) {
    if (stopped()) return undefined;
    const by = pick(team, next());
    const verdicts = await atTime(new Date(plan.at), async () => {
      const planned = await storage.team.actMany?.(
        { ids: plan.ids, action: { type: 'feedback.plan' } },
        by,
      );
      await storage.team.actMany?.(
        { ids: plan.ids, action: { type: 'level.set', level: plan.level } },
        by,
      );
      return planned;
    });
    counts.triaged += (verdicts ?? []).filter((verdict) => verdict.outcome === 'done').length;
  }
  const start = now - 52 * 7 * DAY_MS;
  for (const change of changes) {
    const itemIds = linked.get(change.id);
    if (change.shippedWeek === undefined || !itemIds?.length) continue;
    if (stopped()) return undefined;
    const shippedAt = workTime(start + change.shippedWeek * 7 * DAY_MS, 3);
    const input: ChangeInput = { id: change.id, weDid: change.weDid, itemIds };
    await atTime(new Date(shippedAt), () => storage.team.shipChange(input, team[0] as Actor));
    counts.shipped += itemIds.length;
    counts.closed += itemIds.length;
  }
  return counts;
}
