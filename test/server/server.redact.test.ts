import type { RedactionContext } from '@palaute/engine';
import { anna, customer, responseOf, teamOf, testServer } from './server.support';

const EMAIL = /[^\s@<>"]+@[^\s@<>"]+\.[a-z]{2,}/gi;

describe('the PII redaction hook', () => {
  it('given e-mail addresses in every free text › stores them masked, customer and team texts alike', async () => {
    const seen: RedactionContext[] = [];
    const { post } = testServer({
      redact: async (text, context) => {
        seen.push(context);
        return text.replace(EMAIL, '[email]');
      },
    });
    await post('/v1/responses', customer('alice'), {
      response: responseOf('response-0001', 'alice', {
        answers: {
          nps: 3,
          why: 'Write to alice@example.com',
          plan: { selected: ['other'], other: 'call alice.b@example.org' },
          contact: true,
        },
      }),
    });
    await post('/v1/follow-ups', customer('alice'), {
      followUp: {
        responseId: 'response-0001',
        followUpId: 'more',
        questionId: 'more',
        answer: 'cc boss@example.com',
        answeredAt: '2026-11-23T10:01:00.000Z',
      },
    });
    await post('/v1/team/feedback/act', teamOf(anna), {
      id: 'response-0001',
      action: { type: 'reply.team', reply: { id: 'team-reply-1', body: 'Mail anna@laskutin.fi' } },
    });
    await post('/v1/deliveries', customer('alice'), {
      items: [
        {
          kind: 'reply',
          payload: {
            itemId: 'response-0001',
            customerId: 'alice',
            replyId: 'reply-alice-1',
            body: 'ok, alice@example.com it is',
            at: '2026-11-23T11:00:00.000Z',
          },
        },
      ],
    });
    const exported = await post('/v1/team/customers/export', teamOf(anna), { customerId: 'alice' });
    expect(exported.status).toBe(200);
    expect(exported.text).not.toMatch(EMAIL);
    for (const masked of [
      'Write to [email]',
      'call [email]',
      'cc [email]',
      'Mail [email]',
      'ok, [email] it is',
    ])
      expect(exported.text).toContain(masked);
    expect(seen.map((context) => context.field).sort()).toEqual([
      'action.reply.body',
      'followUp.answer',
      'reply.body',
      'response.answers.plan.other',
      'response.answers.why',
    ]);
    expect(new Set(seen.map((context) => context.customerId))).toEqual(new Set(['alice']));
  });
});
