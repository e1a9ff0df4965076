import { type Actor, createActor, fromPromise } from 'xstate';
import type { BackendPort } from '../backend/backend.port';
import { yourFeedbackMachine } from './your-feedback.machine';
import type { YourFeedbackInput } from './your-feedback.schema';

/** A running (or ready to start) your-feedback thread. */
export type YourFeedbackActor = Actor<typeof yourFeedbackMachine>;

/** The your-feedback machine on a backend's `listMyFeedback`; failures are told to `onError`. */
export function createYourFeedbackLogic({
  backend,
  onError,
}: {
  backend: Pick<BackendPort, 'listMyFeedback'>;
  onError?: ((error: unknown, operation: string) => void) | undefined;
}) {
  return yourFeedbackMachine.provide({
    actors: {
      listMyFeedback: fromPromise(async ({ input }) => {
        try {
          if (!backend.listMyFeedback) throw new Error('The backend has no listMyFeedback.');
          return await backend.listMyFeedback({ customerId: input.customerId });
        } catch (error) {
          onError?.(error, 'listMyFeedback');
          throw error;
        }
      }),
    },
  });
}

/**
 * Creates a customer's your-feedback actor (not started).
 *
 * @example
 * ```ts
 * const mine = createYourFeedback({ backend, input: { customerId: 'c-1' } }).start();
 * ```
 */
export function createYourFeedback(options: {
  backend: Pick<BackendPort, 'listMyFeedback'>;
  input: YourFeedbackInput;
  onError?: ((error: unknown, operation: string) => void) | undefined;
}): YourFeedbackActor {
  return createActor(createYourFeedbackLogic(options), { input: options.input });
}
