import {
  type BackendPort,
  connect,
  createFlow,
  createMemoryBackend,
  defineSurvey,
  type FlowActor,
  type FlowContext,
  type FlowInput,
  type FlowStep,
  type FollowUpDraft,
  flowMachine,
  type ImpactNotice,
  type ImpactQuery,
  type MemoryBackend,
  type MemoryBackendOptions,
  type ResponseDraft,
  type SubmitReceipt,
  type Survey,
  selectOptions,
  selectProgress,
} from '@palaute/engine';
import { createActor, fromPromise, waitFor } from 'xstate';
import { fixtureNow, flowFixture, impactNotice, seededRandom } from '../fixtures/flows';
import { everyQuestionSurvey, npsSurvey } from '../fixtures/surveys';
import { createGatedBackend, settle } from './gated-backend';

const at = fixtureNow.toISOString();
const responseId = 'response-0001';

// ---------------------------------------------------------------------------------------------------
// flowMachine.provide() with fakes: the machine alone, its side effects recorded.

const input: FlowInput = {
  survey: npsSurvey,
  customerId: 'c-1',
  locale: 'en',
  responseId,
  startedAt: at,
  optionOrder: {},
};

interface Fakes {
  submitResponse?: (draft: ResponseDraft) => Promise<SubmitReceipt>;
  submitFollowUp?: (draft: FollowUpDraft) => Promise<void>;
  loadImpact?: (query: ImpactQuery) => Promise<ImpactNotice[]>;
}

function fakeFlow(fakes: Fakes = {}, options: { snapshot?: FlowStep; input?: FlowInput } = {}) {
  const submitResponse = vi.fn(
    fakes.submitResponse ?? (async (draft) => ({ responseId: draft.id, receivedAt: at })),
  );
  const submitFollowUp = vi.fn(fakes.submitFollowUp ?? (async () => {}));
  const loadImpact = vi.fn(fakes.loadImpact ?? (async () => []));
  const recordDisplay = vi.fn<(params: { context: FlowContext }) => void>();
  const recordDismissal =
    vi.fn<
      (params: {
        context: FlowContext;
        reason: 'dismiss' | 'notNow' | 'optOut';
        step: string;
        submitted: boolean;
      }) => void
    >();
  const machine = flowMachine.provide({
    actors: {
      submitResponse: fromPromise<void, ResponseDraft>(async ({ input }) => {
        await submitResponse(input);
      }),
      submitFollowUp: fromPromise<void, FollowUpDraft>(({ input }) => submitFollowUp(input)),
      loadImpact: fromPromise<ImpactNotice[], ImpactQuery>(({ input }) => loadImpact(input)),
    },
    actions: {
      recordDisplay: (_, params) => recordDisplay(params),
      recordDismissal: (_, params) => recordDismissal(params),
    },
  });
  const flowInput = options.input ?? input;
  const actor = createActor(machine, {
    input: flowInput,
    ...(options.snapshot
      ? {
          snapshot: machine.resolveState({
            value: options.snapshot,
            context: { ...stepContext(options.snapshot), ...flowInput },
          }),
        }
      : {}),
  });
  actor.start();
  const api = () => connect(actor.getSnapshot(), actor.send);
  return { actor, api, submitResponse, submitFollowUp, loadImpact, recordDisplay, recordDismissal };
}

/** The data of the NPS fixture flow at a step. */
function stepContext(step: FlowStep): FlowContext {
  const byStep: Record<FlowStep, Parameters<typeof flowFixture>[0]> = {
    asking: 'askingMidway',
    submitting: 'submitting',
    submitFailed: 'submitFailed',
    acknowledging: 'acknowledgingDetractor',
    followingUp: 'followingUp',
    sendingFollowUp: 'sendingFollowUp',
    followUpFailed: 'followUpFailed',
    checkingImpact: 'checkingImpact',
    showingImpact: 'showingImpact',
    done: 'done',
    dismissed: 'dismissed',
    postponed: 'postponed',
    optedOut: 'optedOut',
  };
  return flowFixture(byStep[step]).context;
}

