import {
  type CxFigure,
  type CxMetricReport,
  type CxReport,
  type CxTargetStatus,
  type CxTrendPoint,
  changeOf,
  cxReportCsv,
} from '@palaute/engine';
import { type ElementType, useEffect, useState } from 'react';
import { type MetricKind, type MetricsTools, useMetricsTools } from '../i18n/metrics';
import { useIds } from '../shared/ids';
import { useTimeFormat } from '../shared/useTimeFormat';
import type { MetricsTheme } from './ChartFigure';
import { CxLevels } from './CxLevels';
import { CxResponses, type CxResponsesProps, isScoreMetric, type NpsGroup } from './CxResponses';
import { LoopMetrics } from './LoopMetrics';
import { MetricCard, type MetricTarget } from './MetricCard';
import { ScoreBreakdown } from './ScoreBreakdown';
import { TargetLadder } from './TargetLadder';
import { type TouchpointScore, TouchpointScorecards } from './TouchpointScorecards';
import { TrendChart } from './TrendChart';
import { type CxReportSource, type UseCxReportOptions, useCxReport } from './useCxReport';
import type { CxResponsesSource } from './useCxResponses';
import type { TrendPoint } from './useTrendChart';

/** Props of {@link CxDashboard}. */
export interface CxDashboardProps extends Omit<UseCxReportOptions, 'team'> {
  /**
   * The team port: `cxReport` loads the figures; with `cxResponses` too, every card, touchpoint
   * and NPS group offers the answers behind it.
   */
  team: (CxReportSource & CxResponsesSource) | undefined;
  /**
   * Where "Download as CSV" points: the server's `GET /v1/team/cx-report.csv` with the query, for a
   * host whose team session travels in a cookie. Without it, the link downloads the same CSV
   * (`cxReportCsv`, as the route writes it) built from the report on screen.
   */
  csvHref?: string | undefined;
  /** The dashboard's heading; its sections are one level below, their cards two. @default 'h2' */
  headingLevel?: 'h2' | 'h3' | undefined;
  /** Time zone for durations' wording. */
  timeZone?: string | undefined;
  /** Replaces the default `palaute-CxDashboard` class. */
  className?: string | undefined;
  /** Light, dark or the system's (with the optional stylesheet). */
  theme?: MetricsTheme | undefined;
}

const BELOW = { h2: ['h3', 'h4'], h3: ['h4', 'h5'] } as const;

/** The trend of a figure as chart points: each period's change from the one before, tested. */
export function trendPoints(
  trend: readonly CxTrendPoint[],
  target?: CxTargetStatus | undefined,
): TrendPoint[] {
  return trend.map((point, index) => {
    const before = trend[index - 1]?.figure;
    const change = before ? changeOf(before, point.figure) : undefined;
    return {
      start: point.from,
      value: point.figure.value,
      interval: point.figure.interval,
      n: point.figure.n,
      lowSample: point.figure.lowSample,
      target: target ? targetAt(target, point.to) : undefined,
      change:
        change && change.difference !== null
          ? { delta: change.difference, significant: change.significant }
          : undefined,
    };
  });
}

/** The milestone in force on a day: the first one due on or after it, else the last. */
function targetAt(status: CxTargetStatus, day: string): number | undefined {
  const { milestones } = status.target;
  return (milestones.find((milestone) => milestone.by >= day) ?? milestones.at(-1))?.value;
}

function cardTarget(status: CxTargetStatus | undefined): MetricTarget | undefined {
  return status
    ? {
        state: status.state,
        next: status.nextMilestone
          ? { value: status.nextMilestone.value, by: status.nextMilestone.by }
          : null,
      }
    : undefined;
}

function overallTarget(report: CxReport, metric: CxMetricReport): CxTargetStatus | undefined {
  return report.targets.find(
    (status) => status.target.metric === metric.metric && status.target.scope.kind === 'overall',
  );
}

function metricTitle(tools: MetricsTools, metric: CxMetricReport): string {
  const name = tools.name(metric.metric);
  return metric.source ? `${name} · ${metric.source.questionId}` : name;
}

function figureOf(figure: CxFigure) {
  return {
    value: figure.value,
    interval: figure.interval,
    n: figure.n,
    lowSample: figure.lowSample,
  };
}

