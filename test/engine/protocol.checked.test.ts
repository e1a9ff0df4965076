import {
  type BackendPort,
  createMemoryBackend,
  type DeliveryItem,
  type FeedbackResponse,
  type Redact,
} from '@palaute/engine';
import { isCheckedDelivery } from '@palaute/engine/internal';
import { protocolHandler } from './protocol.helpers';

const at = '2026-11-23T10:00:00.000Z';
const response = (id: string): FeedbackResponse => ({
  id,
  surveyId: 'dashboard-nps',
  surveyVersion: 1,
  touchpointId: 'dashboard',
  customerId: 'c-1',
  locale: 'en',
  answers: { nps: 4, why: 'Exports are slow' },
  startedAt: at,
  submittedAt: at,
});

/** A handler over a memory backend whose `deliver` keeps every write it is given. */
function setup(redact?: Redact) {
  const memory = createMemoryBackend();
  const given: DeliveryItem[] = [];
  const backend: BackendPort = {
    ...memory,
    deliver: (items) => {
      given.push(...items);
      return memory.deliver?.(items) ?? Promise.resolve([]);
    },
  };
  const { post } = protocolHandler({ backend, ...(redact ? { redact } : {}) });
  return { given, post };
}

describe('the writes the protocol handler passes on after its own parse', () => {
  it('given a response and a batch › each write is checked (parsed once), frozen with its payload', async () => {
    const { given, post } = setup();
    expect((await post('/v1/responses', { response: response('response-0001') })).status).toBe(200);
    const batch = await post('/v1/deliveries', {
      items: [
        { kind: 'response', payload: response('response-0002') },
        { kind: 'response', payload: { ...response('response-0003'), submittedAt: 'yesterday' } },
        {
          kind: 'display',
          payload: {
            responseId: 'response-0004',
            surveyId: 'dashboard-nps',
            surveyVersion: 1,
            touchpointId: 'dashboard',
            customerId: 'c-1',
            at,
          },
        },
      ],
    });
    expect(batch.status).toBe(200);
    // The invalid write never reached the backend; the single one and the batch's two valid ones did.
    expect(given.map((item) => item.kind)).toEqual(['response', 'response', 'display']);
    for (const item of given) {
      expect(isCheckedDelivery(item)).toBe(true);
      expect(Object.isFrozen(item)).toBe(true);
      expect(Object.isFrozen(item.payload)).toBe(true);
      // What is checked cannot be swapped for something that is not.
      expect(() => {
        (item as { payload: unknown }).payload = { id: 'x' };
      }).toThrow(TypeError);
    }
  });

  it('given a redaction hook or a follow-up (its owner set by the handler) › the write is rebuilt, so it is not checked and a backend validates it', async () => {
    const { given, post } = setup((text) => text.toUpperCase());
    await post('/v1/responses', { response: response('response-0001') });
    const plain = setup();
    await plain.post('/v1/responses', { response: response('response-0002') });
    const followed = await plain.post('/v1/follow-ups', {
      followUp: {
        responseId: 'response-0002',
        followUpId: 'why-more',
        questionId: 'why-more',
        answer: 'More detail',
        answeredAt: at,
      },
    });
    expect(followed.status).toBe(200);
    expect(given).toHaveLength(1);
    expect(isCheckedDelivery(given[0] as DeliveryItem)).toBe(false);
    const followUp = plain.given.find((item) => item.kind === 'followUp');
    expect(followUp).toBeDefined();
    expect(isCheckedDelivery(followUp as DeliveryItem)).toBe(false);
  });

  it('given a backend without `deliver` › its methods get the writes as before: not checked, not frozen', async () => {
    const memory = createMemoryBackend();
    const given: FeedbackResponse[] = [];
    const { deliver: _none, ...rest } = memory;
    const { post } = protocolHandler({
      backend: {
        ...rest,
        submitResponse: (response) => {
          given.push(response);
          return memory.submitResponse(response);
        },
      },
    });
    const answer = await post('/v1/responses', { response: response('response-0001') });
    expect(answer.status).toBe(200);
    // Stored, then asked again for its receipt (a backend without `deliver` says nothing of it).
    expect(given.length).toBeGreaterThan(0);
    for (const payload of given) expect(Object.isFrozen(payload)).toBe(false);
  });

  it('given a write a host builds or copies › never checked, whatever it looks like', async () => {
    const { given, post } = setup();
    await post('/v1/responses', { response: response('response-0001') });
    const [item] = given as [DeliveryItem];
    expect(isCheckedDelivery(item)).toBe(true);
    expect(isCheckedDelivery({ ...item })).toBe(false);
    expect(isCheckedDelivery({ kind: 'response', payload: response('response-0001') })).toBe(false);
    expect(
      isCheckedDelivery({
        kind: 'response',
        payload: item.payload,
        __checkedByProtocol: true,
      } as DeliveryItem),
    ).toBe(false);
  });
});
