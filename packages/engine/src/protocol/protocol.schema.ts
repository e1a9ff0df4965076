import * as z from 'zod/mini';
import { customerDeletionSchema, customerExportSchema } from '../backend/backend.rights.schema';
import {
  bulkActionSchema,
  bulkVerdictSchema,
  changeInputSchema,
  changeSchema,
  feedbackItemSchema,
  getCustomerFeedbackSchema,
  inboxFacetsQuerySchema,
  inboxFacetsSchema,
  inboxPageSchema,
  inboxQuerySchema,
  loopMetricsQuerySchema,
  loopMetricsSchema,
  teamActionSchema,
} from '../feedback/feedback.schema';
import { getContactHistoryQuerySchema, getContactHistorySchema } from '../journey/journey.schema';
import {
  cxReportQuerySchema,
  cxReportSchema,
  cxResponsesPageSchema,
  cxResponsesQuerySchema,
  cxTargetsSchema,
} from '../metrics/metrics.schema';
import {
  customerIdSchema,
  getContactChoiceSchema,
  getCustomerIdSchema,
  getCustomerReplySchema,
  getDeliveryItemSchema,
  getDeliveryResultSchema,
  getDismissalSchema,
  getDisplaySchema,
  getFeedbackResponseSchema,
  getFollowUpAnswerSchema,
  getImpactNoticeSchema,
  getImpactQuerySchema,
  getImpactSeenSchema,
  getReadReceiptSchema,
  getSubmitReceiptSchema,
} from '../records/records.schema';
import { once } from '../shared/shared.once';
import { boardRoutes } from './protocol.board';
import { PROTOCOL_VERSION } from './protocol.utils';

export { PROTOCOL_VERSION } from './protocol.utils';

const protocol = () => z.literal(PROTOCOL_VERSION);
const envelope = <Shape extends Record<string, z.core.SomeType>>(shape: Shape) =>
  z.object({ protocol: protocol(), ...shape });

export { PROTOCOL_ERROR_CODES, type ProtocolErrorCode } from './protocol.errors';

/** {@link errorBodySchema}, built on the first call (the first error answer read). */
export const getErrorBodySchema = /* @__PURE__ */ once(() =>
  envelope({
    error: z.object({
      code: z.string().check(z.minLength(1), z.maxLength(100)),
      message: z.string().check(z.maxLength(5000)),
      problems: z.optional(
        z.array(z.object({ path: z.string(), message: z.string() })).check(z.maxLength(1000)),
      ),
    }),
  }),
);
/**
 * The body of every error answer: a code, a message for people, and for invalid requests every
 * problem with its path (`response.answers.nps: must be at most 10`).
 */
export const errorBodySchema = /* @__PURE__ */ getErrorBodySchema();
/** The body of every error answer. */
export type ErrorBody = z.output<typeof errorBodySchema>;

/** The answer to a single write: its idempotency key, and whether it was stored before. */
const writeResultSchema = () =>
  envelope({
    key: z.string().check(z.minLength(1), z.maxLength(300)),
    /** `true` when the same key was stored before: nothing changed. */
    duplicate: z.boolean(),
  });

/** Who may call a route: the customer (publishable key + customer identity) or the team (team token). */
export type RouteAudience = 'customer' | 'team';

/** One route of the protocol: the single source of truth for the client, the server and the OpenAPI document. */
export interface ProtocolRoute {
  method: 'POST';
  path: `/v1/${string}`;
  operationId: string;
  audience: RouteAudience;
  /** A write that is idempotent by its key: the client sends `Idempotency-Key`. */
  idempotent: boolean;
  request: z.ZodMiniType;
  response: z.ZodMiniType;
}

/**
 * A route whose schemas are built the first time either is read (`route.request`,
 * `route.response`), not when the module loads: a page that sends a display builds that route's
 * schemas and no other route's. Built once, then the same schema objects on every read.
 */
