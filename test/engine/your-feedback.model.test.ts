/**
 * Model-based tests of the customer's thread (xstate/graph), as for the flow: `createTestModel`
 * refuses machines that invoke actors, so the model is `yourFeedbackMachine` itself with the list's
 * invoke turned into two events (`model.listed`, `model.listFailed`) and the children it spawns
 * left out (their answers, `reply.stored` and the rest, are events the traversal chooses). Where an
 * answer goes (outbox, straight to the backend, nowhere) is a guard of the host's; the model routes
 * by the answer's id. Every generated path is then played against a real actor of the machine
 * whose list is a promise the test settles, checking in each state that it is where the model is.
 */

import {
  type CustomerFeedback,
  type PublicIdea,
  type YourFeedbackContext,
  type YourFeedbackEvent,
  yourFeedbackMachine,
} from '@palaute/engine';
import {
  type AnyStateMachine,
  createActor,
  createMachine,
  fromCallback,
  fromPromise,
  type MachineSnapshot,
  type TransitionDefinition,
} from 'xstate';
import { createTestModel, type StatePath } from 'xstate/graph';

const at = '2026-11-20T10:00:00.000Z';
const itemId = 'fb-model-0001';
const listed: CustomerFeedback = {
  id: itemId,
  surveyId: 'nps',
  touchpointId: 'dashboard',
  answers: { nps: 3, why: 'Slow exports' },
  consentToContact: true,
  status: 'triaged',
  history: [
    { to: 'new', at },
    { to: 'triaged', at },
  ],
  replies: [
    {
      id: 'reply-team-0001',
      author: { kind: 'team', id: 'anna', name: 'Anna' },
      body: 'Which?',
      at,
    },
  ],
  impact: {
    id: 'notice-0001',
    itemId,
    weDid: 'Faster exports',
    youSaid: 'Slow exports',
    shippedAt: at,
  },
  createdAt: at,
} as CustomerFeedback;
/** The same item once the team wrote again: news on a reload. */
const answeredAgain: CustomerFeedback = {
  ...listed,
  replies: [
    ...listed.replies,
    { id: 'reply-team-0002', author: { kind: 'team', id: 'anna' }, body: 'Fixed?', at },
  ],
} as CustomerFeedback;
const reply = (replyId: string) => ({
  itemId,
  customerId: 'c-1',
  replyId,
  body: 'The monthly one',
  at,
});

/** Answers whose id says where they go: the model's stand-in for the host's outbox and backend. */
const routing = {
  hasOutbox: ({ event }: { event: YourFeedbackEvent }) =>
    event.type === 'reply.send' && event.replyId.startsWith('outbox-'),
  canSendReplies: ({ event }: { event: YourFeedbackEvent }) =>
    event.type === 'reply.send' && event.replyId.startsWith('direct-'),
};
const quiet = {
  storeDraft: () => undefined,
  submitDraft: () => undefined,
  stopStore: () => undefined,
  stopSubmit: () => undefined,
};

type ListState = {
  invoke?: { onDone?: unknown; onError?: unknown };
  after?: { refreshMs?: unknown };
  on?: object;
};
const config = yourFeedbackMachine.config;
const list = config.states?.list as { states: Record<string, ListState> };
const { invoke: _root, ...rootConfig } = config;
const { ideas: _ideas, ...regions } = config.states ?? {};
const modelMachine = createMachine(
  {
    ...rootConfig,
    states: {
      ...regions,
      list: {
        ...list,
        states: Object.fromEntries(
          Object.entries(list.states).map(([name, state]) => {
            const { invoke, after, ...rest } = state;
            if (after)
              return [name, { ...rest, on: { ...rest.on, 'model.poll': after.refreshMs } }];
            if (!invoke) return [name, rest];
            return [
              name,
              {
                ...rest,
                on: {
                  ...rest.on,
                  'model.listed': invoke.onDone,
                  'model.listFailed': invoke.onError,
                },
              },
            ];
          }),
        ),
      },
    },
  } as typeof config,
  {
    ...yourFeedbackMachine.implementations,
    guards: { ...yourFeedbackMachine.implementations.guards, ...routing },
    actions: { ...yourFeedbackMachine.implementations.actions, ...quiet },
  } as never,
) as unknown as AnyStateMachine;

type ModelEvent = YourFeedbackEvent | { type: string; output?: unknown };
type ModelSnapshot = MachineSnapshot<
  YourFeedbackContext,
  ModelEvent,
  never,
  { list: 'loading' | 'ready' | 'failed' },
  string,
  unknown,
  never,
  never
>;
const listValue = (snapshot: { value: unknown }) => (snapshot.value as { list: string }).list;

