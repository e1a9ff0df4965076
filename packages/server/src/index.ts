export type { CustomerDataPort, CustomerDeletion, CustomerExport } from '@palaute/engine';
export { createServer, type ServerOptions } from './server.app';
export { type AuthOptions, createAuthenticate, signCustomerId } from './server.auth';
export { MIGRATIONS, type Migration } from './storage/storage.migrations';
export { openStorage, type ServerStorage, type StorageOptions } from './storage/storage.open';
