// The customer routes' schemas are built when a route is first used, not when the protocol's schemas
// load, and the outbox's record kinds share one set of base fields: fewer zod schema objects in the
// heap of a page that shows a survey. The records' schemas are built on first use too, and the
// outbox's kinds build their payload's schema when a record of the kind is first checked
// (`schemas.built.test.ts` counts what the built files build; here, the rule is the same). Still the
// same validation, every problem named by its path.
import fc from 'fast-check';
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

/**
 * The outbox's record schema as it was written before the kinds' payloads were built on first use:
 * every kind's payload schema in the union from the start.
 */
async function eagerOutboxRecordSchema() {
  const z = await import('zod/mini');
  const records = await import('../../packages/engine/src/records/records.schema');
  const base = {
    key: z.string().check(z.minLength(1), z.maxLength(300)),
    createdAt: z.number(),
    attempts: z.int().check(z.minimum(0)),
    nextAttemptAt: z.number(),
    status: z.enum(['pending', 'rejected']),
    lastError: z.optional(z.string()),
  };
  return z.discriminatedUnion('kind', [
    z.object({ ...base, kind: z.literal('response'), payload: records.feedbackResponseSchema }),
    z.object({ ...base, kind: z.literal('followUp'), payload: records.followUpAnswerSchema }),
    z.object({ ...base, kind: z.literal('display'), payload: records.displaySchema }),
    z.object({ ...base, kind: z.literal('dismissal'), payload: records.dismissalSchema }),
    z.object({ ...base, kind: z.literal('reply'), payload: records.customerReplySchema }),
    z.object({ ...base, kind: z.literal('read'), payload: records.readReceiptSchema }),
    z.object({ ...base, kind: z.literal('impactSeen'), payload: records.impactSeenSchema }),
    z.object({ ...base, kind: z.literal('contactChoice'), payload: records.contactChoiceSchema }),
    z.object({ ...base, kind: z.literal('vote'), payload: records.voteWriteSchema }),
    z.object({ ...base, kind: z.literal('idea'), payload: records.ideaWriteSchema }),
  ]);
}

