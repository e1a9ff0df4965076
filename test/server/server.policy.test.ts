import { createHttpBackend, HttpError, type JourneyConfigInput } from '@palaute/engine';
import { cesInvoice, general, invoicingTouchpoints, npsDashboard } from '../fixtures/journey';
import { customer, displayOf, responseOf, testServer } from './server.support';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const DAY = 86_400_000;

/** The invoicing journey: CES asked once, NPS until answered, the launcher's survey unasked. */
const journey = (policy: JourneyConfigInput['policy'] = {}): JourneyConfigInput => ({
  surveys: [cesInvoice, npsDashboard, general],
  touchpoints: [...invoicingTouchpoints],
  asks: [
    {
      surveyId: 'first-invoice-ces',
      triggers: [{ on: 'event', event: 'invoice.sent' }],
      recontact: { mode: 'once' },
    },
    { surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] },
  ],
  policy,
});

function setup(policy?: JourneyConfigInput['policy']) {
  let now = NOW;
  const { post, server } = testServer({ journey: journey(policy), now: () => now });
  return {
    post,
    server,
    advance: (ms: number) => (now += ms),
    at: () => new Date(now).toISOString(),
  };
}

const cesDisplay = (responseId: string, who = 'alice', when = new Date(NOW).toISOString()) =>
  displayOf(responseId, who, 'first-invoice-ces', 'first-invoice', when);
const npsDisplay = (responseId: string, who = 'alice', when = new Date(NOW).toISOString()) =>
  displayOf(responseId, who, 'dashboard-nps', 'dashboard', when);

