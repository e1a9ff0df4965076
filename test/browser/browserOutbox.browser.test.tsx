import { type BackendPort, createMemoryBackend, type FeedbackResponse } from '@palaute/engine';
import { createBrowserOutbox } from '@palaute/react';

// The outbox PalauteProvider uses, as a page has it: IndexedDB chosen on first use, the Web Lock.

function response(n: number): FeedbackResponse {
  return {
    id: `response-page-${n}`,
    surveyId: 'nps-dashboard',
    surveyVersion: 1,
    touchpointId: 'dashboard',
    customerId: 'c-1',
    locale: 'en',
    answers: { nps: 8 },
    startedAt: '2026-11-23T09:59:00.000Z',
    submittedAt: '2026-11-23T10:00:00.000Z',
  };
}

/** A memory backend that refuses every write while `state.offline`, and lists what arrived. */
function switchable() {
  const memory = createMemoryBackend();
  const state = { offline: true };
  const arrived: string[] = [];
  const backend: BackendPort = {
    ...memory,
    submitResponse: async (payload) => {
      if (state.offline) throw new TypeError('Failed to fetch');
      arrived.push(payload.id);
      return memory.submitResponse(payload);
    },
    deliver: async (items) => {
      if (state.offline) throw new TypeError('Failed to fetch');
      for (const item of items) if (item.kind === 'response') arrived.push(item.payload.id);
      return memory.deliver?.(items) ?? [];
    },
  };
  return { backend, state, arrived, memory };
}

/** Counts whole-store reads (`getAll`) of IndexedDB in this page until `restore()`. */
function countFullReads() {
  const getAll = IDBObjectStore.prototype.getAll;
  const counter = {
    reads: 0,
    restore: () => {
      IDBObjectStore.prototype.getAll = getAll;
    },
  };
  IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, ...args) {
    counter.reads++;
    return getAll.apply(this, args);
  };
  return counter;
}

describe('createBrowserOutbox, in Chromium', () => {
  it('given answers given one at a time while offline › it reads the whole database once in its lifetime, not at every delivery run', async () => {
    const name = `palaute-test-${crypto.randomUUID()}`;
    const counter = countFullReads();
    try {
      const { backend } = switchable();
      const outbox = createBrowserOutbox({ backend, name, baseDelayMs: 3_600_000 });
      await outbox.start();
      for (let n = 0; n < 30; n++) {
        await outbox.enqueue('response', response(n));
        await outbox.flush();
      }
      await outbox.flush({ retryNow: true });
      expect(outbox.status().pending).toBe(30);
      expect(counter.reads).toBe(1);
      outbox.stop();
    } finally {
      counter.restore();
    }
  });

  it('given answers an earlier page left waiting out a backoff › the next page sends them when it starts', async () => {
    const name = `palaute-test-${crypto.randomUUID()}`;
    const earlier = createBrowserOutbox({
      backend: switchable().backend,
      name,
      baseDelayMs: 3_600_000,
    });
    await earlier.start();
    for (let n = 0; n < 3; n++) await earlier.enqueue('response', response(n));
    await earlier.flush();
    earlier.stop();

    const next = switchable();
    next.state.offline = false;
    const outbox = createBrowserOutbox({ backend: next.backend, name });
    await outbox.start();
    expect(next.arrived).toEqual([response(0).id, response(1).id, response(2).id]);
    expect(outbox.status().pending).toBe(0);
    outbox.stop();
  });

  it('given two tabs over one database › what one delivered the other never sends, and what one left the other delivers, each once', async () => {
    const name = `palaute-test-${crypto.randomUUID()}`;
    const a = switchable();
    const b = switchable();
    const tabA = createBrowserOutbox({ backend: a.backend, name, baseDelayMs: 3_600_000 });
    await tabA.start();
    for (let n = 0; n < 5; n++) await tabA.enqueue('response', response(n));
    await tabA.flush();

    b.state.offline = false;
    const tabB = createBrowserOutbox({ backend: b.backend, name, baseDelayMs: 3_600_000 });
    await tabB.start();
    expect(b.arrived).toHaveLength(5);
    a.state.offline = false;
    await tabA.flush({ retryNow: true });
    expect(a.arrived).toEqual([]);
    expect(tabA.status().pending).toBe(0);

    b.state.offline = true;
    for (let n = 5; n < 8; n++) await tabB.enqueue('response', response(n));
    await tabB.flush();
    tabB.stop();
    await tabA.flush({ retryNow: true });
    expect(a.arrived).toEqual([response(5).id, response(6).id, response(7).id]);
    expect(tabA.status().pending).toBe(0);
    expect(new Set([...a.arrived, ...b.arrived]).size).toBe(8);
    tabA.stop();
  });
});
