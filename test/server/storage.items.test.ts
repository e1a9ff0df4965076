import type { DeliveryItem, FeedbackResponse } from '@palaute/engine';
import { openStorage } from '../../packages/server/src/index';
import { createSqlBackend } from '../../packages/server/src/storage/storage.backend';
import {
  createItemDrain,
  drainItems,
  type ItemDrain,
} from '../../packages/server/src/storage/storage.items';
import { migrate } from '../../packages/server/src/storage/storage.migrations';
import {
  openPglite,
  openPostgres,
  type Sql,
  type SqlClient,
} from '../../packages/server/src/storage/storage.sql';
import type { EmitWebhook } from '../../packages/server/src/storage/storage.webhooks';
import {
  databaseUrl,
  freshDatabase,
  handClock,
  makeFollowUp,
  makeResponse,
  postgresTitle,
  unique,
} from './storage.fixtures';

/** A migrated database of a kind, and how to open another connection (pool) to it. */
interface Opened {
  sql: Sql;
  /** Another pool on the same database (PostgreSQL), or the same one (PGlite: one connection). */
  another(): Promise<Sql>;
  close(): Promise<void>;
}

const kinds: { name: string; skip: boolean; open(): Promise<Opened> }[] = [
  {
    name: 'PGlite',
    skip: false,
    async open() {
      const sql = await openPglite();
      await migrate(sql);
      return { sql, another: async () => sql, close: () => sql.close() };
    },
  },
  {
    name: postgresTitle,
    skip: !databaseUrl,
    async open() {
      const database = await freshDatabase(databaseUrl as string);
      const sql = await openPostgres(database.url);
      await migrate(sql);
      const others: Sql[] = [];
      return {
        sql,
        async another() {
          const other = await openPostgres(database.url);
          others.push(other);
          return other;
        },
        close: async () => {
          for (const other of others) await other.close();
          await sql.close();
          await database.drop();
        },
      };
    },
  },
];

/** A drain that runs only when asked (its timer an hour away). */
const manual = (sql: Sql, emit?: EmitWebhook) => createItemDrain(sql, { emit, delayMs: 3_600_000 });

/** How many responses, items and rows still to be made a customer has. */
async function countsOf(sql: SqlClient, customerId: string) {
  const [row] = await sql.query<{ responses: number; items: number; pending: number }>(
    `SELECT (SELECT count(*)::int FROM palaute_responses WHERE customer_id = $1) AS responses,
       (SELECT count(*)::int FROM palaute_items WHERE customer_id = $1) AS items,
       (SELECT count(*)::int FROM palaute_pending_items WHERE customer_id = $1) AS pending`,
    [customerId],
  );
  return row;
}

/** What readers see of a customer's items: documents, columns, search vectors and work rows. */
async function itemsSeen(sql: SqlClient, customerId: string) {
  const items = await sql.query(
    `SELECT id, response_id, touchpoint_id, status, created_at::text, document, locale,
       search_simple::text AS simple, search_language::text AS language
     FROM palaute_items WHERE customer_id = $1 ORDER BY id COLLATE "C"`,
    [customerId],
  );
  const work = await sql.query<{ row: Record<string, unknown> }>(
    `SELECT to_jsonb(w) - 'seq' AS row FROM palaute_item_work w
     WHERE w.item_id IN (SELECT id FROM palaute_items WHERE customer_id = $1)
     ORDER BY w.item_id COLLATE "C"`,
    [customerId],
  );
  return { items, work: work.map((entry) => entry.row) };
}

const responsesOf = (
  ids: ReturnType<typeof unique>,
  at: string,
  count: number,
  from = 0,
): DeliveryItem[] =>
  Array.from({ length: count }, (_, n) => ({
    kind: 'response',
    payload: {
      ...makeResponse(ids, at),
      id: ids.response(from + n),
      // Words that differ, and a language of their own for some (the search vectors).
      answers: { nps: n % 11, why: `Exports are slow ${n}`, contact: n % 2 === 0 },
      locale: n % 3 === 0 ? 'fi' : 'en',
    } satisfies FeedbackResponse,
  }));

