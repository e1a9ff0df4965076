import type * as FlowPartsModule from './flow.parts';

/**
 * The `import()` of the flow's lazy parts (`dist/flow-parts.js` once built), alone in its file: the
 * one place the network can fail them, which tests stand in for.
 */
export function importFlowParts(): Promise<typeof FlowPartsModule> {
  return import('./flow.parts');
}
