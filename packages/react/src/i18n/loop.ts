import { useMemo } from 'react';
import { useLocaleTools } from '../provider/locale';
import type { LocaleTools } from '../provider/PalauteProvider';
import type { MessageKey } from './en';
import { type LoopMessageKey, type LoopMessages, loopEn } from './loop.en';
import { loopFi } from './loop.fi';
import { useMessages } from './useMessages';

export type { LoopMessageKey, LoopMessages } from './loop.en';

/** The loop catalogues by language. */
export const builtInLoopMessages: Record<string, LoopMessages> = { en: loopEn, fi: loopFi };
const loopCatalogues = { en: loopEn, fi: loopFi };

/** Locale tools for `YourFeedback` and `FeedbackInbox`: their own strings, then the shared ones. */
export interface LoopTools extends Omit<LocaleTools, 't'> {
  t: (key: MessageKey | LoopMessageKey, values?: Record<string, string | number>) => string;
}

/** The loop strings in the provider's locale, with the host's overrides applied. */
export function useLoopTools(): LoopTools {
  const tools = useLocaleTools();
  const own = useMessages(loopCatalogues);
  return useMemo(
    () => ({
      ...tools,
      t: (key, values) =>
        key in own.messages
          ? own.t(key as LoopMessageKey, values)
          : tools.t(key as MessageKey, values),
    }),
    [tools, own],
  );
}
