import { useId } from 'react';
import { type MetricsTools, useMetricsTools } from '../i18n/metrics';
import { ChartFigure, type MetricsTheme } from './ChartFigure';
import { type ChartApi, svgId, useChart } from './useChart';

/** The NPS groups, as `npsOf` counts them. */
export interface NpsGroups {
  /** Answers in all. */
  n: number;
  /** Answers of 9–10. */
  promoters: number;
  /** Answers of 7–8. */
  passives: number;
  /** Answers of 0–6. */
  detractors: number;
  /** Promoters' share minus detractors', from −100 to +100. */
  score: number;
  /** Too few answers to read: greyed, never coloured. */
  lowSample?: boolean | undefined;
}

/** Props of {@link ScoreBreakdown}. */
export interface ScoreBreakdownProps {
  nps: NpsGroups;
  /** Replaces the default caption ("Promoters, passives and detractors"). */
  caption?: string | undefined;
  /** Replaces the default `palaute-ScoreBreakdown` class. */
  className?: string | undefined;
  /** Light, dark or the system's (with the optional stylesheet). */
  theme?: MetricsTheme | undefined;
}

/** The breakdown's behaviour: its segments, summary, table and data cursor. */
export interface ScoreBreakdownApi {
  chart: ChartApi;
  segments: {
    group: 'detractors' | 'passives' | 'promoters';
    label: string;
    count: number;
    share: number;
    x: number;
    width: number;
  }[];
  summary: string;
  table: { caption: string; head: string[]; rows: string[][] };
}

const WIDTH = 640;
const HEIGHT = 112;
const CENTRE = WIDTH / 2;
const HALF = 290;
const BAR = { top: 44, height: 36 };

/**
 * The breakdown's behaviour: detractors, passives and promoters as a diverging bar around zero
 * (passives straddle it, detractors run left and promoters right), with a summary, a table and a
 * keyboard data cursor.
 */
export function useScoreBreakdown(nps: NpsGroups, caption?: string): ScoreBreakdownApi {
  const tools = useMetricsTools();
  const { t } = tools;
  const share = (count: number) => (nps.n > 0 ? count / nps.n : 0);
  const passivesWidth = share(nps.passives) * HALF;
  const detractorsWidth = share(nps.detractors) * HALF;
  const promotersWidth = share(nps.promoters) * HALF;
  const segments: ScoreBreakdownApi['segments'] = [
    {
      group: 'detractors' as const,
      label: t('detractors'),
      count: nps.detractors,
      share: share(nps.detractors),
      x: CENTRE - passivesWidth / 2 - detractorsWidth,
      width: detractorsWidth,
    },
    {
      group: 'passives' as const,
      label: t('passives'),
      count: nps.passives,
      share: share(nps.passives),
      x: CENTRE - passivesWidth / 2,
      width: passivesWidth,
    },
    {
      group: 'promoters' as const,
      label: t('promoters'),
      count: nps.promoters,
      share: share(nps.promoters),
      x: CENTRE + passivesWidth / 2,
      width: promotersWidth,
    },
  ].map((segment) => ({ ...segment, x: round(segment.x), width: round(segment.width) }));
  const describe = (index: number) => {
    const segment = segments[index];
    return segment
      ? t('breakdownPoint', {
          group: segment.label,
          count: tools.count(segment.count),
          share: tools.percent(segment.share),
        })
      : '';
  };
  const chart = useChart({ count: segments.length, describe });
  return {
    chart,
    segments,
    summary: breakdownSummary(tools, nps),
    table: {
      caption: caption ?? t('breakdownCaption'),
      head: [t('breakdownGroup'), t('breakdownCount'), t('breakdownShare')],
      rows: segments.map((segment) => [
        segment.label,
        tools.count(segment.count),
        tools.percent(segment.share),
      ]),
    },
  };
}

function breakdownSummary(tools: MetricsTools, nps: NpsGroups): string {
  const { t } = tools;
  if (nps.n === 0) return t('summaryNone');
  const text = t('breakdownSummary', {
    promoters: tools.percent(nps.promoters / nps.n),
    passives: tools.percent(nps.passives / nps.n),
    detractors: tools.percent(nps.detractors / nps.n),
    score: tools.value('nps', nps.score),
    n: tools.count(nps.n),
  });
  return nps.lowSample ? `${text} ${t('lowSample')}.` : text;
}

