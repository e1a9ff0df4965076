import { createMemoryBackend, type FeedbackResponse } from '@palaute/engine';
import { createIndexedDbOutboxStorage, createOutbox } from '@palaute/engine/outbox';

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

  it('given the database deleted under an open connection (site data cleared) › the storage opens again and keeps working', async () => {
    const name = `palaute-test-${crypto.randomUUID()}`;
    const storage = createIndexedDbOutboxStorage(indexedDB, name);
    const memory = createMemoryBackend();
    const offline = {
      ...memory,
      submitResponse: () => Promise.reject(new Error('offline')),
      deliver: () => Promise.reject(new Error('offline')),
    };
    const outbox = createOutbox({ backend: offline, storage });
    await outbox.start();
    await outbox.enqueue('response', response(1));
    expect(await storage.load()).toHaveLength(1);

    // Another party deletes the database: our open connection must let go so the delete completes.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('delete blocked by our open connection'));
    });

    // The next write opens a fresh database: nothing lost since, nothing stuck.
    expect((await outbox.enqueue('response', response(2))).stored).toBe(true);
    expect((await storage.load()).map((record) => (record as { key: string }).key)).toEqual([
      'response:response-idb-2',
    ]);
    outbox.stop();
    indexedDB.deleteDatabase(name);
  });
});
