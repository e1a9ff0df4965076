import {
  createMemoryBackend,
  type Dismissal,
  type Display,
  type FeedbackResponse,
  type FollowUpAnswer,
  type ImpactNotice,
  NotFoundError,
  ValidationError,
} from '@palaute/engine';
import { fixtureNow, impactNotice } from '../fixtures/flows';

const at = fixtureNow.toISOString();

const response: FeedbackResponse = {
  id: 'response-0001',
  surveyId: 'nps-dashboard',
  surveyVersion: 1,
  touchpointId: 'dashboard',
  customerId: 'c-1',
  locale: 'en',
  answers: { nps: 3, why: 'Exports are slow' },
  acknowledgementId: 'detractor',
  startedAt: at,
  submittedAt: at,
};

const followUp: FollowUpAnswer = {
  responseId: 'response-0001',
  followUpId: 'fix-first',
  questionId: 'fixFirst',
  answer: 'Faster exports',
  answeredAt: at,
};

const display: Display = {
  responseId: 'response-0001',
  surveyId: 'nps-dashboard',
  surveyVersion: 1,
  touchpointId: 'dashboard',
  customerId: 'c-1',
  at,
};

const dismissal: Dismissal = {
  ...display,
  reason: 'notNow',
  step: 'asking',
  questionId: 'nps',
  submitted: false,
};

/** A clock that moves one second on every reading, to tell receipts apart. */
function tickingClock() {
  let time = fixtureNow.getTime();
  return () => {
    time += 1000;
    return new Date(time);
  };
}

