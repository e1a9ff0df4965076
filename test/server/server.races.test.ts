import { openServer } from '../../packages/server/src/index';
import { anna, customer, publishableKey, responseOf, secret, teamOf } from './server.support';
import { databaseUrl, freshDatabase, postgresTitle } from './storage.fixtures';

// Team and customer replies racing status changes on one item, on the SQL storages: every request
// is answered 200 or a 4xx the lifecycle gives (409), or 503 with Retry-After when the database
// asks to try again — never a 500 — and every acknowledged reply is in the thread afterwards.

const options = {
  secret,
  publishableKey,
  teamTokens: [anna],
  rateLimits: { customer: false, ip: false },
} as const;

const databases = [
  { name: 'PGlite', run: true, open: () => openServer(options) },
  {
    name: postgresTitle,
    run: Boolean(databaseUrl),
    open: async () => {
      const database = await freshDatabase(databaseUrl as string);
      const server = await openServer({ ...options, databaseUrl: database.url });
      const close = server.close;
      return Object.assign(server, {
        close: async () => {
          await close();
          await database.drop();
        },
      });
    },
  },
];

describe.each(databases)(
  'one item raced by the team and its customer on $name',
  ({ run, open }) => {
    const it = run ? test : test.skip;

    it('given 120 concurrent replies, receipts and status changes › no 5xx but 503 with Retry-After, no acknowledged reply lost', async () => {
      const server = await open();
      try {
        const send = async (path: string, headers: Record<string, string>, body: object) => {
          const response = await server.fetch(
            new Request(`http://localhost${path}`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ protocol: 1, ...body }),
            }),
          );
          return {
            status: response.status,
            retryAfter: response.headers.get('retry-after'),
            body: await response.text(),
          };
        };
        const items = ['response-race-1', 'response-race-2'];
        for (const id of items) {
          expect(
            (await send('/v1/responses', customer('dana'), { response: responseOf(id, 'dana') }))
              .status,
          ).toBe(200);
          // The team writes first, so the customer's thread is open.
          expect(
            (
              await send('/v1/team/feedback/act', teamOf(anna), {
                id,
                action: {
                  type: 'reply.team',
                  reply: { id: `reply-open-${id}`, body: 'Tell us more?' },
                },
              })
            ).status,
          ).toBe(200);
        }
        const statuses = [
          'feedback.triage',
          'feedback.plan',
          'feedback.start',
          'feedback.answer',
          'feedback.reopen',
        ];
        const requests = Array.from({ length: 120 }, (_, n) => {
          const id = items[n % 2] as string;
          switch (n % 4) {
            case 0:
              return send('/v1/team/feedback/act', teamOf(anna), {
                id,
                action: { type: statuses[(n >> 2) % statuses.length] },
              }).then((answer) => ({ ...answer, reply: undefined }));
            case 1:
              return send('/v1/team/feedback/act', teamOf(anna), {
                id,
                action: { type: 'reply.team', reply: { id: `reply-team-${n}`, body: `Team ${n}` } },
              }).then((answer) => ({ ...answer, reply: `reply-team-${n}` }));
            case 2:
              return send('/v1/replies', customer('dana'), {
                reply: {
                  itemId: id,
                  customerId: 'dana',
                  replyId: `reply-dana-${n}`,
                  body: `Dana ${n}`,
                  at: new Date().toISOString(),
                },
              }).then((answer) => ({ ...answer, reply: `reply-dana-${n}` }));
            default:
              return send('/v1/read-receipts', customer('dana'), {
                receipt: { itemId: id, customerId: 'dana', at: new Date().toISOString() },
              }).then((answer) => ({ ...answer, reply: undefined }));
          }
        });
        const answers = await Promise.all(requests);
        const failures = answers.filter(
          (answer) => answer.status >= 500 && !(answer.status === 503 && answer.retryAfter),
        );
        expect(failures.map((answer) => `${answer.status} ${answer.body}`)).toEqual([]);
        for (const answer of answers.filter((one) => one.status === 409))
          expect(answer.body).toMatch(/"code":"lifecycle\./);
        const threads = await Promise.all(
          items.map(async (id) =>
            JSON.parse((await send('/v1/team/feedback/get', teamOf(anna), { id })).body),
          ),
        );
        const inThreads = new Set(
          threads.flatMap((answer: { item: { replies: { id: string }[] } }) =>
            answer.item.replies.map((reply) => reply.id),
          ),
        );
        const acknowledged = answers
          .filter((answer) => answer.status === 200 && answer.reply)
          .map((answer) => answer.reply);
        expect(acknowledged.length).toBeGreaterThan(40);
        expect(acknowledged.filter((reply) => !inThreads.has(reply as string))).toEqual([]);
      } finally {
        await server.close();
      }
    }, 60_000);
  },
);
