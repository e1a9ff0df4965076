import * as z from 'zod/mini';
import { $constructor } from 'zod/v4/core';
import { once } from '../shared/shared.once';
import { END } from './survey.utils';

/**
 * A check that refuses a value failing `test` with `message`: the issue `z.refine(test, message)`
 * raises (code `custom`, the value's path, the message), through a plain check function. The
 * schemas a browser loads after the survey shows use it: `z.refine` would bring zod's custom schema
 * class into that load for two checks (about 0.1 KB brotli), and build a schema object per use.
 */
export function refinement<T>(test: (value: T) => boolean, message: string): z.core.CheckFn<T> {
  return (payload) => {
    if (!test(payload.value))
      payload.issues.push({ code: 'custom', message, input: payload.value, continue: true });
  };
}

// The schemas the records of the protocol and the outbox use are built by a function on first call
// (`getIdSchema()`, …), which the exported constant calls too: a page that loads those records'
// checks builds these only when a record needs them (see `records/records.schema.ts`).

/** {@link idSchema}, built on the first call. */
export const getIdSchema = /* @__PURE__ */ once(() =>
  z
    .string()
    .check(
      z.regex(
        /^[A-Za-z][\w-]{0,63}$/,
        'must start with a letter and use only letters, digits, "_" or "-" (64 characters at most)',
      ),
    ),
);

/**
 * Ids of surveys, questions, options, acknowledgements and follow-ups: a letter, then letters, digits,
 * `_` or `-` (at most 64 characters). They appear in URLs, data attributes and stored answers.
 */
export const idSchema = /* @__PURE__ */ getIdSchema();

/** {@link localeSchema}, built on the first call. */
export const getLocaleSchema = /* @__PURE__ */ once(() =>
  z
    .string()
    .check(
      z.regex(
        /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/,
        'must be a locale tag such as "en" or "pt-BR"',
      ),
    ),
);
/** A locale tag such as `en`, `fi` or `pt-BR`. */
export const localeSchema = /* @__PURE__ */ getLocaleSchema();

/** {@link localizedTextSchema}, built on the first call. */
export const getLocalizedTextSchema = /* @__PURE__ */ once(() =>
  z.union([
    z
      .string()
      .check(
        z.minLength(1, 'must not be empty'),
        z.maxLength(2000, 'must be 2000 characters at most'),
      ),
    z
      .record(
        getLocaleSchema(),
        z
          .string()
          .check(
            z.minLength(1, 'must not be empty'),
            z.maxLength(2000, 'must be 2000 characters at most'),
          ),
      )
      .check(
        refinement(
          (texts) => Object.keys(texts).length > 0,
          'must give the text in at least one locale',
        ),
      ),
  ]),
);
/**
 * Text shown to the customer: one string, or one string per locale (`{ en: 'Thanks', fi: 'Kiitos' }`).
 * It is always rendered as text, never as HTML.
 */
export const localizedTextSchema = /* @__PURE__ */ getLocalizedTextSchema();
/** Text in one or several locales. */
export type LocalizedText = z.output<typeof localizedTextSchema>;

/** {@link answerValueSchema}, built on the first call. */
export const getAnswerValueSchema = /* @__PURE__ */ once(() =>
  z.union([
    /** Scale questions (`nps`, `csat`, `ces`, `rating`): the chosen point. */
    z.number(),
    /** `text` questions. */
    z.string().check(z.maxLength(10000)),
    /** `consent` questions: whether the customer agrees to be contacted. */
    z.boolean(),
    /** `single` and `multiple` choice: the chosen option ids and, when "other" is chosen, its text. */
    z.object({
      selected: z.array(getIdSchema()),
      other: z.optional(z.string().check(z.maxLength(1000))),
    }),
  ]),
);
/** The customer's answer to one question. Its shape depends on the question type. */
export const answerValueSchema = /* @__PURE__ */ getAnswerValueSchema();
/** The customer's answer to one question. */
export type AnswerValue = z.output<typeof answerValueSchema>;
/** A choice answer: the chosen option ids and the "other" text, if given. */
export type ChoiceAnswer = Extract<AnswerValue, { selected: string[] }>;

