/**
 * Model-based tests of the feedback lifecycle (xstate/graph): every state and every transition of
 * `feedbackMachine` is reached by generated paths, for feedback with and without consent to contact,
 * and each path is played against `applyFeedbackEvent` (what backends run), checking the guards'
 * promises at every step.
 */
import {
  type Actor,
  applyFeedbackEvent,
  FEEDBACK_STATUSES,
  type FeedbackEvent,
  type FeedbackItem,
  feedbackMachine,
  isDone,
  LifecycleError,
} from '@palaute/engine';
import type { SnapshotFrom } from 'xstate';
import { createTestModel } from 'xstate/graph';

const at = '2026-11-23T10:00:00.000Z';
const anna: Actor = { kind: 'team', id: 'anna' };
const owner: Actor = { kind: 'customer', id: 'c-1' };
const stranger: Actor = { kind: 'customer', id: 'c-2' };

const item = (consentToContact: boolean): FeedbackItem => ({
  id: 'response-0001',
  customerId: 'c-1',
  surveyId: 'nps',
  touchpointId: 'dashboard',
  answers: { why: 'Exports are slow' },
  text: 'Exports are slow',
  consentToContact,
  status: 'new',
  history: [{ from: null, to: 'new', at, by: { kind: 'system', id: 'palaute' } }],
  replies: [],
  createdAt: at,
});

/** Every event, with payloads that pass and that fail each guard. */
const EVENTS: FeedbackEvent[] = [
  { type: 'feedback.triage', by: anna, at },
  { type: 'feedback.plan', by: anna, at, reason: 'Next quarter' },
  { type: 'feedback.start', by: anna, at },
  { type: 'feedback.ship', by: anna, at, changeId: 'fast-exports' },
  { type: 'feedback.ship', by: anna, at, changeId: ' ' },
  { type: 'feedback.decline', by: anna, at, reason: 'Not this year' },
  { type: 'feedback.decline', by: anna, at, reason: '' },
  { type: 'feedback.answer', by: anna, at },
  { type: 'feedback.reopen', by: anna, at },
  { type: 'reply.team', by: anna, at, reply: { id: 'reply-team-1', body: 'Which export?' } },
  { type: 'reply.customer', by: owner, at, reply: { id: 'reply-cust-1', body: 'Excel' } },
  { type: 'reply.customer', by: stranger, at, reply: { id: 'reply-other', body: 'Me too' } },
  { type: 'reply.read', by: owner, at },
  { type: 'level.set', by: anna, at, level: 'vision' },
  { type: 'level.set', by: owner, at, level: 'necessity' },
  { type: 'tags.add', by: anna, at, tags: ['billing', 'exports'] },
  {
    type: 'tags.add',
    by: anna,
    at,
    tags: Array.from({ length: 21 }, (_, index) => `tag-${index}`),
  },
  { type: 'tags.add', by: owner, at, tags: ['mine'] },
  { type: 'tags.remove', by: anna, at, tags: ['billing'] },
  { type: 'tags.remove', by: owner, at, tags: ['exports'] },
  { type: 'assignee.set', by: anna, at, assignee: 'anna' },
  { type: 'assignee.set', by: owner, at, assignee: null },
];

type Snapshot = SnapshotFrom<typeof feedbackMachine>;

/**
 * Finite identity: the status and what the guards read (history itself grows on reopen loops), plus
 * the event and status it came from, so every way into a state is its own state and the shortest
 * paths take every transition.
 */
const identity = (snapshot: Snapshot, event?: FeedbackEvent, previous?: Snapshot) =>
  JSON.stringify({
    status: snapshot.value,
    team: snapshot.context.replies.some((reply) => reply.author.kind === 'team'),
    customer: snapshot.context.replies.some((reply) => reply.author.kind === 'customer'),
    via: event ? [event, previous?.value] : null,
  });

/**
 * An item stored while `new` with the team's reply already in its thread: before a team reply
 * triaged it, so the customer may answer back while it is still new.
 */
const legacy = (): FeedbackItem => ({
  ...item(true),
  replies: [{ id: 'reply-team-0', author: anna, body: 'Which export?', at }],
});

