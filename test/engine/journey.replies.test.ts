import {
  type Actor,
  checkReplyOffer,
  connect,
  contactPolicySchema,
  createFlow,
  createMemoryBackend,
  createPalaute,
  defineSurvey,
  type MemoryBackend,
  type PalauteConfig,
  replyNoticesOf,
} from '@palaute/engine';
import { createMemoryOutboxStorage, createOutbox } from '@palaute/engine/outbox';
import * as z from 'zod/mini';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const sanna: Actor = { kind: 'team', id: 'sanna', name: 'Sanna from Laskutin' };

const support = defineSurvey({
  id: 'support-csat',
  touchpointId: 'support-chat',
  title: 'How did we do?',
  questions: [
    { id: 'nps', type: 'nps', title: 'How likely are you to recommend us?' },
    { id: 'why', type: 'text', title: 'Why?', required: false },
    { id: 'contact', type: 'consent', title: 'May we contact you?', label: 'Yes' },
  ],
});
const dashboardNps = defineSurvey({
  id: 'dashboard-nps',
  touchpointId: 'dashboard',
  title: 'A quick question',
  questions: [{ id: 'score', type: 'nps', title: 'Score?' }],
});

const touchpoints: PalauteConfig['touchpoints'] = [
  { id: 'dashboard', stage: 'use', channel: 'inProduct' },
  { id: 'support-chat', stage: 'support', channel: 'inProduct' },
];