for (const kind of kinds)
  describe.skipIf(kind.skip)(`feedback items made after their responses on ${kind.name}`, () => {
    let opened: Opened;
    beforeAll(async () => {
      opened = await kind.open();
    }, 120_000);
    afterAll(async () => {
      await opened?.close();
    }, 60_000);
    const clock = handClock();

    it('given responses stored alone and in a batch › a batch has its items at once, each single response waits as a row of migration 24, and after a drain has its item, the same (document, columns, search vectors, work row) as one written with its response', async () => {
      const drain = manual(opened.sql);
      const later = createSqlBackend(opened.sql, clock.now, undefined, undefined, drain);
      const ids = unique('later');
      const batch = responsesOf(ids, clock.now().toISOString(), 20);
      const single = responsesOf(ids, clock.now().toISOString(), 2, 100);
      expect((await later.deliver(batch)).map((result) => result.outcome)).toEqual(
        batch.map(() => 'stored'),
      );
      for (const write of single)
        expect(await later.deliver([write])).toEqual([
          expect.objectContaining({ outcome: 'stored' }),
        ]);
      await later.submitResponse({
        ...(single[0]?.payload as FeedbackResponse),
        id: ids.response(200),
      });
      expect(await countsOf(opened.sql, ids.customer)).toEqual({
        responses: 23,
        items: 20,
        pending: 3,
      });

      await drain.settle();
      expect(await countsOf(opened.sql, ids.customer)).toEqual({
        responses: 23,
        items: 23,
        pending: 0,
      });
      // The same responses for another customer, written with their items as before.
      const inline = createSqlBackend(opened.sql, clock.now);
      const twin = { ...ids, customer: `${ids.customer}-twin` };
      const rename = (write: DeliveryItem): DeliveryItem => ({
        kind: 'response',
        payload: { ...(write.payload as FeedbackResponse), customerId: twin.customer },
      });
      await inline.deliver(batch.map(rename));
      for (const write of single) await inline.deliver([rename(write)]);
      await inline.submitResponse({
        ...(single[0]?.payload as FeedbackResponse),
        customerId: twin.customer,
        id: ids.response(200),
      });
      // Ids are global: the twin's items took fresh ids (another customer's item had each).
      const seen = await itemsSeen(opened.sql, ids.customer);
      const twinSeen = await itemsSeen(opened.sql, twin.customer);
      expect(seen.items).toHaveLength(23);
      const strip = (row: Record<string, unknown>) => {
        const { id: _id, document, ...rest } = row as { id: string; document: object };
        const {
          id: _documentId,
          customerId: _customer,
          responseId: _response,
          ...kept
        } = document as Record<string, unknown>;
        return { ...rest, document: kept };
      };
      const byResponse = (rows: Record<string, unknown>[]) =>
        [...rows].sort((a, b) => (String(a.response_id) < String(b.response_id) ? -1 : 1));
      expect(byResponse(seen.items).map(strip)).toEqual(byResponse(twinSeen.items).map(strip));
      expect(seen.work).toHaveLength(twinSeen.work.length);
      expect(seen.items.map((row) => (row as { id: string }).id).sort()).toEqual(
        [...batch, ...single]
          .map((write) => (write.payload as FeedbackResponse).id)
          .concat(ids.response(200))
          .sort(),
      );
      // A replay stores nothing and queues nothing.
      expect((await later.deliver(batch)).every((result) => result.outcome === 'duplicate')).toBe(
        true,
      );
      expect((await countsOf(opened.sql, ids.customer))?.pending).toBe(0);
      await drain.stop();
    });

    it('given a response whose item is still to be made › its follow-up, the customer’s feedback and the contact history see the item at once', async () => {
      const drain = manual(opened.sql);
      const backend = createSqlBackend(opened.sql, clock.now, undefined, undefined, drain);
      const ids = unique('read');
      const [write] = responsesOf(ids, clock.now().toISOString(), 1);
      await backend.deliver([write as DeliveryItem]);
      expect((await countsOf(opened.sql, ids.customer))?.pending).toBe(1);
      const mine = await backend.listMyFeedback({ customerId: ids.customer });
      expect(mine.map((entry) => entry.id)).toEqual([ids.response(0)]);

      const [second] = responsesOf(ids, clock.now().toISOString(), 1, 1);
      await backend.deliver([second as DeliveryItem]);
      expect(
        await backend.deliver([
          { kind: 'followUp', payload: makeFollowUp(ids.response(1), clock.now().toISOString()) },
        ]),
      ).toEqual([expect.objectContaining({ outcome: 'stored' })]);
      const [row] = await opened.sql.query<{ document: object }>(
        'SELECT document FROM palaute_items WHERE customer_id = $1 AND response_id = $2',
        [ids.customer, ids.response(1)],
      );
      expect(JSON.stringify(row?.document)).toContain('Faster exports, please');

      const [third] = responsesOf(ids, clock.now().toISOString(), 1, 2);
      await backend.deliver([third as DeliveryItem]);
      const history = await backend.getContactHistory({ customerId: ids.customer });
      expect(history).toBeDefined();
      expect(await countsOf(opened.sql, ids.customer)).toEqual({
        responses: 3,
        items: 3,
        pending: 0,
      });
      await drain.stop();
    });

    it('given items still to be made › two drains at once (and two settling reads) make each item once, with one feedback.created each', async () => {
      const events: string[] = [];
      const emit: EmitWebhook = async (_tx, event) => {
        if (event.type === 'feedback.created')
          events.push(
            `${event.data.item.customerId}/${event.data.item.responseId ?? event.data.item.id}`,
          );
      };
      const writer = createSqlBackend(
        opened.sql,
        clock.now,
        undefined,
        undefined,
        manual(opened.sql),
      );
      const ids = unique('concurrent');
      for (const write of responsesOf(ids, clock.now().toISOString(), 120))
        await writer.deliver([write]);
      expect((await countsOf(opened.sql, ids.customer))?.pending).toBe(120);

      const other = await opened.another();
      const drains: ItemDrain[] = [manual(opened.sql, emit), manual(other, emit)];
      await Promise.all([
        drainItems(opened.sql, { limit: 7, skipLocked: true, emit }),
        drainItems(other, { limit: 11, skipLocked: true, emit }),
        drainItems(other, { limit: 5, skipLocked: false, emit }),
        ...drains.map((drain) => drain.settle()),
      ]);
      expect(await countsOf(opened.sql, ids.customer)).toEqual({
        responses: 120,
        items: 120,
        pending: 0,
      });
      const mine = events.filter((key) => key.startsWith(`${ids.customer}/`));
      expect(mine).toHaveLength(120);
      expect(new Set(mine).size).toBe(120);
      for (const drain of drains) await drain.stop();
    });

    it('given a drain that fails after taking its batch › nothing is lost: the rows are there again, and the next drain makes every item', async () => {
      const ids = unique('interrupted');
      const writer = createSqlBackend(
        opened.sql,
        clock.now,
        undefined,
        undefined,
        manual(opened.sql),
      );
      for (const write of responsesOf(ids, clock.now().toISOString(), 20))
        await writer.deliver([write]);
      // The items' insert fails once, after the rows were taken (deleted) in its transaction.
      let failures = 1;
      const failing = (inner: SqlClient): SqlClient => ({
        query: (text, params, name) => {
          if (text.includes('unnest($1::text[]') && failures > 0) {
            failures -= 1;
            return Promise.reject(new Error('the database went away mid-batch'));
          }
          return inner.query(text, params, name);
        },
        exec: (text) => inner.exec(text),
      });
      const flaky: Sql = {
        ...opened.sql,
        ...failing(opened.sql),
        transaction: (work) => opened.sql.transaction((tx) => work(failing(tx))),
      };
      await expect(drainItems(flaky, { limit: 8, skipLocked: true })).rejects.toThrow('mid-batch');
      expect(await countsOf(opened.sql, ids.customer)).toEqual({
        responses: 20,
        items: 0,
        pending: 20,
      });
      // The background drain fails the same way and leaves them too; a read then makes them.
      failures = 1;
      const background = createItemDrain(flaky, { delayMs: 0 });
      background.written([]);
      await vi.waitFor(() => expect(failures).toBe(0));
      await background.stop();
      expect((await countsOf(opened.sql, ids.customer))?.pending).toBe(20);
      await createItemDrain(flaky).settle();
      expect(await countsOf(opened.sql, ids.customer)).toEqual({
        responses: 20,
        items: 20,
        pending: 0,
      });
    });

    it('given a customer whose items are still to be made › their erasure deletes the responses and counts their items, and no drain makes one after', async () => {
      const drain = manual(opened.sql);
      const backend = createSqlBackend(opened.sql, clock.now, undefined, undefined, drain);
      const gone = unique('erased');
      const kept = unique('kept');
      for (const write of responsesOf(gone, clock.now().toISOString(), 5))
        await backend.deliver([write]);
      for (const write of responsesOf(kept, clock.now().toISOString(), 3))
        await backend.deliver([write]);
      expect((await countsOf(opened.sql, gone.customer))?.pending).toBe(5);
      const deletion = await backend.deleteCustomer(gone.customer);
      expect(deletion.deleted).toEqual(expect.objectContaining({ responses: 5, items: 5 }));
      await drain.settle();
      expect(await countsOf(opened.sql, gone.customer)).toEqual({
        responses: 0,
        items: 0,
        pending: 0,
      });
      expect(await countsOf(opened.sql, kept.customer)).toEqual({
        responses: 3,
        items: 3,
        pending: 0,
      });
      await drain.stop();
    });

    it('given a pending row whose response was erased meanwhile › the drain makes no item for it', async () => {
      const drain = manual(opened.sql);
      const ids = unique('orphan');
      await opened.sql.query(
        'INSERT INTO palaute_pending_items (customer_id, response_id) VALUES ($1, $2)',
        [ids.customer, ids.response(0)],
      );
      await drain.settle();
      expect(await countsOf(opened.sql, ids.customer)).toEqual({
        responses: 0,
        items: 0,
        pending: 0,
      });
      await drain.stop();
    });

    it('given the background drain › the items follow within its interval, without a read', async () => {
      const drain = createItemDrain(opened.sql, { delayMs: 10 });
      const backend = createSqlBackend(opened.sql, clock.now, undefined, undefined, drain);
      const ids = unique('background');
      for (const write of responsesOf(ids, clock.now().toISOString(), 21))
        await backend.deliver([write]);
      await vi.waitFor(
        async () =>
          expect(await countsOf(opened.sql, ids.customer)).toEqual({
            responses: 21,
            items: 21,
            pending: 0,
          }),
        { timeout: 10_000, interval: 20 },
      );
      await drain.stop();
    });
  });

