import { createActor, fromPromise, type Actor as XActor } from 'xstate';
import { type DraftStore, tryingDraft } from '../drafts/drafts.store';
import { retriedIds } from '../shared/shared.attempts';
import { randomId } from '../shared/shared.ids';
import type { BoardPort } from './board.port';
import type { IdeaDetail } from './board.schema';
import {
  type IdeaThreadEvent,
  type IdeaThreadInput,
  ideaThreadMachine,
} from './board.thread.machine';
import {
  type IdeaThreadSnapshot,
  type IdeaThreadView,
  selectIdeaThreadDetail,
  selectIdeaThreadSending,
  selectIdeaThreadView,
} from './board.thread.selectors';

/** The draft store's scope of a customer's comment on an idea (under the idea's id). */
export const COMMENT_DRAFTS = 'comment';

/** Options of {@link provideIdeaThread} and {@link createIdeaThread}. */
export interface IdeaThreadOptions {
  /** The board's customer side (`backend.board`). */
  port: BoardPort;
  /** The customer reading and commenting. */
  customerId: string;
  /**
   * Keeps the comment being written beyond this thread (scope {@link COMMENT_DRAFTS}, under the
   * customer's id), so a thread opened later gives it back: `createIdeaThread` reads it.
   */
  drafts?: DraftStore | undefined;
  /** Makes comment ids (a comment tried again keeps its first). @default a random UUID */
  newId?: (() => string) | undefined;
  /** The clock of a comment and of its draft. @default () => new Date() */
  now?: (() => Date) | undefined;
}

/** A running idea thread. */
export type IdeaThreadActor = XActor<typeof ideaThreadMachine>;

/**
 * The idea thread machine with its side effects provided from a {@link BoardPort}: a comment
 * tried again after a failure keeps its first attempt's id (the port is idempotent by it), and
 * the thread is read again once it is posted.
 */
export function provideIdeaThread(options: IdeaThreadOptions): typeof ideaThreadMachine {
  const { port, customerId, drafts } = options;
  const now = options.now ?? (() => new Date());
  const attempts = retriedIds(options.newId ?? randomId);
  return ideaThreadMachine.provide({
    actors: {
      loadIdea: fromPromise(({ input }) => port.getIdea(customerId, input.ideaId)),
      sendComment: fromPromise(async ({ input }) => {
        const { ideaId, body } = input;
        await attempts.write(
          `${ideaId}\u0000${body.trim()}`,
          (id) =>
            port.comment({
              id: `comment-${id}`,
              customerId,
              ideaId,
              body,
              at: now().toISOString(),
            }),
          tryingDraft(
            drafts,
            { scope: COMMENT_DRAFTS, ownerId: customerId, itemId: ideaId },
            body,
            now,
          ),
        );
        return port.getIdea(customerId, ideaId);
      }),
    },
    actions: {
      keepDraft: ({ context }) =>
        drafts?.write(
          COMMENT_DRAFTS,
          customerId,
          context.ideaId,
          context.draft,
          now().toISOString(),
        ),
      dropDraft: ({ context }) => drafts?.clear(COMMENT_DRAFTS, customerId, context.ideaId),
    },
  });
}

/**
 * Starts a customer's thread on one idea (closed until `toggle()`), with the comment they wrote
 * before and did not post, when the draft store kept one.
 *
 * @example
 * ```ts
 * const thread = createIdeaThread({ port: backend.board, customerId: 'anna' }, { ideaId });
 * const api = connectIdeaThread(thread.getSnapshot(), thread.send);
 * api.toggle();
 * ```
 */
export function createIdeaThread(
  options: IdeaThreadOptions,
  input: IdeaThreadInput,
): IdeaThreadActor {
  return createActor(provideIdeaThread(options), {
    input: { draft: keptCommentDraft(options.drafts, options.customerId, input.ideaId), ...input },
  });
}

/** The comment a customer wrote on an idea and did not post, as the draft store kept it. */
export function keptCommentDraft(
  drafts: DraftStore | undefined,
  customerId: string,
  ideaId: string,
): string | undefined {
  return customerId ? drafts?.read(COMMENT_DRAFTS, customerId)[ideaId]?.text : undefined;
}

/** The framework-free view of an idea's thread: values to show and intents to call. */
export interface IdeaThreadApi {
  view: IdeaThreadView;
  /** Whether the thread is shown (loading, ready or failed). */
  open: boolean;
  detail: IdeaDetail | undefined;
  loadError: string | undefined;
  /** The comment being written. */
  draft: string;
  /** Whether the comment came back from before (until it is posted). */
  restored: boolean;
  /** Whether a comment is on its way. */
  sending: boolean;
  /** Why the last comment failed to post (its text stays in `draft`). */
  sendError: string | undefined;
  /** Shows or hides the thread. */
  toggle(): void;
  /** Loads the thread again after a failure. */
  retry(): void;
  /** Keeps what the customer wrote. */
  setDraft(text: string): void;
  /** Posts the comment being written (nothing for blank text). */
  send(): void;
}

/** The idea thread's view-model for hosts that render their own UI. */
export function connectIdeaThread(
  snapshot: IdeaThreadSnapshot,
  send: (event: IdeaThreadEvent) => void,
): IdeaThreadApi {
  const view = selectIdeaThreadView(snapshot);
  const { loadError, draft, restored, sendError } = snapshot.context;
  return {
    view,
    open: view !== 'closed',
    detail: selectIdeaThreadDetail(snapshot),
    loadError,
    draft,
    restored,
    sending: selectIdeaThreadSending(snapshot),
    sendError,
    toggle: () => send({ type: 'thread.toggle' }),
    retry: () => send({ type: 'thread.retry' }),
    setDraft: (text) => send({ type: 'draft.change', text }),
    send: () => send({ type: 'comment.send' }),
  };
}