/** The answers the dashboard lists, and the button that asked for them (focus returns there). */
interface Drill {
  query: CxResponsesProps['query'];
  figure: string;
  group?: NpsGroup | undefined;
  trigger: HTMLElement;
}

/** The report as a CSV file's object URL, made in an effect (none on the server) and revoked after. */
function useCsvUrl(report: CxReport | undefined, disabled: boolean): string | undefined {
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!report || disabled || typeof URL.createObjectURL !== 'function') return;
    const made = URL.createObjectURL(
      new Blob([cxReportCsv(report)], { type: 'text/csv;charset=utf-8' }),
    );
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
      setUrl(undefined);
    };
  }, [report, disabled]);
  return url;
}

/**
 * The CX dashboard, one line to mount over a team port: loads `team.cxReport(query)` and shows
 * every figure with its honesty attached. A card per metric (value, 95 % interval, n, the change
 * from the compared period with an arrow only when significant, the target's state), the response,
 * dismissal and opt-out rates, each metric's trend with its interval band and stepped target line,
 * NPS as promoters, passives and detractors, the touchpoints in journey order, the stepped targets
 * as ladders, the work per CX level, promise against delivery, and the loop metrics. Loading, error
 * (with "Reload") and empty states are said in words; a newer query's report always wins. With a
 * port that lists responses, each figure is a click from the answers behind it (`CxResponses`,
 * opened in place, focus on its heading, and back on the button when closed); "Download as CSV"
 * gives the same figures for a spreadsheet.
 *
 * @example
 * ```tsx
 * <PalauteProvider backend={backend} locale="fi">
 *   <CxDashboard team={backend.team} query={{ period: { from: '2026-01-01', to: '2026-12-31' }, granularity: 'month' }} />
 * </PalauteProvider>
 * ```
 *
 * @selector .palaute-CxDashboard [data-state="loading"|"ready"|"empty"|"error"]
 * @selector [data-part="period"] [data-part="cards"] [data-part="rates"] [data-part="trends"] [data-part="targets"] [data-part="promise"] [data-part="status"] [data-part="reload"] [data-part="csv"]
 */
