/**
 * `@palaute/engine/protocol-schemas`: the zod schemas of the customer's routes and the checks that
 * use them. Its own entry point, so `createHttpBackend` loads it with its first request
 * (`import()`), and a page that asks a survey does not load them before the survey can show. Every
 * body and answer is still validated before it is sent or used. Nothing of the team's routes is here.
 *
 * @packageDocumentation
 */
import * as z from 'zod/mini';
import { getImpactNoticeSchema } from '../records/records.schema';
import type { DefinitionProblem } from '../shared/shared.errors';
import { toProblems } from '../shared/shared.problems';
import { type ErrorBody, getErrorBodySchema, type ProtocolRoute } from './protocol.schema';

export { type CustomerRoutes, customerRoutes } from './protocol.schema';

/** The outcome of a check: the value as the schema gives it, or every problem with its path. */
export type Checked =
  | { success: true; data: unknown }
  | { success: false; problems: DefinitionProblem[] };

/**
 * How a protocol client validates what crosses the network: the body before it leaves, the answer
 * before it is trusted, an error answer before it is read. With zod, so it loads with the schemas
 * (see `@palaute/engine/protocol-schemas`), never before the first request. The checks return their
 * verdict and the client throws its own errors, so an error's class is always the main entry's.
 */
export interface ProtocolChecks {
  /** The body as the server would take it. */
  request(route: ProtocolRoute, body: unknown): Checked;
  /** The answer as the route defines it. */
  answer(route: ProtocolRoute, json: unknown): Checked;
  /** An error answer's body, or `undefined` when it is not one. */
  error(json: unknown): ErrorBody['error'] | undefined;
}

const check = (schema: z.ZodMiniType, value: unknown): Checked => {
  const result = z.safeParse(schema, value, { reportInput: true });
  return result.success
    ? { success: true, data: result.data }
    : { success: false, problems: toProblems(result.error.issues) };
};

/** The zod checks of every protocol client. */
export const protocolChecks: ProtocolChecks = {
  request: (route, body) => check(route.request, body),
  answer: (route, json) => check(route.response, json),
  error(json) {
    const parsed = z.safeParse(getErrorBodySchema(), json);
    return parsed.success ? parsed.data.error : undefined;
  },
};

/**
 * The impact notices that are well formed: impact comes from outside (any backend), so one bad
 * item cannot break the flow's impact step.
 */
export function wellFormedNotices<T>(notices: readonly T[]): T[] {
  return notices.filter((notice) => z.safeParse(getImpactNoticeSchema(), notice).success);
}
