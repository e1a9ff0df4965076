/**
 * The English strings of the launcher's own feedback form (what it is about, the text, the public
 * board): a catalogue of their own, overridden through `PalauteProvider`'s `messages`.
 */
export const launcherFormEn = {
  launcherFormTitle: 'Send feedback',
  launcherKindLegend: 'What is it about?',
  launcherKind_idea: 'An idea',
  launcherKind_problem: 'A problem',
  launcherKind_praise: 'Praise',
  launcherKind_other: 'Something else',
  launcherText: 'Tell us more',
  launcherContact: 'You may contact me about this',
  launcherPublic: 'Post it on the public board, so others can vote for it',
  launcherPublicAs: 'Shown with your name, {name}.',
  launcherIdeaTitle: 'Title on the board',
  launcherSend: 'Send',
  launcherSending: 'Sending…',
  launcherMissing_kind: 'Choose what it is about.',
  launcherMissing_text: 'Write your feedback.',
  launcherMissing_title: 'Give it a title of at least 3 characters.',
  launcherSent: 'Thank you for your feedback!',
  launcherPosted: 'Posted on the board as “{title}” — others can vote.',
  launcherPending: 'Sent to the board as “{title}”: it shows there once our team approves it.',
  launcherFailed: 'Your feedback could not be sent: {message}',
  launcherPostFailed: 'Thank you for your feedback. It could not be posted on the board: {message}',
  launcherQueued:
    'Thank you for your feedback. “{title}” is saved and goes to the board as soon as it can be sent.',
  launcherDelivered: 'Sent to the board as “{title}”.',
  launcherPostRefused: 'Thank you for your feedback. The board did not take “{title}”: {message}',
  launcherRetry: 'Try again',
  launcherClose: 'Close',
};
/** A key of the launcher form's strings. */
export type LauncherFormMessageKey = keyof typeof launcherFormEn;
/** The launcher form's strings in one language. */
export type LauncherFormMessages = Record<LauncherFormMessageKey, string>;

/** The Finnish strings of the launcher's feedback form. */
export const launcherFormFi: LauncherFormMessages = {
  launcherFormTitle: 'Lähetä palautetta',
  launcherKindLegend: 'Mistä on kyse?',
  launcherKind_idea: 'Idea',
  launcherKind_problem: 'Ongelma',
  launcherKind_praise: 'Kiitos',
  launcherKind_other: 'Jotain muuta',
  launcherText: 'Kerro lisää',
  launcherContact: 'Minuun saa ottaa yhteyttä tästä',
  launcherPublic: 'Julkaise se julkisella taululla, jotta muut voivat äänestää sitä',
  launcherPublicAs: 'Näytetään nimelläsi, {name}.',
  launcherIdeaTitle: 'Otsikko taululla',
  launcherSend: 'Lähetä',
  launcherSending: 'Lähetetään…',
  launcherMissing_kind: 'Valitse, mistä on kyse.',
  launcherMissing_text: 'Kirjoita palautteesi.',
  launcherMissing_title: 'Anna otsikko, jossa on vähintään 3 merkkiä.',
  launcherSent: 'Kiitos palautteestasi!',
  launcherPosted: 'Julkaistu taululla otsikolla ”{title}” — muut voivat äänestää.',
  launcherPending:
    'Lähetetty taululle otsikolla ”{title}”: se näkyy siellä, kun tiimimme on hyväksynyt sen.',
  launcherFailed: 'Palautettasi ei voitu lähettää: {message}',
  launcherPostFailed: 'Kiitos palautteestasi. Sitä ei voitu julkaista taululla: {message}',
  launcherQueued:
    'Kiitos palautteestasi. ”{title}” on tallessa ja lähtee taululle heti, kun sen voi lähettää.',
  launcherDelivered: 'Lähetetty taululle otsikolla ”{title}”.',
  launcherPostRefused:
    'Kiitos palautteestasi. Taulu ei ottanut vastaan julkaisua ”{title}”: {message}',
  launcherRetry: 'Yritä uudelleen',
  launcherClose: 'Sulje',
};

/** The launcher form's catalogues, for `useMessages`. */
export const launcherFormCatalogues = { en: launcherFormEn, fi: launcherFormFi };
