import type { Actor, FeedbackResponse } from '@palaute/engine';
import type { ServerStorage } from '@palaute/server';
import { demoTargets, storyLevels } from './demo.history';

/** A moment relative to when the demo is seeded. */
interface Ago {
  days?: number;
  hours?: number;
}

/** One step in a seeded customer's story, in order: the clock is set to `at` before it runs. */
type Step =
  | { at: Ago; team: 'triage' | 'plan' | 'start' | 'answer' }
  | { at: Ago; team: 'decline'; reason: string }
  | { at: Ago; team: 'reply'; body: string }
  | { at: Ago; customerReply: string };

/** Another of Laskutin's customers, with what they told the team and what happened next. */
interface Story {
  customerId: string;
  plan: 'starter' | 'pro';
  surveyId: 'dashboard-nps' | 'first-invoice-ces' | 'support-csat' | 'general';
  answers: FeedbackResponse['answers'];
  sentiment?: FeedbackResponse['sentiment'];
  at: Ago;
  steps?: Step[];
}

const touchpointOf: Record<Story['surveyId'], string> = {
  'dashboard-nps': 'dashboard',
  'first-invoice-ces': 'first-invoice',
  'support-csat': 'support-chat',
  general: 'launcher',
};

const sofia: Actor = { kind: 'team', id: 'sofia', name: 'Sofia from Laskutin' };

/**
 * What other customers told Laskutin over the last weeks, and how far the team got with each: some
 * answered, one planned, one shipped, one declined with its reason, and some still waiting, two of
 * them past the 48-hour response target. Anna and Ben start with a clean slate; this is what makes
 * the team's inbox and its loop metrics look like a real team's on the first start.
 */
const stories: Story[] = [
  {
    customerId: 'maria-lindqvist',
    plan: 'pro',
    surveyId: 'dashboard-nps',
    answers: {
      nps: 9,
      why: 'The automatic payment reminders save me an afternoon every month.',
      contact: true,
    },
    sentiment: 'positive',
    at: { days: 20 },
    steps: [
      { at: { days: 19, hours: 21 }, team: 'triage' },
      {
        at: { days: 19, hours: 20 },
        team: 'reply',
        body: 'Thank you, Maria! Good to hear the reminders pull their weight. If there is anything they could do better, just write back here.',
      },
      { at: { days: 19, hours: 20 }, team: 'answer' },
    ],
  },
  {
    customerId: 'oskari-virtanen',
    plan: 'starter',
    surveyId: 'dashboard-nps',
    answers: {
      nps: 3,
      why: 'Getting invoices to my accountant takes forever: there is no export to their system, so I copy every one by hand.',
      contact: true,
    },
    sentiment: 'negative',
    at: { days: 18 },
    steps: [
      { at: { days: 17, hours: 22 }, team: 'triage' },
      {
        at: { days: 17, hours: 20 },
        team: 'reply',
        body: 'Sorry about the copying, Oskari. Which accounting software does your accountant use?',
      },
      { at: { days: 17, hours: 2 }, customerReply: 'Procountor. Netvisor would help others too.' },
      { at: { days: 15 }, team: 'plan' },
      { at: { days: 9 }, team: 'start' },
    ],
  },
  {
    customerId: 'priya-shah',
    plan: 'pro',
    surveyId: 'general',
    answers: {
      text: 'Recurring invoices for my monthly clients, please! I make the same six every month.',
      contact: true,
    },
    at: { days: 12 },
    steps: [
      { at: { days: 11, hours: 20 }, team: 'triage' },
      {
        at: { days: 11, hours: 19 },
        team: 'reply',
        body: 'You are not alone in asking, Priya. Recurring invoices are on our plan for the next quarter; we will tell you here when they arrive.',
      },
      { at: { days: 11, hours: 19 }, team: 'plan' },
    ],
  },
  {
    customerId: 'tom-ashford',
    plan: 'starter',
    surveyId: 'dashboard-nps',
    answers: {
      nps: 6,
      why: 'A mobile app would help when I am at a client’s office.',
      contact: false,
    },
    sentiment: 'neutral',
    at: { days: 9 },
    steps: [
      { at: { days: 8, hours: 20 }, team: 'triage' },
      {
        at: { days: 8, hours: 19 },
        team: 'decline',
        reason:
          'We are not building a separate mobile app this year: Laskutin works in the phone’s browser, and we are making its invoice screens easier to use on small screens instead.',
      },
    ],
  },
  {
    customerId: 'jonas-berg',
    plan: 'starter',
    surveyId: 'support-csat',
    answers: { csat: 2, contact: true },
    sentiment: 'negative',
    at: { days: 6 },
  },
  {
    customerId: 'elina-makinen',
    plan: 'pro',
    surveyId: 'first-invoice-ces',
    answers: { ces: 3, hardest: 'Finding where to add my VAT number.' },
    sentiment: 'negative',
    at: { days: 4 },
  },
  {
    customerId: 'mikko-laine',
    plan: 'starter',
    surveyId: 'dashboard-nps',
    answers: { nps: 2, why: 'Too expensive for a one-person business.', contact: true },
    sentiment: 'negative',
    at: { hours: 30 },
    steps: [{ at: { hours: 20 }, team: 'triage' }],
  },
  {
    customerId: 'sara-nieminen',
    plan: 'pro',
    surveyId: 'general',
    answers: { text: 'Could the PDF use our brand colours, not only our logo?', contact: true },
    at: { hours: 5 },
  },
];

