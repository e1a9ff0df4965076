/**
 * Model-based tests of the team's inbox (xstate/graph), as for the flow and the customer's thread:
 * `createTestModel` refuses machines that invoke actors, so the model is `inboxMachine` itself with
 * each invoke turned into two events (`model.<actor>.done`, `model.<actor>.error`) and the poll's
 * timer into `model.poll`. The machine is parallel (list, item, work, metrics, facets, changes, csv,
 * polling): one traversal per region, each telling its states apart by that region's value and the
 * context its guards read, and one for the team tools' intents over the work region, keeps the
 * paths few while together they reach every state and take
 * every transition. Every generated path is then played against a real actor whose requests are
 * promises the test settles, checking at each step that it is where the model is.
 */
import {
  type Change,
  type FeedbackItem,
  type InboxContext,
  type InboxEvent,
  inboxMachine,
} from '@palaute/engine';
import {
  type AnyStateMachine,
  createActor,
  createMachine,
  fromPromise,
  getInitialSnapshot,
  getNextSnapshot,
  type MachineSnapshot,
  type TransitionDefinition,
} from 'xstate';
import { createTestModel, type StatePath } from 'xstate/graph';

const at = '2026-11-20T10:00:00.000Z';
const anna = { kind: 'team' as const, id: 'anna' };
const item = (id: string, overrides: Partial<FeedbackItem> = {}): FeedbackItem => ({
  id,
  customerId: 'c-1',
  surveyId: 'nps',
  touchpointId: 'dashboard',
  answers: { why: `About ${id}` },
  text: `About ${id}`,
  consentToContact: true,
  status: 'new',
  history: [{ from: null, to: 'new', at, by: { kind: 'system', id: 'palaute' } }],
  replies: [],
  createdAt: at,
  ...overrides,
});
/** Item a: its customer wrote back, unread (selecting it marks it read). */
const wroteBack = item('fb-model-a', {
  status: 'triaged',
  replies: [
    { id: 'reply-team-1', author: anna, body: 'Which page?', at },
    { id: 'reply-cust-1', author: { kind: 'customer', id: 'c-1' }, body: 'Billing', at },
  ],
});
const read = {
  ...wroteBack,
  replies: wroteBack.replies.map((reply) => ({ ...reply, readAt: at })),
};
const other = item('fb-model-b');
const later = item('fb-model-c');
const metrics = {
  total: 2,
  unprocessed: 1,
  unprocessedShare: 0.5,
  aging: { under1Day: 1, from1To3Days: 0, from3To7Days: 0, from7To30Days: 0, over30Days: 0 },
  overdue: 0,
  timeToFirstResponse: { count: 1, medianHours: 1, p90Hours: 1 },
  timeToClose: { count: 0, medianHours: null, p90Hours: null },
  byTouchpoint: {},
};
const facets = {
  touchpoints: { values: [{ value: 'dashboard', count: 2 }], omitted: { values: 0 } },
  segments: [],
  omittedSegmentKeys: 0,
};
const change: Change = {
  id: 'change-0001',
  weDid: 'Faster exports',
  shippedAt: at,
  itemIds: [other.id],
};

type Node = {
  invoke?: { src: string; onDone?: unknown; onError?: unknown };
  after?: Record<string, unknown>;
  on?: Record<string, unknown>;
  states?: Record<string, Node>;
};
/** Each node's invoked actor, by the node's path: the model's events stand in for its answers. */
const invoked = new Map<string, string>();
function modelOf(node: Node, path: string[]): Node {
  const { invoke, after, states, ...rest } = node;
  const on: Record<string, unknown> = { ...rest.on };
  if (invoke) {
    invoked.set(path.join('.'), invoke.src);
    on[`model.${invoke.src}.done`] = invoke.onDone;
    if (invoke.onError) on[`model.${invoke.src}.error`] = invoke.onError;
  }
  if (after) on['model.poll'] = after.refreshMs;
  return {
    ...rest,
    ...(Object.keys(on).length > 0 ? { on } : {}),
    ...(states
      ? {
          states: Object.fromEntries(
            Object.entries(states).map(([name, child]) => [name, modelOf(child, [...path, name])]),
          ),
        }
      : {}),
  };
}
const modelMachine = createMachine(
  modelOf(inboxMachine.config as Node, []) as typeof inboxMachine.config,
  inboxMachine.implementations as never,
) as unknown as AnyStateMachine;

