import { en, type MessageKey, type Messages } from './en';
import { fi } from './fi';

export type { MessageKey, Messages } from './en';

/** The built-in catalogues by language. */
export const builtInMessages: Record<string, Messages> = { en, fi };

/** Host overrides: any subset of keys, for every locale or per locale (`{ fi: { next: 'Eteenpäin' } }`). */
export type MessageOverrides = Partial<Messages> | Record<string, Partial<Messages>>;

/** The catalogue for a locale (`fi-FI` → `fi`, unknown → English), with the host's overrides applied. */
export function resolveMessages(locale: string, overrides?: MessageOverrides): Messages {
  const language = locale.split('-')[0] ?? locale;
  const base = builtInMessages[language] ?? en;
  if (!overrides) return base;
  const isKeyed = Object.keys(overrides).some((key) => !(key in en));
  const forLocale = isKeyed
    ? {
        ...(overrides as Record<string, Partial<Messages>>)[language],
        ...(overrides as Record<string, Partial<Messages>>)[locale],
      }
    : (overrides as Partial<Messages>);
  return { ...base, ...forLocale };
}

/** Fills `{name}` placeholders. Values are inserted as text; React renders the result as text. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

/** A translator bound to a catalogue: `t('progress', { current: 1, total: 3 })`. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;
