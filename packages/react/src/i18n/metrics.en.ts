/**
 * The English strings of the CX metrics components (`CxDashboard`, `MetricCard`, `TrendChart`,
 * `ScoreBreakdown`, `TouchpointScorecards`, `TargetLadder`, `CxLevels`): a catalogue of their own, so
 * a page that only asks surveys never ships them. Overridden through `PalauteProvider`'s `messages`,
 * like every other string. Numbers are formatted for the locale, never by these templates.
 */
export const metricsEn = {
  // Metric names
  metricNps: 'NPS',
  metricCsat: 'CSAT',
  metricCes: 'CES',
  metricRating: 'Rating',
  metricResponseRate: 'Response rate',
  metricDismissalRate: 'Dismissal rate',
  metricOptOutRate: 'Opt-out rate',
  // Periods
  periodDay: '{date}',
  periodWeek: 'Week of {date}',
  periodMonth: '{month}',
  periodQuarter: 'Q{quarter} {year}',
  // Figures
  responses: 'n = {n}',
  interval: '{lo} to {hi}',
  intervalLabel: '95 % interval',
  lowSample: 'Not enough responses',
  lowSampleNote: 'Too few responses to read: fewer than 30, or an interval wider than ±20 points.',
  noResponses: 'No responses yet',
  changeUp: 'Up {delta} from {period}',
  changeDown: 'Down {delta} from {period}',
  changeNone: 'No significant change from {period}',
  changeAdjusted: 'Significant after correcting for {count} comparisons at once.',
  // Charts
  showTable: 'Show as table',
  hideTable: 'Hide table',
  chartKeys:
    'Focus the chart and use the left and right arrow keys to move between its {count} points; Home and End go to the first and the last.',
  chartCursorEmpty: 'No point chosen yet.',
  trendCaption: '{metric} over time',
  trendTarget: 'Target',
  trendPeriod: 'Period',
  trendValue: 'Value',
  trendBand: '95 % interval',
  pointValue: '{period}: {value}, 95 % interval {lo} to {hi}, n = {n}.',
  pointLowSample: '{period}: {value}, not enough responses to read (n = {n}).',
  pointEmpty: '{period}: no responses.',
  pointTarget: 'Target {target}.',
  summaryLatest: '{metric} {value} in {period}',
  summaryUp: 'up {delta} from {period}',
  summaryDown: 'down {delta} from {period}',
  summarySame: 'the same as in {period}',
  summarySignificant: 'a significant change',
  summaryNotSignificant: 'not a significant change',
  summaryLowSample: 'too few responses to tell',
  summaryChange: '{latest}, {change}; {significance}, n = {n}.',
  summaryOne: '{latest}; n = {n}.',
  summaryLow: '{latest}; too few responses to tell, n = {n}.',
  summaryUntested: '{latest}, {change}; n = {n}.',
  summaryNone: 'No responses in this period.',
  // ScoreBreakdown
  breakdownCaption: 'Promoters, passives and detractors',
  promoters: 'Promoters',
  passives: 'Passives',
  detractors: 'Detractors',
  breakdownGroup: 'Group',
  breakdownCount: 'Responses',
  breakdownShare: 'Share',
  breakdownPoint: '{group}: {count} responses, {share}.',
  breakdownSummary:
    '{promoters} promoters, {passives} passives and {detractors} detractors: NPS {score}, n = {n}.',
  // Targets
  targetMet: 'Target met',
  targetOnTrack: 'On track',
  targetOffTrack: 'Off track',
  targetNoData: 'Not enough data',
  targetNext: 'Next: {value} by {date}',
  targets: 'Targets',
  targetNow: 'Now: {value} ({lo} to {hi}), n = {n}',
  targetMilestone: '{value} by {date}',
  milestoneMet: 'Met',
  milestoneNext: 'Next',
  milestoneLater: 'Later',
  milestonePassed: 'Date passed',
  readingStrict: 'Met when the lower end of the 95 % interval reaches the target (strict reading).',
  readingPlain:
    'Met when the value reaches the target with at least {nMin} responses (plain reading).',
  targetUnderpowered:
    'This step of {step} is smaller than the {detectable} the expected answers a period can detect.',
  targetNoTrend: 'Too few periods yet to project the trend.',
  targetScopeOverall: 'Overall',
  targetScopeTouchpoint: 'Touchpoint {name}',
  targetScopeSegment: 'Segment {name}',
  // Touchpoints
  touchpoints: 'Touchpoints',
  stageBefore: 'Before purchase',
  stageDuring: 'During purchase',
  stageAfter: 'After purchase',
  stageOther: 'Other',
  // CX levels
  cxLevels: 'CX levels',
  levelHygiene: 'Necessity (hygiene)',
  levelDifferentiation: 'Differentiation',
  levelVision: 'Vision',
  levelUnset: 'No level',
  levelLevel: 'Level',
  levelOpen: 'Open',
  levelClosed: 'Closed',
  levelTimeToClose: 'Median time to close',
  levelShipped: 'Share of shipped changes',
  levelHygieneOnly:
    'Most shipped changes are hygiene ({share}): fixing only the basics will not set the experience apart.',
  levelNone: 'No data yet',
  // Promise vs delivery
  promise: 'Promise and delivery',
  promisePlanned: 'Planned now',
  promisePlannedAge: 'Median time in planned',
  promiseShipped: 'Planned items shipped',
  promiseNote: 'Planned is never counted as done.',
  // Dashboard
  dashboard: 'Customer experience',
  dashboardLoading: 'Loading the figures…',
  dashboardError: 'The figures could not be loaded.',
  dashboardEmpty: 'No responses in this period yet.',
  dashboardReload: 'Reload',
  trends: 'Trends',
  rates: 'Response rates',
  dashboardPeriod: '{from} to {to}',
  dashboardCompare: 'compared with {from} to {to}',
} as const;

/** The keys of the metrics catalogue. */
export type MetricsMessageKey = keyof typeof metricsEn;
/** A full metrics catalogue. */
export type MetricsMessages = Record<MetricsMessageKey, string>;
