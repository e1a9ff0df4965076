import { enBeside } from './en.beside';
import { enParts } from './en.parts';

/**
 * The English the provider does not build in: the strings of the dialog's parts loaded later and of
 * the components beside the dialog. The public `useLocaleTools` adds it under the provider's.
 */
export const enLater = {
  ...enParts,
  // A key in two parts would be one string in two places, one never shown: a compile error.
  ...(enBeside satisfies Record<Extract<keyof typeof enBeside, keyof typeof enParts>, never>),
};

/** A key of the English the provider does not build in. */
export type LaterMessageKey = keyof typeof enLater;
