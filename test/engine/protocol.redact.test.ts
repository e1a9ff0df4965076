import { createMemoryBackend, type FeedbackResponse, type RedactionContext } from '@palaute/engine';
import { protocolHandler } from './protocol.helpers';

const at = '2026-11-23T10:00:00.000Z';
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/g;

function setup() {
  const backend = createMemoryBackend();
  const seen: RedactionContext[] = [];
  const { post, as } = protocolHandler({
    backend,
    team: backend.team,
    redact: (text, context) => {
      seen.push(context);
      return text.replace(EMAIL, '[email]');
    },
  });
  return { backend, seen, post, as };
}

const response = (id: string): FeedbackResponse => ({
  id,
  surveyId: 'dashboard-nps',
  surveyVersion: 1,
  touchpointId: 'dashboard',
  customerId: 'c-1',
  locale: 'en',
  answers: {
    nps: 4,
    why: 'Mail me at anna@example.com',
    plan: { selected: ['other'], other: 'ask bob@example.org' },
    contact: true,
  },
  startedAt: at,
  submittedAt: at,
});

describe('createProtocolHandler with a redaction hook', () => {
  it('given e-mail addresses in text and "other" answers › stores them masked, with each field named', async () => {
    const { backend, seen, post } = setup();
    expect((await post('/v1/responses', { response: response('response-0001') })).status).toBe(200);
    const [stored] = backend.responses();
    expect(stored?.answers).toEqual({
      nps: 4,
      why: 'Mail me at [email]',
      plan: { selected: ['other'], other: 'ask [email]' },
      contact: true,
    });
    expect(seen).toEqual([
      { field: 'response.answers.why', customerId: 'c-1' },
      { field: 'response.answers.plan.other', customerId: 'c-1' },
    ]);
    expect(JSON.stringify(await backend.team.listFeedback())).not.toContain('@example');
  });

  it('given a batch and a follow-up › masks them before the backend sees them', async () => {
    const { backend, post } = setup();
    const batch = await post('/v1/deliveries', {
      items: [{ kind: 'response', payload: response('response-0002') }],
    });
    expect(batch.status).toBe(200);
    await post('/v1/follow-ups', {
      followUp: {
        responseId: 'response-0002',
        followUpId: 'more',
        questionId: 'more',
        answer: 'or carol@example.net',
        answeredAt: at,
      },
    });
    const {
      items: [item],
    } = await backend.team.listFeedback();
    const text = JSON.stringify({ responses: backend.responses(), item });
    expect(text).not.toMatch(/@example/);
    expect(text).toContain('or [email]');
  });

  it("given the team's reply and the customer's answer › masks both, naming the item's customer", async () => {
    const { backend, seen, post, as } = setup();
    await post('/v1/responses', { response: response('response-0003') });
    as({ kind: 'team', member: { kind: 'team', id: 'anna', name: 'Anna' } });
    const acted = await post('/v1/team/feedback/act', {
      id: 'response-0003',
      action: { type: 'reply.team', reply: { id: 'team-reply-1', body: 'Reach me: anna@corp.fi' } },
    });
    expect(acted.status).toBe(200);
    const item = await backend.team.getFeedback('response-0003');
    expect(item.replies.at(-1)?.body).toBe('Reach me: [email]');
    expect(seen.at(-1)).toEqual({ field: 'action.reply.body', customerId: 'c-1' });
    as({ kind: 'customer', customerId: 'c-1' });
    const replied = await post('/v1/replies', {
      reply: {
        itemId: 'response-0003',
        customerId: 'c-1',
        replyId: 'reply-0001',
        body: 'write to dave@example.com',
        at,
      },
    });
    expect(replied.status).toBe(200);
    const thread = (await backend.team.getFeedback('response-0003')).replies;
    expect(thread.at(-1)?.body).toBe('write to [email]');
    expect(seen.at(-1)).toEqual({ field: 'reply.body', customerId: 'c-1' });
  });

  it('given the launcher’s idea in a batch › masks its title and body, and posts it under the signed name, never the one sent', async () => {
    const { backend, seen, post, as } = setup();
    as({ kind: 'customer', customerId: 'c-1', name: 'Anna Signed' });
    const idea = {
      id: 'idea-response-0009',
      customerId: 'c-1',
      kind: 'idea',
      title: 'Ask carl@example.com about Excel',
      body: 'Or mail dora@example.org',
      source: 'launcher',
      authorName: 'The CEO',
      at,
    };
    const batch = await post('/v1/deliveries', { items: [{ kind: 'idea', payload: idea }] });
    expect(batch.body.results).toEqual([{ key: 'idea:idea-response-0009', outcome: 'stored' }]);
    const [stored] = backend.boardIdeas();
    expect(stored).toMatchObject({
      title: 'Ask [email] about Excel',
      body: 'Or mail [email]',
      authorName: 'Anna Signed',
    });
    expect(seen.slice(-2)).toEqual([
      { field: 'idea.title', customerId: 'c-1' },
      { field: 'idea.body', customerId: 'c-1' },
    ]);
    // Without a signed name: none, whatever the body says.
    as({ kind: 'customer', customerId: 'c-2' });
    await post('/v1/deliveries', {
      items: [{ kind: 'idea', payload: { ...idea, id: 'idea-response-0010', customerId: 'c-2' } }],
    });
    expect(backend.boardIdeas().find((one) => one.id === 'idea-response-0010')?.authorName).toBe(
      undefined,
    );
  });
});
