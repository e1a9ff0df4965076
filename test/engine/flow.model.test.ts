/**
 * Model-based tests of the flow (xstate/graph). `createTestModel` refuses machines that invoke actors,
 * so the model is `flowMachine` itself with each invoke turned into the two events XState would raise
 * for it (`xstate.done.actor.<id>` with an output, `xstate.error.actor.<id>` with an error): the same
 * states, guards and actions, with the network's answers as events the traversal can choose. Every
 * generated path is then played against a real flow (`createFlow` on a backend whose calls the test
 * settles), checking in each state that the real flow is where the model is, with the same data, and
 * that the invariants hold.
 */

import {
  answersOnPath,
  connect,
  createFlow,
  type FlowActor,
  type FlowContext,
  type FlowEvent,
  type FlowInput,
  type FlowStep,
  flowMachine,
  flowStepSchema,
  pickAcknowledgement,
  selectSubmittedAnswers,
} from '@palaute/engine';
import {
  type AnyStateMachine,
  createMachine,
  type MachineSnapshot,
  type TransitionDefinition,
} from 'xstate';
import { createTestModel, type StatePath } from 'xstate/graph';
import { fixtureNow, impactNotice } from '../fixtures/flows';
import { npsSurvey } from '../fixtures/surveys';
import {
  createGatedBackend,
  type GatedBackend,
  type GatedOperation,
  settle,
} from './gated-backend';

const responseId = 'model-response-0001';
const customerId = 'c-1';
const input: FlowInput = {
  survey: npsSurvey,
  customerId,
  locale: 'en',
  responseId,
  startedAt: fixtureNow.toISOString(),
  optionOrder: {},
};

// ---------------------------------------------------------------------------------------------------
// The model: flowMachine with invokes as events.

interface Invoked {
  step: FlowStep;
  operation: GatedOperation;
  done: string;
  error: string;
}

/** The backend call behind each of the machine's actors. */
const operationOf: Record<string, GatedOperation> = {
  submitResponse: 'submitResponse',
  submitFollowUp: 'submitFollowUp',
  loadImpact: 'listImpact',
};

/** Each invoking state's actor, and the event types XState uses for its outcome. */
const invoked: Invoked[] = Object.entries(flowMachine.root.states).flatMap(([step, node]) =>
  node.invoke.map((definition) => {
    const operation = operationOf[String(definition.src)];
    if (!operation) throw new Error(`No backend call is known for the actor "${definition.src}"`);
    return {
      step: step as FlowStep,
      operation,
      done: `xstate.done.actor.${definition.id}`,
      error: `xstate.error.actor.${definition.id}`,
    };
  }),
);
const invokedBy = (type: string) =>
  invoked.find((entry) => entry.done === type || entry.error === type);

type StateConfig = { invoke?: { onDone?: unknown; onError?: unknown }; on?: object };

const modelMachine = createMachine(
  {
    ...flowMachine.config,
    states: Object.fromEntries(
      Object.entries(flowMachine.config.states ?? {}).map(([step, state]) => {
        const { invoke, ...rest } = state as StateConfig;
        const entry = invoked.find((candidate) => candidate.step === step);
        if (!invoke || !entry) return [step, rest];
        return [
          step,
          {
            ...rest,
            on: { ...rest.on, [entry.done]: invoke.onDone, [entry.error]: invoke.onError },
          },
        ];
      }),
    ),
  } as typeof flowMachine.config,
  flowMachine.implementations as never,
) as unknown as AnyStateMachine;

type ModelEvent = FlowEvent | { type: string; output?: unknown; error?: unknown };
type ModelSnapshot = MachineSnapshot<
  FlowContext,
  ModelEvent,
  never,
  FlowStep,
  string,
  unknown,
  never,
  never
>;

/** The events the traversal tries in a state: a few answers, and each possible network outcome. */
function eventsFor(snapshot: ModelSnapshot): ModelEvent[] {
  const step = snapshot.value;
  const { path, impact } = snapshot.context;
  const events: ModelEvent[] = [];
  if (step === 'asking') {
    const current = path[path.length - 1];
    // A detractor (→ "why", follow-up) and a promoter (→ branch to the end) cover every route.
    if (current === 'nps')
      for (const value of [3, 10]) events.push({ type: 'answer.change', questionId: 'nps', value });
    if (current === 'why') events.push({ type: 'answer.change', questionId: 'why', value: 'Slow' });
  }
  if (step === 'followingUp')
    // A valid answer, and one over the 1000-character limit.
    for (const value of ['Faster exports', 'x'.repeat(1001)])
      events.push({ type: 'answer.change', questionId: 'fixFirst', value });
  const entry = invoked.find((candidate) => candidate.step === step);
  // Impact loads once per visit: acknowledging keeps what it loaded, checkingImpact leaves on it.
  if (entry && (entry.operation !== 'listImpact' || impact === null)) {
    if (entry.operation === 'listImpact')
      events.push({ type: entry.done, output: [] }, { type: entry.done, output: [impactNotice] });
    else events.push({ type: entry.done });
    events.push({ type: entry.error, error: 'Network request failed' });
  }
  return events;
}