describe('flowMachine with provided fakes', () => {
  describe('given a required NPS question', () => {
    it('when Next is pressed without a score › stays on the question with a "required" error and sends nothing', () => {
      const { api, submitResponse } = fakeFlow();
      api().next();
      expect(api().step).toBe('asking');
      expect(api().question?.id).toBe('nps');
      expect(api().errors).toEqual({ nps: { code: 'required' } });
      expect(submitResponse).not.toHaveBeenCalled();
    });

    it('when a score is given after the error › the error clears and Next moves on', () => {
      const { api } = fakeFlow();
      api().next();
      api().answer('nps', 4);
      expect(api().errors).toEqual({});
      api().next();
      expect(api().question?.id).toBe('why');
    });

    it('when the score is out of range › Next is blocked with "outOfRange"', () => {
      const { api } = fakeFlow();
      api().answer('nps', 11);
      api().next();
      expect(api().step).toBe('asking');
      expect(api().errors).toEqual({ nps: { code: 'outOfRange' } });
    });
  });

  describe('given a detractor on the second question', () => {
    it('when Back then Next are pressed › both answers are kept', () => {
      const { api } = fakeFlow();
      api().answer('nps', 3);
      api().next();
      api().answer('why', 'Slow exports');
      api().back();
      expect(api().question?.id).toBe('nps');
      expect(api().answers).toEqual({ nps: 3, why: 'Slow exports' });
      api().next();
      expect(api().question?.id).toBe('why');
      expect(api().answers).toEqual({ nps: 3, why: 'Slow exports' });
    });

    it('when an answer is cleared › it is removed, not kept as undefined', () => {
      const { api } = fakeFlow();
      api().answer('nps', 3);
      api().answer('nps', undefined);
      expect(api().answers).toEqual({});
      expect('nps' in api().answers).toBe(false);
    });
  });

  it('given the first question › Back does nothing', () => {
    const { actor, api } = fakeFlow();
    const before = actor.getSnapshot();
    expect(api().canGoBack).toBe(false);
    api().back();
    expect(actor.getSnapshot().context.path).toEqual(before.context.path);
  });

  describe('given a promoter', () => {
    it('when Next is pressed › the branch skips "why" and submits', () => {
      const { api, submitResponse } = fakeFlow();
      api().answer('nps', 10);
      expect(api().isLastQuestion).toBe(true);
      api().next();
      expect(api().step).toBe('submitting');
      expect(submitResponse).toHaveBeenCalledTimes(1);
    });
  });

  describe('when the response is submitted', () => {
    it('carries only the answers on the path taken, and the acknowledgement they earn', async () => {
      const { actor, api, submitResponse } = fakeFlow();
      api().answer('nps', 3);
      api().next();
      api().answer('why', 'Slow exports');
      api().back();
      api().answer('nps', 10); // now a promoter: "why" is off the path
      api().next();
      expect(submitResponse.mock.calls).toEqual([
        [
          {
            id: responseId,
            surveyId: 'nps-dashboard',
            surveyVersion: 1,
            touchpointId: 'dashboard',
            customerId: 'c-1',
            locale: 'en',
            answers: { nps: 10 },
            acknowledgementId: 'promoter',
            sentiment: 'positive',
            startedAt: at,
          },
        ],
      ]);
      await waitFor(actor, (snapshot) => snapshot.matches('acknowledging'));
      expect(api().acknowledgement?.id).toBe('promoter');
      // The skipped answer stays in the flow's data, so going back would restore it.
      expect(api().answers).toEqual({ nps: 10, why: 'Slow exports' });
    });

    it('given a survey without acknowledgements › the response has no acknowledgementId', () => {
      const { acknowledgements: _, ...survey } = npsSurvey;
      const { api, submitResponse } = fakeFlow({}, { input: { ...input, survey } });
      api().answer('nps', 10);
      api().next();
      expect(submitResponse.mock.calls[0]?.[0]).not.toHaveProperty('acknowledgementId');
    });

    it('given the submission fails › keeps the answers, shows the error, and retries with the same draft', async () => {
      let attempts = 0;
      const { actor, api, submitResponse } = fakeFlow({
        submitResponse: async (draft) => {
          attempts++;
          if (attempts === 1) throw new Error('Network request failed');
          return { responseId: draft.id, receivedAt: at };
        },
      });
      api().answer('nps', 8);
      api().next();
      api().next();
      await waitFor(actor, (snapshot) => snapshot.matches('submitFailed'));
      expect(api().submitError).toBe('Network request failed');
      expect(api().answers).toEqual({ nps: 8 });
      api().retry();
      expect(api().step).toBe('submitting');
      expect(api().submitError).toBeNull();
      await waitFor(actor, (snapshot) => snapshot.matches('acknowledging'));
      expect(submitResponse).toHaveBeenCalledTimes(2);
      expect(submitResponse.mock.calls[1]?.[0]).toEqual(submitResponse.mock.calls[0]?.[0]);
    });

    it('given the submission fails with a non-Error › the message is "Unknown error" or the string', async () => {
      const { actor, api } = fakeFlow({ submitResponse: () => Promise.reject({ status: 500 }) });
      api().answer('nps', 10);
      api().next();
      await waitFor(actor, (snapshot) => snapshot.matches('submitFailed'));
      expect(api().submitError).toBe('Unknown error');

      const text = fakeFlow({ submitResponse: () => Promise.reject('offline') });
      text.api().answer('nps', 10);
      text.api().next();
      await waitFor(text.actor, (snapshot) => snapshot.matches('submitFailed'));
      expect(text.api().submitError).toBe('offline');
    });

    it('given the submission failed › Back returns to the questions with the answers', async () => {
      const { actor, api } = fakeFlow({
        submitResponse: () => Promise.reject(new Error('Network request failed')),
      });
      api().answer('nps', 10);
      api().next();
      await waitFor(actor, (snapshot) => snapshot.matches('submitFailed'));
      expect(api().canGoBack).toBe(true);
      api().back();
      expect(api().step).toBe('asking');
      expect(api().question?.id).toBe('nps');
      expect(api().answers).toEqual({ nps: 10 });
    });
  });

  describe('recordDisplay', () => {
    it('is called once when the flow starts, with its data', () => {
      const { api, recordDisplay } = fakeFlow();
      api().answer('nps', 3);
      api().next();
      expect(recordDisplay).toHaveBeenCalledTimes(1);
      expect(recordDisplay.mock.calls[0]?.[0].context).toMatchObject({ responseId, path: ['nps'] });
    });

    it('is not called again when a flow is restored', () => {
      const { recordDisplay } = fakeFlow({}, { snapshot: 'asking' });
      expect(recordDisplay).not.toHaveBeenCalled();
    });
  });

  describe('closing', () => {
    const open: Array<[FlowStep, boolean]> = [
      ['asking', false],
      ['submitting', false],
      ['submitFailed', false],
      ['acknowledging', true],
      ['followingUp', true],
      ['sendingFollowUp', true],
      ['followUpFailed', true],
      ['checkingImpact', true],
      ['showingImpact', true],
    ];

    it.each(open)(
      'given the flow is at %s › Dismiss records it (submitted: %s) and ends in "dismissed"',
      (step, submitted) => {
        const { actor, api, recordDismissal } = fakeFlow(
          { submitResponse: () => new Promise(() => {}), loadImpact: () => new Promise(() => {}) },
          { snapshot: step },
        );
        api().dismiss();
        expect(actor.getSnapshot().value).toBe('dismissed');
        expect(actor.getSnapshot().status).toBe('done');
        expect(recordDismissal).toHaveBeenCalledTimes(1);
        expect(recordDismissal.mock.calls[0]?.[0]).toMatchObject({
          reason: 'dismiss',
          step,
          submitted,
        });
      },
    );

    it.each(open)(
      'given the flow is at %s › Not now records it (submitted: %s) and ends in "postponed"',
      (step, submitted) => {
        const { actor, api, recordDismissal } = fakeFlow(
          { submitResponse: () => new Promise(() => {}), loadImpact: () => new Promise(() => {}) },
          { snapshot: step },
        );
        api().notNow();
        expect(actor.getSnapshot().value).toBe('postponed');
        expect(api().isOpen).toBe(false);
        expect(recordDismissal).toHaveBeenCalledTimes(1);
        expect(recordDismissal.mock.calls[0]?.[0]).toMatchObject({
          reason: 'notNow',
          step,
          submitted,
        });
      },
    );

    it.each(open)(
      'given the flow is at %s › "Don\'t ask me again" records an opt-out (submitted: %s) and ends in "optedOut"',
      (step, submitted) => {
        const { actor, api, recordDismissal } = fakeFlow(
          { submitResponse: () => new Promise(() => {}), loadImpact: () => new Promise(() => {}) },
          { snapshot: step },
        );
        api().optOut();
        expect(actor.getSnapshot().value).toBe('optedOut');
        expect(api().isOpen).toBe(false);
        expect(recordDismissal).toHaveBeenCalledTimes(1);
        expect(recordDismissal.mock.calls[0]?.[0]).toMatchObject({
          reason: 'optOut',
          step,
          submitted,
        });
      },
    );

    it('given a closed flow › further events change nothing', () => {
      // XState warns about events sent to a stopped actor; the warning is expected here.
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { actor, api, recordDismissal } = fakeFlow();
      api().dismiss();
      api().notNow();
      api().answer('nps', 3);
      api().next();
      expect(actor.getSnapshot().value).toBe('dismissed');
      expect(recordDismissal).toHaveBeenCalledTimes(1);
      warn.mockRestore();
    });
  });

  describe('after the acknowledgement', () => {
    it('prefetches impact while the thanks are shown, with the customer, touchpoint and survey', async () => {
      const { actor, api, loadImpact } = fakeFlow({ loadImpact: async () => [impactNotice] });
      api().answer('nps', 10);
      api().next();
      await waitFor(actor, (snapshot) => snapshot.context.impact !== null);
      expect(api().step).toBe('acknowledging');
      expect(loadImpact.mock.calls).toEqual([
        [{ customerId: 'c-1', touchpointId: 'dashboard', surveyId: 'nps-dashboard' }],
      ]);
      api().next();
      expect(api().step).toBe('showingImpact');
      expect(api().impact).toEqual([impactNotice]);
      api().next();
      expect(actor.getSnapshot().value).toBe('done');
    });

    it('given the follow-up answer fails to send › offers a retry, and Next skips it', async () => {
      const { actor, api, submitFollowUp } = fakeFlow({
        submitFollowUp: () => Promise.reject(new Error('Network request failed')),
      });
      api().answer('nps', 2);
      api().next();
      api().next();
      await waitFor(actor, (snapshot) => snapshot.matches('acknowledging'));
      await waitFor(actor, (snapshot) => snapshot.context.impact !== null);
      api().next();
      api().answer('fixFirst', 'Exports');
      api().next();
      await waitFor(actor, (snapshot) => snapshot.matches('followUpFailed'));
      expect(api().submitError).toBe('Network request failed');
      api().retry();
      await waitFor(actor, (snapshot) => snapshot.matches('followUpFailed'));
      expect(submitFollowUp).toHaveBeenCalledTimes(2);
      expect(submitFollowUp.mock.calls[1]?.[0]).toEqual({
        responseId,
        followUpId: 'fix-first',
        questionId: 'fixFirst',
        answer: 'Exports',
      });
      api().next();
      expect(actor.getSnapshot().value).toBe('done');
    });
  });
});

