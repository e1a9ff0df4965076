import {
  type BackendPort,
  connect,
  createFlow,
  createMemoryBackend,
  deliveryKey,
  type FlowActor,
  responseKey,
} from '@palaute/engine';
import { createMemoryOutboxStorage, createOutbox } from '@palaute/engine/outbox';
import { fixtureNow, impactNotice } from '../fixtures/flows';
import { npsSurvey } from '../fixtures/surveys';

/** A memory backend behind a switch: while offline, every write fails as a network error would. */
function switchableBackend() {
  const memory = createMemoryBackend({ impact: { 'c-1': [impactNotice] } });
  let online = false;
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (!online) throw new TypeError('Failed to fetch');
      return call(...args);
    };
  const backend: BackendPort = {
    submitResponse: guard(memory.submitResponse),
    submitFollowUp: guard(memory.submitFollowUp),
    recordDisplay: guard(memory.recordDisplay),
    recordDismissal: guard(memory.recordDismissal),
    listImpact: guard(memory.listImpact),
    deliver: guard((items) => memory.deliver?.(items) ?? Promise.resolve([])),
  };
  return {
    memory,
    backend,
    goOnline: () => {
      online = true;
    },
  };
}

let flows = 0;
function start(backend: BackendPort, outbox: ReturnType<typeof createOutbox>): FlowActor {
  const flow = createFlow({
    survey: npsSurvey,
    backend,
    outbox,
    customer: { id: 'c-1' },
    locale: 'en',
    now: () => fixtureNow,
    createId: () => `outbox-flow-${++flows}`,
  });
  flow.start();
  return flow;
}

const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('a flow with an outbox', () => {
  it('given the network is down › acknowledges as soon as the answers are stored, and the outbox delivers them once when it is back', async () => {
    const { memory, backend, goOnline } = switchableBackend();
    const storage = createMemoryOutboxStorage();
    const outbox = createOutbox({ backend, storage });
    await outbox.start();
    const flow = start(backend, outbox);
    const api = () => connect(flow.getSnapshot(), flow.send);

    api().answer('nps', 2);
    api().next();
    api().answer('why', 'Exports are slow');
    api().next();
    await vi.waitFor(() => expect(api().step).toBe('acknowledging'));

    // Stored locally, not delivered: the display and the response wait in the outbox.
    const key = responseKey(api().responseId);
    // Tried once and failed (offline): it waits for the next try.
    expect(outbox.recordStatus(key)).toBe('retrying');
    expect(outbox.status()).toMatchObject({ pending: 2, answers: 1 });
    expect(storage.records().map((record) => record.kind)).toEqual(['display', 'response']);
    expect(memory.responses()).toEqual([]);

    // The follow-up joins the same outbox; a detractor is asked what to fix first.
    api().next();
    expect(api().step).toBe('followingUp');
    api().answer('fixFirst', 'Faster exports');
    api().next();
    await vi.waitFor(() => expect(api().step).not.toBe('sendingFollowUp'));
    expect(['checkingImpact', 'done']).toContain(api().step);

    goOnline();
    await outbox.flush({ retryNow: true });
    await settled();
    expect(memory.responses()).toHaveLength(1);
    expect(memory.responses()[0]).toMatchObject({
      id: api().responseId,
      answers: { nps: 2, why: 'Exports are slow' },
      followUps: [{ followUpId: 'fix-first', answer: 'Faster exports' }],
    });
    expect(memory.displays().map((display) => display.responseId)).toEqual([api().responseId]);
    expect(outbox.recordStatus(key)).toBeUndefined();
    expect(outbox.status()).toMatchObject({ state: 'idle', pending: 0, rejected: 0 });
    expect(storage.records()).toEqual([]);
  });

  it('given a dismissal while offline › it is kept in the outbox and delivered once', async () => {
    const { memory, backend, goOnline } = switchableBackend();
    const storage = createMemoryOutboxStorage();
    const outbox = createOutbox({ backend, storage });
    await outbox.start();
    const flow = start(backend, outbox);
    connect(flow.getSnapshot(), flow.send).notNow();
    await settled();
    expect(storage.records().map((record) => deliveryKey(record))).toEqual([
      `display:${flow.getSnapshot().context.responseId}`,
      `dismissal:${flow.getSnapshot().context.responseId}`,
    ]);
    goOnline();
    await outbox.flush({ retryNow: true });
    expect(memory.dismissals()).toEqual([
      expect.objectContaining({ reason: 'notNow', step: 'asking', questionId: 'nps' }),
    ]);
  });

  it('given an outbox that cannot store the answers › the submission fails with the reason and a retry is offered', async () => {
    const { backend } = switchableBackend();
    // Full of answers that cannot be delivered: nothing can make room.
    const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage(), maxRecords: 1 });
    await outbox.start();
    const other = start(backend, outbox);
    connect(other.getSnapshot(), other.send).answer('nps', 10);
    connect(other.getSnapshot(), other.send).next();
    await vi.waitFor(() => expect(other.getSnapshot().value).toBe('acknowledging'));

    const flow = start(backend, outbox);
    const api = () => connect(flow.getSnapshot(), flow.send);
    api().answer('nps', 9);
    api().next();
    await vi.waitFor(() => expect(api().step).toBe('submitFailed'));
    expect(api().submitError).toBe(
      'Your answers could not be saved on this device: its outbox is full.',
    );
    expect(api().answers).toEqual({ nps: 9 });
  });
});
