import {
  type Actor,
  connect,
  createFlow,
  createMemoryBackend,
  defineSurvey,
  LifecycleError,
  type MemoryBackend,
  ValidationError,
} from '@palaute/engine';
import { createMemoryOutboxStorage, createOutbox } from '@palaute/engine/outbox';

const anna: Actor = { kind: 'team', id: 'anna', name: 'Anna from Laskutin' };

const survey = defineSurvey({
  id: 'dashboard-nps',
  touchpointId: 'dashboard',
  title: 'A quick question',
  questions: [
    { id: 'nps', type: 'nps', title: 'How likely are you to recommend us?' },
    { id: 'why', type: 'text', title: 'Why?', required: false },
    {
      id: 'contact',
      type: 'consent',
      title: 'May we contact you?',
      label: 'Yes, you may contact me about my answer',
    },
  ],
});

/** A clock that moves an hour on every reading. */
function clock() {
  let time = Date.parse('2026-11-23T10:00:00.000Z');
  return () => {
    time += 3_600_000;
    return new Date(time);
  };
}

/** A customer answers the survey through a real flow (and outbox) and closes it at `showingImpact` or `done`. */
async function answer(
  backend: MemoryBackend,
  customerId: string,
  answers: { nps: number; why?: string; contact?: boolean },
  attributes?: Record<string, string | number | boolean | null>,
) {
  const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
  await outbox.start();
  const customer = { id: customerId, ...(attributes ? { attributes } : {}) };
  const flow = createFlow({ survey, backend, outbox, customer, locale: 'en' });
  flow.start();
  const api = () => connect(flow.getSnapshot(), flow.send);
  api().answer('nps', answers.nps);
  api().next();
  if (answers.why) api().answer('why', answers.why);
  api().next();
  if (answers.contact !== undefined) api().answer('contact', answers.contact);
  api().next();
  await vi.waitFor(() => expect(api().step).toBe('acknowledging'));
  await outbox.flush();
  return { flow, api, outbox, responseId: api().responseId };
}