type ModelEvent = InboxEvent | { type: string; output?: unknown; error?: unknown };
type Value = Record<string, string>;
type ModelSnapshot = MachineSnapshot<
  InboxContext,
  ModelEvent,
  never,
  Value,
  string,
  unknown,
  never,
  never
>;
const REGIONS = ['list', 'item', 'work', 'metrics', 'facets', 'changes', 'csv', 'polling'] as const;
type Region = (typeof REGIONS)[number];
/** A traversal: a region's, or the team tools' over the work region. */
type Traversal = Region | 'tools';
const stateValue = (snapshot: { value: unknown }) => snapshot.value as Value;

/**
 * The team tools' intents: a traversal of their own (`tools`) tries them, with the selection's and
 * the answers', so that their drafts do not multiply the other regions' paths.
 */
const TOOLS_EVENTS: readonly ModelEvent[] = [
  { type: 'draft.change', field: 'itemWeDid', value: 'Faster exports' },
  { type: 'change.ship', scope: 'item' },
  { type: 'items.checkAll' },
  { type: 'draft.change', field: 'search', value: 'fax' },
  { type: 'search.submit' },
  { type: 'draft.change', field: 'tag', value: 'billing' },
  { type: 'tag.add' },
  { type: 'tag.remove', tag: 'billing' },
  { type: 'assignee.set', assignee: 'ben' },
  { type: 'draft.change', field: 'bulkAction', value: 'tags.add' },
  { type: 'draft.change', field: 'bulkAction', value: 'assignee.set' },
  { type: 'draft.change', field: 'bulkAction', value: 'feedback.plan' },
  { type: 'bulk.apply' },
];
/** The intents the tools' traversal shares with the others: selecting and ticking. */
const TOOLS_SHARED = new Set(['item.select', 'item.check', 'item.close']);

/**
 * The events a traversal tries: each intent, and an answer to each request under way. `base`: the
 * regions' own intents; `tools`: the team tools' (with selecting and ticking); `all`: both.
 */
