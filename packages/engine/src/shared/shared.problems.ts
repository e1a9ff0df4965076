import * as z from 'zod/mini';
import type { $ZodIssue } from 'zod/v4/core';
import { toDotPath } from 'zod/v4/core';
import { type DefinitionProblem, ValidationError } from './shared.errors';

// Apart from the error classes (shared.errors.ts), which carry no zod: a page that only shows a
// survey needs the classes, not zod.

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