/**
 * A state's identity for the traversal: its value and data (without the survey, which never changes),
 * plus, when the step changed or an actor settled, the event and step it came from. So every way into a
 * step is a state of its own and the shortest paths take every transition (createTestModel's default
 * does this for step changes only, which would merge a failed impact load with an empty one).
 */
function serializeState(state: ModelSnapshot, event?: ModelEvent, previous?: ModelSnapshot) {
  const { survey: _, ...context } = state.context;
  const changed = previous && (previous.value !== state.value || invokedBy(event?.type ?? ''));
  const via = event && changed ? ` via ${JSON.stringify(event)} from ${previous.value}` : '';
  return `${JSON.stringify({ value: state.value, context })}${via}`;
}

/**
 * createTestModel sends a bare `{ type }` for any event type a state accepts that `eventsFor` gave no
 * payload for; keep only the events `eventsFor` chose, for the types that need a payload.
 */
function isChosen(snapshot: ModelSnapshot, event: ModelEvent) {
  if (event.type !== 'answer.change' && !invokedBy(event.type)) return true;
  const serialized = JSON.stringify(event);
  return eventsFor(snapshot).some((candidate) => JSON.stringify(candidate) === serialized);
}

const testModel = createTestModel(modelMachine, {
  events: eventsFor as never,
  filterEvents: isChosen as never,
  serializeState: serializeState as never,
  input,
});
const paths = testModel.getShortestPaths() as unknown as Array<
  StatePath<ModelSnapshot, ModelEvent> & {
    test: (params: object) => Promise<unknown>;
  }
>;

// ---------------------------------------------------------------------------------------------------
// Coverage: what flowMachine defines, and what the generated paths take.

const transitionKey = (source: string, event: string, index: number) =>
  `${source} | ${event} | ${index}`;

/** Every state of flowMachine, and every candidate (guarded branch) of every transition. */
function definedByMachine() {
  const states = Object.keys(flowMachine.root.states);
  const transitions: string[] = [];
  for (const [step, node] of Object.entries(flowMachine.root.states)) {
    for (const [event, candidates] of node.transitions)
      candidates.forEach((_, index) => {
        transitions.push(transitionKey(step, event, index));
      });
    node.always?.forEach((_, index) => {
      transitions.push(transitionKey(step, 'always', index));
    });
  }
  return { states, transitions };
}

/** The transition candidate a step took (plus the eventless one it led to, if any). */
function takenBy(previous: ModelSnapshot, event: ModelEvent, next: ModelSnapshot): string[] {
  const [taken] = modelMachine.getTransitionData(previous as never, event as never) as Array<
    TransitionDefinition<FlowContext, ModelEvent>
  >;
  if (!taken) return [];
  const source = taken.source.key;
  const candidates = taken.source.transitions.get(event.type) ?? [];
  const keys = [transitionKey(source, event.type, candidates.indexOf(taken as never))];
  // A targetless transition in a state with eventless transitions can leave through one of them.
  const always = taken.source.always ?? [];
  if (taken.target === undefined && next.value !== source && always.length > 0) {
    const index = always.findIndex((candidate) =>
      candidate.target?.some((target) => target.key === next.value),
    );
    keys.push(transitionKey(source, 'always', index));
  }
  return keys;
}

function coveredByPaths() {
  const states = new Set<string>();
  const transitions = new Set<string>();
  for (const path of paths) {
    let previous: ModelSnapshot | undefined;
    for (const { event, state } of path.steps) {
      states.add(state.value);
      if (previous) for (const key of takenBy(previous, event, state)) transitions.add(key);
      previous = state;
    }
  }
  return { states, transitions };
}

// ---------------------------------------------------------------------------------------------------
// Playing a path against a real flow.

const closed: FlowStep[] = ['done', 'dismissed', 'postponed', 'optedOut'];

interface Run {
  backend: GatedBackend;
  flow: FlowActor;
  /** Whether the response has been accepted by the backend on this path. */
  submitted: boolean;
  /** Whether the follow-up answer has been accepted. */
  followUpSent: boolean;
  /** The answers at the last `step.next` that submitted, to check nothing is lost on failure. */
  answersAtSubmit: FlowContext['answers'] | undefined;
}

function startRun(): Run {
  const backend = createGatedBackend({ now: () => new Date(fixtureNow) });
  const flow = createFlow({
    survey: npsSurvey,
    backend,
    customer: { id: customerId },
    locale: 'en',
    now: () => new Date(fixtureNow),
    createId: () => responseId,
    random: () => 0,
  });
  flow.start();
  return { backend, flow, submitted: false, followUpSent: false, answersAtSubmit: undefined };
}

