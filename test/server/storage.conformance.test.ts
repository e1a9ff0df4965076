import {
  contactHistorySchema,
  customerFeedbackSchema,
  cxReportCsv,
  defineSurvey,
  deliveryKey,
  type FeedbackResponse,
  HISTORY_CONTACTS,
  INBOX_PAGE_SIZE,
  type InboxPage,
  type InboxQuery,
  inboxCsv,
  LifecycleError,
  NotFoundError,
  npsOf,
  type TeamAction,
  ValidationError,
} from '@palaute/engine';
import { customerDeletionSchema, customerExportSchema } from '@palaute/engine/internal';
import * as z from 'zod/mini';
import {
  anna,
  databaseUrl,
  freshDatabase,
  handClock,
  makeDismissal,
  makeDisplay,
  makeFollowUp,
  makeResponse,
  memoryKind,
  postgresTitle,
  type Subject,
  type SubjectKind,
  sqlKind,
  unique,
} from './storage.fixtures';

// One suite, three storages: the engine's memory backend (the reference), the server's SQL storage
// on PGlite, and on PostgreSQL when DATABASE_URL is set. Each test uses ids of its own, so the
// tests share one database per storage without seeing each other.

/** The databases made for the PostgreSQL runs, dropped when the file is done. */
const drops: (() => Promise<void>)[] = [];
const postgresKind: SubjectKind = {
  name: postgresTitle,
  async open(now, cx) {
    const database = await freshDatabase(databaseUrl as string);
    drops.push(database.drop);
    return sqlKind(postgresTitle, database.url).open(now, cx);
  },
};
afterAll(async () => {
  for (const drop of drops.splice(0)) await drop();
});

const kinds = [
  { kind: memoryKind, run: true },
  { kind: sqlKind('PGlite (in memory)'), run: true },
  { kind: postgresKind, run: Boolean(databaseUrl) },
];