describe.each([
  { name: 'PGlite', url: undefined, skip: false },
  { name: postgresTitle, url: databaseUrl, skip: !databaseUrl },
])('openStorage on $name, its items an hour after their responses', ({ url, skip }) => {
  it.skipIf(skip)(
    'given a response just stored › the inbox, the customer’s feedback, the export and the CX report see its item at once',
    async () => {
      const database = url ? await freshDatabase(url) : undefined;
      const storage = await openStorage({
        databaseUrl: database?.url,
        itemDelayMs: 3_600_000,
        now: handClock().now,
      });
      try {
        const ids = unique('storage');
        const [write] = responsesOf(ids, '2026-11-23T10:00:00.000Z', 1);
        await storage.backend.deliver([write as DeliveryItem]);
        const inbox = await storage.team.listFeedback({ touchpointId: ids.touchpoint });
        expect(inbox.items.map((item) => item.id)).toEqual([ids.response(0)]);

        const [second] = responsesOf(ids, '2026-11-23T10:00:00.000Z', 1, 1);
        await storage.backend.deliver([second as DeliveryItem]);
        expect(
          (await storage.backend.listMyFeedback({ customerId: ids.customer })).map(
            (entry) => entry.id,
          ),
        ).toEqual([ids.response(0), ids.response(1)]);

        const [third] = responsesOf(ids, '2026-11-23T10:00:00.000Z', 1, 2);
        await storage.backend.deliver([third as DeliveryItem]);
        const exported = await storage.exportCustomer(ids.customer);
        expect(exported.items).toHaveLength(3);

        const [fourth] = responsesOf(ids, '2026-11-23T10:00:00.000Z', 1, 3);
        await storage.backend.deliver([fourth as DeliveryItem]);
        const report = await storage.team.cxReport({
          period: { from: '2026-11-01', to: '2026-11-30' },
          touchpoints: [ids.touchpoint],
        });
        expect(report.loop.total).toBe(4);
      } finally {
        await storage.close();
        await database?.drop();
      }
    },
    120_000,
  );
});