/** The events the traversal tries: a page (with the team's reply), a failure, and each intent. */
function eventsFor(snapshot: ModelSnapshot): ModelEvent[] {
  const { context } = snapshot;
  const events: ModelEvent[] = [
    { type: 'list.refresh' },
    { type: 'draft.change', itemId, text: 'The monthly one' },
    {
      type: 'drafts.restored',
      drafts: { [itemId]: { text: 'Kept from the dialog', draftedAt: at } },
    },
    { type: 'thread.toggle', itemId },
    { type: 'thread.read', replyIds: ['reply-team-0001'] },
    { type: 'impact.seen', noticeId: 'notice-0001' },
    { type: 'outbox.changed', stored: [] },
    {
      type: 'outbox.changed',
      stored: [],
      delivered: { kind: 'reply', payload: reply('outbox-0001') } as never,
    },
  ];
  if (listValue(snapshot) === 'loading')
    events.push(
      { type: 'model.listed', output: [context.loaded ? answeredAgain : listed] },
      { type: 'model.listFailed' },
    );
  if (listValue(snapshot) === 'ready') events.push({ type: 'model.poll' });
  for (const replyId of ['outbox-0001', 'direct-0001', 'nowhere-0001'])
    events.push({ type: 'reply.send', itemId, replyId, at });
  // The outbox answers a store only while its draft waits (the draft is cleared once stored).
  if (context.drafts[itemId])
    events.push(
      { type: 'reply.stored', payload: reply('outbox-0001'), status: 'pending' },
      { type: 'reply.notStored', payload: reply('outbox-0001') },
    );
  const direct = context.pending.find((entry) => entry.payload.replyId === 'direct-0001');
  if (direct?.state === 'sending')
    events.push(
      { type: 'reply.delivered', replyId: 'direct-0001' },
      { type: 'reply.failed', replyId: 'direct-0001' },
    );
  if (direct?.state === 'failed') events.push({ type: 'reply.retry', replyId: 'direct-0001' });
  if (context.pending.some((entry) => entry.via === 'outbox'))
    events.push({ type: 'reply.retry', replyId: 'outbox-0001' });
  return events;
}

/** What a state is, coarsely: enough to tell each way through the machine from the others. */
function summary(snapshot: { value: unknown; context: YourFeedbackContext }) {
  const { context } = snapshot;
  return {
    list: listValue(snapshot),
    loaded: context.loaded,
    replies: context.items[0]?.replies.length ?? 0,
    arrived: context.arrived.length,
    draft: Boolean(context.drafts[itemId]),
    error: context.errors[itemId],
    pending: context.pending.map((entry) => `${entry.payload.replyId}:${entry.via}:${entry.state}`),
  };
}

const isChosen = (snapshot: ModelSnapshot, event: ModelEvent) => {
  const serialized = JSON.stringify(event);
  return eventsFor(snapshot).some((candidate) => JSON.stringify(candidate) === serialized);
};

const testModel = createTestModel(modelMachine, {
  events: eventsFor as never,
  filterEvents: isChosen as never,
  serializeState: ((state: ModelSnapshot) => JSON.stringify(summary(state))) as never,
  input: { customerId: 'c-1', refreshMs: 60_000 },
});
const paths = testModel.getShortestPaths() as unknown as Array<
  StatePath<ModelSnapshot, ModelEvent> & { test: (params: object) => Promise<unknown> }
>;

const key = (source: string, event: string, index: number) => `${source} | ${event} | ${index}`;

