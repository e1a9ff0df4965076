import type { DefinitionProblem } from '../shared/shared.errors';
import { isTimestamp, TIMESTAMP_MESSAGE } from '../shared/shared.time';
import { FLOW_STEPS, PERSISTED_FLOW_VERSION } from './flow.utils';

// A saved flow is checked by hand, not with `persistedFlowSchema`: restoring a draft is on the path
// to showing a survey, and zod loads later (with the first request). The checks are the schema's,
// each problem named with its path as zod's would be (`test/engine/flow.persist.test.ts` holds the
// two to the same verdicts). The saved copy of the survey is not used (the flow resumes with the
// host's), so only its id and version are read.

type Path = (string | number)[];
type Issue = { path: Path; message: string; expected?: string };
type Check = (value: unknown, path: Path, issues: Issue[]) => void;

const typeName = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function wrongType(expected: string, value: unknown, path: Path, issues: Issue[]): void {
  issues.push({
    path,
    expected,
    message:
      value === undefined
        ? `is required (${expected})`
        : `must be ${article(expected)}, got ${typeName(value)}`,
  });
}

const string =
  (rules: (value: string) => string | undefined = () => undefined): Check =>
  (value, path, issues) => {
    if (typeof value !== 'string') return wrongType('string', value, path, issues);
    const message = rules(value);
    if (message) issues.push({ path, message });
  };
const pattern = (regex: RegExp, message: string) =>
  string((value) => (regex.test(value) ? undefined : message));
const id = pattern(
  /^[A-Za-z][\w-]{0,63}$/,
  'must start with a letter and use only letters, digits, "_" or "-" (64 characters at most)',
);
const timestamp = string((value) => (isTimestamp(value) ? undefined : TIMESTAMP_MESSAGE));
const length = (min: number, max: number, tooShort?: string, tooLong?: string) =>
  string((value) =>
    value.length < min
      ? (tooShort ?? `must have at least ${min} characters`)
      : value.length > max
        ? (tooLong ?? `must have at most ${max} characters`)
        : undefined,
  );
const text = length(1, 2000, 'must not be empty', 'must be 2000 characters at most');
const number: Check = (value, path, issues) => {
  if (typeof value !== 'number' || !Number.isFinite(value))
    wrongType('number', value, path, issues);
};
const boolean: Check = (value, path, issues) => {
  if (typeof value !== 'boolean') wrongType('boolean', value, path, issues);
};
const oneOf =
  (...values: readonly (string | number)[]): Check =>
  (value, path, issues) => {
    if (!values.includes(value as string))
      issues.push({
        path,
        message: `must be one of ${values.map((each) => JSON.stringify(each)).join(', ')}`,
      });
  };
const nullable =
  (check: Check): Check =>
  (value, path, issues) => {
    if (value !== null) check(value, path, issues);
  };
const optional =
  (check: Check): Check =>
  (value, path, issues) => {
    if (value !== undefined) check(value, path, issues);
  };
const array =
  (item: Check, min = 0): Check =>
  (value, path, issues) => {
    if (!Array.isArray(value)) return wrongType('array', value, path, issues);
    if (value.length < min) issues.push({ path, message: `must have at least ${min} items` });
    for (const [index, each] of value.entries()) item(each, [...path, index], issues);
  };
const object =
  (shape: Record<string, Check>): Check =>
  (value, path, issues) => {
    if (!isRecord(value)) return wrongType('object', value, path, issues);
    for (const [key, check] of Object.entries(shape)) check(value[key], [...path, key], issues);
  };
const RESERVED = ['__proto__', 'constructor', 'prototype'];
/** A record of free-form keys: reserved keys refused first (as `freeFormRecord` does), then each entry. */
const record =
  (key: Check, entry: Check, freeForm = false): Check =>
  (value, path, issues) => {
    if (freeForm && isRecord(value)) {
      const reserved = Object.keys(value).filter((name) => RESERVED.includes(name));
      for (const name of reserved)
        issues.push({
          path: [...path, name],
          message: 'is a reserved key (__proto__, constructor and prototype are refused)',
        });
      if (reserved.length > 0) return;
    }
    if (!isRecord(value)) return wrongType('record', value, path, issues);
    for (const [name, each] of Object.entries(value)) {
      const keyIssues: Issue[] = [];
      key(name, [...path, name], keyIssues);
      if (keyIssues.length > 0)
        issues.push({ path: [...path, name], message: 'has an invalid key' });
      else entry(each, [...path, name], issues);
    }
  };
