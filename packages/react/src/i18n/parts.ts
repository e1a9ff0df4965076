import { type LocaleToolsWith, useLocaleToolsWith } from '../provider/locale';
import { enParts } from './en.parts';

/**
 * The locale tools of the dialog's parts loaded later (`flow-parts.js`) and of the components that
 * share them (the delivery note, the impact notice): the provider's strings, then their own English
 * (`enParts`), which travels with them.
 */
export function usePartsLocaleTools(): LocaleToolsWith<typeof enParts> {
  return useLocaleToolsWith(enParts);
}
