import { useMemo } from 'react';
import { overridesFor, translate } from '../i18n/messages';
import { usePalaute } from '../provider/PalauteProvider';

/**
 * The English strings of `IdeaOffer` (the board's ideas offered after a survey or launcher answer):
 * a catalogue of their own, overridden through `PalauteProvider`'s `messages` like every other.
 */
export const ideaOfferEn = {
  offerTitle: 'Others asked for this too — add your vote?',
  offerVotes: '{count} votes',
  offerVotes_one: '{count} vote',
  offerVote: 'Vote',
  offerVoted: 'Voted',
  offerVoteFor: ', for “{title}”',
  offerDismiss: 'No thanks',
  offerShortcut: 'Press {keys} to vote.',
  offerAdded: 'Your vote for “{title}” was added.',
  offerFailed: 'Your vote could not be saved: {message}',
};
/** A key of the idea offer's strings. */
export type IdeaOfferMessageKey = keyof typeof ideaOfferEn;
/** The idea offer's strings in one language. */
export type IdeaOfferMessages = Record<IdeaOfferMessageKey, string>;

/** The Finnish strings of `IdeaOffer`. */
export const ideaOfferFi: IdeaOfferMessages = {
  offerTitle: 'Muutkin ovat toivoneet tätä — annatko äänesi?',
  offerVotes: '{count} ääntä',
  offerVotes_one: '{count} ääni',
  offerVote: 'Äänestä',
  offerVoted: 'Äänestetty',
  offerVoteFor: ', ideaa ”{title}”',
  offerDismiss: 'Ei kiitos',
  offerShortcut: 'Äänestä painamalla {keys}.',
  offerAdded: 'Äänesi idealle ”{title}” lisättiin.',
  offerFailed: 'Ääntäsi ei voitu tallentaa: {message}',
};

const builtIn: Record<string, IdeaOfferMessages> = { en: ideaOfferEn, fi: ideaOfferFi };

/** The idea offer's strings in the provider's locale, with the host's overrides applied. */
export function useIdeaOfferMessages(): {
  t: (key: IdeaOfferMessageKey, values?: Record<string, string | number>) => string;
} {
  const { locale, messageOverrides } = usePalaute();
  return useMemo(() => {
    const language = locale.split('-')[0] ?? locale;
    const catalogue: IdeaOfferMessages = {
      ...(builtIn[language] ?? ideaOfferEn),
      ...(overridesFor(locale, messageOverrides as never) as Partial<IdeaOfferMessages>),
    };
    return { t: (key, values) => translate(catalogue, locale, key, values) };
  }, [locale, messageOverrides]);
}