async function play(run: Run, event: ModelEvent) {
  const entry = invokedBy(event.type);
  if (!entry) {
    run.flow.send(event as FlowEvent);
    const { value, context } = run.flow.getSnapshot();
    if (value === 'submitting') run.answersAtSubmit = context.answers;
    if (value === 'asking') run.answersAtSubmit = undefined;
    return;
  }
  expect(run.flow.getSnapshot().value).toBe(entry.step);
  expect(run.backend.waiting(entry.operation)).toBeGreaterThan(0);
  if (event.type === entry.error) {
    run.backend.fail(entry.operation, new Error(String((event as { error?: unknown }).error)));
  } else if ('output' in event && entry.operation === 'listImpact') {
    run.backend.succeed(entry.operation, event.output);
  } else {
    run.backend.succeed(entry.operation);
    if (entry.operation === 'submitResponse') run.submitted = true;
    if (entry.operation === 'submitFollowUp') run.followUpSent = true;
  }
  await settle();
}

/** Checks the real flow against the model state it should be in. */
function check(run: Run, expected: ModelSnapshot) {
  const snapshot = run.flow.getSnapshot();
  const api = connect(snapshot, run.flow.send);
  const step = expected.value;

  // The real flow is where the model is, with the same data.
  expect(snapshot.value).toBe(step);
  expect(snapshot.context).toEqual(expected.context);
  expect(api.step).toBe(step);
  expect(api.isOpen).toBe(!closed.includes(step));
  expect(snapshot.status).toBe(closed.includes(step) ? 'done' : 'active');
  expect(api.question === null).toBe(step !== 'asking');

  // Shown once, at the start.
  expect(run.backend.displays()).toHaveLength(1);

  // The response is stored exactly once, as the answers on the path, from acknowledging on.
  const responses = run.backend.responses();
  if (run.submitted) {
    expect(responses).toHaveLength(1);
    const answers = answersOnPath(snapshot.context.answers, snapshot.context.path);
    expect(responses[0]).toMatchObject({
      id: responseId,
      answers,
      acknowledgementId: pickAcknowledgement(npsSurvey, answers)?.id,
    });
    expect(responses[0]?.followUps).toHaveLength(run.followUpSent ? 1 : 0);
  } else {
    expect(responses).toEqual([]);
  }

  // Answers are never lost by a submission, failed or not.
  if (run.answersAtSubmit) expect(snapshot.context.answers).toEqual(run.answersAtSubmit);
  if (step === 'submitFailed' || step === 'followUpFailed') {
    expect(api.submitError).toBe('Network request failed');
    expect(selectSubmittedAnswers(snapshot)).toHaveProperty('nps');
  }
  if (step === 'submitFailed') expect(api.canGoBack).toBe(true);

  // Closing is recorded once, with the step it closed and whether the response was in.
  const dismissals = run.backend.dismissals();
  if (step === 'dismissed' || step === 'postponed' || step === 'optedOut') {
    expect(dismissals).toHaveLength(1);
    expect(dismissals[0]).toMatchObject({
      reason: { dismissed: 'dismiss', postponed: 'notNow', optedOut: 'optOut' }[step],
      submitted: run.submitted,
      responseId,
    });
  } else {
    expect(dismissals).toEqual([]);
  }

  if (step === 'showingImpact') expect(api.impact).toEqual([impactNotice]);
  if (step === 'followingUp') expect(api.followUp?.id).toBe('fix-first');
}

const describeEvent = (event: ModelEvent) => {
  const entry = invokedBy(event.type);
  if (entry && event.type === entry.error) return `${entry.operation} rejects`;
  if (entry && 'output' in event && Array.isArray(event.output))
    return `${entry.operation} resolves with ${event.output.length} notice(s)`;
  if (entry) return `${entry.operation} resolves`;
  if (event.type === 'answer.change' && 'questionId' in event) {
    const value = String(event.value);
    return `answer ${event.questionId}=${value.length > 20 ? `${value.length} chars` : value}`;
  }
  return event.type;
};

// ---------------------------------------------------------------------------------------------------

describe('flow model (xstate/graph)', () => {
  it('given the NPS survey (branching and a follow-up) › generated paths reach every state and take every transition of flowMachine', () => {
    const defined = definedByMachine();
    const covered = coveredByPaths();
    expect(defined.states.sort()).toEqual([...flowStepSchema.options].sort());
    expect([...covered.states].sort()).toEqual(defined.states.sort());
    expect([...covered.transitions].sort()).toEqual(defined.transitions.sort());
    // Pinned so that a change to the machine is a visible change here.
    expect(defined.states).toHaveLength(13);
    expect(defined.transitions).toHaveLength(61);
  });

  describe('given each generated path, played against a real flow', () => {
    for (const path of paths) {
      const events = path.steps.slice(1).map((step) => describeEvent(step.event));
      it(`reaches ${path.state.value} by ${events.join(' → ')}`, async () => {
        let run: Run | undefined;
        await path.test({
          events: Object.fromEntries(
            [...new Set(path.steps.map((step) => step.event.type))].map((type) => [
              type,
              async ({ event }: { event: ModelEvent }) => {
                if (type === 'xstate.init') run = startRun();
                else if (run) await play(run, event);
              },
            ]),
          ),
          states: {
            '*': (state: ModelSnapshot) => {
              if (!run) throw new Error('the path did not start the flow');
              check(run, state);
            },
          },
        });
        run?.flow.stop();
      });
    }
  });
});