/**
 * Keys a free-form record (answers, customer attributes) may not have: JavaScript gives them a meaning
 * on every object, and a parser drops `__proto__` without a word, so a record with one would be stored
 * other than it was sent. Refused instead, with the key's path (`segment.__proto__`).
 */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/**
 * zod's record, whose parse first refuses {@link RESERVED_KEYS} among the raw object's own keys
 * (with each key's path, and nothing else checked then), as `z.pipe(z.transform(guard), record)`
 * did: the record's parse would drop `__proto__` without a word. A class of its own, not that pipe,
 * so the browser's later load carries neither zod's pipe nor its transform (0.3 KB brotli); it is a
 * record to everything that reads schemas (`toJSONSchema`, `instanceof`), and `.check()`'s copies
 * keep the guard.
 */
const ZodMiniFreeFormRecord = /* @__PURE__ */ $constructor(
  'ZodMiniFreeFormRecord',
  (inst: z.ZodMiniRecord, def: z.core.$ZodRecordDef) => {
    const record: (inst: z.ZodMiniRecord, def: z.core.$ZodRecordDef) => void = z.ZodMiniRecord.init;
    record(inst, def);
    const parse = inst._zod.parse;
    inst._zod.parse = (payload, context) => {
      const input = payload.value;
      if (typeof input !== 'object' || input === null) return parse(payload, context);
      const before = payload.issues.length;
      for (const name of Object.keys(input))
        if (RESERVED_KEYS.includes(name))
          payload.issues.push({
            code: 'custom',
            message: 'is a reserved key (__proto__, constructor and prototype are refused)',
            path: [name],
            input: (input as Record<string, unknown>)[name],
          });
      return payload.issues.length > before ? payload : parse(payload, context);
    };
  },
);

/**
 * A record of free-form keys that refuses {@link RESERVED_KEYS}: the raw object's own keys are checked
 * before the record is parsed (which would drop `__proto__` silently), each refusal naming its key.
 */
export function freeFormRecord<K extends z.core.$ZodRecordKey, V extends z.core.SomeType>(
  key: K,
  value: V,
): z.ZodMiniRecord<K, V> {
  const def = { type: 'record', keyType: key, valueType: value } as unknown as z.core.$ZodRecordDef;
  return new ZodMiniFreeFormRecord(def) as unknown as z.ZodMiniRecord<K, V>;
}

/** {@link answersSchema}, built on the first call. */
export const getAnswersSchema = /* @__PURE__ */ once(() =>
  freeFormRecord(getIdSchema(), getAnswerValueSchema()),
);
/** Answers by question id. An optional question left blank has no entry. */
export const answersSchema = /* @__PURE__ */ getAnswersSchema();
/** Answers by question id. */
export type Answers = z.output<typeof answersSchema>;

/** The NPS segments: 0–6 detractor, 7–8 passive, 9–10 promoter. */
export const npsSegmentSchema = /* @__PURE__ */ (() =>
  z.enum(['detractor', 'passive', 'promoter']))();
/** An NPS segment. */
export type NpsSegment = z.output<typeof npsSegmentSchema>;

/**
 * A test on one answer. Every field given must hold. `score` applies to scale questions, `anyOf` to
 * choice questions (`'other'` matches the "other" option), `segment` to NPS questions, and `answered`
 * to any question.
 */
export const answerTestSchema = /* @__PURE__ */ (() =>
  z.object({
    /** Inclusive score range. */
    score: z.optional(z.object({ min: z.optional(z.number()), max: z.optional(z.number()) })),
    /** Matches when any of these options was chosen. */
    anyOf: z.optional(z.array(idSchema).check(z.minLength(1, 'must list at least one option'))),
    /** Matches an NPS segment. */
    segment: z.optional(npsSegmentSchema),
    /** `true`: the question was answered; `false`: it was left blank. */
    answered: z.optional(z.boolean()),
  }))();
