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

/**
 * A request of the Palaute protocol that failed: the HTTP status (0 when no answer came: offline,
 * refused, timed out), the protocol's error code, and whether trying again can help. The outbox reads
 * `retryable` and `retryAfterMs`: a 4xx is kept aside for good, a 429 or 503 waits for `Retry-After`.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  /** The protocol's error code, e.g. `invalid_request`, `rate_limited`, `network`, `timeout`. */
  readonly code: string;
  /** Whether trying again later can help. */
  readonly retryable: boolean;
  /** How long the server asked to wait (`Retry-After`), in ms. */
  readonly retryAfterMs: number | undefined;
  /** For invalid requests: every problem with its path. */
  readonly problems: readonly DefinitionProblem[];

  constructor(init: {
    status: number;
    code: string;
    message: string;
    retryable?: boolean;
    retryAfterMs?: number | undefined;
    problems?: readonly DefinitionProblem[] | undefined;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable ?? isRetryableStatus(init.status);
    this.retryAfterMs = init.retryAfterMs;
    this.problems = init.problems ?? [];
  }
}

/**
 * Whether a status is worth retrying: no answer (0), 408, 425, 429 and 5xx. Every other 4xx is
 * definitive: the same request would be refused again.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 425 || status === 429 || status >= 500;
}