export function CxDashboard({
  team,
  query,
  headingLevel = 'h2',
  timeZone,
  className,
  theme,
  csvHref,
}: CxDashboardProps) {
  const { state, report, reload } = useCxReport({ team, query });
  const [drill, setDrill] = useState<Drill | undefined>(undefined);
  const csvUrl = useCsvUrl(report, csvHref !== undefined || state === 'loading');
  const tools = useMetricsTools();
  const { t } = tools;
  const ids = useIds();
  const titleId = ids.part('title');
  const Title = headingLevel as ElementType;
  const [sectionLevel, cardLevel] = BELOW[headingLevel];
  const Section = sectionLevel as ElementType;
  const range = (period: { from: string; to: string }) =>
    t('dashboardPeriod', { from: tools.date(period.from), to: tools.date(period.to) });
  const shown = report?.query ?? query;
  const comparedWith = shown.compareTo ? range(shown.compareTo) : undefined;
  const granularity = report?.query.granularity ?? query.granularity ?? 'month';
  const names = new Map(report?.touchpoints.map((touchpoint) => [touchpoint.id, touchpoint]));
  const nps = report?.metrics.find((metric) => metric.key === 'nps');
  const primary = nps ?? report?.metrics[0];
  const canList = typeof team?.cxResponses === 'function';
  // Every touchpoint with each metric measured there, named by the metric when there are several.
  const measured: TouchpointScore[] = (report?.metrics ?? []).flatMap((metric) =>
    metric.byTouchpoint.map((series) => {
      const name = names.get(series.touchpointId)?.name ?? series.touchpointId;
      return {
        id: series.touchpointId,
        key: metric.key,
        kind: metric.metric,
        label: (report?.metrics.length ?? 0) > 1 ? `${name} · ${metricTitle(tools, metric)}` : name,
        stage: names.get(series.touchpointId)?.stage,
        figure: figureOf(series.current),
        change: series.change,
      };
    }),
  );
  // A touchpoint's cards side by side, touchpoints in the order the report gives them.
  const order = [...new Set(measured.map((score) => score.id))];
  const scorecards = [...measured].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const open = (next: Omit<Drill, 'query'> & { metric: CxMetricReport; touchpointId?: string }) => {
    if (!report || !isScoreMetric(next.metric.metric)) return;
    setDrill({
      figure: next.figure,
      group: next.group,
      trigger: next.trigger,
      query: {
        metric: next.metric.metric,
        period: report.query.period,
        ...(report.query.segment ? { segment: report.query.segment } : {}),
        ...(next.touchpointId ? { touchpointId: next.touchpointId } : {}),
      },
    });
  };
  const close = () => {
    const trigger = drill?.trigger;
    setDrill(undefined);
    trigger?.focus();
  };
  const touchpointNames = new Map(
    report?.touchpoints.map((touchpoint) => [touchpoint.id, touchpoint.name ?? touchpoint.id]),
  );
  return (
    <section
      className={className ?? 'palaute-CxDashboard'}
      aria-labelledby={titleId}
      aria-busy={state === 'loading' ? true : undefined}
      data-state={state}
      data-theme={theme}
    >
      <Title id={titleId} data-part="title">
        {t('dashboard')}
      </Title>
      <p data-part="period">
        {range(shown.period)}
        {shown.compareTo
          ? `, ${t('dashboardCompare', { from: tools.date(shown.compareTo.from), to: tools.date(shown.compareTo.to) })}`
          : ''}
      </p>
      <p role="status" data-part="status">
        {state === 'loading' ? t('dashboardLoading') : state === 'empty' ? t('dashboardEmpty') : ''}
      </p>
      {state === 'error' ? (
        <p role="alert" data-part="error">
          {t('dashboardError')}
        </p>
      ) : null}
      <button type="button" data-part="reload" onClick={reload}>
        {t('dashboardReload')}
      </button>
      {report && state !== 'empty' && (csvHref ?? csvUrl) ? (
        <a
          data-part="csv"
          href={csvHref ?? csvUrl}
          download={`cx-report-${report.query.period.from}-${report.query.period.to}.csv`}
        >
          {t('dashboardCsv')}
        </a>
      ) : null}
      {report && state !== 'empty' ? (
        <>
          <ul data-part="cards">
            {report.metrics.map((metric) => (
              <li key={metric.key}>
                <MetricCard
                  kind={metric.metric}
                  title={metricTitle(tools, metric)}
                  figure={figureOf(metric.overall.current)}
                  change={metric.overall.change}
                  comparedWith={comparedWith}
                  target={cardTarget(overallTarget(report, metric))}
                  headingLevel={sectionLevel}
                  onShowResponses={
                    canList && isScoreMetric(metric.metric)
                      ? (trigger) => open({ metric, figure: metricTitle(tools, metric), trigger })
                      : undefined
                  }
                />
              </li>
            ))}
          </ul>
          {drill ? (
            <CxResponses
              key={`${JSON.stringify(drill.query)}/${drill.group ?? 'all'}`}
              team={team}
              query={drill.query}
              figure={drill.figure}
              group={drill.group}
              touchpointNames={touchpointNames}
              headingLevel={sectionLevel === 'h3' ? 'h3' : 'h4'}
              onClose={close}
            />
          ) : null}
          <Rates report={report} tools={tools} level={sectionLevel} />
          <section data-part="trends" aria-labelledby={ids.part('trends')}>
            <Section id={ids.part('trends')}>{t('trends')}</Section>
            {report.metrics.map((metric) => (
              <TrendChart
                key={metric.key}
                kind={metric.metric}
                granularity={granularity}
                caption={t('trendCaption', { metric: metricTitle(tools, metric) })}
                points={trendPoints(metric.overall.trend, overallTarget(report, metric))}
              />
            ))}
            {nps && nps.overall.current.metric === 'nps' ? (
              <ScoreBreakdown
                nps={{
                  ...nps.overall.current.detail,
                  score: nps.overall.current.detail.score ?? 0,
                }}
                onShowResponses={
                  canList
                    ? (group, trigger) =>
                        open({ metric: nps, figure: metricTitle(tools, nps), group, trigger })
                    : undefined
                }
              />
            ) : null}
          </section>
          {primary ? (
            <TouchpointScorecards
              kind={primary.metric}
              headingLevel={sectionLevel}
              comparedWith={comparedWith}
              touchpoints={scorecards}
              onShowResponses={
                canList
                  ? (touchpointId, trigger, score) => {
                      const metric = report.metrics.find((one) => one.key === score.key);
                      if (metric)
                        open({
                          metric,
                          touchpointId,
                          figure: `${metricTitle(tools, metric)} · ${names.get(touchpointId)?.name ?? touchpointId}`,
                          trigger,
                        });
                    }
                  : undefined
              }
            />
          ) : null}
          {report.targets.length > 0 ? (
            <section data-part="targets" aria-labelledby={ids.part('targets')}>
              <Section id={ids.part('targets')}>{t('targets')}</Section>
              {report.targets.map((status) => (
                <TargetLadder
                  key={status.target.id}
                  status={status}
                  scope={
                    status.target.scope.kind === 'touchpoint'
                      ? (names.get(status.target.scope.touchpointId)?.name ?? undefined)
                      : undefined
                  }
                  headingLevel={cardLevel === 'h5' ? 'h4' : cardLevel}
                />
              ))}
            </section>
          ) : null}
          <CxLevels levels={report.levels} headingLevel={sectionLevel} timeZone={timeZone} />
          <PromiseDelivery report={report} tools={tools} level={sectionLevel} timeZone={timeZone} />
          <LoopMetrics
            metrics={report.loop}
            responseTargetHours={report.query.responseTargetHours}
            headingLevel={sectionLevel}
            timeZone={timeZone}
          />
        </>
      ) : null}
    </section>
  );
}