/** A test on one answer. */
export type AnswerTest = z.output<typeof answerTestSchema>;

/** A test on the answer to a named question; used by acknowledgements and follow-ups. */
export const conditionSchema = /* @__PURE__ */ (() =>
  z.object({
    ...answerTestSchema.shape,
    /** The question whose answer is tested. */
    question: idSchema,
  }))();
/** A test on the answer to a named question. */
export type Condition = z.output<typeof conditionSchema>;

export { END } from './survey.utils';

/**
 * A branch: after its question is answered, go to `to` (a later question's id, or `'end'`) when the
 * answer passes `when`. Branches are tried in order; when none matches, the next question follows.
 */
export const branchSchema = /* @__PURE__ */ (() =>
  z.object({
    when: answerTestSchema,
    to: idSchema,
  }))();
/** A branch rule. */
export type Branch = z.output<typeof branchSchema>;

const questionBase = /* @__PURE__ */ (() => ({
  /** Unique within the survey. */
  id: idSchema,
  /** The question, as the customer reads it. */
  title: localizedTextSchema,
  /** Help shown under the title. */
  description: z.optional(localizedTextSchema),
  /** A required question must be answered before moving on. @default true */
  required: z._default(z.boolean(), true),
  /** Where to go after this question, by answer. */
  branches: z.optional(z.array(branchSchema)),
}))();

/** Labels for the two ends of a scale ("Not at all likely" … "Extremely likely"). */
export const scaleLabelsSchema = /* @__PURE__ */ (() =>
  z.object({
    min: z.optional(localizedTextSchema),
    max: z.optional(localizedTextSchema),
  }))();

/** How scale points look: plain numbers, stars or emoji. Stars and emoji always carry a text label too. */
export const scaleDisplaySchema = /* @__PURE__ */ (() => z.enum(['numbers', 'stars', 'emoji']))();
/** How scale points look. */
export type ScaleDisplay = z.output<typeof scaleDisplaySchema>;

/** Net Promoter Score: "How likely are you to recommend …?" on 0–10. */
export const npsQuestionSchema = /* @__PURE__ */ (() =>
  z.object({
    ...questionBase,
    type: z.literal('nps'),
    labels: z.optional(scaleLabelsSchema),
  }))();

/** Customer Satisfaction: 1 (very dissatisfied) – 5 (very satisfied). */
export const csatQuestionSchema = /* @__PURE__ */ (() =>
  z.object({
    ...questionBase,
    type: z.literal('csat'),
    labels: z.optional(scaleLabelsSchema),
    /** @default 'numbers' */
    display: z.optional(scaleDisplaySchema),
  }))();

/** Customer Effort Score: 1 (very difficult) – 7 (very easy). */
export const cesQuestionSchema = /* @__PURE__ */ (() =>
  z.object({
    ...questionBase,
    type: z.literal('ces'),
    labels: z.optional(scaleLabelsSchema),
  }))();

/** A rating on a scale of your choice (2 to 11 points), shown as numbers, stars or emoji. */
export const ratingQuestionSchema = /* @__PURE__ */ (() =>
  z.object({
    ...questionBase,
    type: z.literal('rating'),
    scale: z
      .object({
        /** @default 1 */
        min: z._default(z.int(), 1),
        max: z.int(),
      })
      .check(
        z.superRefine((scale, ctx) => {
          if (scale.max < scale.min) {
            ctx.issues.push({
              code: 'custom',
              message: 'must be ≥ min',
              path: ['max'],
              input: scale.max,
            });
          } else if (scale.max - scale.min < 1 || scale.max - scale.min > 10) {
            ctx.issues.push({
              code: 'custom',
              message: 'the scale must have 2 to 11 points',
              path: ['max'],
              input: scale.max,
            });
          }
        }),
      ),
    labels: z.optional(scaleLabelsSchema),
    /** @default 'numbers' */
    display: z.optional(scaleDisplaySchema),
  }))();

