import { useMessages } from '../i18n/useMessages';

/**
 * The English strings of the board components (`FeedbackBoard`, `Roadmap`, `Changelog`): a
 * catalogue of their own, so a page that only asks surveys never ships them. Overridden through
 * `PalauteProvider`'s `messages`, like every other string.
 */
export const boardEn = {
  boardTitle: 'Ideas',
  boardSort: 'Sort by',
  sortTrending: 'Trending',
  sortTop: 'Most votes',
  sortNewest: 'Newest',
  boardKindFilter: 'Show',
  kindAll: 'Ideas and bugs',
  kindIdea: 'Ideas',
  kindBug: 'Bugs',
  boardSearch: 'Search ideas',
  boardLoading: 'Loading ideas…',
  boardEmpty: 'No ideas yet. Be the first to suggest one.',
  boardNoMatch: 'No ideas match.',
  boardFailed: 'The ideas could not be loaded.',
  boardRetry: 'Try again',
  boardMore: 'Show more ideas',
  boardCount: '{count} ideas shown',
  votes: '{count} votes',
  comments: '{count} comments',
  vote: ', for “{title}”',
  voted: 'Voted',
  voteAction: 'Vote',
  voteAdded: 'Your vote for “{title}” was added.',
  voteRemoved: 'Your vote for “{title}” was removed.',
  voteFailed: 'Your vote could not be saved: {message}',
  voteLocked: 'Voting closed',
  pendingApproval: 'Waiting for approval',
  yours: 'Yours',
  suggestTitle: 'Suggest an idea or report a bug',
  suggestKind: 'What is it?',
  suggestKindIdea: 'An idea',
  suggestKindBug: 'A bug',
  suggestIdeaTitle: 'Title',
  suggestIdeaTitleHint: 'At least 3 characters.',
  suggestBody: 'Details (optional)',
  suggestSubmit: 'Post',
  suggestSubmitting: 'Posting…',
  suggestDone: 'Thank you: “{title}” is on the board.',
  suggestDonePending: 'Thank you: “{title}” will show once the team has approved it.',
  suggestFailed: 'It could not be posted: {message}',
  similarTitle: 'Is it one of these? Add your vote instead',
  similarFound: '{count} similar ideas found.',
  roadmapTitle: 'Roadmap',
  roadmapEmpty: 'Nothing here yet.',
  changelogTitle: 'What’s new',
  changelogEmpty: 'No changes published yet.',
  changelogNew: 'New',
  changelogAnswered: 'Answers: {titles}',
  threadTitle: 'Comments',
  threadOfficial: 'Official response',
  threadTeam: 'Team',
  threadYou: 'You',
  threadCustomer: 'Customer',
  threadShow: 'Show comments on “{title}”',
  threadHide: 'Hide comments',
  threadComment: 'Your comment',
  threadSend: 'Comment',
  threadEmpty: 'No comments yet.',
};

/** A key of the board's strings. */
export type BoardMessageKey = keyof typeof boardEn;
/** The board's strings. */
export type BoardMessages = Record<BoardMessageKey, string>;

/** The Finnish strings of the board components. */
export const boardFi: BoardMessages = {
  boardTitle: 'Ideat',
  boardSort: 'Järjestys',
  sortTrending: 'Nousussa',
  sortTop: 'Eniten ääniä',
  sortNewest: 'Uusimmat',
  boardKindFilter: 'Näytä',
  kindAll: 'Ideat ja viat',
  kindIdea: 'Ideat',
  kindBug: 'Viat',
  boardSearch: 'Hae ideoista',
  boardLoading: 'Ladataan ideoita…',
  boardEmpty: 'Ei vielä ideoita. Ehdota ensimmäinen.',
  boardNoMatch: 'Hakuasi vastaavia ideoita ei ole.',
  boardFailed: 'Ideoita ei voitu ladata.',
  boardRetry: 'Yritä uudelleen',
  boardMore: 'Näytä lisää ideoita',
  boardCount: '{count} ideaa näkyvissä',
  votes: '{count} ääntä',
  comments: '{count} kommenttia',
  vote: ', idea ”{title}”',
  voted: 'Äänestetty',
  voteAction: 'Äänestä',
  voteAdded: 'Äänesi idealle ”{title}” lisättiin.',
  voteRemoved: 'Äänesi idealta ”{title}” poistettiin.',
  voteFailed: 'Ääntäsi ei voitu tallentaa: {message}',
  voteLocked: 'Äänestys suljettu',
  pendingApproval: 'Odottaa hyväksyntää',
  yours: 'Sinun',
  suggestTitle: 'Ehdota ideaa tai ilmoita viasta',
  suggestKind: 'Mistä on kyse?',
  suggestKindIdea: 'Idea',
  suggestKindBug: 'Vika',
  suggestIdeaTitle: 'Otsikko',
  suggestIdeaTitleHint: 'Vähintään 3 merkkiä.',
  suggestBody: 'Lisätiedot (vapaaehtoinen)',
  suggestSubmit: 'Lähetä',
  suggestSubmitting: 'Lähetetään…',
  suggestDone: 'Kiitos: ”{title}” on nyt taululla.',
  suggestDonePending: 'Kiitos: ”{title}” näkyy, kun tiimi on hyväksynyt sen.',
  suggestFailed: 'Lähettäminen epäonnistui: {message}',
  similarTitle: 'Onko se jokin näistä? Äänestä sitä mieluummin',
  similarFound: '{count} samankaltaista ideaa löytyi.',
  roadmapTitle: 'Tiekartta',
  roadmapEmpty: 'Ei vielä mitään.',
  changelogTitle: 'Uutta',
  changelogEmpty: 'Muutoksia ei ole vielä julkaistu.',
  changelogNew: 'Uusi',
  changelogAnswered: 'Vastaa ideoihin: {titles}',
  threadTitle: 'Kommentit',
  threadOfficial: 'Virallinen vastaus',
  threadTeam: 'Tiimi',
  threadYou: 'Sinä',
  threadCustomer: 'Asiakas',
  threadShow: 'Näytä kommentit: ”{title}”',
  threadHide: 'Piilota kommentit',
  threadComment: 'Kommenttisi',
  threadSend: 'Kommentoi',
  threadEmpty: 'Ei vielä kommentteja.',
};

/** The board catalogues by language. */
export const builtInBoardMessages: Record<string, BoardMessages> = { en: boardEn, fi: boardFi };
const boardCatalogues = { en: boardEn, fi: boardFi };

/** The board's strings in the provider's locale, with the host's overrides applied. */
export function useBoardMessages(): {
  locale: string;
  t: (key: BoardMessageKey, values?: Record<string, string | number>) => string;
} {
  return useMessages(boardCatalogues);
}
