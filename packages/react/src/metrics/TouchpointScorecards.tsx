import { type ElementType, useId } from 'react';
import { type MetricKind, useMetricsTools } from '../i18n/metrics';
import type { MetricsTheme } from './ChartFigure';
import { MetricCard, type MetricChange, type MetricFigure, type MetricTarget } from './MetricCard';

/** Where in the customer's journey a touchpoint sits: before, during or after the purchase. */
export type JourneyPhase = 'before' | 'during' | 'after' | 'other';

const PHASES: Record<string, JourneyPhase> = {
  discover: 'before',
  evaluate: 'before',
  purchase: 'during',
  onboard: 'after',
  use: 'after',
  support: 'after',
  renew: 'after',
  leave: 'after',
  before: 'before',
  during: 'during',
  after: 'after',
};

/** The phase of a journey stage (`JOURNEY_STAGES`, or `before` / `during` / `after` themselves). */
export function phaseOf(stage: string | null | undefined): JourneyPhase {
  return (stage ? PHASES[stage] : undefined) ?? 'other';
}

/** One touchpoint's figure (a touchpoint measured by several metrics has one each). */
export interface TouchpointScore {
  /** The touchpoint's id. */
  id: string;
  /** The metric of this figure. @default the cards' `kind` */
  kind?: MetricKind | undefined;
  /** Tells apart two figures of one touchpoint (the metric's key). */
  key?: string | undefined;
  /** Its name for people. @default the id */
  label?: string | undefined;
  /** Its journey stage (`discover` … `leave`, or a phase); without a known one it is under "Other", last. */
  stage?: string | null | undefined;
  figure: MetricFigure;
  change?: MetricChange | null | undefined;
  target?: MetricTarget | null | undefined;
}

/** Props of {@link TouchpointScorecards}. */
export interface TouchpointScorecardsProps {
  /** The metric of every card that does not name its own. */
  kind: MetricKind;
  /** The touchpoints, in the order the report gives them within each stage. */
  touchpoints: readonly TouchpointScore[];
  /** The period compared with, in words ("Q1 2026"), for the cards' changes. */
  comparedWith?: string | undefined;
  /** @default 'h3' */
  headingLevel?: 'h2' | 'h3' | 'h4' | undefined;
  /** Replaces the default `palaute-TouchpointScorecards` class. */
  className?: string | undefined;
  /** Light, dark or the system's (with the optional stylesheet). */
  theme?: MetricsTheme | undefined;
  /**
   * Offers each card's "Show the answers": called with the touchpoint's id, the button and the
   * card's figure (which tells the metric apart when a touchpoint has several).
   */
  onShowResponses?:
    | ((touchpointId: string, trigger: HTMLElement, score: TouchpointScore) => void)
    | undefined;
}

const STAGES = ['before', 'during', 'after', 'other'] as const;
const STAGE_KEYS = {
  before: 'stageBefore',
  during: 'stageDuring',
  after: 'stageAfter',
  other: 'stageOther',
} as const;
const BELOW = { h2: ['h3', 'h4'], h3: ['h4', 'h5'], h4: ['h5', 'h6'] } as const;

/** The touchpoints grouped by journey phase, before → during → after → other, empty ones left out. */
export function groupByStage(
  touchpoints: readonly TouchpointScore[],
): { stage: JourneyPhase; touchpoints: TouchpointScore[] }[] {
  return STAGES.map((stage) => ({
    stage,
    touchpoints: touchpoints.filter((touchpoint) => phaseOf(touchpoint.stage) === stage),
  })).filter((group) => group.touchpoints.length > 0);
}

/**
 * The journey's touchpoints in stage order (before, during and after the purchase, then the rest),
 * a `MetricCard` each: the metric with its interval and n, the change when it is significant, the
 * target's state. Each stage is a headed list, so a screen-reader user can jump between stages.
 *
 * @example
 * ```tsx
 * <TouchpointScorecards kind="csat" touchpoints={[
 *   { id: 'checkout', label: 'Checkout', stage: 'purchase', figure: { value: 82, interval: [76, 87], n: 210 } },
 * ]} />
 * ```
 *
 * @selector .palaute-TouchpointScorecards [data-part="stage"][data-stage="before"|"during"|"after"|"other"] a stage; [data-part="cards"] its list
 */
export function TouchpointScorecards({
  kind,
  touchpoints,
  comparedWith,
  headingLevel = 'h3',
  className,
  theme,
  onShowResponses,
}: TouchpointScorecardsProps) {
  const { t } = useMetricsTools();
  const titleId = useId();
  const Title = headingLevel as ElementType;
  const [stageLevel, cardLevel] = BELOW[headingLevel];
  const Stage = stageLevel as ElementType;
  return (
    <section
      className={className ?? 'palaute-TouchpointScorecards'}
      aria-labelledby={titleId}
      data-theme={theme}
    >
      <Title id={titleId} data-part="title">
        {t('touchpoints')}
      </Title>
      {touchpoints.length === 0 ? <p data-part="empty">{t('noResponses')}</p> : null}
      {groupByStage(touchpoints).map((group) => (
        <section
          key={group.stage}
          data-part="stage"
          data-stage={group.stage}
          aria-labelledby={`${titleId}-${group.stage}`}
        >
          <Stage id={`${titleId}-${group.stage}`}>{t(STAGE_KEYS[group.stage])}</Stage>
          <ul data-part="cards">
            {group.touchpoints.map((touchpoint) => (
              <li key={`${touchpoint.id} ${touchpoint.key ?? ''}`}>
                <MetricCard
                  kind={touchpoint.kind ?? kind}
                  title={touchpoint.label ?? touchpoint.id}
                  figure={touchpoint.figure}
                  change={touchpoint.change}
                  comparedWith={comparedWith}
                  target={touchpoint.target}
                  headingLevel={cardLevel}
                  onShowResponses={
                    onShowResponses
                      ? (trigger) => onShowResponses(touchpoint.id, trigger, touchpoint)
                      : undefined
                  }
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