/** One option of a choice question. */
export const choiceOptionSchema = /* @__PURE__ */ (() =>
  z.object({
    id: idSchema,
    label: localizedTextSchema,
  }))();

const choiceBase = /* @__PURE__ */ (() => ({
  ...questionBase,
  options: z.array(choiceOptionSchema).check(z.minLength(2, 'must offer at least 2 options')),
  /** Offer "Other" with a free-text field. `true` uses the built-in label. */
  other: z.optional(z.union([z.boolean(), z.object({ label: localizedTextSchema })])),
  /** Show the options in a random order, fixed per customer flow. @default false */
  randomize: z.optional(z.boolean()),
}))();

/** Single choice (radio group). */
export const singleChoiceQuestionSchema = /* @__PURE__ */ (() =>
  z.object({ ...choiceBase, type: z.literal('single') }))();

/** Multiple choice (checkboxes), with optional bounds on how many may be chosen. */
export const multipleChoiceQuestionSchema = /* @__PURE__ */ (() =>
  z.object({
    ...choiceBase,
    type: z.literal('multiple'),
    minSelected: z.optional(z.int().check(z.minimum(1, 'must be at least 1'))),
    maxSelected: z.optional(z.int().check(z.minimum(1, 'must be at least 1'))),
  }))();

/** Free text, short (one line) or long (several lines). */
export const textQuestionSchema = /* @__PURE__ */ (() =>
  z.object({
    ...questionBase,
    type: z.literal('text'),
    /** @default false */
    multiline: z.optional(z.boolean()),
    /** @default 1000 */
    maxLength: z._default(
      z.int().check(z.minimum(1, 'must be at least 1'), z.maximum(10000, 'must be 10000 at most')),
      1000,
    ),
    placeholder: z.optional(localizedTextSchema),
  }))();

/** Permission to contact the customer about this feedback. Required consent must be given. */
export const consentQuestionSchema = /* @__PURE__ */ (() =>
  z.object({
    ...questionBase,
    type: z.literal('consent'),
    /** The statement the customer agrees to, next to the checkbox. */
    label: localizedTextSchema,
    /** @default false */
    required: z._default(z.boolean(), false),
  }))();

/** Any question. */
export const questionSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('type', [
    npsQuestionSchema,
    csatQuestionSchema,
    cesQuestionSchema,
    ratingQuestionSchema,
    singleChoiceQuestionSchema,
    multipleChoiceQuestionSchema,
    textQuestionSchema,
    consentQuestionSchema,
  ]))();
/** Any question, as validated. */
export type Question = z.output<typeof questionSchema>;
/** The question types. */
export type QuestionType = Question['type'];
/** A question of one type. */
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;
/** Scale questions: NPS, CSAT, CES and rating. */
export type ScaleQuestion = QuestionOf<'nps' | 'csat' | 'ces' | 'rating'>;
/** Choice questions: single and multiple. */
export type ChoiceQuestion = QuestionOf<'single' | 'multiple'>;

/**
 * The thanks shown after submitting, chosen by the answers: the first whose `when` all hold, so list
 * specific segments first and a default (no `when`) last. `body` says what happens next.
 */
export const acknowledgementSchema = /* @__PURE__ */ (() =>
  z.object({
    id: idSchema,
    when: z.optional(z.array(conditionSchema)),
    title: localizedTextSchema,
    body: z.optional(localizedTextSchema),
  }))();
/** An acknowledgement. */
export type Acknowledgement = z.output<typeof acknowledgementSchema>;

/**
 * A follow-up question asked after the acknowledgement when all of `when` hold (the first match wins),
 * e.g. a detractor is asked "What should we fix first?". Its answer joins the same response.
 */
