import type { SnapshotFrom } from 'xstate';
import type { IdeaDetail } from './board.schema';
import type { ideaThreadMachine } from './board.thread.machine';

/** A snapshot of an idea's thread. */
export type IdeaThreadSnapshot = SnapshotFrom<typeof ideaThreadMachine>;

/** The thread's view: `closed`, `loading`, `ready` or `failed`. Use it as `data-state`. */
export type IdeaThreadView = 'closed' | 'loading' | 'ready' | 'failed';

const value = (snapshot: IdeaThreadSnapshot) =>
  snapshot.value as { view: IdeaThreadView; send: 'idle' | 'sending' };

/** The thread's view. */
export const selectIdeaThreadView = (snapshot: IdeaThreadSnapshot): IdeaThreadView =>
  value(snapshot).view;
/** Whether a comment is on its way. */
export const selectIdeaThreadSending = (snapshot: IdeaThreadSnapshot): boolean =>
  value(snapshot).send === 'sending';
/** The idea with its comments (and the official response), once loaded. */
export const selectIdeaThreadDetail = (snapshot: IdeaThreadSnapshot): IdeaDetail | undefined =>
  snapshot.context.detail;
