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
import { getContactHistorySchema } from '../journey/journey.schema';
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
  summary: string;
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
      summary: 'Store a response (idempotent by response id).',
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
      summary: 'Join a follow-up answer to its response (idempotent by response and follow-up).',
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
      summary: 'Record that a survey was shown (one per flow).',
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
      summary: 'Record that the customer closed a survey, asked to be asked later or opted out.',
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
      summary: "Add the customer's reply to the thread of their feedback (idempotent by reply id).",
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
      summary: "Mark the team's messages on an item read by the customer.",
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
      summary: 'Record that the customer saw an impact notice (not listed again).',
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
      summary:
        'Opt the customer out of one survey or all of them, or turn an opt-out back on (idempotent by choice id; the latest choice for a scope wins).',
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
      summary:
        'Deliver a batch of writes; each is answered on its own (stored, duplicate or rejected) by its key, an invalid one too.',
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
      summary: "The shipped changes this customer's feedback led to and they have not seen.",
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
      summary: "The customer's contacts across devices, for the contact policy.",
      audience: 'customer',
      idempotent: false,
    },
    () => ({
      request: envelope({ query: z.object({ customerId: getCustomerIdSchema() }) }),
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
      summary: "The customer's own feedback: status, replies and impact.",
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
      summary:
        'The inbox, a page at a time: feedback items matching the filters, unprocessed first; at most `limit` (default 50, at most 500), with `next` when more match. Send `next` back as `cursor` (same filters and sort) for the page after it.',
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
      summary:
        'The inbox\'s facets, for its filters: the touchpoints and the segment keys with their values (typed: 12 and "12" apart), each with how many items have it, over the whole inbox; the most common first, at most `limit` values per facet (default 20, at most 100) and `keys` segment keys (default 20, at most 100), with what each leaves out (`omitted`, `omittedSegmentKeys`).',
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
      summary: 'One feedback item with its history and thread.',
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
      summary:
        'Change the status of an item, reply to its customer (where they consented), set its CX level, add or remove tags, or assign it to a team member.',
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
      summary:
        'One action on many items (a status move, tags, the assignee or the CX level; at most 500 ids, each once), each under the lifecycle rules: one verdict per id in the order given, `done` with the item or `refused` with its code (`not_found`, `lifecycle.<rule>`); a refused item stays as it was.',
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
      summary:
        'Record a shipped change, ship the items it answers, and notify exactly their customers.',
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
      summary: 'Every shipped change.',
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
      summary:
        'Loop metrics: unprocessed share and aging, overdue (past `responseTargetHours`, default 48), time to first response and to close (median and 90th percentile: `percentile_cont`), overall and per touchpoint.',
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
      summary:
        "The CX report: NPS, CSAT, CES and ratings with n, 95 % intervals and low-sample flags, overall and per touchpoint in journey order, per period for trends and against `compareTo` (changes tested, per touchpoint with Benjamini–Hochberg control); response, dismissal and opt-out rates; loop metrics, CX levels and promise vs delivery; the stepped targets' states.",
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
      summary: 'The stepped targets the CX report measures.',
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
      summary:
        'Replace the stepped targets (at most 100; milestones in date order, ids unique); answers the targets stored.',
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
      summary:
        "The answers behind a figure (the detractors' verbatims at a touchpoint, say): scored answers of a metric in a period, filtered by touchpoint, segment, score range and text, newest first, a page at a time (`next` back as `cursor`).",
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
      summary:
        'Data rights: everything stored about one customer (responses, displays, dismissals, replies, items, notices), as one document.',
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
      summary:
        'Data rights: delete everything stored about one customer; answers how many records of each kind went (again: zeros).',
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