describe('the contact policy on the server', () => {
  it('given one display in the budget › refuses a second ask with 422 contact_policy.budget', async () => {
    const { post } = setup();
    expect(
      (await post('/v1/displays', customer('alice'), { display: cesDisplay('flow-0001') })).status,
    ).toBe(200);
    const refused = await post('/v1/displays', customer('alice'), {
      display: npsDisplay('flow-0002'),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error?.code).toBe('contact_policy.budget');
    expect(refused.body.error?.message).toMatch(
      /budget.*1 contact in the last 14 days \(limit 1\)/,
    );
    // Another customer has a budget of their own.
    expect(
      (await post('/v1/displays', customer('bob'), { display: npsDisplay('flow-0003', 'bob') }))
        .status,
    ).toBe(200);
  });

  it('given a second ask dated before the first (within the grace) › still refuses it: no slipping under the budget behind a stored contact', async () => {
    const { post } = setup();
    expect(
      (await post('/v1/displays', customer('alice'), { display: cesDisplay('flow-0001') })).status,
    ).toBe(200);
    const backdated = await post('/v1/displays', customer('alice'), {
      display: npsDisplay('flow-0002', 'alice', new Date(NOW - 30 * 60_000).toISOString()),
    });
    expect(backdated.status).toBe(422);
    expect(backdated.body.error?.code).toBe('contact_policy.budget');
  });

  it('given an ask with a response cap › refuses new asks once that many answers are in, whoever gave them; the history counts up to the caps asked for', async () => {
    const capped = journey();
    capped.asks = capped.asks.map((ask) =>
      ask.surveyId === 'dashboard-nps' ? { ...ask, responseCap: 2 } : ask,
    );
    const { post } = testServer({ journey: capped, now: () => NOW });
    for (const [n, who] of ['bob', 'carol', 'dave'].entries()) {
      const id = `flow-000${n + 1}`;
      const shown = await post('/v1/displays', customer(who), { display: npsDisplay(id, who) });
      if (n === 2) {
        expect(shown.status).toBe(422);
        expect(shown.body.error?.code).toBe('contact_policy.responseCap');
        expect(shown.body.error?.message).toMatch(/2 responses received; the cap is 2/);
        continue;
      }
      expect(shown.status).toBe(200);
      const answered = await post('/v1/responses', customer(who), {
        response: responseOf(id, who),
      });
      expect(answered.status).toBe(200);
    }
    // A survey without a cap is not held back by another's.
    const ces = await post('/v1/displays', customer('alice'), { display: cesDisplay('flow-0004') });
    expect(ces.status).toBe(200);
    // What a client reads: only the surveys it asked for, each up to its cap.
    const history = await post('/v1/contacts/query', customer('alice'), {
      query: { customerId: 'alice', responseCaps: { 'dashboard-nps': 1, 'first-invoice-ces': 5 } },
    });
    expect(history.status).toBe(200);
    expect((history.body.history as { responseCounts: unknown }).responseCounts).toEqual({
      'dashboard-nps': 1,
      'first-invoice-ces': 0,
    });
    const bad = await post('/v1/contacts/query', customer('alice'), {
      query: { customerId: 'alice', responseCaps: { 'dashboard-nps': -1 } },
    });
    expect(bad.status).toBe(400);
    expect((bad.body.error as { problems?: unknown }).problems).toEqual([
      { path: 'query.responseCaps["dashboard-nps"]', message: 'must be > 0' },
    ]);
  });

  it('given the same display sent again › answers it as a duplicate, not a new ask', async () => {
    const { post } = setup();
    await post('/v1/displays', customer('alice'), { display: cesDisplay('flow-0001') });
    const again = await post('/v1/displays', customer('alice'), {
      display: cesDisplay('flow-0001'),
    });
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
  });

  it('given an ask that was let through › stores its answer even though the budget is now spent', async () => {
    const { post } = setup();
    await post('/v1/displays', customer('alice'), { display: npsDisplay('flow-0001') });
    const answered = await post('/v1/responses', customer('alice'), {
      response: responseOf('flow-0001', 'alice'),
    });
    expect(answered.status).toBe(200);
  });

  it('given an answer with no display (a modified client) › judges it as its own ask and refuses it', async () => {
    const { post, server } = setup();
    await post('/v1/displays', customer('alice'), { display: cesDisplay('flow-0001') });
    const refused = await post('/v1/responses', customer('alice'), {
      response: responseOf('flow-0002', 'alice'),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error?.code).toBe('contact_policy.budget');
    const team = await server.fetch(new Request('http://localhost/openapi.json'));
    expect(team.status).toBe(200);
  });

  it('given a survey asked once › refuses it again after the budget has room (recontact)', async () => {
    const { post, advance, at } = setup();
    await post('/v1/displays', customer('alice'), { display: cesDisplay('flow-0001') });
    await post('/v1/dismissals', customer('alice'), {
      dismissal: {
        ...cesDisplay('flow-0001'),
        reason: 'dismiss',
        step: 'asking',
        submitted: false,
      },
    });
    advance(15 * DAY);
    const refused = await post('/v1/displays', customer('alice'), {
      display: cesDisplay('flow-0002', 'alice', at()),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error?.code).toBe('contact_policy.recontact');
    expect(
      (
        await post('/v1/displays', customer('alice'), {
          display: npsDisplay('flow-0003', 'alice', at()),
        })
      ).status,
    ).toBe(200);
  });

  it('given a display without an outcome (a reload, a closed tab) › the same survey is let through again at once, budget and recontact aside, until unansweredDisplays is reached', async () => {
    const { post, advance, at } = setup({ unansweredDisplays: 2 });
    expect(
      (await post('/v1/displays', customer('alice'), { display: cesDisplay('flow-0001') })).status,
    ).toBe(200);
    advance(60_000);
    const again = await post('/v1/displays', customer('alice'), {
      display: cesDisplay('flow-0002', 'alice', at()),
    });
    expect(again.status).toBe(200);
    // Another survey still finds the budget spent.
    const other = await post('/v1/displays', customer('alice'), {
      display: npsDisplay('flow-0003', 'alice', at()),
    });
    expect(other.body.error?.code).toBe('contact_policy.budget');
    // Two displays without an outcome: the survey is used up now.
    advance(60_000);
    const third = await post('/v1/displays', customer('alice'), {
      display: cesDisplay('flow-0004', 'alice', at()),
    });
    expect(third.status).toBe(422);
    expect(third.body.error?.code).toBe('contact_policy.recontact');
  });

  it("given the launcher's own survey opened by the customer › its display does not use up the budget; an asked survey claiming the customer's initiative still does", async () => {
    const { post, advance, at } = setup();
    const own = {
      ...displayOf('flow-0001', 'alice', 'general', 'dashboard', at()),
      initiative: 'customer' as const,
    };
    expect((await post('/v1/displays', customer('alice'), { display: own })).status).toBe(200);
    advance(60_000);
    const asked = { ...cesDisplay('flow-0002', 'alice', at()), initiative: 'customer' as const };
    expect((await post('/v1/displays', customer('alice'), { display: asked })).status).toBe(200);
    advance(60_000);
    const next = await post('/v1/displays', customer('alice'), {
      display: npsDisplay('flow-0003', 'alice', at()),
    });
    expect(next.status).toBe(422);
    expect(next.body.error?.code).toBe('contact_policy.budget');
  });

  it('given unansweredDisplays: 0 › every display counts, as before', async () => {
    const { post, advance, at } = setup({ unansweredDisplays: 0 });
    await post('/v1/displays', customer('alice'), { display: cesDisplay('flow-0001') });
    advance(60_000);
    const refused = await post('/v1/displays', customer('alice'), {
      display: cesDisplay('flow-0002', 'alice', at()),
    });
    expect(refused.status).toBe(422);
  });

  it('given an opt-out › always stores it, and refuses every later ask (optOut)', async () => {
    const { post, advance, at } = setup();
    await post('/v1/displays', customer('alice'), { display: npsDisplay('flow-0001') });
    const optOut = await post('/v1/dismissals', customer('alice'), {
      dismissal: { ...npsDisplay('flow-0001'), reason: 'optOut', step: 'asking', submitted: false },
    });
    expect(optOut.status).toBe(200);
    advance(60 * DAY);
    const refused = await post('/v1/displays', customer('alice'), {
      display: cesDisplay('flow-0002', 'alice', at()),
    });
    expect(refused.body.error?.code).toBe('contact_policy.optOut');
  });

  it("given the launcher's survey (no ask) › lets the customer give feedback whatever the budget", async () => {
    const { post } = setup();
    await post('/v1/displays', customer('alice'), { display: cesDisplay('flow-0001') });
    const own = await post('/v1/displays', customer('alice'), {
      display: displayOf('flow-0002', 'alice', 'general', 'dashboard', new Date(NOW).toISOString()),
    });
    expect(own.status).toBe(200);
  });

  it("given feedback filed through the launcher's own form (a kind) › takes it, though the journey declares no such survey", async () => {
    const { post } = setup();
    await post('/v1/displays', customer('alice'), { display: cesDisplay('flow-0001') });
    const launcher = { surveyId: 'launcher', touchpointId: 'launcher' };
    const filed = await post('/v1/responses', customer('alice'), {
      response: responseOf('flow-0002', 'alice', {
        ...launcher,
        kind: 'idea',
        answers: { text: 'Recurring invoices', contact: true },
      }),
    });
    expect(filed.status).toBe(200);
    // Without a kind it is an answer to a survey nobody declared.
    const unknown = await post('/v1/responses', customer('alice'), {
      response: responseOf('flow-0003', 'alice', { ...launcher, answers: { text: 'Hello' } }),
    });
    expect(unknown.body.error?.code).toBe('contact_policy.unknownSurvey');
  });

  it('given a survey the journey does not declare, or a display dated in the future › refuses it', async () => {
    const { post } = setup();
    const unknown = await post('/v1/displays', customer('alice'), {
      display: displayOf('flow-0001', 'alice', 'made-up', 'dashboard', new Date(NOW).toISOString()),
    });
    expect(unknown.body.error?.code).toBe('contact_policy.unknownSurvey');
    const future = await post('/v1/displays', customer('alice'), {
      display: npsDisplay('flow-0002', 'alice', new Date(NOW + DAY).toISOString()),
    });
    expect(future.body.error?.code).toBe('contact_policy.clock');
  });

  it('given a batch › answers each write on its own: the over-budget ask and its answer rejected, the rest stored', async () => {
    const { post } = setup({ budget: { contacts: 1, days: 14 } });
    const batch = await post('/v1/deliveries', customer('alice'), {
      items: [
        { kind: 'display', payload: cesDisplay('flow-0001') },
        {
          kind: 'response',
          payload: {
            ...responseOf('flow-0001', 'alice'),
            surveyId: 'first-invoice-ces',
            touchpointId: 'first-invoice',
          },
        },
        { kind: 'display', payload: npsDisplay('flow-0002') },
        { kind: 'response', payload: responseOf('flow-0002', 'alice') },
        {
          kind: 'dismissal',
          payload: {
            ...npsDisplay('flow-0002'),
            reason: 'dismiss',
            step: 'asking',
            submitted: false,
          },
        },
      ],
    });
    expect(batch.status).toBe(200);
    const results = batch.body.results as {
      key: string;
      outcome: string;
      error?: { code: string };
    }[];
    expect(results.map((result) => [result.key, result.outcome, result.error?.code])).toEqual([
      ['display:flow-0001', 'stored', undefined],
      ['response:flow-0001', 'stored', undefined],
      ['display:flow-0002', 'rejected', 'contact_policy.budget'],
      ['response:flow-0002', 'rejected', 'contact_policy.budget'],
      ['dismissal:flow-0002', 'stored', undefined],
    ]);
  });

  it('given two displays at the same moment › lets exactly one through', async () => {
    const { post } = setup();
    const answers = await Promise.all([
      post('/v1/displays', customer('alice'), { display: cesDisplay('flow-0001') }),
      post('/v1/displays', customer('alice'), { display: npsDisplay('flow-0002') }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422]);
  });

  it("given the engine's HTTP client › a refusal reaches it as final (never retried), with the rule", async () => {
    const { server, post } = setup();
    await post('/v1/displays', customer('alice'), { display: cesDisplay('flow-0001') });
    const backend = createHttpBackend({
      baseUrl: 'http://localhost',
      fetch: async (url, init) =>
        server.fetch(
          new Request(url, { method: init.method, headers: init.headers, body: init.body }),
        ),
      headers: customer('alice'),
    });
    const error = await backend
      .recordDisplay(npsDisplay('flow-0002'))
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 422, code: 'contact_policy.budget', retryable: false });
  });
});
