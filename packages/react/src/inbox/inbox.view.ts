import {
  type Actor,
  type FeedbackItem,
  type FeedbackStatus,
  type InboxApi,
  type InboxConfirmation,
  type InboxFilterOption,
  type InboxItemState,
  type InboxSegmentOption,
  inboxFilterOptions,
  isAwaitingTeam,
  isOverdue,
  isScaleQuestion,
  isTimestamp,
  npsSegment,
  type Question,
  type SeenSegments,
  type Survey,
  scaleRange,
  type TeamActionDraft,
  type Touchpoint,
} from '@palaute/engine';
import type { MessageKey } from '../i18n/en';
import type { LoopMessageKey, LoopTools } from '../i18n/loop';
import type { TimeFormat } from '../shared/useTimeFormat';
import { excerpt } from '../shared/utils';
import type {
  InboxAction,
  InboxCustomer,
  InboxFacetFilter,
  InboxItemView,
  InboxRow,
  InboxScore,
} from './inbox.types';

/** The team's words for each status. */
export const TEAM_STATUS = {
  new: 'teamNew',
  triaged: 'teamTriaged',
  planned: 'teamPlanned',
  inProgress: 'teamInProgress',
  shipped: 'teamShipped',
  declined: 'teamDeclined',
  answered: 'teamAnswered',
} as const satisfies Record<FeedbackStatus, MessageKey | LoopMessageKey>;

const SENTIMENT = {
  negative: 'sentimentNegative',
  neutral: 'sentimentNeutral',
  positive: 'sentimentPositive',
} as const satisfies Record<NonNullable<FeedbackItem['sentiment']>, MessageKey | LoopMessageKey>;

const MOVE_LABEL = {
  'feedback.triage': 'actionTriage',
  'feedback.plan': 'actionPlan',
  'feedback.start': 'actionStart',
  'feedback.answer': 'actionAnswer',
  'feedback.reopen': 'actionReopen',
} as const satisfies Record<InboxAction['type'], MessageKey | LoopMessageKey>;

const SEGMENT = {
  detractor: 'npsDetractor',
  passive: 'npsPassive',
  promoter: 'npsPromoter',
} as const satisfies Record<NonNullable<InboxScore['segment']>, LoopMessageKey>;

/** What turns the engine's facts into the team's words. */
export interface InboxWords {
  t: LoopTools['t'];
  text: LoopTools['text'];
  ago: (at: string, nowMs: number) => string;
  nowIso: string;
  responseTargetHours: number;
  surveys: readonly Survey[] | undefined;
  touchpoints: readonly Touchpoint[] | undefined;
  resolveCustomer:
    | ((customerId: string, item: FeedbackItem) => InboxCustomer | undefined)
    | undefined;
}

const surveyOf = (words: InboxWords, item: FeedbackItem) =>
  words.surveys?.find((candidate) => candidate.id === item.surveyId);

/** The first score of an item with its scale, in the survey's question order: "4 / 10, detractor". */
export function scoreOf(words: InboxWords, item: FeedbackItem): InboxScore | undefined {
  const survey = surveyOf(words, item);
  for (const question of survey?.questions ?? []) {
    const value = item.answers[question.id];
    if (!isScaleQuestion(question) || typeof value !== 'number') continue;
    const { max } = scaleRange(question);
    const segment = question.type === 'nps' ? npsSegment(value) : undefined;
    return {
      score: value,
      max,
      segment,
      label: segment
        ? words.t('scoreScaleSegment', { score: value, max, segment: words.t(SEGMENT[segment]) })
        : words.t('scoreScale', { score: value, max }),
    };
  }
  const value = Object.values(item.answers).find((answer) => typeof answer === 'number');
  return typeof value === 'number'
    ? {
        score: value,
        max: undefined,
        segment: undefined,
        label: words.t('scoreBare', { score: value }),
      }
    : undefined;
}

/** The touchpoint's name from the journey, else its id. */
export const touchpointNameOf = (words: InboxWords, id: string): string =>
  words.touchpoints?.find((touchpoint) => touchpoint.id === id)?.name ?? id;

/**
 * The customer as the host names them ("Anna Virtanen, Laskutin Oy"): `resolveCustomer`, else the
 * server's `item.profile`, else their id (a long one cut to its first 8 characters and "…").
 */
export function customerLabelOf(words: InboxWords, item: FeedbackItem): string {
  const who = words.resolveCustomer?.(item.customerId, item) ?? item.profile;
  const name = who?.name?.trim() || undefined;
  const company = who?.company?.trim() || undefined;
  if (name && company) return words.t('customerNameCompany', { name, company });
  return name ?? company ?? shortIdOf(item.customerId);
}

/** An id short enough for a list row: a long one (a UUID, say) cut to its first 8 characters. */
const shortIdOf = (id: string) => (id.length > 24 ? `${id.slice(0, 8)}…` : id);

