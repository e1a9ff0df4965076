import {
  connect,
  createFlow,
  createMemoryBackend,
  createPalaute,
  defineSurvey,
  type MemoryBackend,
  type PalauteConfig,
} from '@palaute/engine';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');

const nps = defineSurvey({
  id: 'dashboard-nps',
  touchpointId: 'dashboard',
  title: 'NPS',
  questions: [{ id: 'score', type: 'nps', title: 'Score?' }],
});

/** A page: a client over the shared backend (what the server knows), as after a reload. */
async function page(backend: MemoryBackend, policy: PalauteConfig['policy'] = {}, at = T0) {
  const palaute = createPalaute({
    backend,
    customer: { id: 'c-1' },
    surveys: [nps],
    touchpoints: [{ id: 'dashboard', stage: 'use', channel: 'inProduct' }],
    asks: [
      {
        surveyId: 'dashboard-nps',
        triggers: [{ on: 'touchpoint' }],
        recontact: { mode: 'recurring', days: 90 },
      },
    ],
    policy: { budget: { contacts: 1, days: 14 }, ...policy },
    now: () => at,
  });
  await palaute.start();
  return palaute;
}

/** The offered survey is shown (its display recorded), and the page goes away before any outcome. */
function show(palaute: Awaited<ReturnType<typeof page>>, backend: MemoryBackend, at = T0) {
  const offer = palaute.offer();
  if (!offer) throw new Error('nothing offered');
  const flow = createFlow({
    survey: offer.survey,
    backend,
    customer: palaute.customer,
    locale: 'en',
    now: () => new Date(at),
    onWrite: palaute.recordWrite,
  });
  flow.start();
  return { flow, api: () => connect(flow.getSnapshot(), flow.send) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a survey shown without an outcome (reload, closed tab)', () => {
  it('is offered again at the next occasion, budget and 90-day recontact aside, and explain() says why; after unansweredDisplays such displays it is used up', async () => {
    const backend = createMemoryBackend();
    const first = await page(backend);
    expect(first.touchpoint('dashboard').status).toBe('offered');
    show(first, backend).flow.stop();
    await settle();

    const second = await page(backend, {}, T0 + 60_000);
    expect(second.touchpoint('dashboard').status).toBe('offered');
    const why = second.explain('dashboard-nps');
    expect(why.offerable).toBe(true);
    expect(why.checks.find((check) => check.rule === 'recontact')?.reason).toBe(
      'Shown 1 time without an answer or a close (a reload, a closed tab); offered again up to 2 times.',
    );
    show(second, backend, T0 + 60_000).flow.stop();
    await settle();

    // Two displays without an outcome (the default allowance): now it counts like any display.
    const third = await page(backend, {}, T0 + 120_000);
    expect(third.touchpoint('dashboard').status).toBe('none');
    expect(third.explain('dashboard-nps').checks.filter((check) => !check.passed)).toMatchObject([
      { rule: 'recontact' },
      { rule: 'budget' },
    ]);
  });

  it('given an outcome (a dismissal) › it counts as before: not offered again for 90 days', async () => {
    const backend = createMemoryBackend();
    const first = await page(backend);
    first.touchpoint('dashboard');
    show(first, backend).api().dismiss();
    await settle();
    const second = await page(backend, {}, T0 + 60_000);
    expect(second.touchpoint('dashboard').status).toBe('none');
  });

  it('given unansweredDisplays: 0 › every display counts', async () => {
    const backend = createMemoryBackend();
    const first = await page(backend, { unansweredDisplays: 0 });
    first.touchpoint('dashboard');
    show(first, backend).flow.stop();
    await settle();
    const second = await page(backend, { unansweredDisplays: 0 }, T0 + 60_000);
    expect(second.touchpoint('dashboard').status).toBe('none');
  });
});
