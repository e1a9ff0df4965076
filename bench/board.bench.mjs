// The public board at size (not a test): BENCH_IDEAS ideas (100,000 by default) and BENCH_VOTES
// votes (1,000,000), seeded with set-based SQL straight into the board's tables (no HTTP: a million
// requests would measure the seeding, not the board), counts and trending scores computed in SQL by
// the same formula the storage keeps. Then the built storage's board, in process, one call at a
// time: the first page by trending and by top, a similar-ideas lookup (a typo in it, as typed), and
// a vote (a fresh write each time, toggling one customer's vote on a popular idea, so every run
// locks the idea, writes and recounts its million-vote neighbourhood's idea). p50 and p99 per read.
// PGlite in a fresh folder; PostgreSQL too when DATABASE_URL is set (a fresh database is made on
// that server and dropped afterwards).
//
//   npm run bench:board
//   BENCH_IDEAS=100000 BENCH_VOTES=1000000 BENCH_RUNS=50 DATABASE_URL=postgres://… npm run bench:board
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { DEFAULT_RANKING, RANKING_EPOCH } from '../packages/engine/dist/index.js';
import { openStorage } from '../packages/server/dist/index.js';
import { onFreshDatabase } from './bench.shared.mjs';

const IDEAS = Number(process.env.BENCH_IDEAS ?? 100_000);
const VOTES = Number(process.env.BENCH_VOTES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const CUSTOMERS = Math.max(1, Math.ceil(VOTES / 20));
const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const YEAR_MS = 365 * 24 * 3_600_000;
const EPOCH_MS = Date.parse(RANKING_EPOCH);
const HALF_LIFE_MS = DEFAULT_RANKING.halfLifeHours * 3_600_000;

const WORDS = [
  'dark',
  'mode',
  'export',
  'csv',
  'invoice',
  'reminder',
  'report',
  'dashboard',
  'filter',
  'search',
  'mobile',
  'app',
  'offline',
  'sync',
  'calendar',
  'payment',
  'stripe',
  'bank',
  'import',
  'excel',
  'pdf',
  'template',
  'logo',
  'email',
  'notification',
  'slack',
  'api',
  'webhook',
  'team',
  'role',
  'permission',
  'audit',
  'log',
  'tax',
  'currency',
  'language',
  'finnish',
  'swedish',
  'recurring',
  'discount',
  'customer',
  'portal',
  'signature',
  'attachment',
  'reminders',
];
const word = (expr) =>
  `(ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}])[1 + (${expr}) % ${WORDS.length}]`;
const iso = (ms) =>
  `to_char(to_timestamp((${ms}) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The seed, as statements: ideas, then votes in rounds until there are VOTES, then counts and scores. */
function seedIdeas() {
  return `
    INSERT INTO palaute_board_ideas (id, author_id, kind, title, body, status, approval, category_id,
      merged_into, votes, comments, trend, language, created_ms, document, search)
    SELECT id, author, kind, title, '', 'open', 'approved', NULL, NULL, 0, 0, 0, 'english', created,
      jsonb_build_object('id', id, 'boardId', 'ideas', 'kind', kind, 'title', title, 'body', '',
        'authorId', author, 'status', 'open', 'lifecycle', 'new', 'votes', 0, 'comments', 0,
        'trend', 0, 'approval', 'approved', 'itemIds', '[]'::jsonb, 'changelogIds', '[]'::jsonb,
        'history', jsonb_build_array(jsonb_build_object('from', NULL, 'to', 'open', 'lifecycle', 'new',
          'at', ${iso('created')}, 'by', jsonb_build_object('kind', 'customer', 'id', author))),
        'language', 'english', 'createdAt', ${iso('created')}, 'updatedAt', ${iso('created')}),
      setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('simple', title), 'C')
    FROM (
      SELECT 'idea-' || lpad(i::text, 7, '0') AS id, 'cust-' || (i % ${CUSTOMERS}) AS author,
        CASE WHEN i % 5 = 0 THEN 'bug' ELSE 'idea' END AS kind,
        initcap(${word('i')}) || ' ' || ${word(`i / ${WORDS.length}`)} || ' ' || ${word(`i / ${WORDS.length * WORDS.length} + i`)} || ' ' || i AS title,
        ${NOW - YEAR_MS}::float8 + (abs(hashint4(i)) % ${YEAR_MS / 1000})::float8 * 1000 AS created
      FROM generate_series(1, ${IDEAS}) AS i) AS made`;
}

/** One round of votes: each customer votes ~20 times, skewed towards low idea numbers (a long tail). */
function seedVotes(round) {
  return `
    INSERT INTO palaute_board_votes (idea_id, customer_id, source, at, document)
    SELECT idea, customer, 'board', to_timestamp(at_ms / 1000.0),
      jsonb_build_object('ideaId', idea, 'customerId', customer, 'source', 'board', 'at', ${iso('at_ms')})
    FROM (
      SELECT 'idea-' || lpad((1 + floor(${IDEAS - 1} * power((abs(hashint4(n + ${round * 7_919_000})) % 1000003) / 1000003.0, 3)))::int::text, 7, '0') AS idea,
        'cust-' || (n % ${CUSTOMERS}) AS customer,
        ${NOW}::float8 - (abs(hashint4(n * 3 + ${round})) % ${YEAR_MS / 1000})::float8 * 1000 AS at_ms
      FROM generate_series(1, $1::int) AS n) AS cast_votes
    ON CONFLICT (customer_id, idea_id) DO NOTHING`;
}

const RECOUNT = `
  WITH counted AS (SELECT idea_id, count(*) AS n FROM palaute_board_votes GROUP BY idea_id)
  UPDATE palaute_board_ideas i SET votes = counted.n FROM counted WHERE i.id = counted.idea_id;
  WITH terms AS (
    SELECT id AS idea_id, (created_ms - ${EPOCH_MS}) / ${HALF_LIFE_MS} AS x FROM palaute_board_ideas
    UNION ALL SELECT idea_id, ln(${DEFAULT_RANKING.voteWeight}::float8) / ln(2)
      + (extract(epoch FROM at) * 1000 - ${EPOCH_MS}) / ${HALF_LIFE_MS} FROM palaute_board_votes),
  top AS (SELECT idea_id, max(x) AS m FROM terms GROUP BY idea_id),
  scored AS (SELECT t.idea_id, top.m + ln(sum(power(2::float8, greatest(t.x - top.m, -1000)))) / ln(2) AS trend
             FROM terms t JOIN top USING (idea_id) GROUP BY t.idea_id, top.m)
  UPDATE palaute_board_ideas i SET trend = scored.trend FROM scored WHERE i.id = scored.idea_id;
  ANALYZE palaute_board_ideas; ANALYZE palaute_board_votes;`;

/** Seeds through `run(sql, params)` and `exec(sql)`; returns the seeding's seconds and the counts. */
async function seed(run, exec) {
  const started = performance.now();
  await exec(seedIdeas());
  let votes = 0;
  for (let round = 0; votes < VOTES && round < 20; round++) {
    await run(seedVotes(round), [Math.ceil((VOTES - votes) * 1.02)]);
    const [row] = await run('SELECT count(*)::int AS n FROM palaute_board_votes');
    votes = Number(row.n);
  }
  if (votes > VOTES)
    await run(
      `DELETE FROM palaute_board_votes WHERE ctid IN (SELECT ctid FROM palaute_board_votes ORDER BY at DESC LIMIT $1)`,
      [votes - VOTES],
    );
  await exec(RECOUNT);
  const [counts] = await run(
    'SELECT (SELECT count(*) FROM palaute_board_ideas)::int AS ideas, (SELECT count(*) FROM palaute_board_votes)::int AS votes, (SELECT max(votes) FROM palaute_board_ideas)::int AS most',
  );
  return { seconds: (performance.now() - started) / 1000, ...counts };
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function time(label, work) {
  for (let i = 0; i < 3; i++) await work(-1 - i); // warm-up
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { label, p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

/** Vote writes made so far: each write has an id of its own, or it would be a replay. */
let voteWrites = 0;

/** The board's four operations against an opened storage. */
async function measure(storage) {
  const board = storage.backend.board;
  const reader = 'cust-bench-reader';
  const first = await board.listIdeas(reader, { sort: 'top', limit: 1 });
  const popular = first.ideas[0];
  const results = [
    await time('first page, trending (20)', () => board.listIdeas(reader, { sort: 'trending' })),
    await time('first page, top (20)', () => board.listIdeas(reader, { sort: 'top' })),
    await time('similar ideas, "dark mdoe export" (5)', () =>
      board.similarIdeas({ customerId: reader, text: 'dark mdoe export' }),
    ),
    await time(`vote on the top idea (${popular.votes} votes), toggled`, (i) =>
      board.vote({
        id: `bench-vote-${process.pid}-${++voteWrites}`,
        customerId: 'cust-bench-voter',
        ideaId: popular.id,
        voted: Math.abs(i) % 2 === 0,
        source: 'board',
        at: new Date(NOW).toISOString(),
      }),
    ),
  ];
  return results;
}

/**
 * With `BENCH_BEFORE` (an earlier build's `packages/server/dist/index.js`): that build and this one
 * measured on the same seeded database in turn, twice each (before, after, before, after), so the
 * ratio holds whatever else the machine is doing.
 */
const BEFORE = process.env.BENCH_BEFORE;
const openBefore = BEFORE ? (await import(BEFORE)).openStorage : undefined;

async function measureBoth(open) {
  if (!openBefore) {
    const storage = await open(openStorage);
    try {
      return await measure(storage);
    } finally {
      await storage.close();
    }
  }
  const rounds = { before: [], after: [] };
  for (let round = 0; round < 2; round++)
    for (const [which, opener] of [
      ['before', openBefore],
      ['after', openStorage],
    ]) {
      const storage = await open(opener);
      try {
        rounds[which].push(await measure(storage));
      } finally {
        await storage.close();
      }
    }
  const mid = (a, b) => (a + b) / 2;
  return rounds.after[0].map((after, index) => {
    const [b1, b2] = [rounds.before[0][index], rounds.before[1][index]];
    const a2 = rounds.after[1][index];
    const before = { p50: mid(b1.p50, b2.p50), p99: mid(b1.p99, b2.p99) };
    const now = { p50: mid(after.p50, a2.p50), p99: mid(after.p99, a2.p99) };
    return { label: after.label, ...now, before };
  });
}

function print(kind, seeded, results) {
  console.log(
    `\n${kind}: ${seeded.ideas.toLocaleString('en')} ideas, ${seeded.votes.toLocaleString('en')} votes (most on one idea: ${seeded.most.toLocaleString('en')}), seeded in ${seeded.seconds.toFixed(1)} s`,
  );
  if (BEFORE) {
    console.log('| operation | before p50 / p99 | after p50 / p99 | after / before (p50) |');
    console.log('|---|---|---|---|');
    for (const { label, p50, p99, before } of results)
      console.log(
        `| ${label} | ${before.p50.toFixed(1)} / ${before.p99.toFixed(1)} ms | ${p50.toFixed(1)} / ${p99.toFixed(1)} ms | ${(p50 / before.p50).toFixed(2)}× |`,
      );
    return;
  }
  console.log('| operation | p50 | p99 |\n|---|---|---|');
  for (const { label, p50, p99 } of results)
    console.log(`| ${label} | ${p50.toFixed(1)} ms | ${p99.toFixed(1)} ms |`);
}

async function benchPglite() {
  const dataDir = mkdtempSync(join(tmpdir(), 'palaute-board-bench-'));
  try {
    // Migrations first (the storage's own), then the seed straight into the folder, then the board.
    await (await openStorage({ dataDir })).close();
    const db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
    const seeded = await seed(
      async (sql, params = []) => (await db.query(sql, params)).rows,
      (sql) => db.exec(sql),
    );
    await db.close();
    print('PGlite', seeded, await measureBoth((open) => open({ dataDir })));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchPostgres(url) {
  await onFreshDatabase(url, 'palaute_board_bench', async (fresh) => {
    await (await openStorage({ databaseUrl: fresh })).close();
    const client = new pg.Client({ connectionString: fresh });
    await client.connect();
    const seeded = await seed(
      async (sql, params = []) => (await client.query(sql, params)).rows,
      (sql) => client.query(sql),
    );
    await client.end();
    print('PostgreSQL', seeded, await measureBoth((open) => open({ databaseUrl: fresh })));
  });
}

console.log(
  `Board bench: ${IDEAS} ideas, ${VOTES} votes, ${RUNS} runs per operation (Node ${process.version})`,
);
if (process.env.BENCH_SKIP_PGLITE !== '1') await benchPglite();
if (process.env.DATABASE_URL) await benchPostgres(process.env.DATABASE_URL);
