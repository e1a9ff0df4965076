import { useMemo } from 'react';
import { usePalaute } from '../provider/PalauteProvider';
import { overridesFor, translate } from './messages';

/** A feature's catalogues by language, English the fallback: `{ en: boardEn, fi: boardFi }`. */
export type Catalogues<M extends Record<string, string>> = { en: M } & Record<string, M>;

/** A feature's strings in the provider's locale, and `t` to fill their placeholders. */
export interface MessagesApi<M extends Record<string, string>> {
  /** The provider's locale (`fi-FI`). */
  locale: string;
  /** The catalogue for that locale with the host's overrides applied. */
  messages: M;
  /** The string of `key` (its plural form for `values.count`, see `translate`) with its `{name}` placeholders filled. */
  t: (key: keyof M & string, values?: Record<string, string | number>) => string;
}

/**
 * The one way a feature reads its own catalogue: the strings of the provider's language (`fi-FI` →
 * `fi`, unknown → English) with the host's overrides from `PalauteProvider`'s `messages` on top.
 * Pass a catalogue map that is a module constant, so the result stays the same between renders.
 *
 * @example
 * const { t } = useMessages({ en: devtoolsEn, fi: devtoolsFi });
 */
export function useMessages<M extends Record<string, string>>(
  catalogues: Catalogues<M>,
): MessagesApi<M> {
  const { locale, messageOverrides } = usePalaute();
  return useMemo(() => {
    const language = locale.split('-')[0] ?? locale;
    const messages = {
      ...(catalogues[language] ?? catalogues.en),
      ...(overridesFor(locale, messageOverrides) as Partial<M>),
    } as M;
    return { locale, messages, t: (key, values) => translate(messages, locale, key, values) };
  }, [catalogues, locale, messageOverrides]);
}
