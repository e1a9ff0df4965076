import { type ElementType, useId } from 'react';
import { type MetricKind, useMetricsTools } from '../i18n/metrics';
import type { MetricsTheme } from './ChartFigure';
import type { MetricFigure, TargetState } from './MetricCard';

/** Where a milestone stands: reached, the next one, one after it, or one whose date passed unmet. */
export type MilestoneState = 'met' | 'next' | 'later' | 'missed';

/** One step of a stepped target. */
export interface LadderMilestone {
  /** The date it is due (`YYYY-MM-DD`). */
  by: string;
  /** The value to reach. */
  value: number;
  state: MilestoneState;
}

/** Props of {@link TargetLadder}. */
export interface TargetLadderProps {
  kind: MetricKind;
  /** What the target covers, in words ("Overall", "Touchpoint Checkout"). */
  scope?: string | undefined;
  /** Where we stand now. */
  current: MetricFigure;
  /** The target's state as the report reads it. */
  state: TargetState;
  /** How "met" is read: the interval's lower end (`strict`) or the point with n ≥ `nMin` (`plain`). */
  reading: 'strict' | 'plain';
  /** The least responses the plain reading asks for. */
  nMin?: number | undefined;
  /** The milestones, earliest first. */
  milestones: readonly LadderMilestone[];
  /** Set when a step is smaller than the expected sample can detect: the step and the n it needs a period. */
  underpowered?: { step: number; needed: number } | null | undefined;
  /** @default 'h3' */
  headingLevel?: 'h2' | 'h3' | 'h4' | undefined;
  /** Replaces the default `palaute-TargetLadder` class. */
  className?: string | undefined;
  /** Light, dark or the system's (with the optional stylesheet). */
  theme?: MetricsTheme | undefined;
}

const STATE_KEYS = {
  met: 'targetMet',
  onTrack: 'targetOnTrack',
  offTrack: 'targetOffTrack',
  noData: 'targetNoData',
} as const;
const MILESTONE_KEYS = {
  met: 'milestoneMet',
  next: 'milestoneNext',
  later: 'milestoneLater',
  missed: 'milestonePassed',
} as const;

/**
 * A stepped target as a ladder (eat the elephant one bite at a time): where the figure stands now
 * (value, interval, n), the target's state (met, on track, off track), which reading of "met" is
 * used (strict: the interval's lower end reaches the value; plain: the point does, with enough
 * responses), and each milestone with its date and state, the next one marked. When a step is
 * smaller than the expected sample can detect, it says so and how many responses it would take.
 *
 * @example
 * ```tsx
 * <TargetLadder kind="nps" scope="Overall" state="onTrack" reading="strict"
 *   current={{ value: 31, interval: [27, 35], n: 540 }}
 *   milestones={[{ by: '2027-12-31', value: 35, state: 'next' }, { by: '2028-12-31', value: 45, state: 'later' }]} />
 * ```
 *
 * @selector .palaute-TargetLadder [data-state="met"|"onTrack"|"offTrack"|"noData"] [data-low-sample]
 * @selector [data-part="now"] [data-part="reading"] [data-part="ladder"] [data-part="milestone"][data-state="met"|"next"|"later"|"missed"] [data-part="warning"]
 */
export function TargetLadder({
  kind,
  scope,
  current,
  state,
  reading,
  nMin = 30,
  milestones,
  underpowered,
  headingLevel = 'h3',
  className,
  theme,
}: TargetLadderProps) {
  const tools = useMetricsTools();
  const { t } = tools;
  const titleId = useId();
  const Heading = headingLevel as ElementType;
  const value = (at: number) => tools.value(kind, at);
  return (
    <section
      className={className ?? 'palaute-TargetLadder'}
      aria-labelledby={titleId}
      data-theme={theme}
      data-state={state}
      data-low-sample={current.lowSample ? '' : undefined}
    >
      <Heading id={titleId} data-part="title">
        {`${t('targets')}: ${tools.name(kind)}${scope ? ` · ${scope}` : ''}`}
      </Heading>
      <p data-part="now">
        {current.value === null
          ? t('noResponses')
          : t('targetNow', {
              value: value(current.value),
              lo: value(current.interval?.[0] ?? current.value),
              hi: value(current.interval?.[1] ?? current.value),
              n: tools.count(current.n),
            })}
        {' · '}
        <strong data-part="state">{t(STATE_KEYS[state])}</strong>
      </p>
      <ol data-part="ladder">
        {milestones.map((milestone) => (
          <li
            key={`${milestone.by}-${milestone.value}`}
            data-part="milestone"
            data-state={milestone.state}
            aria-current={milestone.state === 'next' ? 'step' : undefined}
          >
            <span data-part="step">
              {t('targetMilestone', {
                value: value(milestone.value),
                date: tools.date(milestone.by),
              })}
            </span>
            {' · '}
            <span data-part="milestone-state">{t(MILESTONE_KEYS[milestone.state])}</span>
          </li>
        ))}
      </ol>
      <p data-part="reading">
        {reading === 'strict' ? t('readingStrict') : t('readingPlain', { nMin })}
      </p>
      {underpowered ? (
        <p data-part="warning">
          {t('targetUnderpowered', {
            step: tools.delta(kind, underpowered.step),
            needed: tools.count(underpowered.needed),
          })}
        </p>
      ) : null}
    </section>
  );
}
