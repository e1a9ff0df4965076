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
