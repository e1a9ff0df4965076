// The team inbox's search on the SQL storages: the items it finds are exactly those a query made
// per row from the row's own locale finds (migration 7's meaning), and it is answered from the
// items' two GIN indexes, not by reading every item.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSqlTeam,
  inboxSearchOf,
  inboxStatement,
} from '../../packages/server/src/storage/storage.feedback';
import { migrate } from '../../packages/server/src/storage/storage.migrations';
import { openPglite, type Sql } from '../../packages/server/src/storage/storage.sql';
import { openDatabase, planOf, sqlKinds } from './storage.fixtures';

const at = '2026-11-23T10:00:00.000Z';

/** Words in English, Finnish, German and Swedish, with forms that stem alike and stop words. */
const WORDS = [
  'exports',
  'export',
  'exporting',
  'are',
  'the',
  'slow',
  'slower',
  'invoices',
  'invoice',
  'laskujen',
  'lasku',
  'laskut',
  'vienti',
  'on',
  'hidasta',
  'Rechnungen',
  'Rechnung',
  'langsam',
  'die',
  'och',
  'fakturor',
  'faktura',
  'långsam',
  'running',
  'runs',
  'ran',
  'läuft',
  'run',
];
const LOCALES = ['en', 'fi-FI', 'de', 'sv', 'xx', null] as const;

/** Stores an item with `text` from a customer of `locale`, straight into the table. */
async function storeItem(sql: Sql, id: string, text: string, locale: string | null) {
  const document = {
    id,
    customerId: `customer-${id}`,
    responseId: id,
    touchpointId: 'dashboard',
    surveyId: 'nps',
    status: 'new',
    createdAt: at,
    updatedAt: at,
    text,
    answers: { why: text },
    replies: [],
    history: [],
    tags: [],
  };
  await sql.query(
    `INSERT INTO palaute_items (id, customer_id, response_id, touchpoint_id, status, created_at, document, locale)
     VALUES ($1, $2, $1, 'dashboard', 'new', $3::timestamptz, $4::jsonb, $5)`,
    [id, document.customerId, at, JSON.stringify(document), locale],
  );
}

/** The ids the search of migration 7 finds: a query made per row with the row's locale. */
const foundPerRow = async (sql: Sql, text: string) =>
  (
    await sql.query<{ id: string }>(
      `SELECT id FROM palaute_items
       WHERE search_simple @@ websearch_to_tsquery('simple', $1::text)
         OR search_language @@ websearch_to_tsquery(palaute_search_config(locale), $1::text)
       ORDER BY id`,
      [text],
    )
  ).map((row) => row.id);

/** The ids the team's inbox finds for `text`, every page followed. */
async function foundByInbox(sql: Sql, text: string) {
  const team = createSqlTeam(sql, () => new Date(at));
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await team.listFeedback({ text, sort: 'oldest', limit: 100, cursor });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.next;
  } while (cursor);
  return ids.sort();
}

const query = fc
  .array(
    fc.oneof(
      fc.constantFrom(...WORDS),
      fc.constantFrom(...WORDS).map((word) => `-${word}`),
      fc.constant('or'),
      fc
        .array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 3 })
        .map((words) => `"${words.join(' ')}"`),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.join(' '));

describe('the team inbox’s search on SQL', () => {
  for (const kind of sqlKinds)
    it.skipIf(!kind.run)(
      `${kind.name} › finds exactly the items a query made per row from its locale finds, over random texts and queries`,
      async () => {
        const database = await openDatabase(kind);
        try {
          await migrate(database.sql);
          const texts = fc.sample(
            fc.record({
              words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }),
              locale: fc.constantFrom(...LOCALES),
            }),
            { numRuns: 120, seed: 18 },
          );
          for (const [n, { words, locale }] of texts.entries())
            await storeItem(
              database.sql,
              `item-${String(n).padStart(3, '0')}`,
              words.join(' '),
              locale,
            );
          let nonEmpty = 0;
          await fc.assert(
            fc.asyncProperty(query, async (text) => {
              const expected = await foundPerRow(database.sql, text);
              if (expected.length > 0) nonEmpty += 1;
              expect(await foundByInbox(database.sql, text)).toEqual(expected);
            }),
            { numRuns: 60, seed: 7 },
          );
          // The property saw searches that find something, not only empty answers.
          expect(nonEmpty).toBeGreaterThan(20);
          // A word in one language's forms finds only the items written in that language.
          expect(await foundByInbox(database.sql, 'lasku')).toEqual(
            await foundPerRow(database.sql, 'lasku'),
          );
        } finally {
          await database.close();
        }
      },
      120_000,
    );

  for (const kind of sqlKinds)
    it.skipIf(!kind.run)(
      `${kind.name} › a search is answered from the items’ search indexes, not by reading every item`,
      async () => {
        const database = await openDatabase(kind);
        const { sql } = database;
        try {
          await migrate(sql);
          // 4,000 items, one of which says "zebra".
          await sql.query(
            `INSERT INTO palaute_items (id, customer_id, response_id, touchpoint_id, status, created_at, document, locale)
             SELECT 'item-' || g, 'customer-' || g, 'item-' || g, 'dashboard', 'new',
               $1::timestamptz - g * interval '1 minute',
               jsonb_build_object('id', 'item-' || g, 'text',
                 CASE WHEN g = 1234 THEN 'A zebra in the exports' ELSE 'Exports are slow, number ' || g END),
               (ARRAY['en', 'fi', 'de', NULL])[1 + g % 4]
             FROM generate_series(1, 4000) AS g`,
            [at],
          );
          await sql.exec('ANALYZE palaute_items');
          const search = await inboxSearchOf(sql, 'zebra');
          const [statement, params] = inboxStatement(
            { text: 'zebra' },
            'newest',
            50,
            undefined,
            at,
            search,
          );
          const plan = await planOf(sql, statement, params);
          expect(plan).toMatch(/Bitmap Index Scan on palaute_items_search\b/);
          expect(plan).toMatch(/Bitmap Index Scan on palaute_items_search_language\b/);
          expect(plan).not.toMatch(/Seq Scan/);
          expect(await foundByInbox(sql, 'zebra')).toEqual(['item-1234']);
        } finally {
          await database.close();
        }
      },
      120_000,
    );

  // PGlite's one connection takes the search path set here (a pool's next query may not).
  it("PGlite › finds the customer's language forms with PostgreSQL's configurations, even when another of the same name comes first on the search path", async () => {
    const sql = await openPglite();
    try {
      await migrate(sql);
      await storeItem(sql, 'item-english', 'Exports are slow', 'en');
      await sql.exec(
        `CREATE TEXT SEARCH CONFIGURATION public.english (COPY = pg_catalog.simple);
         SET search_path = public, pg_catalog`,
      );
      // The shadowing configuration is the one a bare name finds now.
      const [found] = await sql.query<{ config: string }>(
        `SELECT to_tsvector('english', 'Exports')::text AS config`,
      );
      expect(found?.config).toBe("'exports':1");
      expect(await foundByInbox(sql, 'export')).toEqual(['item-english']);
    } finally {
      await sql.close();
    }
  }, 60_000);

  it('refuses to build a search’s statement without its queries', () => {
    expect(() => inboxStatement({ text: 'zebra' }, 'newest', 50, undefined, at)).toThrow(
      /inboxSearchOf/,
    );
  });
});
