import { useMemo } from 'react';
import { useLocaleTools } from '../provider/PalauteProvider';
import { safeFormatter as safe } from './format';

const HOUR_MS = 3_600_000;

/** Dates, ages and durations in the provider's locale, for the feedback-loop components. */
export interface TimeFormat {
  /** A date and time: "23 Nov 2026, 10:15". */
  dateTime(iso: string): string;
  /** A date: "23 Nov 2026". */
  date(iso: string): string;
  /** How long ago, from `now` (ms): "5 hours ago", "3 days ago". */
  ago(iso: string, now: number): string;
  /** A duration given in hours: "45 minutes", "5 hours", "2.5 days". */
  hours(hours: number): string;
}

/**
 * Formatters for the locale of the nearest provider, in `timeZone` (the browser's when not given).
 * The feedback-loop components load their data in effects, so these never run in a server render.
 */
export function useTimeFormat(timeZone?: string): TimeFormat {
  const { locale } = useLocaleTools();
  return useMemo(() => {
    const zone = timeZone ? { timeZone } : {};
    const dateTime = safe(
      () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...zone }),
    );
    const date = safe(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...zone }));
    const relative = safe(() => new Intl.RelativeTimeFormat(locale, { numeric: 'always' }));
    const unit = (name: 'minute' | 'hour' | 'day') =>
      safe(
        () =>
          new Intl.NumberFormat(locale, {
            style: 'unit',
            unit: name,
            unitDisplay: 'long',
            maximumFractionDigits: 1,
          }),
      );
    const units = { minute: unit('minute'), hour: unit('hour'), day: unit('day') };
    return {
      dateTime: (iso) => dateTime?.format(new Date(iso)) ?? iso,
      date: (iso) => date?.format(new Date(iso)) ?? iso.slice(0, 10),
      ago: (iso, now) => {
        const hours = Math.max(0, now - Date.parse(iso)) / HOUR_MS;
        const [value, name] =
          hours < 1
            ? [Math.floor(hours * 60), 'minute' as const]
            : hours < 48
              ? [Math.floor(hours), 'hour' as const]
              : [Math.floor(hours / 24), 'day' as const];
        return relative?.format(-value, name) ?? `${value} ${name}`;
      },
      hours: (hours) => {
        const [value, name] =
          hours < 1
            ? [Math.round(hours * 60), 'minute' as const]
            : hours <= 48
              ? [hours, 'hour' as const]
              : [hours / 24, 'day' as const];
        return units[name]?.format(value) ?? `${value} ${name}`;
      },
    } satisfies TimeFormat;
  }, [locale, timeZone]);
}