function pathsFor(consent: boolean, input = item(consent)) {
  const model = createTestModel(feedbackMachine, {
    input,
    events: EVENTS as never,
    serializeState: identity as never,
  });
  return model.getShortestPaths() as unknown as Array<{
    state: Snapshot;
    steps: Array<{ event: FeedbackEvent; state: Snapshot }>;
  }>;
}

/** Every guarded candidate of every transition, as `state | event | index`. */
function definedTransitions() {
  const keys: string[] = [];
  for (const [state, node] of Object.entries(feedbackMachine.root.states))
    for (const [event, candidates] of node.transitions)
      candidates.forEach((_, index) => {
        keys.push(`${state} | ${event} | ${index}`);
      });
  return keys;
}

describe('feedback lifecycle model (xstate/graph)', () => {
  const starts = [item(true), item(false), legacy()];
  const all = starts.flatMap((start) =>
    pathsFor(start.consentToContact, start).map((path) => ({ ...path, start })),
  );

  it('reaches every status, and takes every transition, over feedback with and without consent', () => {
    const reached = new Set(all.map((path) => path.state.value));
    expect([...reached].sort()).toEqual([...FEEDBACK_STATUSES].sort());
    const taken = new Set<string>();
    for (const path of all) {
      let previous: Snapshot | undefined;
      for (const { event, state } of path.steps) {
        if (previous) {
          const [transition] = feedbackMachine.getTransitionData(previous as never, event as never);
          if (transition) {
            const candidates = transition.source.transitions.get(event.type) ?? [];
            taken.add(
              `${transition.source.key} | ${event.type} | ${candidates.indexOf(transition as never)}`,
            );
          }
        }
        previous = state;
      }
    }
    expect([...taken].sort()).toEqual(definedTransitions().sort());
  });

  describe('each path, played through applyFeedbackEvent', () => {
    for (const path of all) {
      const events = path.steps.slice(1).map((step) => step.event);
      const consent = path.start.consentToContact;
      const label =
        path.start.replies.length > 0
          ? 'stored new with a reply'
          : consent
            ? 'consent'
            : 'no consent';
      it(`${label}: ${events.map((event) => event.type).join(' → ') || '(start)'} → ${path.state.value}`, () => {
        let current = path.start;
        for (const [step, { event }] of path.steps.slice(1).entries()) {
          const modelBefore = path.steps[step]?.state as Snapshot;
          // Where the model refused the event (a guard failed), the API refuses it too, changing nothing.
          if (!modelBefore.can(event)) {
            const before = current;
            expect(() => applyFeedbackEvent(before, event)).toThrow(LifecycleError);
            continue;
          }
          current = applyFeedbackEvent(current, event);
          // Invariants after every step.
          expect(current.status).toBe(current.history.at(-1)?.to);
          expect(current.history.every((step) => step.at && step.by)).toBe(true);
          if (current.status === 'shipped') expect(current.changeId?.trim()).toBeTruthy();
          if (current.status === 'declined') expect(current.history.at(-1)?.reason).toBeTruthy();
          if (current.status === 'answered')
            expect(current.replies.some((reply) => reply.author.kind === 'team')).toBe(true);
          if (!consent) expect(current.replies).toEqual([]);
          expect(current.replies.every((reply) => reply.author.id !== 'c-2')).toBe(true);
          // Only shipped reads as done; planned never does.
          expect(isDone(current.status)).toBe(current.status === 'shipped');
        }
        expect(current.status).toBe(path.state.value);
      });
    }
  });

  it('refuses, from every status, what the machine does not accept there (with a LifecycleError)', () => {
    for (const status of FEEDBACK_STATUSES)
      for (const event of EVENTS) {
        const from = { ...item(true), status };
        const snapshot = feedbackMachine.resolveState({ value: status, context: from });
        if (snapshot.can(event)) expect(() => applyFeedbackEvent(from, event)).not.toThrow();
        else expect(() => applyFeedbackEvent(from, event)).toThrow(LifecycleError);
      }
  });
});
