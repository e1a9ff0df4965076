import type {
  BackendPort,
  Customer,
  DraftStore,
  KeyValueStorage,
  LocalizedText,
  Outbox,
  Palaute,
  PersistedFlow,
} from '@palaute/engine';
import { localize } from '@palaute/engine';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { createBrowserOutbox, watchPage } from '../delivery/browserOutbox';
import {
  type FirstTranslate,
  format,
  type Locales,
  type MessageOverrides,
  type Messages,
  type ProvidedMessages,
  resolveFirstMessages,
  type Translate,
} from '../i18n/messages';

/** What every Palaute component below a {@link PalauteProvider} shares. */
export interface PalauteContextValue {
  /** The Palaute client (touchpoints, triggers, contact policy), when the host gave one. */
  client: Palaute | undefined;
  backend: BackendPort | undefined;
  /** Where flows store their writes before delivery; `undefined` sends them straight to the backend. */
  outbox: Outbox | undefined;
  customer: Customer | undefined;
  locale: string;
  messages: Messages;
  /** The host's message overrides as given (the loop components resolve their own strings from them). */
  messageOverrides: MessageOverrides | undefined;
  /** Reports background failures (recording displays and dismissals). */
  onError: ((error: unknown, operation: string) => void) | undefined;
  /**
   * Drafts of flows closed unfinished after answers were given, by flow key, for this page's life:
   * the survey resumes from its draft at its next opening or offer (with `persist`, the draft is in
   * that storage too, so it outlives a reload).
   */
  drafts: Map<string, PersistedFlow>;
  /**
   * Text written and not sent (the customer's answer to the team, the team's reply to an item), by
   * form and person, for this page's life (with `persistDrafts`, in that storage too): a field that
   * goes away unsent gives its words back at its next opening. The store is made on first use
   * (`useTextDrafts`), so a page with only a survey does not ship it.
   */
  textDrafts: { store: DraftStore | undefined; persist: boolean | KeyValueStorage | undefined };
}

/**
 * What the provider's context holds (not public): {@link PalauteContextValue} with the strings a
 * page needs before the dialog can show in English (`enFirst`), and every string of a registered
 * catalogue or override. Hosts read it through the public `usePalaute` of `./locale`, which adds
 * the rest of English.
 */
export interface ProvidedContextValue extends Omit<PalauteContextValue, 'messages'> {
  messages: ProvidedMessages;
}

const PalauteContext = createContext<ProvidedContextValue | null>(null);