export const followUpSchema = /* @__PURE__ */ (() =>
  z.object({
    id: idSchema,
    when: z.array(conditionSchema).check(z.minLength(1, 'must give at least one condition')),
    question: questionSchema,
  }))();
/** A follow-up. */
export type FollowUp = z.output<typeof followUpSchema>;

const surveyShape = /* @__PURE__ */ (() =>
  z.object({
    id: idSchema,
    /** Bump when questions change; responses carry it. @default 1 */
    version: z._default(z.int().check(z.minimum(1, 'must be at least 1')), 1),
    /** The journey touchpoint this survey belongs to, e.g. `after-first-invoice`. */
    touchpointId: idSchema,
    /** The locale used when the customer's locale has no text. @default 'en' */
    defaultLocale: z._default(localeSchema, 'en'),
    /** The dialog's title. */
    title: localizedTextSchema,
    description: z.optional(localizedTextSchema),
    questions: z
      .array(questionSchema)
      .check(
        z.minLength(1, 'must have at least one question'),
        z.maxLength(50, 'must have 50 questions at most'),
      ),
    acknowledgements: z.optional(z.array(acknowledgementSchema)),
    followUps: z.optional(z.array(followUpSchema)),
    /**
     * What becomes of the answers a customer gave before closing the survey unfinished (Escape, ×,
     * "Not now"): `draft` keeps them on the device and the survey resumes where they left it at its
     * next opening or offer; `submit` sends them at once as a partial response (`partial: true`: the
     * score counts even if they stop at the text question). @default 'draft'
     */
    partial: z.optional(z.enum(['draft', 'submit'])),
  }))();

/**
 * A survey definition: JSON-serialisable, validated by {@link defineSurvey}. Besides each field's
 * shape it checks what spans fields: unique ids, branch targets that exist and lie ahead, and
 * conditions that fit their question.
 */
export const surveySchema = /* @__PURE__ */ (() =>
  surveyShape.check(
    z.superRefine((survey, ctx) =>
      checkReferences(survey, (path, message) =>
        ctx.addIssue({ code: 'custom', message, path, input: undefined }),
      ),
    ),
  ))();

/** A survey definition as written by a host (defaults may be left out). */
export type SurveyInput = z.input<typeof surveySchema>;
/** A validated survey definition, with defaults filled in. */
export type Survey = z.output<typeof surveySchema>;

type Report = (path: PropertyKey[], message: string) => void;