describe('the outbox’s records, each kind’s payload built on first use', () => {
  const response = {
    id: 'flow-0001',
    surveyId: 'dashboard-nps',
    surveyVersion: 1,
    touchpointId: 'dashboard',
    customerId: 'c-1',
    locale: 'en',
    answers: { nps: 9, why: 'fast', pick: { selected: ['a'] } },
    startedAt: at,
    submittedAt: at,
  };
  const payloads = [
    display,
    response,
    { ...display, reason: 'optOut', step: 'asking', submitted: false, optOutScope: 'all' },
    { responseId: 'flow-0001', followUpId: 'why', questionId: 'q1', answer: 'x', answeredAt: at },
    { itemId: 'item-0001', customerId: 'c-1', replyId: 'reply-001', body: 'Thanks', at },
    { itemId: 'item-0001', customerId: 'c-1', at },
    { customerId: 'c-1', noticeId: 'n-1', at },
    { id: 'choice-1', customerId: 'c-1', scope: 'survey', surveyId: 'nps', optedOut: true, at },
    { id: 'choice-1', customerId: 'c-1', scope: 'all', optedOut: true, at, surveyId: 'nps' },
    { id: 'vote-0001', customerId: 'c-1', ideaId: 'idea-0001', voted: true, source: 'board', at },
    { id: 'idea-0001', customerId: 'c-1', kind: 'bug', title: 'Slow', body: 'Export', at },
  ];
  const kinds = [
    'response',
    'followUp',
    'display',
    'dismissal',
    'reply',
    'read',
    'impactSeen',
    'contactChoice',
    'vote',
    'idea',
    'other',
    '__proto__',
  ];
  const records = fc.record(
    {
      kind: fc.oneof(fc.constantFrom(...kinds), fc.integer(), fc.constant(null)),
      key: fc.oneof(fc.constantFrom('display:flow-0001', ''), fc.integer()),
      createdAt: fc.oneof(fc.integer(), fc.string({ maxLength: 2 })),
      attempts: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.double()),
      nextAttemptAt: fc.integer(),
      status: fc.constantFrom('pending', 'rejected', 'lost'),
      lastError: fc.oneof(fc.string({ maxLength: 3 }), fc.integer()),
      payload: fc.oneof(
        fc.constantFrom(...payloads),
        fc
          .tuple(
            fc.constantFrom(...payloads),
            fc.dictionary(
              fc.constantFrom('at', 'customerId', 'surveyVersion', 'answers', 'kind', 'step'),
              fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)),
            ),
          )
          .map(([payload, fields]) => ({ ...payload, ...fields })),
        fc.constant(null),
      ),
    },
    { requiredKeys: ['kind', 'key', 'createdAt', 'attempts', 'nextAttemptAt', 'status'] },
  );

  async function outcomes() {
    const z = await import('zod/mini');
    const { toProblems } = await import('../../packages/engine/src/shared/shared.problems');
    const { outboxRecordSchema, outboxRecordSchemaFor } = await import(
      '../../packages/engine/src/outbox/outbox.schema'
    );
    const eager = await eagerOutboxRecordSchema();
    const outcome = (schema: import('zod/mini').ZodMiniType, input: unknown) => {
      const result = z.safeParse(schema, input);
      return result.success
        ? { success: true, data: result.data }
        : { success: false, problems: toProblems(result.error.issues) };
    };
    return {
      z,
      eager,
      outboxRecordSchema,
      /** What the eager union, the lazy union and the outbox's check by kind say of `input`. */
      of: (input: unknown) => ({
        eager: outcome(eager, input),
        union: outcome(outboxRecordSchema, input),
        byKind: outcome(outboxRecordSchemaFor(input), input),
      }),
    };
  }

  it('accept and refuse what the eager union does, with the same value and problems (property)', async () => {
    const { of } = await outcomes();
    fc.assert(
      fc.property(records, (record) => {
        const { eager, union, byKind } = of(record);
        expect(byKind).toEqual(eager);
        expect(union).toEqual(eager);
      }),
      { numRuns: 1000 },
    );
  });

  it('given hand-picked records › the same verdicts, both of them reached', async () => {
    const { of } = await outcomes();
    const record = { key: 'k', createdAt: 1, attempts: 0, nextAttemptAt: 1, status: 'pending' };
    const table: unknown[] = [
      undefined,
      null,
      'display',
      [],
      [{ ...record, kind: 'display', payload: display }],
      {},
      { ...record, kind: 'display', payload: display },
      { ...record, kind: 'display', payload: { ...display, at: 'yesterday' } },
      { ...record, kind: 'response', payload: response },
      { ...record, kind: 'response', payload: { ...response, answers: { __proto__: 1 } } },
      { ...record, kind: 'nothing', payload: display },
      { ...record, kind: 'toString', payload: display },
      { ...record, payload: display },
      Object.assign(Object.create({ kind: 'display' }), { ...record, payload: display }),
      Object.assign([], { ...record, kind: 'display', payload: display }),
      Object.assign(() => undefined, { ...record, kind: 'display', payload: display }),
      { ...record, kind: 'contactChoice', payload: payloads[8] },
      { ...record, status: 'lost', attempts: -1, kind: 'idea', payload: payloads[10] },
    ];
    for (const input of table) {
      const { eager, union, byKind } = of(input);
      expect(byKind).toEqual(eager);
      expect(union).toEqual(eager);
    }
    expect(new Set(table.map((input) => of(input).eager.success))).toEqual(new Set([true, false]));
  });

  it('publish the same JSON Schema', async () => {
    const { z, eager, outboxRecordSchema } = await outcomes();
    for (const io of ['input', 'output'] as const)
      expect(z.toJSONSchema(outboxRecordSchema, { io, unrepresentable: 'any' })).toEqual(
        z.toJSONSchema(eager, { io, unrepresentable: 'any' }),
      );
  });
});

describe('each schema built on first use', () => {
  it('is the exported schema itself: one rule, whichever way it is reached', async () => {
    const modules = {
      survey: await import('../../packages/engine/src/survey/survey.schema'),
      records: await import('../../packages/engine/src/records/records.schema'),
      feedback: await import('../../packages/engine/src/feedback/feedback.schema'),
      journey: await import('../../packages/engine/src/journey/journey.schema'),
      protocol: await import('../../packages/engine/src/protocol/protocol.schema'),
    };
    const pairs: string[] = [];
    for (const [name, module] of Object.entries(modules) as [string, Record<string, unknown>][])
      for (const [builder, build] of Object.entries(module)) {
        if (!/^get[A-Z]\w*Schema$/.test(builder) || typeof build !== 'function') continue;
        const schema = `${builder[3]?.toLowerCase()}${builder.slice(4)}`;
        expect(module[schema], `${name}: ${schema}`).toBeDefined();
        expect(build(), `${name}: ${builder}`).toBe(module[schema]);
        expect(build(), `${name}: ${builder} again`).toBe(build());
        pairs.push(schema);
      }
    expect(pairs).toEqual(
      expect.arrayContaining([
        'idSchema',
        'displaySchema',
        'customerFeedbackSchema',
        'errorBodySchema',
      ]),
    );
    expect(pairs.length).toBeGreaterThanOrEqual(35);
  });
});