const route = <
  D extends Omit<ProtocolRoute, 'request' | 'response'>,
  S extends Pick<ProtocolRoute, 'request' | 'response'>,
>(
  definition: D,
  schemas: () => S,
): D & Readonly<S> => {
  let built: S | undefined;
  const get = () => {
    built ??= schemas();
    return built;
  };
  return Object.defineProperties(definition, {
    request: { get: () => get().request, enumerable: true },
    response: { get: () => get().response, enumerable: true },
  }) as D & Readonly<S>;
};

/** The `submitResponse` route. */
export const submitResponseRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/responses',
      operationId: 'submitResponse',
      audience: 'customer',
      idempotent: true,
    },
    () => ({
      request: envelope({ response: getFeedbackResponseSchema() }),
      response: envelope({ receipt: getSubmitReceiptSchema(), duplicate: z.boolean() }),
    }),
  ))();

/** The `submitFollowUp` route. */
export const submitFollowUpRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/follow-ups',
      operationId: 'submitFollowUp',
      audience: 'customer',
      idempotent: true,
    },
    () => ({
      request: envelope({ followUp: getFollowUpAnswerSchema() }),
      response: writeResultSchema(),
    }),
  ))();

/** The `recordDisplay` route. */
export const recordDisplayRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/displays',
      operationId: 'recordDisplay',
      audience: 'customer',
      idempotent: true,
    },
    () => ({
      request: envelope({ display: getDisplaySchema() }),
      response: writeResultSchema(),
    }),
  ))();

/** The `recordDismissal` route. */
export const recordDismissalRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/dismissals',
      operationId: 'recordDismissal',
      audience: 'customer',
      idempotent: true,
    },
    () => ({
      request: envelope({ dismissal: getDismissalSchema() }),
      response: writeResultSchema(),
    }),
  ))();

/** The `submitReply` route. */
export const submitReplyRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/replies',
      operationId: 'submitReply',
      audience: 'customer',
      idempotent: true,
    },
    () => ({
      request: envelope({ reply: getCustomerReplySchema() }),
      response: writeResultSchema(),
    }),
  ))();

/** The `markRead` route. */
export const markReadRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/read-receipts',
      operationId: 'markRead',
      audience: 'customer',
      idempotent: true,
    },
    () => ({
      request: envelope({ receipt: getReadReceiptSchema() }),
      response: writeResultSchema(),
    }),
  ))();

/** The `markImpactSeen` route. */
export const markImpactSeenRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/impact/seen',
      operationId: 'markImpactSeen',
      audience: 'customer',
      idempotent: true,
    },
    () => ({
      request: envelope({ seen: getImpactSeenSchema() }),
      response: writeResultSchema(),
    }),
  ))();

/** The `setContactChoice` route. */
export const setContactChoiceRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/contact-choices',
      operationId: 'setContactChoice',
      audience: 'customer',
      idempotent: true,
    },
    () => ({
      request: envelope({ choice: getContactChoiceSchema() }),
      response: writeResultSchema(),
    }),
  ))();

/** At most this many writes go in one `/v1/deliveries` batch. */
export const MAX_BATCH_ITEMS = 50;

/** The `deliver` route. */
export const deliverRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/deliveries',
      operationId: 'deliver',
      audience: 'customer',
      idempotent: true,
    },
    () => ({
      request: envelope({
        items: z.array(getDeliveryItemSchema()).check(z.minLength(1), z.maxLength(MAX_BATCH_ITEMS)),
      }),
      response: envelope({ results: z.array(getDeliveryResultSchema()) }),
    }),
  ))();

/** The `listImpact` route. */
export const listImpactRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/impact/query',
      operationId: 'listImpact',
      audience: 'customer',
      idempotent: false,
    },
    () => ({
      request: envelope({ query: getImpactQuerySchema() }),
      response: envelope({ notices: z.array(getImpactNoticeSchema()) }),
    }),
  ))();

