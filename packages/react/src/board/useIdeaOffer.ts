import {
  type Attributes,
  type BoardPort,
  connectIdeaOffer,
  type IdeaOfferApi,
  type PublicIdea,
  provideIdeaOffer,
  type VoteWrite,
} from '@palaute/engine';
import { type KeyboardEvent, useEffect, useMemo, useRef } from 'react';
import { usePalaute } from '../provider/PalauteProvider';
import { useAnnouncer } from '../shared/Announcer';
import { useActorRef, useSelector } from '../shared/useActor';
import { useIdeaOfferMessages } from './offer.messages';

/** Options of {@link useIdeaOffer}. */
export interface UseIdeaOfferOptions {
  /** The answer the customer wrote; ideas like it are looked up once it is set. */
  text: string | undefined;
  /** Where the answer was written; the vote is recorded as coming from there. */
  source: 'survey' | 'launcher';
  /** The board's customer side. @default the provider backend's `board` */
  port?: Pick<BoardPort, 'similarIdeas' | 'vote'> | undefined;
  /** The signed-in customer. @default the provider's customer */
  customerId?: string | undefined;
  /** The customer's attributes, frozen on the vote. @default the provider customer's */
  segment?: Attributes | undefined;
  /** Where the vote waits to be delivered (arriving once). @default the provider's outbox */
  outbox?: { enqueue(kind: 'vote', payload: VoteWrite): Promise<unknown> } | undefined;
}

/** What {@link useIdeaOffer} returns: the offer's view-model, an announcement and prop getters. */
export interface UseIdeaOfferResult extends IdeaOfferApi {
  /** What a polite live region should say now (a vote given, a failure). */
  announcement: string;
  /** Props of the offer's root: digits 1–3 vote for the first, second or third idea. */
  getRootProps(): {
    'data-part': 'idea-offer';
    'data-state': IdeaOfferApi['state'];
    onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  };
  /** Props of an offered idea's vote button: a toggle (`aria-pressed`) with its shortcut digit. */
  getVoteButtonProps(
    idea: PublicIdea,
    index: number,
  ): {
    type: 'button';
    'aria-pressed': boolean;
    'aria-keyshortcuts': string;
    disabled: boolean;
    'data-state': 'on' | 'off';
    onClick(): void;
  };
}

/**
 * "Others asked for this too — add your vote?" after a survey or launcher answer, as a thin hook
 * over the engine's idea offer: the board's similar ideas for the answer's text, and one vote for
 * one of them, by a click or one keystroke (its digit).
 *
 * @example
 * ```tsx
 * const offer = useIdeaOffer({ text: answer, source: 'survey' });
 * offer.visible && offer.ideas.map((idea, i) => <button {...offer.getVoteButtonProps(idea, i)} />);
 * ```
 */
export function useIdeaOffer(options: UseIdeaOfferOptions): UseIdeaOfferResult {
  const palaute = usePalaute();
  const { t } = useIdeaOfferMessages();
  const port = options.port ?? palaute.backend?.board;
  const customerId = options.customerId ?? palaute.customer?.id ?? '';
  const segment = options.segment ?? palaute.customer?.attributes;
  const outbox = options.outbox ?? palaute.outbox;
  if (!port)
    throw new Error('useIdeaOffer needs a board: pass `port`, or a provider backend with `board`.');
  const latest = useRef({ port, segment, outbox });
  latest.current = { port, segment, outbox };
  const logic = useMemo(
    () =>
      provideIdeaOffer({
        port: {
          similarIdeas: (query) => latest.current.port.similarIdeas(query),
          vote: (write) => latest.current.port.vote(write),
        },
        customerId,
        source: options.source,
        ...(latest.current.segment ? { segment: latest.current.segment } : {}),
        ...(latest.current.outbox
          ? {
              outbox: {
                enqueue: (kind, payload) =>
                  latest.current.outbox?.enqueue(kind, payload) ?? Promise.resolve(),
              },
            }
          : {}),
      }),
    // One offer per customer and place.
    [customerId, options.source],
  );
  const actor = useActorRef(logic);
  const api = useSelector(actor, (snapshot) => connectIdeaOffer(snapshot, actor.send), sameApi);
  const { message: announcement, announce } = useAnnouncer();
  // The words of the moment, read when there is news (a new catalogue is no news).
  const words = useRef(t);
  words.current = t;

  // The answer, once written, is looked up once.
  const { text } = options;
  const { find } = api;
  useEffect(() => {
    if (text?.trim()) find(text);
  }, [text, find]);

  const voted = api.ideas.find((idea) => idea.id === api.votedId);
  const state = api.state;
  useEffect(() => {
    if (state === 'voted' && voted) announce(words.current('offerAdded', { title: voted.title }));
  }, [state, voted, announce]);
  const error = api.error;
  useEffect(() => {
    if (error) announce(words.current('offerFailed', { message: error }));
  }, [error, announce]);

  const canVote = state === 'offering';
  return {
    ...api,
    announcement,
    getRootProps: () => ({
      'data-part': 'idea-offer',
      'data-state': state,
      onKeyDown: (event) => {
        if (!canVote || event.altKey || event.ctrlKey || event.metaKey) return;
        // Not while typing somewhere inside the offer (there is no field in it, but a host may add one).
        if ((event.target as HTMLElement).closest?.('input, textarea, [contenteditable]')) return;
        const idea = /^[1-9]$/.test(event.key) ? api.ideas[Number(event.key) - 1] : undefined;
        if (!idea) return;
        event.preventDefault();
        api.vote(idea.id);
      },
    }),
    getVoteButtonProps: (idea, index) => ({
      type: 'button',
      'aria-pressed': idea.voted,
      'aria-keyshortcuts': String(index + 1),
      disabled: !canVote || idea.voted,
      'data-state': idea.voted ? 'on' : 'off',
      onClick: () => api.vote(idea.id),
    }),
  };
}

/** Whether two view-models show the same thing (a new object each render otherwise). */
function sameApi(a: IdeaOfferApi, b: IdeaOfferApi): boolean {
  return (
    a.state === b.state && a.ideas === b.ideas && a.votedId === b.votedId && a.error === b.error
  );
}