/**
 * Promoters, passives and detractors as a diverging bar, hand-drawn in SVG: detractors run left of
 * zero, promoters right, passives straddle the line. Each group has its own fill pattern (hatched,
 * dotted, solid) and its label and share printed beside it, so nothing rests on colour alone. The
 * figure carries a caption, a one-sentence summary, a table behind "Show as table" and a keyboard
 * data cursor (left and right arrow keys, Home, End), read out politely. With too few answers the
 * figure is greyed and says so.
 *
 * @example
 * ```tsx
 * <ScoreBreakdown nps={{ n: 100, promoters: 50, passives: 30, detractors: 20, score: 30 }} />
 * ```
 *
 * @selector .palaute-ScoreBreakdown [data-low-sample] too few answers; [data-empty] none
 * @selector [data-part="segment"][data-group="detractors"|"passives"|"promoters"][data-current] a group's bar; [data-part="zero"] the zero line
 * @selector [data-part="readout"] [data-part="toggle"] [data-part="table"] as in every metrics chart
 */
export function ScoreBreakdown({ nps, caption, className, theme }: ScoreBreakdownProps) {
  const breakdown = useScoreBreakdown(nps, caption);
  const tools = useMetricsTools();
  const id = useId();
  const { chart, segments } = breakdown;
  const pattern = (group: string) => svgId(id, group);
  return (
    <ChartFigure
      chart={chart}
      className={className ?? 'palaute-ScoreBreakdown'}
      theme={theme}
      caption={caption ?? tools.t('breakdownCaption')}
      summary={breakdown.summary}
      count={segments.length}
      width={WIDTH}
      height={HEIGHT}
      table={breakdown.table}
      data={{
        'data-low-sample': nps.lowSample ? '' : undefined,
        'data-empty': nps.n === 0 ? '' : undefined,
      }}
    >
      <defs>
        <pattern
          id={pattern('detractors')}
          width={8}
          height={8}
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width={8} height={8} fill="currentColor" fillOpacity={0.12} />
          <line x1={0} y1={0} x2={0} y2={8} stroke="currentColor" strokeWidth={3} />
        </pattern>
        <pattern id={pattern('passives')} width={6} height={6} patternUnits="userSpaceOnUse">
          <rect width={6} height={6} fill="currentColor" fillOpacity={0.08} />
          <circle cx={3} cy={3} r={1.2} fill="currentColor" />
        </pattern>
      </defs>
      {segments.map((segment, index) => (
        <g
          key={segment.group}
          data-part="segment"
          data-group={segment.group}
          data-current={chart.cursor === index ? '' : undefined}
        >
          <rect
            x={segment.x}
            y={BAR.top}
            width={segment.width}
            height={BAR.height}
            fill={
              segment.group === 'promoters' ? 'currentColor' : `url(#${pattern(segment.group)})`
            }
            stroke="currentColor"
            strokeWidth={chart.cursor === index ? 3 : 1}
          />
          <text
            x={index === 0 ? CENTRE - HALF : index === 2 ? CENTRE + HALF : CENTRE}
            y={BAR.top - 12}
            textAnchor={index === 0 ? 'start' : index === 2 ? 'end' : 'middle'}
            fill="currentColor"
            fontSize={13}
          >
            {`${segment.label} ${tools.percent(segment.share)}`}
          </text>
        </g>
      ))}
      <line
        data-part="zero"
        x1={CENTRE}
        x2={CENTRE}
        y1={BAR.top - 6}
        y2={BAR.top + BAR.height + 6}
        stroke="currentColor"
        strokeWidth={2}
      />
      <text
        data-part="score"
        x={CENTRE}
        y={BAR.top + BAR.height + 24}
        textAnchor="middle"
        fill="currentColor"
        fontSize={13}
        fontWeight={600}
      >
        {`${tools.name('nps')} ${tools.value('nps', nps.score)}`}
      </text>
    </ChartFigure>
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
