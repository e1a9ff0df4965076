import type { CxTargetStatus } from '@palaute/engine';
import { type ElementType, useId } from 'react';
import { useMetricsTools } from '../i18n/metrics';
import type { MetricsTheme } from './ChartFigure';

/** Where a milestone stands: its day has passed, it is the next one, or one after it. */
export type MilestoneState = 'past' | 'next' | 'later';

/** Props of {@link TargetLadder}. */
export interface TargetLadderProps {
  /** The target as the report reads it (`report.targets[i]`). */
  status: CxTargetStatus;
  /** What the target covers, in words ("Overall", "Checkout"). @default the target's name or scope */
  scope?: string | undefined;
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
  unknown: 'targetNoData',
} as const;
const MILESTONE_KEYS = {
  past: 'milestonePassed',
  next: 'milestoneNext',
  later: 'milestoneLater',
} as const;

/** Each milestone's standing against the report's next milestone. */
export function milestoneStates(status: CxTargetStatus): MilestoneState[] {
  const next = status.nextMilestone;
  return status.milestones.map((milestone) =>
    !next || milestone.by < next.by ? 'past' : milestone.by === next.by ? 'next' : 'later',
  );
}

/**
 * A stepped target as a ladder (eat the elephant one bite at a time): where the figure stands now
 * (value, interval, n), the target's state (met, on track, off track), which reading of "met" is
 * used (strict: the interval's lower end reaches the value; plain: the point does, with enough
 * responses), and each milestone with its date and state, the next one marked. When a step is
 * smaller than the expected sample can detect, it says so and how many responses it would take.
 *
 * @example
 * ```tsx
 * const report = await team.cxReport(query);
 * report.targets.map((status) => <TargetLadder key={status.target.id} status={status} />);
 * ```
 *
 * @selector .palaute-TargetLadder [data-state="met"|"onTrack"|"offTrack"|"unknown"] [data-low-sample]
 * @selector [data-part="now"] [data-part="reading"] [data-part="ladder"] [data-part="milestone"][data-state="past"|"next"|"later"][data-met][data-too-small] [data-part="warning"] [data-part="note"]
 */
export function TargetLadder({
  status,
  scope,
  headingLevel = 'h3',
  className,
  theme,
}: TargetLadderProps) {
  const tools = useMetricsTools();
  const { t } = tools;
  const titleId = useId();
  const Heading = headingLevel as ElementType;
  const kind = status.target.metric;
  const value = (at: number) => tools.value(kind, at);
  const { current } = status;
  const states = milestoneStates(status);
  const where =
    scope ??
    status.target.name ??
    (status.target.scope.kind === 'overall'
      ? t('targetScopeOverall')
      : status.target.scope.kind === 'touchpoint'
        ? t('targetScopeTouchpoint', { name: status.target.scope.touchpointId })
        : t('targetScopeSegment', {
            name: `${status.target.scope.key} = ${String(status.target.scope.value)}`,
          }));
  return (
    <section
      className={className ?? 'palaute-TargetLadder'}
      aria-labelledby={titleId}
      data-theme={theme}
      data-state={status.state}
      data-low-sample={current.lowSample ? '' : undefined}
    >
      <Heading id={titleId} data-part="title">
        {`${t('targets')}: ${tools.name(kind)} · ${where}`}
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
        <strong data-part="state">{t(STATE_KEYS[status.state])}</strong>
      </p>
      <ol data-part="ladder">
        {status.milestones.map((milestone, index) => {
          const state = states[index] ?? 'later';
          return (
            <li
              key={milestone.by}
              data-part="milestone"
              data-state={state}
              data-met={state === 'next' && status.met ? '' : undefined}
              data-too-small={milestone.tooSmall ? '' : undefined}
              aria-current={state === 'next' ? 'step' : undefined}
            >
              <span data-part="step">
                {t('targetMilestone', {
                  value: value(milestone.value),
                  date: tools.date(milestone.by),
                })}
              </span>
              {' · '}
              <span data-part="milestone-state">
                {state === 'next' && status.met ? t('milestoneMet') : t(MILESTONE_KEYS[state])}
              </span>
              {milestone.tooSmall && milestone.step !== null && milestone.detectable !== null ? (
                <>
                  {' '}
                  <span data-part="warning">
                    {t('targetUnderpowered', {
                      step: tools.delta(kind, milestone.step),
                      detectable: tools.delta(kind, milestone.detectable),
                    })}
                  </span>
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
      <p data-part="reading">
        {status.reading === 'strict'
          ? t('readingStrict')
          : t('readingPlain', { nMin: tools.count(status.target.minN ?? 30) })}
      </p>
      {status.warnings.some((warning) => warning.code === 'noTrend') ? (
        <p data-part="note">{t('targetNoTrend')}</p>
      ) : null}
    </section>
  );
}
