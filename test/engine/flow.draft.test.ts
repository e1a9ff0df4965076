import {
  connect,
  createFlow,
  createMemoryBackend,
  createPalaute,
  type DeliveryItem,
  defineSurvey,
  draftOfFlow,
  type MemoryBackend,
  type PersistedFlow,
  parsePersistedFlow,
  type Survey,
} from '@palaute/engine';
import { createMemoryOutboxStorage, createOutbox } from '@palaute/engine/outbox';
import { waitFor } from 'xstate';
import { npsSurvey } from '../fixtures/surveys';

const now = () => new Date('2026-12-01T10:00:00.000Z');

/** The NPS survey, sending what was answered when closed unfinished. */
const partialNps = defineSurvey({ ...npsSurvey, id: 'nps-partial', partial: 'submit' });

function start(
  survey: Survey,
  {
    backend = createMemoryBackend({ now }),
    restore,
    onWrite,
  }: {
    backend?: MemoryBackend;
    restore?: PersistedFlow;
    onWrite?: (item: DeliveryItem) => void;
  } = {},
) {
  const flow = createFlow({
    survey,
    backend,
    customer: { id: 'c-1' },
    locale: 'en',
    now,
    createId: () => 'response-draft-1',
    ...(restore ? { restore } : {}),
    ...(onWrite ? { onWrite } : {}),
  });
  flow.start();
  const api = () => connect(flow.getSnapshot(), flow.send);
  return { flow, api, backend };
}

/** Lets fire-and-forget writes reach the memory backend. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a flow closed unfinished after answers were given', () => {
  it.each([
    ['Escape or ×', 'dismiss'],
    ['"Not now"', 'notNow'],
  ] as const)(
    'given a score and then %s › keeps a draft (recorded on the dismissal), and the next opening resumes it at the same question and submits it under the same response id',
    async (_, how) => {
      const first = start(npsSurvey);
      first.api().answer('nps', 4);
      first.api().next();
      first.api().answer('why', 'Exports are sl');
      first.api()[how]();
      await settle();
      expect(first.backend.responses()).toEqual([]);
      expect(first.backend.dismissals()).toMatchObject([
        { responseId: 'response-draft-1', step: 'asking', questionId: 'why', kept: 'draft' },
      ]);

      const draft = draftOfFlow(first.flow.getSnapshot(), now());
      expect(draft).toMatchObject({
        step: 'asking',
        context: {
          path: ['nps', 'why'],
          answers: { nps: 4, why: 'Exports are sl' },
          draftedAt: now().toISOString(),
        },
      });
      // Saved as JSON on the device and validated when read back, like any persisted flow.
      const parsed = parsePersistedFlow(JSON.parse(JSON.stringify(draft)), npsSurvey);
      if (!parsed.success) throw parsed.error;

      const again = start(npsSurvey, { backend: first.backend, restore: parsed.flow });
      expect(again.api()).toMatchObject({ step: 'asking', question: { id: 'why' } });
      again.api().answer('why', 'Exports are slow');
      again.api().next();
      await waitFor(again.flow, (snapshot) => snapshot.matches('acknowledging'));
      expect(again.backend.responses()).toMatchObject([
        { id: 'response-draft-1', answers: { nps: 4, why: 'Exports are slow' } },
      ]);
      expect(again.backend.responses()[0]?.partial).toBeUndefined();
    },
  );

  it('given nothing answered › keeps no draft and the dismissal says nothing was kept', async () => {
    const { flow, api, backend } = start(npsSurvey);
    api().dismiss();
    await settle();
    expect(draftOfFlow(flow.getSnapshot())).toBeUndefined();
    expect(backend.dismissals()[0]?.kept).toBeUndefined();
  });

  it('given an answer not valid as it stands › it is not what is kept', async () => {
    const { flow, api, backend } = start(partialNps);
    api().answer('nps', 11);
    api().dismiss();
    await settle();
    expect(backend.responses()).toEqual([]);
    expect(draftOfFlow(flow.getSnapshot())).toBeUndefined();
  });

  it('given the answers were submitted › closing at the acknowledgement keeps no draft', async () => {
    const { flow, api } = start(npsSurvey);
    api().answer('nps', 9);
    api().next();
    await waitFor(flow, (snapshot) => snapshot.matches('acknowledging'));
    api().dismiss();
    expect(draftOfFlow(flow.getSnapshot())).toBeUndefined();
  });

  it("given a survey with partial: 'submit' › Escape at the text question sends the score as a partial response (sentiment included, no acknowledgement), which the team sees as an item and the contact policy counts as answered", async () => {
    const writes: DeliveryItem[] = [];
    const { flow, api, backend } = start(partialNps, { onWrite: (item) => writes.push(item) });
    api().answer('nps', 2);
    api().next();
    api().dismiss();
    await settle();
    expect(backend.responses()).toEqual([
      expect.objectContaining({
        id: 'response-draft-1',
        answers: { nps: 2 },
        sentiment: 'negative',
        partial: true,
      }),
    ]);
    expect(backend.responses()[0]?.acknowledgementId).toBeUndefined();
    expect(backend.dismissals()).toMatchObject([{ kept: 'partial', questionId: 'why' }]);
    expect(draftOfFlow(flow.getSnapshot())).toBeUndefined();
    expect(backend.feedbackItems()).toMatchObject([
      { id: 'response-draft-1', answers: { nps: 2 }, partial: true },
    ]);
    // The response is heard once stored, after the dismissal: the answer still wins the contact.
    expect(writes.map((item) => item.kind).sort()).toEqual(['dismissal', 'display', 'response']);

    const client = createPalaute({
      backend,
      customer: { id: 'c-1' },
      surveys: [partialNps],
      touchpoints: [{ id: 'dashboard', stage: 'use', channel: 'inProduct' }],
      asks: [{ surveyId: 'nps-partial', triggers: [{ on: 'touchpoint' }] }],
      now: () => now().getTime(),
    });
    for (const item of writes) client.recordWrite(item);
    expect(client.history().contacts).toMatchObject([
      { kind: 'ask', responseId: 'response-draft-1', outcome: 'answered', sentiment: 'negative' },
    ]);
    expect(client.history().responseCounts).toEqual({ 'nps-partial': 1 });
  });

  it("given partial: 'submit' and an outbox › the partial response is stored on the device first and delivered exactly once", async () => {
    const backend = createMemoryBackend({ now });
    const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
    await outbox.start();
    const flow = createFlow({
      survey: partialNps,
      backend,
      outbox,
      customer: { id: 'c-1' },
      locale: 'en',
      now,
      createId: () => 'response-draft-2',
    });
    flow.start();
    const api = () => connect(flow.getSnapshot(), flow.send);
    api().answer('nps', 7);
    api().next();
    api().notNow();
    await settle();
    await outbox.flush();
    await outbox.flush();
    expect(backend.responses()).toMatchObject([
      { id: 'response-draft-2', answers: { nps: 7 }, partial: true },
    ]);
    outbox.stop();
  });
});
