import { useMemo } from 'react';
import { useLocaleTools } from '../provider/locale';
import type { LocaleTools } from '../provider/PalauteProvider';
import { numberFormat, utcDateFormat } from '../shared/format';
import type { MessageKey } from './en';
import { type MetricsMessageKey, type MetricsMessages, metricsEn } from './metrics.en';
import { metricsFi } from './metrics.fi';
import { useMessages } from './useMessages';

export type { MetricsMessageKey, MetricsMessages } from './metrics.en';

/** The metrics catalogues by language. */
export const builtInMetricsMessages: Record<string, MetricsMessages> = {
  en: metricsEn,
  fi: metricsFi,
};
const metricsCatalogues = { en: metricsEn, fi: metricsFi };

/**
 * What a figure measures, which decides how it reads (the units of the engine's `CxReport`): `nps`
 * in points from −100 to +100 (“+40”), `csat` and the rates in percent from 0 to 100 (“82 %”; a
 * change in percentage points), `ces` and `rating` as a mean (“5.6”).
 */
export type MetricKind =
  | 'nps'
  | 'csat'
  | 'ces'
  | 'rating'
  | 'responseRate'
  | 'dismissalRate'
  | 'optOutRate';

/** How long one period of a trend is. */
export type Granularity = 'day' | 'week' | 'month' | 'quarter';

/** Locale tools for the metrics components: their strings, then the shared ones, and number formats. */
export interface MetricsTools extends Omit<LocaleTools, 't'> {
  t: (key: MessageKey | MetricsMessageKey, values?: Record<string, string | number>) => string;
  /** The metric's name (“NPS”, “Vastausaste”). */
  name(kind: MetricKind): string;
  /** A value as the metric reads it: “+40”, “82 %”, “5.6”. */
  value(kind: MetricKind, value: number): string;
  /**
   * A change in the metric's unit, without its sign (the words say up or down): “10 points” for
   * NPS, “4.5 points” (percentage points) for CSAT and the rates, a bare “0.3” for a mean.
   */
  delta(kind: MetricKind, delta: number): string;
  /** A whole count: “1 204”. */
  count(count: number): string;
  /** A share from 0 to 1 as a percentage: “25 %”. */
  percent(share: number): string;
  /** A date (`YYYY-MM-DD` or ISO) in the locale, read in UTC so the day never shifts. */
  date(iso: string): string;
  /** The period that starts on `start`: “Q1 2026”, “March 2026”, “Week of 2 Mar 2026”. */
  period(start: string, granularity: Granularity): string;
  /** The same period as short as an axis label can be: “Q1 2026”, “Mar 2026”, “2 Mar”. */
  shortPeriod(start: string, granularity: Granularity): string;
}

const SHARES: ReadonlySet<MetricKind> = new Set([
  'csat',
  'responseRate',
  'dismissalRate',
  'optOutRate',
]);

/** The metrics strings and number formats in the provider's locale, with the host's overrides applied. */
export function useMetricsTools(): MetricsTools {
  const tools = useLocaleTools();
  const own = useMessages(metricsCatalogues);
  return useMemo(() => {
    const { locale } = tools;
    const t: MetricsTools['t'] = (key, values) =>
      key in own.messages
        ? own.t(key as MetricsMessageKey, values)
        : tools.t(key as MessageKey, values);
    const number = (options: Intl.NumberFormatOptions) => numberFormat(locale, options);
    const signed = number({ signDisplay: 'exceptZero', maximumFractionDigits: 0 });
    const whole = number({ maximumFractionDigits: 0 });
    const mean = number({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const percent = number({ style: 'percent', maximumFractionDigits: 0 });
    const points = number({ maximumFractionDigits: 1 });
    const date = utcDateFormat(locale, { dateStyle: 'medium' });
    const month = utcDateFormat(locale, { month: 'long', year: 'numeric' });
    const shortMonth = utcDateFormat(locale, { month: 'short', year: 'numeric' });
    const dayMonth = utcDateFormat(locale, { day: 'numeric', month: 'short' });
    // “1 point”, “2 points”, “0.5 points”: the singular only for exactly one, as both languages read.
    const unit = (one: MetricsMessageKey, other: MetricsMessageKey, text: string) =>
      t(text === whole(1) ? one : other, { delta: text });
    const name = (kind: MetricKind) =>
      t(
        (
          {
            nps: 'metricNps',
            csat: 'metricCsat',
            ces: 'metricCes',
            rating: 'metricRating',
            responseRate: 'metricResponseRate',
            dismissalRate: 'metricDismissalRate',
            optOutRate: 'metricOptOutRate',
          } as const
        )[kind],
      );
    return {
      ...tools,
      t,
      name,
      value: (kind, value) =>
        kind === 'nps' ? signed(value) : SHARES.has(kind) ? percent(value / 100) : mean(value),
      delta: (kind, delta) => {
        const size = Math.abs(delta);
        if (kind === 'nps') return unit('deltaPoint', 'deltaPoints', whole(size));
        // A change in a share is in percentage points, and says so.
        if (SHARES.has(kind)) return unit('deltaSharePoint', 'deltaSharePoints', points(size));
        return mean(size);
      },
      count: whole,
      percent,
      date,
      shortPeriod: (start, granularity) => {
        const day = start.slice(0, 10);
        if (granularity === 'day' || granularity === 'week') return dayMonth(day);
        if (granularity === 'month') return shortMonth(day);
        const [year, monthNumber] = day.split('-');
        return t('periodQuarter', {
          quarter: Math.floor((Number(monthNumber) - 1) / 3) + 1,
          year: year ?? '',
        });
      },
      period: (start, granularity) => {
        const day = start.slice(0, 10);
        if (granularity === 'day') return t('periodDay', { date: date(day) });
        if (granularity === 'week') return t('periodWeek', { date: date(day) });
        if (granularity === 'month') return t('periodMonth', { month: month(day) });
        const [year, monthNumber] = day.split('-');
        return t('periodQuarter', {
          quarter: Math.floor((Number(monthNumber) - 1) / 3) + 1,
          year: year ?? '',
        });
      },
    } satisfies MetricsTools;
  }, [tools, own]);
}
