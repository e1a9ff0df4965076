import { type Actor, createActor, fromCallback, fromPromise, type SnapshotFrom } from 'xstate';
import type { BackendPort } from '../backend/backend.port';
import type { BoardPort, PostedBy } from '../board/board.port';
import type { PublicIdea } from '../board/board.schema';
import type { Outbox } from '../outbox/outbox';
import {
  type Attributes,
  deliveryKey,
  type FeedbackKind,
  type FeedbackResponse,
  type IdeaWrite,
} from '../records/records.schema';
import {
  isPublishableKind,
  type LauncherEvent,
  launcherMachine,
  missingFields,
} from './launcher.machine';

/** The survey and touchpoint id a launcher's feedback is filed under unless the host names its own. */
export const LAUNCHER_ID = 'launcher';
/** The answer's question id: the customer's text is this answer of the response. */
export const LAUNCHER_TEXT_ID = 'text';
/** The consent answer's question id: `true` when the customer agreed to be contacted. */
export const LAUNCHER_CONTACT_ID = 'contact';

/** Options of {@link createLauncher}. */
export interface LauncherOptions {
  /** Where the feedback goes (`submitResponse` of a memory or HTTP backend). */
  backend: Pick<BackendPort, 'submitResponse'>;
  /**
   * The durable outbox: the feedback is stored there and arrives once, even offline, and so is its
   * board post (an `idea` write, idempotent by the idea's id). With `subscribe` and `recordStatus`
   * (an {@link Outbox} has both) the launcher follows the post from `queued` to `posted`, or to
   * `postRefused` when the board refuses it for good; without them it stays `queued`.
   */
  outbox?: Pick<Outbox, 'enqueue'> & Partial<Pick<Outbox, 'subscribe' | 'recordStatus'>>;
  /**
   * The board's customer side (`backend.board`): without it nothing is offered for the board and
   * `canPublish` is false. With `getIdea`, an idea the outbox delivered is read back (is it on the
   * board, or waiting for approval?).
   */
  board?: (Pick<BoardPort, 'suggestIdea'> & Partial<Pick<BoardPort, 'getIdea'>>) | undefined;
  /** The signed-in customer. */
  customerId: string;
  /** The customer's name from the host (never typed by them), shown with the idea. */
  postedBy?: PostedBy | undefined;
  /** The customer's attributes now, for the team's segment filters. */
  segment?: Attributes | undefined;
  /** The customer's language. @default 'en' */
  locale?: string | undefined;
  /** The survey the feedback is filed under. @default {@link LAUNCHER_ID} */
  surveyId?: string | undefined;
  /** The touchpoint the feedback is filed under. @default {@link LAUNCHER_ID} */
  touchpointId?: string | undefined;
  /** A kind picked beforehand (an "Report a problem" button). */
  kind?: FeedbackKind | undefined;
  /** Makes the response id (the board idea's id is made from it). @default a random hex id */
  newId?: () => string;
  /** The clock. @default () => new Date() */
  now?: () => Date;
}

/** A running launcher. */
export type LauncherActor = Actor<typeof launcherMachine>;
/** A snapshot of the launcher. */
export type LauncherSnapshot = SnapshotFrom<typeof launcherMachine>;
/** Where the launcher stands. */
export type LauncherState =
  | 'editing'
  | 'submitting'
  | 'posting'
  | 'postFailed'
  | 'queued'
  | 'postRefused'
  | 'sent'
  | 'posted';

