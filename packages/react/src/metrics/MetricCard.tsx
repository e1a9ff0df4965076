import type { CxChange, CxTargetState } from '@palaute/engine';
import { type ElementType, useId } from 'react';
import { type MetricKind, type MetricsTools, useMetricsTools } from '../i18n/metrics';
import type { MetricsTheme } from './ChartFigure';

/** A figure with its uncertainty, as the report gives it. */
export interface MetricFigure {
  /** The figure, or `null` with no responses. */
  value: number | null;
  /** Its 95 % interval. */
  interval?: readonly [number, number] | null | undefined;
  /** How many responses it rests on. */
  n: number;
  /** Too few to read (n < 30 or a margin over ±20 points): greyed, never an arrow or a colour. */
  lowSample?: boolean | undefined;
}

/**
 * The change from the period compared with, as the report tested it (the engine's `CxChange`):
 * `direction` is `up` or `down` only when significant and neither side is a low sample.
 */
export type MetricChange = Pick<CxChange, 'difference' | 'significant' | 'direction'>;

/** A target's state and the next milestone, for a card. */
export interface MetricTarget {
  state: CxTargetState;
  next?: { value: number; by: string } | null | undefined;
}

/** Props of {@link MetricCard}. */
export interface MetricCardProps {
  kind: MetricKind;
  figure: MetricFigure;
  /** The change from the period compared with; shown with an arrow only when significant. */
  change?: MetricChange | null | undefined;
  /** The period compared with, in words ("Q1 2026"). */
  comparedWith?: string | undefined;
  /** The target's state, if one is set. */
  target?: MetricTarget | null | undefined;
  /** The card's title. @default the metric's name */
  title?: string | undefined;
  /** @default 'h3' */
  headingLevel?: 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | undefined;
  /** Replaces the default `palaute-MetricCard` class. */
  className?: string | undefined;
  /** Light, dark or the system's (with the optional stylesheet). */
  theme?: MetricsTheme | undefined;
  /**
   * Offers "Show the answers" (the responses behind the figure): called with the button, so the
   * host can hand focus back to it when the list closes.
   */
  onShowResponses?: ((trigger: HTMLElement) => void) | undefined;
}

const TARGET_KEYS = {
  met: 'targetMet',
  onTrack: 'targetOnTrack',
  offTrack: 'targetOffTrack',
  unknown: 'targetNoData',
} as const;

/** What a card says, in words: its value, interval, n, change and target. */
export interface MetricCardApi {
  value: string;
  interval: string | undefined;
  n: string;
  /** `up` or `down` only for a significant change of readable figures; otherwise `none`. */
  direction: 'up' | 'down' | 'none' | undefined;
  change: string | undefined;
  target: string | undefined;
  next: string | undefined;
}

/** A card's words and states, from its figure, change and target. */
export function useMetricCard({
  kind,
  figure,
  change,
  comparedWith,
  target,
}: Pick<MetricCardProps, 'kind' | 'figure' | 'change' | 'comparedWith' | 'target'>): MetricCardApi {
  const tools = useMetricsTools();
  return describeCard(tools, kind, figure, change, comparedWith ?? '', target);
}

function describeCard(
  tools: MetricsTools,
  kind: MetricKind,
  figure: MetricFigure,
  change: MetricChange | null | undefined,
  from: string,
  target: MetricTarget | null | undefined,
): MetricCardApi {
  const { t } = tools;
  const readable = figure.value !== null && !figure.lowSample;
  // An arrow only for a real change of a readable figure (never for a low sample).
  const real =
    change && readable && change.significant && change.direction !== 'none' && change.difference;
  const direction =
    !change || change.difference === null ? undefined : real ? change.direction : 'none';
  return {
    value: figure.value === null ? t('noResponses') : tools.value(kind, figure.value),
    interval:
      figure.interval && figure.value !== null
        ? t('interval', {
            lo: tools.value(kind, figure.interval[0]),
            hi: tools.value(kind, figure.interval[1]),
          })
        : undefined,
    n: t('responses', { n: tools.count(figure.n) }),
    direction,
    change:
      !change || change.difference === null
        ? undefined
        : real
          ? t(change.direction === 'up' ? 'changeUp' : 'changeDown', {
              delta: tools.delta(kind, change.difference),
              period: from,
            })
          : t('changeNone', { period: from }),
    target: target ? t(TARGET_KEYS[target.state]) : undefined,
    next: target?.next
      ? t('targetNext', {
          value: tools.value(kind, target.next.value),
          date: tools.date(target.next.by),
        })
      : undefined,
  };
}

