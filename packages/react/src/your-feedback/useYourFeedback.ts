import {
  type CustomerFeedback,
  type CustomerReply,
  deliveryKey,
  type FeedbackStatus,
  type ImpactSeen,
  type ReadReceipt,
  type Survey,
  yourFeedbackItemStateOf,
} from '@palaute/engine';
import {
  type ChangeEvent,
  type FormEvent,
  type MouseEvent,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import type { MessageKey } from '../i18n/en';
import type { LoopMessageKey } from '../i18n/loop';
import { useLoopTools } from '../i18n/loop';
import { usePalaute } from '../PalauteProvider';
import { firstScore, randomId } from '../shared/utils';
import { useOnline } from '../useDelivery';
import { useSeen } from './useSeen';

/** Where the panel stands: loading, showing items, nothing sent yet, or the list could not load. */
export type YourFeedbackState = 'loading' | 'ready' | 'empty' | 'error';

/**
 * Where one of the customer's own messages stands:
 * - `sending`: stored on this device (or on its way, without an outbox), the first try under way;
 * - `offline`: stored on this device, and the browser is offline;
 * - `queued`: stored on this device, a try failed, another will follow;
 * - `rejected`: stored on this device, but the server refused it for good;
 * - `failed`: sent without an outbox and it failed; kept on the page to try again;
 * - `sent`: the server has it; `read`: and the team has read it.
 */
export type ReplyDelivery =
  | 'sending'
  | 'offline'
  | 'queued'
  | 'rejected'
  | 'failed'
  | 'sent'
  | 'read';

/** One message of a thread, as the customer reads it. */
export interface ThreadMessage {
  id: string;
  /** The customer's own message. */
  mine: boolean;
  /** "You", or the team member's name. */
  author: string;
  /** Plain text. */
  body: string;
  at: string;
  /** Where the customer's own message stands; `undefined` on the team's. */
  delivery: ReplyDelivery | undefined;
  /** A message from the team the customer has not read yet. */
  unread: boolean;
}

/** One step of the item's life, as the customer reads it. */
export interface YourFeedbackStep {
  status: FeedbackStatus;
  /** In plain words: "Received", "Planned", "Not planned"… */
  label: string;
  at: string;
}

/** One piece of the customer's feedback, ready to render. */
export interface YourFeedbackItem {
  id: string;
  /** What the backend says of it. */
  feedback: CustomerFeedback;
  status: FeedbackStatus;
  /** The status in plain words ("We are looking into it"). */
  statusLabel: string;
  /** What the status means, where it needs saying ("planned" is not done). */
  statusNote: string | undefined;
  /** Why the team declined it, as they wrote it to the customer. */
  declineReason: string | undefined;
  /**
   * The score the customer gave, in words ("Your score: 2 of 5"; without the survey, "Your score:
   * 2"), so an answer without words is theirs to see too; `undefined` without one.
   */
  score: string | undefined;
  /**
   * What the empty thread says: `waiting` (they may be contacted, nobody wrote yet), `declined`
   * (they were asked to be contacted and said no) or `notAsked` (nobody asked; nothing is said).
   */
  contact: 'waiting' | 'declined' | 'notAsked';
  steps: YourFeedbackStep[];
  messages: ThreadMessage[];
  /** Messages from the team not read yet. */
  unread: number;
  /** The customer may answer back: the team has written. */
  canReply: boolean;
  /** The thread is shown. */
  expanded: boolean;
  /** The answer being written. */
  draft: string;
  /** Why the last answer could not be sent or stored, in the customer's language. */
  error: string | undefined;
  /**
   * The impact notice is `new` to the customer (not seen before this visit; it stays `new` while
   * the panel is open, also once recorded as seen here) or `seen`; `undefined` without one.
   */
  impactState: 'new' | 'seen' | undefined;
}

/** Options of {@link useYourFeedback}. */
export interface UseYourFeedbackOptions {
  /**
   * Looks for news (a reply, a status change) this often, in ms; `0` never. The list is also
   * reloaded when the window regains focus and after the outbox delivers the customer's writes.
   * @default 60000
   */
  refreshMs?: number | undefined;
  /**
   * The surveys the feedback came from, to say a score with its scale ("2 of 5").
   * @default the Palaute client's surveys, when the provider has a client
   */
  surveys?: readonly Survey[] | undefined;
  /** The clock for replies and read receipts (tests and stories). @default () => new Date() */
  now?: (() => Date) | undefined;
  /** Makes reply ids (tests and stories). @default crypto.randomUUID */
  createId?: (() => string) | undefined;
}

/** What {@link useYourFeedback} returns: values to render, intents and prop getters. */
export interface YourFeedbackApi {
  state: YourFeedbackState;
  items: YourFeedbackItem[];
  /** The team's replies not read yet, over every item: the badge on "Your feedback". */
  unseenReplies: number;
  /** The latest polite announcement (a reply arrived, an answer was sent). */
  announcement: string;
  /** Reloads the list. */
  refresh(): Promise<void>;
  /** Shows or hides an item's thread; showing it marks the team's messages read. */
  toggle(itemId: string): void;
  setDraft(itemId: string, text: string): void;
  /** Sends the draft: stored on this device first when there is an outbox, shown at once. */
  send(itemId: string): Promise<void>;
  /** Tries a failed answer again (or flushes the outbox now). */
  retry(replyId: string): void;
  /**
   * The customer has seen the item's impact notice: recorded once (through the outbox, else the
   * backend's `markImpactSeen`, and told to the Palaute client), so no touchpoint offers it again;
   * it stays `new` while the panel is open. {@link YourFeedbackApi.getImpactProps}' ref calls it
   * when the notice is in view; call it yourself when you show the notice without that ref.
   * Does nothing for a notice already seen, or an item without one.
   */
  markImpactSeen(itemId: string): void;
  getRootProps(): {
    'aria-labelledby': string;
    'aria-busy': true | undefined;
    'data-state': YourFeedbackState;
  };
  getTitleProps(): { id: string; 'data-part': 'title' };
  /** The live region for new replies and delivery news; render it always. */
  getAnnouncerProps(): {
    role: 'status';
    'aria-live': 'polite';
    'aria-atomic': true;
    'data-part': 'announcer';
  };
  /** One item's `article`, named by its heading. */
  getItemProps(item: { id: string }): {
    'aria-labelledby': string;
    'data-part': 'feedback';
    'data-state': FeedbackStatus;
    'data-unread': '' | undefined;
  };
  getItemTitleProps(item: { id: string }): { id: string; 'data-part': 'item-title' };
  /**
   * What holds the item's impact notice, with whether it is news to the customer. While the notice
   * is unseen, `ref` watches the element and calls {@link YourFeedbackApi.markImpactSeen} once half
   * of it (or half the viewport, for a very tall one) has been in view while the page is visible;
   * without `IntersectionObserver` (old browsers, jsdom), once it is rendered. Put it on the
   * element that shows the notice, not on one always in view.
   */
  getImpactProps(item: { id: string }): {
    ref: ((element: Element | null) => void) | undefined;
    'data-part': 'impact';
    'data-state': 'new' | 'seen' | undefined;
  };
  /** The disclosure button of the item's thread. */
  getToggleProps(item: { id: string; onClick?: (event: MouseEvent<HTMLButtonElement>) => void }): {
    type: 'button';
    id: string;
    'aria-expanded': boolean;
    'aria-controls': string;
    'data-part': 'thread-toggle';
    'data-state': 'open' | 'closed';
    onClick: (event: MouseEvent<HTMLButtonElement>) => void;
  };
  /** The thread the disclosure shows and hides. */
  getThreadProps(item: { id: string }): {
    id: string;
    hidden: boolean;
    'data-part': 'thread';
    'data-state': 'open' | 'closed';
  };
  getFormProps(item: { id: string }): {
    noValidate: true;
    'data-part': 'reply';
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  };
  getLabelProps(item: { id: string }): { htmlFor: string; 'data-part': 'label' };
  getFieldProps(item: { id: string }): {
    id: string;
    ref: (element: HTMLTextAreaElement | null) => void;
    value: string;
    maxLength: number;
    rows: number;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
    'data-part': 'field';
    onChange: (event: ChangeEvent<HTMLTextAreaElement>) => void;
  };
  /** The item's error; render it only when `item.error` is set. */
  getErrorProps(item: { id: string }): { id: string; role: 'alert'; 'data-part': 'error' };
}

const STATUS_WORDS = {
  new: 'customerNew',
  triaged: 'customerTriaged',
  planned: 'customerPlanned',
  inProgress: 'customerInProgress',
  shipped: 'customerShipped',
  declined: 'customerDeclined',
  answered: 'customerAnswered',
} as const satisfies Record<FeedbackStatus, MessageKey | LoopMessageKey>;

/** Where a reply the customer just wrote is, before the server lists it. */
interface PendingReply {
  payload: CustomerReply;
  via: 'outbox' | 'direct';
  /** Direct sends only: where the call stands. */
  state: 'sending' | 'failed' | 'sent';
}

type Load =
  | { state: 'loading'; items: CustomerFeedback[] }
  | { state: 'ready'; items: CustomerFeedback[] }
  | { state: 'error'; items: CustomerFeedback[] };

const REPLY_MAX = 5000;

/** The score the customer gave, in words. */
function scoreOf(
  feedback: CustomerFeedback,
  surveys: readonly Survey[] | undefined,
  t: ReturnType<typeof useLoopTools>['t'],
): string | undefined {
  const found = firstScore(
    feedback.answers,
    surveys?.find((candidate) => candidate.id === feedback.surveyId),
  );
  if (!found) return undefined;
  return found.max === undefined
    ? t('yourScore', { score: found.score })
    : t('yourScoreOf', { score: found.score, max: found.max });
}
const domId = (id: string) => id.replace(/[^\w-]/g, '_');

/**
 * The customer's own feedback, where each piece stands, its thread with the team and its impact:
 * the headless half of {@link YourFeedback}. Reads `listMyFeedback` from the provider's backend;
 * answers and read receipts go through the provider's outbox when there is one (stored on the
 * device first, so nothing is lost), else straight to `submitReply` / `markRead`. An answer shows
 * at once with where it stands ("Sending…", "Saved on this device…"); a failed direct send stays
 * on the page to try again. Answers still waiting in the outbox from an earlier page (written
 * offline, then reloaded) are read from its storage and shown the same way until they arrive.
 * An impact notice the customer has not seen is `new`; it is recorded as seen (through the outbox,
 * else `markImpactSeen`, and told to the Palaute client, so no touchpoint offers it again) only
 * when the customer can see it: spread `getImpactProps(item)` on the element that shows it (its
 * ref records it once half of it is in view), or call `markImpactSeen(item.id)` when your UI has
 * shown it. A host that does neither records nothing: the notice stays unseen, and a touchpoint
 * may offer it later, which beats losing it.
 *
 * @example
 * ```tsx
 * const feedback = useYourFeedback();
 * feedback.items.map((item) => <MyCard key={item.id} {...feedback.getItemProps(item)} />);
 * ```
 */
export function useYourFeedback(options: UseYourFeedbackOptions = {}): YourFeedbackApi {
  const { refreshMs = 60_000 } = options;
  const { backend, outbox, customer, client, onError } = usePalaute();
  const { t } = useLoopTools();
  const online = useOnline();
  const base = useId();
  const clock = useRef(options.now);
  clock.current = options.now;
  const makeId = useRef(options.createId);
  makeId.current = options.createId;
  const now = () => (clock.current ?? (() => new Date()))();

  const [load, setLoad] = useState<Load>({ state: 'loading', items: [] });
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<PendingReply[]>([]);
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set());
  /** Impact notices that were news when this panel showed them (recorded seen, still shown as new). */
  const [seenHere, setSeenHere] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const [, setOutboxVersion] = useState(0);
  const fields = useRef(new Map<string, HTMLTextAreaElement>());
  const request = useRef(0);
  const knownReplies = useRef<Set<string> | null>(null);
  /** Answers written here whose "sent" is news when it comes. */
  const awaiting = useRef(new Set<string>());

  const announce = useCallback((message: string) => {
    // The same words twice must be heard twice: alternate a trailing no-break space.
    setAnnouncement((last) => (last === message ? `${message}\u00a0` : message));
  }, []);

  const customerId = customer?.id;
  const refresh = useCallback(async () => {
    const id = ++request.current;
    if (!backend?.listMyFeedback || !customerId) {
      setLoad({ state: 'error', items: [] });
      return;
    }
    try {
      const items = await backend.listMyFeedback({ customerId });
      if (id !== request.current) return;
      // News since the last look: the team wrote. (Not on the first load: that is not news.)
      const seen = knownReplies.current;
      const fresh = items.flatMap((item) =>
        item.replies.filter((reply) => reply.author.kind === 'team' && seen && !seen.has(reply.id)),
      );
      knownReplies.current = new Set(
        items.flatMap((item) => item.replies.map((reply) => reply.id)),
      );
      const latest = fresh.at(-1);
      if (latest) announce(t('announceReply', { name: latest.author.name ?? t('ourTeam') }));
      setLoad({ state: 'ready', items });
      // Listed by the server: the pending copy is done.
      setPending((list) => {
        const waiting = list.filter((reply) => !knownReplies.current?.has(reply.payload.replyId));
        return waiting.length === list.length ? list : waiting;
      });
    } catch (error) {
      if (id !== request.current) return;
      onError?.(error, 'listMyFeedback');
      // A failed reload keeps what the customer already sees; only a first load fails the panel.
      setLoad((last) => (last.state === 'ready' ? last : { state: 'error', items: [] }));
    }
  }, [backend, customerId, onError, announce, t]);

  useEffect(() => {
    setLoad((last) => (last.state === 'error' ? { state: 'loading', items: [] } : last));
    void refresh();
    return () => {
      request.current++;
    };
  }, [refresh]);

  // News arrives when the customer comes back to the page, and now and then while they stay.
  useEffect(() => {
    const onFocus = () => void refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    const timer = refreshMs > 0 ? setInterval(onFocus, refreshMs) : undefined;
    return () => {
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
      if (timer !== undefined) clearInterval(timer);
    };
  }, [refresh, refreshMs]);

  // The outbox says where each answer is; once it delivered one, the server's list has it.
  useEffect(() => {
    if (!outbox) return;
    return outbox.subscribe((_status, event) => {
      setOutboxVersion((version) => version + 1);
      if (event?.type !== 'delivered') return;
      const { record } = event;
      // An answer an earlier page stored leaves the outbox now: it stays shown, sent, until listed.
      if (record.kind === 'reply' && record.payload.customerId === customerId)
        setPending((list) =>
          list.some((reply) => reply.payload.replyId === record.payload.replyId)
            ? list
            : [...list, { payload: record.payload, via: 'outbox', state: 'sending' }],
        );
      // What the customer said (a response, a follow-up answer, a reply) or read is listed now.
      if (
        (record.kind === 'response' && record.payload.customerId === customerId) ||
        record.kind === 'followUp' ||
        record.kind === 'reply' ||
        record.kind === 'read'
      )
        void refresh();
    });
  }, [outbox, refresh, customerId]);

  // This customer's answers the outbox still holds, from this page or an earlier one (written
  // offline, then reloaded), that this page is not already following.
  const stored: PendingReply[] = (outbox?.list('reply') ?? []).flatMap((record) =>
    record.payload.customerId === customerId &&
    !pending.some((reply) => reply.payload.replyId === record.payload.replyId)
      ? [{ payload: record.payload, via: 'outbox' as const, state: 'sending' as const }]
      : [],
  );
  const restored = new Set(stored.map((reply) => reply.payload.replyId));
  const waiting = [...pending, ...stored];

  const deliveryOf = (reply: PendingReply): ReplyDelivery => {
    if (reply.via === 'direct') return reply.state;
    const record = outbox?.recordStatus(deliveryKey({ kind: 'reply', payload: reply.payload }));
    if (record === undefined) return 'sent';
    if (record === 'rejected') return 'rejected';
    if (!online) return 'offline';
    return record === 'retrying' ? 'queued' : 'sending';
  };

  const items: YourFeedbackItem[] = load.items.map((feedback) => {
    const listed = new Set(feedback.replies.map((reply) => reply.id));
    const messages: ThreadMessage[] = [
      ...feedback.replies.map((reply): ThreadMessage => {
        const mine = reply.author.kind === 'customer';
        return {
          id: reply.id,
          mine,
          author: mine ? t('you') : (reply.author.name ?? t('ourTeam')),
          body: reply.body,
          at: reply.at,
          delivery: mine ? (reply.readAt ? 'read' : 'sent') : undefined,
          unread: !mine && !reply.readAt && !readHere.has(reply.id),
        };
      }),
      ...waiting
        .filter(
          (reply) => reply.payload.itemId === feedback.id && !listed.has(reply.payload.replyId),
        )
        .map(
          (reply): ThreadMessage => ({
            id: reply.payload.replyId,
            mine: true,
            author: t('you'),
            body: reply.payload.body,
            at: reply.payload.at,
            delivery: deliveryOf(reply),
            unread: false,
          }),
        ),
    ];
    // The item's rules are the engine's (decline reason, contact, who may write, impact news).
    const rules = yourFeedbackItemStateOf(feedback, { seenHere: [...seenHere] });
    return {
      id: feedback.id,
      feedback,
      status: feedback.status,
      statusLabel: t(STATUS_WORDS[feedback.status]),
      statusNote: feedback.status === 'planned' ? t('customerPlannedNote') : undefined,
      declineReason: rules.declineReason,
      score: scoreOf(feedback, options.surveys ?? client?.surveys, t),
      contact: rules.contact,
      steps: feedback.history.map((step) => ({
        status: step.to,
        label: t(STATUS_WORDS[step.to]),
        at: step.at,
      })),
      messages,
      unread: messages.filter((message) => message.unread).length,
      canReply: rules.canReply,
      expanded: expanded.has(feedback.id),
      draft: drafts[feedback.id] ?? '',
      error: errors[feedback.id],
      impactState: rules.impactState,
    };
  });

  // Where each of the customer's answers stands, said once when it changes.
  const deliveries = useRef(new Map<string, ReplyDelivery>());
  const ownDeliveries = items.flatMap((item) =>
    item.messages.flatMap((message) =>
      message.delivery ? [[message.id, message.delivery] as const] : [],
    ),
  );
  const deliveryKeyList = ownDeliveries.map(([id, delivery]) => `${id}:${delivery}`).join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a delivery changes, keyed by deliveryKeyList
  useEffect(() => {
    for (const [id, delivery] of ownDeliveries) {
      const last = deliveries.current.get(id);
      deliveries.current.set(id, delivery);
      if (last === delivery) continue;
      // Found waiting from an earlier page: where it stands is not news, its arrival will be.
      if (last === undefined && restored.has(id)) {
        awaiting.current.add(id);
        continue;
      }
      if ((delivery === 'sent' || delivery === 'read') && awaiting.current.delete(id))
        announce(t('announceReplySent'));
      else if (delivery === 'offline') announce(t('deliveryOffline'));
      else if (delivery === 'queued') announce(t('deliveryQueued'));
    }
  }, [deliveryKeyList]);

  // Read receipts: the team's messages in a shown thread are read.
  useEffect(() => {
    if (!customerId) return;
    for (const item of load.items) {
      if (!expanded.has(item.id)) continue;
      const unread = item.replies.filter(
        (reply) => reply.author.kind === 'team' && !reply.readAt && !readHere.has(reply.id),
      );
      if (unread.length === 0) continue;
      setReadHere((read) => new Set([...read, ...unread.map((reply) => reply.id)]));
      const payload: ReadReceipt = { itemId: item.id, customerId, at: now().toISOString() };
      client?.recordWrite({ kind: 'read', payload });
      const write = outbox
        ? outbox.enqueue('read', payload)
        : backend?.markRead?.(payload).then(() => refresh());
      Promise.resolve(write).catch((error: unknown) => onError?.(error, 'markRead'));
    }
  });

  /** Impact notices recorded as seen here (`seenHere` is the same, for rendering). */
  const recorded = useRef(new Set<string>());
  // Recorded once, so the journey does not offer the notice again at a touchpoint.
  const markImpactSeen = (itemId: string) => {
    const notice = load.items.find((item) => item.id === itemId)?.impact;
    if (!customerId || !notice || notice.seenAt || recorded.current.has(notice.id)) return;
    recorded.current.add(notice.id);
    setSeenHere((seen) => new Set([...seen, notice.id]));
    const payload: ImpactSeen = { customerId, noticeId: notice.id, at: now().toISOString() };
    client?.recordWrite({ kind: 'impactSeen', payload });
    const write = outbox
      ? outbox.enqueue('impactSeen', payload)
      : backend?.markImpactSeen?.(payload);
    Promise.resolve(write).catch((error: unknown) => onError?.(error, 'markImpactSeen'));
  };
  const watchImpact = useSeen(markImpactSeen);

  const deliverDirect = async (payload: CustomerReply) => {
    const mark = (state: PendingReply['state']) =>
      setPending((list) =>
        list.map((reply) =>
          reply.payload.replyId === payload.replyId ? { ...reply, state } : reply,
        ),
      );
    mark('sending');
    try {
      if (!backend?.submitReply) throw new Error('The backend has no submitReply.');
      await backend.submitReply(payload);
      mark('sent');
      await refresh();
    } catch (error) {
      onError?.(error, 'submitReply');
      mark('failed');
    }
  };

  const send = async (itemId: string) => {
    const body = (drafts[itemId] ?? '').trim();
    const fail = (message: string) => {
      setErrors((all) => ({ ...all, [itemId]: message }));
      fields.current.get(itemId)?.focus();
    };
    if (!body) return fail(t('replyEmpty'));
    if (!customerId || (!outbox && !backend?.submitReply)) return fail(t('replyNotSaved'));
    const payload: CustomerReply = {
      itemId,
      customerId,
      replyId: (makeId.current ?? randomId)(),
      body,
      at: now().toISOString(),
    };
    if (outbox) {
      try {
        const result = await outbox.enqueue('reply', payload);
        if (!result.stored) throw new Error('The outbox is full.');
      } catch (error) {
        // Not stored: the words stay in the field, nothing is lost.
        onError?.(error, 'submitReply');
        return fail(t('replyNotSaved'));
      }
    }
    client?.recordWrite({ kind: 'reply', payload });
    awaiting.current.add(payload.replyId);
    setPending((list) => [
      // Delivered already, the outbox's news may have put it here first.
      ...list.filter((reply) => reply.payload.replyId !== payload.replyId),
      { payload, via: outbox ? 'outbox' : 'direct', state: 'sending' },
    ]);
    setDrafts((all) => ({ ...all, [itemId]: '' }));
    setErrors(({ [itemId]: _, ...rest }) => rest);
    if (!outbox) await deliverDirect(payload);
  };

  const retry = (replyId: string) => {
    const reply = waiting.find((candidate) => candidate.payload.replyId === replyId);
    if (!reply) return;
    if (reply.via === 'direct') void deliverDirect(reply.payload);
    else void outbox?.flush({ retryNow: true });
  };

  const toggle = (itemId: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(itemId)) next.add(itemId);
      return next;
    });

  const ids = (itemId: string) => {
    const key = `${base}-${domId(itemId)}`;
    return {
      title: `${key}-title`,
      toggle: `${key}-toggle`,
      thread: `${key}-thread`,
      field: `${key}-field`,
      error: `${key}-error`,
    };
  };
  const byId = new Map(items.map((item) => [item.id, item]));
  const state: YourFeedbackState =
    load.state === 'ready' ? (load.items.length === 0 ? 'empty' : 'ready') : load.state;
  const titleId = `${base}-title`;

  return {
    state,
    items,
    unseenReplies: items.reduce((count, item) => count + item.unread, 0),
    announcement,
    refresh,
    toggle,
    setDraft: (itemId, text) => setDrafts((all) => ({ ...all, [itemId]: text })),
    send,
    retry,
    markImpactSeen,
    getRootProps: () => ({
      'aria-labelledby': titleId,
      'aria-busy': state === 'loading' ? true : undefined,
      'data-state': state,
    }),
    getTitleProps: () => ({ id: titleId, 'data-part': 'title' }),
    getAnnouncerProps: () => ({
      role: 'status',
      'aria-live': 'polite',
      'aria-atomic': true,
      'data-part': 'announcer',
    }),
    getItemProps: ({ id }) => {
      const item = byId.get(id);
      return {
        'aria-labelledby': ids(id).title,
        'data-part': 'feedback',
        'data-state': item?.status ?? 'new',
        'data-unread': item?.unread ? '' : undefined,
      };
    },
    getItemTitleProps: ({ id }) => ({ id: ids(id).title, 'data-part': 'item-title' }),
    getImpactProps: ({ id }) => {
      const notice = byId.get(id)?.feedback.impact;
      return {
        // Watched until recorded; then React detaches the ref, and the watch ends.
        ref: notice && !notice.seenAt && !seenHere.has(notice.id) ? watchImpact(id) : undefined,
        'data-part': 'impact',
        'data-state': byId.get(id)?.impactState,
      };
    },
    getToggleProps: ({ id, onClick }) => {
      const open = expanded.has(id);
      return {
        type: 'button',
        id: ids(id).toggle,
        'aria-expanded': open,
        'aria-controls': ids(id).thread,
        'data-part': 'thread-toggle',
        'data-state': open ? 'open' : 'closed',
        onClick: (event) => {
          onClick?.(event);
          if (!event.defaultPrevented) toggle(id);
        },
      };
    },
    getThreadProps: ({ id }) => {
      const open = expanded.has(id);
      return {
        id: ids(id).thread,
        hidden: !open,
        'data-part': 'thread',
        'data-state': open ? 'open' : 'closed',
      };
    },
    getFormProps: ({ id }) => ({
      noValidate: true,
      'data-part': 'reply',
      onSubmit: (event) => {
        event.preventDefault();
        void send(id);
      },
    }),
    getLabelProps: ({ id }) => ({ htmlFor: ids(id).field, 'data-part': 'label' }),
    getFieldProps: ({ id }) => ({
      id: ids(id).field,
      ref: (element) => {
        if (element) fields.current.set(id, element);
        else fields.current.delete(id);
      },
      value: drafts[id] ?? '',
      maxLength: REPLY_MAX,
      rows: 3,
      'aria-invalid': errors[id] ? true : undefined,
      'aria-describedby': errors[id] ? ids(id).error : undefined,
      'data-part': 'field',
      onChange: (event) => {
        const text = event.target.value;
        setDrafts((all) => ({ ...all, [id]: text }));
      },
    }),
    getErrorProps: ({ id }) => ({ id: ids(id).error, role: 'alert', 'data-part': 'error' }),
  };
}

/** The words for where a customer's message stands, shared by the component and hosts. */
export const deliveryMessage: Readonly<Record<ReplyDelivery, MessageKey | LoopMessageKey>> = {
  sending: 'replySending',
  offline: 'deliveryOffline',
  queued: 'deliveryQueued',
  rejected: 'deliveryRejected',
  failed: 'replyFailed',
  sent: 'replySent',
  read: 'replyRead',
};
