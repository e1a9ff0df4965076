import { useMessages } from './useMessages';

/**
 * The English strings only the inline `FeedbackForm` shows: a catalogue of their own, so a page that
 * only opens the dialog never ships them. Overridden through `PalauteProvider`'s `messages`.
 */
export const formEn = {
  /** The end text: the form is part of the page, there is no window to close. */
  formDoneBody: 'You can carry on where you were.',
  formPostponed: "Thanks — we won't ask now.",
};

/** The inline form's strings. */
export type FormMessages = typeof formEn;

/** The Finnish strings of the inline `FeedbackForm`. */
export const formFi: FormMessages = {
  formDoneBody: 'Voit jatkaa siitä, mihin jäit.',
  formPostponed: 'Kiitos – emme kysy nyt.',
};

const formCatalogues = { en: formEn, fi: formFi };

/** The inline form's strings in the provider's locale, with the host's overrides applied. */
export function useFormMessages(): FormMessages {
  return useMessages(formCatalogues).messages;
}