function eventsFor(snapshot: ModelSnapshot, set: 'base' | 'tools' | 'all' = 'all'): ModelEvent[] {
  const value = stateValue(snapshot);
  const events: ModelEvent[] = [
    { type: 'inbox.refresh' },
    { type: 'inbox.reload' },
    { type: 'list.more' },
    { type: 'filter.change', name: 'status', value: 'declined' },
    { type: 'filters.set', filters: { touchpointId: 'dashboard' } },
    { type: 'item.select', id: wroteBack.id },
    { type: 'item.select', id: other.id },
    { type: 'item.close' },
    { type: 'item.check', id: other.id },
    { type: 'draft.change', field: 'reply', value: 'Thanks' },
    { type: 'draft.change', field: 'decline', value: 'Not this year' },
    { type: 'draft.change', field: 'weDid', value: 'Faster exports' },
    { type: 'draft.change', field: 'href', value: 'javascript:alert(1)' },
    { type: 'draft.change', field: 'href', value: '' },
    { type: 'item.move', move: 'feedback.plan' },
    { type: 'reply.send' },
    { type: 'item.decline' },
    { type: 'change.ship' },
    { type: 'csv.export' },
    { type: 'model.poll' },
  ];
  const answers: Record<string, ModelEvent[]> = {
    loadList: [
      { type: 'model.loadList.done', output: { items: [wroteBack, other], next: 'cursor-1' } },
      { type: 'model.loadList.error', error: { message: 'down' } },
    ],
    loadPage: [
      { type: 'model.loadPage.done', output: { items: [later] } },
      { type: 'model.loadPage.error', error: { message: 'down' } },
    ],
    loadItem: [
      {
        type: 'model.loadItem.done',
        output: snapshot.context.selectedId === wroteBack.id ? wroteBack : other,
      },
      { type: 'model.loadItem.error', error: { message: 'down' } },
    ],
    markRead: [
      { type: 'model.markRead.done', output: read },
      { type: 'model.markRead.error', error: { message: 'down' } },
    ],
    act: [
      {
        type: 'model.act.done',
        output: {
          ...(snapshot.context.selected ?? other),
          status: 'planned',
        },
      },
      { type: 'model.act.error', error: { message: 'No way.' } },
    ],
    shipChange: [
      { type: 'model.shipChange.done', output: change },
      { type: 'model.shipChange.error', error: { message: 'down' } },
    ],
    loadMetrics: [
      { type: 'model.loadMetrics.done', output: metrics },
      { type: 'model.loadMetrics.error', error: { message: 'down' } },
    ],
    loadFacets: [
      { type: 'model.loadFacets.done', output: facets },
      { type: 'model.loadFacets.done', output: undefined },
      { type: 'model.loadFacets.error', error: { status: 404 } },
    ],
    actMany: [
      {
        type: 'model.actMany.done',
        output: snapshot.context.checked.map((id) => ({
          id,
          outcome: 'refused',
          error: { code: 'not_found', message: 'gone' },
        })),
      },
      { type: 'model.actMany.error', error: { message: 'down' } },
    ],
    exportCsv: [
      { type: 'model.exportCsv.done', output: { csv: 'id\r\n', count: 0, truncated: false } },
      { type: 'model.exportCsv.error', error: { message: 'down' } },
    ],
    loadChanges: [
      { type: 'model.loadChanges.done', output: [change] },
      { type: 'model.loadChanges.error', error: { message: 'down' } },
    ],
  };
  const intents =
    set === 'base'
      ? events
      : set === 'tools'
        ? [...events.filter((event) => TOOLS_SHARED.has(event.type)), ...TOOLS_EVENTS]
        : [...events, ...TOOLS_EVENTS];
  for (const region of REGIONS) {
    const src = invoked.get(`${region}.${value[region]}`);
    if (src) intents.push(...(answers[src] ?? []));
  }
  return intents;
}

/** What one region's state is: its value and the context its guards and actions read. */
function summary(snapshot: { value: unknown; context: InboxContext }, region: Traversal) {
  const { context } = snapshot;
  const value = region === 'tools' ? undefined : stateValue(snapshot)[region];
  switch (region) {
    case 'list':
      return { value, loaded: context.loaded, more: context.next !== undefined };
    case 'item':
      return {
        value,
        selected: context.selectedId ?? null,
        // A reply written, and one kept for an item left: opening that item gives it back.
        reply: context.drafts.reply !== '',
        kept: Object.keys(context.keptDrafts).length > 0,
        unread:
          context.selected?.replies.some(
            (reply) => reply.author.kind === 'customer' && !reply.readAt,
          ) ?? false,
      };
    case 'work':
      return {
        value,
        // Selecting is the item region's: its state tells a selection under way from none.
        item: stateValue(snapshot).item,
        selected: context.selected !== undefined,
        reply: context.drafts.reply !== '',
        decline: context.drafts.decline !== '',
        weDid: context.drafts.weDid !== '',
        unsafe: context.drafts.href !== '',
        checked: context.checked.length > 0,
      };
    case 'tools':
      return {
        value: stateValue(snapshot).work,
        item: stateValue(snapshot).item,
        selected: context.selected !== undefined,
        checked: context.checked.length > 0,
        itemWeDid: context.drafts.itemWeDid !== '',
        tag: context.drafts.tag !== '',
        bulkAction: context.drafts.bulkAction,
      };
    case 'metrics':
      return { value, metrics: context.metrics !== undefined };
    case 'facets':
      return { value, missing: context.facetsMissing };
    default:
      return { value };
  }
}