/** Every state and every candidate (guarded branch) of every transition the machine defines. */
function definedByMachine() {
  const states: string[] = [];
  const transitions: string[] = [];
  const visit = (node: (typeof yourFeedbackMachine)['root']) => {
    // The ideas region has its own model below.
    if (node.path[0] === 'ideas') return;
    states.push(node.path.join('.'));
    for (const [event, candidates] of node.transitions)
      candidates.forEach((_, index) => {
        transitions.push(key(node.path.join('.'), event, index));
      });
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(yourFeedbackMachine.root);
  // The list's invoke is played as the model's two events.
  return {
    states,
    transitions: transitions
      .map((entry) =>
        entry
          .replace(/xstate\.done\.actor\.[^ ]+/, 'model.listed')
          .replace(/xstate\.error\.actor\.[^ ]+/, 'model.listFailed')
          .replace(/xstate\.after\.[^ ]+/, 'model.poll'),
      )
      .sort(),
  };
}

/** The transition candidate an event takes in a state. */
function takenBy(state: ModelSnapshot, event: ModelEvent): string | undefined {
  const [taken] = modelMachine.getTransitionData(state as never, event as never) as Array<
    TransitionDefinition<YourFeedbackContext, ModelEvent>
  >;
  if (!taken) return undefined;
  const candidates = taken.source.transitions.get(event.type) ?? [];
  return key(taken.source.path.join('.'), event.type, candidates.indexOf(taken as never));
}

/**
 * The states the paths reach, and the transitions taken on them or from the states they reach (an
 * intent that leaves the summary as it was, such as handing a draft to the outbox, is an edge of
 * the traversal but no step of a shortest path).
 */
function coveredByPaths() {
  const states = new Set<string>(['']);
  const transitions = new Set<string>();
  for (const path of paths)
    for (const { state } of path.steps) {
      states.add('list');
      states.add(`list.${listValue(state)}`);
      for (const event of eventsFor(state)) {
        const taken = takenBy(state, event);
        if (taken) transitions.add(taken);
      }
    }
  return { states, transitions };
}

/** A real actor of the machine: its list is a promise the test settles. */
function startRun() {
  const calls: Array<{ resolve: (items: CustomerFeedback[]) => void; reject: (e: Error) => void }> =
    [];
  const logic = yourFeedbackMachine.provide({
    actors: {
      listMyFeedback: fromPromise<CustomerFeedback[], { customerId: string }>(
        () =>
          new Promise((resolve, reject) => {
            calls.push({ resolve, reject });
          }),
      ),
      storeReply: fromCallback(() => undefined),
      submitReply: fromCallback(() => undefined),
    },
    guards: routing,
  });
  const actor = createActor(logic, { input: { customerId: 'c-1', refreshMs: 60_000 } }).start();
  return { actor, calls };
}
type Run = ReturnType<typeof startRun>;

async function play(run: Run, event: ModelEvent) {
  if (event.type === 'model.listed' || event.type === 'model.listFailed') {
    // Only the latest request is live: an earlier one answered now is dropped.
    const stale = run.calls.slice(0, -1);
    for (const call of stale) call.resolve([]);
    const call = run.calls.at(-1);
    if (!call) throw new Error('the list was not requested');
    if (event.type === 'model.listed') call.resolve(event.output as CustomerFeedback[]);
    else call.reject(new Error('down'));
    run.calls.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 0));
    return;
  }
  // The poll's timer, fired now.
  if (event.type === 'model.poll')
    return run.actor.send({ type: 'xstate.after.refreshMs.yourFeedback.list.ready' } as never);
  run.actor.send(event as YourFeedbackEvent);
}

describe('your-feedback model (xstate/graph)', () => {
  it('generated paths reach every state and take every transition of yourFeedbackMachine', () => {
    const defined = definedByMachine();
    const covered = coveredByPaths();
    expect([...covered.states].sort()).toEqual(defined.states.sort());
    expect([...covered.transitions].sort()).toEqual(defined.transitions);
    // Pinned so that a change to the machine is a visible change here.
    expect(defined.states).toHaveLength(5);
    expect(defined.transitions).toHaveLength(24);
  });

  describe('given each generated path, played against a real actor', () => {
    for (const path of paths) {
      const events = path.steps.slice(1).map((step) => step.event.type);
      it(`reaches ${listValue(path.state)} by ${events.join(' → ')}`, async () => {
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
              if (!run) throw new Error('the path did not start the actor');
              const real = run.actor.getSnapshot();
              expect(summary(real)).toEqual(summary(state));
              // An answer on the page is in the thread until the server lists it: nothing is lost.
              const shown = real.context.pending.map((entry) => entry.payload.replyId);
              expect(shown.length).toBe(new Set(shown).size);
            },
          },
        });
        run?.actor.stop();
      });
    }
  });
});

/**
 * The ideas region (the board's ideas the customer follows) as its own model: its invoke is two
 * events (`model.ideasListed`, `model.ideasFailed`), its poll one (`model.ideasPoll`), the backend
 * has a board. Without one it stays `none` (see your-feedback.ideas.test.ts).
 */