/** The change the team shipped for Oskari (and anyone else who asked for exports). */
const exportsChange = {
  id: 'change-accounting-exports',
  weDid: 'Invoices now export straight to Procountor and Netvisor.',
  details:
    'Choose Export on the invoice list; your accountant gets every invoice of the month at once.',
  itemIds: ['seed-oskari-virtanen'],
  at: { days: 1, hours: 3 },
};

/**
 * Seeds the demo's database with {@link stories}, once per data folder (the caller keeps the marker).
 * `setClock` moves the storage's clock, so team actions carry the times of the story; the caller
 * puts it back to real time afterwards.
 */
export async function seedDemo(
  storage: ServerStorage,
  setClock: (at: Date) => void,
  now = Date.now(),
): Promise<void> {
  const time = (ago: Ago) => new Date(now - ((ago.days ?? 0) * 24 + (ago.hours ?? 0)) * 3_600_000);
  for (const story of stories) {
    const id = `seed-${story.customerId}`;
    const submittedAt = time(story.at);
    setClock(submittedAt);
    await storage.backend.submitResponse({
      id,
      surveyId: story.surveyId,
      surveyVersion: 1,
      touchpointId: touchpointOf[story.surveyId],
      customerId: story.customerId,
      locale: 'en',
      answers: story.answers,
      ...(story.sentiment ? { sentiment: story.sentiment } : {}),
      segment: { plan: story.plan },
      startedAt: new Date(submittedAt.getTime() - 40_000).toISOString(),
      submittedAt: submittedAt.toISOString(),
    });
    for (const [index, step] of (story.steps ?? []).entries()) {
      const at = time(step.at);
      setClock(at);
      if ('customerReply' in step) {
        await storage.backend.submitReply({
          itemId: id,
          customerId: story.customerId,
          replyId: `${id}-reply-${index}`,
          body: step.customerReply,
          at: at.toISOString(),
        });
      } else if (step.team === 'reply') {
        await storage.team.act(
          id,
          { type: 'reply.team', reply: { id: `${id}-reply-${index}`, body: step.body } },
          sofia,
        );
      } else if (step.team === 'decline') {
        await storage.team.act(id, { type: 'feedback.decline', reason: step.reason }, sofia);
      } else {
        await storage.team.act(id, { type: `feedback.${step.team}` }, sofia);
      }
    }
  }
  setClock(time(exportsChange.at));
  const { at: _, ...change } = exportsChange;
  await storage.team.shipChange(change, sofia);
  // The team's stepped targets, and the CX level it gave each story's feedback.
  setClock(new Date(now));
  await storage.team.setCxTargets?.(demoTargets(now));
  for (const [id, level] of Object.entries(storyLevels))
    await storage.team.act(id, { type: 'level.set', level }, sofia);
  await seedBoard(storage, setClock, time);
}

