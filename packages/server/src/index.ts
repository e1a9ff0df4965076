export type { CustomerDataPort, CustomerDeletion, CustomerExport } from '@palaute/engine';
export {
  BOARD_RATE_LIMITS,
  type BoardRateLimits,
  type BoardServerOptions,
  type BoardWriteKind,
  boardWritesOf,
  createServer,
  type PalauteServer,
  type RateLimitOptions,
  type ServerOptions,
} from './server.app';
export {
  type AuthOptions,
  createAuthenticate,
  signCustomerId,
  signCustomerName,
  type TeamMember,
  teamMemberSchema,
} from './server.auth';
export {
  type Allowance,
  type BucketOptions,
  createRateLimiter,
  type MemoryRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
} from './server.limits';
export { type Listening, type ListenOptions, listen, toNodeHandler } from './server.listen';
export { type OpenServerOptions, openServer } from './server.open';
export { type ContactPolicyGuardOptions, withContactPolicy } from './server.policy';
export { type CustomerProfileResolver, withCustomerProfiles } from './server.profiles';
export {
  signWebhook,
  verifyWebhook,
  WEBHOOK_TOLERANCE_SECONDS,
  type WebhookEndpoint,
  webhookEndpointSchema,
} from './server.webhooks';
export { createSqlRateLimiter, type SqlRateLimiterOptions } from './storage/storage.limits';
export type { MaintenanceRun } from './storage/storage.maintenance';
export { MIGRATIONS, type Migration } from './storage/storage.migrations';
export { openStorage, type ServerStorage, type StorageOptions } from './storage/storage.open';
export {
  startWebhookWorker,
  type WebhookWorker,
  type WebhookWorkerOptions,
  webhookBackoff,
} from './storage/storage.webhooks';
