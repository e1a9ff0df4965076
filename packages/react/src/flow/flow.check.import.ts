import type * as PersistedFlowModule from '@palaute/engine/persisted-flow';

/**
 * The `import()` of the saved flow's check (`@palaute/engine/persisted-flow`), alone in its file: the
 * one place the network can fail it, which tests stand in for.
 */
export function importPersistedFlowCheck(): Promise<typeof PersistedFlowModule> {
  return import('@palaute/engine/persisted-flow');
}