/** Everything the test compares between the model and the real actor. */
const whole = (snapshot: { value: unknown; context: InboxContext }) => ({
  value: snapshot.value,
  regions: REGIONS.map((region) => summary(snapshot, region)),
  items: snapshot.context.items.map((one) => `${one.id}:${one.status}`),
  errors: snapshot.context.errors,
  readRequested: snapshot.context.readRequested,
  listReason: snapshot.context.listReason,
});

const isChosen = (snapshot: ModelSnapshot, event: ModelEvent) => {
  const serialized = JSON.stringify(event);
  return eventsFor(snapshot).some((candidate) => JSON.stringify(candidate) === serialized);
};

type Path = StatePath<ModelSnapshot, ModelEvent> & {
  test: (params: object) => Promise<unknown>;
};
const pathsOf = (region: Traversal) =>
  createTestModel(modelMachine, {
    events: ((state: ModelSnapshot) =>
      eventsFor(state, region === 'tools' ? 'tools' : 'base')) as never,
    filterEvents: isChosen as never,
    serializeState: ((state: ModelSnapshot) => JSON.stringify(summary(state, region))) as never,
    input: { refreshMs: 60_000 },
  }).getShortestPaths() as unknown as Path[];
const pathsByRegion = [...REGIONS, 'tools' as const].map(
  (region) => [region, pathsOf(region)] as const,
);

const key = (source: string, event: string, index: number | string) =>
  `${source} | ${event} | ${index}`;

