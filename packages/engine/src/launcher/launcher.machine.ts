import { assign, fromCallback, fromPromise, setup } from 'xstate';
import type { PublicIdea } from '../board/board.schema';
import type { FeedbackKind } from '../records/records.schema';

/** The fewest characters of an idea's title (the board's own rule). */
export const MIN_LAUNCHER_TITLE_LENGTH = 3;

/** What the customer wrote in the launcher, as the machine holds it. */
export interface LauncherContext {
  /** The response id: the feedback item's id, and the idempotency key of a retry. */
  responseId: string;
  kind: FeedbackKind | undefined;
  text: string;
  /** Whether the customer agreed to post it on the public board (unticked until they tick it). */
  public: boolean;
  /** Whether the customer agreed to be contacted about it (unticked until they tick it). */
  contact: boolean;
  title: string;
  /** The customer tried to send: missing fields may now be shown as errors. */
  attempted: boolean;
  /**
   * The idea posted on the board, once it is (through an outbox: once the board has it and it
   * could be read back; `posted` without it when it could not).
   */
  idea: PublicIdea | undefined;
  /** Why the last request failed, if it did. */
  error: string | undefined;
}

/** What the launcher takes: the fields, "send", and "try again" after a failure. */
export type LauncherEvent =
  | { type: 'kind.choose'; kind: FeedbackKind }
  | { type: 'text.change'; text: string }
  | { type: 'public.change'; public: boolean }
  | { type: 'contact.change'; contact: boolean }
  | { type: 'title.change'; title: string }
  | { type: 'launcher.submit' }
  | { type: 'launcher.retry' }
  /** The outbox delivered the queued idea (with the idea as the board now shows it, when read). */
  | { type: 'idea.delivered'; idea?: PublicIdea | undefined }
  /** The board refused the queued idea for good; the outbox keeps it aside. */
  | { type: 'idea.refused'; error: string };

/** What the feedback submission is given. */
export interface LauncherSubmission {
  responseId: string;
  kind: FeedbackKind;
  text: string;
  contact: boolean;
}

/** What the board's idea is made of: an idea or a bug report, linked to the feedback item. */
export interface LauncherIdeaDraft {
  /** The idea's id, made from the response id: its idempotency key, so a retry never posts twice. */
  id: string;
  kind: 'idea' | 'bug';
  title: string;
  body: string;
  itemId: string;
}

/** Kinds that may go to the public board: ideas (as ideas) and problems (as bug reports). */
export const isPublishableKind = (kind: FeedbackKind | undefined): kind is 'idea' | 'problem' =>
  kind === 'idea' || kind === 'problem';

/** Whether the customer asked for it to be public, and it may be. */
export const wantsPublic = (context: LauncherContext): boolean =>
  context.public && isPublishableKind(context.kind);

/** The fields still missing before the launcher can send, by name. */
export function missingFields(context: LauncherContext): ('kind' | 'text' | 'title')[] {
  const missing: ('kind' | 'text' | 'title')[] = [];
  if (!context.kind) missing.push('kind');
  if (!context.text.trim()) missing.push('text');
  if (wantsPublic(context) && context.title.trim().length < MIN_LAUNCHER_TITLE_LENGTH)
    missing.push('title');
  return missing;
}

/** The board idea's id for the launcher response `responseId`: one idea per response. */
export const ideaIdOf = (responseId: string): string => `idea-${responseId}`;

const notProvided = (name: string) => () =>
  Promise.reject(new Error(`The launcher's "${name}" actor was not provided.`));
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Feedback the customer starts: they pick what it is about (`kind`: idea, problem, praise or
 * other), write it, and for an idea or a problem may agree to post it on the public board with a
 * title (`public`, off until they turn it on), and to be contacted about it (`contact`, off too). `editing` until they send; `submitting` stores the
 * feedback (its kind recorded); then, only with their consent, `posting` makes the board idea
 * (an idea, or a bug for a problem) linked to the feedback item. `sent` is private feedback sent,
 * `posted` is feedback sent and on the board (or waiting for approval). A failed submission goes
 * back to `editing` with its error (a retry keeps the response id: stored once); a failed post is
 * `postFailed`, the feedback already safe, until `launcher.retry`. With an outbox the post is
 * queued there (`postIdea` resolves without an idea): `queued` until the outbox delivers it
 * (`posted`) or the board refuses it for good (`postRefused`, kept aside in the outbox and shown).
 * The idea's id comes from the response id, so however often it is sent it is one idea.
 */