/** A score without words still says something: "Score 2 of 5, no written feedback". */
function scoreExcerpt(words: InboxWords, score: InboxScore | undefined) {
  if (!score) return words.t('noText');
  return score.max === undefined
    ? words.t('scoreOnly', { score: score.score })
    : words.t('scoreOnlyOf', { score: score.score, max: score.max });
}

/** What the customer said an item is about in the launcher, in words; `undefined` when not said. */
const kindLabelOf = (words: InboxWords, item: FeedbackItem): string | undefined =>
  item.kind ? words.t(`filterFeedbackKind_${item.kind}`) : undefined;

/** One row of the list, in words. */
export function rowOf(
  words: InboxWords,
  item: FeedbackItem,
  selectedId: string | undefined,
  checked: readonly string[],
): InboxRow {
  const score = scoreOf(words, item);
  return {
    id: item.id,
    item,
    excerpt: item.text ? excerpt(item.text) : scoreExcerpt(words, score),
    statusLabel: words.t(TEAM_STATUS[item.status]),
    sentimentLabel: item.sentiment ? words.t(SENTIMENT[item.sentiment]) : undefined,
    age: words.ago(item.createdAt, Date.parse(words.nowIso)),
    overdue: isOverdue(item, words.nowIso, words.responseTargetHours),
    selected: item.id === selectedId,
    checked: checked.includes(item.id),
    awaitingTeam: isAwaitingTeam(item),
    touchpointName: touchpointNameOf(words, item.touchpointId),
    kindLabel: kindLabelOf(words, item),
    customerLabel: customerLabelOf(words, item),
    score,
  };
}

function actorName(words: InboxWords, actor: Actor, item: FeedbackItem): string {
  if (actor.kind === 'system') return words.t('system');
  if (actor.kind === 'customer') {
    const label = customerLabelOf(words, item);
    return label === item.customerId ? words.t('customer') : label;
  }
  return actor.name ?? actor.id;
}

function findQuestion(survey: Survey, questionId: string): Question | undefined {
  return (
    survey.questions.find((question) => question.id === questionId) ??
    survey.followUps?.find((followUp) => followUp.question.id === questionId)?.question
  );
}

function answerText(
  words: InboxWords,
  value: FeedbackItem['answers'][string],
  question: Question | undefined,
  defaultLocale: string | undefined,
): string {
  if (typeof value === 'boolean') return value ? words.t('yes') : words.t('no');
  if (typeof value !== 'object') return String(value);
  const options = question && 'options' in question ? question.options : [];
  const chosen = value.selected
    .filter((id) => id !== 'other')
    .map((id) => {
      const option = options.find((candidate) => candidate.id === id);
      return option ? words.text(option.label, defaultLocale) : id;
    });
  if (value.other) chosen.push(`${words.t('other')}: ${value.other}`);
  return chosen.join(', ');
}

/** The selected item, in words, from the engine's item state. */
export function itemViewOf(words: InboxWords, state: InboxItemState): InboxItemView {
  const { item } = state;
  const survey = surveyOf(words, item);
  return {
    item,
    statusLabel: words.t(TEAM_STATUS[item.status]),
    sentimentLabel: item.sentiment ? words.t(SENTIMENT[item.sentiment]) : undefined,
    overdue: isOverdue(item, words.nowIso, words.responseTargetHours),
    answers: Object.entries(item.answers).map(([questionId, value]) => {
      const question = survey ? findQuestion(survey, questionId) : undefined;
      return {
        questionId,
        label: question ? words.text(question.title, survey?.defaultLocale) : questionId,
        value: answerText(words, value, question, survey?.defaultLocale),
      };
    }),
    history: item.history.map((step) => ({
      status: step.to,
      statusLabel: words.t(TEAM_STATUS[step.to]),
      by: actorName(words, step.by, item),
      at: step.at,
      reason: step.reason,
    })),
    messages: item.replies.map((reply) => ({
      id: reply.id,
      fromTeam: reply.author.kind === 'team',
      author: actorName(words, reply.author, item),
      body: reply.body,
      at: reply.at,
      receipt: reply.author.kind === 'team' && reply.readAt ? words.t('readByCustomer') : undefined,
    })),
    actions: state.moves.map((move) => ({
      type: move.type,
      label: words.t(MOVE_LABEL[move.type]),
      blockedBy: move.blockedBy ? words.t('actionAnswerNeedsReply') : undefined,
    })),
    canDecline: state.canDecline,
    canReply: state.canReply,
    notice: state.notice,
    awaitingTeam: state.awaitingTeam,
    touchpointName: touchpointNameOf(words, item.touchpointId),
    kindLabel: kindLabelOf(words, item),
    customerLabel: customerLabelOf(words, item),
    score: scoreOf(words, item),
  };
}

/** What the live region says when an action on the item shown is done. */
export function movedOf(
  t: LoopTools['t'],
  item: FeedbackItem,
  draft: TeamActionDraft,
  memberName: (id: string) => string,
): string {
  switch (draft.type) {
    case 'reply.team':
      return t('announceTeamReply');
    case 'tags.add':
      return t('announceTagAdded', { tag: draft.tags.join(', ') });
    case 'tags.remove':
      return t('announceTagRemoved', { tag: draft.tags.join(', ') });
    case 'assignee.set':
      return draft.assignee === null
        ? t('announceUnassigned')
        : t('announceAssigned', { name: memberName(draft.assignee) });
    default:
      return t('announceStatus', { status: t(TEAM_STATUS[item.status]) });
  }
}

