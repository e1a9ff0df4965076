import { useMemo } from 'react';
import type { MessageKey, Messages } from '../i18n/en';
import type { FirstMessageKey } from '../i18n/en.first';
import { enLater } from '../i18n/en.later';
import { format, type ProvidedMessages } from '../i18n/messages';
import {
  type LocaleTools,
  type PalauteContextValue,
  usePalaute as useProvidedContext,
  useLocaleTools as useProvidedLocaleTools,
} from './PalauteProvider';

/** Some of English's strings the provider does not build in (`enParts`, `enLater`). */
type English = Partial<Record<MessageKey, string>>;

/** {@link LocaleTools} whose `t` knows the provider's keys and those of `english`. */
export interface LocaleToolsWith<E extends English> extends Omit<LocaleTools, 'messages' | 't'> {
  messages: ProvidedMessages & Record<keyof E, string>;
  t: (key: FirstMessageKey | keyof E, values?: Record<string, string | number>) => string;
}

const completed = new WeakMap<English, WeakMap<ProvidedMessages, ProvidedMessages>>();

/**
 * The provider's strings with `english` under them: a registered catalogue (`fi`) and the host's
 * overrides hold every key they give, and the keys they do not give are `english`'s. One object per
 * provider catalogue and `english`, shared by every caller.
 */
export function withEnglish<E extends English>(
  messages: ProvidedMessages,
  english: E,
): ProvidedMessages & Record<keyof E, string> {
  let byMessages = completed.get(english);
  if (!byMessages) {
    byMessages = new WeakMap();
    completed.set(english, byMessages);
  }
  let all = byMessages.get(messages);
  if (!all) {
    all = { ...english, ...messages };
    byMessages.set(messages, all);
  }
  return all as ProvidedMessages & Record<keyof E, string>;
}

/**
 * The provider's locale tools with `english` (a module constant) under its strings: how a component
 * that the dialog does not need before it can show reads the English the provider does not build in,
 * so those strings travel with it. Finnish (`locales={{ fi }}`) and the host's overrides still win.
 */
export function useLocaleToolsWith<E extends English>(english: E): LocaleToolsWith<E> {
  const tools = useProvidedLocaleTools();
  return useMemo(() => {
    const messages = withEnglish(tools.messages, english);
    return {
      ...tools,
      messages,
      t: (key, values) => format(messages[key] as string, values),
    };
  }, [tools, english]);
}

/**
 * The provider's values (backend, customer, locale, every UI string of the locale); outside a
 * provider, English and no backend (components still render).
 */
export function usePalaute(): PalauteContextValue {
  const value = useProvidedContext();
  return useMemo(
    () => ({ ...value, messages: withEnglish(value.messages, enLater) as Messages }),
    [value],
  );
}

/** UI strings and survey texts in the provider's locale (English without a provider). */
export function useLocaleTools(): LocaleTools {
  return useLocaleToolsWith(enLater) as LocaleTools;
}
