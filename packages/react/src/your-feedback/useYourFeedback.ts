import {
  type CustomerFeedback,
  connectYourFeedback,
  createYourFeedbackLogic,
  type FeedbackStatus,
  REPLY_MAX_LENGTH,
  type ReplyDelivery,
  type ReplyRefusal,
  type Survey,
  type YourFeedbackActor,
} from '@palaute/engine';
import { useEffect, useRef, useState } from 'react';
import { useOnline } from '../delivery/useDelivery';
import type { MessageKey } from '../i18n/en';
import type { LoopMessageKey } from '../i18n/loop';
import { useLoopTools } from '../i18n/loop';
import { usePalaute } from '../provider/PalauteProvider';
import { announcerProps, useAnnouncer } from '../shared/Announcer';
import { useIds } from '../shared/ids';
import { useActorRef, useSelector } from '../shared/useActor';
import { useTextDrafts } from '../shared/useTextDrafts';
import { firstScore, randomId } from '../shared/utils';
import { useSeen } from './useSeen';
import type {
  UseYourFeedbackOptions,
  YourFeedbackApi,
  YourFeedbackItem,
  YourFeedbackState,
  YourIdeaItem,
} from './your-feedback.types';

export type * from './your-feedback.types';

const STATUS_WORDS = {
  new: 'customerNew',
  triaged: 'customerTriaged',
  planned: 'customerPlanned',
  inProgress: 'customerInProgress',
  shipped: 'customerShipped',
  declined: 'customerDeclined',
  answered: 'customerAnswered',
} as const satisfies Record<FeedbackStatus, MessageKey | LoopMessageKey>;

const REFUSAL_WORDS = {
  empty: 'replyEmpty',
  notSaved: 'replyNotSaved',
} as const satisfies Record<ReplyRefusal, MessageKey | LoopMessageKey>;

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

/** Resolves once the actor is past `done`'s condition (or stopped). */
const until = (actor: YourFeedbackActor, done: () => boolean) =>
  new Promise<void>((resolve) => {
    const over = () => actor.getSnapshot().status !== 'active' || done();
    if (over()) return resolve();
    const subscription = actor.subscribe(() => {
      if (!over()) return;
      subscription.unsubscribe();
      resolve();
    });
  });

/**
 * The customer's own feedback, where each piece stands, its thread with the team and its impact:
 * the headless half of {@link YourFeedback}, on the engine's your-feedback machine
 * (`createYourFeedbackLogic`), which owns the list, the threads, the drafts and every request.
 * Reads `listMyFeedback` from the provider's backend; answers and read receipts go through the
 * provider's outbox when there is one (stored on the device first, so nothing is lost), else
 * straight to `submitReply` / `markRead`. A thread with unread team replies is open (the news is
 * shown, not folded away), and what it shows is read. An answer shows at once with where it
 * stands ("Sending…", "Saved on this device…"); a failed direct send stays on the page to try
 * again; answers an earlier page left in the outbox are shown the same way until they arrive. An
 * impact notice the customer has not seen is `new`; it is recorded as seen (so no touchpoint
 * offers it again) only when the customer can see it: spread `getImpactProps(item)` on the
 * element that shows it, or call `markImpactSeen(item.id)` when your UI has shown it. This hook
 * only turns the machine's state into words, ARIA and DOM props.
 *
 * @example
 * ```tsx
 * const feedback = useYourFeedback();
 * feedback.items.map((item) => <MyCard key={item.id} {...feedback.getItemProps(item)} />);
 * ```
 */
