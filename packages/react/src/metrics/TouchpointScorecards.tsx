import { type ElementType, useId } from 'react';
import { type MetricKind, useMetricsTools } from '../i18n/metrics';
import type { MetricsTheme } from './ChartFigure';
import { MetricCard, type MetricChange, type MetricFigure, type MetricTarget } from './MetricCard';

/** Where in the customer's journey a touchpoint sits. */
export type JourneyStage = 'before' | 'during' | 'after';

/** One touchpoint's figure. */
export interface TouchpointScore {
  /** The touchpoint's id. */
  id: string;
  /** Its name for people. @default the id */
  label?: string | undefined;
  /** Its journey stage; without one it is listed under "Other", last. */
  stage?: JourneyStage | null | undefined;
  figure: MetricFigure;
  change?: MetricChange | null | undefined;
  target?: MetricTarget | null | undefined;
}

/** Props of {@link TouchpointScorecards}. */
export interface TouchpointScorecardsProps {
  /** The metric every card shows. */
  kind: MetricKind;
  /** The touchpoints, in the order the report gives them within each stage. */
  touchpoints: readonly TouchpointScore[];
  /** @default 'h3' */
  headingLevel?: 'h2' | 'h3' | undefined;
  /** Replaces the default `palaute-TouchpointScorecards` class. */
  className?: string | undefined;
  /** Light, dark or the system's (with the optional stylesheet). */
  theme?: MetricsTheme | undefined;
}

const STAGES = ['before', 'during', 'after', 'other'] as const;
const STAGE_KEYS = {
  before: 'stageBefore',
  during: 'stageDuring',
  after: 'stageAfter',
  other: 'stageOther',
} as const;
const BELOW = { h2: ['h3', 'h4'], h3: ['h4', 'h5'] } as const;

/** The touchpoints grouped by journey stage, before → during → after → other, empty stages left out. */
export function groupByStage(
  touchpoints: readonly TouchpointScore[],
): { stage: (typeof STAGES)[number]; touchpoints: TouchpointScore[] }[] {
  return STAGES.map((stage) => ({
    stage,
    touchpoints: touchpoints.filter((touchpoint) => (touchpoint.stage ?? 'other') === stage),
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
 *   { id: 'checkout', label: 'Checkout', stage: 'during', figure: { value: 0.82, interval: [0.76, 0.87], n: 210 } },
 * ]} />
 * ```
 *
 * @selector .palaute-TouchpointScorecards [data-part="stage"][data-stage="before"|"during"|"after"|"other"] a stage; [data-part="cards"] its list
 */
export function TouchpointScorecards({
  kind,
  touchpoints,
  headingLevel = 'h3',
  className,
  theme,
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
              <li key={touchpoint.id}>
                <MetricCard
                  kind={kind}
                  title={touchpoint.label ?? touchpoint.id}
                  figure={touchpoint.figure}
                  change={touchpoint.change}
                  target={touchpoint.target}
                  headingLevel={cardLevel}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