function randomId(): string {
  const crypto = (globalThis as { crypto?: { getRandomValues(a: Uint8Array): Uint8Array } }).crypto;
  const bytes = new Uint8Array(16);
  if (crypto) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The launcher machine with its requests provided: the feedback as a response (through the outbox
 * when there is one), its kind recorded, and the board idea under the customer's signed identity.
 */
export function provideLauncher(options: LauncherOptions): typeof launcherMachine {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  return launcherMachine.provide({
    actors: {
      submitFeedback: fromPromise(async ({ input }) => {
        const response: FeedbackResponse = {
          id: input.responseId,
          surveyId: options.surveyId ?? LAUNCHER_ID,
          surveyVersion: 1,
          touchpointId: options.touchpointId ?? LAUNCHER_ID,
          customerId: options.customerId,
          locale: options.locale ?? 'en',
          answers: {
            [LAUNCHER_TEXT_ID]: input.text,
            // A consent answer, as a survey's: the item records that the team may reply.
            [LAUNCHER_CONTACT_ID]: input.contact,
          },
          kind: input.kind,
          ...(options.segment ? { segment: options.segment } : {}),
          startedAt,
          submittedAt: now().toISOString(),
        };
        if (options.outbox) await options.outbox.enqueue('response', response);
        else await options.backend.submitResponse(response);
      }),
      postIdea: fromPromise(async ({ input }): Promise<PublicIdea | undefined> => {
        if (!options.board) throw new Error('The launcher has no board to post to.');
        const write: IdeaWrite = {
          id: input.id,
          customerId: options.customerId,
          kind: input.kind,
          title: input.title,
          body: input.body,
          itemId: input.itemId,
          source: 'launcher',
          ...(options.segment ? { segment: options.segment } : {}),
          at: now().toISOString(),
        };
        if (!options.outbox) return options.board.suggestIdea(write, options.postedBy);
        // Queued: the outbox delivers it once, whenever the network lets it.
        const name = options.postedBy?.name;
        const queued = await options.outbox.enqueue(
          'idea',
          name ? { ...write, authorName: name } : write,
        );
        if ((queued as { stored?: unknown } | undefined)?.stored === false)
          throw new Error('The outbox is full: try again in a moment.');
        return undefined;
      }),
      awaitIdea: fromCallback<LauncherEvent, { id: string }>(({ sendBack, input }) => {
        const { outbox, board } = options;
        const key = deliveryKey({ kind: 'idea', payload: { id: input.id } as IdeaWrite });
        let settled = false;
        const delivered = () => {
          if (settled) return;
          settled = true;
          if (!board?.getIdea) return sendBack({ type: 'idea.delivered' });
          board.getIdea(options.customerId, input.id).then(
            (detail) => sendBack({ type: 'idea.delivered', idea: detail.idea }),
            () => sendBack({ type: 'idea.delivered' }),
          );
        };
        const refused = (error: string) => {
          if (settled) return;
          settled = true;
          sendBack({ type: 'idea.refused', error });
        };
        const unsubscribe = outbox?.subscribe?.((_status, event) => {
          if (!event || !('record' in event) || event.record.key !== key) return;
          if (event.type === 'delivered') delivered();
          else if (event.type === 'rejected')
            refused(event.record.lastError ?? 'The board refused it.');
        });
        // Settled before the launcher listened: delivered (no longer stored) or kept aside.
        const status = unsubscribe ? outbox?.recordStatus?.(key) : 'pending';
        if (status === undefined) delivered();
        else if (status === 'rejected') refused('The board refused it.');
        return () => unsubscribe?.();
      }),
    },
  });
}

/**
 * Starts a launcher: the customer picks a kind, writes, and (for an idea or a problem, with a
 * board) may post it on the public board.
 *
 * @example
 * const launcher = createLauncher({ backend, board: backend.board, customerId: 'cus_1' });
 * const api = connectLauncher(launcher.getSnapshot(), launcher.send, { canPublish: true });
 * api.chooseKind('idea'); api.changeText('Export to Excel'); api.submit();
 */
export function createLauncher(options: LauncherOptions): LauncherActor {
  return createActor(provideLauncher(options), { input: launcherInput(options) }).start();
}

/** A fresh launcher's input: a new response id, and the kind picked beforehand, if any. */
export function launcherInput(options: Pick<LauncherOptions, 'newId' | 'kind'> = {}): {
  responseId: string;
  kind?: FeedbackKind | undefined;
} {
  return { responseId: (options.newId ?? randomId)(), kind: options.kind };
}

/** The launcher's state. */
export const selectLauncherState = (snapshot: LauncherSnapshot): LauncherState =>
  snapshot.value as LauncherState;

/** The launcher's view-model for headless hosts: values plus intents. */
export interface LauncherApi {
  state: LauncherState;
  kind: FeedbackKind | undefined;
  text: string;
  /** Whether the customer agreed to post it on the board. */
  public: boolean;
  /** Whether the customer agreed to be contacted about it. */
  contact: boolean;
  title: string;
  /** Whether the board question is asked: an idea or a problem, and a board to post to. */
  canPublish: boolean;
  /** Fields to mark as missing (only once the customer tried to send). */
  invalid: ('kind' | 'text' | 'title')[];
  /** Whether a request is under way (not a post `queued` in the outbox: that waits on its own). */
  busy: boolean;
  /** The idea on the board, once posted. */
  idea: PublicIdea | undefined;
  /** Posted, and waiting for the team's approval before others see it. */
  pending: boolean;
  error: string | undefined;
  chooseKind(kind: FeedbackKind): void;
  changeText(text: string): void;
  setPublic(value: boolean): void;
  setContact(value: boolean): void;
  changeTitle(title: string): void;
  submit(): void;
  /** Tries the board post again (the feedback itself is already sent). */
  retry(): void;
}

/** The framework-free view-model of a launcher; `canPublish` says whether there is a board. */
export function connectLauncher(
  snapshot: LauncherSnapshot,
  send: LauncherActor['send'],
  options: { canPublish: boolean },
): LauncherApi {
  const state = selectLauncherState(snapshot);
  const { context } = snapshot;
  const canPublish = options.canPublish && isPublishableKind(context.kind);
  return {
    state,
    kind: context.kind,
    text: context.text,
    // Consent given for an idea stays with the draft, but praise is never posted.
    public: canPublish && context.public,
    contact: context.contact,
    title: context.title,
    canPublish,
    invalid: context.attempted ? missingFields(context) : [],
    busy: state === 'submitting' || state === 'posting',
    idea: context.idea,
    pending: context.idea?.pending ?? false,
    error: context.error,
    chooseKind: (kind) => send({ type: 'kind.choose', kind }),
    changeText: (text) => send({ type: 'text.change', text }),
    setPublic: (value) => send({ type: 'public.change', public: value && canPublish }),
    setContact: (value) => send({ type: 'contact.change', contact: value }),
    changeTitle: (title) => send({ type: 'title.change', title }),
    submit: () => send({ type: 'launcher.submit' }),
    retry: () => send({ type: 'launcher.retry' }),
  };
}
