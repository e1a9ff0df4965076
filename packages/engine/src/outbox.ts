/**
 * `@palaute/engine/outbox`: the durable outbox (records stored on the device before any network
 * attempt, delivered exactly once with retries) and its storages. Its own entry point, so a page
 * that asks a survey loads it with its first write (`import('@palaute/engine/outbox')`), not before
 * the survey can show. The main entry exports only their types.
 *
 * @packageDocumentation
 */
export {
  createOutbox,
  type EnqueueResult,
  type FlushOptions,
  type Outbox,
  type OutboxEvent,
  type OutboxLock,
  type OutboxOptions,
  type OutboxStatus,
  type RecordStatus,
} from './outbox/outbox';
export { createIndexedDbOutboxStorage, type IndexedDbFactory } from './outbox/outbox.indexeddb';
export {
  ESSENTIAL_KINDS,
  type OutboxKind,
  type OutboxPayload,
  type OutboxRecord,
  outboxKindSchema,
  outboxRecordSchema,
} from './outbox/outbox.schema';
export {
  createMemoryOutboxStorage,
  createWebStorageOutboxStorage,
  type OutboxStorage,
} from './outbox/outbox.storage';
export type { KeyValueStorage } from './shared/shared.storage';
