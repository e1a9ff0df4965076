import type { BoardMessages, BoardTeamMessages } from '../board/board.messages';
import type { IdeaOfferMessages } from '../board/offer.messages';
import type { LauncherFormMessages } from '../flow/launcher.messages';
import type { DevtoolsMessages } from './devtools.en';
import { en, type MessageKey, type Messages } from './en';
import { enFirst, type FirstMessageKey, type FirstMessages } from './en.first';
import type { FormMessages } from './form';
import type { LoopMessages } from './loop.en';
import type { MetricsMessages } from './metrics.en';

export type { MessageKey, Messages } from './en';

/**
 * The built-in catalogues by language: English only. Every other language is registered by the host
 * (`<PalauteProvider locales={{ fi }}>`), so a page ships only the languages it speaks.
 */
export const builtInMessages: Record<string, Messages> = { en };

/** Catalogues the host registers by language or full locale: `{ fi }`, `{ fi, 'fi-FI': fiFi }`. */
export type Locales = Readonly<Record<string, Messages>>;

/** Every catalogue's strings: the flow's, the loop's, the metrics', the forms', the board's and the devtools'. */
type AllMessages = Messages &
  LoopMessages &
  MetricsMessages &
  FormMessages &
  LauncherFormMessages &
  BoardMessages &
  BoardTeamMessages &
  IdeaOfferMessages &
  DevtoolsMessages;

/** Host overrides: any subset of keys, for every locale or per locale (`{ fi: { next: 'Eteenpäin' } }`). */
export type MessageOverrides = Partial<AllMessages> | Record<string, Partial<AllMessages>>;

/**
 * The host's overrides that apply to a locale: flat ones (`{ next: 'Go' }`) apply everywhere; keyed
 * ones (`{ fi: { next: 'Eteenpäin' } }`) by language, then by full locale.
 */
export function overridesFor(
  locale: string,
  overrides: MessageOverrides | undefined,
): Record<string, string> {
  if (!overrides) return {};
  const language = locale.split('-')[0] ?? locale;
  // Keyed by locale when its values are catalogues rather than strings.
  const isKeyed = Object.values(overrides).some((value) => typeof value === 'object');
  if (!isKeyed) return overrides as Record<string, string>;
  const keyed = overrides as Record<string, Record<string, string>>;
  return { ...keyed[language], ...keyed[locale] };
}

/**
 * The catalogue for a locale, with the host's overrides applied: the host's registered catalogue for
 * the full locale, then for its language (`fi-FI` → `fi`), then the built-in one, else English.
 */
export function resolveMessages(
  locale: string,
  overrides?: MessageOverrides,
  locales?: Locales,
): Messages {
  const language = locale.split('-')[0] ?? locale;
  return resolveOver(builtInMessages[language] ?? en, locale, overrides, locales);
}

/**
 * What the provider holds (not public): {@link resolveMessages} over the English a page needs before
 * the dialog can show (`enFirst`). A registered catalogue and the host's overrides give every key
 * they hold; in English the keys of `enLater` are missing, and `useLocaleTools` from
 * `provider/locale.ts`, which the components using them call, adds them.
 */
export function resolveFirstMessages(
  locale: string,
  overrides?: MessageOverrides,
  locales?: Locales,
): ProvidedMessages {
  return resolveOver(enFirst, locale, overrides, locales);
}

/** The provider's strings: every key a page needs before the dialog can show, and any others given. */
export type ProvidedMessages = FirstMessages & Partial<Messages>;

/** The registered catalogue for the locale, else `fallback`, with the host's overrides on top. */
function resolveOver<M extends FirstMessages>(
  fallback: M,
  locale: string,
  overrides: MessageOverrides | undefined,
  locales: Locales | undefined,
): M {
  const language = locale.split('-')[0] ?? locale;
  const base = locales?.[locale] ?? locales?.[language] ?? fallback;
  if (!overrides) return base as M;
  return { ...base, ...(overridesFor(locale, overrides) as Partial<Messages>) } as M;
}

/** Fills `{name}` placeholders. Values are inserted as text; React renders the result as text. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * The string of `key` for a count: when `values.count` is a number and the catalogue has a form
 * for its plural category in `locale` (`votes_one: '{count} vote'`, chosen by `Intl.PluralRules`),
 * that form; otherwise `key` itself, which holds the general form (`votes: '{count} votes'`), with
 * its placeholders filled. A host overrides either form like any other key.
 */
export function translate(
  messages: Readonly<Record<string, string>>,
  locale: string,
  key: string,
  values?: Record<string, string | number>,
): string {
  const count = values?.count;
  let template = messages[key];
  if (typeof count === 'number') {
    let rules = pluralRules.get(locale);
    if (!rules) {
      rules = new Intl.PluralRules(locale);
      pluralRules.set(locale, rules);
    }
    template = messages[`${key}_${rules.select(count)}`] ?? template;
  }
  return format(template ?? key, values);
}

/** A translator bound to a catalogue: `t('progress', { current: 1, total: 3 })`. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The provider's translator (not public): only the keys a page needs before the dialog can show. */
export type FirstTranslate = (
  key: FirstMessageKey,
  values?: Record<string, string | number>,
) => string;
