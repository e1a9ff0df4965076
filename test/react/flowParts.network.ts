// A stand-in for `flow.parts.import` (the dialog's `import()` of its lazy parts) whose network the
// test controls, for the test files that check what the dialog does while its parts cannot load.
// Use it with `vi.mock('../../packages/react/src/flow/flow.parts.import', () =>
// import('./flowParts.network'))`; a load that succeeded stays loaded for the rest of a file.

/** The network the parts load over: down, or a loader that throws at once; loads counted. */
export const network = { down: false, throwsAtOnce: false, attempts: 0 };

/** Loads the parts unless the network is down (or the loader throws before its promise). */
export function importFlowParts() {
  network.attempts += 1;
  // A loader that throws before it returns a promise (as a rewritten `import()` does in a frame
  // whose window lacks the rewriter's helper).
  if (network.throwsAtOnce) throw new TypeError('Cannot read properties of undefined');
  if (network.down)
    return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
  return import('../../packages/react/src/flow/flow.parts');
}