export function useYourFeedback(options: UseYourFeedbackOptions = {}): YourFeedbackApi {
  const { backend, outbox, customer, client, onError } = usePalaute();
  const textDrafts = useTextDrafts();
  const { t } = useLoopTools();
  const online = useOnline();
  const dom = useIds();
  const latest = useRef({ options, onError, t });
  latest.current = { options, onError, t };
  const [logic] = useState(() =>
    createYourFeedbackLogic({
      // Without a customer or a way to list, the first load fails: the panel says so.
      backend: customer?.id && backend?.listMyFeedback ? backend : {},
      outbox: outbox || undefined,
      client,
      // Unsent answers outlive this view: the next view of the thread restores them.
      drafts: textDrafts,
      now: () => (latest.current.options.now ?? (() => new Date()))(),
      onError: (error, operation) => latest.current.onError?.(error, operation),
    }),
  );
  const actor = useActorRef(logic, {
    input: { customerId: customer?.id ?? '-', refreshMs: options.refreshMs ?? 60_000 },
  });
  const snapshot = useSelector(actor, (state) => state);
  const api = connectYourFeedback(snapshot, actor.send, { online });
  const { message: announcement, announce } = useAnnouncer();
  const fields = useRef(new Map<string, HTMLTextAreaElement>());
  const words = useRef({ announce });
  words.current = { announce };

  useEffect(() => {
    const arrived = actor.on('reply.arrived', ({ name }) =>
      words.current.announce(
        latest.current.t('announceReply', { name: name ?? latest.current.t('ourTeam') }),
      ),
    );
    // Not taken: the words stay in the field, and focus goes back to it.
    const refused = actor.on('reply.refused', ({ itemId }) => fields.current.get(itemId)?.focus());
    return () => {
      arrived.unsubscribe();
      refused.unsubscribe();
    };
  }, [actor]);

  // News arrives when the customer comes back to the page (the machine polls while they stay).
  useEffect(() => {
    const onFocus = () => actor.send({ type: 'list.refresh' });
    const onVisible = () => {
      if (document.visibilityState === 'visible') onFocus();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [actor]);

  const items: YourFeedbackItem[] = api.items.map((rules) => ({
    id: rules.feedback.id,
    feedback: rules.feedback,
    status: rules.status,
    statusLabel: t(STATUS_WORDS[rules.status]),
    statusNote: rules.status === 'planned' ? t('customerPlannedNote') : undefined,
    declineReason: rules.declineReason,
    score: scoreOf(rules.feedback, options.surveys ?? client?.surveys, t),
    contact: rules.contact,
    steps: rules.feedback.history.map((step) => ({
      status: step.to,
      label: t(STATUS_WORDS[step.to]),
      at: step.at,
    })),
    messages: rules.messages.map(({ authorName, restored: _, ...message }) => ({
      ...message,
      author: message.mine ? t('you') : (authorName ?? t('ourTeam')),
    })),
    unread: rules.unread,
    canReply: rules.canReply,
    expanded: rules.expanded,
    draft: rules.draft,
    draftNote: rules.draftedAt ? t('replyDraftKept') : undefined,
    error: rules.error ? t(REFUSAL_WORDS[rules.error]) : undefined,
    impactState: rules.impactState,
  }));

  // Where each of the customer's answers stands, said once when it changes. One found waiting
  // from an earlier page is not news; its arrival is.
  const deliveries = useRef(new Map<string, ReplyDelivery>());
  /** Answers written here (or found waiting) whose "sent" is news when it comes. */
  const awaiting = useRef(new Set<string>());
  const own = api.items.flatMap((item) => item.messages.filter((message) => message.delivery));
  const deliveryList = own.map((message) => `${message.id}:${message.delivery}`).join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a delivery changes, keyed by deliveryList
  useEffect(() => {
    for (const { id, delivery, restored } of own) {
      if (!delivery) continue;
      const last = deliveries.current.get(id);
      deliveries.current.set(id, delivery);
      if (last === delivery) continue;
      if (last === undefined && restored) {
        awaiting.current.add(id);
        continue;
      }
      if ((delivery === 'sent' || delivery === 'read') && awaiting.current.delete(id))
        announce(t('announceReplySent'));
      else if (delivery === 'offline') announce(t('deliveryOffline'));
      else if (delivery === 'queued') announce(t('deliveryQueued'));
    }
  }, [deliveryList]);

  // A kept answer restored is said once (the field stays described by the note).
  const restored = api.items.flatMap((item) => (item.draftedAt ? [item.feedback.id] : []));
  const said = useRef(new Set<string>());
  const restoredList = restored.join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the restored drafts change, keyed by restoredList
  useEffect(() => {
    const fresh = restored.filter((id) => !said.current.has(id));
    for (const id of fresh) said.current.add(id);
    if (fresh.length > 0) announce(t('replyDraftKept'));
  }, [restoredList]);

  const watchImpact = useSeen((itemId) => api.markImpactSeen(itemId));
  const send = async (itemId: string) => {
    const { createId, now } = latest.current.options;
    const replyId = (createId ?? randomId)();
    awaiting.current.add(replyId);
    api.send(itemId, { replyId, at: (now ?? (() => new Date()))().toISOString() });
    const children = () => Object.keys(actor.getSnapshot().children);
    await until(actor, () => !children().some((id) => id.endsWith(`-${replyId}`)));
  };
  const ids = (itemId: string) => ({
    title: dom.item('title', itemId),
    toggle: dom.item('toggle', itemId),
    thread: dom.item('thread', itemId),
    field: dom.item('field', itemId),
    error: dom.item('error', itemId),
    note: dom.item('draft-note', itemId),
  });
  const ideas: YourIdeaItem[] = api.ideas.map(({ idea, mergedIntoTitle }) => ({
    id: idea.id,
    idea,
    // The board's own name for the status, as the board and roadmap show it.
    statusLabel: idea.statusName || t(STATUS_WORDS[idea.lifecycle]),
    statusNote: idea.lifecycle === 'planned' ? t('customerPlannedNote') : undefined,
    votesLabel: t('yourIdeaVotes', { count: idea.votes }),
    declineReason: idea.declineReason,
    mergedNote: mergedIntoTitle ? t('yourIdeaMergedInto', { title: mergedIntoTitle }) : undefined,
  }));
  const byId = new Map(items.map((item) => [item.id, item]));
  const state: YourFeedbackState = api.state;
  const titleId = dom.part('title');
  const openOf = (id: string) => byId.get(id)?.expanded ?? false;

  return {
    state,
    items,
    unseenReplies: api.unseenReplies,
    ideasState: api.ideasState,
    ideas,
    announcement,
    refresh: () => {
      api.refresh();
      return until(actor, () => !actor.getSnapshot().matches({ list: 'loading' }));
    },
    toggle: api.toggle,
    setDraft: api.setDraft,
    send,
    retry: api.retry,
    markImpactSeen: api.markImpactSeen,
    getRootProps: () => ({
      'aria-labelledby': titleId,
      'aria-busy': state === 'loading' ? true : undefined,
      'data-state': state,
    }),
    getTitleProps: () => ({ id: titleId, 'data-part': 'title' }),
    getAnnouncerProps: () => announcerProps(),
    getItemProps: ({ id }) => ({
      'aria-labelledby': ids(id).title,
      'data-part': 'feedback',
      'data-state': byId.get(id)?.status ?? 'new',
      'data-unread': byId.get(id)?.unread ? '' : undefined,
    }),
    getItemTitleProps: ({ id }) => ({ id: ids(id).title, 'data-part': 'item-title' }),
    getImpactProps: ({ id }) => {
      const item = byId.get(id);
      const notice = item?.feedback.impact;
      const recorded = notice ? snapshot.context.seenHere.includes(notice.id) : true;
      return {
        // Watched until recorded; then React detaches the ref, and the watch ends.
        ref: notice && !notice.seenAt && !recorded ? watchImpact(id) : undefined,
        'data-part': 'impact',
        'data-state': item?.impactState,
      };
    },
    getToggleProps: ({ id, onClick }) => ({
      type: 'button',
      id: ids(id).toggle,
      'aria-expanded': openOf(id),
      'aria-controls': ids(id).thread,
      'data-part': 'thread-toggle',
      'data-state': openOf(id) ? 'open' : 'closed',
      onClick: (event) => {
        onClick?.(event);
        if (!event.defaultPrevented) api.toggle(id);
      },
    }),
    getThreadProps: ({ id }) => ({
      id: ids(id).thread,
      hidden: !openOf(id),
      'data-part': 'thread',
      'data-state': openOf(id) ? 'open' : 'closed',
    }),
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
      value: byId.get(id)?.draft ?? '',
      maxLength: REPLY_MAX_LENGTH,
      rows: 3,
      'aria-invalid': byId.get(id)?.error ? true : undefined,
      'aria-describedby':
        [
          byId.get(id)?.draftNote ? ids(id).note : undefined,
          byId.get(id)?.error ? ids(id).error : undefined,
        ]
          .filter(Boolean)
          .join(' ') || undefined,
      'data-part': 'field',
      onChange: (event) => api.setDraft(id, event.target.value),
    }),
    getErrorProps: ({ id }) => ({ id: ids(id).error, role: 'alert', 'data-part': 'error' }),
    getDraftNoteProps: ({ id }) => ({ id: ids(id).note, 'data-part': 'resumed' }),
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
