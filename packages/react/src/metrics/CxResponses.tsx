import type { CxResponsesQuery } from '@palaute/engine';
import { type ElementType, useEffect, useId, useRef, useState } from 'react';
import { type MetricKind, useMetricsTools } from '../i18n/metrics';
import type { MetricsTheme } from './ChartFigure';
import { type CxResponsesSource, useCxResponses } from './useCxResponses';

/** Which NPS answers to list: all, or one group. */
export type NpsGroup = 'all' | 'detractors' | 'passives' | 'promoters';

/** The score range of each NPS group (`npsOf`'s cut: 0–6, 7–8, 9–10). */
export const NPS_GROUP_SCORES: Record<NpsGroup, { min?: number; max?: number } | undefined> = {
  all: undefined,
  detractors: { max: 6 },
  passives: { min: 7, max: 8 },
  promoters: { min: 9 },
};

/** Props of {@link CxResponses}. */
export interface CxResponsesProps {
  /** The team port, with `cxResponses`. */
  team: CxResponsesSource | undefined;
  /** The figure's answers: metric, period, and optionally touchpoint and segment. */
  query: Omit<CxResponsesQuery, 'cursor' | 'score' | 'withText'>;
  /** What figure the answers are behind, in words ("NPS · Checkout"). */
  figure: string;
  /** For NPS, the group to start with. @default 'all' */
  group?: NpsGroup | undefined;
  /** Touchpoints' names by id, for each answer's line. */
  touchpointNames?: ReadonlyMap<string, string> | undefined;
  /** Closes the list (the host returns focus to what opened it). */
  onClose?: (() => void) | undefined;
  /** @default 'h3' */
  headingLevel?: 'h2' | 'h3' | 'h4' | undefined;
  /** Answers per page. @default 20 */
  pageSize?: number | undefined;
  /** Replaces the default `palaute-CxResponses` class. */
  className?: string | undefined;
  /** Light, dark or the system's (with the optional stylesheet). */
  theme?: MetricsTheme | undefined;
}

const GROUPS = ['all', 'detractors', 'passives', 'promoters'] as const;
const GROUP_KEYS = {
  all: 'responsesAll',
  detractors: 'detractors',
  passives: 'passives',
  promoters: 'promoters',
} as const;

/**
 * The answers behind a figure, a click from the number: each answer's score, touchpoint and day,
 * and the customer's own words rendered as text (a bare score says it has none, and counts all the
 * same). For NPS, toggle buttons narrow the list to detractors, passives or promoters; a checkbox
 * keeps only answers with words. Newest first, a page at a time ("Show more answers"). On opening,
 * focus moves to its heading, and the count is said through a polite status; "Close" hands focus
 * back through `onClose`.
 *
 * @example
 * ```tsx
 * <CxResponses team={backend.team} figure="NPS · Checkout" group="detractors"
 *   query={{ metric: 'nps', period: { from: '2026-01-01', to: '2026-12-31' }, touchpointId: 'checkout' }} />
 * ```
 *
 * @selector .palaute-CxResponses [data-state="loading"|"ready"|"empty"|"error"|"loadingMore"]
 * @selector [data-part="groups"] its [aria-pressed] buttons [data-group]; [data-part="with-text"] [data-part="status"] [data-part="list"] [data-part="answer"][data-has-text] [data-part="score"] [data-part="text"] [data-part="more"] [data-part="close"]
 */
export function CxResponses({
  team,
  query,
  figure,
  group: initialGroup = 'all',
  touchpointNames,
  onClose,
  headingLevel = 'h3',
  pageSize = 20,
  className,
  theme,
}: CxResponsesProps) {
  const tools = useMetricsTools();
  const { t } = tools;
  const [group, setGroup] = useState<NpsGroup>(query.metric === 'nps' ? initialGroup : 'all');
  const [withText, setWithText] = useState(false);
  const score = query.metric === 'nps' ? NPS_GROUP_SCORES[group] : undefined;
  const list = useCxResponses({
    team,
    query: {
      ...query,
      ...(score ? { score } : {}),
      ...(withText ? { withText } : {}),
      limit: pageSize,
    },
  });
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const Heading = headingLevel as ElementType;
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section
      className={className ?? 'palaute-CxResponses'}
      aria-labelledby={titleId}
      data-theme={theme}
      data-state={list.state}
    >
      <Heading id={titleId} ref={heading} tabIndex={-1} data-part="title">
        {t('responsesTitle', { figure })}
      </Heading>
      {query.metric === 'nps' ? (
        // biome-ignore lint/a11y/useSemanticElements: a toolbar of toggle buttons, not a form's fieldset
        <div role="group" aria-label={t('responsesGroup')} data-part="groups">
          {GROUPS.map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={group === option}
              data-group={option}
              onClick={() => setGroup(option)}
            >
              {t(GROUP_KEYS[option])}
            </button>
          ))}
        </div>
      ) : null}
      <label data-part="with-text">
        <input
          type="checkbox"
          checked={withText}
          onChange={(event) => setWithText(event.currentTarget.checked)}
        />{' '}
        {t('responsesWithText')}
      </label>
      <p role="status" data-part="status">
        {list.state === 'loading'
          ? t('responsesLoading')
          : list.state === 'empty'
            ? t('responsesEmpty')
            : list.state === 'error'
              ? ''
              : t('responsesShowing', {
                  shown: tools.count(list.items.length),
                  total: tools.count(list.total),
                })}
      </p>
      {list.state === 'error' ? (
        <p role="alert" data-part="error">
          {t('responsesError')}{' '}
          <button
            type="button"
            data-part="reload"
            onClick={() => {
              // The button goes with the failure: focus stays in the panel, on its title.
              heading.current?.focus();
              list.reload();
            }}
          >
            {t('dashboardReload')}
          </button>
        </p>
      ) : null}
      {list.items.length > 0 ? (
        <ol data-part="list">
          {list.items.map((answer) => (
            <li
              key={`${answer.responseId}/${answer.questionId}`}
              data-part="answer"
              data-has-text={answer.text ? '' : undefined}
            >
              <p data-part="meta">
                <span data-part="score">
                  {t('responsesScore', { score: tools.count(answer.score) })}
                </span>
                {' · '}
                <span data-part="touchpoint">
                  {touchpointNames?.get(answer.touchpointId) ?? answer.touchpointId}
                </span>
                {' · '}
                <time dateTime={answer.at}>{tools.date(answer.at)}</time>
              </p>
              {answer.text ? (
                <blockquote data-part="text">
                  <p>{answer.text}</p>
                </blockquote>
              ) : (
                <p data-part="no-text">{t('responsesNoText')}</p>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      {list.hasMore ? (
        <button
          type="button"
          data-part="more"
          disabled={list.state === 'loadingMore'}
          onClick={list.loadMore}
        >
          {t('responsesMore')}
        </button>
      ) : null}
      {onClose ? (
        <button type="button" data-part="close" onClick={onClose}>
          {t('responsesClose')}
        </button>
      ) : null}
    </section>
  );
}

/** Which of a metric's answers a kind of figure stands for (rates have none to list). */
export function isScoreMetric(kind: MetricKind): kind is CxResponsesQuery['metric'] {
  return kind === 'nps' || kind === 'csat' || kind === 'ces' || kind === 'rating';
}