describe('timestamps and localized texts, checked without z.refine', () => {
  // `refinement(test, message)` stands for `z.refine(test, message)` in the schemas a browser loads
  // after the survey shows: the same rule, the same issue (code, path, message, input).
  async function pairs() {
    const z = await import('zod/mini');
    const { isTimestamp, TIMESTAMP_MESSAGE } = await import(
      '../../packages/engine/src/shared/shared.time'
    );
    const { timestampSchema } = await import('../../packages/engine/src/records/records.schema');
    const { localeSchema, localizedTextSchema } = await import(
      '../../packages/engine/src/survey/survey.schema'
    );
    const text = () =>
      z
        .string()
        .check(
          z.minLength(1, 'must not be empty'),
          z.maxLength(2000, 'must be 2000 characters at most'),
        );
    return {
      z,
      pairs: [
        {
          name: 'timestampSchema',
          ours: timestampSchema as import('zod/mini').ZodMiniType,
          theirs: z.string().check(z.refine(isTimestamp, TIMESTAMP_MESSAGE)),
        },
        {
          name: 'localizedTextSchema',
          ours: localizedTextSchema as import('zod/mini').ZodMiniType,
          theirs: z.union([
            text(),
            z
              .record(localeSchema, text())
              .check(
                z.refine(
                  (texts) => Object.keys(texts).length > 0,
                  'must give the text in at least one locale',
                ),
              ),
          ]),
        },
      ],
    };
  }
  const issuesOf = (
    z: typeof import('zod/mini'),
    schema: import('zod/mini').ZodMiniType,
    input: unknown,
  ) => {
    const result = z.safeParse(schema, input, { reportInput: true });
    return result.success
      ? { success: true, data: result.data }
      : { success: false, issues: result.error.issues };
  };
  const inputs = fc.oneof(
    fc.constantFrom(
      at,
      '2026-02-30T10:00:00Z',
      '2026-11-23T10:00:00+02:00',
      '2026-11-23',
      'yesterday',
      '',
      {},
      { en: 'Thanks' },
      { en: '' },
      { 'pt-BR': 'Obrigado', fi: 'Kiitos' },
      { english: 'x' },
      { __proto__: null },
    ),
    fc.string({ maxLength: 30 }),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    fc.dictionary(fc.constantFrom('en', 'fi', 'x', 'pt-BR'), fc.oneof(fc.string(), fc.integer())),
    fc.integer(),
    fc.constant(null),
  );

  it('accept and refuse the same inputs, with the same value and issues (property)', async () => {
    const { z, pairs: schemas } = await pairs();
    for (const { name, ours, theirs } of schemas)
      fc.assert(
        fc.property(inputs, (input) => {
          expect(issuesOf(z, ours, input), name).toEqual(issuesOf(z, theirs, input));
        }),
        { numRuns: 500 },
      );
  });

  it('given hand-picked inputs › both verdicts, the same issues, in an object too', async () => {
    const { z, pairs: schemas } = await pairs();
    for (const { name, ours, theirs } of schemas) {
      const table = [at, 'yesterday', '2026-02-30T10:00:00Z', 5, {}, { en: 'Hi' }, { en: '' }];
      for (const input of table) {
        expect(issuesOf(z, ours, input), name).toEqual(issuesOf(z, theirs, input));
        const inObject = (schema: import('zod/mini').ZodMiniType) =>
          z.object({ field: schema, other: z.string().check(z.minLength(2)) });
        expect(issuesOf(z, inObject(ours), { field: input, other: '' })).toEqual(
          issuesOf(z, inObject(theirs), { field: input, other: '' }),
        );
      }
      expect(new Set(table.map((input) => z.safeParse(ours, input).success))).toEqual(
        new Set([true, false]),
      );
    }
  });

  it('publish the same JSON Schema', async () => {
    const { z, pairs: schemas } = await pairs();
    for (const { ours, theirs } of schemas)
      for (const io of ['input', 'output'] as const)
        expect(z.toJSONSchema(ours, { io, unrepresentable: 'any' })).toEqual(
          z.toJSONSchema(theirs, { io, unrepresentable: 'any' }),
        );
  });
});