async function rejection(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('createMemoryBackend', () => {
  describe('submitResponse', () => {
    it('stores the response with no follow-ups, and returns a receipt from its clock', async () => {
      const backend = createMemoryBackend({ now: () => new Date(fixtureNow) });
      await expect(backend.submitResponse(response)).resolves.toEqual({
        responseId: 'response-0001',
        receivedAt: at,
      });
      expect(backend.responses()).toEqual([{ ...response, followUps: [] }]);
    });

    it('given the same id twice › stores one response and returns the first receipt again', async () => {
      const backend = createMemoryBackend({ now: tickingClock() });
      const first = await backend.submitResponse(response);
      const second = await backend.submitResponse({
        ...response,
        answers: { nps: 10 },
        submittedAt: '2026-11-23T11:00:00.000Z',
      });
      expect(second).toEqual(first);
      expect(backend.responses()).toEqual([{ ...response, followUps: [] }]);
    });

    it('given different ids › stores both, in arrival order', async () => {
      const backend = createMemoryBackend();
      await backend.submitResponse({ ...response, id: 'response-0002' });
      await backend.submitResponse(response);
      expect(backend.responses().map((stored) => stored.id)).toEqual([
        'response-0002',
        'response-0001',
      ]);
    });

    it.each([
      [
        'an id under 8 characters',
        { ...response, id: 'short' },
        'id',
        'must have at least 8 characters',
      ],
      [
        'an answer of a wrong shape',
        { ...response, answers: { nps: [3] } },
        'answers.nps',
        'must be a number or a string or a boolean or an object, got array',
      ],
      [
        'a malformed timestamp',
        { ...response, submittedAt: 'yesterday' },
        'submittedAt',
        'must be an ISO-8601 timestamp with a time zone, e.g. 2026-11-23T10:15:00.000Z',
      ],
      [
        'a day its month does not have (Date.parse would roll it over to 2 March)',
        { ...response, submittedAt: '2026-02-30T10:15:00.000Z' },
        'submittedAt',
        'must be an ISO-8601 timestamp with a time zone, e.g. 2026-11-23T10:15:00.000Z',
      ],
      [
        '29 February outside a leap year',
        { ...response, startedAt: '2025-02-29T23:59:00+02:00' },
        'startedAt',
        'must be an ISO-8601 timestamp with a time zone, e.g. 2026-11-23T10:15:00.000Z',
      ],
      [
        'a missing customer',
        { ...response, customerId: undefined },
        'customerId',
        'is required (string)',
      ],
    ])(
      'given %s › rejects with a ValidationError naming the path, and stores nothing',
      async (_, payload, path, message) => {
        const backend = createMemoryBackend();
        const error = await rejection(backend.submitResponse(payload as FeedbackResponse));
        expect(error.subject).toBe('response');
        expect(error.problems).toEqual([{ path, message }]);
        expect(error.message).toBe(`Invalid response (1 problem):\n  ${path}: ${message}`);
        expect(backend.responses()).toEqual([]);
      },
    );
  });

  it.each([
    ['29 February of a leap year', '2024-02-29T12:00:00.000Z'],
    ['the last day of a 30-day month, with an offset', '2026-04-30T23:30:00-05:00'],
    ['midnight written as 24:00, which ISO 8601 allows', '2026-12-31T24:00Z'],
    ['nanoseconds', '2026-11-23T10:15:00.123456789Z'],
  ])('given a timestamp on %s › accepts it', async (_, submittedAt) => {
    const backend = createMemoryBackend();
    await backend.submitResponse({ ...response, submittedAt });
    expect(backend.responses()[0]?.submittedAt).toBe(submittedAt);
  });

  describe('submitFollowUp', () => {
    it('joins the answer to its response', async () => {
      const backend = createMemoryBackend();
      await backend.submitResponse(response);
      await backend.submitFollowUp(followUp);
      expect(backend.responses()[0]?.followUps).toEqual([followUp]);
    });

    it('given the same follow-up twice › one record: the first, as its idempotency key says', async () => {
      const backend = createMemoryBackend();
      await backend.submitResponse(response);
      await backend.submitFollowUp(followUp);
      await backend.submitFollowUp({ ...followUp, answer: 'Faster reports' });
      expect(backend.responses()[0]?.followUps).toEqual([followUp]);
    });

    it('given an unknown response, or another customer’s › rejects for good with a NotFoundError naming responseId', async () => {
      // An outbox sends a follow-up only once its response is stored: retrying could not help.
      const backend = createMemoryBackend();
      const unknown = await rejection(backend.submitFollowUp(followUp));
      expect(unknown).toBeInstanceOf(NotFoundError);
      expect(unknown.problems.map((problem) => problem.path)).toEqual(['responseId']);
      await backend.submitResponse(response);
      const theirs = await rejection(backend.submitFollowUp({ ...followUp, customerId: 'c-2' }));
      expect(theirs).toBeInstanceOf(NotFoundError);
      expect(theirs.message).toBe(unknown.message);
      expect(backend.responses()[0]?.followUps).toEqual([]);
    });

    it('given an invalid answer › rejects naming the path', async () => {
      const backend = createMemoryBackend();
      await backend.submitResponse(response);
      const error = await rejection(backend.submitFollowUp({ ...followUp, followUpId: '1st' }));
      expect(error.subject).toBe('follow-up answer');
      expect(error.problems.map((problem) => problem.path)).toEqual(['followUpId']);
    });
  });

  describe('displays and dismissals', () => {
    it('records them in order', async () => {
      const backend = createMemoryBackend();
      await backend.recordDisplay(display);
      await backend.recordDismissal(dismissal);
      expect(backend.displays()).toEqual([display]);
      expect(backend.dismissals()).toEqual([dismissal]);
    });

    it('given the same flow twice › one display and one dismissal per flow (their idempotency keys)', async () => {
      const backend = createMemoryBackend();
      await backend.recordDisplay(display);
      await backend.recordDisplay({ ...display, at: '2026-11-23T11:00:00.000Z' });
      await backend.recordDismissal(dismissal);
      await backend.recordDismissal({ ...dismissal, reason: 'dismiss' });
      expect(backend.displays()).toEqual([display]);
      expect(backend.dismissals()).toEqual([dismissal]);
    });

    it('given an unknown dismissal reason › rejects naming "reason"', async () => {
      const backend = createMemoryBackend();
      const error = await rejection(
        backend.recordDismissal({ ...dismissal, reason: 'later' as Dismissal['reason'] }),
      );
      expect(error.subject).toBe('dismissal');
      expect(error.problems).toEqual([
        { path: 'reason', message: 'must be one of "dismiss", "notNow", "optOut"' },
      ]);
      expect(backend.dismissals()).toEqual([]);
    });

    it('returns copies, so callers cannot change what is stored', async () => {
      const backend = createMemoryBackend();
      await backend.recordDisplay(display);
      backend.displays().pop();
      backend.responses().push({ ...response, followUps: [] });
      expect(backend.displays()).toHaveLength(1);
      expect(backend.responses()).toHaveLength(0);
    });
  });

  describe('impact', () => {
    it('lists the notices of the customer asked about only', async () => {
      const other = { ...impactNotice, id: 'other' };
      const backend = createMemoryBackend({ impact: { 'c-1': [impactNotice], 'c-2': [other] } });
      const query = { customerId: 'c-1', touchpointId: 'dashboard', surveyId: 'nps-dashboard' };
      await expect(backend.listImpact(query)).resolves.toEqual([impactNotice]);
      await expect(backend.listImpact({ ...query, customerId: 'c-3' })).resolves.toEqual([]);
    });

    it('addImpact adds a valid notice', async () => {
      const backend = createMemoryBackend();
      backend.addImpact('c-1', impactNotice);
      const query = { customerId: 'c-1', touchpointId: 'dashboard', surveyId: 'nps-dashboard' };
      await expect(backend.listImpact(query)).resolves.toEqual([impactNotice]);
    });

    it.each([
      ['javascript:alert(1)'],
      ['data:text/html,<script>alert(1)</script>'],
      ['ftp://example.com/file'],
    ])('addImpact refuses the link %s', async (href) => {
      const backend = createMemoryBackend();
      let error: unknown;
      try {
        backend.addImpact('c-1', { ...impactNotice, link: { href, label: 'Open' } });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).subject).toBe('impact notice');
      expect((error as ValidationError).problems.map((problem) => problem.path)).toEqual([
        'link.href',
      ]);
      const query = { customerId: 'c-1', touchpointId: 'dashboard', surveyId: 'nps-dashboard' };
      await expect(backend.listImpact(query)).resolves.toEqual([]);
    });

    it('addImpact refuses a notice without what was done', () => {
      const backend = createMemoryBackend();
      const { weDid: _, ...notice } = impactNotice;
      expect(() => backend.addImpact('c-1', notice as ImpactNotice)).toThrow(
        /weDid: must be a string or an object/,
      );
    });
  });

  describe('failWith', () => {
    it.each([
      ['submitResponse', (b: ReturnType<typeof createMemoryBackend>) => b.submitResponse(response)],
      ['submitFollowUp', (b: ReturnType<typeof createMemoryBackend>) => b.submitFollowUp(followUp)],
      ['recordDisplay', (b: ReturnType<typeof createMemoryBackend>) => b.recordDisplay(display)],
      [
        'recordDismissal',
        (b: ReturnType<typeof createMemoryBackend>) => b.recordDismissal(dismissal),
      ],
      [
        'listImpact',
        (b: ReturnType<typeof createMemoryBackend>) =>
          b.listImpact({ customerId: 'c-1', touchpointId: 'dashboard', surveyId: 'nps-dashboard' }),
      ],
    ] as const)(
      'given %s fails › it rejects with that error and changes nothing',
      async (operation, call) => {
        const failure = new Error('Network request failed');
        const asked: string[] = [];
        const backend = createMemoryBackend({
          failWith: (name) => {
            asked.push(name);
            return name === operation ? failure : undefined;
          },
        });
        if (operation === 'submitFollowUp') await backend.submitResponse(response);
        await expect(call(backend)).rejects.toBe(failure);
        expect(asked[asked.length - 1]).toBe(operation);
        expect(backend.displays()).toEqual([]);
        expect(backend.dismissals()).toEqual([]);
        expect(backend.responses()).toEqual(
          operation === 'submitFollowUp' ? [{ ...response, followUps: [] }] : [],
        );
      },
    );

    it('given failWith returns nothing › the call succeeds', async () => {
      const backend = createMemoryBackend({ failWith: () => undefined });
      await backend.submitResponse(response);
      expect(backend.responses()).toHaveLength(1);
    });
  });

  describe('latency', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('given 400 ms › settles a call only after 400 ms have passed', async () => {
      const backend = createMemoryBackend({ latency: 400 });
      let settled = false;
      const submitted = backend.submitResponse(response).then(() => {
        settled = true;
      });
      await vi.advanceTimersByTimeAsync(399);
      expect(settled).toBe(false);
      expect(backend.responses()).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      await submitted;
      expect(settled).toBe(true);
      expect(backend.responses()).toHaveLength(1);
    });

    it('given latency and a failure › fails only after the latency', async () => {
      const backend = createMemoryBackend({
        latency: 300,
        failWith: () => new Error('Network request failed'),
      });
      let outcome = 'pending';
      const call = backend.recordDisplay(display).catch((error: Error) => {
        outcome = error.message;
      });
      await vi.advanceTimersByTimeAsync(299);
      expect(outcome).toBe('pending');
      await vi.advanceTimersByTimeAsync(1);
      await call;
      expect(outcome).toBe('Network request failed');
    });
  });

  describe('deliver (a batch)', () => {
    it('stores each write once and says which were duplicates, keyed by deliveryKey', async () => {
      const backend = createMemoryBackend();
      await backend.recordDisplay(display);
      const results = await backend.deliver?.([
        { kind: 'display', payload: display },
        { kind: 'response', payload: response },
        { kind: 'followUp', payload: followUp },
        { kind: 'response', payload: response },
        { kind: 'dismissal', payload: dismissal },
      ]);
      // A response's result carries its receipt time; a duplicate, the first one's.
      const receivedAt = results?.[1]?.receivedAt;
      expect(receivedAt).toEqual(expect.any(String));
      expect(results).toEqual([
        { key: 'display:response-0001', outcome: 'duplicate' },
        { key: 'response:response-0001', outcome: 'stored', receivedAt },
        { key: 'followUp:response-0001:fix-first', outcome: 'stored' },
        { key: 'response:response-0001', outcome: 'duplicate', receivedAt },
        { key: 'dismissal:response-0001', outcome: 'stored' },
      ]);
      expect(backend.responses()).toEqual([{ ...response, followUps: [followUp] }]);
      expect(backend.displays()).toEqual([display]);
      expect(backend.dismissals()).toEqual([dismissal]);
    });

    it('given an invalid write › rejects that one with its path, and a follow-up to an unknown response as not_found', async () => {
      const backend = createMemoryBackend();
      const results = await backend.deliver?.([
        { kind: 'followUp', payload: { ...followUp, responseId: 'response-0002' } },
        { kind: 'response', payload: { ...response, answers: { nps: { deep: true } } } as never },
        { kind: 'display', payload: display },
      ]);
      expect(results).toEqual([
        {
          key: 'followUp:response-0002:fix-first',
          outcome: 'rejected',
          error: { code: 'not_found', message: expect.stringContaining('responseId') },
        },
        {
          key: 'response:response-0001',
          outcome: 'rejected',
          error: { code: 'invalid_request', message: expect.stringContaining('answers.nps') },
        },
        { key: 'display:response-0001', outcome: 'stored' },
      ]);
      expect(backend.responses()).toEqual([]);
    });
  });

  describe('subscribe', () => {
    it('calls the listener after each change, until unsubscribed', async () => {
      const backend = createMemoryBackend();
      const seen: number[] = [];
      const unsubscribe = backend.subscribe(() => seen.push(backend.responses().length));
      await backend.submitResponse(response);
      await backend.recordDisplay(display);
      // A duplicate changes nothing, so nobody is told.
      await backend.submitResponse(response);
      backend.addImpact('c-1', impactNotice);
      expect(seen).toEqual([1, 1, 1]);
      unsubscribe();
      await backend.recordDismissal(dismissal);
      await backend.submitResponse({ ...response, id: 'response-0002' });
      expect(seen).toHaveLength(3);
    });

    it('does not call the listener when a call is refused', async () => {
      const backend = createMemoryBackend();
      const listener = vi.fn();
      backend.subscribe(listener);
      await backend.submitResponse({ ...response, id: 'x' }).catch(() => {});
      expect(() => backend.addImpact('c-1', { ...impactNotice, weDid: '' })).toThrow(
        ValidationError,
      );
      expect(listener).not.toHaveBeenCalled();
    });
  });
});
