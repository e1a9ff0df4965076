import type { DeliveryItem, FeedbackItem } from '@palaute/engine';
import { createServer } from '../../packages/server/src/index';
import { createSqlBackend } from '../../packages/server/src/storage/storage.backend';
import { migrate } from '../../packages/server/src/storage/storage.migrations';
import {
  openPglite,
  openPostgres,
  type Sql,
  type SqlClient,
} from '../../packages/server/src/storage/storage.sql';
import { customer, publishableKey, secret } from './server.support';
import {
  databaseUrl,
  freshDatabase,
  handClock,
  makeDisplay,
  makeFollowUp,
  makeResponse,
  postgresTitle,
  unique,
} from './storage.fixtures';

/** The statements a storage runs (BEGIN and COMMIT included), counted as they go. */
function counted(sql: Sql) {
  const statements: string[] = [];
  const client = (inner: SqlClient): SqlClient => ({
    query: (text, params) => {
      statements.push(text.trim().split(/\s+/).slice(0, 3).join(' '));
      return inner.query(text, params);
    },
    exec: (text) => inner.exec(text),
  });
  const wrapped: Sql = {
    ...sql,
    ...client(sql),
    kind: sql.kind,
    transaction: (work) =>
      sql.transaction((tx) => {
        statements.push('BEGIN');
        return work(client(tx)).then((result) => {
          statements.push('COMMIT');
          return result;
        });
      }),
    exclusive: (key, work) => sql.exclusive(key, work),
    close: () => sql.close(),
  };
  return { sql: wrapped, statements };
}

const kinds: {
  name: string;
  skip: boolean;
  open(): Promise<{ sql: Sql; close(): Promise<void> }>;
}[] = [
  {
    name: 'PGlite',
    skip: false,
    async open() {
      const sql = await openPglite();
      await migrate(sql);
      return { sql, close: () => sql.close() };
    },
  },
  {
    name: postgresTitle,
    skip: !databaseUrl,
    async open() {
      const database = await freshDatabase(databaseUrl as string);
      const sql = await openPostgres(database.url);
      await migrate(sql);
      return {
        sql,
        close: async () => {
          await sql.close();
          await database.drop();
        },
      };
    },
  },
];