describe('free-form records, guarded without zod’s pipe', () => {
  // `freeFormRecord` refuses reserved keys before the record parses (which would drop `__proto__`
  // silently). It did so as `z.pipe(z.transform(guard), z.record(key, value))`; it is now a record
  // whose parse runs the guard first, so the later load carries neither the pipe nor the transform.
  // The same verdicts, values, issues and JSON Schema as the pipe's.
  async function pairs() {
    const z = await import('zod/mini');
    const { RESERVED_KEYS, getAnswerValueSchema, getIdSchema, answersSchema } = await import(
      '../../packages/engine/src/survey/survey.schema'
    );
    const { attributesSchema } = await import('../../packages/engine/src/records/records.schema');
    const piped = (
      key: import('zod/v4/core').$ZodRecordKey,
      value: import('zod/v4/core').SomeType,
    ) => {
      const record = z.record(key, value);
      const guard = z.transform((input: unknown, context) => {
        if (typeof input !== 'object' || input === null) return input;
        for (const name of Object.keys(input))
          if (RESERVED_KEYS.includes(name))
            context.issues.push({
              code: 'custom',
              message: 'is a reserved key (__proto__, constructor and prototype are refused)',
              path: [name],
              input: (input as Record<string, unknown>)[name],
            });
        return input;
      });
      return z.pipe(guard, record) as unknown as import('zod/mini').ZodMiniType;
    };
    return {
      z,
      pairs: [
        {
          name: 'answersSchema',
          ours: answersSchema as import('zod/mini').ZodMiniType,
          theirs: piped(getIdSchema(), getAnswerValueSchema()),
        },
        {
          name: 'attributesSchema',
          ours: attributesSchema as import('zod/mini').ZodMiniType,
          theirs: piped(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
        },
      ],
    };
  }
  const issuesOf = (
    z: typeof import('zod/mini'),
    schema: import('zod/mini').ZodMiniType,
    input: unknown,
  ) => {
    const result = z.safeParse(schema, input, { reportInput: true });
    return result.success
      ? { success: true, data: result.data }
      : { success: false, issues: result.error.issues };
  };
  const key = fc.constantFrom('nps', 'plan', 'my-id', '9lives', 'x y', 'constructor', 'prototype');
  const value = fc.oneof(
    fc.integer(),
    fc.string({ maxLength: 5 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant({ selected: ['a'] }),
    fc.constant({ selected: [1] }),
  );
  const inputs = fc.oneof(
    fc.dictionary(key, value, { maxKeys: 4 }),
    // `__proto__` as an own key, as `JSON.parse` makes it.
    fc
      .dictionary(key, value, { maxKeys: 3 })
      .map((entries) =>
        JSON.parse(`{"__proto__": 1, ${JSON.stringify(entries).slice(1)}`.replace(', }', '}')),
      ),
    fc.constantFrom(null, 5, 'text', [], [1]),
  );

  it('accept and refuse the same inputs, with the same value and issues (property)', async () => {
    const { z, pairs: schemas } = await pairs();
    for (const { name, ours, theirs } of schemas)
      fc.assert(
        fc.property(inputs, (input) => {
          expect(issuesOf(z, ours, input), name).toEqual(issuesOf(z, theirs, input));
        }),
        { numRuns: 500 },
      );
  });

  it('given reserved keys › each refused with its path, nothing else checked; in an object too', async () => {
    const { z, pairs: schemas } = await pairs();
    const table = [
      JSON.parse('{"__proto__": {"x": 1}, "nps": 3}'),
      { constructor: 1, prototype: 2, 'x y': 3 },
      { nps: 3 },
      { 'x y': 3 },
      null,
    ];
    for (const { name, ours, theirs } of schemas)
      for (const input of table) {
        expect(issuesOf(z, ours, input), name).toEqual(issuesOf(z, theirs, input));
        const inObject = (schema: import('zod/mini').ZodMiniType) =>
          z.object({ field: z.optional(schema), other: z.string().check(z.minLength(2)) });
        expect(issuesOf(z, inObject(ours), { field: input, other: '' })).toEqual(
          issuesOf(z, inObject(theirs), { field: input, other: '' }),
        );
      }
    const [answers] = schemas;
    const refused = issuesOf(z, answers?.ours as never, table[1]);
    expect(refused).toMatchObject({
      success: false,
      issues: [
        { path: ['constructor'], message: expect.stringContaining('reserved key') },
        { path: ['prototype'], message: expect.stringContaining('reserved key') },
      ],
    });
  });

  it('are records, not pipes, and keep the guard in the copies `.check()` makes', async () => {
    const { z, pairs: schemas } = await pairs();
    for (const { ours } of schemas) {
      expect(ours.def.type).toBe('record');
      expect(ours).toBeInstanceOf(z.ZodMiniRecord);
      const copy = ours.check(() => undefined);
      expect(copy).not.toBe(ours);
      expect(z.safeParse(copy, JSON.parse('{"__proto__": 1}')).error?.issues).toMatchObject([
        { code: 'custom', path: ['__proto__'] },
      ]);
    }
  });

  it('publish the same JSON Schema', async () => {
    const { z, pairs: schemas } = await pairs();
    for (const { ours, theirs } of schemas)
      for (const io of ['input', 'output'] as const)
        expect(z.toJSONSchema(ours, { io, unrepresentable: 'any' })).toEqual(
          z.toJSONSchema(theirs, { io, unrepresentable: 'any' }),
        );
  });
});
