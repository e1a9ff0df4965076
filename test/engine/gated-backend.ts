import {
  type BackendPort,
  createMemoryBackend,
  type MemoryBackend,
  type MemoryBackendOptions,
} from '@palaute/engine';

/** The backend calls a test settles by hand. */
export type GatedOperation = 'submitResponse' | 'submitFollowUp' | 'listImpact';

interface Gate {
  settle: (outcome: { ok: true; output?: unknown } | { ok: false; error: Error }) => void;
}

/**
 * A memory backend whose network calls wait until the test settles them, so a test decides when and
 * how each one ends, without timers. A call that succeeds does the real memory-backend work (validation,
 * storage, idempotency); one that fails does nothing, as a request lost on the way would.
 */
export interface GatedBackend extends MemoryBackend {
  /** How many calls of an operation are waiting. */
  waiting(operation: GatedOperation): number;
  /** Lets the latest waiting call succeed (with `output` instead of the memory backend's, if given). */
  succeed(operation: GatedOperation, output?: unknown): void;
  /** Makes the latest waiting call fail with `error`. */
  fail(operation: GatedOperation, error?: Error): void;
}

export function createGatedBackend(options: MemoryBackendOptions = {}): GatedBackend {
  const memory = createMemoryBackend(options);
  const gates: Record<GatedOperation, Gate[]> = {
    submitResponse: [],
    submitFollowUp: [],
    listImpact: [],
  };

  const gated =
    <A, T>(operation: GatedOperation, work: (arg: A) => Promise<T>) =>
    (arg: A): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        gates[operation].push({
          settle: (outcome) => {
            if (!outcome.ok) reject(outcome.error);
            else if ('output' in outcome) resolve(outcome.output as T);
            else work(arg).then(resolve, reject);
          },
        });
      });

  // The latest call is the live one: a call from a step the flow has left is never settled.
  const latest = (operation: GatedOperation) => {
    const gate = gates[operation].pop();
    if (!gate) throw new Error(`No ${operation} call is waiting`);
    return gate;
  };

  const port: Pick<BackendPort, GatedOperation> = {
    submitResponse: gated('submitResponse', memory.submitResponse),
    submitFollowUp: gated('submitFollowUp', memory.submitFollowUp),
    listImpact: gated('listImpact', memory.listImpact),
  };

  return {
    ...memory,
    ...port,
    waiting: (operation) => gates[operation].length,
    succeed: (operation, ...output) =>
      latest(operation).settle(output.length > 0 ? { ok: true, output: output[0] } : { ok: true }),
    fail: (operation, error = new Error('Network request failed')) =>
      latest(operation).settle({ ok: false, error }),
  };
}

/** Lets every settled promise and the flow's reactions to it run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