/** Every state node and every candidate (guarded branch) of every transition the machine defines. */
function definedByMachine() {
  const states: string[] = [];
  const transitions: string[] = [];
  const visit = (node: (typeof inboxMachine)['root']) => {
    const path = node.path.join('.');
    states.push(path);
    const src = invoked.get(path);
    for (const [event, candidates] of node.transitions)
      candidates.forEach((_, index) => {
        transitions.push(
          key(
            path,
            event
              .replace(/^xstate\.done\.actor\..+$/, `model.${src}.done`)
              .replace(/^xstate\.error\.actor\..+$/, `model.${src}.error`)
              .replace(/^xstate\.after\..+$/, 'model.poll'),
            index,
          ),
        );
      });
    node.always?.forEach((_, index) => {
      transitions.push(key(path, 'always', index));
    });
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(inboxMachine.root);
  return { states: states.sort(), transitions: transitions.sort() };
}

/** The transition candidates an event takes in a state (one per region that handles it). */
function takenBy(state: ModelSnapshot, event: ModelEvent): string[] {
  const taken = modelMachine.getTransitionData(state as never, event as never) as Array<
    TransitionDefinition<InboxContext, ModelEvent>
  >;
  return taken.map((transition) => {
    const candidates = transition.source.transitions.get(event.type) ?? [];
    return key(
      transition.source.path.join('.'),
      event.type,
      candidates.indexOf(transition as never),
    );
  });
}

/** The events of a path, after its start. */
const eventsOf = (path: Path) => path.steps.slice(1).map((step) => step.event);

/**
 * The states a path passes through, simulated again from the start: a region's traversal tells
 * states apart by that region alone, so a path's recorded states may differ in other regions from
 * where its events really lead. These are where they lead, and what the real actor must match.
 */
function replay(events: readonly ModelEvent[]): ModelSnapshot[] {
  let state = getInitialSnapshot(modelMachine, { refreshMs: 60_000 }) as ModelSnapshot;
  const states = [state];
  for (const event of events) {
    state = getNextSnapshot(modelMachine, state as never, event as never) as ModelSnapshot;
    states.push(state);
  }
  return states;
}

/**
 * The state nodes the paths pass through, and the transitions taken on them or from the states
 * they pass through (an intent that leaves a region's summary as it was is an edge of the
 * traversal but no step of a shortest path). An eventless transition counts as taken where a
 * state it leads to is reached.
 */
function coveredByPaths() {
  const states = new Set<string>(['']);
  const transitions = new Set<string>();
  const always: [string, string, number][] = [];
  const visit = (node: (typeof inboxMachine)['root']) => {
    node.always?.forEach((transition, index) => {
      const target = transition.target?.[0]?.path.join('.');
      if (target) always.push([node.path.join('.'), target, index]);
    });
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(inboxMachine.root);
  for (const [, paths] of pathsByRegion)
    for (const path of paths)
      for (const state of replay(eventsOf(path))) {
        const reached = Object.entries(stateValue(state)).map(
          ([region, value]) => `${region}.${value}`,
        );
        for (const node of reached) {
          states.add(node.split('.')[0] as string);
          states.add(node);
        }
        for (const event of eventsFor(state))
          for (const taken of takenBy(state, event)) transitions.add(taken);
        for (const [source, target, index] of always)
          if (reached.includes(target)) transitions.add(key(source, 'always', index));
      }
  return { states, transitions };
}

/** A real actor of the machine: every request is a promise the test settles. */
function startRun() {
  const calls: Record<
    string,
    Array<{ resolve: (v: unknown) => void; reject: (e: unknown) => void }>
  > = {};
  const held = (name: string) =>
    fromPromise(
      () =>
        new Promise((resolve, reject) => {
          calls[name] = [...(calls[name] ?? []), { resolve, reject }];
        }),
    );
  const logic = inboxMachine.provide({
    actors: Object.fromEntries(
      [...new Set(invoked.values())].map((name) => [name, held(name)]),
    ) as never,
  });
  const actor = createActor(logic, { input: { refreshMs: 60_000 } }).start();
  return { actor, calls };
}
type Run = ReturnType<typeof startRun>;

async function play(run: Run, event: ModelEvent) {
  const answer = /^model\.(\w+)\.(done|error)$/.exec(event.type);
  if (answer) {
    const [, src, outcome] = answer as unknown as [string, string, string];
    // Only the latest request of an actor is live: the others were cancelled with their state.
    // None asked: the model ignores the answer too.
    const call = run.calls[src]?.at(-1);
    if (!call) return;
    if (outcome === 'done') call.resolve('output' in event ? event.output : undefined);
    else call.reject('error' in event ? event.error : undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    return;
  }
  // The poll's timer, fired now.
  if (event.type === 'model.poll')
    return run.actor.send({ type: 'xstate.after.refreshMs.inbox.polling.waiting' } as never);
  run.actor.send(event as InboxEvent);
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('inbox model (xstate/graph)', () => {
  it('generated paths reach every state and take every transition of inboxMachine', () => {
    const defined = definedByMachine();
    const covered = coveredByPaths();
    expect([...covered.states].sort()).toEqual(defined.states);
    expect([...covered.transitions].sort()).toEqual(defined.transitions);
    // Pinned so that a change to the machine is a visible change here.
    expect(defined.states).toHaveLength(33);
    expect(defined.transitions).toHaveLength(71);
  });

  for (const [region, paths] of pathsByRegion)
    describe(`given each generated path of the ${region} region, played against a real actor`, () => {
      for (const path of paths) {
        it(`reaches ${JSON.stringify(summary(path.state, region))} by ${
          eventsOf(path)
            .map((event) => event.type)
            .join(' → ') || '(start)'
        }`, async () => {
          const events = eventsOf(path);
          const expected = replay(events);
          const run = startRun();
          try {
            expect(whole(run.actor.getSnapshot() as never)).toEqual(whole(expected[0] as never));
            for (const [step, event] of events.entries()) {
              await play(run, event);
              expect(whole(run.actor.getSnapshot() as never), event.type).toEqual(
                whole(expected[step + 1] as never),
              );
            }
            // Where the region's traversal said the path leads.
            expect(summary(expected.at(-1) as never, region)).toEqual(summary(path.state, region));
          } finally {
            run.actor.stop();
          }
        });
      }
    });
});