/** Props of {@link PalauteProvider}. */
export interface PalauteProviderProps {
  /**
   * The Palaute client from `createPalaute`: it decides which survey to offer at each touchpoint
   * under the contact policy. The provider starts it, and every flow below reports its displays,
   * answers and dismissals to it. Its backend and customer are used unless given here.
   */
  client?: Palaute | undefined;
  /**
   * Where responses go: `createHttpBackend({ baseUrl })` for the Palaute protocol, your own
   * `BackendPort`, or `createMemoryBackend()` for demos. Required without a `client`.
   */
  backend?: BackendPort | undefined;
  /**
   * The durable outbox every answer, display and dismissal goes through: stored on the device first,
   * then delivered exactly once, with retries, even after a reload. By default the provider creates
   * one with {@link createBrowserOutbox} (IndexedDB, Web Locks); pass your own, or `false` to send
   * straight to the backend (a failed submission then offers the customer a retry). The provider
   * starts it and flushes it when the browser comes back online or the page is hidden.
   */
  outbox?: Outbox | false | undefined;
  /**
   * The signed-in customer: an id, and attributes (`plan`, `country`, …) that go with each response as
   * its segment, for the team's filters. Required without a `client`.
   */
  customer?: Customer | undefined;
  /** The customer's locale; English is built in, other languages come from `locales`. @default 'en' */
  locale?: string;
  /**
   * The UI catalogues of the languages the host speaks besides English, by language or full locale:
   * `locales={{ fi }}` with `import { fi } from '@palaute/react'`. Only what is registered is shipped;
   * a locale without a catalogue falls back to English. Keep the object a module constant.
   */
  locales?: Locales | undefined;
  /** Overrides for any UI string, for all locales or per locale. */
  messages?: MessageOverrides | undefined;
  /** Called when a background call fails (the customer is never disturbed by it). */
  onError?: (error: unknown, operation: string) => void;
  /**
   * Keep text written and not sent (answers to the team, the team's replies) in this storage too, so
   * a reload restores it, as a flow's `persist` does: `true` uses `sessionStorage` (this tab only,
   * gone when it closes), each person's drafts under their own key. Without it, drafts are kept in
   * memory for the page's life. @default false
   */
  persistDrafts?: boolean | Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
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
  client,
  backend: backendProp,
  outbox: outboxProp,
  customer: customerProp,
  locale = 'en',
  locales,
  messages,
  onError,
  persistDrafts,
  children,
}: PalauteProviderProps) {
  const backend = backendProp ?? client?.backend;
  const customer = customerProp ?? client?.customer;
  // Creating an outbox touches nothing (SSR-safe); the effect below starts it in the browser.
  const own = useMemo(
    () => (outboxProp === undefined && backend ? createBrowserOutbox({ backend }) : undefined),
    [outboxProp, backend],
  );
  const outbox = outboxProp === false ? undefined : (outboxProp ?? own);
  useEffect(() => {
    if (!outbox) return;
    outbox.start().catch((error: unknown) => onError?.(error, 'outbox'));
    const unwatch = watchPage(outbox);
    return () => {
      unwatch();
      // A host's outbox is the host's to stop; ours stops with the provider (its records stay stored).
      if (outbox === own) outbox.stop();
    };
  }, [outbox, own, onError]);

  useEffect(() => {
    if (!client) return;
    client.start().catch((error: unknown) => onError?.(error, 'contactHistory'));
    return () => client.stop();
  }, [client, onError]);

  const [drafts] = useState(() => new Map<string, PersistedFlow>());
  // Read once: the store (made on first use) keeps what was written for the provider's life.
  const [textDrafts] = useState<PalauteContextValue['textDrafts']>(() => ({
    store: undefined,
    persist: persistDrafts,
  }));
  const value = useMemo<ProvidedContextValue>(
    () => ({
      client,
      backend,
      outbox,
      customer,
      locale,
      messages: resolveFirstMessages(locale, messages, locales),
      messageOverrides: messages,
      onError,
      drafts,
      textDrafts,
    }),
    [client, backend, outbox, customer, locale, locales, messages, onError, drafts, textDrafts],
  );
  return <PalauteContext.Provider value={value}>{children}</PalauteContext.Provider>;
}

const fallback: ProvidedContextValue = {
  client: undefined,
  backend: undefined,
  outbox: undefined,
  customer: undefined,
  locale: 'en',
  messages: resolveFirstMessages('en'),
  messageOverrides: undefined,
  onError: undefined,
  drafts: new Map(),
  textDrafts: { store: undefined, persist: undefined },
};

/**
 * The provider's values as its context holds them (not public: hosts get `usePalaute` from
 * `./locale`, with every string); outside a provider, English and no backend (components still
 * render).
 */
export function usePalaute(): ProvidedContextValue {
  return useContext(PalauteContext) ?? fallback;
}

/** Locale helpers for components: `t` for UI strings, `text` for survey texts in the customer's locale. */
export interface LocaleTools {
  locale: string;
  messages: Messages;
  t: Translate;
  text: (value: LocalizedText | undefined, defaultLocale?: string) => string;
}

/** {@link LocaleTools} over the provider's own strings (not public): the keys of `enFirst`. */
export interface FirstLocaleTools extends Omit<LocaleTools, 'messages' | 't'> {
  messages: ProvidedMessages;
  t: FirstTranslate;
}

/**
 * UI strings and survey texts in the provider's locale (English without a provider), for what a
 * page needs before the dialog can show (not public; hosts and the parts loaded later get
 * `useLocaleTools` from `./locale`, with every string).
 */
export function useLocaleTools(): FirstLocaleTools {
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
