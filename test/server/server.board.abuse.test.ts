import { createMemoryBackend, defineBoard } from '@palaute/engine';
import { signCustomerName } from '../../packages/server/src/index';
import { anna, customer, publishableKey, secret, teamOf, testServer } from './server.support';

// The board against abuse and impersonation: limits per kind of write, inert scripts, redaction of
// every text, and a customer who can never act or read as another; names come from the host only.

const at = '2026-11-23T10:00:00.000Z';
const idea = (id: string, customerId: string, title: string, body = '') => ({
  idea: { id, customerId, kind: 'idea', title, body, at },
});
const vote = (id: string, customerId: string, ideaId: string, voted = true) => ({
  id,
  customerId,
  ideaId,
  voted,
  source: 'board',
  at,
});
const comment = (id: string, customerId: string, ideaId: string, body: string) => ({
  comment: { id, customerId, ideaId, body, at },
});

/** A server whose board moderates first, on the memory backend. */
function moderatedServer(options: Parameters<typeof testServer>[0] = {}) {
  const memory = createMemoryBackend({
    board: defineBoard({ id: 'ideas', moderation: 'approve' }),
  });
  return testServer({ backend: memory, team: memory.team, customerData: memory, ...options });
}

describe('the board against abuse', () => {
  it('limits ideas, comments and votes per customer and kind, 429 with Retry-After; votes in a batch count', async () => {
    const { post } = testServer({
      rateLimits: {
        customer: false,
        ip: false,
        board: {
          ideas: { burst: 2, perSecond: 0.001 },
          comments: { burst: 1, perSecond: 0.01 },
          votes: { burst: 3, perSecond: 0.5 },
        },
      },
    });
    const ideas = [];
    for (let i = 0; i < 3; i++)
      ideas.push(
        await post(
          '/v1/board/ideas',
          customer('mallory'),
          idea(`idea-lim-${i}0`, 'mallory', 'Spam me'),
        ),
      );
    expect(ideas.map((answer) => answer.status)).toEqual([200, 200, 429]);
    expect(ideas[2]?.body.error?.code).toBe('rate_limited');
    expect(Number(ideas[2]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1000);
    // Another kind and another customer each have their own bucket.
    expect(
      (await post('/v1/board/ideas', customer('trent'), idea('idea-lim-trent', 'trent', 'Mine')))
        .status,
    ).toBe(200);
    const comments = [
      await post(
        '/v1/board/comments',
        customer('mallory'),
        comment('c-lim-0001', 'mallory', 'idea-lim-00', 'One'),
      ),
      await post(
        '/v1/board/comments',
        customer('mallory'),
        comment('c-lim-0002', 'mallory', 'idea-lim-00', 'Two'),
      ),
    ];
    expect(comments.map((answer) => answer.status)).toEqual([200, 429]);
    expect(Number(comments[1]?.headers.get('retry-after'))).toBe(100);
    // Votes: one direct, then a batch of three votes needs three tokens and only two are left.
    expect(
      (
        await post('/v1/board/votes', customer('mallory'), {
          vote: vote('v-lim-0001', 'mallory', 'idea-lim-trent'),
        })
      ).status,
    ).toBe(200);
    const batch = await post('/v1/deliveries', customer('mallory'), {
      items: [
        { kind: 'vote', payload: vote('v-lim-0002', 'mallory', 'idea-lim-trent', false) },
        { kind: 'vote', payload: vote('v-lim-0003', 'mallory', 'idea-lim-trent') },
        { kind: 'vote', payload: vote('v-lim-0004', 'mallory', 'idea-lim-trent', false) },
      ],
    });
    expect(batch.status).toBe(429);
    expect(Number(batch.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Nothing of the refused batch was written: the outbox sends it again after Retry-After.
    const seen = await post('/v1/board/ideas/get', customer('mallory'), {
      customerId: 'mallory',
      ideaId: 'idea-lim-trent',
    });
    expect(seen.body).toMatchObject({ detail: { idea: { votes: 2, voted: true } } });
    // The team is not limited by the customers' buckets.
    const onBehalf = await post('/v1/team/board/votes', teamOf(anna), {
      vote: { customerId: 'carol', ideaId: 'idea-lim-trent' },
    });
    expect(onBehalf.status).toBe(200);
  });

  it('refuses texts over their length, naming the path', async () => {
    const { post } = testServer();
    const long = await post(
      '/v1/board/ideas',
      customer('bob'),
      idea('idea-long-01', 'bob', 'Fine title', 'x'.repeat(5001)),
    );
    expect(long.status).toBe(400);
    expect(long.body.error?.message).toContain('idea.body');
    await post('/v1/board/ideas', customer('bob'), idea('idea-long-02', 'bob', 'Fine title'));
    const chatty = await post(
      '/v1/board/comments',
      customer('bob'),
      comment('c-long-0001', 'bob', 'idea-long-02', 'y'.repeat(3001)),
    );
    expect(chatty.status).toBe(400);
    expect(chatty.body.error?.message).toContain('comment.body');
  });

  it('refuses a category the board lacks or of the wrong type, naming categoryId, and changes nothing', async () => {
    const { post } = moderatedServer();
    await post('/v1/board/ideas', customer('bob'), idea('idea-cat-0001', 'bob', 'Fine title'));
    const team = teamOf(anna);
    const unknown = await post('/v1/team/board/moderate', team, {
      ideaId: 'idea-cat-0001',
      action: { type: 'setCategory', categoryId: 'payroll' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.message).toContain('categoryId');
    const wrong = await post('/v1/team/board/moderate', team, {
      ideaId: 'idea-cat-0001',
      action: { type: 'setCategory', categoryId: 42 },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.message).toContain('categoryId');
    const detail = await post('/v1/team/board/ideas/get', team, { ideaId: 'idea-cat-0001' });
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('Fine title');
    expect(detail.text).not.toContain('categoryId');
  });

  it('stores script payloads inert: the very text back, as JSON that never runs', async () => {
    const { post } = testServer();
    const script = '<script>alert(document.cookie)</script><img src=x onerror=alert(1)>';
    const made = await post(
      '/v1/board/ideas',
      customer('eve'),
      idea('idea-xss-001', 'eve', `Hi ${script}`, script),
    );
    expect(made.status).toBe(200);
    const read = await post('/v1/board/ideas/get', customer('bob'), {
      customerId: 'bob',
      ideaId: 'idea-xss-001',
    });
    expect(read.body).toMatchObject({ detail: { idea: { title: `Hi ${script}`, body: script } } });
    expect(read.headers.get('content-type')).toMatch(/^application\/json/);
    expect(read.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(read.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('passes every board text through the redaction hook', async () => {
    const fields: string[] = [];
    const { post } = testServer({
      redact: (text, context) => {
        fields.push(context.field);
        return text.replaceAll('555-0100', '[phone]');
      },
    });
    await post(
      '/v1/board/ideas',
      customer('dora'),
      idea('idea-pii-001', 'dora', 'Call 555-0100', 'Or 555-0100 at night'),
    );
    await post(
      '/v1/board/comments',
      customer('dora'),
      comment('c-pii-0001', 'dora', 'idea-pii-001', 'Me: 555-0100'),
    );
    const team = teamOf(anna);
    await post('/v1/team/board/comments', team, {
      comment: {
        id: 'c-pii-team1',
        ideaId: 'idea-pii-001',
        body: 'We call 555-0100',
        official: true,
      },
    });
    await post('/v1/team/board/moderate', team, {
      ideaId: 'idea-pii-001',
      action: { type: 'editTitle', title: 'Phone 555-0100' },
    });
    await post('/v1/team/board/status', team, {
      ideaId: 'idea-pii-001',
      move: { status: 'declined', reason: 'Ask 555-0100' },
    });
    await post('/v1/team/board/changelog', team, {
      entry: { id: 'pii-entry', title: 'Fix 555-0100', body: 'See 555-0100', ideaIds: [] },
    });
    expect(fields.sort()).toEqual([
      'action.title',
      'comment.body',
      'comment.body',
      'entry.body',
      'entry.title',
      'idea.body',
      'idea.title',
      'move.reason',
    ]);
    const stored = await post('/v1/team/board/ideas/get', team, { ideaId: 'idea-pii-001' });
    expect(stored.text).not.toContain('555-0100');
    const changelog = await post('/v1/team/board/changelog/query', team, {});
    expect(changelog.text).not.toContain('555-0100');
  });

  it('a customer never votes, posts or edits as another, nor rewrites another’s idea or comment', async () => {
    const { post } = testServer();
    await post('/v1/board/ideas', customer('alice'), idea('idea-own-001', 'alice', 'Alice’s idea'));
    await post(
      '/v1/board/comments',
      customer('alice'),
      comment('c-own-00001', 'alice', 'idea-own-001', 'Alice says'),
    );
    // Naming another customer anywhere is refused.
    const asAlice = [
      await post('/v1/board/votes', customer('bob'), {
        vote: vote('v-own-0001', 'alice', 'idea-own-001', false),
      }),
      await post('/v1/deliveries', customer('bob'), {
        items: [{ kind: 'vote', payload: vote('v-own-0002', 'alice', 'idea-own-001', false) }],
      }),
      await post(
        '/v1/board/comments',
        customer('bob'),
        comment('c-own-00002', 'alice', 'idea-own-001', 'Fake'),
      ),
      await post('/v1/board/ideas', customer('bob'), idea('idea-own-002', 'alice', 'Fake')),
    ];
    expect(asAlice.map((answer) => answer.status)).toEqual([403, 403, 403, 403]);
    // Reusing her ids as himself rewrites nothing.
    const sameIdea = await post(
      '/v1/board/ideas',
      customer('bob'),
      idea('idea-own-001', 'bob', 'Bob took it over'),
    );
    expect(sameIdea.status).toBe(404);
    const sameComment = await post(
      '/v1/board/comments',
      customer('bob'),
      comment('c-own-00001', 'bob', 'idea-own-001', 'Bob took it over'),
    );
    expect(sameComment.status).toBe(400);
    expect(sameComment.body.error?.message).toContain('id');
    const detail = await post('/v1/board/ideas/get', customer('carol'), {
      customerId: 'carol',
      ideaId: 'idea-own-001',
    });
    expect(detail.body).toMatchObject({
      detail: {
        idea: { title: 'Alice’s idea', votes: 1 },
        comments: [{ body: 'Alice says', author: { kind: 'customer', mine: false } }],
      },
    });
    expect(detail.text).not.toContain('Bob took it over');
    expect(detail.text).not.toContain('"alice"');
  });

  it('never shows a customer another’s pending or hidden ideas, on any route', async () => {
    const { post } = moderatedServer();
    await post(
      '/v1/board/ideas',
      customer('alice'),
      idea('idea-wait-01', 'alice', 'Pending dark mode'),
    );
    await post(
      '/v1/board/ideas',
      customer('alice'),
      idea('idea-hide-01', 'alice', 'Hidden dark mode'),
    );
    const team = teamOf(anna);
    await post('/v1/team/board/moderate', team, {
      ideaId: 'idea-hide-01',
      action: { type: 'approve' },
    });
    await post('/v1/team/board/status', team, {
      ideaId: 'idea-hide-01',
      move: { status: 'planned' },
    });
    await post('/v1/team/board/moderate', team, {
      ideaId: 'idea-hide-01',
      action: { type: 'hide' },
    });
    const bob = customer('bob');
    const reads = [
      await post('/v1/board/ideas/query', bob, { customerId: 'bob', query: { search: 'dark' } }),
      await post('/v1/board/ideas/similar', bob, {
        query: { customerId: 'bob', text: 'dark mode' },
      }),
      await post('/v1/board/roadmap', bob, { customerId: 'bob' }),
      await post('/v1/board/changelog', bob, { customerId: 'bob' }),
    ];
    for (const read of reads) {
      expect(read.status).toBe(200);
      expect(read.text).not.toContain('dark mode');
    }
    for (const ideaId of ['idea-wait-01', 'idea-hide-01']) {
      const got = await post('/v1/board/ideas/get', bob, { customerId: 'bob', ideaId });
      const voted = await post('/v1/board/votes', bob, {
        vote: vote(`v-${ideaId}`, 'bob', ideaId),
      });
      const said = await post(
        '/v1/board/comments',
        bob,
        comment(`c-${ideaId}`, 'bob', ideaId, 'Hm'),
      );
      expect([got.status, voted.status, said.status]).toEqual([404, 404, 404]);
    }
    // Their author sees the pending one (marked so), never the hidden one.
    const own = await post('/v1/board/ideas/query', customer('alice'), {
      customerId: 'alice',
      query: { search: 'dark' },
    });
    expect(own.body.ideas).toEqual([
      expect.objectContaining({ id: 'idea-wait-01', pending: true }),
    ]);
  });
});

describe('the board’s identity', () => {
  it('shows the name the host signed, never one the customer typed; a bad signature is refused', async () => {
    const { post } = testServer();
    const named = {
      ...customer('anna-k'),
      'x-palaute-customer-name': signCustomerName(secret, 'anna-k', 'Anna Korhonen'),
    };
    const made = await post('/v1/board/ideas', named, {
      idea: { ...idea('idea-name-01', 'anna-k', 'Dark mode').idea, authorName: 'The CEO' },
    });
    expect(made.body.idea).toMatchObject({ authorName: 'Anna Korhonen' });
    await post('/v1/board/comments', named, {
      comment: {
        ...comment('c-name-0001', 'anna-k', 'idea-name-01', 'Please').comment,
        author: { name: 'Admin' },
      },
    });
    const detail = await post('/v1/board/ideas/get', customer('ben'), {
      customerId: 'ben',
      ideaId: 'idea-name-01',
    });
    expect(detail.body).toMatchObject({
      detail: {
        idea: { authorName: 'Anna Korhonen' },
        comments: [{ author: { kind: 'customer', name: 'Anna Korhonen', mine: false } }],
      },
    });
    expect(detail.text).not.toMatch(/The CEO|Admin/);
    // Signed for another customer, or tampered with: 401.
    const stolen = await post(
      '/v1/board/ideas',
      {
        ...customer('mallory'),
        'x-palaute-customer-name': signCustomerName(secret, 'anna-k', 'Anna Korhonen'),
      },
      idea('idea-name-02', 'mallory', 'As Anna'),
    );
    expect(stolen.status).toBe(401);
    const tampered = await post(
      '/v1/board/ideas',
      {
        ...customer('mallory'),
        'x-palaute-customer-name': signCustomerName(secret, 'mallory', 'Mallory').replace(
          'Mallory',
          'Anna',
        ),
      },
      idea('idea-name-03', 'mallory', 'As Anna'),
    );
    expect(tampered.status).toBe(401);
    // Without a name, the post shows none.
    const plain = await post(
      '/v1/board/ideas',
      customer('nameless'),
      idea('idea-name-04', 'nameless', 'Quiet'),
    );
    expect(plain.body.idea).not.toHaveProperty('authorName');
  });

  it('signs names in any script, and looks a name up when the host passes none', async () => {
    const names = new Map([['ville', 'Ville Äijälä']]);
    const { post } = testServer({ customerName: (id) => names.get(id) });
    const looked = await post(
      '/v1/board/ideas',
      customer('ville'),
      idea('idea-look-01', 'ville', 'Sauna mode'),
    );
    expect(looked.body.idea).toMatchObject({ authorName: 'Ville Äijälä' });
    const signed = await post(
      '/v1/board/ideas',
      {
        ...customer('ville'),
        'x-palaute-customer-name': signCustomerName(secret, 'ville', 'محمد'),
      },
      idea('idea-look-02', 'ville', 'RTL mode'),
    );
    expect(signed.body.idea).toMatchObject({ authorName: 'محمد' });
  });

  it('keeps the board private to signed-in customers by default; readable by visitors the host lets in', async () => {
    const visitor = { 'x-palaute-key': publishableKey, 'content-type': 'application/json' };
    const closed = testServer();
    await closed.post(
      '/v1/board/ideas',
      customer('alice'),
      idea('idea-pub-001', 'alice', 'Public idea'),
    );
    expect(
      (await closed.post('/v1/board/ideas/query', visitor, { customerId: 'x', query: {} })).status,
    ).toBe(401);

    const { post } = moderatedServer({ board: { readers: 'anyone' } });
    await post('/v1/board/ideas', customer('alice'), idea('idea-pub-001', 'alice', 'Public idea'));
    await post('/v1/team/board/moderate', teamOf(anna), {
      ideaId: 'idea-pub-001',
      action: { type: 'approve' },
    });
    await post('/v1/board/ideas', customer('alice'), idea('idea-pub-002', 'alice', 'Pending idea'));
    // A visitor reads as nobody, whoever the body names: never alice's pending idea.
    const listed = await post('/v1/board/ideas/query', visitor, { customerId: 'alice', query: {} });
    expect(listed.status).toBe(200);
    expect(listed.body.ideas).toEqual([
      expect.objectContaining({ id: 'idea-pub-001', mine: false, voted: false }),
    ]);
    const similar = await post('/v1/board/ideas/similar', visitor, {
      query: { customerId: 'alice', text: 'idea' },
    });
    expect((similar.body.ideas as { idea: { id: string } }[]).map((s) => s.idea.id)).toEqual([
      'idea-pub-001',
    ]);
    for (const path of ['/v1/board/roadmap', '/v1/board/changelog', '/v1/board/get'])
      expect((await post(path, visitor, { customerId: 'anonymous' })).status).toBe(200);
    expect(
      (await post('/v1/board/ideas/get', visitor, { customerId: 'x', ideaId: 'idea-pub-002' }))
        .status,
    ).toBe(404);
    // A visitor posts nothing, and needs the publishable key to read.
    const writes = [
      await post('/v1/board/votes', visitor, {
        vote: vote('v-pub-00001', 'anonymous', 'idea-pub-001'),
      }),
      await post('/v1/board/ideas', visitor, idea('idea-pub-003', 'anonymous', 'Sneaky')),
      await post(
        '/v1/board/comments',
        visitor,
        comment('c-pub-00001', 'anonymous', 'idea-pub-001', 'Hi'),
      ),
    ];
    expect(writes.map((answer) => answer.status)).toEqual([401, 401, 401]);
    const keyless = await post(
      '/v1/board/ideas/query',
      { 'content-type': 'application/json' },
      { customerId: 'x', query: {} },
    );
    expect(keyless.status).toBe(401);
    // The id deleted customers' posts are left under posts nothing, even signed.
    const reserved = await post(
      '/v1/board/ideas',
      customer('anonymous'),
      idea('idea-pub-004', 'anonymous', 'Reserved'),
    );
    expect(reserved.status).toBe(403);
  });
});
