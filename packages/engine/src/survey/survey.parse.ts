import * as z from 'zod/mini';
import { ValidationError } from '../shared/shared.errors';
import { toProblems } from '../shared/shared.problems';
import {
  acknowledgementSchema,
  answerTestSchema,
  branchSchema,
  cesQuestionSchema,
  choiceOptionSchema,
  conditionSchema,
  consentQuestionSchema,
  csatQuestionSchema,
  followUpSchema,
  idSchema,
  localeSchema,
  localizedTextSchema,
  multipleChoiceQuestionSchema,
  npsQuestionSchema,
  questionSchema,
  ratingQuestionSchema,
  type Survey,
  scaleLabelsSchema,
  singleChoiceQuestionSchema,
  surveySchema,
  textQuestionSchema,
} from './survey.schema';

// Apart from `defineSurvey` (survey.define.ts), which imports nothing of zod: a production page
// that only defines its surveys in code never reaches this file, so its bundle loads no zod for it.

/** The outcome of {@link parseSurvey}: the survey, or the error describing every problem. */
export type ParseSurveyResult =
  | { success: true; survey: Survey }
  | { success: false; error: ValidationError };

/**
 * Validates a definition of unknown origin (a server, a CMS, a JSON file) without throwing, so a bad
 * definition never crashes the host app.
 *
 * @example
 * ```ts
 * const result = parseSurvey(await response.json());
 * if (!result.success) console.warn(result.error.message);
 * ```
 */
export function parseSurvey(input: unknown): ParseSurveyResult {
  const result = z.safeParse(surveySchema, input, { reportInput: true });
  if (result.success) return { success: true, survey: result.data };
  return { success: false, error: new ValidationError(toProblems(result.error.issues)) };
}

/**
 * The JSON Schema (draft 2020-12) of a survey definition, for hosts that store surveys as JSON or
 * edit them in a JSON-aware editor. Rules that span fields (unique ids, branch targets) are checked by
 * {@link parseSurvey}, not by the JSON Schema. The same document ships as
 * `@palaute/engine/survey.schema.json`.
 */
export function getSurveyJsonSchema(): Record<string, unknown> {
  // Named definitions make the document readable and compact (a follow-up embeds a whole question).
  const metadata = z.registry<{ id: string }>();
  const named = {
    Id: idSchema,
    Locale: localeSchema,
    LocalizedText: localizedTextSchema,
    AnswerTest: answerTestSchema,
    Condition: conditionSchema,
    Branch: branchSchema,
    ScaleLabels: scaleLabelsSchema,
    ChoiceOption: choiceOptionSchema,
    Question: questionSchema,
    NpsQuestion: npsQuestionSchema,
    CsatQuestion: csatQuestionSchema,
    CesQuestion: cesQuestionSchema,
    RatingQuestion: ratingQuestionSchema,
    SingleChoiceQuestion: singleChoiceQuestionSchema,
    MultipleChoiceQuestion: multipleChoiceQuestionSchema,
    TextQuestion: textQuestionSchema,
    ConsentQuestion: consentQuestionSchema,
    Acknowledgement: acknowledgementSchema,
    FollowUp: followUpSchema,
  };
  for (const [id, schema] of Object.entries(named)) metadata.add(schema, { id });
  return z.toJSONSchema(surveySchema, { io: 'input', unrepresentable: 'any', metadata }) as Record<
    string,
    unknown
  >;
}
