import { useId } from 'react';
import { type MetricsTools, useMetricsTools } from '../i18n/metrics';
import { ChartFigure, type MetricsTheme } from './ChartFigure';
import { type ChartApi, svgId, useChart, useMeasuredWidth } from './useChart';

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
  /**
   * Offers a button per group ("Detractors: show the answers") under the bar: called with the group
   * and the button, so the host can list those answers and hand focus back when the list closes.
   */
  onShowResponses?:
    | ((group: 'detractors' | 'passives' | 'promoters', trigger: HTMLElement) => void)
    | undefined;
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
  /** The drawing's size and where its parts go, at the measured width. */
  layout: {
    width: number;
    height: number;
    centre: number;
    half: number;
    /** The passives' label sits under the bar when the three labels do not fit on one line. */
    passivesBelow: boolean;
    scoreY: number;
  };
}

const WIDTH = 640;
const MIN_WIDTH = 240;
const BAR = { top: 44, height: 36 };
/** A generous average glyph width of the labels' 13 px text, and the least gap between two. */
const GLYPH = 7.5;
const GAP = 16;

/**
 * The breakdown's behaviour: detractors, passives and promoters as a diverging bar around zero
 * (passives straddle it, detractors run left and promoters right), with a summary, a table and a
 * keyboard data cursor.
 */
export function useScoreBreakdown(
  nps: NpsGroups,
  caption?: string,
  measured?: number,
): ScoreBreakdownApi {
  const tools = useMetricsTools();
  const { t } = tools;
  const width = Math.max(MIN_WIDTH, measured ?? WIDTH);
  const centre = width / 2;
  const half = centre - 30;
  const share = (count: number) => (nps.n > 0 ? count / nps.n : 0);
  const passivesWidth = share(nps.passives) * half;
  const detractorsWidth = share(nps.detractors) * half;
  const promotersWidth = share(nps.promoters) * half;
  const segments: ScoreBreakdownApi['segments'] = [
    {
      group: 'detractors' as const,
      label: t('detractors'),
      count: nps.detractors,
      share: share(nps.detractors),
      x: centre - passivesWidth / 2 - detractorsWidth,
      width: detractorsWidth,
    },
    {
      group: 'passives' as const,
      label: t('passives'),
      count: nps.passives,
      share: share(nps.passives),
      x: centre - passivesWidth / 2,
      width: passivesWidth,
    },
    {
      group: 'promoters' as const,
      label: t('promoters'),
      count: nps.promoters,
      share: share(nps.promoters),
      x: centre + passivesWidth / 2,
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
  const labelWidth = (segment: (typeof segments)[number]) =>
    `${segment.label} ${tools.percent(segment.share)}`.length * GLYPH;
  const [detractors, passives, promoters] = segments.map(labelWidth) as [number, number, number];
  // One line when the three labels fit side by side (the middle one centred), else passives go below.
  const passivesBelow =
    detractors + GAP + passives / 2 > half || promoters + GAP + passives / 2 > half;
  const scoreY = BAR.top + BAR.height + (passivesBelow ? 44 : 24);
  return {
    chart,
    segments,
    layout: {
      width: width,
      height: scoreY + 8,
      centre: centre,
      half: half,
      passivesBelow,
      scoreY,
    },
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
 * @selector [data-part="readout"] [data-part="toggle"] [data-part="table"] as in every metrics chart; [data-part="responses"] the groups' "show the answers" buttons
 */
export function ScoreBreakdown({
  nps,
  caption,
  className,
  theme,
  onShowResponses,
}: ScoreBreakdownProps) {
  const [plotRef, measured] = useMeasuredWidth();
  const breakdown = useScoreBreakdown(nps, caption, measured);
  const { centre, half, passivesBelow, scoreY } = breakdown.layout;
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
      width={breakdown.layout.width}
      height={breakdown.layout.height}
      table={breakdown.table}
      plotRef={plotRef}
      data={{
        'data-low-sample': nps.lowSample ? '' : undefined,
        'data-empty': nps.n === 0 ? '' : undefined,
      }}
      after={
        onShowResponses ? (
          <ul data-part="responses">
            {segments.map((segment) =>
              segment.count > 0 ? (
                <li key={segment.group}>
                  <button
                    type="button"
                    data-group={segment.group}
                    onClick={(event) => onShowResponses(segment.group, event.currentTarget)}
                  >
                    {tools.t('responsesShowGroup', { group: segment.label })}
                  </button>
                </li>
              ) : null,
            )}
          </ul>
        ) : null
      }
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
            x={index === 0 ? centre - half : index === 2 ? centre + half : centre}
            y={index === 1 && passivesBelow ? BAR.top + BAR.height + 20 : BAR.top - 12}
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
        x1={centre}
        x2={centre}
        y1={BAR.top - 6}
        y2={BAR.top + BAR.height + 6}
        stroke="currentColor"
        strokeWidth={2}
      />
      <text
        data-part="score"
        x={centre}
        y={scoreY}
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
