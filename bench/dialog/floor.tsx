// The floor of `bench/dialog.bench.mjs`: the least an NPS dialog built on the same design needs
// (xstate + @xstate/react + Radix Dialog + zod/mini, nothing else). One question (0–10 radio group),
// "Send" validates the answer, posts it, and shows a thank-you.
import * as Dialog from '@radix-ui/react-dialog';
import { useMachine } from '@xstate/react';
import { useId } from 'react';
import { createRoot } from 'react-dom/client';
import { assign, fromPromise, setup } from 'xstate';
import * as z from 'zod/mini';

/** The NPS scale, 0 to 10. */
const SCORES = Array.from({ length: 11 }, (_, score) => score);

const answerSchema = z.object({ score: z.number().check(z.int(), z.gte(0), z.lte(10)) });

const machine = setup({
  types: {} as {
    context: { score: number | undefined };
    events:
      | { type: 'open' }
      | { type: 'close' }
      | { type: 'pick'; score: number }
      | { type: 'send' };
  },
  actors: {
    post: fromPromise(async ({ input }: { input: { score: number } }) => {
      const answer = await fetch('/api/floor/responses', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(answerSchema.parse(input)),
      });
      if (!answer.ok) throw new Error(String(answer.status));
    }),
  },
  guards: { answered: ({ context }) => context.score !== undefined },
}).createMachine({
  id: 'floor',
  initial: 'closed',
  context: { score: undefined },
  states: {
    closed: { on: { open: { target: 'asking', actions: assign({ score: undefined }) } } },
    asking: {
      on: {
        close: 'closed',
        pick: { actions: assign({ score: ({ event }) => event.score }) },
        send: { target: 'sending', guard: 'answered' },
      },
    },
    sending: {
      invoke: {
        src: 'post',
        input: ({ context }) => ({ score: context.score as number }),
        onDone: 'thanks',
        onError: 'asking',
      },
    },
    thanks: { on: { close: 'closed' } },
  },
});

function Nps() {
  const [state, send] = useMachine(machine);
  const title = useId();
  return (
    <Dialog.Root
      open={!state.matches('closed')}
      onOpenChange={(open) => send({ type: open ? 'open' : 'close' })}
    >
      <Dialog.Trigger id="open">Feedback</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay />
        <Dialog.Content aria-describedby={undefined} data-floor="">
          <Dialog.Title>A quick question</Dialog.Title>
          {state.matches('thanks') ? (
            <p role="status">Thank you for your feedback!</p>
          ) : (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                send({ type: 'send' });
              }}
            >
              <fieldset aria-labelledby={title}>
                <legend id={title}>How likely are you to recommend us to a colleague?</legend>
                {SCORES.map((score) => (
                  <label key={score}>
                    <input
                      type="radio"
                      name="nps"
                      value={score}
                      data-value={score}
                      checked={state.context.score === score}
                      onChange={() => send({ type: 'pick', score })}
                    />
                    {score}
                  </label>
                ))}
              </fieldset>
              <button type="submit" disabled={state.matches('sending')}>
                Send
              </button>
            </form>
          )}
          <Dialog.Close aria-label="Close">×</Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<Nps />);