/** The `getContactHistory` route. */
export const getContactHistoryRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/contacts/query',
      operationId: 'getContactHistory',
      audience: 'customer',
      idempotent: false,
    },
    () => ({
      request: envelope({ query: getContactHistoryQuerySchema() }),
      response: envelope({ history: getContactHistorySchema() }),
    }),
  ))();

/** The `listMyFeedback` route. */
export const listMyFeedbackRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/feedback/query',
      operationId: 'listMyFeedback',
      audience: 'customer',
      idempotent: false,
    },
    () => ({
      request: envelope({ query: z.object({ customerId: getCustomerIdSchema() }) }),
      response: envelope({ items: z.array(getCustomerFeedbackSchema()) }),
    }),
  ))();

/** The `listFeedback` route. */
export const listFeedbackRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/team/feedback/query',
      operationId: 'listFeedback',
      audience: 'team',
      idempotent: false,
    },
    () => ({
      request: envelope({ query: inboxQuerySchema }),
      response: envelope(inboxPageSchema.shape),
    }),
  ))();

/** The `inboxFacets` route. */
export const inboxFacetsRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/team/feedback/facets',
      operationId: 'inboxFacets',
      audience: 'team',
      idempotent: false,
    },
    () => ({
      request: envelope({ query: inboxFacetsQuerySchema }),
      response: envelope({ facets: inboxFacetsSchema }),
    }),
  ))();

/** The `getFeedback` route. */
export const getFeedbackRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/team/feedback/get',
      operationId: 'getFeedback',
      audience: 'team',
      idempotent: false,
    },
    () => ({
      request: envelope({ id: z.string().check(z.minLength(1), z.maxLength(100)) }),
      response: envelope({ item: feedbackItemSchema }),
    }),
  ))();

/** The `act` route. */
export const actRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/team/feedback/act',
      operationId: 'act',
      audience: 'team',
      idempotent: false,
    },
    () => ({
      request: envelope({
        id: z.string().check(z.minLength(1), z.maxLength(100)),
        action: teamActionSchema,
      }),
      response: envelope({ item: feedbackItemSchema }),
    }),
  ))();

/** The `actMany` route. */
export const actManyRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/team/feedback/act-many',
      operationId: 'actMany',
      audience: 'team',
      idempotent: false,
    },
    () => ({
      request: envelope(bulkActionSchema.shape),
      response: envelope({ results: z.array(bulkVerdictSchema) }),
    }),
  ))();

/** The `shipChange` route. */
export const shipChangeRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/team/changes',
      operationId: 'shipChange',
      audience: 'team',
      idempotent: false,
    },
    () => ({
      request: envelope({ change: changeInputSchema }),
      response: envelope({ change: changeSchema }),
    }),
  ))();

/** The `listChanges` route. */
export const listChangesRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/team/changes/query',
      operationId: 'listChanges',
      audience: 'team',
      idempotent: false,
    },
    () => ({
      request: envelope({}),
      response: envelope({ changes: z.array(changeSchema) }),
    }),
  ))();

/** The `loopMetrics` route. */
export const loopMetricsRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/team/metrics',
      operationId: 'loopMetrics',
      audience: 'team',
      idempotent: false,
    },
    () => ({
      request: envelope(loopMetricsQuerySchema.shape),
      response: envelope({ metrics: loopMetricsSchema }),
    }),
  ))();

/** The `cxReport` route. */
export const cxReportRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/team/cx-report',
      operationId: 'cxReport',
      audience: 'team',
      idempotent: false,
    },
    () => ({
      request: envelope({ query: cxReportQuerySchema }),
      response: envelope({ report: cxReportSchema }),
    }),
  ))();

/** The `cxTargets` route. */
export const cxTargetsRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/team/cx-targets/query',
      operationId: 'cxTargets',
      audience: 'team',
      idempotent: false,
    },
    () => ({
      request: envelope({}),
      response: envelope(cxTargetsSchema.shape),
    }),
  ))();

