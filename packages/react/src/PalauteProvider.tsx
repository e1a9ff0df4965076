import type { BackendPort, Customer, LocalizedText } from '@palaute/engine';
import { localize } from '@palaute/engine';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import {
  format,
  type MessageOverrides,
  type Messages,
  resolveMessages,
  type Translate,
} from './i18n/messages';

/** What every Palaute component below a {@link PalauteProvider} shares. */
export interface PalauteContextValue {
  backend: BackendPort | undefined;
  customer: Pick<Customer, 'id'> | undefined;
  locale: string;
  messages: Messages;
  /** Reports background failures (recording displays and dismissals). */
  onError: ((error: unknown, operation: string) => void) | undefined;
}

const PalauteContext = createContext<PalauteContextValue | null>(null);

/** Props of {@link PalauteProvider}. */
export interface PalauteProviderProps {
  /** Where responses go: `createMemoryBackend()` for demos, your own `BackendPort` in production. */
  backend: BackendPort;
  /** The signed-in customer. */
  customer: Pick<Customer, 'id'>;
  /** The customer's locale; English and Finnish are built in. @default 'en' */
  locale?: string;
  /** Overrides for any UI string, for all locales or per locale. */
  messages?: MessageOverrides;
  /** Called when a background call fails (the customer is never disturbed by it). */
  onError?: (error: unknown, operation: string) => void;
  children?: ReactNode;
}

/**
 * Provides the backend, the customer and the locale to every Palaute component below it.
 *
 * @example
 * ```tsx
 * <PalauteProvider backend={backend} customer={{ id: user.id }} locale="fi">
 *   <FeedbackDialog survey={survey} trigger={<button type="button">Feedback</button>} />
 * </PalauteProvider>
 * ```
 */
export function PalauteProvider({
  backend,
  customer,
  locale = 'en',
  messages,
  onError,
  children,
}: PalauteProviderProps) {
  const value = useMemo<PalauteContextValue>(
    () => ({ backend, customer, locale, messages: resolveMessages(locale, messages), onError }),
    [backend, customer, locale, messages, onError],
  );
  return <PalauteContext.Provider value={value}>{children}</PalauteContext.Provider>;
}

const fallback: PalauteContextValue = {
  backend: undefined,
  customer: undefined,
  locale: 'en',
  messages: resolveMessages('en'),
  onError: undefined,
};

/** The provider's values; outside a provider, English and no backend (components still render). */
export function usePalaute(): PalauteContextValue {
  return useContext(PalauteContext) ?? fallback;
}

/** Locale helpers for components: `t` for UI strings, `text` for survey texts in the customer's locale. */
export interface LocaleTools {
  locale: string;
  messages: Messages;
  t: Translate;
  text: (value: LocalizedText | undefined, defaultLocale?: string) => string;
}

/** UI strings and survey texts in the provider's locale (English without a provider). */
export function useLocaleTools(): LocaleTools {
  const { locale, messages } = usePalaute();
  return useMemo(
    () => ({
      locale,
      messages,
      t: (key, values) => format(messages[key], values),
      text: (value, defaultLocale) =>
        value === undefined ? '' : localize(value, locale, defaultLocale),
    }),
    [locale, messages],
  );
}