// ---------------------------------------------------------------------------------------------------
// createFlow with the memory backend: the flow as hosts run it.

function startFlow(
  options: {
    survey?: Survey;
    backend?: BackendPort;
    memory?: MemoryBackendOptions;
    onError?: (
      error: unknown,
      operation: 'recordDisplay' | 'recordDismissal' | 'recordImpactSeen' | 'submitPartial',
    ) => void;
  } = {},
) {
  const backend = (options.backend ??
    createMemoryBackend({ now: () => new Date(fixtureNow), ...options.memory })) as MemoryBackend;
  const flow = createFlow({
    survey: options.survey ?? npsSurvey,
    backend,
    customer: { id: 'c-1' },
    locale: 'en',
    now: () => new Date(fixtureNow),
    createId: () => responseId,
    random: seededRandom(3),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  const steps: FlowStep[] = [];
  flow.subscribe((snapshot) => {
    const step = snapshot.value as FlowStep;
    if (steps[steps.length - 1] !== step) steps.push(step);
  });
  flow.start();
  const api = () => connect(flow.getSnapshot(), flow.send);
  return { flow, backend, api, steps };
}

const reach = (flow: FlowActor, step: FlowStep) =>
  waitFor(flow, (snapshot) => snapshot.value === step);

/** Answers the NPS survey as a detractor (with a reason) and waits for the acknowledgement. */
async function answerAsDetractor(run: ReturnType<typeof startFlow>) {
  run.api().answer('nps', 3);
  run.api().next();
  run.api().answer('why', 'Exports are slow');
  run.api().next();
  await reach(run.flow, 'acknowledging');
  await waitFor(run.flow, (snapshot) => snapshot.context.impact !== null);
}

describe('createFlow with the memory backend', () => {
  it('given a first submission that fails › keeps the answers, and the retry stores one response with the same id', async () => {
    let failures = 1;
    const run = startFlow({
      memory: {
        failWith: (operation) =>
          operation === 'submitResponse' && failures-- > 0
            ? new Error('Network request failed')
            : undefined,
      },
    });
    const submit = vi.spyOn(run.backend, 'submitResponse');
    run.api().answer('nps', 3);
    run.api().next();
    run.api().answer('why', 'Exports are slow');
    run.api().next();
    await reach(run.flow, 'submitFailed');
    expect(run.api().submitError).toBe('Network request failed');
    expect(run.api().answers).toEqual({ nps: 3, why: 'Exports are slow' });
    expect(run.backend.responses()).toEqual([]);

    run.api().retry();
    await reach(run.flow, 'acknowledging');
    expect(submit.mock.calls.map(([response]) => response.id)).toEqual([responseId, responseId]);
    expect(run.backend.responses()).toEqual([
      {
        id: responseId,
        surveyId: 'nps-dashboard',
        surveyVersion: 1,
        touchpointId: 'dashboard',
        customerId: 'c-1',
        locale: 'en',
        answers: { nps: 3, why: 'Exports are slow' },
        acknowledgementId: 'detractor',
        sentiment: 'negative',
        startedAt: at,
        submittedAt: at,
        followUps: [],
      },
    ]);
    expect(run.steps).toEqual([
      'asking',
      'submitting',
      'submitFailed',
      'submitting',
      'acknowledging',
    ]);
  });

  it('given text answers with surrounding spaces › the response stores them trimmed', async () => {
    const run = startFlow();
    run.api().answer('nps', 3);
    run.api().next();
    run.api().answer('why', '  Exports are slow \n');
    run.api().next();
    await reach(run.flow, 'acknowledging');
    expect(run.backend.responses()[0]?.answers).toEqual({ nps: 3, why: 'Exports are slow' });
  });

  describe('follow-ups', () => {
    it('given a detractor › the follow-up is asked and its answer joins the same response', async () => {
      const run = startFlow();
      await answerAsDetractor(run);
      expect(run.api().followUp?.id).toBe('fix-first');
      run.api().next();
      expect(run.api().step).toBe('followingUp');
      run.api().answer('fixFirst', 'Faster exports');
      run.api().next();
      await reach(run.flow, 'done');
      expect(run.backend.responses()).toHaveLength(1);
      expect(run.backend.responses()[0]?.followUps).toEqual([
        {
          responseId,
          followUpId: 'fix-first',
          questionId: 'fixFirst',
          answer: 'Faster exports',
          answeredAt: at,
        },
      ]);
      expect(run.steps).toEqual([
        'asking',
        'submitting',
        'acknowledging',
        'followingUp',
        'sendingFollowUp',
        'done',
      ]);
    });

    it.each([
      ['left empty', undefined],
      ['only spaces', '   '],
    ])(
      'given the optional follow-up is %s › Next skips it without sending anything',
      async (_, value) => {
        const run = startFlow();
        const sendFollowUp = vi.spyOn(run.backend, 'submitFollowUp');
        await answerAsDetractor(run);
        run.api().next();
        run.api().answer('fixFirst', value);
        run.api().next();
        expect(run.flow.getSnapshot().value).toBe('done');
        expect(sendFollowUp).not.toHaveBeenCalled();
        expect(run.backend.responses()[0]?.followUps).toEqual([]);
      },
    );

    it('given a follow-up over its length limit › Next is blocked with "tooLong"', async () => {
      const run = startFlow();
      await answerAsDetractor(run);
      run.api().next();
      run.api().answer('fixFirst', 'x'.repeat(1001));
      run.api().next();
      expect(run.api().step).toBe('followingUp');
      expect(run.api().errors).toEqual({ fixFirst: { code: 'tooLong', limit: 1000 } });
      run.api().answer('fixFirst', 'Shorter');
      expect(run.api().errors).toEqual({});
    });

    it.each([
      [8, 'passive'],
      [10, 'promoter'],
    ])('given a score of %i (%s) › no follow-up is asked', async (score) => {
      const run = startFlow();
      run.api().answer('nps', score);
      run.api().next();
      if (run.api().step === 'asking') run.api().next();
      await reach(run.flow, 'acknowledging');
      expect(run.api().followUp).toBeUndefined();
      run.api().next();
      await reach(run.flow, 'done');
      expect(run.steps).not.toContain('followingUp');
    });
  });

  describe('impact', () => {
    it('given the backend has impact for the customer › it is shown before the flow is done', async () => {
      const run = startFlow({ memory: { impact: { 'c-1': [impactNotice] } } });
      await answerAsDetractor(run);
      run.api().next();
      run.api().next(); // skip the follow-up
      expect(run.api().step).toBe('showingImpact');
      expect(run.api().impact).toEqual([impactNotice]);
      run.api().next();
      expect(run.flow.getSnapshot().value).toBe('done');
    });

    it('given no impact › the flow is done without showing any', async () => {
      const run = startFlow({ memory: { impact: { 'someone-else': [impactNotice] } } });
      await answerAsDetractor(run);
      run.api().next();
      run.api().next();
      expect(run.flow.getSnapshot().value).toBe('done');
      expect(run.steps).not.toContain('showingImpact');
    });

    it('given Continue before impact is loaded › waits in checkingImpact, then shows it', async () => {
      const backend = createGatedBackend({ now: () => new Date(fixtureNow) });
      const run = startFlow({ backend });
      run.api().answer('nps', 10);
      run.api().next();
      backend.succeed('submitResponse');
      await reach(run.flow, 'acknowledging');
      run.api().next();
      expect(run.api().step).toBe('checkingImpact');
      backend.succeed('listImpact', [impactNotice]);
      await reach(run.flow, 'showingImpact');
      expect(run.api().impact).toEqual([impactNotice]);
    });

    it('given loading impact fails › the flow is done', async () => {
      const backend = createGatedBackend({ now: () => new Date(fixtureNow) });
      const run = startFlow({ backend });
      run.api().answer('nps', 10);
      run.api().next();
      backend.succeed('submitResponse');
      await reach(run.flow, 'acknowledging');
      run.api().next();
      backend.fail('listImpact');
      await reach(run.flow, 'done');
      expect(run.steps).toEqual([
        'asking',
        'submitting',
        'acknowledging',
        'checkingImpact',
        'done',
      ]);
    });

    it('given the prefetch fails during the thanks › Continue ends the flow', async () => {
      const run = startFlow({
        memory: {
          failWith: (operation) => (operation === 'listImpact' ? new Error('down') : undefined),
        },
      });
      await answerAsDetractor(run);
      expect(run.flow.getSnapshot().context.impact).toEqual([]);
      run.api().next();
      run.api().next();
      expect(run.flow.getSnapshot().value).toBe('done');
    });

    it('given notices that break the schema › only well-formed ones are shown', async () => {
      const unsafe = {
        ...impactNotice,
        id: 'unsafe',
        link: { href: 'javascript:alert(1)', label: 'Click' },
      };
      const incomplete = { id: 'incomplete', shippedAt: impactNotice.shippedAt };
      const run = startFlow({
        // The memory backend does not validate its options, like a server returning bad data.
        memory: { impact: { 'c-1': [unsafe, impactNotice, incomplete] as ImpactNotice[] } },
      });
      await answerAsDetractor(run);
      expect(run.api().impact).toEqual([impactNotice]);
    });
  });

  describe('displays and dismissals', () => {
    it('records one display at the start, and none when the flow is restored', async () => {
      const run = startFlow();
      await settle();
      expect(run.backend.displays()).toEqual([
        {
          responseId,
          surveyId: 'nps-dashboard',
          surveyVersion: 1,
          touchpointId: 'dashboard',
          customerId: 'c-1',
          at,
        },
      ]);
      run.api().answer('nps', 3);
      const restored = createFlow({
        survey: npsSurvey,
        backend: run.backend,
        customer: { id: 'c-1' },
        locale: 'en',
        restore: JSON.parse(
          JSON.stringify({ version: 1, step: 'asking', context: run.flow.getSnapshot().context }),
        ),
      });
      restored.start();
      await settle();
      expect(run.backend.displays()).toHaveLength(1);
      expect(restored.getSnapshot().context.answers).toEqual({ nps: 3 });
    });

    it('given Dismiss on a question › the dismissal names the step and the question', async () => {
      const run = startFlow();
      run.api().answer('nps', 3);
      run.api().next();
      run.api().dismiss();
      await settle();
      expect(run.backend.dismissals()).toEqual([
        {
          responseId,
          surveyId: 'nps-dashboard',
          surveyVersion: 1,
          touchpointId: 'dashboard',
          customerId: 'c-1',
          at,
          reason: 'dismiss',
          step: 'asking',
          submitted: false,
          questionId: 'why',
          // The score given is kept as a draft, to resume at the next opening.
          kept: 'draft',
        },
      ]);
    });

    it('given Not now after the thanks › the dismissal says the response was submitted', async () => {
      const run = startFlow();
      await answerAsDetractor(run);
      run.api().notNow();
      await settle();
      expect(run.flow.getSnapshot().value).toBe('postponed');
      const [dismissal] = run.backend.dismissals();
      expect(dismissal).toMatchObject({ reason: 'notNow', step: 'acknowledging', submitted: true });
      expect(dismissal).not.toHaveProperty('questionId');
    });
  });

  describe('onError', () => {
    it('receives a failed recordDisplay, and the flow carries on', async () => {
      const failure = new Error('display endpoint down');
      const onError = vi.fn();
      const run = startFlow({
        memory: { failWith: (operation) => (operation === 'recordDisplay' ? failure : undefined) },
        onError,
      });
      await settle();
      expect(onError.mock.calls).toEqual([[failure, 'recordDisplay']]);
      run.api().answer('nps', 10);
      run.api().next();
      await reach(run.flow, 'acknowledging');
      expect(run.backend.responses()).toHaveLength(1);
    });

    it('receives a recordDisplay that throws synchronously, and the flow starts anyway', async () => {
      const memory = createMemoryBackend();
      const failure = new Error('sync failure');
      const onError = vi.fn();
      const run = startFlow({
        backend: {
          ...memory,
          recordDisplay: () => {
            throw failure;
          },
        },
        onError,
      });
      await settle();
      expect(run.api().step).toBe('asking');
      expect(onError.mock.calls).toEqual([[failure, 'recordDisplay']]);
    });

    it('receives a failed recordDismissal, and the flow still closes', async () => {
      const failure = new Error('dismissal endpoint down');
      const onError = vi.fn();
      const run = startFlow({
        memory: {
          failWith: (operation) => (operation === 'recordDismissal' ? failure : undefined),
        },
        onError,
      });
      run.api().dismiss();
      await settle();
      expect(run.flow.getSnapshot().value).toBe('dismissed');
      expect(onError.mock.calls).toEqual([[failure, 'recordDismissal']]);
    });
  });
});

describe('connect and selectors', () => {
  it('given the NPS survey › progress counts the route ahead, which shortens for a promoter', () => {
    const run = startFlow();
    expect(selectProgress(run.flow.getSnapshot())).toEqual({ current: 1, total: 2, ratio: 0 });
    run.api().answer('nps', 10);
    expect(run.api().progress).toEqual({ current: 1, total: 1, ratio: 0 });
    run.api().answer('nps', 3);
    run.api().next();
    expect(run.api().progress).toEqual({ current: 2, total: 2, ratio: 0.5 });
    expect(run.api().isLastQuestion).toBe(true);
    expect(run.api().segment).toBe('detractor');
  });

  it('given a randomized question › its options are shown in the order drawn for this flow', () => {
    const run = startFlow({ survey: everyQuestionSurvey });
    const role = everyQuestionSurvey.questions.find((question) => question.id === 'role');
    if (role?.type !== 'single') throw new Error('fixture changed');
    const order = run.flow.getSnapshot().context.optionOrder.role;
    expect(selectOptions(run.flow.getSnapshot(), role).map((option) => option.id)).toEqual(order);
    expect([...(order ?? [])].sort()).toEqual(role.options.map((option) => option.id).sort());
  });

  it('given an unrandomized question › its options keep the defined order', () => {
    const survey = defineSurvey({
      id: 's',
      touchpointId: 't',
      title: 'T',
      questions: [
        {
          id: 'pick',
          type: 'single',
          title: 'Pick',
          options: [
            { id: 'b', label: 'B' },
            { id: 'a', label: 'A' },
          ],
        },
      ],
    });
    const run = startFlow({ survey });
    const [pick] = survey.questions;
    if (pick?.type !== 'single') throw new Error('unexpected');
    expect(selectOptions(run.flow.getSnapshot(), pick).map((option) => option.id)).toEqual([
      'b',
      'a',
    ]);
  });
});
