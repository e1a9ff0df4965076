import type * as z from 'zod/mini';
import type { CustomerDataPort, TeamPort } from '../backend/backend.port';
import { protocolChecks } from './protocol.checks';
import type { HttpBackendOptions } from './protocol.client';
import {
  actManyRoute,
  actRoute,
  cxReportRoute,
  cxResponsesRoute,
  cxTargetsRoute,
  deleteCustomerRoute,
  exportCustomerRoute,
  getFeedbackRoute,
  inboxFacetsRoute,
  listChangesRoute,
  listFeedbackRoute,
  loopMetricsRoute,
  PROTOCOL_VERSION,
  type ProtocolRoute,
  setCxTargetsRoute,
  shipChangeRoute,
} from './protocol.schema';

/**
 * Calls routes given by their definitions, validating with zod loaded up front: the team's and the
 * board's clients, which run where the schemas are wanted anyway.
 */
export function createCaller(options: HttpBackendOptions) {
  return <R extends ProtocolRoute>(
    route: R,
    body: z.input<R['request']>,
    idempotencyKey?: string,
  ): Promise<z.output<R['response']>> =>
    // Imported on use, as the customer client does: a static import would put `sendRequest` on the
    // path of every page that imports the engine, the NPS dialog's included.
    import('./protocol.send').then(({ sendRequest }) =>
      sendRequest(options, protocolChecks, route, body, idempotencyKey),
    );
}

/**
 * The team's {@link TeamPort} over the protocol's `/v1/team` routes, for the host's internal tools,
 * every optional method included, with the data-rights routes ({@link CustomerDataPort}: export or
 * delete everything about one customer). Give it a team credential in `headers`; the server takes
 * the acting member from it (the `by` argument is not sent). A server without a route answers 404
 * (an `HttpError` with the code `not_found`): an older server's `inboxFacets`, say.
 */
export function createHttpTeamBackend(
  options: HttpBackendOptions,
): Required<Omit<TeamPort, 'board'>> & CustomerDataPort {
  const call = createCaller(options);
  const v = PROTOCOL_VERSION;
  return {
    async listFeedback(query = {}) {
      const { items, next } = await call(listFeedbackRoute, { protocol: v, query });
      return next === undefined ? { items } : { items, next };
    },
    async inboxFacets(query = {}) {
      return (await call(inboxFacetsRoute, { protocol: v, query })).facets;
    },
    async getFeedback(id) {
      return (await call(getFeedbackRoute, { protocol: v, id })).item;
    },
    async act(id, action) {
      return (await call(actRoute, { protocol: v, id, action })).item;
    },
    async actMany({ ids, action }) {
      return (await call(actManyRoute, { protocol: v, ids, action })).results;
    },
    async shipChange(change) {
      return (await call(shipChangeRoute, { protocol: v, change })).change;
    },
    async listChanges() {
      return (await call(listChangesRoute, { protocol: v })).changes;
    },
    async loopMetrics(metricsOptions = {}) {
      return (await call(loopMetricsRoute, { protocol: v, ...metricsOptions })).metrics;
    },
    async cxReport(query) {
      return (await call(cxReportRoute, { protocol: v, query })).report;
    },
    async cxTargets() {
      const { targets } = await call(cxTargetsRoute, { protocol: v });
      return { targets };
    },
    async setCxTargets({ targets }) {
      return { targets: (await call(setCxTargetsRoute, { protocol: v, targets })).targets };
    },
    async cxResponses(query) {
      const { items, total, next } = await call(cxResponsesRoute, { protocol: v, query });
      return next === undefined ? { items, total } : { items, total, next };
    },
    async exportCustomer(customerId) {
      return (await call(exportCustomerRoute, { protocol: v, customerId })).export;
    },
    async deleteCustomer(customerId) {
      return (await call(deleteCustomerRoute, { protocol: v, customerId })).deletion;
    },
  };
}
