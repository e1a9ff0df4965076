import { createHttpTeamBackend, createMemoryBackend, INBOX_CSV_COLUMNS } from '@palaute/engine';
import { anna, customer, responseOf, teamOf, testServer } from './server.support';

/** A server on the memory backend with three items from two customers. */
async function seeded() {
  const memory = createMemoryBackend({ now: () => new Date('2026-11-24T10:00:00.000Z') });
  const { server, post } = testServer({
    backend: memory,
    team: memory.team,
    customerData: memory,
  });
  const texts = [
    ['response-0001', 'c-1', '=HYPERLINK("http://evil.example","Click")'],
    ['response-0002', 'c-1', 'Exports are slow, "really" slow\nevery Monday'],
    ['response-0003', 'c-2', '@SUM(A1) and -2+3 exports'],
  ] as const;
  for (const [id, customerId, why] of texts) {
    const answer = await post('/v1/responses', customer(customerId), {
      response: responseOf(id, customerId, { answers: { nps: 4, why, contact: true } }),
    });
    expect(answer.status).toBe(200);
  }
  const get = (path: string, headers: Record<string, string>) =>
    server.fetch(new Request(`http://localhost${path}`, { headers }));
  return { server, post, get };
}

/** Reads CSV as RFC 4180 does: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += char;
  }
  return rows;
}

describe('team tools over HTTP', () => {
  it('given act-many › one verdict per id in order; a bad request is a 400 naming the path; a customer is refused', async () => {
    const { post } = await seeded();
    await post('/v1/team/feedback/act', teamOf(anna), {
      id: 'response-0003',
      action: { type: 'feedback.decline', reason: 'Not this year' },
    });
    const answer = await post('/v1/team/feedback/act-many', teamOf(anna), {
      ids: ['response-0001', 'response-0003', 'response-9999'],
      action: { type: 'feedback.start' },
    });
    expect(answer.status).toBe(200);
    const results = answer.body.results as {
      id: string;
      outcome: string;
      item?: { status: string; history: { by: { id: string } }[] };
      error?: { code: string };
    }[];
    expect(results.map((result) => [result.id, result.outcome, result.error?.code])).toEqual([
      ['response-0001', 'done', undefined],
      ['response-0003', 'refused', 'lifecycle.notFromStatus'],
      ['response-9999', 'refused', 'not_found'],
    ]);
    // The acting member is the credential's.
    expect(results[0]?.item?.history.at(-1)?.by.id).toBe('anna');
    const bad = await post('/v1/team/feedback/act-many', teamOf(anna), {
      ids: ['response-0001', 'response-0001'],
      action: { type: 'feedback.decline' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/ids: must name each item once/);
    expect(bad.body.error?.message).toMatch(/action\.reason/);
    const many = await post('/v1/team/feedback/act-many', teamOf(anna), {
      ids: Array.from({ length: 501 }, (_, index) => `response-${index}`),
      action: { type: 'feedback.triage' },
    });
    expect([many.status, many.body.error?.message]).toEqual([400, expect.stringMatching(/ids/)]);
    const asCustomer = await post('/v1/team/feedback/act-many', customer('c-1'), {
      ids: ['response-0001'],
      action: { type: 'feedback.triage' },
    });
    expect(asCustomer.status).toBe(403);
  });

  it('given tags and an assignee through act, and the filters through the inbox › each works; a bad one is a 400 naming the path', async () => {
    const { post } = await seeded();
    const act = (id: string, action: object) =>
      post('/v1/team/feedback/act', teamOf(anna), { id, action });
    expect((await act('response-0002', { type: 'tags.add', tags: ['exports', 'q3'] })).status).toBe(
      200,
    );
    expect((await act('response-0002', { type: 'assignee.set', assignee: 'ben' })).status).toBe(
      200,
    );
    const list = async (query: object) => {
      const answer = await post('/v1/team/feedback/query', teamOf(anna), { query });
      expect(answer.status).toBe(200);
      return (answer.body.items as { id: string }[]).map((item) => item.id);
    };
    expect(await list({ tags: ['q3'] })).toEqual(['response-0002']);
    expect(await list({ assignee: 'ben' })).toEqual(['response-0002']);
    expect(await list({ assignee: null })).toEqual(['response-0001', 'response-0003']);
    expect(await list({ text: 'exports', sort: 'oldest' })).toEqual([
      'response-0002',
      'response-0003',
    ]);
    const badTag = await act('response-0002', { type: 'tags.add', tags: ['ok', 'line\nbreak'] });
    expect([badTag.status, badTag.body.error?.message]).toEqual([
      400,
      expect.stringMatching(/action\.tags\[1\]/),
    ]);
    const badQuery = await post('/v1/team/feedback/query', teamOf(anna), {
      query: { text: '!!!', assignee: '' },
    });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error?.message).toMatch(/query\.text/);
    expect(badQuery.body.error?.message).toMatch(/query\.assignee/);
  });

  it('given the kind filter › feedback lists the stored items, ideas and bugs none of them; a bad kind is a 400 naming the path', async () => {
    const { post, get } = await seeded();
    const list = async (query: object) => {
      const answer = await post('/v1/team/feedback/query', teamOf(anna), { query });
      expect(answer.status).toBe(200);
      return (answer.body.items as { id: string }[]).map((item) => item.id);
    };
    expect(await list({ kind: 'feedback', sort: 'oldest' })).toEqual([
      'response-0001',
      'response-0002',
      'response-0003',
    ]);
    expect(await list({ kind: 'idea' })).toEqual([]);
    expect(await list({ kind: 'bug' })).toEqual([]);
    const bad = await post('/v1/team/feedback/query', teamOf(anna), { query: { kind: 'praise' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/query\.kind/);
    const csv = await get('/v1/team/inbox.csv?kind=bug', teamOf(anna));
    expect(parseCsv(await csv.text()).map((row) => row[0])).toEqual(['id']);
    const badCsv = await get('/v1/team/inbox.csv?kind=praise', teamOf(anna));
    expect(badCsv.status).toBe(400);
    const problems = ((await badCsv.json()) as { error: { problems: { path: string }[] } }).error
      .problems;
    expect(problems.map((problem) => problem.path)).toEqual(['kind']);
  });

  it("given the launcher's kinds › the query, the CSV route (feedbackKind, none) and the client filter by them; a bad one is a 400 naming the path", async () => {
    const { post, get } = await seeded();
    const filed = await post('/v1/responses', customer('c-3'), {
      response: {
        ...responseOf('response-0004', 'c-3', {
          answers: { nps: 9, why: 'Lovely', contact: true },
        }),
        kind: 'praise',
      },
    });
    expect(filed.status).toBe(200);
    const list = async (query: object) => {
      const answer = await post('/v1/team/feedback/query', teamOf(anna), { query });
      expect(answer.status).toBe(200);
      return (answer.body.items as { id: string; kind?: string }[]).map((item) => item.id);
    };
    expect(await list({ feedbackKind: 'praise' })).toEqual(['response-0004']);
    expect(await list({ feedbackKind: 'idea' })).toEqual([]);
    expect((await list({ feedbackKind: null, sort: 'oldest' })).length).toBe(3);
    const bad = await post('/v1/team/feedback/query', teamOf(anna), {
      query: { feedbackKind: 'bug' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/query\.feedbackKind/);
    const csv = parseCsv(
      await (await get('/v1/team/inbox.csv?feedbackKind=praise', teamOf(anna))).text(),
    );
    expect(csv.map((row) => row[0])).toEqual(['id', 'response-0004']);
    expect(csv[1]?.[INBOX_CSV_COLUMNS.indexOf('kind')]).toBe('praise');
    const none = parseCsv(
      await (await get('/v1/team/inbox.csv?feedbackKind=none', teamOf(anna))).text(),
    );
    expect(none).toHaveLength(4);
    expect(none.slice(1).every((row) => row[INBOX_CSV_COLUMNS.indexOf('kind')] === '')).toBe(true);
    const badCsv = await get('/v1/team/inbox.csv?feedbackKind=bug', teamOf(anna));
    expect(badCsv.status).toBe(400);
    const problems = ((await badCsv.json()) as { error: { problems: { path: string }[] } }).error
      .problems;
    expect(problems.map((problem) => problem.path)).toEqual(['feedbackKind']);
  });

  it('given the team client › bulk actions go through createHttpTeamBackend', async () => {
    const { server } = await seeded();
    const team = createHttpTeamBackend({
      baseUrl: 'http://localhost',
      fetch: async (input, init) =>
        server.fetch(
          new Request(input, { method: init.method, headers: init.headers, body: init.body }),
        ),
      headers: { authorization: `Bearer ${anna.token}` },
    });
    const verdicts = await team.actMany(
      { ids: ['response-0001', 'response-0002'], action: { type: 'tags.add', tags: ['billing'] } },
      { kind: 'team', id: 'ignored' },
    );
    expect(verdicts.map((verdict) => verdict.outcome)).toEqual(['done', 'done']);
    expect((await team.listFeedback({ tags: ['billing'] })).items).toHaveLength(2);
  });

  it('given GET inbox.csv › every matching item, quoted as RFC 4180 says, formulas defused; filters from the URL; a bad one is a 400 naming it', async () => {
    const { post, get } = await seeded();
    await post('/v1/team/feedback/act', teamOf(anna), {
      id: 'response-0002',
      action: { type: 'tags.add', tags: ['exports', '=cmd'] },
    });
    const answer = await get('/v1/team/inbox.csv?sort=oldest', teamOf(anna));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toMatch(
      /^attachment; filename="palaute-inbox-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(answer.headers.get('x-palaute-truncated')).toBe('false');
    const text = await answer.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...INBOX_CSV_COLUMNS]);
    const column = (name: (typeof INBOX_CSV_COLUMNS)[number]) => INBOX_CSV_COLUMNS.indexOf(name);
    expect(rows.slice(1).map((row) => row[column('id')])).toEqual([
      'response-0001',
      'response-0002',
      'response-0003',
    ]);
    expect(rows.slice(1).map((row) => row[column('text')])).toEqual([
      `'=HYPERLINK("http://evil.example","Click")`,
      'Exports are slow, "really" slow\nevery Monday',
      `'@SUM(A1) and -2+3 exports`,
    ]);
    expect(rows[2]?.[column('tags')]).toBe('exports; =cmd');
    expect(rows[1]?.[column('customer')]).toBe('c-1');
    expect(rows.every((row) => row.length === INBOX_CSV_COLUMNS.length)).toBe(true);
    // Filters in the URL: text, tag, assignee, status.
    const filtered = await get(
      '/v1/team/inbox.csv?text=exports&tag=exports&assignee=unassigned&status=new,triaged',
      teamOf(anna),
    );
    expect(parseCsv(await filtered.text()).map((row) => row[0])).toEqual(['id', 'response-0002']);
    const whole = await get(
      `/v1/team/inbox.csv?query=${encodeURIComponent(JSON.stringify({ text: 'hyperlink' }))}`,
      teamOf(anna),
    );
    expect(parseCsv(await whole.text()).map((row) => row[0])).toEqual(['id', 'response-0001']);
    const bad = await get('/v1/team/inbox.csv?status=lost&olderThanHours=soon', teamOf(anna));
    expect(bad.status).toBe(400);
    const problems = ((await bad.json()) as { error: { problems: { path: string }[] } }).error
      .problems;
    expect(problems.map((problem) => problem.path).sort()).toEqual(['olderThanHours', 'status[0]']);
    expect((await get('/v1/team/inbox.csv?query=[1]', teamOf(anna))).status).toBe(400);
    expect((await get('/v1/team/inbox.csv', customer('c-1'))).status).toBe(403);
    expect((await get('/v1/team/inbox.csv', {})).status).toBe(401);
  });
});