/**
 * One CX figure with its honesty attached: the value, its 95 % interval and n always; the change
 * from the previous period with an arrow only when the report found it significant (otherwise "No
 * significant change from …", no arrow, no colour); and where it stands against its target (met,
 * on track, off track) with the next milestone. A figure with too few responses is greyed and says
 * "Not enough responses", and never carries an arrow or a colour. The arrow is a word too: the
 * change is always written out.
 *
 * @example
 * ```tsx
 * <MetricCard kind="nps" figure={{ value: 40, interval: [26, 53], n: 120 }}
 *   change={{ difference: 10, significant: false, direction: 'none' }} comparedWith="Q1 2026" />
 * ```
 *
 * @selector .palaute-MetricCard [data-metric] the metric; [data-low-sample] too few responses; [data-change="up"|"down"|"none"]; [data-target="met"|"onTrack"|"offTrack"|"unknown"]
 * @selector [data-part="title"] [data-part="value"] [data-part="interval"] [data-part="n"] [data-part="low-sample"] [data-part="change"] [data-part="arrow"] [data-part="target"] [data-part="next"] [data-part="responses"] the "Show the answers" button
 */
export function MetricCard({
  kind,
  figure,
  change,
  comparedWith,
  target,
  title,
  headingLevel = 'h3',
  className,
  theme,
  onShowResponses,
}: MetricCardProps) {
  const card = useMetricCard({ kind, figure, change, comparedWith, target });
  const tools = useMetricsTools();
  const { t } = tools;
  const titleId = useId();
  const Heading = headingLevel as ElementType;
  return (
    <section
      className={className ?? 'palaute-MetricCard'}
      aria-labelledby={titleId}
      data-theme={theme}
      data-metric={kind}
      data-low-sample={figure.lowSample ? '' : undefined}
      data-change={card.direction}
      data-target={target?.state}
    >
      <Heading id={titleId} data-part="title">
        {title ?? tools.name(kind)}
      </Heading>
      <p data-part="value">
        {figure.value === null ? card.value : <data value={figure.value}>{card.value}</data>}
      </p>
      {card.interval ? (
        <p data-part="interval">
          <span data-part="label">{t('intervalLabel')}: </span>
          {card.interval}
        </p>
      ) : null}
      <p data-part="n">{card.n}</p>
      {figure.lowSample ? <p data-part="low-sample">{t('lowSample')}</p> : null}
      {card.change ? (
        <p data-part="change" data-direction={card.direction}>
          {card.direction === 'up' || card.direction === 'down' ? (
            <span data-part="arrow" aria-hidden="true">
              {card.direction === 'up' ? '▲ ' : '▼ '}
            </span>
          ) : null}
          {card.change}
        </p>
      ) : null}
      {card.target ? (
        <p data-part="target" data-state={target?.state}>
          <span data-part="marker" aria-hidden="true">
            {target?.state === 'met' ? '✓ ' : target?.state === 'offTrack' ? '! ' : '→ '}
          </span>
          {card.target}
          {card.next ? (
            <>
              {' · '}
              <span data-part="next">{card.next}</span>
            </>
          ) : null}
        </p>
      ) : null}
      {onShowResponses && figure.n > 0 ? (
        <button
          type="button"
          data-part="responses"
          aria-describedby={titleId}
          onClick={(event) => onShowResponses(event.currentTarget)}
        >
          {t('responsesShow')}
        </button>
      ) : null}
    </section>
  );
}
