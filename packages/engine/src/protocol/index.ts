export { boardRoutes } from './protocol.board';
export { createHttpBoard, createHttpBoardTeam } from './protocol.board.client';
export {
  createHttpBackend,
  createHttpTeamBackend,
  type FetchLike,
  type FetchResponseLike,
  type HeadersOption,
  type HttpBackendOptions,
} from './protocol.client';
export { HttpError, isRetryableStatus, parseRetryAfter } from './protocol.errors';
export {
  type Caller,
  createProtocolHandler,
  type ProtocolAnswer,
  type ProtocolHandlerOptions,
  type ProtocolRequest,
} from './protocol.handler';
export { getOpenApiDocument } from './protocol.openapi';
export type { Redact, RedactionContext } from './protocol.redact';
export {
  type ErrorBody,
  errorBodySchema,
  PROTOCOL_ERROR_CODES,
  PROTOCOL_VERSION,
  type ProtocolErrorCode,
  type ProtocolRoute,
  protocolRoutes,
  type RouteAudience,
  type RouteName,
  type RouteRequest,
  type RouteResponse,
} from './protocol.schema';
