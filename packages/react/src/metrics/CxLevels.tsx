import type { CxLevelSummary } from '@palaute/engine';
import { type ElementType, useId } from 'react';
import { useMetricsTools } from '../i18n/metrics';
import { useScrollRegion } from '../shared/useScrollRegion';
import { useTimeFormat } from '../shared/useTimeFormat';
import type { MetricsTheme } from './ChartFigure';

/** Props of {@link CxLevels}. */
export interface CxLevelsProps {
  /** The report's `levels`. */
  levels: readonly CxLevelSummary[];
  /**
   * Whether to warn that only hygiene is being fixed. @default true when hygiene is more than two
   * thirds of the shipped changes
   */
  hygieneOnly?: boolean | undefined;
  /** @default 'h3' */
  headingLevel?: 'h2' | 'h3' | 'h4' | undefined;
  /** Time zone for durations' wording (they are lengths, so it rarely matters). */
  timeZone?: string | undefined;
  /** Replaces the default `palaute-CxLevels` class. */
  className?: string | undefined;
  /** Light, dark or the system's (with the optional stylesheet). */
  theme?: MetricsTheme | undefined;
}

const LEVEL_KEYS = {
  necessity: 'levelHygiene',
  differentiation: 'levelDifferentiation',
  vision: 'levelVision',
  unset: 'levelUnset',
} as const;
const ORDER = ['necessity', 'differentiation', 'vision', 'unset'] as const;

/**
 * Open and closed work, time to close and the share of shipped changes per CX level (hygiene,
 * differentiation, vision), as a table, so a team sees when it only fixes hygiene, and a warning in
 * words when it does.
 *
 * @example
 * ```tsx
 * <CxLevels levels={report.levels} />
 * ```
 *
 * @selector .palaute-CxLevels [data-hygiene-only] the warning is shown; [data-part="scroll"] the table's box, scrolling sideways (a focusable region) when the table is wider; [data-part="table"] rows [data-level]; [data-part="warning"]
 */
export function CxLevels({
  levels,
  hygieneOnly,
  headingLevel = 'h3',
  timeZone,
  className,
  theme,
}: CxLevelsProps) {
  const tools = useMetricsTools();
  const time = useTimeFormat(timeZone);
  const { t } = tools;
  const titleId = useId();
  const [scrollRef, scrollProps] = useScrollRegion(t('levelTable'));
  const Heading = headingLevel as ElementType;
  const rows = [...levels].sort(
    (a, b) => ORDER.indexOf(a.level ?? 'unset') - ORDER.indexOf(b.level ?? 'unset'),
  );
  const hygieneShare = levels.find((row) => row.level === 'necessity')?.shippedShare ?? 0;
  const warn = hygieneOnly ?? hygieneShare > 200 / 3;
  return (
    <section
      className={className ?? 'palaute-CxLevels'}
      aria-labelledby={titleId}
      data-theme={theme}
      data-hygiene-only={warn ? '' : undefined}
    >
      <Heading id={titleId} data-part="title">
        {t('cxLevels')}
      </Heading>
      {rows.length === 0 ? (
        <p data-part="empty">{t('levelNone')}</p>
      ) : (
        <div data-part="scroll" ref={scrollRef} {...scrollProps}>
          <table data-part="table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">{t('levelLevel')}</th>
                <th scope="col">{t('levelOpen')}</th>
                <th scope="col">{t('levelClosed')}</th>
                <th scope="col">{t('levelTimeToClose')}</th>
                <th scope="col">{t('levelShipped')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.level ?? 'unset'} data-level={row.level ?? 'unset'}>
                  <th scope="row">{t(LEVEL_KEYS[row.level ?? 'unset'])}</th>
                  <td>{tools.count(row.open)}</td>
                  <td>{tools.count(row.closed)}</td>
                  <td>
                    {row.timeToClose.medianHours === null
                      ? t('levelNone')
                      : time.hours(row.timeToClose.medianHours)}
                  </td>
                  <td>
                    {row.shippedShare === null
                      ? t('levelNone')
                      : tools.percent(row.shippedShare / 100)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {warn ? (
        <p data-part="warning">
          {t('levelHygieneOnly', { share: tools.percent(hygieneShare / 100) })}
        </p>
      ) : null}
    </section>
  );
}
