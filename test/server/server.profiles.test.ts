import type { CustomerProfile, FeedbackItem } from '@palaute/engine';
import {
  anna,
  at,
  customer,
  responseOf,
  type ServerStorageKind,
  serverStorages,
  teamOf,
  testServer,
} from './server.support';
import { handClock, unique } from './storage.fixtures';

// The host names its customers for the team (`customerProfile`): every item the team routes answer
// carries its customer's name and company, asked once per customer per request, never stored and
// never on a customer's route. The same suite on every storage.

describe.each(serverStorages)('who said it (customerProfile): $name', ({ open, run }) => {
  const clock = handClock();
  let storage: ServerStorageKind;
  let post: ReturnType<typeof testServer>['post'];
  const ids = unique('profile');
  const a = ids.id('anna');
  const b = ids.id('ben');
  const unknown = ids.id('nobody');
  const failing = ids.id('broken');
  const calls: string[] = [];
  const profiles = new Map<string, CustomerProfile>([
    [a, { name: 'Anna Korhonen', company: 'Korhonen Studio' }],
    [b, { name: 'Ben Ito' }],
  ]);
  beforeAll(async () => {
    if (!run) return;
    storage = await open(clock.now);
    ({ post } = testServer({
      ...storage.options,
      now: () => clock.now().getTime(),
      customerProfile: async (customerId) => {
        calls.push(customerId);
        if (customerId === failing) throw new Error('directory down');
        // Malformed for another: an empty name is no name.
        if (customerId === unknown) return { name: '' };
        return profiles.get(customerId);
      },
    }));
    for (const [customerId, n] of [
      [a, 1],
      [a, 2],
      [b, 3],
      [unknown, 4],
      [failing, 5],
    ] as const) {
      const answered = await post('/v1/responses', customer(customerId), {
        response: responseOf(ids.response(n), customerId, { startedAt: at, submittedAt: at }),
      });
      expect(answered.status).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await storage?.close();
  });
  const it = run ? test : test.skip;
  const mine = (items: FeedbackItem[]) =>
    items.filter((item) => [a, b, unknown, failing].includes(item.customerId));

  it('given a page of the inbox › each item has its customer’s profile, each customer asked once, none for the unknown or a failing lookup', async () => {
    calls.length = 0;
    const page = await post('/v1/team/feedback/query', teamOf(anna), {
      query: { limit: 500 },
    });
    expect(page.status).toBe(200);
    const items = mine(page.body.items as FeedbackItem[]);
    expect(items).toHaveLength(5);
    const byCustomer = (id: string) => items.filter((item) => item.customerId === id);
    for (const item of byCustomer(a))
      expect(item.profile).toEqual({ name: 'Anna Korhonen', company: 'Korhonen Studio' });
    expect(byCustomer(b)[0]?.profile).toEqual({ name: 'Ben Ito' });
    expect(byCustomer(unknown)[0]).not.toHaveProperty('profile');
    expect(byCustomer(failing)[0]).not.toHaveProperty('profile');
    // Cached per request: Anna's two items, one lookup.
    expect(calls.filter((id) => id === a)).toEqual([a]);
  });

  it('given one item read or acted on › it carries the profile too', async () => {
    const got = await post('/v1/team/feedback/get', teamOf(anna), { id: ids.response(3) });
    expect((got.body.item as FeedbackItem).profile).toEqual({ name: 'Ben Ito' });
    const acted = await post('/v1/team/feedback/act', teamOf(anna), {
      id: ids.response(1),
      action: { type: 'feedback.triage' },
    });
    expect(acted.status).toBe(200);
    expect((acted.body.item as FeedbackItem).profile).toEqual({
      name: 'Anna Korhonen',
      company: 'Korhonen Studio',
    });
    const many = await post('/v1/team/feedback/act-many', teamOf(anna), {
      ids: [ids.response(2), ids.response(3)],
      action: { type: 'feedback.triage' },
    });
    expect(many.status).toBe(200);
    expect(
      (many.body.results as { item?: FeedbackItem }[]).map((verdict) => verdict.item?.profile),
    ).toEqual([{ name: 'Anna Korhonen', company: 'Korhonen Studio' }, { name: 'Ben Ito' }]);
  });

  it('given the customers’ own routes and the stored data › no profile, theirs or another’s, ever', async () => {
    for (const customerId of [a, b]) {
      const listed = await post('/v1/feedback/query', customer(customerId), {
        query: { customerId },
      });
      expect(listed.status).toBe(200);
      expect(listed.text).not.toMatch(/Korhonen|Ben Ito|"profile"/);
    }
    // Never stored: the customer's data export has none of it.
    const exported = await post('/v1/team/customers/export', teamOf(anna), { customerId: a });
    expect(exported.status).toBe(200);
    expect(exported.text).not.toMatch(/Korhonen Studio|"profile"/);
  });
});