/** An idea on the seeded board: who suggested it, who backed it, and what the team did. */
interface SeedIdea {
  id: string;
  customerId: string;
  kind: 'idea' | 'bug';
  title: string;
  body: string;
  categoryId?: string;
  at: Ago;
  voters: string[];
  status?: 'review' | 'planned' | 'inProgress';
  declined?: string;
  official?: string;
  comments?: { customerId: string; body: string }[];
}

/**
 * Laskutin's public board as other customers left it: ideas at every stage, a bug report, a
 * declined idea with its reason, the team's official responses, and one idea shipped with a
 * changelog entry. Anna and Ben are in none of it.
 */
const boardIdeas: SeedIdea[] = [
  {
    id: 'seed-idea-recurring',
    customerId: 'priya-shah',
    kind: 'idea',
    title: 'Recurring invoices for monthly clients',
    body: 'I make the same six invoices every month. Let me set them up once and have Laskutin send them on the first of the month.',
    categoryId: 'invoices',
    at: { days: 12 },
    voters: ['maria-lindqvist', 'jonas-berg', 'elina-makinen', 'sara-nieminen', 'lauri-koski'],
    status: 'planned',
    official:
      'Recurring invoices are planned for the next quarter. Everyone who voted hears from us here when they arrive.',
  },
  {
    id: 'seed-idea-exports',
    customerId: 'oskari-virtanen',
    kind: 'idea',
    title: 'Send invoices to Procountor and Netvisor',
    body: 'My accountant uses Procountor; copying every invoice by hand takes an evening a month.',
    categoryId: 'reports',
    at: { days: 17 },
    voters: ['mikko-laine', 'lauri-koski'],
    status: 'inProgress',
  },
  {
    id: 'seed-idea-brand',
    customerId: 'sara-nieminen',
    kind: 'idea',
    title: 'Brand colours on the invoice PDF',
    body: 'Our logo is there already; the colours would make the invoice look like ours.',
    categoryId: 'invoices',
    at: { days: 3 },
    voters: ['maria-lindqvist'],
    status: 'review',
    comments: [{ customerId: 'maria-lindqvist', body: 'A choice of font would be lovely too.' }],
  },
  {
    id: 'seed-idea-partial',
    customerId: 'elina-makinen',
    kind: 'idea',
    title: 'Record partial payments on one invoice',
    body: 'Some clients pay in two instalments; now the invoice shows as unpaid until the last one.',
    categoryId: 'payments',
    at: { days: 7 },
    voters: ['jonas-berg', 'priya-shah', 'tom-ashford'],
  },
  {
    id: 'seed-bug-address',
    customerId: 'jonas-berg',
    kind: 'bug',
    title: 'Long client addresses are cut off on the PDF',
    body: 'An address with a c/o line loses its last line when printed.',
    categoryId: 'invoices',
    at: { days: 2 },
    voters: ['lauri-koski'],
  },
  {
    id: 'seed-idea-mobile',
    customerId: 'tom-ashford',
    kind: 'idea',
    title: 'A mobile app',
    body: 'For sending an invoice straight from a client’s office.',
    at: { days: 9 },
    voters: ['mikko-laine'],
    declined:
      'We are not building a separate app this year: Laskutin works in the phone’s browser, and we are making its invoice screens easier to use on small screens instead.',
  },
];

/**
 * The seeded voters' segments as each vote froze them: their plan and NPS class (from the story's
 * NPS answer, or an earlier survey), so the team's "ideas most wanted by detractors" has data.
 */
