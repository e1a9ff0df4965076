/**
 * Fault injection against a real HTTP server on loopback: thousands of answers sent through the
 * outbox and `createHttpBackend` while the network drops connections, times out, answers 500, 503
 * and 429 with Retry-After, loses answers after processing (so the same key arrives again), and the
 * page reloads mid-flush (a new outbox over the same storage). Whatever happens, once the network
 * recovers the server holds every answer exactly once and nothing is left pending.
 */
import { createHttpBackend, type FeedbackResponse, type Outbox } from '@palaute/engine';
import { createMemoryOutboxStorage, createOutbox } from '@palaute/engine/outbox';
import fc from 'fast-check';
import { type Fault, type ProtocolServer, startProtocolServer } from '../support/protocol-server';

const faultArb: fc.Arbitrary<Fault | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant<Fault>({ type: 'drop' }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ type: 'delay', ms: 120 }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ type: 'status', status: 500 }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ type: 'status', status: 503, retryAfter: '0' }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ type: 'status', status: 429, retryAfter: '0' }) },
  { weight: 2, arbitrary: fc.constant<Fault>({ type: 'processThenFail' }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ type: 'garbage' }) },
);

type Step = { op: 'answer'; count: number } | { op: 'flush' } | { op: 'reload' } | { op: 'pause' };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('answer' as const),
      count: fc.integer({ min: 1, max: 12 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant<Step>({ op: 'flush' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ op: 'reload' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ op: 'pause' }) },
);

let made = 0;
function answer(): FeedbackResponse {
  made++;
  return {
    id: `answer-${String(made).padStart(6, '0')}`,
    surveyId: 'nps-dashboard',
    surveyVersion: 1,
    touchpointId: 'dashboard',
    customerId: `c-${made % 7}`,
    locale: 'en',
    answers: { nps: made % 11, why: `answer number ${made}` },
    startedAt: '2026-11-23T10:00:00.000Z',
    submittedAt: '2026-11-23T10:00:01.000Z',
  };
}

describe('the outbox over HTTP, under faults (fast-check, loopback server)', () => {
  let server: ProtocolServer;
  afterEach(async () => {
    await server?.close();
  });

  it('given random faults, reloads mid-flush and thousands of answers › the server ends with each exactly once and nothing pending', async () => {
    let total = 0;
    let repeatedKeys = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 5, maxLength: 30 }),
        fc.infiniteStream(faultArb),
        async (steps, faults) => {
          server = await startProtocolServer();
          const stream = faults[Symbol.iterator]();
          let networkUp = false;
          server.decide = () =>
            networkUp ? undefined : (stream.next().value as Fault | undefined);
          const storage = createMemoryOutboxStorage();
          const open = async () => {
            const outbox = createOutbox({
              backend: createHttpBackend({ baseUrl: server.url, timeoutMs: 60 }),
              storage,
              baseDelayMs: 2,
              maxDelayMs: 20,
              batchSize: 10,
            });
            await outbox.start();
            return outbox;
          };
          let outbox: Outbox = await open();
          const given: string[] = [];
          const running: Promise<unknown>[] = [];
          for (const step of steps) {
            if (step.op === 'answer') {
              for (let n = 0; n < step.count; n++) {
                const next = answer();
                given.push(next.id);
                expect((await outbox.enqueue('response', next)).stored).toBe(true);
              }
            } else if (step.op === 'flush') running.push(outbox.flush());
            else if (step.op === 'pause') await new Promise((resolve) => setTimeout(resolve, 15));
            else {
              // The page goes away mid-flush; a new page opens over the same storage.
              running.push(outbox.flush());
              outbox.stop();
              outbox = await open();
            }
          }
          await Promise.allSettled(running);

          networkUp = true;
          for (let round = 0; round < 50 && outbox.status().pending > 0; round++) {
            await outbox.flush({ retryNow: true });
            if (outbox.status().pending > 0)
              await new Promise((resolve) => setTimeout(resolve, 10));
          }
          outbox.stop();

          const stored = server.backend.responses().map((response) => response.id);
          expect(stored.length).toBe(given.length);
          expect(new Set(stored)).toEqual(new Set(given));
          expect(outbox.status()).toMatchObject({ pending: 0, rejected: 0 });
          expect(storage.records()).toEqual([]);
          total += given.length;
          const seen = new Map<string, number>();
          for (const request of server.requests)
            if (request.key) seen.set(request.key, (seen.get(request.key) ?? 0) + 1);
          repeatedKeys += [...seen.values()].filter((count) => count > 1).length;
          await server.close();
        },
      ),
      { numRuns: 60 },
    );
    // The run really exercised what it claims: thousands of answers, keys that arrived more than once.
    expect(total).toBeGreaterThan(1000);
    expect(repeatedKeys).toBeGreaterThan(0);
  }, 120_000);
});
