import type {
  Acknowledgement,
  Answers,
  AnswerValue,
  FollowUp,
  Question,
  Survey,
} from '../survey/survey.schema';
import { END, isScaleQuestion, passesTest, scaleRange } from '../survey/survey.utils';
import type { ValidationIssue } from './flow.schema';

/** The persisted snapshot version. */
export const PERSISTED_FLOW_VERSION = 1;

/**
 * Every step a flow can be at, once for the zod schema and the hand-written saved-flow check (which
 * must not import zod).
 */
export const FLOW_STEPS = [
  'asking',
  'submitting',
  'submitFailed',
  'acknowledging',
  'followingUp',
  'sendingFollowUp',
  'followUpFailed',
  'checkingImpact',
  'showingImpact',
  'done',
  'dismissed',
  'postponed',
  'optedOut',
] as const;

/** The survey question with this id, or `undefined`. */
export function findQuestion(survey: Survey, id: string): Question | undefined {
  return survey.questions.find((question) => question.id === id);
}

/**
 * Cleans an answer as typed: trims text, and treats an empty text or an empty choice as no answer, so
 * "required" means "really answered".
 */
export function normalizeAnswer(value: AnswerValue | undefined): AnswerValue | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'object' && value.selected.length === 0 && value.other === undefined)
    return undefined;
  return value;
}

/** Checks an answer against its question. Returns `null` when it is acceptable. */
export function validateAnswer(
  question: Question,
  raw: AnswerValue | undefined,
): ValidationIssue | null {
  const value = normalizeAnswer(raw);
  if (value === undefined) return question.required ? { code: 'required' } : null;
  if (isScaleQuestion(question)) {
    if (typeof value !== 'number') return { code: 'wrongType' };
    const { min, max } = scaleRange(question);
    return Number.isInteger(value) && value >= min && value <= max ? null : { code: 'outOfRange' };
  }
  switch (question.type) {
    case 'text':
      if (typeof value !== 'string') return { code: 'wrongType' };
      return value.length > question.maxLength
        ? { code: 'tooLong', limit: question.maxLength }
        : null;
    case 'consent':
      if (typeof value !== 'boolean') return { code: 'wrongType' };
      return question.required && !value ? { code: 'required' } : null;
    case 'single':
    case 'multiple': {
      if (typeof value !== 'object') return { code: 'wrongType' };
      const known = new Set(question.options.map((option) => option.id));
      if (value.selected.some((id) => !known.has(id))) return { code: 'invalidOption' };
      if (new Set(value.selected).size !== value.selected.length) return { code: 'invalidOption' };
      if (value.other !== undefined && !question.other) return { code: 'invalidOption' };
      if (value.other !== undefined && value.other.trim() === '') return { code: 'otherEmpty' };
      if (value.other !== undefined && value.other.length > 1000)
        return { code: 'tooLong', limit: 1000 };
      const count = value.selected.length + (value.other === undefined ? 0 : 1);
      if (question.type === 'single') return count > 1 ? { code: 'tooMany', limit: 1 } : null;
      if (question.minSelected !== undefined && count < question.minSelected)
        return { code: 'tooFew', limit: question.minSelected };
      if (question.maxSelected !== undefined && count > question.maxSelected)
        return { code: 'tooMany', limit: question.maxSelected };
      return null;
    }
  }
}

/**
 * Where to go after a question: the first branch whose test the answer passes, else the next question
 * in the survey, else the end. Returns a question id or `'end'`.
 */
export function nextQuestionId(survey: Survey, questionId: string, answers: Answers): string {
  const index = survey.questions.findIndex((question) => question.id === questionId);
  const question = survey.questions[index];
  if (!question) return END;
  const answer = normalizeAnswer(answers[questionId]);
  const branch = question.branches?.find((candidate) => passesTest(candidate.when, answer));
  if (branch) return branch.to;
  return survey.questions[index + 1]?.id ?? END;
}

/**
 * The questions the customer will see with the answers given so far: those visited, then the route
 * ahead. Branches only point forward, so this always ends.
 */
export function plannedPath(
  survey: Survey,
  visited: readonly string[],
  answers: Answers,
): string[] {
  const path = [...visited];
  let current = path[path.length - 1];
  while (current !== undefined) {
    const next = nextQuestionId(survey, current, answers);
    if (next === END || path.includes(next)) break;
    path.push(next);
    current = next;
  }
  return path;
}

/** Keeps only the answers to questions on the path taken, dropping those a changed branch skipped. */
export function answersOnPath(answers: Answers, path: readonly string[]): Answers {
  const kept: Answers = {};
  for (const id of path) {
    const value = normalizeAnswer(answers[id]);
    if (value !== undefined) kept[id] = value;
  }
  return kept;
}

const allHold = (survey: Survey, answers: Answers, when: FollowUp['when'] | undefined) =>
  (when ?? []).every((condition) =>
    passesTest(
      condition,
      findQuestion(survey, condition.question)
        ? normalizeAnswer(answers[condition.question])
        : undefined,
    ),
  );

/** The acknowledgement these answers earn: the first whose conditions all hold. */
export function pickAcknowledgement(survey: Survey, answers: Answers): Acknowledgement | undefined {
  return survey.acknowledgements?.find((ack) => allHold(survey, answers, ack.when));
}

/** The follow-up these answers call for: the first whose conditions all hold. */
export function pickFollowUp(survey: Survey, answers: Answers): FollowUp | undefined {
  return survey.followUps?.find((followUp) => allHold(survey, answers, followUp.when));
}

/**
 * The displayed option order of every question with `randomize`, drawn once per flow (Fisher–Yates)
 * so it stays put across renders and reloads.
 */
export function drawOptionOrder(
  survey: Survey,
  random: () => number = Math.random,
): Record<string, string[]> {
  const order: Record<string, string[]> = {};
  const questions = [
    ...survey.questions,
    ...(survey.followUps ?? []).map((followUp) => followUp.question),
  ];
  for (const question of questions) {
    if ((question.type !== 'single' && question.type !== 'multiple') || !question.randomize)
      continue;
    const ids = question.options.map((option) => option.id);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
    }
    order[question.id] = ids;
  }
  return order;
}
