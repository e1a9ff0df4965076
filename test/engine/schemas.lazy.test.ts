// The customer routes' schemas are built when a route is first used, not when the protocol's schemas
// load, and the outbox's record kinds share one set of base fields: fewer zod schema objects in the
// heap of a page that shows a survey. Still the same validation, every problem named by its path.
import { afterEach, describe, expect, it, vi } from 'vitest';

const at = '2026-11-23T10:00:00.000Z';
const display = {
  responseId: 'flow-0001',
  surveyId: 'dashboard-nps',
  surveyVersion: 1,
  touchpointId: 'dashboard',
  customerId: 'c-1',
  at,
};

afterEach(() => {
  vi.doUnmock('zod/mini');
  vi.resetModules();
});

/** Loads the protocol's schemas afresh, counting every zod object schema built from then on. */
async function loadCounting() {
  vi.resetModules();
  let objects = 0;
  vi.doMock('zod/mini', async (original) => {
    const z = await original<typeof import('zod/mini')>();
    return {
      ...z,
      object: (...args: Parameters<typeof z.object>) => {
        objects++;
        return z.object(...args);
      },
    };
  });
  const schemas = await import('@palaute/engine/protocol-schemas');
  return { schemas, objects: () => objects };
}

describe('the customer routes’ schemas', () => {
  it('are built the first time a route is read, that route only, and once', async () => {
    const { schemas, objects } = await loadCounting();
    const atLoad = objects();
    const request = schemas.customerRoutes.recordDisplay.request;
    const afterOne = objects();
    // The display route's envelopes (request and answer): built now, not at load.
    expect(afterOne).toBeGreaterThan(atLoad);
    expect(schemas.customerRoutes.recordDisplay.request).toBe(request);
    expect(schemas.customerRoutes.recordDisplay.response).toBe(
      schemas.customerRoutes.recordDisplay.response,
    );
    expect(objects()).toBe(afterOne);
    // Every other customer route read once builds its own; the display's are not built again.
    for (const route of Object.values(schemas.customerRoutes)) void route.request;
    const afterAll = objects();
    expect(afterAll - afterOne).toBeGreaterThanOrEqual(
      Object.keys(schemas.customerRoutes).length - 1,
    );
    for (const route of Object.values(schemas.customerRoutes)) void route.response;
    expect(objects()).toBe(afterAll);
  });

  it('still validate a body and name each problem by its path', async () => {
    const { customerRoutes, protocolChecks } = await import('@palaute/engine/protocol-schemas');
    expect(
      protocolChecks.request(customerRoutes.recordDisplay, { protocol: 1, display }),
    ).toMatchObject({ success: true });
    const bad = protocolChecks.request(customerRoutes.recordDisplay, {
      protocol: 1,
      display: { ...display, surveyId: '9 lives', at: 'yesterday' },
    });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    expect(bad.problems.map((problem) => problem.path).sort()).toEqual([
      'display.at',
      'display.surveyId',
    ]);
    expect(protocolChecks.answer(customerRoutes.recordDisplay, { protocol: 1 })).toMatchObject({
      success: false,
      problems: expect.arrayContaining([expect.objectContaining({ path: 'key' })]),
    });
  });

  it('are still listed with the route, as its own properties', async () => {
    const { customerRoutes } = await import('@palaute/engine/protocol-schemas');
    const route = customerRoutes.submitResponse;
    expect(Object.keys(route)).toEqual(expect.arrayContaining(['path', 'request', 'response']));
    expect({ ...route }.request).toBe(route.request);
  });
});

describe('the outbox’s records', () => {
  it('share one set of base field schemas across the kinds', async () => {
    const { outboxRecordSchema } = await import('@palaute/engine/outbox');
    const [first, ...others] = outboxRecordSchema.def.options;
    for (const option of others)
      for (const field of ['key', 'createdAt', 'attempts', 'nextAttemptAt', 'status', 'lastError'])
        expect(option.def.shape[field as keyof typeof option.def.shape]).toBe(
          first.def.shape[field as keyof typeof first.def.shape],
        );
  });

  it('still check each kind, naming the path of each problem', async () => {
    const z = await import('zod/mini');
    const { outboxRecordSchema } = await import('@palaute/engine/outbox');
    const record = {
      key: 'display:flow-0001',
      createdAt: 1,
      attempts: 0,
      nextAttemptAt: 1,
      status: 'pending',
      kind: 'display',
      payload: display,
    };
    expect(z.safeParse(outboxRecordSchema, record).success).toBe(true);
    const bad = z.safeParse(outboxRecordSchema, {
      ...record,
      attempts: -1,
      status: 'lost',
      payload: { ...display, surveyVersion: 1.5 },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'attempts',
      'payload.surveyVersion',
      'status',
    ]);
  });
});