/** The `setCxTargets` route. */
export const setCxTargetsRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/team/cx-targets',
      operationId: 'setCxTargets',
      audience: 'team',
      idempotent: false,
    },
    () => ({
      request: envelope(cxTargetsSchema.shape),
      response: envelope(cxTargetsSchema.shape),
    }),
  ))();

/** The `cxResponses` route. */
export const cxResponsesRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/team/cx-responses',
      operationId: 'cxResponses',
      audience: 'team',
      idempotent: false,
    },
    () => ({
      request: envelope({ query: cxResponsesQuerySchema }),
      response: envelope(cxResponsesPageSchema.shape),
    }),
  ))();

/** The `exportCustomer` route. */
export const exportCustomerRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/team/customers/export',
      operationId: 'exportCustomer',
      audience: 'team',
      idempotent: false,
    },
    () => ({
      request: envelope({ customerId: customerIdSchema }),
      response: envelope({ export: customerExportSchema }),
    }),
  ))();

/** The `deleteCustomer` route. */
export const deleteCustomerRoute = /* @__PURE__ */ (() =>
  route(
    {
      method: 'POST',
      path: '/v1/team/customers/delete',
      operationId: 'deleteCustomer',
      audience: 'team',
      idempotent: false,
    },
    () => ({
      request: envelope({ customerId: customerIdSchema }),
      response: envelope({ deletion: customerDeletionSchema }),
    }),
  ))();

/**
 * The customer's routes: what `createHttpBackend` calls. The `@palaute/engine/protocol-schemas`
 * entry exports them, so a page loads their schemas with its first request, and none of the team's.
 */
export const customerRoutes = /* @__PURE__ */ (() => ({
  submitResponse: submitResponseRoute,
  submitFollowUp: submitFollowUpRoute,
  recordDisplay: recordDisplayRoute,
  recordDismissal: recordDismissalRoute,
  setContactChoice: setContactChoiceRoute,
  submitReply: submitReplyRoute,
  markRead: markReadRoute,
  markImpactSeen: markImpactSeenRoute,
  deliver: deliverRoute,
  listImpact: listImpactRoute,
  getContactHistory: getContactHistoryRoute,
  listMyFeedback: listMyFeedbackRoute,
}))();
/** The customer's routes, by name. */
export type CustomerRoutes = typeof customerRoutes;

/**
 * Every route of the Palaute HTTP protocol. All are `POST` with JSON bodies (queries too: their
 * filters are validated bodies, not URL strings). Customer routes take the customer's credential;
 * `/v1/team/*` routes take a team credential, so a customer's credential never reaches them. A
 * server takes the acting team member from the credential, never from the body. (Each route is also
 * its own export, so a client that calls a few ships only their schemas.)
 */
export const protocolRoutes = /* @__PURE__ */ (() => ({
  ...customerRoutes,
  listFeedback: listFeedbackRoute,
  inboxFacets: inboxFacetsRoute,
  getFeedback: getFeedbackRoute,
  act: actRoute,
  actMany: actManyRoute,
  shipChange: shipChangeRoute,
  listChanges: listChangesRoute,
  loopMetrics: loopMetricsRoute,
  cxReport: cxReportRoute,
  cxTargets: cxTargetsRoute,
  setCxTargets: setCxTargetsRoute,
  cxResponses: cxResponsesRoute,
  exportCustomer: exportCustomerRoute,
  deleteCustomer: deleteCustomerRoute,
  ...boardRoutes,
}))();

/** The name of a route. */
export type RouteName = keyof typeof protocolRoutes;
/** The request body of a route. */
export type RouteRequest<N extends RouteName> = z.input<(typeof protocolRoutes)[N]['request']>;
/** The response body of a route. */
export type RouteResponse<N extends RouteName> = z.output<(typeof protocolRoutes)[N]['response']>;