/** The confirmation in words: "3 items moved to Planned.", "Change shipped. …". */
export function confirmationOf(
  t: LoopTools['t'],
  confirmation: InboxConfirmation,
  memberName: (id: string) => string,
): string {
  if (confirmation.type === 'shipped') {
    if (confirmation.scope === 'item') return t('itemShipped');
    return confirmation.count === 1
      ? t('announceShippedOne')
      : t('announceShippedMany', { count: confirmation.count });
  }
  const { action, done: count, refused } = confirmation;
  const one = count === 1;
  let said: string;
  if (action.type === 'tags.add') {
    const tag = action.tags.join(', ');
    said = one ? t('bulkTaggedOne', { tag }) : t('bulkTaggedMany', { tag, count });
  } else if (action.type === 'tags.remove') {
    const tag = action.tags.join(', ');
    said = t('announceTagRemoved', { tag });
  } else if (action.type === 'assignee.set') {
    if (action.assignee === null)
      said = one ? t('bulkUnassignedOne') : t('bulkUnassignedMany', { count });
    else {
      const name = memberName(action.assignee);
      said = one ? t('bulkAssignedOne', { name }) : t('bulkAssignedMany', { name, count });
    }
  } else {
    const to = {
      'feedback.triage': 'triaged',
      'feedback.plan': 'planned',
      'feedback.start': 'inProgress',
      'feedback.reopen': 'triaged',
      'feedback.answer': 'answered',
      'feedback.decline': 'declined',
    } as const;
    const status =
      action.type in to ? t(TEAM_STATUS[to[action.type as keyof typeof to]]) : action.type;
    said = one ? t('bulkMovedOne', { status }) : t('bulkMovedMany', { status, count });
  }
  const first = refused[0];
  if (!first) return said;
  return `${said} ${refused.length === 1 ? t('bulkRefusedOne', { message: first.message }) : t('bulkRefusedMany', { count: refused.length, message: first.message })}`;
}

/** The touchpoint and segment filters' options in words, and what each leaves out. */
export function filterWordsOf(
  words: InboxWords,
  engine: Pick<InboxApi, 'facets' | 'filters' | 'metrics' | 'items'>,
  { number, seenSegments }: { number: (value: number) => string; seenSegments: SeenSegments },
): {
  filterOptions: { touchpoints: InboxFilterOption[]; segments: InboxSegmentOption[] };
  filterNotes: Partial<Record<InboxFacetFilter, string>>;
} {
  const { t } = words;
  const { facets, filters } = engine;
  const filterOptions = inboxFilterOptions({
    facets,
    seenTouchpoints: [
      ...Object.keys(engine.metrics?.byTouchpoint ?? {}),
      ...engine.items.map((item) => item.touchpointId),
    ],
    seenSegments,
    filters,
    touchpointName: (touchpoint) => touchpointNameOf(words, touchpoint),
    labelOf: (label, count) =>
      count === undefined ? label : t('filterOptionCount', { label, count: number(count) }),
    quote: (value) => t('filterTextValue', { value }),
  });
  const filterNotes: Partial<Record<InboxFacetFilter, string>> = {};
  const notListed = (count: number, one: LoopMessageKey, many: LoopMessageKey) =>
    count === 1 ? t(one) : t(many, { count: number(count) });
  if (facets?.touchpoints.omitted.values)
    filterNotes.touchpointId = notListed(
      facets.touchpoints.omitted.values,
      'filterMoreTouchpointsOne',
      'filterMoreTouchpointsMany',
    );
  if (facets?.omittedSegmentKeys)
    filterNotes.segmentKey = notListed(
      facets.omittedSegmentKeys,
      'filterMoreKeysOne',
      'filterMoreKeysMany',
    );
  const valuesLeft = facets?.segments.find((facet) => facet.key === filters.segmentKey)?.omitted
    .values;
  if (valuesLeft)
    filterNotes.segmentValue = notListed(valuesLeft, 'filterMoreValuesOne', 'filterMoreValuesMany');
  return { filterOptions, filterNotes };
}

/**
 * A segment's value in words: a timestamp as the locale's date (`2026-03-01T00:00:00.000Z` reads
 * "1 Mar 2026"; a midnight in UTC is a day, so it is that day wherever the team is, `utc`), any
 * other value as it is.
 */
export function segmentValueText(
  value: string | number | boolean | null,
  time: Pick<TimeFormat, 'date'>,
  utc: Pick<TimeFormat, 'date'>,
): string {
  if (typeof value !== 'string' || !isTimestamp(value)) return String(value);
  return Date.parse(value) % 86_400_000 === 0 ? utc.date(value) : time.date(value);
}
