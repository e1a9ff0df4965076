/**
 * Not a public entry point (no `exports` entry, no types): the engine's build gives it an entry only
 * so that the zod-free pieces both a survey's page and the lazy outbox use (the error classes, the
 * idempotency keys, the survey helpers) share a chunk of their own. A host's bundler splits at
 * files, so beside the schemas (which the outbox validates with) they would load zod before the
 * survey can show.
 *
 * @packageDocumentation
 */
export { HttpError } from './protocol/protocol.errors';
export { deliveryKey, responseKey } from './records/records.keys';
export { NotFoundError, ValidationError } from './shared/shared.errors';
export { randomId } from './shared/shared.ids';
export { END } from './survey/survey.utils';
