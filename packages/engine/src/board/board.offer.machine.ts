import { assign, fromPromise, setup } from 'xstate';
import type { PublicIdea, SimilarIdea } from './board.schema';

/** The most ideas offered after an answer: a short list to say yes to, not a board to browse. */
export const MAX_OFFERED_IDEAS = 3;

/** The fewest characters of an answer worth looking ideas up for. */
export const MIN_OFFER_TEXT_LENGTH = 12;

/** What the offer holds: the answer's text, the ideas offered, the one voted for, the last error. */
export interface IdeaOfferContext {
  text: string;
  ideas: PublicIdea[];
  votedId: string | undefined;
  error: string | undefined;
}

/** What the offer takes: an answer to match, a vote for one idea, or "no thanks". */
export type IdeaOfferEvent =
  | { type: 'offer.find'; text: string }
  | { type: 'offer.vote'; ideaId: string }
  | { type: 'offer.dismiss' };

const notProvided = (name: string) => () =>
  Promise.reject(new Error(`The idea offer's "${name}" actor was not provided.`));

/**
 * Which similar ideas are worth offering after an answer: public ones the customer has not voted
 * for, did not write, and may still vote on, most alike first, at most {@link MAX_OFFERED_IDEAS}.
 */
export function offerableIdeas(found: readonly SimilarIdea[]): PublicIdea[] {
  return found
    .filter(({ idea }) => !idea.voted && !idea.mine && !idea.locked && !idea.pending)
    .slice(0, MAX_OFFERED_IDEAS)
    .map(({ idea }) => idea);
}

/**
 * "Others asked for this too — add your vote?": after a customer writes free text in a survey or
 * the launcher, the board's similar-ideas lookup runs on it once (`finding`); matching public ideas
 * are `offering` until one gets the customer's vote (`voting`, then `voted`) or the customer says
 * no (`dismissed`). Nothing to offer is `empty`, and a failed lookup is too: the offer is a help
 * after the answer, never a step before it. A failed vote goes back to `offering` with its error.
 */
export const ideaOfferMachine = /* @__PURE__ */ (() =>
  setup({
    types: {
      context: {} as IdeaOfferContext,
      events: {} as IdeaOfferEvent,
    },
    actors: {
      findSimilar: fromPromise<SimilarIdea[], { text: string }>(notProvided('findSimilar')),
      castVote: fromPromise<PublicIdea | undefined, { ideaId: string }>(notProvided('castVote')),
    },
    guards: {
      isLongEnough: ({ event }) =>
        event.type === 'offer.find' && event.text.trim().length >= MIN_OFFER_TEXT_LENGTH,
      hasIdeas: ({ context }) => context.ideas.length > 0,
      isOffered: ({ context, event }) =>
        event.type === 'offer.vote' && context.ideas.some((idea) => idea.id === event.ideaId),
    },
  }).createMachine({
    id: 'palauteIdeaOffer',
    context: { text: '', ideas: [], votedId: undefined, error: undefined },
    initial: 'idle',
    states: {
      idle: {
        on: {
          'offer.find': [
            {
              guard: 'isLongEnough',
              target: 'finding',
              actions: assign(({ event }) => ({ text: event.text.trim() })),
            },
            { target: 'empty' },
          ],
        },
      },
      finding: {
        invoke: {
          src: 'findSimilar',
          input: ({ context }) => ({ text: context.text }),
          onDone: [
            {
              actions: assign(({ event }) => ({ ideas: offerableIdeas(event.output) })),
              target: 'checking',
            },
          ],
          onError: { target: 'empty' },
        },
        on: { 'offer.dismiss': { target: 'dismissed' } },
      },
      checking: {
        always: [{ guard: 'hasIdeas', target: 'offering' }, { target: 'empty' }],
      },
      offering: {
        on: {
          'offer.vote': {
            guard: 'isOffered',
            target: 'voting',
            actions: assign(({ event }) => ({ votedId: event.ideaId, error: undefined })),
          },
          'offer.dismiss': { target: 'dismissed' },
        },
      },
      voting: {
        invoke: {
          src: 'castVote',
          input: ({ context }) => ({ ideaId: context.votedId as string }),
          onDone: {
            target: 'voted',
            actions: assign(({ context, event }) => ({
              ideas: context.ideas.map((idea) =>
                idea.id === context.votedId
                  ? (event.output ?? { ...idea, voted: true, votes: idea.votes + 1 })
                  : idea,
              ),
            })),
          },
          onError: {
            target: 'offering',
            actions: assign(({ event }) => ({
              votedId: undefined,
              error: event.error instanceof Error ? event.error.message : String(event.error),
            })),
          },
        },
      },
      voted: { type: 'final' },
      dismissed: { type: 'final' },
      empty: { type: 'final' },
    },
  }))();