export const launcherMachine = /* @__PURE__ */ (() =>
  setup({
    types: {
      context: {} as LauncherContext,
      events: {} as LauncherEvent,
      input: {} as { responseId: string; kind?: FeedbackKind | undefined },
    },
    actors: {
      submitFeedback: fromPromise<void, LauncherSubmission>(notProvided('submitFeedback')),
      postIdea: fromPromise<PublicIdea | undefined, LauncherIdeaDraft>(notProvided('postIdea')),
      awaitIdea: fromCallback<LauncherEvent, { id: string }>(() => {
        throw new Error('The launcher\'s "awaitIdea" actor was not provided.');
      }),
    },
    guards: {
      isComplete: ({ context }) => missingFields(context).length === 0,
      wantsPublic: ({ context }) => wantsPublic(context),
    },
  }).createMachine({
    id: 'palauteLauncher',
    context: ({ input }) => ({
      responseId: input.responseId,
      kind: input.kind,
      text: '',
      public: false,
      contact: false,
      title: '',
      attempted: false,
      idea: undefined,
      error: undefined,
    }),
    initial: 'editing',
    states: {
      editing: {
        on: {
          'kind.choose': { actions: assign(({ event }) => ({ kind: event.kind })) },
          'text.change': { actions: assign(({ event }) => ({ text: event.text })) },
          'public.change': { actions: assign(({ event }) => ({ public: event.public })) },
          'contact.change': { actions: assign(({ event }) => ({ contact: event.contact })) },
          'title.change': { actions: assign(({ event }) => ({ title: event.title })) },
          'launcher.submit': [
            {
              guard: 'isComplete',
              target: 'submitting',
              actions: assign({ attempted: true, error: undefined }),
            },
            { actions: assign({ attempted: true }) },
          ],
        },
      },
      submitting: {
        invoke: {
          src: 'submitFeedback',
          input: ({ context }) => ({
            responseId: context.responseId,
            kind: context.kind as FeedbackKind,
            text: context.text.trim(),
            contact: context.contact,
          }),
          onDone: [{ guard: 'wantsPublic', target: 'posting' }, { target: 'sent' }],
          onError: {
            target: 'editing',
            actions: assign(({ event }) => ({ error: messageOf(event.error) })),
          },
        },
      },
      posting: {
        invoke: {
          src: 'postIdea',
          input: ({ context }) => ({
            id: ideaIdOf(context.responseId),
            kind: context.kind === 'problem' ? ('bug' as const) : ('idea' as const),
            title: context.title.trim(),
            body: context.text.trim(),
            itemId: context.responseId,
          }),
          onDone: [
            {
              guard: ({ event }) => event.output !== undefined,
              target: 'posted',
              actions: assign(({ event }) => ({ idea: event.output, error: undefined })),
            },
            { target: 'queued', actions: assign({ error: undefined }) },
          ],
          onError: {
            target: 'postFailed',
            actions: assign(({ event }) => ({ error: messageOf(event.error) })),
          },
        },
      },
      queued: {
        invoke: {
          src: 'awaitIdea',
          input: ({ context }) => ({ id: ideaIdOf(context.responseId) }),
        },
        on: {
          'idea.delivered': {
            target: 'posted',
            actions: assign(({ event }) => ({ idea: event.idea, error: undefined })),
          },
          'idea.refused': {
            target: 'postRefused',
            actions: assign(({ event }) => ({ error: event.error })),
          },
        },
      },
      postRefused: { type: 'final' },
      postFailed: {
        on: { 'launcher.retry': { target: 'posting', actions: assign({ error: undefined }) } },
      },
      sent: { type: 'final' },
      posted: { type: 'final' },
    },
  }))();
