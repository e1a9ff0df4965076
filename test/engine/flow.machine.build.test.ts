import { fileURLToPath } from 'node:url';
import {
  createFlowLogic,
  createMemoryBackend,
  type FlowEvent,
  type FlowInput,
  flowActorOptions,
  flowMachine,
} from '@palaute/engine';
import { build } from 'esbuild';
import { createActor } from 'xstate';
import { fixtureNow, flowFixture } from '../fixtures/flows';
import { npsSurvey } from '../fixtures/surveys';
import { settle } from './gated-backend';

// `createFlowLogic` builds its machine with the side effects in it (one state tree), not as
// `flowMachine.provide()` (the base machine's tree and a second one): the same machine, and a page
// that runs flows keeps no base machine.

const input: FlowInput = {
  survey: npsSurvey,
  customerId: 'c-1',
  locale: 'en',
  responseId: 'response-0001',
  startedAt: fixtureNow.toISOString(),
  optionOrder: {},
};

/** A detractor's way: an error, answers, back and forth, a submission, to the end. */
const answered: FlowEvent[] = [
  { type: 'step.next' },
  { type: 'answer.change', questionId: 'nps', value: 3 },
  { type: 'step.next' },
  { type: 'step.back' },
  { type: 'step.next' },
  { type: 'answer.change', questionId: 'why', value: 'Slow exports' },
  { type: 'step.next' },
  { type: 'step.next' },
  { type: 'step.next' },
];
/** A promoter who closes the dialog at the second question. */
const dismissed: FlowEvent[] = [
  { type: 'answer.change', questionId: 'nps', value: 10 },
  { type: 'step.next' },
  { type: 'flow.dismiss' },
];

async function run(logic: typeof flowMachine, events: FlowEvent[]) {
  const actor = createActor(logic, { input }).start();
  const steps: unknown[] = [];
  const record = () => {
    const { value, status, context } = actor.getSnapshot();
    steps.push({ value, status, context: JSON.parse(JSON.stringify(context)) });
  };
  record();
  for (const event of events) {
    actor.send(event);
    await settle();
    record();
  }
  actor.stop();
  return steps;
}

describe('the flow machine createFlowLogic builds', () => {
  it('has the state tree of flowMachine: the same states, transitions and guards', () => {
    const logic = createFlowLogic({ survey: npsSurvey, backend: createMemoryBackend() });
    expect(logic).not.toBe(flowMachine);
    expect(JSON.stringify(logic.root.definition)).toBe(JSON.stringify(flowMachine.root.definition));
    expect(Object.keys(logic.implementations.actions).sort()).toEqual(
      Object.keys(flowMachine.implementations.actions).sort(),
    );
    expect(Object.keys(logic.implementations.guards).sort()).toEqual(
      Object.keys(flowMachine.implementations.guards).sort(),
    );
  });

  it.each([
    ['answered to the end', answered, 'done', [{ nps: 3, why: 'Slow exports' }]],
    // The fixture sends the answers given as a partial response when the customer closes it.
    ['dismissed half way', dismissed, 'dismissed', [{ nps: 10 }]],
  ])(
    '%s › goes through the same states as flowMachine.provide() with the same side effects, and records what the customer did',
    async (_, events, last, answers) => {
      const backend = createMemoryBackend();
      const logic = createFlowLogic({ survey: npsSurvey, backend, now: () => fixtureNow });
      const built = await run(logic, events);
      const referenceBackend = createMemoryBackend();
      const reference = await run(
        flowMachine.provide(
          createFlowLogic({ survey: npsSurvey, backend: referenceBackend, now: () => fixtureNow })
            .implementations as Parameters<typeof flowMachine.provide>[0],
        ),
        events,
      );
      expect(built).toEqual(reference);
      expect((built.at(-1) as { value: string }).value).toBe(last);
      // The side effects built in ran: the display, the response or the dismissal were recorded.
      expect(backend.displays()).toHaveLength(1);
      expect(backend.displays()).toEqual(referenceBackend.displays());
      expect(backend.responses().map((response) => response.answers)).toEqual(answers);
      expect(backend.responses()).toEqual(referenceBackend.responses());
      expect(backend.dismissals()).toHaveLength(last === 'dismissed' ? 1 : 0);
      expect(backend.dismissals()).toEqual(referenceBackend.dismissals());
    },
  );

  it.each([
    ['askingMidway', 'asking'],
    ['submitting', 'submitFailed'],
  ] as const)(
    'a flow restored from %s › resumes at %s in the machine createFlowLogic builds',
    (fixture, step) => {
      const backend = createMemoryBackend();
      const restore = flowFixture(fixture);
      const logic = createFlowLogic({ survey: npsSurvey, backend });
      const options = flowActorOptions({
        survey: npsSurvey,
        backend,
        customer: { id: restore.context.customerId },
        locale: 'en',
        restore,
      });
      const actor = createActor(logic, options).start();
      expect(actor.getSnapshot().value).toBe(step);
      expect(actor.getSnapshot().context.answers).toEqual(restore.context.answers);
      actor.stop();
    },
  );

  it("a page's bundle of createFlowLogic and flowActorOptions has no base machine in it", async () => {
    const index = fileURLToPath(new URL('../../packages/engine/src/index.ts', import.meta.url));
    const result = await build({
      stdin: {
        contents: `export { createFlowLogic, flowActorOptions } from ${JSON.stringify(index)};`,
        resolveDir: '.',
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).toMatch(/function buildFlowMachine\d*\(/);
    expect(code).not.toMatch(/\bflowMachine\d*\s*=/);
    // Nor the side effects that do nothing, which only the base machine is built with.
    expect(code).not.toContain('was not provided');
  });

  it("a flow restored with the flow's own logic › its snapshot is that logic's, and the actor sends through it", async () => {
    const backend = createMemoryBackend();
    const restore = flowFixture('askingMidway');
    const logic = createFlowLogic({ survey: npsSurvey, backend });
    const options = flowActorOptions(
      {
        survey: npsSurvey,
        backend,
        customer: { id: restore.context.customerId },
        locale: 'en',
        restore,
      },
      logic,
    );
    expect(options.snapshot?.machine).toBe(logic);
    const actor = createActor(logic, options).start();
    expect(actor.getSnapshot().value).toBe('asking');
    // At the reason (optional) after the score: "Next" sends the response through this logic.
    actor.send({ type: 'step.next' });
    for (let turn = 0; turn < 10 && backend.responses().length === 0; turn += 1) await settle();
    expect(backend.responses().map((response) => response.answers)).toEqual([{ nps: 3 }]);
    actor.stop();
  });
});
