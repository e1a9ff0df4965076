import {
  connect,
  createFlow,
  createMemoryBackend,
  defineSurvey,
  type FlowStep,
  PERSISTED_FLOW_VERSION,
  type PersistedFlow,
  parsePersistedFlow,
  persistFlow,
  type Survey,
  ValidationError,
} from '@palaute/engine';
import { waitFor } from 'xstate';
import {
  fixtureNow,
  fixtureResponseId,
  flowFixture,
  flowFixtureNames,
  seededRandom,
} from '../fixtures/flows';
import { everyQuestionSurvey, npsSurvey } from '../fixtures/surveys';

const now = () => new Date(fixtureNow);

function start(
  survey: Survey,
  options: { restore?: PersistedFlow; seed?: number; id?: string } = {},
) {
  const backend = createMemoryBackend({ now });
  const flow = createFlow({
    survey,
    backend,
    customer: { id: 'c-1' },
    locale: 'en',
    now,
    createId: () => options.id ?? 'response-0001',
    random: seededRandom(options.seed ?? 1),
    ...(options.restore ? { restore: options.restore } : {}),
  });
  flow.start();
  return { flow, backend, api: () => connect(flow.getSnapshot(), flow.send) };
}

/** Saves a flow the way a host would: to a JSON string, and back. */
const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function parsed(value: unknown, survey: Survey): PersistedFlow {
  const result = parsePersistedFlow(value, survey);
  if (!result.success) throw result.error;
  return result.flow;
}

