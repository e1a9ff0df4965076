/**
 * `@palaute/engine/protocol-schemas`: the customer routes' zod schemas and their checks
 * (`protocol/protocol.checks.ts`), which `createHttpBackend` loads with its first request, and the
 * durable outbox (`@palaute/engine/outbox`), which validates its records with the same schemas. One
 * file built whole (see `tsup.config.ts`): a page that asks a survey loads both with one `import()`
 * of this entry, the provider's outbox included, and its bundler makes one lazy chunk of them, not
 * two stubs and a shared chunk. `@palaute/engine/outbox` gives the outbox's part of it.
 *
 * @packageDocumentation
 */
export * from './outbox';
export * from './protocol/protocol.checks';
