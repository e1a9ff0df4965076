import { useMemo } from 'react';
import { type LocaleTools, useLocaleTools, usePalaute } from '../PalauteProvider';
import type { MessageKey } from './en';
import { type LoopMessageKey, type LoopMessages, loopEn } from './loop.en';
import { loopFi } from './loop.fi';
import { format, overridesFor } from './messages';

export type { LoopMessageKey, LoopMessages } from './loop.en';

/** The loop catalogues by language. */
export const builtInLoopMessages: Record<string, LoopMessages> = { en: loopEn, fi: loopFi };

/** Locale tools for `YourFeedback` and `FeedbackInbox`: their own strings, then the shared ones. */
export interface LoopTools extends Omit<LocaleTools, 't'> {
  t: (key: MessageKey | LoopMessageKey, values?: Record<string, string | number>) => string;
}

/** The loop strings in the provider's locale, with the host's overrides applied. */
export function useLoopTools(): LoopTools {
  const tools = useLocaleTools();
  const { messageOverrides } = usePalaute();
  return useMemo(() => {
    const language = tools.locale.split('-')[0] ?? tools.locale;
    const loop: LoopMessages = {
      ...(builtInLoopMessages[language] ?? loopEn),
      ...(overridesFor(tools.locale, messageOverrides) as Partial<LoopMessages>),
    };
    return {
      ...tools,
      t: (key, values) =>
        key in loop
          ? format(loop[key as LoopMessageKey], values)
          : tools.t(key as MessageKey, values),
    };
  }, [tools, messageOverrides]);
}
