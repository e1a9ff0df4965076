/** One problem found in a survey definition or a payload: where it is and what is wrong. */
export interface DefinitionProblem {
  /** The dot path of the bad value, e.g. `questions[2].scale.max` (empty for the root). */
  path: string;
  /** What is wrong, in English, e.g. `must be ≥ min`. */
  message: string;
}

/**
 * Thrown by {@link defineSurvey} (and returned by {@link parseSurvey}) when a survey definition is
 * invalid, and by backends for invalid payloads. Its message lists every problem, one per line, each
 * with its path.
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  /** Every problem found, in document order. */
  readonly problems: readonly DefinitionProblem[];
  /** What was validated, e.g. `survey definition`, `saved flow`, `response`. */
  readonly subject: string;

  constructor(problems: readonly DefinitionProblem[], subject = 'survey definition') {
    super(
      `Invalid ${subject} (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n${problems
        .map((problem) => `  ${problem.path || '(root)'}: ${problem.message}`)
        .join('\n')}`,
    );
    this.problems = problems;
    this.subject = subject;
  }
}

/**
 * Thrown by backends for a write naming a record the writer does not have: a follow-up answer to a
 * response, or a reply or read receipt on a feedback item, that is unknown or another customer's
 * (the two are told apart by no one). A `ValidationError` whose problems name the path of the id; the
 * protocol answers it with 404 `not_found`, for good (the same write would be refused again).
 */
export class NotFoundError extends ValidationError {}