describe.each(kinds)('storage conformance: $kind.name', ({ kind, run }) => {
  const clock = handClock();
  let subject: Subject;
  const at = () => clock.now().toISOString();

  beforeAll(async () => {
    if (run) subject = await kind.open(clock.now);
  }, 60_000);
  afterAll(async () => {
    await subject?.close();
  });

  // Only PostgreSQL may be skipped, and only without DATABASE_URL (its title says so).
  const it = run ? test : test.skip;

  /** Submits a response that makes an item, and returns the item id. */
  const seedItem = async (ids: ReturnType<typeof unique>, answers?: Record<string, unknown>) => {
    const response = makeResponse(ids, at(), answers ? { answers: answers as never } : {});
    await subject.backend.submitResponse(response);
    return response.id;
  };

  describe('ingestion', () => {
    it('given a response › stores it once and answers the same receipt to a replay', async () => {
      const ids = unique('replay');
      const response = makeResponse(ids, at());
      const first = await subject.backend.submitResponse(response);
      expect(first).toEqual({ responseId: response.id, receivedAt: at() });
      clock.advance(60_000);
      const again = await subject.backend.submitResponse(response);
      expect(again).toEqual(first);
      const data = await subject.data.exportCustomer(ids.customer);
      expect(data.responses).toHaveLength(1);
      expect(data.receipts).toEqual([first]);
      expect(data.items).toHaveLength(1);
    });

    it('given the same response at once from several requests › stores one row', async () => {
      const ids = unique('race');
      const response = makeResponse(ids, at());
      const receipts = await Promise.all(
        Array.from({ length: 5 }, () => subject.backend.submitResponse(response)),
      );
      expect(new Set(receipts.map((receipt) => receipt.receivedAt)).size).toBe(1);
      const data = await subject.data.exportCustomer(ids.customer);
      expect(data.responses).toHaveLength(1);
      expect(data.items).toHaveLength(1);
    });

    it('given a batch of every kind, twice › stores each key once, then answers duplicate', async () => {
      const ids = unique('batch');
      const responseId = await seedItem(ids);
      await subject.team.act(
        responseId,
        { type: 'reply.team', reply: { id: ids.id('team-reply'), body: 'Tell us more?' } },
        anna,
      );
      const items = [
        { kind: 'display' as const, payload: makeDisplay(ids, ids.response(2), at()) },
        { kind: 'dismissal' as const, payload: makeDismissal(ids, ids.response(2), at()) },
        { kind: 'followUp' as const, payload: makeFollowUp(responseId, at()) },
        {
          kind: 'reply' as const,
          payload: {
            itemId: responseId,
            customerId: ids.customer,
            replyId: ids.id('reply'),
            body: 'CSV exports of 10k rows',
            at: at(),
          },
        },
      ];
      const first = await subject.backend.deliver(items);
      expect(first.map((result) => result.outcome)).toEqual([
        'stored',
        'stored',
        'stored',
        'stored',
      ]);
      const second = await subject.backend.deliver(items);
      expect(second).toEqual(first.map((result) => ({ ...result, outcome: 'duplicate' })));
      const data = await subject.data.exportCustomer(ids.customer);
      expect(data.displays).toHaveLength(1);
      expect(data.dismissals).toHaveLength(1);
      expect(data.followUps).toHaveLength(1);
      expect(data.replies).toHaveLength(1);
      expect(data.items[0]?.replies.map((reply) => reply.author.kind)).toEqual([
        'team',
        'customer',
      ]);
    });

    it('given the single-write methods, replayed › records one display, dismissal and follow-up', async () => {
      const ids = unique('single');
      const responseId = await seedItem(ids);
      for (let round = 0; round < 2; round++) {
        await subject.backend.recordDisplay(makeDisplay(ids, ids.response(3), at()));
        await subject.backend.recordDismissal(makeDismissal(ids, ids.response(3), at(), 'dismiss'));
        await subject.backend.submitFollowUp(makeFollowUp(responseId, at()));
      }
      const data = await subject.data.exportCustomer(ids.customer);
      expect([data.displays.length, data.dismissals.length, data.followUps.length]).toEqual([
        1, 1, 1,
      ]);
    });

    it('given a follow-up in words › the item keeps its life and gains the words', async () => {
      const ids = unique('followup');
      const responseId = await seedItem(ids);
      await subject.team.act(responseId, { type: 'feedback.triage' }, anna);
      await subject.backend.submitFollowUp(makeFollowUp(responseId, at()));
      const item = await subject.team.getFeedback(responseId);
      expect(item.status).toBe('triaged');
      expect(item.text).toBe('Exports are slow\n\nFaster exports, please');
      expect(item.answers.fixFirst).toBe('Faster exports, please');
    });

    it('given a follow-up to a response its customer does not have › refused for good (not_found), alone and in a batch', async () => {
      // An outbox sends a follow-up only after its response is stored: one whose response is
      // unknown (or another customer's) would be refused again, so it is not retried for ever.
      const ids = unique('early');
      const early = { ...makeFollowUp(ids.response(9), at()), customerId: ids.customer };
      await expect(subject.backend.submitFollowUp(early)).rejects.toBeInstanceOf(NotFoundError);
      expect(await subject.backend.deliver([{ kind: 'followUp', payload: early }])).toEqual([
        {
          key: deliveryKey({ kind: 'followUp', payload: early }),
          outcome: 'rejected',
          error: { code: 'not_found', message: expect.stringMatching(/responseId/) },
        },
      ]);
      // Another customer's response under that id is not theirs either.
      const other = unique('early-other');
      await subject.backend.submitResponse(makeResponse(other, at(), { id: early.responseId }));
      await expect(subject.backend.submitFollowUp(early)).rejects.toBeInstanceOf(NotFoundError);
      expect((await subject.data.exportCustomer(other.customer)).followUps).toEqual([]);
    });

    it('given a response with a kind (the launcher’s idea, problem, praise or other) › the item keeps it; a bad kind is refused naming kind', async () => {
      const ids = unique('kind');
      const response = makeResponse(ids, at(), { kind: 'idea' });
      await subject.backend.submitResponse(response);
      expect((await subject.team.getFeedback(response.id)).kind).toBe('idea');
      expect((await subject.data.exportCustomer(ids.customer)).responses[0]?.kind).toBe('idea');
      const plain = unique('kind-none');
      const bare = makeResponse(plain, at());
      await subject.backend.submitResponse(bare);
      expect((await subject.team.getFeedback(bare.id)).kind).toBeUndefined();
      const bad = { ...makeResponse(ids, at(), { id: ids.response(2) }), kind: 'rant' };
      const error = await subject.backend
        .submitResponse(bad as never)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems.map((problem) => problem.path)).toEqual(['kind']);
    });

    it('given an invalid write › rejects it with a validation error naming the path', async () => {
      const ids = unique('invalid');
      const bad = { ...makeResponse(ids, at()), submittedAt: 'yesterday' };
      const error = await subject.backend.submitResponse(bad).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems.map((problem) => problem.path)).toContain(
        'submittedAt',
      );
      const [result] = await subject.backend.deliver([{ kind: 'response', payload: bad }]);
      expect(result).toMatchObject({ outcome: 'rejected', error: { code: 'invalid_request' } });
      expect(result?.error?.message).toMatch(/submittedAt/);
      expect((await subject.data.exportCustomer(ids.customer)).responses).toEqual([]);
    });

    it('given a response without words or consent (a bare score) › stores it as an item the team lists and counts and the customer sees, with the score', async () => {
      const ids = unique('score');
      const id = await seedItem(ids, { nps: 2 });
      const data = await subject.data.exportCustomer(ids.customer);
      expect(data.responses).toHaveLength(1);
      expect(data.items).toMatchObject([{ id, answers: { nps: 2 }, status: 'new' }]);
      expect(data.items[0]?.text).toBeUndefined();
      const { items: inbox } = await subject.team.listFeedback({ touchpointId: ids.touchpoint });
      expect(inbox.map((item) => item.id)).toEqual([id]);
      expect((await subject.team.loopMetrics()).byTouchpoint[ids.touchpoint]).toMatchObject({
        total: 1,
        unprocessed: 1,
      });
      expect(await subject.backend.listMyFeedback({ customerId: ids.customer })).toMatchObject([
        { id, answers: { nps: 2 } },
      ]);
    });
  });

  describe('the team', () => {
    it('lists the inbox by touchpoint and status, unprocessed first, oldest first', async () => {
      const ids = unique('inbox');
      const a = await seedItem(ids);
      clock.advance(3_600_000);
      const b = await seedItem({ ...ids, response: () => ids.response(2) });
      clock.advance(3_600_000);
      const c = await seedItem({ ...ids, response: () => ids.response(3) });
      await subject.team.act(c, { type: 'feedback.triage' }, anna);
      const { items: inbox } = await subject.team.listFeedback({ touchpointId: ids.touchpoint });
      expect(inbox.map((item) => item.id)).toEqual([a, b, c]);
      const newest = (
        await subject.team.listFeedback({
          touchpointId: ids.touchpoint,
          sort: 'newest',
        })
      ).items;
      expect(newest.map((item) => item.id)).toEqual([c, b, a]);
      const triaged = (
        await subject.team.listFeedback({
          touchpointId: ids.touchpoint,
          status: ['triaged'],
        })
      ).items;
      expect(triaged.map((item) => item.id)).toEqual([c]);
      const old = (
        await subject.team.listFeedback({
          touchpointId: ids.touchpoint,
          olderThanHours: 1.5,
        })
      ).items;
      expect(old.map((item) => item.id)).toEqual([a]);
    });

    it('keeps the segment a response was answered with, and filters the inbox by it', async () => {
      const ids = unique('segment');
      const pro = makeResponse(ids, at(), { segment: { plan: 'pro', seats: 12, trial: false } });
      const free = makeResponse({ ...ids, response: () => ids.response(2) }, at(), {
        segment: { plan: 'free', seats: null },
      });
      await subject.backend.submitResponse(pro);
      await subject.backend.submitResponse(free);
      expect((await subject.team.getFeedback(pro.id)).segment).toEqual(pro.segment);
      const matching = async (segment: Record<string, string | number | boolean>) =>
        (await subject.team.listFeedback({ touchpointId: ids.touchpoint, segment })).items.map(
          (item) => item.id,
        );
      expect(await matching({ plan: 'pro' })).toEqual([pro.id]);
      expect(await matching({ plan: 'free' })).toEqual([free.id]);
      expect(await matching({ seats: 12, trial: false })).toEqual([pro.id]);
      expect(await matching({ seats: '12' })).toEqual([]);
    });

    it('moves an item through its lifecycle with history, and refuses what the guards forbid', async () => {
      const ids = unique('life');
      const id = await seedItem(ids);
      await subject.team.act(id, { type: 'feedback.triage' }, anna);
      const planned = await subject.team.act(id, { type: 'feedback.plan' }, anna);
      expect(planned.status).toBe('planned');
      expect(planned.history.map((step) => step.to)).toEqual(['new', 'triaged', 'planned']);
      await expect(subject.team.act(id, { type: 'feedback.answer' }, anna)).rejects.toBeInstanceOf(
        LifecycleError,
      );
      await expect(
        subject.team.act(id, { type: 'feedback.triage' }, { kind: 'customer', id: ids.customer }),
      ).rejects.toBeInstanceOf(LifecycleError);
      await expect(
        subject.team.act(id, { type: 'feedback.decline', reason: '' }, anna),
      ).rejects.toBeInstanceOf(LifecycleError);
      expect((await subject.team.getFeedback(id)).status).toBe('planned');
      const declined = await subject.team.act(
        id,
        { type: 'feedback.decline', reason: 'Not on this year’s plan' },
        anna,
      );
      expect(declined.status).toBe('declined');
      expect(await subject.team.getFeedback(id)).toEqual(declined);
    });

    it('refuses a team reply to a customer who did not consent', async () => {
      const ids = unique('consent');
      const id = await seedItem(ids, { nps: 4, why: 'Too slow' });
      await expect(
        subject.team.act(
          id,
          { type: 'reply.team', reply: { id: ids.id('reply'), body: 'Hello' } },
          anna,
        ),
      ).rejects.toBeInstanceOf(LifecycleError);
    });

    it('given a new item › a team reply triages it (replying is handling), recorded as the team’s move, and the loop metrics count it as responded', async () => {
      const ids = unique('handled');
      const id = await seedItem(ids);
      const created = at();
      clock.advance(2 * 3_600_000);
      const replied = await subject.team.act(
        id,
        { type: 'reply.team', reply: { id: ids.id('team-reply'), body: 'Which export?' } },
        anna,
      );
      expect(replied.status).toBe('triaged');
      expect(replied.history.at(-1)).toEqual({ from: 'new', to: 'triaged', at: at(), by: anna });
      expect(replied.replies.map((reply) => [reply.author, reply.body])).toEqual([
        [anna, 'Which export?'],
      ]);
      expect(await subject.team.getFeedback(id)).toEqual(replied);
      expect(
        (await subject.team.listFeedback({ touchpointId: ids.touchpoint, status: ['new'] })).items,
      ).toEqual([]);
      const metrics = await subject.team.loopMetrics({ responseTargetHours: 1 });
      expect(metrics.byTouchpoint[ids.touchpoint]).toMatchObject({
        total: 1,
        unprocessed: 0,
        overdue: 0,
        timeToFirstResponse: { count: 1, medianHours: 2 },
      });
      expect(Date.parse(replied.createdAt)).toBe(Date.parse(created));
    });

    it('given a triaged or planned item › a team reply leaves its status and history as they are', async () => {
      const ids = unique('replied');
      for (const [n, move] of (['feedback.triage', 'feedback.plan'] as const).entries()) {
        const id = await seedItem({ ...ids, response: () => ids.response(n + 1) });
        const moved = await subject.team.act(id, { type: move }, anna);
        const replied = await subject.team.act(
          id,
          { type: 'reply.team', reply: { id: ids.id(`reply-${n}`), body: 'Thanks!' } },
          anna,
        );
        expect(replied.status).toBe(moved.status);
        expect(replied.history).toEqual(moved.history);
        expect(replied.replies).toHaveLength(1);
      }
    });

    it('given a customer who wrote back › the item sorts with the unprocessed, whatever its status, until the team answers', async () => {
      const ids = unique('writes-back');
      const item = (n: number) => ({ ...ids, response: () => ids.response(n) });
      const fresh = await seedItem(item(1));
      clock.advance(3_600_000);
      const wrote = await seedItem(item(2));
      clock.advance(3_600_000);
      const open = await seedItem(item(3));
      clock.advance(3_600_000);
      const declined = await seedItem(item(4));
      await subject.team.act(open, { type: 'feedback.plan' }, anna);
      for (const [id, n] of [
        [wrote, 1],
        [declined, 2],
      ] as const) {
        await subject.team.act(
          id,
          { type: 'reply.team', reply: { id: ids.id(`team-${n}`), body: 'Which page?' } },
          anna,
        );
        await subject.team.act(id, { type: 'feedback.plan' }, anna);
      }
      await subject.team.act(declined, { type: 'feedback.decline', reason: 'Not now' }, anna);
      const order = async () =>
        (await subject.team.listFeedback({ touchpointId: ids.touchpoint })).items.map(
          (one) => one.id,
        );
      // Handled: the open ones newest first, then the closed one.
      expect(await order()).toEqual([fresh, open, wrote, declined]);
      for (const [id, n] of [
        [wrote, 1],
        [declined, 2],
      ] as const)
        await subject.backend.submitReply({
          itemId: id,
          customerId: ids.customer,
          replyId: ids.id(`customer-${n}`),
          body: 'The billing page',
          at: at(),
        });
      // Waiting for the team: with the new item, oldest first, before everything handled.
      expect(await order()).toEqual([fresh, wrote, declined, open]);
      expect((await subject.team.getFeedback(wrote)).status).toBe('planned');
      // A page at a time, the same order.
      const first = await subject.team.listFeedback({ touchpointId: ids.touchpoint, limit: 2 });
      const rest = await subject.team.listFeedback({
        touchpointId: ids.touchpoint,
        limit: 2,
        cursor: first.next,
      });
      expect([...first.items, ...rest.items].map((one) => one.id)).toEqual([
        fresh,
        wrote,
        declined,
        open,
      ]);
      // The loop metrics still count as unprocessed only what is new.
      expect((await subject.team.loopMetrics()).byTouchpoint[ids.touchpoint]).toMatchObject({
        total: 4,
        unprocessed: 1,
      });
      await subject.team.act(
        wrote,
        { type: 'reply.team', reply: { id: ids.id('team-3'), body: 'Fixed.' } },
        anna,
      );
      expect(await order()).toEqual([fresh, declined, open, wrote]);
    });

    it('given an unknown item › answers a validation error naming the id', async () => {
      const error = await subject.team
        .getFeedback('response-nobody-has')
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems[0]?.path).toBe('id');
      await expect(
        subject.team.act('response-nobody-has', { type: 'feedback.triage' }, anna),
      ).rejects.toBeInstanceOf(ValidationError);
    });

    it('ships a change: the linked items ship and exactly their customers get a notice, once', async () => {
      const ids = unique('ship');
      const other = unique('ship-other');
      const id = await seedItem(ids);
      const otherId = await seedItem(other);
      const change = await subject.team.shipChange(
        { id: ids.id('change'), weDid: 'Exports are 10× faster', itemIds: [id] },
        anna,
      );
      expect(change.shippedAt).toBe(at());
      expect((await subject.team.getFeedback(id)).status).toBe('shipped');
      expect((await subject.team.getFeedback(otherId)).status).toBe('new');
      const notices = await subject.backend.listImpact({ customerId: ids.customer });
      expect(notices).toEqual([
        {
          id: `${change.id}:${id}`,
          youSaid: 'Exports are slow',
          weDid: 'Exports are 10× faster',
          shippedAt: change.shippedAt,
        },
      ]);
      expect(await subject.backend.listImpact({ customerId: other.customer })).toEqual([]);
      // Shipping the same change again changes nothing for the customer.
      await subject.team.shipChange(
        { id: change.id, weDid: 'Exports are 10× faster', itemIds: [id] },
        anna,
      );
      expect(await subject.backend.listImpact({ customerId: ids.customer })).toHaveLength(1);
      expect((await subject.team.listChanges()).filter((c) => c.id === change.id)).toHaveLength(1);
      // The customer's own feedback carries it, as news: not seen yet.
      const mineOf = async () =>
        (await subject.backend.listMyFeedback({ customerId: ids.customer }))[0];
      expect((await mineOf())?.impact).toEqual(notices[0]);
      clock.advance(60_000);
      const seenAt = at();
      await subject.backend.markImpactSeen({
        customerId: ids.customer,
        noticeId: `${change.id}:${id}`,
        at: seenAt,
      });
      expect(await subject.backend.listImpact({ customerId: ids.customer })).toEqual([]);
      // Seen: still in their feedback, with when; a later "seen" (another device) changes nothing.
      clock.advance(60_000);
      await subject.backend.markImpactSeen({
        customerId: ids.customer,
        noticeId: `${change.id}:${id}`,
        at: at(),
      });
      const mine = await mineOf();
      expect(mine?.impact).toEqual({ ...notices[0], seenAt });
      expect(z.safeParse(customerFeedbackSchema, mine).success).toBe(true);
    });

    it('ships all of a change or none: a declined item is named and nothing moves', async () => {
      const ids = unique('all-or-none');
      const open = await seedItem(ids);
      const declined = await seedItem({ ...ids, response: () => ids.response(2) });
      await subject.team.act(declined, { type: 'feedback.decline', reason: 'No' }, anna);
      const error = await subject.team
        .shipChange({ id: ids.id('change'), weDid: 'Done', itemIds: [open, declined] }, anna)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems[0]?.path).toBe('itemIds[1]');
      expect((await subject.team.getFeedback(open)).status).toBe('new');
      expect((await subject.team.listChanges()).some((c) => c.id === ids.id('change'))).toBe(false);
      expect(await subject.backend.listImpact({ customerId: ids.customer })).toEqual([]);
    });

    it('computes loop metrics with the engine, per touchpoint', async () => {
      const ids = unique('metrics');
      const a = await seedItem(ids);
      await seedItem({ ...ids, response: () => ids.response(2) });
      clock.advance(2 * 3_600_000);
      await subject.team.act(a, { type: 'feedback.triage' }, anna);
      const metrics = await subject.team.loopMetrics({ responseTargetHours: 1 });
      expect(metrics.byTouchpoint[ids.touchpoint]).toMatchObject({
        total: 2,
        unprocessed: 1,
        unprocessedShare: 0.5,
        overdue: 1,
        timeToFirstResponse: { count: 1, medianHours: 2 },
      });
    });
  });

  describe('team tools: search, tags, assignee, bulk actions', () => {
    /** Items at one touchpoint of their own, each with these words from the customer. */
    const seedTexts = async (ids: ReturnType<typeof unique>, texts: string[], locale = 'en') => {
      const made: string[] = [];
      for (const [index, why] of texts.entries()) {
        const response = makeResponse(ids, at(), {
          id: ids.response(index + 1),
          locale,
          answers: { nps: 5, why, contact: true },
        });
        await subject.backend.submitResponse(response);
        made.push(response.id);
        clock.advance(1000);
      }
      return made;
    };
    const search = async (ids: ReturnType<typeof unique>, text: string) =>
      (
        await subject.team.listFeedback({ touchpointId: ids.touchpoint, text, sort: 'oldest' })
      ).items.map((item) => item.id);

    it('searches what the customer wrote, word for word in any case: every word, "phrases", or, -not', async () => {
      const ids = unique('search');
      const [slow, fast, both] = await seedTexts(ids, [
        'Exports are slow on Mondays',
        'The invoice view is fast',
        'Invoice exports are slow and the view is fast',
      ]);
      expect(await search(ids, 'EXPORTS')).toEqual([slow, both]);
      expect(await search(ids, 'invoice fast')).toEqual([fast, both]);
      expect(await search(ids, '"are slow"')).toEqual([slow, both]);
      expect(await search(ids, '"slow exports"')).toEqual([]);
      expect(await search(ids, 'mondays or invoice')).toEqual([slow, fast, both]);
      expect(await search(ids, 'exports -invoice')).toEqual([slow]);
      expect(await search(ids, 'spreadsheet')).toEqual([]);
    });

    it('searches the customer’s replies in the thread too, never the team’s', async () => {
      const ids = unique('search-thread');
      const [id] = await seedTexts(ids, ['Exports are slow']);
      await subject.team.act(
        id as string,
        { type: 'reply.team', reply: { id: ids.id('team'), body: 'Which spreadsheet program?' } },
        anna,
      );
      expect(await search(ids, 'spreadsheet')).toEqual([]);
      await subject.backend.submitReply({
        itemId: id as string,
        customerId: ids.customer,
        replyId: ids.id('reply'),
        body: 'LibreOffice Calc, mostly',
        at: at(),
      });
      expect(await search(ids, 'libreoffice calc')).toEqual([id]);
    });

    it('finds other forms of a word in the customer’s language on SQL (exports → export, laskujen → lasku); the memory backend matches words as written', async () => {
      const ids = unique('search-language');
      const [english] = await seedTexts(ids, ['Exports are slow']);
      const finnishIds = { ...ids, response: (n = 1) => ids.response(10 + n) };
      const [finnish] = await seedTexts(finnishIds, ['Laskujen vienti on hidasta'], 'fi');
      const stems = kind === memoryKind ? [[], []] : [[english], [finnish]];
      expect([await search(ids, 'export'), await search(ids, 'lasku')]).toEqual(stems);
      // Words as written match everywhere, stop words included.
      expect(await search(ids, 'are')).toEqual([english]);
      expect(await search(ids, 'laskujen')).toEqual([finnish]);
    });

    it('tags items (each tag once, in order), removes tags and filters by every tag given', async () => {
      const ids = unique('tags');
      const [a, b] = await seedTexts(ids, ['Exports are slow', 'Login fails']);
      const tagged = await subject.team.act(
        a as string,
        { type: 'tags.add', tags: ['billing', 'exports', 'billing'] },
        anna,
      );
      expect(tagged.tags).toEqual(['billing', 'exports']);
      await subject.team.act(b as string, { type: 'tags.add', tags: ['billing'] }, anna);
      const list = async (query: InboxQuery) =>
        (
          await subject.team.listFeedback({
            touchpointId: ids.touchpoint,
            sort: 'oldest',
            ...query,
          })
        ).items.map((item) => item.id);
      expect(await list({ tags: ['billing'] })).toEqual([a, b]);
      expect(await list({ tags: ['billing', 'exports'] })).toEqual([a]);
      expect(await list({ tags: [] })).toEqual([a, b]);
      const removed = await subject.team.act(
        a as string,
        { type: 'tags.remove', tags: ['billing', 'never-there'] },
        anna,
      );
      expect(removed.tags).toEqual(['exports']);
      const cleared = await subject.team.act(
        a as string,
        { type: 'tags.remove', tags: ['exports'] },
        anna,
      );
      expect(cleared.tags).toBeUndefined();
      expect(await subject.team.getFeedback(a as string)).toEqual(cleared);
      expect(await list({ tags: ['billing'] })).toEqual([b]);
      // At most 20 tags on an item: more is refused, and nothing changes.
      const many = Array.from({ length: 21 }, (_, index) => `tag-${index}`);
      const refused = await subject.team
        .act(b as string, { type: 'tags.add', tags: many }, anna)
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(LifecycleError);
      expect((refused as LifecycleError).code).toBe('tooManyTags');
      expect((await subject.team.getFeedback(b as string)).tags).toEqual(['billing']);
    });

    it('assigns items to a team member, filters by assignee and by unassigned, and unassigns', async () => {
      const ids = unique('assignee');
      const [a, b, c] = await seedTexts(ids, ['One', 'Two', 'Three']);
      await subject.team.act(a as string, { type: 'assignee.set', assignee: 'anna' }, anna);
      await subject.team.act(b as string, { type: 'assignee.set', assignee: 'ben' }, anna);
      const list = async (assignee: string | null) =>
        (
          await subject.team.listFeedback({
            touchpointId: ids.touchpoint,
            sort: 'oldest',
            assignee,
          })
        ).items.map((item) => item.id);
      expect(await list('anna')).toEqual([a]);
      expect(await list(null)).toEqual([c]);
      const unassigned = await subject.team.act(
        a as string,
        { type: 'assignee.set', assignee: null },
        anna,
      );
      expect(unassigned.assignee).toBeUndefined();
      expect(await list(null)).toEqual([a, c]);
      expect(await list('anna')).toEqual([]);
      // Every filter at once: text, tag, assignee, status.
      await subject.team.act(b as string, { type: 'tags.add', tags: ['urgent'] }, anna);
      const combined = await subject.team.listFeedback({
        touchpointId: ids.touchpoint,
        text: 'two',
        tags: ['urgent'],
        assignee: 'ben',
        status: ['new'],
      });
      expect(combined.items.map((item) => item.id)).toEqual([b]);
    });

    it("filters by kind: every stored item is survey feedback, ideas and bug reports are the board's", async () => {
      const ids = unique('kind');
      const [a, b] = await seedTexts(ids, ['One', 'Two']);
      const list = async (kind?: InboxQuery['kind']) =>
        (
          await subject.team.listFeedback({
            touchpointId: ids.touchpoint,
            sort: 'oldest',
            ...(kind ? { kind } : {}),
          })
        ).items.map((item) => item.id);
      expect(await list()).toEqual([a, b]);
      expect(await list('feedback')).toEqual([a, b]);
      expect(await list('idea')).toEqual([]);
      expect(await list('bug')).toEqual([]);
    });

    it("filters by the launcher's kind: one kind, or `null` for feedback without one; the CSV says each item's kind", async () => {
      const ids = unique('about');
      const made: string[] = [];
      for (const [index, kind] of (
        ['idea', 'praise', undefined, 'idea', 'problem'] as const
      ).entries()) {
        const response = makeResponse(ids, at(), {
          id: ids.response(index + 1),
          answers: { nps: 5, why: `Text ${index}`, contact: true },
          ...(kind ? { kind } : {}),
        });
        await subject.backend.submitResponse(response);
        made.push(response.id);
        clock.advance(1000);
      }
      const [idea1, praise, survey, idea2, problem] = made;
      const list = async (feedbackKind?: InboxQuery['feedbackKind']) =>
        (
          await subject.team.listFeedback({
            touchpointId: ids.touchpoint,
            sort: 'oldest',
            ...(feedbackKind !== undefined ? { feedbackKind } : {}),
          })
        ).items.map((item) => item.id);
      expect(await list()).toEqual(made);
      expect(await list('idea')).toEqual([idea1, idea2]);
      expect(await list('praise')).toEqual([praise]);
      expect(await list('problem')).toEqual([problem]);
      expect(await list('other')).toEqual([]);
      expect(await list(null)).toEqual([survey]);
      // With the other filters, and paged: the second page goes on after the first.
      const first = await subject.team.listFeedback({
        touchpointId: ids.touchpoint,
        sort: 'oldest',
        feedbackKind: 'idea',
        kind: 'feedback',
        limit: 1,
      });
      expect(first.items.map((item) => item.id)).toEqual([idea1]);
      const second = await subject.team.listFeedback({
        touchpointId: ids.touchpoint,
        sort: 'oldest',
        feedbackKind: 'idea',
        kind: 'feedback',
        limit: 1,
        ...(first.next ? { cursor: first.next } : {}),
      });
      expect(second.items.map((item) => item.id)).toEqual([idea2]);
      const rows = inboxCsv(
        (await subject.team.listFeedback({ touchpointId: ids.touchpoint, sort: 'oldest' })).items,
      )
        .trim()
        .split('\r\n')
        .map((line) => line.split(',').at(-1));
      expect(rows).toEqual(['kind', 'idea', 'praise', '', 'idea', 'problem']);
    });

    it('acts on many items at once: one verdict per id in order, the lifecycle applied to each, a refusal leaving its item alone', async () => {
      const ids = unique('bulk');
      const [a, b, c] = await seedTexts(ids, ['One', 'Two', 'Three']);
      await subject.team.act(
        c as string,
        { type: 'feedback.decline', reason: 'Not this year' },
        anna,
      );
      const before = await subject.team.getFeedback(c as string);
      const unknown = ids.id('nobody-has-this');
      const verdicts = await subject.team.actMany?.(
        {
          ids: [b as string, unknown, c as string, a as string],
          action: { type: 'feedback.plan' },
        },
        anna,
      );
      expect(verdicts?.map((verdict) => [verdict.id, verdict.outcome])).toEqual([
        [b, 'done'],
        [unknown, 'refused'],
        [c, 'refused'],
        [a, 'done'],
      ]);
      expect(verdicts?.[1]).toMatchObject({ error: { code: 'not_found' } });
      expect(verdicts?.[2]).toMatchObject({ error: { code: 'lifecycle.notFromStatus' } });
      for (const verdict of verdicts ?? [])
        if (verdict.outcome === 'done') {
          expect(verdict.item.status).toBe('planned');
          expect(verdict.item.history.at(-1)).toMatchObject({
            from: 'new',
            to: 'planned',
            by: anna,
          });
          expect(await subject.team.getFeedback(verdict.id)).toEqual(verdict.item);
        }
      expect(await subject.team.getFeedback(c as string)).toEqual(before);
      const tagged = await subject.team.actMany?.(
        { ids: [a as string, b as string], action: { type: 'tags.add', tags: ['q3'] } },
        anna,
      );
      expect(tagged?.map((verdict) => verdict.outcome)).toEqual(['done', 'done']);
      expect(
        (await subject.team.listFeedback({ touchpointId: ids.touchpoint, tags: ['q3'] })).items,
      ).toHaveLength(2);
    });

    it('refuses a bad bulk action as a whole, naming the path, and changes nothing', async () => {
      const ids = unique('bulk-bad');
      const [a] = await seedTexts(ids, ['One']);
      const refusal = async (bulk: unknown) => {
        const error = await subject.team.actMany?.(bulk as never, anna).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).problems.map((problem) => problem.path);
      };
      expect(await refusal({ ids: [a, a], action: { type: 'feedback.triage' } })).toEqual(['ids']);
      expect(await refusal({ ids: [], action: { type: 'feedback.triage' } })).toEqual(['ids']);
      expect(await refusal({ ids: [a], action: { type: 'feedback.decline' } })).toEqual([
        'action.reason',
      ]);
      expect(
        await refusal({
          ids: [a],
          action: { type: 'reply.team', reply: { id: 'r-12345678', body: 'Hi' } },
        }),
      ).toEqual(['action.type']);
      expect((await subject.team.getFeedback(a as string)).status).toBe('new');
    });

    it('refuses a bad search, tag or assignee filter naming its path', async () => {
      const refusal = async (query: unknown) => {
        const error = await subject.team.listFeedback(query as never).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).problems.map((problem) => problem.path);
      };
      expect(await refusal({ text: '  --  ' })).toEqual(['text']);
      expect(await refusal({ text: 'x'.repeat(201) })).toEqual(['text']);
      expect(await refusal({ tags: [' padded'] })).toEqual(['tags[0]']);
      expect(await refusal({ assignee: '' })).toEqual(['assignee']);
      expect(await refusal({ kind: 'praise' })).toEqual(['kind']);
      expect(await refusal({ feedbackKind: 'bug' })).toEqual(['feedbackKind']);
      expect(await refusal({ feedbackKind: '' })).toEqual(['feedbackKind']);
    });
  });

  describe('loop metrics and facets, on an inbox of its own', () => {
    // A database of its own: the metrics and facets count the whole inbox.
    const HOUR = 3_600_000;
    const own = handClock('2026-11-23T10:00:00.000Z');
    const T0 = own.now().getTime();
    let inbox: Subject;
    const ids = new Map<string, string>();
    const to = (hours: number) => own.advance(T0 + hours * HOUR - own.now().getTime());

    beforeAll(async () => {
      if (!run) return;
      inbox = await kind.open(own.now);
      const submit = async (
        name: string,
        touchpointId: string,
        createdAt: string | number,
        segment?: FeedbackResponse['segment'],
      ) => {
        const tag = unique(`loop-${name}`);
        const when =
          typeof createdAt === 'number' ? new Date(T0 + createdAt * HOUR).toISOString() : createdAt;
        const response = makeResponse(tag, when, {
          touchpointId,
          ...(segment ? { segment } : {}),
        });
        await inbox.backend.submitResponse(response);
        ids.set(name, response.id);
      };
      const act = (name: string, action: TeamAction) =>
        inbox.team.act(ids.get(name) as string, action, anna);
      const reply = (name: string) =>
        act(name, { type: 'reply.team', reply: { id: `reply-of-${ids.get(name)}`, body: 'Hi' } });

      // Twelve items at three touchpoints, created from 800 hours before T0 to 40 hours after it.
      await submit('b1', 'billing', -2, { plan: 'pro', seats: 12 });
      await submit('b2', 'billing', -0.5, { plan: 'pro', seats: '12' });
      await submit('b3', 'billing', -72, { plan: 'free', seats: 12, trial: true });
      await submit('b4', 'billing', -1, { plan: 'enterprise' });
      // 10 hours before T0, written in Helsinki time.
      await submit('d1', 'dashboard', '2026-11-23T02:00:00.000+02:00', {
        plan: 'pro',
        trial: false,
      });
      await submit('d2', 'dashboard', -200, { plan: 'free' });
      await submit('d3', 'dashboard', -800, { plan: 'pro', country: 'FI' });
      await submit('o1', 'onboarding', -5);
      await submit('o2', 'onboarding', -100, { plan: 'free' });
      // On the 48-hour line when the metrics are read (at T0 + 48 h), and a millisecond past it.
      await submit('o3', 'onboarding', 0);
      await submit('o4', 'onboarding', '2026-11-23T09:59:59.999Z');
      to(1);
      await act('b1', { type: 'feedback.triage' });
      await act('b4', { type: 'feedback.decline', reason: 'Not for us' });
      await reply('o1');
      to(2);
      await reply('b2');
      to(3);
      await act('b2', { type: 'feedback.answer' });
      to(4);
      await act('d2', { type: 'feedback.triage' });
      to(5);
      await act('b1', { type: 'feedback.plan' });
      to(20);
      await inbox.team.shipChange(
        { id: 'faster-exports', weDid: 'Faster exports', itemIds: [ids.get('b1') as string] },
        anna,
      );
      to(40);
      await submit('d4', 'dashboard', 40, { plan: null });
      to(48);
    }, 60_000);
    afterAll(async () => {
      await inbox?.close();
    });

    it('given a realistic mix › counts, shares, ages, overdue, and median and p90 times to respond and to close, overall and per touchpoint', async () => {
      const duration = (count: number, medianHours: number | null, p90Hours: number | null) => ({
        count,
        medianHours,
        p90Hours,
      });
      const aging = (under1Day: number, a: number, b: number, c: number, over30Days: number) => ({
        under1Day,
        from1To3Days: a,
        from3To7Days: b,
        from7To30Days: c,
        over30Days,
      });
      // o1's reply triaged it (replying is handling): it is no longer unprocessed.
      expect(await inbox.team.loopMetrics()).toEqual({
        total: 12,
        unprocessed: 7,
        unprocessedShare: 7 / 12,
        aging: aging(1, 3, 2, 0, 1),
        // b3, d1, d3, o2 and o4 (48 hours and a millisecond); not o3 (exactly 48 hours).
        overdue: 5,
        // 2, 2.5, 3, 6 and 204 hours: p90 is 60 % of the way from 6 to 204.
        timeToFirstResponse: duration(5, 3, 124.8),
        // 2, 3.5 and 22 hours: p90 is 80 % of the way from 3.5 to 22.
        timeToClose: duration(3, 3.5, 18.3),
        byTouchpoint: {
          billing: {
            total: 4,
            unprocessed: 1,
            unprocessedShare: 0.25,
            aging: aging(0, 0, 1, 0, 0),
            overdue: 1,
            timeToFirstResponse: duration(3, 2.5, 2.9),
            timeToClose: duration(3, 3.5, 18.3),
          },
          dashboard: {
            total: 4,
            unprocessed: 3,
            unprocessedShare: 0.75,
            aging: aging(1, 1, 0, 0, 1),
            overdue: 2,
            timeToFirstResponse: duration(1, 204, 204),
            timeToClose: duration(0, null, null),
          },
          onboarding: {
            total: 4,
            unprocessed: 3,
            unprocessedShare: 0.75,
            aging: aging(0, 2, 1, 0, 0),
            overdue: 2,
            timeToFirstResponse: duration(1, 6, 6),
            timeToClose: duration(0, null, null),
          },
        },
      });
      // A target of 100 hours: only b3, d3 and o2 (120, 848 and 148 hours old) wait past it.
      const later = await inbox.team.loopMetrics({ responseTargetHours: 100 });
      expect([later.overdue, later.byTouchpoint.dashboard?.overdue]).toEqual([3, 1]);
    });

    it('given a response target out of range › refuses it naming responseTargetHours', async () => {
      for (const responseTargetHours of [0, -1, 1_000_001]) {
        const error = await inbox.team
          .loopMetrics({ responseTargetHours })
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).problems.map((problem) => problem.path)).toEqual([
          'responseTargetHours',
        ]);
      }
    });

    it('given the same mix › offers every touchpoint and segment value with its count, typed (12 and "12" apart), the most common first', async () => {
      expect(await inbox.team.inboxFacets?.()).toEqual({
        total: 12,
        touchpoints: {
          // Four items each: by code point.
          values: [
            { value: 'billing', count: 4 },
            { value: 'dashboard', count: 4 },
            { value: 'onboarding', count: 4 },
          ],
          omitted: { values: 0, items: 0 },
        },
        segments: [
          {
            key: 'plan',
            // d4's plan is null and o1, o3 and o4 have no segment: eight items have a plan.
            count: 8,
            values: [
              { value: 'pro', count: 4 },
              { value: 'free', count: 3 },
              { value: 'enterprise', count: 1 },
            ],
            omitted: { values: 0, items: 0 },
          },
          {
            key: 'seats',
            count: 3,
            values: [
              { value: 12, count: 2 },
              { value: '12', count: 1 },
            ],
            omitted: { values: 0, items: 0 },
          },
          {
            key: 'trial',
            count: 2,
            values: [
              { value: false, count: 1 },
              { value: true, count: 1 },
            ],
            omitted: { values: 0, items: 0 },
          },
          {
            key: 'country',
            count: 1,
            values: [{ value: 'FI', count: 1 }],
            omitted: { values: 0, items: 0 },
          },
        ],
        omittedSegmentKeys: 0,
      });
    });

    it('given a limit and a number of keys › lists the most common and says what is left out; a bad one is refused naming its path', async () => {
      const facets = await inbox.team.inboxFacets?.({ limit: 1, keys: 2 });
      expect(facets).toEqual({
        total: 12,
        touchpoints: {
          values: [{ value: 'billing', count: 4 }],
          omitted: { values: 2, items: 8 },
        },
        segments: [
          {
            key: 'plan',
            count: 8,
            values: [{ value: 'pro', count: 4 }],
            omitted: { values: 2, items: 4 },
          },
          {
            key: 'seats',
            count: 3,
            values: [{ value: 12, count: 2 }],
            omitted: { values: 1, items: 1 },
          },
        ],
        omittedSegmentKeys: 2,
      });
      for (const [query, path] of [
        [{ limit: 0 }, 'limit'],
        [{ keys: 101 }, 'keys'],
      ] as const) {
        const error = await inbox.team.inboxFacets?.(query).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).problems.map((problem) => problem.path)).toEqual([path]);
      }
    });

    it('given a customer deleted › their items leave the metrics and the facets', async () => {
      const d3 = await inbox.team.getFeedback(ids.get('d3') as string);
      await inbox.data.deleteCustomer(d3.customerId);
      const metrics = await inbox.team.loopMetrics();
      expect([metrics.total, metrics.byTouchpoint.dashboard?.aging.over30Days]).toEqual([11, 0]);
      const facets = await inbox.team.inboxFacets?.();
      expect(facets?.segments.map((facet) => facet.key)).toEqual(['plan', 'seats', 'trial']);
      // pro and free tie at three: by code point.
      expect(facets?.segments[0]?.values).toEqual([
        { value: 'free', count: 3 },
        { value: 'pro', count: 3 },
        { value: 'enterprise', count: 1 },
      ]);
    });
  });

  describe('the inbox, a page at a time', () => {
    type Sort = NonNullable<InboxQuery['sort']>;
    const HOUR = 3_600_000;

    /**
     * Fourteen items, a to n, at every stage, on a touchpoint of their own. c, d and e share a
     * millisecond (d written with an offset, e with microseconds), as do j and k, and l and m: their
     * ids break the tie by code point ("Z" before "m", "ｚ" before "😀"), as no locale would.
     */
    async function seedInbox() {
      const ids = unique('pages');
      const now = clock.now().getTime();
      const iso = (hours: number) => new Date(now - hours * HOUR).toISOString();
      const byLetter = new Map<string, string>();
      const seed = async (
        letter: string,
        suffix: string,
        createdAt: string,
        segment?: FeedbackResponse['segment'],
      ) => {
        const response = makeResponse(ids, createdAt, {
          id: `${ids.response(0)}-${suffix}`,
          ...(segment ? { segment } : {}),
        });
        await subject.backend.submitResponse(response);
        byLetter.set(letter, response.id);
        return response.id;
      };
      const sameAsC = new Date(now - 70 * HOUR);
      await seed('a', 'a', iso(90), { plan: 'pro', seats: 12 });
      await seed('b', 'b', iso(80), { plan: 'free' });
      await seed('c', 'c', iso(70), { plan: 'pro', seats: '12' });
      // The same instant as c, written in Helsinki time (UTC+2 in November).
      const helsinki = new Date(sameAsC.getTime() + 2 * HOUR).toISOString().replace('Z', '+02:00');
      await seed('d', 'd', helsinki, { plan: 'free' });
      await seed('e', 'e', `${iso(70).slice(0, -1)}4Z`, { plan: 'pro' });
      await seed('f', 'f', iso(60), { plan: 'pro' });
      await seed('g', 'g', iso(50), { plan: 'free', trial: true });
      await seed('h', 'h', iso(40));
      await seed('i', 'i', iso(30), { plan: 'pro' });
      await seed('j', 'ｚ', iso(20), { plan: 'pro' });
      await seed('k', '😀', iso(20), { plan: 'pro' });
      await seed('l', 'Z', iso(10), { plan: 'free' });
      await seed('m', 'm', iso(10), { plan: 'free' });
      await seed('n', 'n', iso(1), { plan: 'pro' });
      const id = (letter: string) => byLetter.get(letter) as string;
      const act = (letter: string, action: TeamAction) =>
        subject.team.act(id(letter), action, anna);
      await act('b', { type: 'feedback.triage' });
      await act('d', { type: 'feedback.decline', reason: 'Not for us' });
      await act('f', { type: 'feedback.triage' });
      await act('f', { type: 'feedback.plan' });
      await act('g', { type: 'reply.team', reply: { id: `${ids.id('reply')}-g`, body: 'Done!' } });
      await act('g', { type: 'feedback.answer' });
      await act('i', { type: 'feedback.triage' });
      await act('m', { type: 'feedback.triage' });
      return {
        ids,
        id,
        act,
        seed,
        /** The items as their letters, in order ("a c e"). */
        letters(items: readonly { id: string }[]) {
          const letterOf = new Map([...byLetter].map(([letter, item]) => [item, letter]));
          return items.map((item) => letterOf.get(item.id) ?? item.id).join(' ');
        },
      };
    }

    /** Every page of a query, following `next`, until a page has none. */
    async function pageThrough(query: InboxQuery) {
      const pages: InboxPage[] = [];
      let cursor: string | undefined;
      do {
        const page = await subject.team.listFeedback({ ...query, ...(cursor ? { cursor } : {}) });
        pages.push(page);
        cursor = page.next;
        if (pages.length > 100) throw new Error('more than 100 pages');
      } while (cursor);
      return pages;
    }

    const ORDER: Record<Sort, string> = {
      oldest: 'a b c d e f g h i j k l m n',
      newest: 'n m l k j i h g f e d c b a',
      // New, oldest first; then open, then closed, newest first.
      unprocessed: 'a c e h j k l n m i f b g d',
    };
    const FILTERS: [string, Omit<InboxQuery, 'touchpointId'>, string][] = [
      ['no filter', {}, 'a b c d e f g h i j k l m n'],
      ['new or triaged', { status: ['new', 'triaged'] }, 'a b c e h i j k l m n'],
      ['plan: pro', { segment: { plan: 'pro' } }, 'a c e f i j k n'],
      ['seats: 12 (a number)', { segment: { seats: 12 } }, 'a'],
      ['seats: "12" (a text)', { segment: { seats: '12' } }, 'c'],
      ['plan: free, trial: true', { segment: { plan: 'free', trial: true } }, 'g'],
      ['at least 45 hours old', { olderThanHours: 45 }, 'a b c d e f g'],
      [
        'new, pro, at least 25 hours old',
        { status: ['new'], segment: { plan: 'pro' }, olderThanHours: 25 },
        'a c e',
      ],
      ['a status nothing has', { status: ['inProgress'] }, ''],
    ];

    it('lists every sort in its order: creation time to the millisecond, ties by id in code-point order', async () => {
      const inbox = await seedInbox();
      for (const sort of ['oldest', 'newest', 'unprocessed'] as const) {
        const page = await subject.team.listFeedback({ touchpointId: inbox.ids.touchpoint, sort });
        expect(inbox.letters(page.items), sort).toBe(ORDER[sort]);
        expect(page.next).toBeUndefined();
      }
    });

    it('pages through each sort with each filter: the pages together are the whole list, in order, each item once', async () => {
      const inbox = await seedInbox();
      for (const sort of ['unprocessed', 'newest', 'oldest'] as const)
        for (const [name, filter, matching] of FILTERS) {
          const query = { ...filter, touchpointId: inbox.ids.touchpoint, sort };
          const expected = ORDER[sort]
            .split(' ')
            .filter((letter) => matching.split(' ').includes(letter))
            .join(' ');
          const whole = await subject.team.listFeedback({ ...query, limit: 500 });
          expect(inbox.letters(whole.items), `${sort}, ${name}`).toBe(expected);
          expect(whole.next).toBeUndefined();
          for (const limit of [1, 2, 5]) {
            const pages = await pageThrough({ ...query, limit });
            const label = `${sort}, ${name}, ${limit} a page`;
            expect(inbox.letters(pages.flatMap((page) => page.items)), label).toBe(expected);
            // Every page but the last is full and says where to go on; the last says nothing.
            for (const page of pages.slice(0, -1)) {
              expect(page.items, label).toHaveLength(limit);
              expect(page.next, label).toEqual(expect.any(String));
            }
            expect(pages.at(-1)?.next, label).toBeUndefined();
            expect(pages.length, label).toBe(Math.max(1, Math.ceil(whole.items.length / limit)));
          }
        }
    });

    it('without a limit › a page holds 50 items and says where the rest are', async () => {
      const ids = unique('default-page');
      for (let n = 1; n <= 51; n++) {
        await subject.backend.submitResponse(
          makeResponse({ ...ids, response: () => ids.response(n) }, at()),
        );
        clock.advance(1000);
      }
      const first = await subject.team.listFeedback({ touchpointId: ids.touchpoint });
      expect(first.items).toHaveLength(INBOX_PAGE_SIZE);
      expect(first.items[0]?.id).toBe(ids.response(1));
      const rest = await subject.team.listFeedback({
        touchpointId: ids.touchpoint,
        ...(first.next ? { cursor: first.next } : {}),
      });
      expect(rest.items.map((item) => item.id)).toEqual([ids.response(51)]);
      expect(rest.next).toBeUndefined();
    });

    it('given items arriving and changing while the team pages › newest and oldest list every item that was there exactly once', async () => {
      const inbox = await seedInbox();
      const query = { touchpointId: inbox.ids.touchpoint, limit: 4 };
      const oldest = await subject.team.listFeedback({ ...query, sort: 'oldest' });
      const newest = await subject.team.listFeedback({ ...query, sort: 'newest' });
      expect(inbox.letters(oldest.items)).toBe('a b c d');
      expect(inbox.letters(newest.items)).toBe('n m l k');
      // Meanwhile: a new item arrives, items seen and not yet seen change status.
      clock.advance(1000);
      const late = await inbox.seed('o', 'o', at(), { plan: 'pro' });
      await inbox.act('a', { type: 'feedback.triage' });
      await inbox.act('h', { type: 'feedback.triage' });
      await inbox.act('n', { type: 'feedback.decline', reason: 'No' });
      const rest = async (sort: Sort, cursor: string | undefined) =>
        (await pageThrough({ ...query, sort, ...(cursor ? { cursor } : {}) })).flatMap(
          (page) => page.items,
        );
      // Oldest first, the newcomer is still ahead: it comes last.
      expect(inbox.letters(await rest('oldest', oldest.next))).toBe('e f g h i j k l m n o');
      // Newest first, it arrived before the cursor: a new first page shows it.
      expect(inbox.letters(await rest('newest', newest.next))).toBe('j i h g f e d c b a');
      const again = await subject.team.listFeedback({ ...query, sort: 'newest' });
      expect(again.items[0]?.id).toBe(late);
    });

    it('given an item moving to another status group while the team pages › unprocessed lists it where it now stands, so it may show twice; the rest once', async () => {
      const inbox = await seedInbox();
      const query = { touchpointId: inbox.ids.touchpoint, limit: 3 };
      const first = await subject.team.listFeedback(query);
      expect(inbox.letters(first.items)).toBe('a c e');
      // a was seen as new and is now open; h was not seen yet and, replied to, is open too
      // (replying is handling): both are listed with the open ones.
      await inbox.act('a', { type: 'feedback.triage' });
      await inbox.act('h', {
        type: 'reply.team',
        reply: { id: `${inbox.ids.id('reply')}-h`, body: 'Thanks' },
      });
      const rest = (
        await pageThrough({ ...query, ...(first.next ? { cursor: first.next } : {}) })
      ).flatMap((page) => page.items);
      expect(inbox.letters(rest)).toBe('j k l n m i h f b a g d');
    });

    it('given a bad page query › refuses it naming the path: a made-up cursor, one of another sort, a limit out of range', async () => {
      const inbox = await seedInbox();
      const query = { touchpointId: inbox.ids.touchpoint };
      const problems = async (bad: unknown) => {
        const error = await subject.team.listFeedback(bad as InboxQuery).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).problems.map((problem) => problem.path);
      };
      expect(await problems({ ...query, cursor: 'not-a-cursor' })).toEqual(['cursor']);
      expect(await problems({ ...query, cursor: '' })).toEqual(['cursor']);
      const newest = await subject.team.listFeedback({ ...query, sort: 'newest', limit: 2 });
      expect(await problems({ ...query, cursor: newest.next })).toEqual(['cursor']);
      expect(await problems({ ...query, sort: 'oldest', cursor: newest.next })).toEqual(['cursor']);
      for (const limit of [0, 501, 1.5, '10'])
        expect(await problems({ ...query, limit })).toEqual(['limit']);
      expect(await problems({ ...query, olderThanHours: 2_000_000 })).toEqual(['olderThanHours']);
      // A cursor carries no filters: the same place with other filters is a valid page.
      const pro = await subject.team.listFeedback({
        ...query,
        sort: 'newest',
        segment: { plan: 'pro' },
        ...(newest.next ? { cursor: newest.next } : {}),
      });
      expect(inbox.letters(pro.items)).toBe('k j i f e c a');
    });
  });

  describe('the customer', () => {
    it('sees their feedback with the team member’s name (never their id) and writes back once', async () => {
      const ids = unique('thread');
      const id = await seedItem(ids);
      await subject.team.act(
        id,
        { type: 'reply.team', reply: { id: ids.id('team-reply'), body: 'Which exports?' } },
        anna,
      );
      const reply = {
        itemId: id,
        customerId: ids.customer,
        replyId: ids.id('reply'),
        body: 'CSV',
        at: at(),
      };
      await subject.backend.submitReply(reply);
      await subject.backend.submitReply(reply);
      const mine = await subject.backend.listMyFeedback({ customerId: ids.customer });
      expect(z.array(customerFeedbackSchema).parse(mine)).toEqual(mine);
      expect(mine).toHaveLength(1);
      expect(mine[0]?.replies.map((r) => [r.author, r.body])).toEqual([
        [{ kind: 'team', id: 'team', name: 'Anna' }, 'Which exports?'],
        [{ kind: 'customer', id: ids.customer }, 'CSV'],
      ]);
    });

    it('reads the team’s replies: the read time is kept and the unread count drops', async () => {
      const ids = unique('read');
      const id = await seedItem(ids);
      await subject.team.act(
        id,
        { type: 'reply.team', reply: { id: ids.id('team-reply'), body: 'Thanks!' } },
        anna,
      );
      expect(
        (await subject.backend.getContactHistory({ customerId: ids.customer })).unreadReplies,
      ).toBe(1);
      clock.advance(1000);
      await subject.backend.markRead({ itemId: id, customerId: ids.customer, at: at() });
      expect((await subject.team.getFeedback(id)).replies[0]?.readAt).toBe(at());
      expect(
        (await subject.backend.getContactHistory({ customerId: ids.customer })).unreadReplies,
      ).toBeUndefined();
    });

    it('cannot write in or read another customer’s thread', async () => {
      const ids = unique('owner');
      const stranger = unique('stranger');
      const id = await seedItem(ids);
      await subject.team.act(
        id,
        { type: 'reply.team', reply: { id: ids.id('team-reply'), body: 'Hi' } },
        anna,
      );
      const error = await subject.backend
        .submitReply({
          itemId: id,
          customerId: stranger.customer,
          replyId: stranger.id('reply'),
          body: 'Let me in',
          at: at(),
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems[0]?.path).toBe('itemId');
      await expect(
        subject.backend.markRead({ itemId: id, customerId: stranger.customer, at: at() }),
      ).rejects.toBeInstanceOf(ValidationError);
      expect((await subject.team.getFeedback(id)).replies).toHaveLength(1);
      expect(await subject.backend.listMyFeedback({ customerId: stranger.customer })).toEqual([]);
    });

    it('refuses a customer reply before the team has written (the lifecycle guard)', async () => {
      const ids = unique('early-reply');
      const id = await seedItem(ids);
      await expect(
        subject.backend.submitReply({
          itemId: id,
          customerId: ids.customer,
          replyId: ids.id('reply'),
          body: 'Hello?',
          at: at(),
        }),
      ).rejects.toBeInstanceOf(LifecycleError);
      expect((await subject.data.exportCustomer(ids.customer)).replies).toEqual([]);
    });

    it('has a contact history across flows: shown, postponed, answered, opted out, replies, impact', async () => {
      const ids = unique('history');
      const start = at();
      await subject.backend.recordDisplay(makeDisplay(ids, ids.response(1), start));
      clock.advance(1000);
      const response = makeResponse(ids, at(), { startedAt: at() });
      await subject.backend.submitResponse(response);
      await subject.backend.recordDisplay(makeDisplay(ids, ids.response(2), at()));
      await subject.backend.recordDismissal(makeDismissal(ids, ids.response(2), at(), 'notNow'));
      clock.advance(1000);
      await subject.backend.recordDismissal(makeDismissal(ids, ids.response(3), at(), 'optOut'));
      const history = await subject.backend.getContactHistory({ customerId: ids.customer });
      expect(contactHistorySchema.parse(history)).toEqual(history);
      expect(
        history.contacts.map((contact) =>
          contact.kind === 'ask' ? [contact.responseId, contact.outcome, contact.at] : contact.kind,
        ),
      ).toEqual([
        [ids.response(1), 'answered', start],
        [ids.response(2), 'postponed', response.submittedAt],
        [ids.response(3), 'optedOut', at()],
      ]);
      expect(history.optedOutAt).toBe(at());
      expect(history.awaitingReply).toBe(1);
      expect(history.responseCounts['nps-dashboard']).toBeGreaterThanOrEqual(1);
      await subject.team.act(
        response.id,
        { type: 'reply.team', reply: { id: ids.id('team-reply'), body: 'Hi' } },
        anna,
      );
      const change = await subject.team.shipChange(
        { id: ids.id('change'), weDid: 'Faster', itemIds: [response.id] },
        anna,
      );
      await subject.backend.markImpactSeen({
        customerId: ids.customer,
        noticeId: `${change.id}:${response.id}`,
        at: at(),
      });
      const after = await subject.backend.getContactHistory({ customerId: ids.customer });
      expect(after.contacts.filter((contact) => contact.kind !== 'ask')).toEqual([
        { kind: 'reply', at: at(), id: ids.id('team-reply') },
        { kind: 'impact', at: at(), id: `${change.id}:${response.id}` },
      ]);
      expect(after.awaitingReply).toBe(0);
    });

    it("given an opt-out of one survey, undone, then one of every survey turned back on › the history holds what the customer stands by, and another customer's choice under the same id is theirs alone", async () => {
      const ids = unique('choices');
      const other = unique('choices-other');
      const survey = (n: number) => ({ ...makeDismissal(ids, ids.response(n), at(), 'optOut') });
      await subject.backend.recordDismissal({ ...survey(1), optOutScope: 'survey' });
      let history = await subject.backend.getContactHistory({ customerId: ids.customer });
      expect(history.optedOutOf).toEqual({ 'nps-dashboard': at() });
      expect(history.optedOutAt).toBeUndefined();
      // The undo right after: the same moment, recorded after the opt-out.
      const undo = {
        id: 'choice-1',
        customerId: ids.customer,
        scope: 'survey' as const,
        surveyId: 'nps-dashboard',
        optedOut: false,
        at: at(),
      };
      await subject.backend.setContactChoice?.(undo);
      expect(await subject.backend.deliver([{ kind: 'contactChoice', payload: undo }])).toEqual([
        { key: 'contactChoice:choice-1', outcome: 'duplicate' },
      ]);
      history = await subject.backend.getContactHistory({ customerId: ids.customer });
      expect(history.optedOutOf).toBeUndefined();
      clock.advance(1000);
      await subject.backend.recordDismissal(survey(2));
      history = await subject.backend.getContactHistory({ customerId: ids.customer });
      expect(history.optedOutAt).toBe(at());
      // Another customer's choice with the same id turns nothing back on for this one.
      clock.advance(1000);
      await subject.backend.setContactChoice?.({
        id: 'choice-2',
        customerId: other.customer,
        scope: 'all',
        optedOut: false,
        at: at(),
      });
      expect(
        (await subject.backend.getContactHistory({ customerId: ids.customer })).optedOutAt,
      ).toBeDefined();
      await subject.backend.setContactChoice?.({
        id: 'choice-2',
        customerId: ids.customer,
        scope: 'all',
        optedOut: false,
        at: at(),
      });
      history = await subject.backend.getContactHistory({ customerId: ids.customer });
      expect(contactHistorySchema.parse(history)).toEqual(history);
      expect(history.optedOutAt).toBeUndefined();
      const data = await subject.data.exportCustomer(ids.customer);
      expect(data.contactChoices?.map((choice) => choice.id)).toEqual(['choice-1', 'choice-2']);
      expect((await subject.data.deleteCustomer(ids.customer)).deleted.contactChoices).toBe(2);
      expect((await subject.data.exportCustomer(other.customer)).contactChoices).toHaveLength(1);
    });

    it('given a contact choice without its survey › rejects it naming the path, and stores nothing', async () => {
      const ids = unique('choices-bad');
      const bad = { id: 'c', customerId: ids.customer, scope: 'survey', optedOut: false, at: at() };
      await expect(subject.backend.setContactChoice?.(bad as never)).rejects.toThrow(/surveyId/);
      const [result] = await subject.backend.deliver([
        { kind: 'contactChoice', payload: bad as never },
      ]);
      expect(result?.outcome).toBe('rejected');
      expect(result?.error?.message).toMatch(/surveyId/);
      expect((await subject.data.exportCustomer(ids.customer)).contactChoices).toBeUndefined();
    });

    it('counts responses per survey across customers in the contact history', async () => {
      const ids = unique('counts');
      const survey = ids.id('survey');
      const before =
        (await subject.backend.getContactHistory({ customerId: ids.customer })).responseCounts[
          survey
        ] ?? 0;
      await subject.backend.submitResponse(makeResponse(ids, at(), { surveyId: survey }));
      const other = unique('counts-other');
      await subject.backend.submitResponse(makeResponse(other, at(), { surveyId: survey }));
      const history = await subject.backend.getContactHistory({ customerId: ids.customer });
      expect(history.responseCounts[survey]).toBe(before + 2);
      expect(history.contacts).toHaveLength(1);
    });

    it('given a customer shown surveys more often than a history holds › answers the newest and what the rules read, within the schema', async () => {
      const ids = unique('long-history');
      const start = clock.now().getTime() - 400 * 86_400_000;
      const answered = makeResponse(ids, new Date(start).toISOString(), {
        startedAt: new Date(start).toISOString(),
      });
      await subject.backend.submitResponse(answered);
      const shown = HISTORY_CONTACTS + 300;
      for (let from = 0; from < shown; from += 1_000)
        await subject.backend.deliver(
          Array.from({ length: Math.min(1_000, shown - from) }, (_, n) => ({
            kind: 'display' as const,
            payload: makeDisplay(
              ids,
              ids.response(1_000 + from + n),
              new Date(start + 60_000 * (1 + from + n)).toISOString(),
            ),
          })),
        );
      const history = await subject.backend.getContactHistory({
        customerId: ids.customer,
        responseCaps: {},
      });
      expect(contactHistorySchema.parse(history).contacts).toHaveLength(HISTORY_CONTACTS);
      const responseIds = new Set(
        history.contacts.flatMap((contact) => (contact.kind === 'ask' ? [contact.responseId] : [])),
      );
      // The oldest contact, the survey's one answer, is kept; so is the newest display.
      expect(responseIds.has(answered.id)).toBe(true);
      expect(responseIds.has(ids.response(1_000 + shown - 1))).toBe(true);
      expect(responseIds.has(ids.response(1_000))).toBe(false);
    }, 120_000);

    it('given response caps › counts only those surveys, each up to its cap, and a bad cap is refused naming its path', async () => {
      const ids = unique('capped');
      const [capped, open, unasked] = [ids.id('capped'), ids.id('open'), ids.id('unasked')];
      for (const [n, surveyId] of [capped, capped, capped, open, unasked].entries())
        await subject.backend.submitResponse(
          makeResponse(unique(`capped-${n}`), at(), { surveyId }),
        );
      const read = (responseCaps?: Record<string, number>) =>
        subject.backend.getContactHistory({
          customerId: ids.customer,
          ...(responseCaps ? { responseCaps } : {}),
        });
      expect((await read({ [capped]: 2, [open]: 10 })).responseCounts).toEqual({
        [capped]: 2,
        [open]: 1,
      });
      expect((await read({ [capped]: 5, [ids.id('none-yet')]: 3 })).responseCounts).toEqual({
        [capped]: 3,
        [ids.id('none-yet')]: 0,
      });
      expect((await read({})).responseCounts).toEqual({});
      // A client from before the field: every survey's full count.
      const all = (await read()).responseCounts;
      expect([all[capped], all[open], all[unasked]]).toEqual([3, 1, 1]);
      await expect(read({ [capped]: 0 })).rejects.toMatchObject({
        problems: [{ path: `responseCaps["${capped}"]` }],
      });
    });
  });

  describe('the CX report, on a storage of its own', () => {
    // A storage of its own that knows the journey: the report counts every scored answer in it.
    const survey = defineSurvey({
      id: 'nps-cx',
      touchpointId: 'pricing',
      title: 'A quick question',
      questions: [
        { id: 'nps', type: 'nps', title: 'How likely are you to recommend us?' },
        { id: 'why', type: 'text', title: 'Why?', required: false },
      ],
    });
    const own = handClock('2026-12-01T09:00:00.000Z');
    let cx: Subject;
    const november = { from: '2026-11-01', to: '2026-11-30' };
    const october = { from: '2026-10-01', to: '2026-10-31' };

    beforeAll(async () => {
      if (!run) return;
      cx = await kind.open(own.now, {
        surveys: [survey],
        touchpoints: [
          { id: 'signup', stage: 'onboard', channel: 'inProduct', name: 'Sign-up done' },
          { id: 'pricing', stage: 'evaluate', channel: 'web', name: 'Pricing page' },
        ],
        config: { levels: { byTouchpoint: { signup: 'necessity' } } },
      });
      let n = 0;
      const shown = async (
        touchpointId: string,
        day: string,
        answers: FeedbackResponse['answers'] | 'notNow' | 'optOut',
        segment?: FeedbackResponse['segment'],
      ) => {
        n++;
        const ids = unique(`cx-${n}`);
        const when = `${day}T12:00:00.000Z`;
        const responseId = ids.response();
        await cx.backend.recordDisplay({
          ...makeDisplay(ids, responseId, when),
          surveyId: 'nps-cx',
          touchpointId,
        });
        if (typeof answers === 'string') {
          await cx.backend.recordDismissal({
            ...makeDismissal(ids, responseId, when, answers),
            surveyId: 'nps-cx',
            touchpointId,
          });
          return;
        }
        await cx.backend.submitResponse(
          makeResponse(ids, when, {
            surveyId: 'nps-cx',
            touchpointId,
            answers,
            ...(segment ? { segment } : {}),
          }),
        );
      };
      // November: 10, 9 (a bare score), 3 with words at pricing; 8, 0 with words at sign-up; one
      // shown and put off, one opted out. October: a single 10 at pricing.
      await shown('pricing', '2026-11-02', { nps: 10 }, { plan: 'pro' });
      await shown('pricing', '2026-11-03', { nps: 9 });
      await shown('pricing', '2026-11-20', { nps: 3, why: 'Too expensive' }, { plan: 'free' });
      await shown('pricing', '2026-11-21', 'notNow');
      await shown('signup', '2026-11-10', { nps: 8 }, { plan: 'pro' });
      await shown('signup', '2026-11-11', { nps: 0, why: 'Broken' });
      await shown('signup', '2026-11-12', 'optOut');
      await shown('pricing', '2026-10-15', { nps: 10 });
    }, 60_000);
    afterAll(async () => {
      await cx?.close();
    });

    it('given scored answers with and without words › the same NPS, groups, touchpoints in journey order, rates and trend', async () => {
      const report = await cx.team.cxReport?.({
        period: november,
        compareTo: october,
        granularity: 'month',
      });
      if (!report) throw new Error('This storage has no CX report.');
      const nps = report.metrics.find((metric) => metric.key === 'nps');
      // 10, 9, 3, 8, 0: two promoters, one passive, two detractors; the bare 9 counts.
      expect(nps?.overall.current).toMatchObject({
        metric: 'nps',
        n: 5,
        value: 0,
        lowSample: true,
      });
      expect(nps?.overall.current.detail).toEqual(npsOf([10, 9, 3, 8, 0]));
      expect(nps?.overall.previous).toMatchObject({ n: 1, value: 100 });
      // Journey order: pricing (evaluate, before purchase) before sign-up (onboard, after).
      expect(nps?.byTouchpoint.map((series) => [series.touchpointId, series.current.n])).toEqual([
        ['pricing', 3],
        ['signup', 2],
      ]);
      expect(nps?.byTouchpoint[0]?.current.value).toBeCloseTo(100 / 3, 10);
      expect(nps?.byTouchpoint[1]?.current.value).toBe(-50);
      expect(nps?.overall.trend.map((point) => [point.key, point.figure.n])).toEqual([
        ['2026-11', 5],
      ]);
      // The opt-out is counted as one, not as a dismissal too.
      expect(report.rates.overall).toMatchObject({
        shown: 7,
        answered: 5,
        dismissed: 1,
        optedOut: 1,
      });
      expect(report.rates.overall.responseRate).toBeCloseTo((100 * 5) / 7, 10);
      const pricing = report.rates.byTouchpoint.find((rates) => rates.touchpointId === 'pricing');
      expect(pricing).toMatchObject({ shown: 4, answered: 3, dismissed: 1, optedOut: 0 });
      // The CSV says the same, line for line.
      const csv = cxReportCsv(report).split('\n');
      expect(csv.length).toBeGreaterThan(3);
      expect(csv.some((line) => line.includes('pricing'))).toBe(true);
    });

    it('given a segment filter › only that segment’s answers count', async () => {
      const report = await cx.team.cxReport?.({ period: november, segment: { plan: 'pro' } });
      const nps = report?.metrics.find((metric) => metric.key === 'nps');
      expect(nps?.overall.current.detail).toEqual(npsOf([10, 8]));
    });

    it('given the answers behind a figure › the detractors with words, newest first, the same everywhere', async () => {
      const all = await cx.team.cxResponses?.({ metric: 'nps', period: november, limit: 2 });
      expect(all?.total).toBe(5);
      expect(all?.items.map((item) => item.score)).toEqual([3, 0]);
      const rest = await cx.team.cxResponses?.({
        metric: 'nps',
        period: november,
        limit: 2,
        cursor: all?.next as string,
      });
      expect(rest?.items.map((item) => item.score)).toEqual([8, 9]);
      const detractors = await cx.team.cxResponses?.({
        metric: 'nps',
        period: november,
        score: { max: 6 },
        withText: true,
      });
      expect(detractors?.items.map((item) => [item.touchpointId, item.score, item.text])).toEqual([
        ['pricing', 3, 'Too expensive'],
        ['signup', 0, 'Broken'],
      ]);
    });
  });

  describe('data rights', () => {
    it('exports everything about one customer as a valid document, and nothing of another', async () => {
      const ids = unique('export');
      const other = unique('export-other');
      const id = await seedItem(ids);
      await seedItem(other);
      await subject.backend.recordDisplay(makeDisplay(ids, id, at()));
      await subject.backend.submitFollowUp(makeFollowUp(id, at()));
      await subject.team.act(
        id,
        { type: 'reply.team', reply: { id: ids.id('team-reply'), body: 'Hi' } },
        anna,
      );
      await subject.backend.submitReply({
        itemId: id,
        customerId: ids.customer,
        replyId: ids.id('reply'),
        body: 'Hello',
        at: at(),
      });
      await subject.team.shipChange({ id: ids.id('change'), weDid: 'Done', itemIds: [id] }, anna);
      const data = await subject.data.exportCustomer(ids.customer);
      expect(customerExportSchema.parse(data)).toEqual(data);
      expect(data).toMatchObject({
        format: 'palaute.customer-export',
        version: 1,
        customerId: ids.customer,
        exportedAt: at(),
      });
      expect({
        responses: data.responses.length,
        followUps: data.followUps.length,
        receipts: data.receipts.length,
        displays: data.displays.length,
        dismissals: data.dismissals.length,
        replies: data.replies.length,
        items: data.items.length,
        notices: data.notices.length,
      }).toEqual({
        responses: 1,
        followUps: 1,
        receipts: 1,
        displays: 1,
        dismissals: 0,
        replies: 1,
        items: 1,
        notices: 1,
      });
      const everything = JSON.stringify(data);
      expect(everything).not.toContain(other.customer);
      expect(data.items[0]?.status).toBe('shipped');
      expect(data.notices[0]).toMatchObject({ itemId: id });
    });

    it('deletes everything about one customer, counts it, and leaves others alone', async () => {
      const ids = unique('delete');
      const other = unique('delete-other');
      const id = await seedItem(ids);
      const otherId = await seedItem(other);
      await subject.backend.recordDisplay(makeDisplay(ids, id, at()));
      await subject.backend.recordDismissal(makeDismissal(ids, ids.response(2), at()));
      await subject.backend.submitFollowUp(makeFollowUp(id, at()));
      await subject.team.shipChange({ id: ids.id('change'), weDid: 'Done', itemIds: [id] }, anna);
      const deletion = await subject.data.deleteCustomer(ids.customer);
      expect(customerDeletionSchema.parse(deletion)).toEqual(deletion);
      expect(deletion).toEqual({
        customerId: ids.customer,
        deleted: {
          responses: 1,
          followUps: 1,
          receipts: 1,
          displays: 1,
          dismissals: 1,
          replies: 0,
          items: 1,
          notices: 1,
        },
        // Nothing on the board: none of its votes, ideas or comments.
        board: { votes: 0, ideasAnonymised: 0, commentsAnonymised: 0 },
      });
      const left = await subject.data.exportCustomer(ids.customer);
      expect([
        left.responses,
        left.followUps,
        left.receipts,
        left.displays,
        left.dismissals,
        left.replies,
        left.items,
        left.notices,
      ]).toEqual([[], [], [], [], [], [], [], []]);
      expect(await subject.backend.listMyFeedback({ customerId: ids.customer })).toEqual([]);
      expect((await subject.team.getFeedback(otherId)).customerId).toBe(other.customer);
      await expect(subject.team.getFeedback(id)).rejects.toBeInstanceOf(ValidationError);
      // Deleting again finds nothing.
      expect(Object.values((await subject.data.deleteCustomer(ids.customer)).deleted)).toEqual([
        0, 0, 0, 0, 0, 0, 0, 0,
      ]);
      // The same response id may come again after a deletion: it is a new record.
      await subject.backend.submitResponse(makeResponse(ids, at()));
      expect((await subject.data.exportCustomer(ids.customer)).responses).toHaveLength(1);
    });
  });
});