describe('your-feedback ideas model (xstate/graph)', () => {
  const ideasConfig = config.states?.ideas as {
    initial: string;
    states: Record<string, ListState>;
  };
  const ideasModel = createMachine(
    {
      id: 'yourFeedbackIdeas',
      context: config.context,
      initial: 'ideas',
      states: {
        ideas: {
          ...ideasConfig,
          states: Object.fromEntries(
            Object.entries(ideasConfig.states).map(([name, state]) => {
              const { invoke, after, ...rest } = state;
              if (after)
                return [name, { ...rest, on: { ...rest.on, 'model.ideasPoll': after.refreshMs } }];
              if (!invoke) return [name, rest];
              return [
                name,
                {
                  ...rest,
                  on: {
                    ...rest.on,
                    'model.ideasListed': invoke.onDone,
                    'model.ideasFailed': invoke.onError,
                  },
                },
              ];
            }),
          ),
        },
      },
    } as never,
    {
      ...yourFeedbackMachine.implementations,
      guards: { ...yourFeedbackMachine.implementations.guards, hasBoard: () => true },
    } as never,
  ) as unknown as AnyStateMachine;
  type IdeasSnapshot = { value: { ideas: string }; context: YourFeedbackContext };
  const idea = { id: 'idea-model-01', title: 'Dark mode', votes: 2 } as PublicIdea;
  const ideasEvents = (snapshot: IdeasSnapshot): ModelEvent[] => {
    const events: ModelEvent[] = [{ type: 'list.refresh' }];
    if (snapshot.value.ideas === 'loading')
      events.push({ type: 'model.ideasListed', output: [idea] }, { type: 'model.ideasFailed' });
    if (snapshot.value.ideas === 'ready') events.push({ type: 'model.ideasPoll' });
    return events;
  };
  const ideasSummary = (snapshot: { value: unknown; context: YourFeedbackContext }) => ({
    ideas: (snapshot.value as { ideas: string }).ideas,
    loaded: snapshot.context.ideasLoaded,
    count: snapshot.context.ideas.length,
  });
  const model = createTestModel(ideasModel, {
    events: ideasEvents as never,
    serializeState: ((state: IdeasSnapshot) => JSON.stringify(ideasSummary(state))) as never,
    input: { customerId: 'c-1', refreshMs: 60_000 },
  });
  const ideaPaths = model.getShortestPaths() as unknown as Array<{
    state: IdeasSnapshot;
    steps: Array<{ state: IdeasSnapshot; event: ModelEvent }>;
  }>;

  it('generated paths reach every state with a board and take every transition of the ideas region', () => {
    const defined: string[] = [];
    const regionNode = yourFeedbackMachine.root.states.ideas;
    for (const node of Object.values(regionNode?.states ?? {}))
      for (const [event, candidates] of node.transitions)
        candidates.forEach((_, index) => {
          defined.push(
            key(
              node.path.join('.'),
              event
                .replace(/xstate\.done\.actor\.[^ ]+/, 'model.ideasListed')
                .replace(/xstate\.error\.actor\.[^ ]+/, 'model.ideasFailed')
                .replace(/xstate\.after\.[^ ]+/, 'model.ideasPoll'),
              index,
            ),
          );
        });
    const covered = new Set<string>();
    const reached = new Set<string>();
    for (const path of ideaPaths)
      for (const { state } of path.steps) {
        reached.add(state.value.ideas);
        for (const event of ideasEvents(state)) {
          const [taken] = ideasModel.getTransitionData(state as never, event as never) as Array<
            TransitionDefinition<YourFeedbackContext, ModelEvent>
          >;
          if (!taken) continue;
          const candidates = taken.source.transitions.get(event.type) ?? [];
          covered.add(
            key(taken.source.path.join('.'), event.type, candidates.indexOf(taken as never)),
          );
        }
      }
    expect([...reached].sort()).toEqual(['failed', 'loading', 'ready']);
    expect([...covered].sort()).toEqual(defined.sort());
    expect(defined).toHaveLength(6);
  });

  for (const path of ideaPaths) {
    const events = path.steps.slice(1).map((step) => step.event.type);
    it(`reaches ideas ${path.state.value.ideas} by ${events.join(' → ') || 'starting'}`, async () => {
      const calls: Array<{ resolve: (ideas: PublicIdea[]) => void; reject: (e: Error) => void }> =
        [];
      const actor = createActor(
        yourFeedbackMachine.provide({
          actors: {
            listMyFeedback: fromPromise<CustomerFeedback[], { customerId: string }>(
              () => new Promise(() => undefined),
            ),
            listFollowedIdeas: fromPromise<PublicIdea[], { customerId: string }>(
              () => new Promise((resolve, reject) => calls.push({ resolve, reject })),
            ),
          },
          guards: { hasBoard: () => true },
        }),
        { input: { customerId: 'c-1', refreshMs: 60_000 } },
      ).start();
      for (const step of path.steps.slice(1)) {
        const event = step.event;
        if (event.type === 'model.ideasListed' || event.type === 'model.ideasFailed') {
          const call = calls.at(-1);
          if (!call) throw new Error('the ideas were not requested');
          if (event.type === 'model.ideasListed') call.resolve([idea]);
          else call.reject(new Error('down'));
          calls.length = 0;
          await new Promise((resolve) => setTimeout(resolve, 0));
        } else if (event.type === 'model.ideasPoll')
          actor.send({ type: 'xstate.after.refreshMs.yourFeedback.ideas.ready' } as never);
        else actor.send(event as YourFeedbackEvent);
        expect(ideasSummary(actor.getSnapshot())).toEqual(ideasSummary(step.state));
      }
      actor.stop();
    });
  }
});