const voterSegments: Readonly<Record<string, { plan: string; npsClass: string }>> = {
  'maria-lindqvist': { plan: 'pro', npsClass: 'promoter' },
  'oskari-virtanen': { plan: 'starter', npsClass: 'detractor' },
  'priya-shah': { plan: 'pro', npsClass: 'passive' },
  'tom-ashford': { plan: 'starter', npsClass: 'passive' },
  'jonas-berg': { plan: 'starter', npsClass: 'detractor' },
  'elina-makinen': { plan: 'pro', npsClass: 'promoter' },
  'mikko-laine': { plan: 'starter', npsClass: 'detractor' },
  'sara-nieminen': { plan: 'pro', npsClass: 'promoter' },
  'lauri-koski': { plan: 'starter', npsClass: 'detractor' },
};

/** Seeds {@link boardIdeas} and ships the exports idea with a changelog entry. */
async function seedBoard(
  storage: ServerStorage,
  setClock: (at: Date) => void,
  time: (ago: Ago) => Date,
): Promise<void> {
  const board = storage.backend.board;
  if (!board) return;
  for (const idea of boardIdeas) {
    const at = time(idea.at);
    setClock(at);
    await board.suggestIdea({
      id: idea.id,
      customerId: idea.customerId,
      kind: idea.kind,
      title: idea.title,
      body: idea.body,
      ...(idea.categoryId ? { categoryId: idea.categoryId } : {}),
      at: at.toISOString(),
    });
    for (const [index, customerId] of idea.voters.entries()) {
      const votedAt = new Date(at.getTime() + (index + 1) * 3_600_000 * 7);
      setClock(votedAt);
      await board.vote({
        id: `${idea.id}-vote-${customerId}`,
        customerId,
        ideaId: idea.id,
        voted: true,
        source: 'board',
        ...(voterSegments[customerId] ? { segment: voterSegments[customerId] } : {}),
        at: votedAt.toISOString(),
      });
    }
    for (const [index, comment] of (idea.comments ?? []).entries())
      await board.comment({
        id: `${idea.id}-comment-${index}`,
        customerId: comment.customerId,
        ideaId: idea.id,
        body: comment.body,
        at: new Date(at.getTime() + 3_600_000).toISOString(),
      });
    setClock(new Date(at.getTime() + 20 * 3_600_000));
    if (idea.official)
      await storage.team.board?.comment(
        { id: `${idea.id}-official`, ideaId: idea.id, body: idea.official, official: true },
        sofia,
      );
    if (idea.status === 'inProgress')
      await storage.team.board?.setStatus(idea.id, { status: 'planned' }, sofia);
    if (idea.status) await storage.team.board?.setStatus(idea.id, { status: idea.status }, sofia);
    if (idea.declined)
      await storage.team.board?.setStatus(
        idea.id,
        { status: 'declined', reason: idea.declined },
        sofia,
      );
  }
  // The exports shipped with the inbox's change: the board's changelog says so too.
  setClock(time({ days: 1, hours: 2 }));
  await storage.team.board?.publishChangelog(
    {
      id: 'changelog-accounting-exports',
      title: 'Invoices export to Procountor and Netvisor',
      body: 'Choose Export on the invoice list: your accountant gets every invoice of the month at once.',
      ideaIds: ['seed-idea-exports'],
    },
    sofia,
  );
}

/**
 * Who the seeded stories' customers are, as Laskutin's own user records would say: the team's
 * inbox names them (the server's `customerProfile`), as it names Anna and Ben from their personas.
 */
export const seededProfiles: ReadonlyMap<string, { name: string; company: string }> = new Map([
  ['maria-lindqvist', { name: 'Maria Lindqvist', company: 'Lindqvist Design' }],
  ['oskari-virtanen', { name: 'Oskari Virtanen', company: 'Virtanen Tilitoimisto' }],
  ['priya-shah', { name: 'Priya Shah', company: 'Shah Consulting' }],
  ['tom-ashford', { name: 'Tom Ashford', company: 'Ashford & Co' }],
  ['jonas-berg', { name: 'Jonas Berg', company: 'Berg Rakennus' }],
  ['elina-makinen', { name: 'Elina Mäkinen', company: 'Mäkinen Catering' }],
  ['mikko-laine', { name: 'Mikko Laine', company: 'Laine Autohuolto' }],
  ['sara-nieminen', { name: 'Sara Nieminen', company: 'Nieminen Studio' }],
]);
