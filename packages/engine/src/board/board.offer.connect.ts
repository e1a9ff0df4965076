import { type Actor, createActor, fromPromise, type SnapshotFrom } from 'xstate';
import type { Attributes, VoteWrite } from '../records/records.schema';
import { ideaOfferMachine } from './board.offer.machine';
import type { BoardPort } from './board.port';
import type { PublicIdea } from './board.schema';

/** Options of {@link createIdeaOffer}. */
export interface IdeaOfferOptions {
  /** The board's customer side (`backend.board` of a memory or HTTP backend). */
  port: Pick<BoardPort, 'similarIdeas' | 'vote'>;
  /** The signed-in customer who answered. */
  customerId: string;
  /** Where the answer was written: the vote is recorded as coming from there. */
  source: 'survey' | 'launcher';
  /** The customer's attributes now, frozen on the vote. */
  segment?: Attributes;
  /** The durable outbox: a vote given offline is stored and arrives once. */
  outbox?: { enqueue(kind: 'vote', payload: VoteWrite): Promise<unknown> };
  /** Makes vote ids. @default a random hex id */
  newId?: () => string;
  /** The clock. @default () => new Date() */
  now?: () => Date;
}

/** A running idea offer. */
export type IdeaOfferActor = Actor<typeof ideaOfferMachine>;
/** A snapshot of the idea offer. */
export type IdeaOfferSnapshot = SnapshotFrom<typeof ideaOfferMachine>;
/** Where the offer stands: `idle`, `finding`, `offering`, `voting`, `voted`, `dismissed` or `empty`. */
export type IdeaOfferState =
  | 'idle'
  | 'finding'
  | 'checking'
  | 'offering'
  | 'voting'
  | 'voted'
  | 'dismissed'
  | 'empty';

function randomId(): string {
  const crypto = (globalThis as { crypto?: { getRandomValues(a: Uint8Array): Uint8Array } }).crypto;
  const bytes = new Uint8Array(16);
  if (crypto) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The offer machine with its lookup (the board's similar ideas) and its vote provided. */
export function provideIdeaOffer(options: IdeaOfferOptions): typeof ideaOfferMachine {
  const newId = options.newId ?? randomId;
  const now = options.now ?? (() => new Date());
  const { port, customerId, segment, source } = options;
  return ideaOfferMachine.provide({
    actors: {
      findSimilar: fromPromise(({ input }) =>
        port.similarIdeas({
          customerId,
          text: input.text.slice(0, 5150),
          match: 'answer',
          limit: 10,
        }),
      ),
      castVote: fromPromise(async ({ input }): Promise<PublicIdea | undefined> => {
        const write: VoteWrite = {
          id: `vote-${newId()}`,
          customerId,
          ideaId: input.ideaId,
          voted: true,
          source,
          ...(segment ? { segment } : {}),
          at: now().toISOString(),
        };
        if (options.outbox) {
          // Stored durably: the vote arrives once, even after going offline or reloading.
          await options.outbox.enqueue('vote', write);
          return undefined;
        }
        return port.vote(write);
      }),
    },
  });
}

/**
 * Starts an idea offer for one answer: send it the answer's text with `find`, then the customer
 * votes for one of the offered ideas or dismisses them.
 *
 * @example
 * const offer = createIdeaOffer({ port: backend.board, customerId, source: 'survey' });
 * const api = connectIdeaOffer(offer.getSnapshot(), offer.send);
 * api.find('I wish I could export invoices to Excel');
 */
export function createIdeaOffer(options: IdeaOfferOptions): IdeaOfferActor {
  return createActor(provideIdeaOffer(options)).start();
}

/** The offer's state. */
export const selectOfferState = (snapshot: IdeaOfferSnapshot): IdeaOfferState =>
  snapshot.value as IdeaOfferState;
/** The ideas offered (the voted one marked `voted`). */
export const selectOfferedIdeas = (snapshot: IdeaOfferSnapshot): PublicIdea[] =>
  snapshot.context.ideas;
/** The idea the customer voted for, once they did. */
export const selectOfferVotedId = (snapshot: IdeaOfferSnapshot): string | undefined =>
  snapshot.context.votedId;
/** Why the last vote failed, if it did. */
export const selectOfferError = (snapshot: IdeaOfferSnapshot): string | undefined =>
  snapshot.context.error;

/** The offer's view-model for headless hosts: values plus intents. */
export interface IdeaOfferApi {
  state: IdeaOfferState;
  /** Whether there is something to show: ideas offered, a vote on its way or given. */
  visible: boolean;
  ideas: PublicIdea[];
  votedId: string | undefined;
  error: string | undefined;
  /** Looks up ideas like the answer's text (once; short texts offer nothing). */
  find(text: string): void;
  /** Votes for one of the offered ideas. */
  vote(ideaId: string): void;
  /** "No thanks": the offer closes. */
  dismiss(): void;
}

/** The framework-free view-model of an idea offer. */
export function connectIdeaOffer(
  snapshot: IdeaOfferSnapshot,
  send: IdeaOfferActor['send'],
): IdeaOfferApi {
  const state = selectOfferState(snapshot);
  return {
    state,
    visible: state === 'offering' || state === 'voting' || state === 'voted',
    ideas: selectOfferedIdeas(snapshot),
    votedId: selectOfferVotedId(snapshot),
    error: selectOfferError(snapshot),
    find: (text) => send({ type: 'offer.find', text }),
    vote: (ideaId) => send({ type: 'offer.vote', ideaId }),
    dismiss: () => send({ type: 'offer.dismiss' }),
  };
}
