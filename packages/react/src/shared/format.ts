/**
 * The one set of `Intl` formatters every component uses. Each falls back to plain text when the
 * runtime does not know the locale or time zone, so a host's odd locale never breaks a render.
 */

/** An Intl formatter, or `undefined` when the runtime does not know the locale or time zone. */
export function safeFormatter<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}

/**
 * Formats numbers in `locale` with `options`; without a formatter, the value rounded to two
 * decimals (a share as "40 %" when `options.style` is `percent`).
 */
export function numberFormat(
  locale: string,
  options: Intl.NumberFormatOptions = {},
): (value: number) => string {
  const formatter = safeFormatter(() => new Intl.NumberFormat(locale, options));
  return (value) =>
    formatter?.format(value) ??
    (options.style === 'percent'
      ? `${Math.round(value * 100)} %`
      : String(Math.round(value * 100) / 100));
}

/**
 * Formats a day or an instant (`YYYY-MM-DD` or ISO) as a date in UTC, so a server render and the
 * browser's agree (no hydration mismatch): "2 Dec 2026" with the default `dateStyle: 'medium'`.
 * Text that is not a date comes back as it is.
 */
export function utcDateFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): (iso: string) => string {
  const formatter = safeFormatter(
    () => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }),
  );
  return (iso) => {
    const at = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
    return Number.isNaN(at.getTime()) ? iso : (formatter?.format(at) ?? iso.slice(0, 10));
  };
}
