/**
 * `@palaute/engine/outbox`: the durable outbox (records stored on the device before any network
 * attempt, delivered exactly once with retries) and its storages. Its own entry point, so a page
 * that asks a survey loads it with its first write (`import('@palaute/engine/outbox')`), not before
 * the survey can show. The main entry exports the same functions.
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
} from './outbox';
export { createIndexedDbOutboxStorage, type IndexedDbFactory } from './outbox.indexeddb';
export {
  ESSENTIAL_KINDS,
  type OutboxKind,
  type OutboxPayload,
  type OutboxRecord,
  outboxKindSchema,
  outboxRecordSchema,
} from './outbox.schema';
export {
  createMemoryOutboxStorage,
  createWebStorageOutboxStorage,
  type KeyValueStorage,
  type OutboxStorage,
} from './outbox.storage';
