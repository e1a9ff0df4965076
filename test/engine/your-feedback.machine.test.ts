import {
  type CustomerFeedback,
  connectYourFeedback,
  createYourFeedback,
  type YourFeedbackActor,
  type YourFeedbackEmitted,
  yourFeedbackItemStateOf,
  yourFeedbackMachine,
} from '@palaute/engine';
import { createActor, fromPromise } from 'xstate';
import { anna, answer, createLoop, customerReplies } from '../fixtures/feedback';

const apiOf = (actor: YourFeedbackActor) => connectYourFeedback(actor.getSnapshot(), actor.send);
function until(actor: YourFeedbackActor, ready: (api: ReturnType<typeof apiOf>) => boolean) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('It did not get there.')), 2000);
    const check = () => {
      if (!ready(apiOf(actor))) return;
      clearTimeout(timer);
      subscription.unsubscribe();
      resolve();
    };
    const subscription = actor.subscribe(check);
    check();
  });
}

describe('yourFeedbackMachine', () => {
  it('given the team replies › the reply is news once: announced on the reload, counted unseen, and its thread opens until read', async () => {
    const { backend, clock } = createLoop();
    await answer(backend, clock, {
      id: 'fb-mine-0001',
      customerId: 'c-1',
      nps: 4,
      why: 'Slow',
      contact: true,
    });
    const mine = createYourFeedback({
      backend,
      input: { customerId: 'c-1', refreshMs: 0 },
    }).start();
    const heard: YourFeedbackEmitted[] = [];
    mine.on('reply.arrived', (event) => heard.push(event));
    await until(mine, (api) => api.state === 'ready');
    expect(apiOf(mine).items[0]).toMatchObject({
      unread: 0,
      expanded: false,
      canReply: false,
      contact: 'waiting',
    });
    await backend.team.act(
      'fb-mine-0001',
      { type: 'reply.team', reply: { id: 'team-reply-01', body: 'Which page?' } },
      anna,
    );
    apiOf(mine).refresh();
    await until(mine, (api) => api.unseenReplies === 1);
    expect(heard).toEqual([{ type: 'reply.arrived', name: anna.name, count: 1 }]);
    expect(apiOf(mine).items[0]).toMatchObject({ unread: 1, expanded: true, canReply: true });
    apiOf(mine).read(['team-reply-01']);
    expect(apiOf(mine).unseenReplies).toBe(0);
    // Read, it stays open as the customer has it; closing is theirs.
    expect(apiOf(mine).items[0]?.expanded).toBe(true);
    apiOf(mine).toggle('fb-mine-0001');
    expect(apiOf(mine).items[0]?.expanded).toBe(false);
    await customerReplies(
      backend,
      clock,
      'fb-mine-0001',
      'c-1',
      'cust-reply-01',
      'The invoices page.',
    );
    apiOf(mine).refresh();
    await until(mine, (api) => api.items[0]?.feedback.replies.length === 2);
    expect(heard).toHaveLength(1);
    mine.stop();
  });

  it('given a reload that fails › keeps the list shown; only a first load fails', async () => {
    let fail = false;
    const list: CustomerFeedback[] = [];
    const logic = yourFeedbackMachine.provide({
      actors: {
        listMyFeedback: fromPromise(() =>
          fail ? Promise.reject(new Error('down')) : Promise.resolve(list),
        ),
      },
    });
    const mine = createActor(logic, { input: { customerId: 'c-1', refreshMs: 0 } }).start();
    await until(mine, (api) => api.state === 'empty');
    fail = true;
    apiOf(mine).refresh();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(apiOf(mine).state).toBe('empty');
    const first = createActor(logic, { input: { customerId: 'c-1', refreshMs: 0 } }).start();
    await until(first, (api) => api.state === 'error');
    mine.stop();
    first.stop();
  });

  it('given a declined item without consent asked › says why it was declined and that nobody asked', () => {
    const state = yourFeedbackItemStateOf({
      id: 'fb-0001',
      surveyId: 'nps',
      touchpointId: 'dashboard',
      answers: { nps: 2 },
      consentToContact: false,
      status: 'declined',
      history: [
        { to: 'new', at: '2026-11-20T10:00:00.000Z' },
        { to: 'declined', at: '2026-11-21T10:00:00.000Z', reason: 'Not this year' },
      ],
      replies: [],
      createdAt: '2026-11-20T10:00:00.000Z',
    });
    expect(state).toMatchObject({
      declineReason: 'Not this year',
      contact: 'notAsked',
      unread: 0,
      impactState: undefined,
    });
  });
});
