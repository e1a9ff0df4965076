import { createMemoryBackend, defineSurvey } from '@palaute/engine';
import { anna, customer, responseOf, teamOf, testServer } from './server.support';

const survey = defineSurvey({
  id: 'dashboard-nps',
  touchpointId: 'dashboard',
  title: 'NPS',
  questions: [
    { id: 'nps', type: 'nps', title: 'Recommend?' },
    { id: 'why', type: 'text', title: 'Why?', required: false },
    { id: 'contact', type: 'consent', title: 'May we?', label: 'Yes', required: false },
  ],
});

async function setup() {
  const memory = createMemoryBackend({
    now: () => new Date('2026-12-01T09:00:00.000Z'),
    cx: {
      surveys: [survey],
      touchpoints: [{ id: 'dashboard', stage: 'use', channel: 'inProduct', name: 'Dash, "board"' }],
    },
  });
  for (const [i, nps] of [10, 9, 4].entries())
    await memory.submitResponse(responseOf(`response-000${i}`, `c-${i}`, { answers: { nps } }));
  const { server, post } = testServer({ backend: memory, team: memory.team, customerData: memory });
  const get = (path: string, headers: Record<string, string>) =>
    server.fetch(new Request(`http://localhost${path}`, { headers }));
  return { server, post, get };
}

describe('the CX routes of the server', () => {
  it('given a team credential › the report; a bad query or target is a 400 naming each path', async () => {
    const { post } = await setup();
    const ok = await post('/v1/team/cx-report', teamOf(anna), {
      query: { period: { from: '2026-11-01', to: '2026-11-30' } },
    });
    expect(ok.status).toBe(200);
    const report = ok.body.report as {
      metrics: { key: string; overall: { current: { n: number } } }[];
    };
    expect(report.metrics[0]).toMatchObject({ key: 'nps', overall: { current: { n: 3 } } });

    const bad = await post('/v1/team/cx-report', teamOf(anna), {
      query: { period: { from: '2026-11-01', to: '2026-02-30' }, touchpoints: [] },
    });
    expect(bad.status).toBe(400);
    const problems = (bad.body.error as unknown as { problems: { path: string }[] }).problems;
    expect(problems.map((p) => p.path).sort()).toEqual(['query.period.to', 'query.touchpoints']);

    const outOfOrder = await post('/v1/team/cx-targets', teamOf(anna), {
      targets: [
        {
          id: 'nps',
          metric: 'nps',
          scope: { kind: 'overall' },
          milestones: [
            { by: '2028-12-31', value: 45 },
            { by: '2027-12-31', value: 35 },
          ],
        },
      ],
    });
    expect(outOfOrder.status).toBe(400);
    expect(
      (outOfOrder.body.error as unknown as { problems: { path: string }[] }).problems.map(
        (p) => p.path,
      ),
    ).toEqual(['targets[0].milestones[1].by']);
    const badScope = await post('/v1/team/cx-targets', teamOf(anna), {
      targets: [
        {
          id: 'x',
          metric: 'nps',
          scope: { kind: 'planet' },
          milestones: [{ by: '2027-01-01', value: 500 }],
        },
      ],
    });
    expect(badScope.status).toBe(400);
    expect(
      (badScope.body.error as unknown as { problems: { path: string }[] }).problems
        .map((p) => p.path)
        .sort(),
    ).toEqual(['targets[0].milestones[0].value', 'targets[0].scope.kind']);
  });

  it('given a customer credential › the CX routes are refused', async () => {
    const { post, get } = await setup();
    const answer = await post('/v1/team/cx-report', customer('c-1'), {
      query: { period: { from: '2026-11-01', to: '2026-11-30' } },
    });
    expect(answer.status).toBe(403);
    const csv = await get('/v1/team/cx-report.csv?from=2026-11-01&to=2026-11-30', customer('c-1'));
    expect(csv.status).toBe(403);
    const anonymous = await get('/v1/team/cx-report.csv?from=2026-11-01&to=2026-11-30', {});
    expect(anonymous.status).toBe(401);
  });

  it('given GET cx-report.csv › the same figures as CSV; a bad query is a 400 naming the path', async () => {
    const { post, get } = await setup();
    const csv = await get(
      '/v1/team/cx-report.csv?from=2026-11-01&to=2026-11-30&granularity=week',
      teamOf(anna),
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe(
      'kind,metric,touchpoint,period,from,to,n,value,lower,upper,margin_of_error,low_sample,previous_value,change,change_lower,change_upper,significant,state',
    );
    const { body } = await post('/v1/team/cx-report', teamOf(anna), {
      query: { period: { from: '2026-11-01', to: '2026-11-30' }, granularity: 'week' },
    });
    const overall = (
      body.report as {
        metrics: { overall: { current: { value: number; n: number; interval: number[] } } }[];
      }
    ).metrics[0]?.overall.current;
    expect(lines[1]).toBe(
      `overall,nps,,2026-11-01/2026-11-30,2026-11-01,2026-11-30,3,${overall?.value},${overall?.interval[0]},${overall?.interval[1]},${(overall as { marginOfError?: number }).marginOfError},true,,,,,,`,
    );
    expect(lines.filter((line) => line.startsWith('trend,nps,,'))).toHaveLength(6);
    const bad = await get('/v1/team/cx-report.csv?from=2026-11-01&to=nope', teamOf(anna));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('period.to');
    const badJson = await get('/v1/team/cx-report.csv?query=%7B', teamOf(anna));
    expect(badJson.status).toBe(400);
  });
});
