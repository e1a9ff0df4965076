import {
  type BackendPort,
  createMemoryBackend,
  type FeedbackResponse,
  type Outbox,
} from '@palaute/engine';
import { createMemoryOutboxStorage, createOutbox } from '@palaute/engine/outbox';
import fc from 'fast-check';

/** What the network does to one delivery. */
type Fault = 'ok' | 'dropRequest' | 'dropReply' | 'tooMany' | 'serverError' | 'duplicate';

const faultArb = fc.constantFrom<Fault>(
  'ok',
  'dropRequest',
  'dropReply',
  'tooMany',
  'serverError',
  'duplicate',
);

/** One step of a session: answers given, deliveries attempted, the page reloaded. */
type Step = { op: 'answer' } | { op: 'flush' } | { op: 'reload' } | { op: 'wait'; ms: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Step>({ op: 'answer' }) },
  { weight: 3, arbitrary: fc.constant<Step>({ op: 'flush' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ op: 'reload' }) },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 0, max: 120_000 }).map<Step>((ms) => ({ op: 'wait', ms })),
  },
);

function response(n: number): FeedbackResponse {
  return {
    id: `response-${String(n).padStart(4, '0')}`,
    surveyId: 'nps-dashboard',
    surveyVersion: 1,
    touchpointId: 'dashboard',
    customerId: 'c-1',
    locale: 'en',
    answers: { nps: n % 11 },
    startedAt: '2026-11-23T09:59:00.000Z',
    submittedAt: '2026-11-23T10:00:00.000Z',
  };
}

describe('the outbox under random network faults and reloads (property-based)', () => {
  it('given any sequence of answers, faults and reloads › once the network recovers every answer is stored exactly once and nothing is left pending', async () => {
    let total = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 60 }),
        fc.infiniteStream(faultArb),
        async (steps, faults) => {
          const receiver = createMemoryBackend();
          const deliveries = new Map<string, number>();
          let clock = Date.parse('2026-11-23T10:00:00.000Z');
          let networkUp = false;
          const faultIterator = faults[Symbol.iterator]();
          // One by one here; batches meet the same faults over real HTTP in http.faults.test.ts.
          const { deliver: _batch, ...oneByOne } = receiver;
          const backend: BackendPort = {
            ...oneByOne,
            submitResponse: async (payload) => {
              const fault: Fault = networkUp ? 'ok' : (faultIterator.next().value as Fault);
              if (fault === 'dropRequest') throw new Error('network down');
              if (fault === 'serverError')
                throw Object.assign(new Error('HTTP 503'), { retryable: true });
              if (fault === 'tooMany')
                throw Object.assign(new Error('HTTP 429'), {
                  retryable: true,
                  retryAfterMs: 5_000,
                });
              deliveries.set(payload.id, (deliveries.get(payload.id) ?? 0) + 1);
              const receipt = await receiver.submitResponse(payload);
              if (fault === 'duplicate') {
                deliveries.set(payload.id, (deliveries.get(payload.id) ?? 0) + 1);
                await receiver.submitResponse(payload);
              }
              // The request arrived but the reply was lost: the client must retry, the server dedupe.
              if (fault === 'dropReply') throw new Error('connection reset');
              return receipt;
            },
          };
          const storage = createMemoryOutboxStorage();
          const open = async () => {
            const outbox = createOutbox({
              backend,
              storage,
              now: () => clock,
              baseDelayMs: 1000,
              maxDelayMs: 60_000,
            });
            await outbox.start();
            return outbox;
          };
          let outbox: Outbox = await open();
          const given: string[] = [];

          for (const step of steps) {
            if (step.op === 'answer') {
              const answer = response(given.length);
              given.push(answer.id);
              const result = await outbox.enqueue('response', answer);
              expect(result.stored).toBe(true);
            } else if (step.op === 'flush') await outbox.flush();
            else if (step.op === 'wait') clock += step.ms;
            else {
              // The tab closes mid-whatever; a new page opens over the same storage.
              outbox.stop();
              outbox = await open();
            }
          }

          networkUp = true;
          for (let round = 0; round < 20 && outbox.status().pending > 0; round++) {
            clock += 120_000;
            await outbox.flush();
          }

          total += given.length;
          expect(outbox.status()).toMatchObject({ pending: 0, rejected: 0 });
          expect(storage.records()).toEqual([]);
          const stored = receiver.responses().map((stored) => stored.id);
          expect(stored.sort()).toEqual([...given].sort());
          expect(new Set(stored).size).toBe(stored.length);
          outbox.stop();
        },
      ),
      { numRuns: 500 },
    );
    // Thousands of answers went through the faults.
    expect(total).toBeGreaterThan(1000);
  });
});
