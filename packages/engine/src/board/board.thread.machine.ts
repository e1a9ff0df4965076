import { assign, fromPromise, setup } from 'xstate';
import type { IdeaDetail } from './board.schema';

/** What an idea's thread holds: the idea with its comments, the comment being written, errors. */
export interface IdeaThreadContext {
  ideaId: string;
  detail: IdeaDetail | undefined;
  /** Why the thread failed to load. */
  loadError: string | undefined;
  /** The comment being written (kept until it is posted). */
  draft: string;
  /** Whether `draft` came back from before (a kept draft), until it is posted. */
  restored: boolean;
  /** Why the last comment failed to post (its text stays in `draft`). */
  sendError: string | undefined;
  /** The text on its way (one comment at a time). */
  posting: string | undefined;
}

/** Input of the idea thread machine: the idea, and a comment written before and not posted. */
export interface IdeaThreadInput {
  ideaId: string;
  draft?: string | undefined;
}

/** What a customer does in an idea's thread. */
export type IdeaThreadEvent =
  | { type: 'thread.toggle' }
  | { type: 'thread.retry' }
  | { type: 'draft.change'; text: string }
  | { type: 'comment.send' };

const notProvided = (name: string) => () =>
  Promise.reject(
    new Error(`The idea thread's "${name}" actor was not provided: use createIdeaThread().`),
  );
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * An idea's comments for a customer, shown on request, and the comment they write. `view` is
 * `closed` until the customer opens it, then `loading`, `ready` or `failed` (`thread.retry`);
 * `send` posts one comment at a time (`sending`), whatever the view does meanwhile: once posted,
 * the thread shows it and the field empties; a failed post keeps the text and says why.
 */
export const ideaThreadMachine = /* @__PURE__ */ (() =>
  setup({
    types: {
      context: {} as IdeaThreadContext,
      input: {} as IdeaThreadInput,
      events: {} as IdeaThreadEvent,
    },
    actors: {
      loadIdea: fromPromise<IdeaDetail, { ideaId: string }>(notProvided('loadIdea')),
      sendComment: fromPromise<IdeaDetail, { ideaId: string; body: string }>(
        notProvided('sendComment'),
      ),
    },
    actions: {
      /** Keeps the comment being written where it outlives this machine (the draft store's). */
      keepDraft: () => undefined,
      /** The comment was posted: its kept draft goes (the draft store's). */
      dropDraft: () => undefined,
    },
    guards: {
      hasText: ({ context }) => context.draft.trim().length > 0,
      /** The field still holds what was posted (text typed on since stays). */
      isDraftPosted: ({ context }) => context.draft.trim() === context.posting?.trim(),
    },
  }).createMachine({
    id: 'palauteIdeaThread',
    type: 'parallel',
    context: ({ input }) => ({
      ideaId: input.ideaId,
      detail: undefined,
      loadError: undefined,
      draft: input.draft ?? '',
      restored: Boolean(input.draft?.trim()),
      sendError: undefined,
      posting: undefined,
    }),
    on: {
      'draft.change': {
        actions: [assign(({ event }) => ({ draft: event.text })), 'keepDraft'],
      },
    },
    states: {
      view: {
        initial: 'closed',
        states: {
          closed: { on: { 'thread.toggle': 'loading' } },
          loading: {
            on: { 'thread.toggle': 'closed' },
            invoke: {
              src: 'loadIdea',
              input: ({ context }) => ({ ideaId: context.ideaId }),
              onDone: {
                target: 'ready',
                actions: assign(({ event }) => ({ detail: event.output, loadError: undefined })),
              },
              onError: {
                target: 'failed',
                actions: assign(({ event }) => ({ loadError: errorText(event.error) })),
              },
            },
          },
          ready: { on: { 'thread.toggle': 'closed' } },
          failed: { on: { 'thread.toggle': 'closed', 'thread.retry': 'loading' } },
        },
      },
      send: {
        initial: 'idle',
        states: {
          idle: {
            on: {
              'comment.send': {
                guard: 'hasText',
                target: 'sending',
                actions: assign(({ context }) => ({
                  sendError: undefined,
                  posting: context.draft,
                })),
              },
            },
          },
          sending: {
            invoke: {
              src: 'sendComment',
              input: ({ context }) => ({ ideaId: context.ideaId, body: context.posting ?? '' }),
              onDone: [
                {
                  guard: 'isDraftPosted',
                  target: 'idle',
                  actions: [
                    assign(({ event }) => ({
                      detail: event.output,
                      draft: '',
                      restored: false,
                      posting: undefined,
                    })),
                    'dropDraft',
                  ],
                },
                {
                  target: 'idle',
                  actions: assign(({ event }) => ({ detail: event.output, posting: undefined })),
                },
              ],
              onError: {
                target: 'idle',
                actions: assign(({ event }) => ({
                  sendError: errorText(event.error),
                  posting: undefined,
                })),
              },
            },
          },
        },
      },
    },
  }))();
