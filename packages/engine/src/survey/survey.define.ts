import { parseSurvey } from './survey.parse';
import type { Question, Survey, SurveyInput } from './survey.schema';

/**
 * Validates a survey definition and returns it typed, with defaults filled in.
 * Throws a {@link ValidationError} listing every problem with its path. A production build
 * (`process.env.NODE_ENV` replaced by `'production'`) trusts a definition from code and only fills in
 * the defaults; check definitions from elsewhere with {@link parseSurvey}.
 *
 * @example
 * ```ts
 * const survey = defineSurvey({
 *   id: 'nps-dashboard',
 *   touchpointId: 'dashboard',
 *   title: { en: 'Quick question', fi: 'Pikakysymys' },
 *   questions: [{ id: 'nps', type: 'nps', title: 'How likely are you to recommend us to a friend?' }],
 * });
 * ```
 */
export function defineSurvey(input: SurveyInput): Survey {
  // A definition written in the host's code was validated in its development builds and tests, so a
  // production build trusts it and ships no schema for it. The engine's one reading of the
  // environment: the bare `process.env.NODE_ENV`, which every bundler replaces with a string, so the
  // test folds and the branch not taken goes with its schemas. It must stay bare and in this file:
  // esbuild does not carry a constant from another module into a branch, and a `typeof process`
  // guard is never folded (and is false in a bundled browser build). Without a bundler `process` is
  // undeclared: the ReferenceError is caught and the definition trusted as in production (validating
  // there would keep the schemas in every bundle). Definitions from elsewhere (a server, a CMS) go
  // through `parseSurvey`, always.
  try {
    if (process.env.NODE_ENV !== 'production') return validated(input);
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
  }
  return withDefaults(input);
}

function validated(input: SurveyInput): Survey {
  const result = parseSurvey(input);
  if (!result.success) throw result.error;
  return result.survey;
}

// The engine targets every runtime and carries no Node types: only what `defineSurvey` reads.
declare const process: { env: { NODE_ENV?: string } };

type QuestionInput = SurveyInput['questions'][number];

/** A definition with the defaults `surveySchema` fills in, filled in the same way, unvalidated. */
function withDefaults(input: SurveyInput): Survey {
  const question = (entry: QuestionInput) =>
    ({
      ...entry,
      required: entry.required ?? entry.type !== 'consent',
      ...(entry.type === 'rating' ? { scale: { ...entry.scale, min: entry.scale.min ?? 1 } } : {}),
      ...(entry.type === 'text' ? { maxLength: entry.maxLength ?? 1000 } : {}),
    }) as Question;
  return {
    ...input,
    version: input.version ?? 1,
    defaultLocale: input.defaultLocale ?? 'en',
    questions: input.questions.map(question),
    ...(input.followUps
      ? {
          followUps: input.followUps.map((followUp) => ({
            ...followUp,
            question: question(followUp.question),
          })),
        }
      : {}),
  } as Survey;
}
