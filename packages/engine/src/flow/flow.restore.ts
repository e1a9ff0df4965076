/**
 * `@palaute/engine/persisted-flow`: the check of a saved flow before it is resumed
 * ({@link parsePersistedFlow}), in a module of its own. The main entry exports it too; the NPS
 * dialog loads this entry with `import()` only when a flow was kept, so a page whose customer kept
 * nothing does not load it before the dialog can show. Built whole, except the error classes, which
 * come from the main build so `instanceof ValidationError` holds across the two entries.
 *
 * @packageDocumentation
 */
import { type DefinitionProblem, ValidationError } from '../shared/shared.errors';
import type { AnswerValue, Question, Survey } from '../survey/survey.schema';
import { checkPersistedFlow } from './flow.persist';
import type { PersistedFlow } from './flow.schema';
import { findQuestion, validateAnswer } from './flow.utils';

/** The outcome of {@link parsePersistedFlow}. */
export type ParsePersistedFlowResult =
  | { success: true; flow: PersistedFlow }
  | { success: false; error: ValidationError };

/**
 * Validates a saved flow (from storage, so untrusted) before resuming it. A snapshot of another survey or
 * of an older survey version is refused: its questions may no longer match. So is one whose path or
 * answers do not fit `survey` (an unknown question, a wrong kind of answer, an option it does not
 * have); drafts may still be incomplete. The flow resumes with `survey` itself, not the saved copy.
 */
export function parsePersistedFlow(value: unknown, survey: Survey): ParsePersistedFlowResult {
  const shape = checkPersistedFlow(value);
  if (shape.length > 0) return { success: false, error: new ValidationError(shape, 'saved flow') };
  const saved = value as PersistedFlow;
  const { context } = saved;
  const problems: DefinitionProblem[] = [];
  const notHere = `is not a question of ${survey.id}`;
  if (context.survey.id !== survey.id || context.survey.version !== survey.version)
    problems.push({
      path: 'context.survey',
      message: `is ${context.survey.id}@${context.survey.version}, expected ${survey.id}@${survey.version}`,
    });
  else {
    context.path.forEach((id, index) => {
      if (!findQuestion(survey, id))
        problems.push({ path: `context.path[${index}]`, message: notHere });
    });
    const fit = (path: string, question: Question | undefined, answer: AnswerValue) => {
      const code = question ? validateAnswer(question, answer)?.code : undefined;
      if (!question) problems.push({ path, message: notHere });
      // A draft may be incomplete or too long while typed; a wrong kind of answer is not a draft.
      else if (code === 'wrongType' || code === 'outOfRange' || code === 'invalidOption')
        problems.push({ path, message: `does not fit the ${question.type} question (${code})` });
    };
    for (const [id, answer] of Object.entries(context.answers))
      fit(`context.answers.${id}`, findQuestion(survey, id), answer);
    for (const [id, answer] of Object.entries(context.followUpAnswers))
      fit(
        `context.followUpAnswers.${id}`,
        survey.followUps?.find((followUp) => followUp.question.id === id)?.question,
        answer,
      );
  }
  return problems.length > 0
    ? { success: false, error: new ValidationError(problems, 'saved flow') }
    : { success: true, flow: { ...saved, context: { ...context, survey } } };
}
