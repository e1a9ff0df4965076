import type { LoopSummary } from '@palaute/engine';
import { type ElementType, useId } from 'react';
import { useLoopTools } from '../i18n/loop';
import { numberFormat } from '../shared/format';
import { useTimeFormat } from '../shared/useTimeFormat';
import type { MetricsTheme } from './ChartFigure';

/** Props of {@link LoopMetrics}. */
export interface LoopMetricsProps {
  /** The loop metrics (`team.loopMetrics()`, or the report's), overall or one touchpoint's. */
  metrics: LoopSummary | null | undefined;
  /** `error` shows that they could not be loaded. @default 'ready' */
  state?: 'loading' | 'ready' | 'error' | undefined;
  /** The response target the overdue count was computed with, in hours. @default 48 */
  responseTargetHours?: number | undefined;
  /** @default 'h3' */
  headingLevel?: 'h2' | 'h3' | 'h4' | undefined;
  /** Time zone for the durations' wording. */
  timeZone?: string | undefined;
  /** Replaces the default `palaute-LoopMetrics` class. */
  className?: string | undefined;
  /** Light, dark or the system's (with the optional stylesheet). */
  theme?: MetricsTheme | undefined;
}

/**
 * Whether the loop gets closed: the share of feedback left unprocessed (with the count), how many
 * items wait past the response target, and the median time to first response and to close. Used by
 * `FeedbackInbox` above its list and by `CxDashboard`; mount it anywhere with `team.loopMetrics()`.
 *
 * @example
 * ```tsx
 * <LoopMetrics metrics={await team.loopMetrics()} responseTargetHours={48} />
 * ```
 *
 * @selector .palaute-LoopMetrics [data-part="metrics"] [data-state="loading"|"ready"|"error"]; [data-part="metric"][data-metric="unprocessed"|"overdue"|"first-response"|"close"]
 */
export function LoopMetrics({
  metrics,
  state = 'ready',
  responseTargetHours = 48,
  headingLevel = 'h3',
  timeZone,
  className,
  theme,
}: LoopMetricsProps) {
  const { t, locale } = useLoopTools();
  const time = useTimeFormat(timeZone);
  const titleId = useId();
  const Heading = headingLevel as ElementType;
  const percent = numberFormat(locale, { style: 'percent' });
  const median = (hours: number | null | undefined) =>
    hours === null || hours === undefined ? t('metricNone') : time.hours(hours);
  return (
    <section
      className={className ?? 'palaute-LoopMetrics'}
      data-part="metrics"
      data-state={state}
      data-theme={theme}
      aria-labelledby={titleId}
    >
      <Heading id={titleId}>{t('metrics')}</Heading>
      {state === 'error' ? <p role="alert">{t('metricsError')}</p> : null}
      {metrics ? (
        <dl>
          <div data-part="metric" data-metric="unprocessed">
            <dt>{t('metricUnprocessed')}</dt>
            <dd>
              {t('metricUnprocessedValue', {
                share: percent(metrics.unprocessedShare),
                count: metrics.unprocessed,
                total: metrics.total,
              })}
            </dd>
          </div>
          <div data-part="metric" data-metric="overdue">
            <dt>{t('metricOverdue', { target: time.hours(responseTargetHours) })}</dt>
            <dd>{metrics.overdue}</dd>
          </div>
          <div data-part="metric" data-metric="first-response">
            <dt>{t('metricFirstResponse')}</dt>
            <dd>{median(metrics.timeToFirstResponse.medianHours)}</dd>
          </div>
          <div data-part="metric" data-metric="close">
            <dt>{t('metricClose')}</dt>
            <dd>{median(metrics.timeToClose.medianHours)}</dd>
          </div>
        </dl>
      ) : null}
    </section>
  );
}
