/**
 * A function that builds its value on the first call and gives the same value on every call after.
 * The schemas a browser page loads with the outbox and the protocol's checks are built so (see
 * `records/records.schema.ts`): zod's schemas are objects in the page's heap, and a page that only
 * shows a survey builds the few its writes need, when they need them, not every schema of the
 * module it loads. Mark each call `/* @__PURE__ *\/` so a bundle drops the builders it does not use.
 */
export function once<T extends object>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}