/** Cross-field rules a shape cannot express: unique ids, branch targets, conditions that fit their question. */
function checkReferences(survey: z.output<typeof surveyShape>, report: Report): void {
  const order = new Map<string, number>();

  const checkQuestion = (question: Question, path: PropertyKey[]) => {
    if (question.type === 'single' || question.type === 'multiple') {
      const seen = new Set<string>();
      question.options.forEach((option, i) => {
        if (option.id === 'other')
          report([...path, 'options', i, 'id'], '"other" is reserved for the "other" option');
        if (seen.has(option.id))
          report([...path, 'options', i, 'id'], `duplicate option id "${option.id}"`);
        seen.add(option.id);
      });
      if (question.type === 'multiple') {
        const choices = question.options.length + (question.other ? 1 : 0);
        if (question.maxSelected !== undefined && question.maxSelected > choices)
          report([...path, 'maxSelected'], `must be ≤ the number of choices (${choices})`);
        if (question.minSelected !== undefined && question.minSelected > choices)
          report([...path, 'minSelected'], `must be ≤ the number of choices (${choices})`);
        if (
          question.minSelected !== undefined &&
          question.maxSelected !== undefined &&
          question.maxSelected < question.minSelected
        )
          report([...path, 'maxSelected'], 'must be ≥ minSelected');
      }
    }
    if (
      question.type === 'rating' &&
      question.display === 'emoji' &&
      question.scale.max - question.scale.min > 4
    )
      report([...path, 'display'], 'emoji scales have 5 points at most');
  };

  survey.questions.forEach((question, i) => {
    if (question.id === END)
      report(
        ['questions', i, 'id'],
        `"${END}" is reserved as the branch target that ends the survey`,
      );
    if (order.has(question.id))
      report(['questions', i, 'id'], `duplicate question id "${question.id}"`);
    order.set(question.id, i);
    checkQuestion(question, ['questions', i]);
  });

  survey.questions.forEach((question, i) => {
    question.branches?.forEach((branch, b) => {
      const path = ['questions', i, 'branches', b];
      checkTest(question, branch.when, [...path, 'when'], report);
      if (branch.to === END) return;
      const target = order.get(branch.to);
      if (target === undefined)
        report([...path, 'to'], `unknown question "${branch.to}" (use a question id or "${END}")`);
      else if (target <= i)
        report(
          [...path, 'to'],
          `must point to a later question or "${END}", so the survey cannot loop`,
        );
    });
  });

  const checkConditions = (conditions: Condition[] | undefined, path: PropertyKey[]) =>
    conditions?.forEach((condition, c) => {
      const index = order.get(condition.question);
      const question = index === undefined ? undefined : survey.questions[index];
      if (!question) report([...path, c, 'question'], `unknown question "${condition.question}"`);
      else checkTest(question, condition, [...path, c], report);
    });

  const ackIds = new Set<string>();
  survey.acknowledgements?.forEach((ack, a) => {
    if (ackIds.has(ack.id))
      report(['acknowledgements', a, 'id'], `duplicate acknowledgement id "${ack.id}"`);
    ackIds.add(ack.id);
    checkConditions(ack.when, ['acknowledgements', a, 'when']);
  });

  const followUpIds = new Set<string>();
  survey.followUps?.forEach((followUp, f) => {
    const path = ['followUps', f];
    if (followUpIds.has(followUp.id))
      report([...path, 'id'], `duplicate follow-up id "${followUp.id}"`);
    followUpIds.add(followUp.id);
    checkConditions(followUp.when, [...path, 'when']);
    if (order.has(followUp.question.id))
      report(
        [...path, 'question', 'id'],
        `"${followUp.question.id}" is already a question id: follow-up answers join the same response`,
      );
    if (followUp.question.branches?.length)
      report([...path, 'question', 'branches'], 'a follow-up question cannot branch');
    checkQuestion(followUp.question, [...path, 'question']);
  });
}

/** Checks that a test fits the question it tests (a score range on a scale, options that exist, …). */
function checkTest(
  question: Question,
  test: AnswerTest,
  path: PropertyKey[],
  report: (path: PropertyKey[], message: string) => void,
) {
  const isScale =
    question.type === 'nps' ||
    question.type === 'csat' ||
    question.type === 'ces' ||
    question.type === 'rating';
  if (test.score) {
    if (!isScale)
      report(
        [...path, 'score'],
        `a score range needs a scale question, but "${question.id}" is ${question.type}`,
      );
    const { min, max } = test.score;
    if (min === undefined && max === undefined)
      report([...path, 'score'], 'must give min, max or both');
    if (min !== undefined && max !== undefined && max < min)
      report([...path, 'score', 'max'], 'must be ≥ min');
  }
  if (test.segment && question.type !== 'nps')
    report(
      [...path, 'segment'],
      `segments apply to NPS questions, but "${question.id}" is ${question.type}`,
    );
  if (test.anyOf) {
    if (question.type !== 'single' && question.type !== 'multiple')
      report(
        [...path, 'anyOf'],
        `options apply to choice questions, but "${question.id}" is ${question.type}`,
      );
    else
      test.anyOf.forEach((id, k) => {
        const known =
          question.options.some((option) => option.id === id) || (id === 'other' && question.other);
        if (!known)
          report([...path, 'anyOf', k], `unknown option "${id}" of question "${question.id}"`);
      });
  }
}