const RATE_KINDS = ['responseRate', 'dismissalRate', 'optOutRate'] as const;

function Rates({ report, tools, level }: { report: CxReport; tools: MetricsTools; level: string }) {
  const { overall } = report.rates;
  const Heading = level as ElementType;
  const id = useIds().part('title');
  if (overall.shown === 0) return null;
  return (
    <section data-part="rates" aria-labelledby={id}>
      <Heading id={id}>{tools.t('rates')}</Heading>
      <dl>
        {RATE_KINDS.map((kind: MetricKind & (typeof RATE_KINDS)[number]) => {
          const value = overall[kind];
          const interval = overall[`${kind}Interval`];
          return (
            <div key={kind} data-part="rate" data-rate={kind}>
              <dt>{tools.name(kind)}</dt>
              <dd>
                {value === null ? tools.t('noResponses') : tools.value(kind, value)}
                {interval ? (
                  <span data-part="interval">
                    {' '}
                    (
                    {tools.t('interval', {
                      lo: tools.value(kind, interval[0]),
                      hi: tools.value(kind, interval[1]),
                    })}
                    )
                  </span>
                ) : null}
              </dd>
            </div>
          );
        })}
      </dl>
      <p data-part="n">{tools.t('responses', { n: tools.count(overall.shown) })}</p>
    </section>
  );
}

function PromiseDelivery({
  report,
  tools,
  level,
  timeZone,
}: {
  report: CxReport;
  tools: MetricsTools;
  level: string;
  timeZone: string | undefined;
}) {
  const { promise } = report;
  const time = useTimeFormat(timeZone);
  const Heading = level as ElementType;
  const id = useIds().part('title');
  const { t } = tools;
  return (
    <section data-part="promise" aria-labelledby={id}>
      <Heading id={id}>{t('promise')}</Heading>
      <dl>
        <div>
          <dt>{t('promisePlanned')}</dt>
          <dd>{tools.count(promise.plannedNow)}</dd>
        </div>
        <div>
          <dt>{t('promiseShipped')}</dt>
          <dd>
            {promise.shipShare === null
              ? t('levelNone')
              : `${tools.percent(promise.shipShare / 100)} (${tools.count(promise.shippedOfPlanned)} / ${tools.count(promise.everPlanned)})`}
          </dd>
        </div>
        <div>
          <dt>{t('promisePlannedAge')}</dt>
          <dd>
            {promise.timeInPlanned.medianHours === null
              ? t('levelNone')
              : time.hours(promise.timeInPlanned.medianHours)}
          </dd>
        </div>
      </dl>
      <p data-part="note">{t('promiseNote')}</p>
    </section>
  );
}
