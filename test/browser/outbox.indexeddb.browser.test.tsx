import {
  createIndexedDbOutboxStorage,
  createMemoryBackend,
  createOutbox,
  type FeedbackResponse,
} from '@palaute/engine';

function response(n: number): FeedbackResponse {
  return {
    id: `response-idb-${n}`,
    surveyId: 'nps-dashboard',
    surveyVersion: 1,
    touchpointId: 'dashboard',
    customerId: 'c-1',
    locale: 'en',
    answers: { nps: 7 },
    startedAt: '2026-11-23T09:59:00.000Z',
    submittedAt: '2026-11-23T10:00:00.000Z',
  };
}

describe('the IndexedDB outbox storage, in Chromium', () => {
  it('given answers stored while offline › a new outbox over the same database (a reload) delivers them once', async () => {
    const name = `palaute-test-${crypto.randomUUID()}`;
    const offline = {
      ...createMemoryBackend(),
      submitResponse: () => Promise.reject(new Error('offline')),
      deliver: () => Promise.reject(new Error('offline')),
    };
    const before = createOutbox({
      backend: offline,
      storage: createIndexedDbOutboxStorage(indexedDB, name),
    });
    await before.start();
    await before.enqueue('response', response(1));
    await before.enqueue('response', response(2));
    await before.flush();
    before.stop();

    // What is on disk, read through a fresh connection.
    expect((await createIndexedDbOutboxStorage(indexedDB, name).load()).length).toBe(2);

    const receiver = createMemoryBackend();
    const after = createOutbox({
      backend: receiver,
      storage: createIndexedDbOutboxStorage(indexedDB, name),
    });
    await after.start();
    expect(receiver.responses().map((stored) => stored.id)).toEqual([
      'response-idb-1',
      'response-idb-2',
    ]);
    expect(await createIndexedDbOutboxStorage(indexedDB, name).load()).toEqual([]);
    after.stop();
  });
});
