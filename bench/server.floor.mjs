// The floor the ingestion benchmark compares the server with (not a product, not a test): a bare
// Node HTTP server that does the least a feedback endpoint can do on the same database, namely
// `JSON.parse` of the body and one `INSERT` per request (`POST /v1/responses`), or one multi-row
// `INSERT` per batch (`POST /v1/deliveries`). No validation, no authentication, no idempotency
// beyond the primary key, no feedback item, no scores. Run by bench/server.floor.bench.mjs as a
// child process: PGlite in FLOOR_DATA_DIR, or PostgreSQL at DATABASE_URL. Prints its URL.
import { createServer } from 'node:http';

const TABLE = `CREATE TABLE IF NOT EXISTS bench_floor_responses (
  customer_id text NOT NULL,
  id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  document jsonb NOT NULL,
  PRIMARY KEY (customer_id, id)
)`;

async function open() {
  if (process.env.DATABASE_URL) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    await pool.query(TABLE);
    return { query: (text, params) => pool.query(text, params), close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(process.env.FLOOR_DATA_DIR);
  await db.exec(TABLE);
  return { query: (text, params) => db.query(text, params), close: () => db.close() };
}

const db = await open();
const INSERT_ONE =
  'INSERT INTO bench_floor_responses (customer_id, id, document) VALUES ($1, $2, $3::jsonb)';
const insertMany = (count) =>
  `INSERT INTO bench_floor_responses (customer_id, id, document) VALUES ${Array.from(
    { length: count },
    (_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3}::jsonb)`,
  ).join(', ')}`;

const answer = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (req.url === '/v1/responses') {
        const { response } = body;
        await db.query(INSERT_ONE, [response.customerId, response.id, JSON.stringify(response)]);
        answer(res, 200, { protocol: 1, duplicate: false });
      } else if (req.url === '/v1/deliveries') {
        const params = body.items.flatMap((item) => [
          item.payload.customerId,
          item.payload.id,
          JSON.stringify(item.payload),
        ]);
        await db.query(insertMany(body.items.length), params);
        answer(res, 200, {
          protocol: 1,
          results: body.items.map((item) => ({
            key: `response:${item.payload.id}`,
            outcome: 'stored',
          })),
        });
      } else
        answer(res, 404, { protocol: 1, error: { code: 'not_found', message: 'No such route.' } });
    } catch (error) {
      answer(res, 500, { protocol: 1, error: { code: 'internal', message: String(error) } });
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`floor listening on http://127.0.0.1:${port}\n`);
});
process.once('SIGTERM', () => {
  server.close(() => db.close().then(() => process.exit(0)));
  server.closeAllConnections();
});