for (const kind of kinds)
  describe.skipIf(kind.skip)(`the write path on ${kind.name}`, () => {
    let opened: Awaited<ReturnType<(typeof kinds)[number]['open']>>;
    beforeAll(async () => {
      opened = await kind.open();
    }, 120_000);
    afterAll(async () => {
      await opened?.close();
    }, 60_000);
    const clock = handClock();

    it('given a batch of 20 responses › stores them in one statement (the responses and their items), each answered in order with its receipt; a replay is 20 duplicates with the same receipts', async () => {
      const { sql, statements } = counted(opened.sql);
      const backend = createSqlBackend(sql, clock.now);
      const ids = unique('batch');
      const items: DeliveryItem[] = Array.from({ length: 20 }, (_, n) => ({
        kind: 'response',
        payload: { ...makeResponse(ids, clock.now().toISOString()), id: ids.response(n) },
      }));
      const first = await backend.deliver(items);
      expect(statements).toEqual(['WITH response AS']);
      expect(first).toEqual(
        items.map((item) => ({
          key: `response:${(item.payload as { id: string }).id}`,
          outcome: 'stored',
          receivedAt: clock.now().toISOString(),
        })),
      );
      // Each response made its feedback item, under the response's id.
      const rows = await opened.sql.query<{ id: string; response_id: string }>(
        'SELECT id, response_id FROM palaute_items WHERE customer_id = $1 ORDER BY seq',
        [ids.customer],
      );
      expect(rows.map((row) => row.id)).toEqual(
        items.map((item) => (item.payload as { id: string }).id),
      );

      statements.length = 0;
      clock.advance(60_000);
      const replay = await backend.deliver(items);
      expect(replay).toEqual(first.map((result) => ({ ...result, outcome: 'duplicate' })));
      expect(statements).toEqual(['WITH response AS', 'SELECT customer_id, id,']);
      // Nothing doubled: still 20 responses and 20 items.
      expect(
        await opened.sql.query(
          `SELECT (SELECT count(*)::int FROM palaute_responses WHERE customer_id = $1) AS responses,
             (SELECT count(*)::int FROM palaute_items WHERE customer_id = $1) AS items`,
          [ids.customer],
        ),
      ).toEqual([{ responses: 20, items: 20 }]);
    });

    it('given a batch of 20 responses with webhooks configured › stores them in one transaction of two multi-row inserts, each answered in order with its receipt; a replay is 20 duplicates with the same receipts', async () => {
      const { sql, statements } = counted(opened.sql);
      const events: string[] = [];
      const backend = createSqlBackend(sql, clock.now, async (_tx, event) => {
        events.push(event.type);
      });
      const ids = unique('batch-hooks');
      const items: DeliveryItem[] = Array.from({ length: 20 }, (_, n) => ({
        kind: 'response',
        payload: { ...makeResponse(ids, clock.now().toISOString()), id: ids.response(n) },
      }));
      const first = await backend.deliver(items);
      expect(statements).toEqual([
        'BEGIN',
        'INSERT INTO palaute_responses',
        'INSERT INTO palaute_items',
        'COMMIT',
      ]);
      expect(events).toEqual(items.map(() => 'feedback.created'));
      expect(first).toEqual(
        items.map((item) => ({
          key: `response:${(item.payload as { id: string }).id}`,
          outcome: 'stored',
          receivedAt: clock.now().toISOString(),
        })),
      );
      statements.length = 0;
      clock.advance(60_000);
      const replay = await backend.deliver(items);
      expect(replay).toEqual(first.map((result) => ({ ...result, outcome: 'duplicate' })));
      expect(statements).toEqual([
        'BEGIN',
        'INSERT INTO palaute_responses',
        'SELECT customer_id, id,',
        'COMMIT',
      ]);
      expect(events).toHaveLength(20);
    });

    it("given a batch of responses only, one twice and one whose id another customer's item has › the one statement writes nothing, then one transaction stores each once, the first of a key stored and the second a duplicate; the item takes a fresh id", async () => {
      const { sql, statements } = counted(opened.sql);
      const backend = createSqlBackend(sql, clock.now);
      const ada = unique('ada-batch');
      const bob = unique('bob-batch');
      const adaResponse = makeResponse(ada, clock.now().toISOString());
      const receivedAt = clock.now().toISOString();
      expect(await backend.deliver([{ kind: 'response', payload: adaResponse }])).toEqual([
        { key: `response:${adaResponse.id}`, outcome: 'stored', receivedAt },
      ]);
      const bobFirst = { ...makeResponse(bob, clock.now().toISOString()), id: bob.response(1) };
      // Bob's second response has Ada's response id: his item cannot take it.
      const bobTaken = { ...makeResponse(bob, clock.now().toISOString()), id: adaResponse.id };
      statements.length = 0;
      clock.advance(1_000);
      const later = clock.now().toISOString();
      expect(
        await backend.deliver([
          { kind: 'response', payload: bobFirst },
          { kind: 'response', payload: bobTaken },
          { kind: 'response', payload: bobFirst },
        ]),
      ).toEqual([
        { key: `response:${bobFirst.id}`, outcome: 'stored', receivedAt: later },
        { key: `response:${adaResponse.id}`, outcome: 'stored', receivedAt: later },
        { key: `response:${bobFirst.id}`, outcome: 'duplicate', receivedAt: later },
      ]);
      expect(statements.slice(0, 2)).toEqual(['WITH response AS', 'BEGIN']);
      expect(statements.at(-1)).toBe('COMMIT');
      const items = await opened.sql.query<{ id: string; response_id: string }>(
        'SELECT id, response_id FROM palaute_items WHERE customer_id = $1 ORDER BY seq',
        [bob.customer],
      );
      expect(items.map((row) => row.response_id)).toEqual([bobFirst.id, adaResponse.id]);
      expect(items[0]?.id).toBe(bobFirst.id);
      expect(items[1]?.id).not.toBe(adaResponse.id);
      // Nothing doubled, nothing lost: one row per response, and a replay is all duplicates.
      expect(
        await opened.sql.query<{ id: string }>(
          'SELECT id FROM palaute_responses WHERE customer_id = $1 ORDER BY seq',
          [bob.customer],
        ),
      ).toEqual([{ id: bobFirst.id }, { id: adaResponse.id }]);
      clock.advance(60_000);
      expect(
        await backend.deliver([
          { kind: 'response', payload: bobTaken },
          { kind: 'response', payload: bobFirst },
        ]),
      ).toEqual([
        { key: `response:${adaResponse.id}`, outcome: 'duplicate', receivedAt: later },
        { key: `response:${bobFirst.id}`, outcome: 'duplicate', receivedAt: later },
      ]);
    });

    it('given the same batch of responses delivered at once by several requests, overlapping another › each response is stored once with one item, and every answer names its first receipt', async () => {
      const backend = createSqlBackend(opened.sql, clock.now);
      const ids = unique('batch-race');
      const responses = Array.from({ length: 12 }, (_, n) => ({
        ...makeResponse(ids, clock.now().toISOString()),
        id: ids.response(n),
      }));
      const batch = (from: number, to: number): DeliveryItem[] =>
        responses.slice(from, to).map((payload) => ({ kind: 'response', payload }));
      const answers = await Promise.all([
        backend.deliver(batch(0, 8)),
        backend.deliver(batch(0, 8)),
        backend.deliver(batch(4, 12)),
        backend.deliver(batch(0, 12)),
      ]);
      const receivedAt = clock.now().toISOString();
      for (const results of answers)
        for (const result of results) expect(result).toMatchObject({ receivedAt });
      // Each key stored by exactly one of the answers, every other answer a duplicate.
      for (const response of responses) {
        const outcomes = answers
          .flat()
          .filter((result) => result.key === `response:${response.id}`)
          .map((result) => result.outcome);
        expect(outcomes.filter((outcome) => outcome === 'stored')).toHaveLength(1);
        expect(outcomes.filter((outcome) => outcome !== 'stored')).toEqual(
          outcomes.slice(1).map(() => 'duplicate'),
        );
      }
      expect(
        await opened.sql.query(
          `SELECT (SELECT count(*)::int FROM palaute_responses WHERE customer_id = $1) AS responses,
             (SELECT count(DISTINCT response_id)::int FROM palaute_items WHERE customer_id = $1) AS answered,
             (SELECT count(*)::int FROM palaute_items WHERE customer_id = $1) AS items`,
          [ids.customer],
        ),
      ).toEqual([{ responses: 12, answered: 12, items: 12 }]);
    });

    it('given a batch with half an emoji (a lone surrogate) and a typed backslash-u › stores U+FFFD for the half emoji, and the backslash as typed', async () => {
      const backend = createSqlBackend(opened.sql, clock.now);
      const ids = unique('batch-text');
      const half = {
        ...makeResponse(ids, clock.now().toISOString()),
        answers: { nps: 3, why: 'Exports 😀 are slow \ud83d' },
      };
      const typed = {
        ...makeResponse(ids, clock.now().toISOString()),
        id: ids.response(2),
        answers: { nps: 4, why: 'Files in C:\\udata and \\ud83d stay put' },
      };
      const results = await backend.deliver([
        { kind: 'response', payload: half },
        { kind: 'response', payload: typed },
      ]);
      expect(results.map((result) => result.outcome)).toEqual(['stored', 'stored']);
      const rows = await opened.sql.query<{ why: string; text: string }>(
        `SELECT r.document->'answers'->>'why' AS why, i.document->>'text' AS text
         FROM palaute_responses r JOIN palaute_items i
           ON i.customer_id = r.customer_id AND i.response_id = r.id
         WHERE r.customer_id = $1 ORDER BY r.seq`,
        [ids.customer],
      );
      expect(rows).toEqual([
        { why: 'Exports 😀 are slow \ufffd', text: 'Exports 😀 are slow \ufffd' },
        {
          why: 'Files in C:\\udata and \\ud83d stay put',
          text: 'Files in C:\\udata and \\ud83d stay put',
        },
      ]);
    });

    it("given the same response twice in a batch, and a response whose id another customer's item has › the first is stored, the second a duplicate with its receipt; the item takes a fresh id", async () => {
      const backend = createSqlBackend(opened.sql, clock.now);
      const ada = unique('ada');
      const bob = unique('bob');
      const adaResponse = makeResponse(ada, clock.now().toISOString());
      // Bob's response has Ada's response id: his item cannot take it.
      const bobResponse = { ...makeResponse(bob, clock.now().toISOString()), id: adaResponse.id };
      const follow = makeFollowUp(adaResponse.id, clock.now().toISOString());
      const results = await backend.deliver([
        { kind: 'response', payload: adaResponse },
        { kind: 'response', payload: bobResponse },
        { kind: 'response', payload: adaResponse },
        { kind: 'followUp', payload: { ...follow, customerId: ada.customer } },
        { kind: 'display', payload: makeDisplay(bob, bob.response(2), clock.now().toISOString()) },
        {
          kind: 'response',
          payload: { ...bobResponse, answers: { nps: { deep: true } } } as never,
        },
      ]);
      const receivedAt = clock.now().toISOString();
      expect(results).toEqual([
        { key: `response:${adaResponse.id}`, outcome: 'stored', receivedAt },
        { key: `response:${adaResponse.id}`, outcome: 'stored', receivedAt },
        { key: `response:${adaResponse.id}`, outcome: 'duplicate', receivedAt },
        { key: `followUp:${adaResponse.id}:fix-first`, outcome: 'stored' },
        { key: `display:${bob.response(2)}`, outcome: 'stored' },
        {
          key: `response:${adaResponse.id}`,
          outcome: 'rejected',
          error: { code: 'invalid_request', message: expect.stringContaining('answers.nps') },
        },
      ]);
      const items = await opened.sql.query<{ document: FeedbackItem }>(
        'SELECT document FROM palaute_items WHERE response_id = $1 ORDER BY seq',
        [adaResponse.id],
      );
      expect(items.map((row) => row.document.customerId)).toEqual([ada.customer, bob.customer]);
      const [adaItem, bobItem] = items.map((row) => row.document);
      expect(adaItem?.id).toBe(adaResponse.id);
      expect(bobItem?.id).not.toBe(adaResponse.id);
      expect(bobItem?.responseId).toBe(adaResponse.id);
      // The follow-up joined Ada's response and refreshed her item.
      expect(adaItem?.answers).toHaveProperty('fixFirst', 'Faster exports, please');
    });

    it('given POST /v1/responses › the response is written once (one statement: the response and its item) and answered with its stored receipt; a replay answers the same receipt, read by a second statement', async () => {
      const { sql, statements } = counted(opened.sql);
      const server = createServer({
        secret,
        publishableKey,
        backend: createSqlBackend(sql, clock.now),
        rateLimits: { customer: false, ip: false },
      });
      const ids = unique('single');
      const response = makeResponse(ids, clock.now().toISOString());
      const post = async () => {
        const answer = await server.fetch(
          new Request('http://localhost/v1/responses', {
            method: 'POST',
            headers: customer(ids.customer),
            body: JSON.stringify({ protocol: 1, response }),
          }),
        );
        expect(answer.status).toBe(200);
        return answer.json();
      };
      const receipt = { responseId: response.id, receivedAt: clock.now().toISOString() };
      expect(await post()).toEqual({ protocol: 1, receipt, duplicate: false });
      expect(statements).toEqual(['WITH response AS']);
      const items = await opened.sql.query<{ id: string; response_id: string }>(
        'SELECT id, response_id FROM palaute_items WHERE customer_id = $1',
        [ids.customer],
      );
      expect(items).toEqual([{ id: response.id, response_id: response.id }]);
      statements.length = 0;
      clock.advance(60_000);
      expect(await post()).toEqual({ protocol: 1, receipt, duplicate: true });
      expect(statements).toEqual(['WITH response AS', 'SELECT received_at FROM']);
      // Still one response and one item.
      expect(
        await opened.sql.query(
          'SELECT count(*)::int AS n FROM palaute_responses WHERE customer_id = $1',
          [ids.customer],
        ),
      ).toEqual([{ n: 1 }]);
      expect(
        await opened.sql.query(
          'SELECT count(*)::int AS n FROM palaute_items WHERE customer_id = $1',
          [ids.customer],
        ),
      ).toEqual([{ n: 1 }]);
    });

    it('given writes the protocol handler parsed › not parsed again, but still refused when PostgreSQL cannot store them; the same writes given directly are parsed', async () => {
      const server = createServer({
        secret,
        publishableKey,
        backend: createSqlBackend(opened.sql, clock.now),
        rateLimits: { customer: false, ip: false },
      });
      const ids = unique('checked');
      const post = async (path: string, body: object) => {
        const answer = await server.fetch(
          new Request(`http://localhost${path}`, {
            method: 'POST',
            headers: customer(ids.customer),
            body: JSON.stringify({ protocol: 1, ...body }),
          }),
        );
        return { status: answer.status, body: await answer.json() };
      };
      // A NUL character passes the protocol's schema; the storage's own check still refuses it,
      // naming the path, alone and in a batch (where the other writes are stored).
      const nul = {
        ...makeResponse(ids, clock.now().toISOString()),
        answers: { nps: 3, why: 'a\u0000b' },
      };
      const single = await post('/v1/responses', { response: nul });
      expect(single.status).toBe(422);
      expect(single.body.error.message).toContain('answers.why');
      const fine = { ...makeResponse(ids, clock.now().toISOString()), id: ids.response(7) };
      const batch = await post('/v1/deliveries', {
        items: [
          { kind: 'response', payload: nul },
          { kind: 'response', payload: fine },
        ],
      });
      expect(batch.status).toBe(200);
      expect(batch.body.results).toEqual([
        {
          key: `response:${nul.id}`,
          outcome: 'rejected',
          error: { code: 'invalid_request', message: expect.stringContaining('answers.why') },
        },
        { key: `response:${fine.id}`, outcome: 'stored', receivedAt: clock.now().toISOString() },
      ]);
      expect(
        await opened.sql.query<{ id: string }>(
          'SELECT id FROM palaute_responses WHERE customer_id = $1',
          [ids.customer],
        ),
      ).toEqual([{ id: fine.id }]);
      // A host calling the storage directly gets every write parsed (a schema problem refused).
      const backend = createSqlBackend(opened.sql, clock.now);
      const [direct] = await backend.deliver([
        { kind: 'response', payload: { ...fine, id: ids.response(8), submittedAt: 'now' } },
      ]);
      expect(direct).toEqual({
        key: `response:${ids.response(8)}`,
        outcome: 'rejected',
        error: { code: 'invalid_request', message: expect.stringContaining('submittedAt') },
      });
    });

    it("given a single response whose id another customer's item has › the one statement writes nothing, then one transaction stores the response and its item under a fresh id; a replay is a duplicate", async () => {
      const { sql, statements } = counted(opened.sql);
      const backend = createSqlBackend(sql, clock.now);
      const ada = unique('ada-single');
      const bob = unique('bob-single');
      const adaResponse = makeResponse(ada, clock.now().toISOString());
      const bobResponse = { ...makeResponse(bob, clock.now().toISOString()), id: adaResponse.id };
      const receivedAt = clock.now().toISOString();
      expect(await backend.deliver([{ kind: 'response', payload: adaResponse }])).toEqual([
        { key: `response:${adaResponse.id}`, outcome: 'stored', receivedAt },
      ]);
      statements.length = 0;
      expect(await backend.submitResponse(bobResponse)).toEqual({
        responseId: adaResponse.id,
        receivedAt,
      });
      expect(statements).toEqual([
        'WITH response AS',
        'BEGIN',
        'INSERT INTO palaute_responses',
        'INSERT INTO palaute_items',
        'SELECT document FROM',
        'INSERT INTO palaute_items',
        'INSERT INTO palaute_items',
        'COMMIT',
      ]);
      const items = await opened.sql.query<{ id: string; customer_id: string }>(
        'SELECT id, customer_id FROM palaute_items WHERE response_id = $1 ORDER BY seq',
        [adaResponse.id],
      );
      expect(items.map((row) => row.customer_id)).toEqual([ada.customer, bob.customer]);
      expect(items[1]?.id).not.toBe(adaResponse.id);
      // Nothing doubled: one response each; a replay of Bob's is a duplicate with his receipt.
      clock.advance(60_000);
      expect(await backend.deliver([{ kind: 'response', payload: bobResponse }])).toEqual([
        { key: `response:${adaResponse.id}`, outcome: 'duplicate', receivedAt },
      ]);
      expect(
        await opened.sql.query('SELECT count(*)::int AS n FROM palaute_responses WHERE id = $1', [
          adaResponse.id,
        ]),
      ).toEqual([{ n: 2 }]);
    });
  });
