import fc from 'fast-check';
import * as z from 'zod/mini';
import { customerFeedbackSchema } from '../../packages/engine/src/feedback/feedback.schema';
import {
  dismissalSchema,
  displaySchema,
  impactNoticeSchema,
  interactionBaseSchema,
  timestampSchema,
} from '../../packages/engine/src/records/records.schema';
import { toProblems } from '../../packages/engine/src/shared/shared.problems';
import { answerTestSchema, conditionSchema } from '../../packages/engine/src/survey/survey.schema';

// The browser's lazy schemas build an object schema from a base's shape (`z.object({ ...base.shape,
// … })`) instead of `z.extend(base, { … })`, which costs about 0.3 KB brotli of zod in the dialog's
// later load. On a base without checks or catchall the two are the same rule: these compare each
// schema with its `z.extend` form, over generated and hand-picked inputs: the verdict, the value,
// every problem's path and message, and the JSON Schema documents publish.

const extended = [
  {
    name: 'displaySchema',
    ours: displaySchema,
    theirs: z.extend(interactionBaseSchema, { initiative: z.optional(z.literal('customer')) }),
  },
  {
    name: 'dismissalSchema',
    ours: dismissalSchema,
    theirs: z.extend(
      interactionBaseSchema,
      Object.fromEntries(
        Object.entries(dismissalSchema.shape).filter(
          ([key]) => !(key in interactionBaseSchema.shape),
        ),
      ),
    ),
  },
  {
    name: 'conditionSchema',
    ours: conditionSchema,
    theirs: z.extend(answerTestSchema, { question: conditionSchema.shape.question }),
  },
  {
    name: "customerFeedbackSchema's impact",
    ours: customerFeedbackSchema.shape.impact.def.innerType,
    theirs: z.extend(impactNoticeSchema, { seenAt: z.optional(timestampSchema) }),
  },
] as const;

function outcome(schema: z.ZodMiniType, input: unknown) {
  const result = z.safeParse(schema, input, { reportInput: true });
  return result.success
    ? { success: true, data: result.data }
    : { success: false, problems: toProblems(result.error.issues) };
}

const valid = {
  responseId: 'resp-0001',
  surveyId: 'nps',
  surveyVersion: 1,
  touchpointId: 'dashboard',
  customerId: 'c-1',
  at: '2026-12-03T10:15:00.000Z',
};
const notice = {
  id: 'change-1:item-1',
  youSaid: 'Export was slow',
  weDid: { en: 'Export is faster', fi: 'Vienti on nopeampi' },
  shippedAt: '2026-12-01T09:00:00Z',
  link: { href: 'https://example.com/changelog', label: 'Read more' },
  customerId: 'c-1',
  responseId: 'resp-0001',
  receivedAt: '2026-11-20T09:00:00Z',
};
const fieldValues = fc.oneof(
  fc.constantFrom(notice.weDid, notice.link, { href: 'ftp://x', label: 'y' }, { en: 1 }),
  fc.constantFrom(
    'resp-0001',
    'x',
    'nps',
    'customer',
    'dismiss',
    'notNow',
    'optOut',
    'asking',
    'draft',
    'partial',
    'survey',
    'all',
    '2026-12-03T10:15:00.000Z',
    '2026-02-30T10:15:00Z',
    'promoter',
    'q1',
    '',
  ),
  fc.integer({ min: -2, max: 12 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.constantFrom('a', 'b', 1), { maxLength: 3 }),
  fc.record({ min: fc.integer(), max: fc.oneof(fc.integer(), fc.string()) }),
  fc.dictionary(
    fc.string({ maxLength: 4 }),
    fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
  ),
);

describe('object schemas built from a base’s shape › the same rule as z.extend', () => {
  for (const { name, ours, theirs } of extended) {
    describe(name, () => {
      const keys = [...Object.keys(ours.shape), 'unknownKey', '__proto__'];
      it('publishes the same JSON Schema', () => {
        expect(z.toJSONSchema(ours, { io: 'input', unrepresentable: 'any' })).toEqual(
          z.toJSONSchema(theirs, { io: 'input', unrepresentable: 'any' }),
        );
        expect(z.toJSONSchema(ours, { unrepresentable: 'any' })).toEqual(
          z.toJSONSchema(theirs, { unrepresentable: 'any' }),
        );
      });

      it('accepts and refuses the same inputs, with the same value and problems (property)', () => {
        fc.assert(
          fc.property(
            fc.dictionary(fc.constantFrom(...keys), fieldValues),
            fc.boolean(),
            (fields, fromValid) => {
              const input = fromValid ? { ...valid, ...notice, ...fields } : fields;
              expect(outcome(ours, input)).toEqual(outcome(theirs, input));
            },
          ),
          { numRuns: 500 },
        );
      });

      it('given hand-picked inputs › the same verdicts', () => {
        const table: unknown[] = [
          undefined,
          null,
          'display',
          [],
          {},
          valid,
          { ...valid, initiative: 'customer' },
          { ...valid, initiative: 'host' },
          { ...valid, responseId: 'short' },
          { ...valid, at: 'yesterday' },
          { ...valid, reason: 'dismiss', step: 'asking', submitted: false },
          { ...valid, reason: 'optOut', step: 'asking', submitted: true, scope: 'all' },
          { ...valid, reason: 'later', step: 'asking', submitted: 'no' },
          { question: 'q1' },
          { question: 'q1', score: { min: 0, max: 6 }, segment: 'detractor' },
          { question: 'q1', anyOf: [] },
          { question: '', answered: 'yes' },
          { score: { min: 'low' } },
          { ...valid, question: 'q1', extra: true },
          notice,
          { ...notice, seenAt: '2026-12-04T08:00:00Z' },
          { ...notice, seenAt: 'soon', link: { href: 'javascript:alert(1)', label: 'x' } },
          { ...notice, weDid: { en: 'Faster', fi: 1 }, link: { href: 'https://example.com/x' } },
        ];
        for (const input of table) expect(outcome(ours, input)).toEqual(outcome(theirs, input));
        // The table reaches both verdicts for every schema.
        const verdicts = new Set(table.map((input) => outcome(ours, input).success));
        expect(verdicts).toEqual(new Set([true, false]));
      });
    });
  }
});
