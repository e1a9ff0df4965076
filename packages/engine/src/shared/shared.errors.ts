import * as z from 'zod/mini';
import type { $ZodIssue } from 'zod/v4/core';
import { toDotPath } from 'zod/v4/core';

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

/** Turns zod issues into problems with readable paths and English messages (zod/mini ships none). */
export function toProblems(issues: readonly $ZodIssue[]): DefinitionProblem[] {
  return issues.flatMap((issue) => {
    // A union whose every branch failed: report the branch that got furthest, not "invalid input".
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const deepest = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
      if (depth(deepest) > 0)
        return toProblems(
          deepest.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })),
        );
    }
    return [{ path: toDotPath(issue.path), message: describe(issue) }];
  });
}

const depth = (issues: readonly $ZodIssue[]) =>
  Math.max(0, ...issues.map((issue) => issue.path.length));

function describe(issue: $ZodIssue): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `is required (${issue.expected})`
        : `must be ${article(issue.expected)}, got ${typeName(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_union': {
      if ('note' in issue && issue.note === 'No matching discriminator')
        return `has an unknown "${String(issue.discriminator)}"`;
      const expected = issue.errors
        .flat()
        .flatMap((inner) =>
          inner.code === 'invalid_type' && inner.path.length === 0
            ? [inner.expected === 'record' ? 'object' : inner.expected]
            : [],
        );
      return expected.length > 0
        ? `must be ${[...new Set(expected)].map(article).join(' or ')}, got ${typeName(issue.input)}`
        : 'does not match any allowed form';
    }
    case 'unrecognized_keys':
      return `has unknown keys: ${issue.keys.join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `must have at least ${issue.minimum} ${issue.origin === 'array' ? 'items' : 'characters'}`
        : `must be ${issue.inclusive === false ? '>' : '≥'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `must have at most ${issue.maximum} ${issue.origin === 'array' ? 'items' : 'characters'}`
        : `must be ${issue.inclusive === false ? '<' : '≤'} ${issue.maximum}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid element';
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return 'is invalid';
  }
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
const typeName = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/**
 * Validates a payload as a server would: the parsed value, or a {@link ValidationError} naming the
 * path of each problem (`answers.nps`) and the subject (`response`).
 */
export function checkPayload<T>(schema: z.ZodMiniType<T>, value: unknown, subject: string): T {
  const result = z.safeParse(schema, value, { reportInput: true });
  if (!result.success) throw new ValidationError(toProblems(result.error.issues), subject);
  return result.data;
}