describe('closing the loop (memory backend, end to end)', () => {
  it('answer → triage → reply → the customer sees it and answers back → ship → exactly the right customers get the notice', async () => {
    const backend = createMemoryBackend({ now: clock() });
    const c1 = await answer(backend, 'c-1', {
      nps: 3,
      why: 'Exports to Excel are slow',
      contact: true,
    });
    const c2 = await answer(backend, 'c-2', { nps: 4, why: 'Excel export takes forever' });
    const c3 = await answer(backend, 'c-3', { nps: 5, why: 'I miss a dark mode' });
    const c4 = await answer(backend, 'c-4', { nps: 10 }); // a bare score: seen and counted too

    // The inbox: four items, all new, unprocessed first; the bare score has no words, only answers.
    const page = await backend.team.listFeedback();
    expect(page.next).toBeUndefined();
    const inbox = page.items;
    expect(inbox.map((item) => item.id)).toEqual([
      c1.responseId,
      c2.responseId,
      c3.responseId,
      c4.responseId,
    ]);
    expect(inbox[3]).toMatchObject({ answers: { nps: 10, contact: false } });
    expect(inbox[3]?.text).toBeUndefined();
    expect(inbox.every((item) => item.status === 'new')).toBe(true);

    // Triage, and reply where the customer consented.
    await backend.team.act(c1.responseId, { type: 'feedback.triage' }, anna);
    await backend.team.act(
      c1.responseId,
      { type: 'reply.team', reply: { id: 'reply-anna-0001', body: 'Which export do you use?' } },
      anna,
    );
    await expect(
      backend.team.act(
        c2.responseId,
        { type: 'reply.team', reply: { id: 'reply-anna-0002', body: 'Hi!' } },
        anna,
      ),
    ).rejects.toThrow(LifecycleError);

    // Unread, the reply comes before any new ask for this customer.
    expect((await backend.getContactHistory?.({ customerId: 'c-1' }))?.unreadReplies).toBe(1);

    // The customer sees the reply in the product and answers back through the outbox.
    const [mine] = await (backend.listMyFeedback?.({ customerId: 'c-1' }) ?? []);
    expect(mine?.replies.map((reply) => reply.body)).toEqual(['Which export do you use?']);
    // The customer sees the team member's name, not their internal id.
    expect(mine?.replies[0]?.author).toEqual({
      kind: 'team',
      id: 'team',
      name: 'Anna from Laskutin',
    });
    expect(mine?.status).toBe('triaged');
    expect(await backend.listMyFeedback?.({ customerId: 'c-3' })).toHaveLength(1);
    await c1.outbox.enqueue('reply', {
      itemId: c1.responseId,
      customerId: 'c-1',
      replyId: 'reply-c1-00001',
      body: 'The monthly Excel report',
      at: '2026-11-23T20:00:00.000Z',
    });
    await c1.outbox.enqueue('read', {
      itemId: c1.responseId,
      customerId: 'c-1',
      at: '2026-11-23T20:00:00.000Z',
    });
    await c1.outbox.flush();
    expect(
      (await backend.getContactHistory?.({ customerId: 'c-1' }))?.unreadReplies,
    ).toBeUndefined();
    const thread = (await backend.team.getFeedback(c1.responseId)).replies;
    expect(
      thread.map((reply) => [reply.author.kind, reply.body, reply.readAt !== undefined]),
    ).toEqual([
      ['team', 'Which export do you use?', true],
      ['customer', 'The monthly Excel report', false],
    ]);

    // Another customer cannot write into c-1's thread.
    await expect(
      backend.submitReply?.({
        itemId: c1.responseId,
        customerId: 'c-3',
        replyId: 'reply-c3-00001',
        body: 'me too',
        at: '2026-11-23T20:00:00.000Z',
      }),
    ).rejects.toThrow(ValidationError);

    // Plan, then ship a change linked to the two export items.
    await backend.team.act(c1.responseId, { type: 'feedback.plan' }, anna);
    expect((await backend.listMyFeedback?.({ customerId: 'c-1' }))?.[0]?.status).toBe('planned');
    expect(
      await backend.listImpact({
        customerId: 'c-1',
        touchpointId: 'dashboard',
        surveyId: survey.id,
      }),
    ).toEqual([]);
    await backend.team.shipChange(
      {
        id: 'fast-excel-export',
        weDid: 'Excel exports are now ten times faster',
        itemIds: [c1.responseId, c2.responseId],
      },
      anna,
    );
    const impactOf = (customerId: string) =>
      backend.listImpact({ customerId, touchpointId: 'dashboard', surveyId: survey.id });
    expect(await impactOf('c-1')).toEqual([
      expect.objectContaining({
        youSaid: 'Exports to Excel are slow',
        weDid: 'Excel exports are now ten times faster',
      }),
    ]);
    expect(await impactOf('c-2')).toHaveLength(1);
    expect(await impactOf('c-3')).toEqual([]);
    expect(await impactOf('c-4')).toEqual([]);
    expect((await backend.team.getFeedback(c2.responseId)).status).toBe('shipped');
    expect((await backend.team.getFeedback(c3.responseId)).status).toBe('new');
    const mineOf = async (customerId: string) =>
      (await backend.listMyFeedback?.({ customerId }))?.find((item) => item.impact);
    // News to c-1: their own feedback carries the notice, not seen yet.
    expect((await mineOf('c-1'))?.impact).toMatchObject({
      weDid: 'Excel exports are now ten times faster',
    });
    expect((await mineOf('c-1'))?.impact?.seenAt).toBeUndefined();

    // At c-1's next touchpoint the flow shows it once; seen, it is not listed again, and it counts as a contact.
    const next = await answer(backend, 'c-1', { nps: 9 });
    next.api().next();
    await vi.waitFor(() => expect(next.api().step).toBe('showingImpact'));
    expect(next.api().impact.map((notice) => notice.weDid)).toEqual([
      'Excel exports are now ten times faster',
    ]);
    await vi.waitFor(async () => expect(await impactOf('c-1')).toEqual([]));
    const history = await backend.getContactHistory?.({ customerId: 'c-1' });
    expect(
      history?.contacts.filter((contact) => contact.kind !== 'ask').map((contact) => contact.kind),
    ).toEqual(['reply', 'impact']);
    // Their own feedback says when they saw it; c-2, who has not, still has it as news.
    const seen = history?.contacts.find((contact) => contact.kind === 'impact');
    expect((await mineOf('c-1'))?.impact?.seenAt).toBe(seen?.at);
    expect(seen?.at).toEqual(expect.any(String));
    expect((await mineOf('c-2'))?.impact?.seenAt).toBeUndefined();

    // The loop metrics see it all: the bare scores (c-4's, c-1's second) are counted unprocessed.
    const metrics = await backend.team.loopMetrics();
    expect(metrics).toMatchObject({
      total: 5,
      unprocessed: 3,
      timeToFirstResponse: { count: 2 },
      timeToClose: { count: 2 },
    });
    expect(metrics.byTouchpoint.dashboard?.total).toBe(5);
  });

  it('given a change linked to declined feedback › nothing ships and nobody is told', async () => {
    const backend = createMemoryBackend({ now: clock() });
    const c1 = await answer(backend, 'c-1', { nps: 3, why: 'Add a fax export' });
    const c2 = await answer(backend, 'c-2', { nps: 3, why: 'Exports are slow' });
    await backend.team.act(
      c1.responseId,
      { type: 'feedback.decline', reason: 'We will not support fax.' },
      anna,
    );
    await expect(
      backend.team.shipChange(
        { id: 'exports', weDid: 'Faster exports', itemIds: [c2.responseId, c1.responseId] },
        anna,
      ),
    ).rejects.toThrow('itemIds[1]: is declined: reopen it before linking it to a change');
    expect((await backend.team.getFeedback(c2.responseId)).status).toBe('new');
    expect(
      await backend.listImpact({
        customerId: 'c-2',
        touchpointId: 'dashboard',
        surveyId: survey.id,
      }),
    ).toEqual([]);
    // The customer reads why.
    const [declined] = (await backend.listMyFeedback?.({ customerId: 'c-1' })) ?? [];
    expect(declined?.history.at(-1)).toMatchObject({
      to: 'declined',
      reason: 'We will not support fax.',
    });
  });

  it('given customers with attributes › each item keeps the segment its customer answered with, and the inbox filters by it', async () => {
    const backend = createMemoryBackend({ now: clock() });
    const pro = await answer(
      backend,
      'c-1',
      { nps: 3, why: 'Exports are slow' },
      {
        plan: 'pro',
        seats: 12,
        trial: false,
      },
    );
    const free = await answer(backend, 'c-2', { nps: 4, why: 'Too pricey' }, { plan: 'free' });
    const bare = await answer(backend, 'c-3', { nps: 5, why: 'I miss a dark mode' });
    expect((await backend.team.getFeedback(pro.responseId)).segment).toEqual({
      plan: 'pro',
      seats: 12,
      trial: false,
    });
    expect((await backend.team.getFeedback(bare.responseId)).segment).toBeUndefined();
    const ids = async (segment: Record<string, string | number | boolean>) =>
      (await backend.team.listFeedback({ segment })).items.map((item) => item.id);
    expect(await ids({ plan: 'pro' })).toEqual([pro.responseId]);
    expect(await ids({ plan: 'free' })).toEqual([free.responseId]);
    expect(await ids({ seats: 12, trial: false })).toEqual([pro.responseId]);
    // Types stay apart: the number 12 is not the text "12".
    expect(await ids({ seats: '12' })).toEqual([]);
  });
});