/** Any of `checks`, reported as zod reports a union: the branch that got furthest, or what was expected. */
const union =
  (...checks: Check[]): Check =>
  (value, path, issues) => {
    const branches = checks.map((check) => {
      const found: Issue[] = [];
      check(value, path, found);
      return found;
    });
    if (branches.some((found) => found.length === 0)) return;
    const depth = (found: Issue[]) => Math.max(0, ...found.map((issue) => issue.path.length));
    const deepest = [...branches].sort((a, b) => depth(b) - depth(a))[0] ?? [];
    if (depth(deepest) > path.length) {
      issues.push(...deepest);
      return;
    }
    const expected = branches.flatMap((found) =>
      found.flatMap((issue) =>
        issue.expected && issue.path.length === path.length
          ? [issue.expected === 'record' ? 'object' : issue.expected]
          : [],
      ),
    );
    issues.push({
      path,
      message:
        expected.length > 0
          ? `must be ${[...new Set(expected)].map(article).join(' or ')}, got ${typeName(value)}`
          : 'does not match any allowed form',
    });
  };

const locale = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const texts = record(pattern(locale, 'is not a locale'), text);
const localizedText = union(text, (value, path, issues) => {
  const found: Issue[] = [];
  texts(value, path, found);
  if (found.length === 0 && isRecord(value) && Object.keys(value).length === 0)
    found.push({ path, message: 'must give the text in at least one locale' });
  issues.push(...found);
});
const answers = record(
  id,
  union(
    number,
    length(0, 10000),
    boolean,
    object({ selected: array(id), other: optional(length(0, 1000)) }),
  ),
  true,
);
const nullValue: Check = (value, path, issues) => {
  if (value !== null) wrongType('null', value, path, issues);
};
const persistedFlow = object({
  version: oneOf(PERSISTED_FLOW_VERSION),
  step: oneOf(...FLOW_STEPS),
  context: object({
    survey: object({ id: string(), version: number }),
    customerId: length(1, Number.POSITIVE_INFINITY, 'must not be empty'),
    segment: optional(record(string(), union(string(), number, boolean, nullValue), true)),
    locale: pattern(
      /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/,
      'must be a locale tag such as "en" or "pt-BR"',
    ),
    responseId: length(8, Number.POSITIVE_INFINITY),
    startedAt: timestamp,
    optionOrder: record(id, array(id)),
    path: array(id, 1),
    answers,
    errors: record(
      id,
      object({
        code: oneOf(
          'required',
          'tooLong',
          'otherEmpty',
          'tooFew',
          'tooMany',
          'outOfRange',
          'invalidOption',
          'wrongType',
        ),
        limit: optional(number),
      }),
    ),
    followUpAnswers: answers,
    submitError: nullable(string()),
    impact: nullable(
      array(
        object({
          id: length(1, 200),
          youSaid: optional(localizedText),
          weDid: localizedText,
          details: optional(localizedText),
          shippedAt: timestamp,
          link: optional(
            object({
              href: string((value) =>
                value.length > 2000
                  ? 'must be 2000 characters at most'
                  : /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(value)
                    ? undefined
                    : 'must be an absolute http(s) URL',
              ),
              label: localizedText,
            }),
          ),
        }),
      ),
    ),
    kept: optional(oneOf('draft', 'partial')),
    draftedAt: optional(timestamp),
    optOutScope: optional(oneOf('survey', 'all')),
  }),
});

/** The dot path zod prints (`context.answers.nps`, `context.path[1]`, `context.answers["my-id"]`). */
function dotPath(path: Path): string {
  let out = '';
  for (const segment of path)
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/[^\w$]/.test(segment)) out += `[${JSON.stringify(segment)}]`;
    else out += out ? `.${segment}` : segment;
  return out;
}

/**
 * Checks the shape of a saved flow (untrusted: it comes from storage) as `persistedFlowSchema` does,
 * without zod: every problem, each with its path. Nothing when it has the shape.
 */
export function checkPersistedFlow(value: unknown): DefinitionProblem[] {
  const issues: Issue[] = [];
  persistedFlow(value, [], issues);
  return issues.map((issue) => ({ path: dotPath(issue.path), message: issue.message }));
}