describe('persisting a flow', () => {
  describe('given a half-answered flow saved as JSON', () => {
    const original = start(everyQuestionSurvey, { seed: 11, id: 'response-half' });
    original.api().answer('nps', 9);
    original.api().next();
    original.api().answer('csat', 4);
    original.api().next();
    original.api().answer('ces', 6);
    original.api().next();
    original.api().answer('rating', 5);
    const saved = throughJson(persistFlow(original.flow.getSnapshot()));
    // A different seed and id: whatever is restored must come from the snapshot, not be drawn again.
    const restored = start(everyQuestionSurvey, {
      restore: parsed(saved, everyQuestionSurvey),
      seed: 99,
      id: 'response-other',
    });

    it('resumes at the same question with the same answers', () => {
      expect(restored.api().step).toBe('asking');
      expect(restored.api().question?.id).toBe('rating');
      expect(restored.api().answers).toEqual({ nps: 9, csat: 4, ces: 6, rating: 5 });
      expect(restored.api().progress).toEqual(original.api().progress);
    });

    it('keeps the response id and the drawn option order', () => {
      const { context } = restored.flow.getSnapshot();
      expect(context.responseId).toBe('response-half');
      expect(context.optionOrder).toEqual(original.flow.getSnapshot().context.optionOrder);
      expect(context.optionOrder.role).toHaveLength(3);
    });

    it('restores exactly the saved data', () => {
      expect(restored.flow.getSnapshot().context).toEqual(original.flow.getSnapshot().context);
    });

    it('when Back is pressed after restoring › goes to the previous question', () => {
      const again = start(everyQuestionSurvey, { restore: parsed(saved, everyQuestionSurvey) });
      again.api().back();
      expect(again.api().question?.id).toBe('ces');
      expect(again.api().answers.ces).toBe(6);
    });

    it('when finished after restoring › submits under the original response id', async () => {
      const again = start(everyQuestionSurvey, { restore: parsed(saved, everyQuestionSurvey) });
      again.api().next();
      again.api().answer('role', { selected: ['owner'] });
      again.api().next();
      again.api().answer('features', { selected: ['invoices'] });
      again.api().next();
      again.api().next(); // text questions are required unless said otherwise
      expect(again.api().errors).toEqual({ comment: { code: 'required' } });
      again.api().answer('comment', 'Fine');
      again.api().next();
      again.api().next(); // consent is optional
      await waitFor(again.flow, (snapshot) => snapshot.matches('acknowledging'));
      expect(again.backend.responses().map((response) => [response.id, response.answers])).toEqual([
        [
          'response-half',
          {
            nps: 9,
            csat: 4,
            ces: 6,
            rating: 5,
            role: { selected: ['owner'] },
            features: { selected: ['invoices'] },
            comment: 'Fine',
            // The consent box passed unticked: a "no" the customer gave.
            contact: false,
          },
        ],
      ]);
    });
  });

  describe('given every flow fixture', () => {
    const resumed: Partial<Record<FlowStep, FlowStep>> = {
      submitting: 'submitFailed',
      sendingFollowUp: 'followUpFailed',
      checkingImpact: 'acknowledging',
    };

    it.each(flowFixtureNames)(
      '%s › passes validation after a JSON round-trip and restores',
      (name) => {
        const fixture = flowFixture(name);
        const flow = parsed(throughJson(fixture), npsSurvey);
        expect(flow).toEqual(fixture);
        const { flow: actor } = start(npsSurvey, { restore: flow });
        expect(actor.getSnapshot().value).toBe(resumed[fixture.step] ?? fixture.step);
        expect(actor.getSnapshot().context).toEqual(fixture.context);
        actor.stop();
      },
    );
  });

  describe('given a corrupted snapshot', () => {
    const good = () =>
      throughJson(flowFixture('askingMidway')) as Record<string, unknown> & {
        context: Record<string, unknown>;
      };

    const refused = (value: unknown, survey: Survey = npsSurvey) => {
      const result = parsePersistedFlow(value, survey);
      if (result.success) throw new Error('expected the snapshot to be refused');
      expect(result.error).toBeInstanceOf(ValidationError);
      expect(result.error.subject).toBe('saved flow');
      expect(result.error.message).toMatch(/^Invalid saved flow \(\d+ problems?\):/);
      return result.error.problems;
    };

    it('of another version › is refused at "version"', () => {
      expect(refused({ ...good(), version: PERSISTED_FLOW_VERSION + 1 })).toEqual([
        { path: 'version', message: 'must be one of 1' },
      ]);
    });

    it('with an answer of a type no question takes › is refused at the answer', () => {
      const value = good();
      value.context.answers = { nps: null };
      expect(refused(value)).toEqual([
        {
          path: 'context.answers.nps',
          message: 'must be a number or a string or a boolean or an object, got null',
        },
      ]);
    });

    it('with answers that do not fit the survey › names each one; an incomplete draft is kept', () => {
      const value = good();
      value.context.path = ['nps', 'nope'];
      value.context.answers = { nps: 42, why: { selected: ['a'] }, gone: 'hello' };
      value.context.followUpAnswers = { fixFirst: 7, other: 'x' };
      expect(refused(value)).toEqual([
        { path: 'context.path[1]', message: 'is not a question of nps-dashboard' },
        { path: 'context.answers.nps', message: 'does not fit the nps question (outOfRange)' },
        { path: 'context.answers.why', message: 'does not fit the text question (wrongType)' },
        { path: 'context.answers.gone', message: 'is not a question of nps-dashboard' },
        {
          path: 'context.followUpAnswers.fixFirst',
          message: 'does not fit the text question (wrongType)',
        },
        { path: 'context.followUpAnswers.other', message: 'is not a question of nps-dashboard' },
      ]);
      // Being typed: empty, or over the limit, is a draft the customer can still fix.
      const draft = good();
      draft.context.answers = { nps: 3, why: 'x'.repeat(5000) };
      expect(parsePersistedFlow(draft, npsSurvey).success).toBe(true);
    });

    it('resumes with the host’s survey, not the saved copy', () => {
      const value = good() as { context: { survey: { title: string } } };
      value.context.survey.title = 'Edited in storage';
      const result = parsePersistedFlow(value, npsSurvey);
      expect(result.success && result.flow.context.survey).toBe(npsSurvey);
    });

    it('with a choice answer whose selection is not a list › is refused at the selection', () => {
      const value = good();
      value.context.answers = { nps: 3, why: { selected: 'a' } };
      expect(refused(value)).toEqual([
        { path: 'context.answers.why.selected', message: 'must be an array, got string' },
      ]);
    });

    it('with missing fields › names each of them', () => {
      const value = good();
      delete value.context.responseId;
      delete value.context.path;
      delete value.step;
      expect(refused(value)).toEqual([
        {
          path: 'step',
          message:
            'must be one of "asking", "submitting", "submitFailed", "acknowledging", "followingUp", "sendingFollowUp", "followUpFailed", "checkingImpact", "showingImpact", "done", "dismissed", "postponed", "optedOut"',
        },
        { path: 'context.responseId', message: 'is required (string)' },
        { path: 'context.path', message: 'is required (array)' },
      ]);
    });

    it('with an unknown step › is refused at "step"', () => {
      const problems = refused({ ...good(), step: 'celebrating' });
      expect(problems.map((problem) => problem.path)).toEqual(['step']);
    });

    it('with an empty path › is refused at "context.path"', () => {
      const value = good();
      value.context.path = [];
      expect(refused(value)).toEqual([
        { path: 'context.path', message: 'must have at least 1 items' },
      ]);
    });

    it('that is not an object › is refused at the root', () => {
      expect(refused('{"version":1}')).toEqual([
        { path: '', message: 'must be an object, got string' },
      ]);
      expect(refused(null)).toEqual([{ path: '', message: 'must be an object, got null' }]);
    });

    it('of another survey › is refused at "context.survey"', () => {
      expect(refused(good(), everyQuestionSurvey)).toEqual([
        { path: 'context.survey', message: 'is nps-dashboard@1, expected every-question@1' },
      ]);
    });

    it('of an older version of the survey › is refused at "context.survey"', () => {
      const newer = defineSurvey({ ...npsSurvey, version: 2 });
      expect(refused(good(), newer)).toEqual([
        { path: 'context.survey', message: 'is nps-dashboard@1, expected nps-dashboard@2' },
      ]);
    });
  });

  describe('given a flow saved while submitting', () => {
    it('restores as submitFailed with the answers, and Retry stores the response once', async () => {
      const saved = parsed(throughJson(flowFixture('submitting')), npsSurvey);
      const { flow, backend, api } = start(npsSurvey, { restore: saved });
      expect(api().step).toBe('submitFailed');
      expect(api().answers).toEqual({ nps: 3, why: 'Exports are slow' });
      api().retry();
      await waitFor(flow, (snapshot) => snapshot.matches('acknowledging'));
      expect(backend.responses().map((response) => response.id)).toEqual([fixtureResponseId]);
    });

    it('when the first request had reached the server › Retry gets the first receipt and stores nothing new', async () => {
      const saved = parsed(throughJson(flowFixture('submitting')), npsSurvey);
      const { flow, backend, api } = start(npsSurvey, { restore: saved });
      // The request sent before the reload arrived, one minute earlier.
      const earlier = new Date(fixtureNow.getTime() - 60_000).toISOString();
      const first = await backend.submitResponse({
        id: fixtureResponseId,
        surveyId: 'nps-dashboard',
        surveyVersion: 1,
        touchpointId: 'dashboard',
        customerId: 'c-1',
        locale: 'en',
        answers: { nps: 3, why: 'Exports are slow' },
        acknowledgementId: 'detractor',
        startedAt: fixtureNow.toISOString(),
        submittedAt: earlier,
      });
      const submit = vi.spyOn(backend, 'submitResponse');
      api().retry();
      await waitFor(flow, (snapshot) => snapshot.matches('acknowledging'));
      expect(submit).toHaveBeenCalledTimes(1);
      await expect(submit.mock.results[0]?.value).resolves.toEqual(first);
      expect(backend.responses()).toHaveLength(1);
      expect(backend.responses()[0]?.submittedAt).toBe(earlier);
    });
  });

  describe('given a flow saved while sending the follow-up', () => {
    it('restores as followUpFailed, and Retry joins the answer to the stored response once', async () => {
      const saved = parsed(throughJson(flowFixture('sendingFollowUp')), npsSurvey);
      const { flow, backend, api } = start(npsSurvey, { restore: saved });
      await backend.submitResponse({
        id: fixtureResponseId,
        surveyId: 'nps-dashboard',
        surveyVersion: 1,
        touchpointId: 'dashboard',
        customerId: 'c-1',
        locale: 'en',
        answers: { nps: 3, why: 'Exports are slow' },
        startedAt: fixtureNow.toISOString(),
        submittedAt: fixtureNow.toISOString(),
      });
      expect(api().step).toBe('followUpFailed');
      api().retry();
      api().retry(); // ignored: already sending
      await waitFor(flow, (snapshot) => snapshot.status === 'done');
      expect(backend.responses()[0]?.followUps.map((answer) => answer.answer)).toEqual([
        'Faster exports, please',
      ]);
    });
  });
});