/** A customer's world on one movable clock: a memory backend, and a client made on demand. */
function world() {
  let time = T0;
  const now = () => time;
  const backend = createMemoryBackend({ now: () => new Date(time) });
  const cache = new Map<string, string>();
  const storage = {
    getItem: (key: string) => cache.get(key) ?? null,
    setItem: (key: string, value: string) => void cache.set(key, value),
    removeItem: (key: string) => void cache.delete(key),
  };
  const client = (overrides: Partial<PalauteConfig> = {}) =>
    createPalaute({
      backend,
      customer: { id: 'c-1' },
      surveys: [support, dashboardNps],
      touchpoints,
      asks: [{ surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] }],
      cache: storage,
      now,
      ...overrides,
    });
  return {
    backend,
    client,
    now,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

/**
 * The customer answers the support survey from the launcher (their own initiative: not a contact the
 * budget counts), consenting to contact.
 */
async function answerSupport(backend: MemoryBackend, now: () => number, nps: number, why: string) {
  const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
  await outbox.start();
  const flow = createFlow({
    survey: support,
    backend,
    outbox,
    customer: { id: 'c-1' },
    locale: 'en',
    initiative: 'customer',
    now: () => new Date(now()),
  });
  flow.start();
  const api = () => connect(flow.getSnapshot(), flow.send);
  api().answer('nps', nps);
  api().next();
  api().answer('why', why);
  api().next();
  api().answer('contact', true);
  api().next();
  await vi.waitFor(() => expect(api().step).toBe('acknowledging'));
  await outbox.flush();
  return api().responseId;
}

async function teamReplies(backend: MemoryBackend, itemId: string, id: string, body: string) {
  await backend.team.act(itemId, { type: 'reply.team', reply: { id, body } }, sanna);
}

const read = (itemId: string, at: number) =>
  ({
    kind: 'read',
    payload: { itemId, customerId: 'c-1', at: new Date(at).toISOString() },
  }) as const;

describe('team replies offered at the next touchpoint', () => {
  it('given an unread team reply › the next touchpoint offers it (text, author, thread) before any ask, and no survey while it is due', async () => {
    const w = world();
    const itemId = await answerSupport(w.backend, w.now, 9, 'Exports are slow');
    w.advance(DAY);
    await teamReplies(w.backend, itemId, 'reply-sanna-0001', 'Which export do you use?');
    const palaute = w.client();
    await palaute.start();
    const heard = vi.fn();
    palaute.subscribe(heard);

    const decision = palaute.touchpoint('dashboard');
    expect(decision.status).toBe('reply');
    expect(decision.offer).toBeNull();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(palaute.replies()).toEqual([
      {
        id: 'reply-sanna-0001',
        itemId,
        body: 'Which export do you use?',
        author: { kind: 'team', id: 'team', name: 'Sanna from Laskutin' },
        at: new Date(T0 + DAY).toISOString(),
        touchpointId: 'support-chat',
        youSaid: 'Exports are slow',
      },
    ]);
    // While it is offered, nothing else is.
    expect(palaute.touchpoint('dashboard').status).toBe('current');
    expect(palaute.offer()).toBeNull();
  });

  it('given the reply shown (a read receipt recorded) › it is a contact, never offered again, even by a new client before the receipt is delivered', async () => {
    const w = world();
    const itemId = await answerSupport(w.backend, w.now, 9, 'Exports are slow');
    w.advance(DAY);
    await teamReplies(w.backend, itemId, 'reply-sanna-0001', 'Which export do you use?');
    const palaute = w.client();
    await palaute.start();
    expect(palaute.touchpoint('dashboard').status).toBe('reply');
    palaute.recordWrite(read(itemId, w.now()));
    expect(palaute.replies()).toEqual([]);
    expect(palaute.history().contacts).toContainEqual({
      kind: 'reply',
      at: new Date(w.now()).toISOString(),
      id: 'reply-sanna-0001',
    });
    w.advance(30 * DAY);
    // The backend still says unread (the receipt waits in an outbox): not offered again, here…
    await palaute.start();
    expect(palaute.touchpoint('dashboard').status).not.toBe('reply');
    expect(palaute.replies()).toEqual([]);
    // …nor on the next page, which reads what this one saw from the cache.
    const next = w.client();
    await next.start();
    expect(next.touchpoint('dashboard').status).not.toBe('reply');
    // A later reply on the same thread is news again.
    await teamReplies(w.backend, itemId, 'reply-sanna-0002', 'Fixed it!');
    w.advance(30 * DAY);
    const later = w.client();
    await later.start();
    expect(later.touchpoint('dashboard').status).toBe('reply');
    expect(later.replies().map((reply) => reply.id)).toEqual(['reply-sanna-0002']);
  });

  it('given the budget spent by a survey shown since › the reply waits for room, and its own contact never blocks it', async () => {
    const w = world();
    const itemId = await answerSupport(w.backend, w.now, 9, 'Exports are slow');
    await teamReplies(w.backend, itemId, 'reply-sanna-0001', 'Which export do you use?');
    // The budget is 1 contact in 14 days: the reply itself is that contact, so it is offered.
    const alone = w.client();
    await alone.start();
    expect(alone.touchpoint('dashboard').status).toBe('reply');

    // This device has shown a survey since the reply was written.
    w.advance(DAY);
    const other = w.client();
    other.recordWrite({
      kind: 'display',
      payload: {
        responseId: 'resp-dashboard-0001',
        surveyId: 'dashboard-nps',
        surveyVersion: 1,
        touchpointId: 'dashboard',
        customerId: 'c-1',
        at: new Date(w.now()).toISOString(),
      },
    });
    await other.start();
    expect(other.touchpoint('dashboard').status).toBe('none');
    expect(other.replies()).toEqual([]);
    const verdict = checkReplyOffer(
      [
        {
          id: 'reply-sanna-0001',
          itemId,
          body: 'x',
          author: sanna,
          at: new Date(T0).toISOString(),
          touchpointId: 'support-chat',
        },
      ],
      other.policy,
      other.history(),
      w.now(),
    );
    expect(verdict.offerable).toBe(false);
    expect(verdict.checks.find((check) => !check.passed)?.rule).toBe('budget');
    w.advance(14 * DAY);
    expect(other.touchpoint('dashboard').status).toBe('reply');
  });

  it('given a customer who opted out of everything › the reply is not offered (it waits in "Your feedback")', async () => {
    const w = world();
    const itemId = await answerSupport(w.backend, w.now, 9, 'Exports are slow');
    await teamReplies(w.backend, itemId, 'reply-sanna-0001', 'Which export do you use?');
    const palaute = w.client();
    await palaute.start();
    palaute.contactChoice({ scope: 'all', optedOut: true });
    expect(palaute.touchpoint('dashboard').status).toBe('none');
    expect(palaute.replies()).toEqual([]);
    palaute.contactChoice({ scope: 'all', optedOut: false });
    expect(palaute.touchpoint('dashboard').status).toBe('reply');
  });

  it('given a negative answer › the quiet period holds back asks, not the reply it waits for', async () => {
    const w = world();
    const itemId = await answerSupport(w.backend, w.now, 2, 'Exports are broken');
    w.advance(2 * DAY);
    await teamReplies(w.backend, itemId, 'reply-sanna-0001', 'Sorry! Fixing it now.');
    const palaute = w.client({ policy: { budget: { contacts: 5, days: 14 } } });
    await palaute.start();
    expect(palaute.explain('dashboard-nps').checks.find((c) => !c.passed)?.rule).toBe(
      'quietAfterNegative',
    );
    expect(palaute.touchpoint('dashboard').status).toBe('reply');
  });

  it('given a survey shown › the reply waits until it is closed', async () => {
    const w = world();
    const palaute = w.client({ policy: { budget: { contacts: 5, days: 14 } } });
    const offer = palaute.touchpoint('dashboard').offer;
    expect(offer?.survey.id).toBe('dashboard-nps');
    const shown = {
      responseId: 'resp-dashboard-0001',
      surveyId: 'dashboard-nps',
      surveyVersion: 1,
      touchpointId: 'dashboard',
      customerId: 'c-1',
      at: new Date(w.now()).toISOString(),
    };
    palaute.recordWrite({ kind: 'display', payload: shown });
    const itemId = await answerSupport(w.backend, w.now, 9, 'Exports are slow');
    await teamReplies(w.backend, itemId, 'reply-sanna-0001', 'Which export do you use?');
    await palaute.start();
    expect(palaute.offer()?.survey.id).toBe('dashboard-nps');
    expect(palaute.touchpoint('dashboard').status).toBe('current');
    expect(palaute.replies()).toEqual([]);
    palaute.recordWrite({
      kind: 'dismissal',
      payload: { ...shown, reason: 'dismiss', step: 'asking', submitted: false },
    });
    expect(palaute.touchpoint('dashboard').status).toBe('reply');
  });

  it('given a reply and an impact notice due at one touchpoint › the reply comes first, the notice at a later touchpoint the budget allows', async () => {
    const w = world();
    const itemId = await answerSupport(w.backend, w.now, 9, 'Exports are slow');
    await teamReplies(w.backend, itemId, 'reply-sanna-0001', 'Which export do you use?');
    w.backend.addImpact('c-1', {
      id: 'fast-exports:r1',
      weDid: 'Exports are now ten times faster',
      shippedAt: new Date(T0).toISOString(),
    });
    const palaute = w.client({ policy: { budget: { contacts: 2, days: 14 } } });
    await palaute.start();
    expect(palaute.touchpoint('dashboard').status).toBe('reply');
    expect(palaute.impact()).toEqual([]);
    palaute.recordWrite(read(itemId, w.now()));
    expect(palaute.touchpoint('dashboard').status).toBe('impact');
    expect(palaute.impact().map((notice) => notice.id)).toEqual(['fast-exports:r1']);
  });

  it('given due replies put back unshown › they come again at the next occasion', async () => {
    const w = world();
    const itemId = await answerSupport(w.backend, w.now, 9, 'Exports are slow');
    await teamReplies(w.backend, itemId, 'reply-sanna-0001', 'Which export do you use?');
    const palaute = w.client();
    await palaute.start();
    expect(palaute.touchpoint('dashboard').status).toBe('reply');
    palaute.dismissReplies();
    expect(palaute.replies()).toEqual([]);
    expect(palaute.touchpoint('dashboard').status).toBe('reply');
    expect(palaute.replies().map((reply) => reply.id)).toEqual(['reply-sanna-0001']);
  });

  it('given nothing unread › the client does not list the feedback at all', async () => {
    const w = world();
    const listMyFeedback = vi.fn(w.backend.listMyFeedback);
    const palaute = w.client({ backend: { ...w.backend, listMyFeedback } });
    await palaute.start();
    expect(listMyFeedback).not.toHaveBeenCalled();
    expect(palaute.touchpoint('dashboard').status).toBe('offered');
  });
});

describe('replyNoticesOf', () => {
  it('keeps unread team replies not seen here, oldest first, and leaves out what does not parse', () => {
    const reply = (id: string, at: string, extra: object = {}) => ({
      id,
      author: { kind: 'team', id: 'team', name: 'Sanna' },
      body: `<b>${id}</b>`,
      at,
      ...extra,
    });
    const notices = replyNoticesOf(
      [
        {
          id: 'item-0001',
          touchpointId: 'dashboard',
          replies: [
            reply('reply-0002', '2026-11-25T10:00:00.000Z'),
            reply('reply-0003', '2026-11-24T10:00:00.000Z', { readAt: '2026-11-26T10:00:00.000Z' }),
            {
              ...reply('reply-0004', '2026-11-24T10:00:00.000Z'),
              author: { kind: 'customer', id: 'c-1' },
            },
          ],
        },
        {
          id: 'item-0002',
          touchpointId: 'dashboard',
          text: 'Slow',
          replies: [
            reply('reply-0001', '2026-11-23T10:00:00.000Z'),
            reply('reply-0005', '2026-11-23T11:00:00.000Z'),
          ],
        },
        { id: 'item-0003', replies: 'nope' },
      ],
      new Set(['reply-0005']),
    );
    expect(notices.map((notice) => [notice.id, notice.itemId, notice.youSaid])).toEqual([
      ['reply-0001', 'item-0002', 'Slow'],
      ['reply-0002', 'item-0001', undefined],
    ]);
    // The text as it came: rendering it as text is the view's part.
    expect(notices[0]?.body).toBe('<b>reply-0001</b>');
  });

  it('checkReplyOffer › nothing to offer is not offerable', () => {
    const policy = z.parse(contactPolicySchema, {});
    const history = { customerId: 'c-1', contacts: [], awaitingReply: 0, responseCounts: {} };
    expect(checkReplyOffer([], policy, history, T0).offerable).toBe(false);
  });
});
