import {
  type BoardPort,
  connectLauncher,
  type FeedbackKind,
  type LauncherApi,
  launcherInput,
  provideLauncher,
} from '@palaute/engine';
import { useId, useMemo, useRef, useState } from 'react';
import { useMessages } from '../i18n/useMessages';
import { usePalaute } from '../provider/PalauteProvider';
import { useActorRef, useSelector } from '../shared/useActor';
import { launcherFormCatalogues } from './launcher.messages';

/** The board the launcher posts to: `suggestIdea`, and `getIdea` to read a delivered post back. */
type LauncherBoard = Pick<BoardPort, 'suggestIdea'> & Partial<Pick<BoardPort, 'getIdea'>>;

/** Options of {@link useLauncher}. */
export interface UseLauncherOptions {
  /**
   * The customer's display name from the host (never typed by them), shown with a board post. Over
   * HTTP the server takes the name the host signed; this one is shown in the form and used by a
   * memory backend.
   */
  displayName?: string | undefined;
  /**
   * The board to post to (with `getIdea`, a post the outbox delivered is read back: on the board,
   * or waiting for approval). @default the provider backend's `board` (no board: nothing is
   * offered for it)
   */
  board?: LauncherBoard | undefined;
  /** A kind picked beforehand ("Report a problem"). */
  kind?: FeedbackKind | undefined;
}

/** What {@link useLauncher} returns: the launcher's view-model, its ids and what to announce. */
export interface UseLauncherResult extends LauncherApi {
  /** Ids of the form's parts, for labels and descriptions. */
  ids: { text: string; title: string; public: string; error: string };
  /** What the live region says: the outcome, or what went wrong. */
  announcement: string;
  /** The strings of the form, in the provider's language. */
  t: ReturnType<typeof useMessages<typeof launcherFormCatalogues.en>>['t'];
}

/**
 * The launcher's own feedback form, headless: the engine's launcher (what it is about, the text,
 * the public board) for the provider's customer, its feedback through the provider's outbox.
 *
 * @example
 * const launcher = useLauncher({ displayName: user.name });
 * launcher.chooseKind('idea'); launcher.changeText('Excel export'); launcher.submit();
 */
export function useLauncher(options: UseLauncherOptions = {}): UseLauncherResult {
  const palaute = usePalaute();
  const { t } = useMessages(launcherFormCatalogues);
  const backend = palaute.backend;
  if (!backend) throw new Error('useLauncher needs a provider with a backend.');
  const board = options.board ?? backend.board;
  const latest = useRef({ backend, board, outbox: palaute.outbox, palaute });
  latest.current = { backend, board, outbox: palaute.outbox, palaute };
  const customerId = palaute.customer?.id ?? '';
  const logic = useMemo(
    () =>
      provideLauncher({
        backend: { submitResponse: (response) => latest.current.backend.submitResponse(response) },
        ...(latest.current.outbox
          ? {
              outbox: {
                enqueue: (kind, payload) => {
                  const outbox = latest.current.outbox;
                  return outbox
                    ? outbox.enqueue(kind, payload)
                    : Promise.reject(new Error('The outbox is gone.'));
                },
                // The board post is followed from the outbox: queued, then delivered or refused.
                subscribe: (listener) => latest.current.outbox?.subscribe(listener) ?? (() => {}),
                recordStatus: (key) => latest.current.outbox?.recordStatus(key),
              },
            }
          : {}),
        ...(latest.current.board
          ? {
              board: {
                suggestIdea: (input, by) =>
                  (latest.current.board as LauncherBoard).suggestIdea(input, by),
                getIdea: (customerId, ideaId) => {
                  const board = latest.current.board as LauncherBoard;
                  return board.getIdea
                    ? board.getIdea(customerId, ideaId)
                    : Promise.reject(new Error('This board cannot be read.'));
                },
              },
            }
          : {}),
        customerId,
        postedBy: options.displayName ? { name: options.displayName } : undefined,
        segment: latest.current.palaute.customer?.attributes,
        locale: latest.current.palaute.locale,
      }),
    [customerId, options.displayName],
  );
  const [input] = useState(() => launcherInput({ kind: options.kind }));
  const actor = useActorRef(logic, { input });
  const canPublish = board !== undefined;
  const api = useSelector(
    actor,
    (snapshot) => connectLauncher(snapshot, actor.send, { canPublish }),
    sameApi,
  );
  // React's id, not the response id: the same on the server and in the browser.
  const base = useId();
  const title = api.idea?.title ?? api.title.trim();
  const announcement =
    api.state === 'sent'
      ? t('launcherSent')
      : api.state === 'posted'
        ? // Delivered through the outbox but not read back: said as no more than that.
          t(api.idea ? (api.pending ? 'launcherPending' : 'launcherPosted') : 'launcherDelivered', {
            title,
          })
        : api.state === 'queued'
          ? t('launcherQueued', { title })
          : api.state === 'postRefused'
            ? t('launcherPostRefused', { title, message: api.error ?? '' })
            : api.state === 'postFailed'
              ? t('launcherPostFailed', { message: api.error ?? '' })
              : api.error
                ? t('launcherFailed', { message: api.error })
                : '';
  return {
    ...api,
    ids: {
      text: `palaute-launcher-${base}-text`,
      title: `palaute-launcher-${base}-title`,
      public: `palaute-launcher-${base}-public`,
      error: `palaute-launcher-${base}-error`,
    },
    announcement,
    t,
  };
}

/** Whether two view-models show the same thing (a new object each snapshot otherwise). */
function sameApi(a: LauncherApi, b: LauncherApi): boolean {
  return (
    a.state === b.state &&
    a.kind === b.kind &&
    a.text === b.text &&
    a.public === b.public &&
    a.contact === b.contact &&
    a.title === b.title &&
    a.canPublish === b.canPublish &&
    a.invalid.join() === b.invalid.join() &&
    a.idea === b.idea &&
    a.error === b.error
  );
}
