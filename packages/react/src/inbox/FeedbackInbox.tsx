import { FEEDBACK_KINDS, FEEDBACK_STATUSES, INBOX_BULK_ACTIONS } from '@palaute/engine';
import {
  type ComponentPropsWithoutRef,
  createContext,
  type ElementType,
  forwardRef,
  type ReactNode,
  useContext,
  useId,
} from 'react';
import type { Theme } from '../flow/FeedbackForm';
import { useLoopTools } from '../i18n/loop';
import { LoopMetrics } from '../metrics/LoopMetrics';
import { Announcer, VisuallyHidden } from '../shared/Announcer';
import { composeEventHandlers } from '../shared/composeEventHandlers';
import { ImpactNotice } from '../shared/ImpactNotice';
import { useIds } from '../shared/ids';
import { useTimeFormat } from '../shared/useTimeFormat';
import { InboxIdeas, type InboxIdeasOptions, InboxKindFilter } from './InboxIdeas';
import { segmentValueText, TEAM_STATUS } from './inbox.view';
import {
  type FeedbackInboxApi,
  type InboxFacetFilter,
  type UseFeedbackInboxOptions,
  useFeedbackInbox,
} from './useFeedbackInbox';

/** Props of {@link FeedbackInbox}. */
export interface FeedbackInboxProps
  extends UseFeedbackInboxOptions,
    Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** The inbox's heading; the item view's and the change form's are one level below. @default 'h2' */
  headingLevel?: 'h2' | 'h3' | undefined;
  /** Replaces the default `palaute-FeedbackInbox` class. */
  className?: string | undefined;
  /** The theme, as `data-theme` for the optional stylesheet. @default 'light' */
  theme?: Theme | undefined;
  /**
   * The board, to list its ideas and bug reports in the inbox with survey feedback (a kind filter
   * chooses); without it the inbox holds survey feedback only. See `InboxIdeas`.
   */
  ideas?: InboxIdeasOptions | undefined;
}

const LEVELS = { h2: ['h3', 'h4'], h3: ['h4', 'h5'] } as const;

/** What the parts read: the inbox, its heading level and time zone. */
interface InboxContextValue {
  inbox: FeedbackInboxApi;
  headingLevel: 'h2' | 'h3';
  timeZone: string | undefined;
}
const FeedbackInboxContext = /* @__PURE__ */ createContext<InboxContextValue | null>(null);

/** The inbox the parts render: from {@link FeedbackInboxRoot} (or {@link FeedbackInbox}). */
export function useFeedbackInboxContext(): InboxContextValue {
  const value = useContext(FeedbackInboxContext);
  if (!value)
    throw new Error('Inbox parts must be rendered inside FeedbackInboxRoot or FeedbackInbox.');
  return value;
}

/** Props of {@link FeedbackInboxRoot}. */
export interface FeedbackInboxRootProps {
  /** What `useFeedbackInbox` returned. */
  inbox: FeedbackInboxApi;
  /** @default 'h2' */
  headingLevel?: 'h2' | 'h3' | undefined;
  /** The time zone of dates and times. @default the browser's */
  timeZone?: string | undefined;
  children: ReactNode;
}

/**
 * Gives the inbox's parts their inbox, for hosts that compose their own layout from
 * `InboxFilterForm`, `InboxList`, `InboxItem` and `ChangeForm`.
 *
 * @example
 * ```tsx
 * const inbox = useFeedbackInbox({ team, by });
 * <FeedbackInboxRoot inbox={inbox}><InboxList /><InboxItem /></FeedbackInboxRoot>
 * ```
 */
export function FeedbackInboxRoot({
  inbox,
  headingLevel = 'h2',
  timeZone,
  children,
}: FeedbackInboxRootProps) {
  return (
    <FeedbackInboxContext.Provider value={{ inbox, headingLevel, timeZone }}>
      {children}
    </FeedbackInboxContext.Provider>
  );
}

/**
 * The team's feedback inbox, for the host's internal tools: the loop metrics on top (unprocessed
 * share, overdue, median time to first response and to close), filters (status, unprocessed first
 * by default; touchpoint; age; segment), a triage list with an "Overdue" flag in words, and the
 * selected item with the customer's answers and words, its history (who, when, why), the thread
 * with a reply composer (only where the customer consented to be contacted), the status moves the
 * lifecycle allows from where it stands (a decline needs the reason the customer will read), and
 * "Link to a shipped change" for the items ticked in the list. The list loads a page at a time
 * (`pageSize`, 50 by default): "Show more" adds the next page, says how many came, and moves focus
 * to the first of them; a filter change starts again from the first page. The touchpoint and
 * segment filters offer every value in the inbox with how many items have it, the most common first
 * (from the team port's `inboxFacets`; a note under a field says how many less common ones are not
 * listed), or, without it, the values on the items loaded so far. Status changes are announced
 * politely; focus follows each intent. An item a customer answered is marked and counted; the
 * customer's name and company come from `resolveCustomer`, touchpoint names from the journey, and
 * the score is shown with its scale. Parts (`InboxFilterForm`, `InboxList`, `InboxItem`,
 * `ChangeForm`) read the inbox from context, so a host can recompose them under `FeedbackInboxRoot`.
 *
 * @example
 * ```tsx
 * <PalauteProvider backend={backend} customer={undefined}>
 *   <FeedbackInbox team={backend.team} by={{ kind: 'team', id: 'anna', name: 'Anna from Laskutin' }} />
 * </PalauteProvider>
 * ```
 *
 * @selector .palaute-FeedbackInbox [data-state="loading"|"ready"|"empty"|"error"] the list's state; [data-view="list"|"item"] what a phone shows; [data-theme]
 * @selector [data-part="row"][data-awaiting] a customer wrote back; [data-part="awaiting"] the mark; [data-part="score"] "4 / 10, detractor"; [data-part="back"] back to the list; [data-part="confirmation"] a shipped change, shown
 * @selector [data-part="metrics"] the loop metrics; [data-part="filters"] the filter form; [data-part="filter-note"] what a filter's options leave out
 * @selector [data-part="count"] how many are shown; [data-part="more"][data-state="idle"|"loading"|"error"] "Show more" (aria-disabled while loading); [data-part="more-error"]
 * @selector [data-part="row"] a list row, with [data-state] its status, [data-overdue] and [data-selected]; [data-part="open"] its button (aria-current); [data-part="check"] its checkbox; [data-part="overdue"] the flag
 * @selector [data-part="item-view"] the item view, with [data-state] and [data-overdue]
 * @selector [data-part="history"] [data-part="messages"] [data-part="message"][data-author="team"|"customer"] [data-part="receipt"]
 * @selector [data-part="composer"] [data-part="actions"] [data-part="action"][data-action] [data-part="decline"] [data-part="change"] [data-part="error"]
 */
export const FeedbackInbox = /* @__PURE__ */ forwardRef<HTMLElement, FeedbackInboxProps>(
  function FeedbackInbox(
    {
      headingLevel = 'h2',
      className,
      theme = 'light',
      team,
      by,
      responseTargetHours,
      now,
      surveys,
      timeZone,
      refreshMs,
      pageSize,
      createId,
      resolveCustomer,
      touchpoints,
      filters,
      onFiltersChange,
      syncUrl,
      csvHref,
      ideas,
      onKeyDown,
      ...rest
    },
    ref,
  ) {
    const inbox = useFeedbackInbox({
      team,
      by,
      responseTargetHours,
      now,
      surveys,
      timeZone,
      refreshMs,
      pageSize,
      createId,
      resolveCustomer,
      touchpoints,
      filters,
      onFiltersChange,
      syncUrl,
      csvHref,
    });
    const { t } = useLoopTools();
    const titleId = useId();
    const Title = headingLevel as ElementType;
    const [sectionLevel] = LEVELS[headingLevel];
    const { listState } = inbox;
    return (
      <FeedbackInboxRoot inbox={inbox} headingLevel={headingLevel} timeZone={timeZone}>
        <section
          aria-labelledby={titleId}
          {...rest}
          ref={ref}
          className={className ?? 'palaute-FeedbackInbox'}
          aria-busy={listState === 'loading' ? true : undefined}
          data-state={listState}
          data-view={inbox.view ? 'item' : 'list'}
          data-theme={theme}
          onKeyDown={composeEventHandlers(onKeyDown, (event) => {
            // Escape in the item view goes back to the list (the phone's "back"), where the team was.
            const target = event.target as Element;
            if (event.key === 'Escape' && inbox.view && target.closest?.('[data-part="item-view"]'))
              inbox.close();
          })}
        >
          <Title id={titleId} data-part="title">
            {t('inbox')}
          </Title>
          <Announcer {...inbox.getAnnouncerProps()} message={inbox.announcement} />
          <LoopMetrics
            metrics={inbox.metrics}
            state={inbox.metricsState}
            responseTargetHours={inbox.responseTargetHours}
            headingLevel={sectionLevel}
            timeZone={timeZone}
          />
          <InboxFilterForm withKinds={ideas !== undefined} />
          {/* Ideas or bug reports only: the survey feedback panes stand aside for the board's. */}
          {ideas && (inbox.filters.kind === 'idea' || inbox.filters.kind === 'bug') ? null : (
            <div data-part="panes">
              <div data-part="list-pane">
                <InboxList />
                <BulkForm />
                <ChangeForm />
              </div>
              <div data-part="item-pane">
                {inbox.view ? <InboxItem /> : <p data-part="no-selection">{t('noSelection')}</p>}
              </div>
            </div>
          )}
          {ideas ? <InboxIdeas {...ideas} by={by} /> : null}
        </section>
      </FeedbackInboxRoot>
    );
  },
);

/**
 * The triage list: the count, load errors, one row per item (its checkbox for a change, its
 * button, who said it, the score with its scale, where and when, the status, "Overdue" and
 * "Customer wrote back"), and "Show more".
 */
export function InboxList() {
  const { inbox } = useFeedbackInboxContext();
  const { t } = useLoopTools();
  const { rows, listState } = inbox;
  return (
    <>
      <p {...inbox.getCountProps()}>
        {listState === 'loading' ? t('inboxLoading') : inbox.countLabel}
        {inbox.awaitingTeam > 0 ? (
          <>
            {' '}
            <span data-part="awaiting-count">
              {inbox.awaitingTeam === 1
                ? t('awaitingCountOne')
                : t('awaitingCountMany', { count: inbox.awaitingTeam })}
            </span>
          </>
        ) : null}
      </p>
      {listState === 'error' ? (
        <div data-part="load-error">
          <p role="alert">{t('inboxError')}</p>
          <button type="button" onClick={() => void inbox.refresh()}>
            {t('retry')}
          </button>
        </div>
      ) : null}
      {listState === 'empty' ? (
        <p data-part="empty">{inbox.filtered ? t('inboxNoMatch') : t('inboxEmpty')}</p>
      ) : null}
      {rows.length > 0 ? (
        <p data-part="check-all-field">
          <input {...inbox.getCheckAllProps()} />{' '}
          <Label {...inbox.getCheckAllLabelProps()}>{t('selectAllShown')}</Label>
        </p>
      ) : null}
      {rows.length > 0 ? (
        <ul {...inbox.getListProps()}>
          {rows.map((row) => (
            <li key={row.id} {...inbox.getRowProps(row)}>
              <input {...inbox.getCheckboxProps(row)} />
              <button {...inbox.getRowButtonProps(row)}>{row.excerpt}</button>
              <p {...inbox.getRowMetaProps(row)}>
                {row.awaitingTeam ? (
                  <>
                    <strong data-part="awaiting">{t('awaitingTeam')}</strong>
                    <Dot />
                  </>
                ) : null}
                {row.customerLabel !== row.item.customerId ? (
                  <>
                    <span data-part="customer">{row.customerLabel}</span>
                    <Dot />
                  </>
                ) : null}
                {row.score ? (
                  <>
                    <span data-part="score">{row.score.label}</span>
                    <Dot />
                  </>
                ) : null}
                {row.kindLabel ? (
                  <>
                    <span data-part="kind">{row.kindLabel}</span>
                    <Dot />
                  </>
                ) : null}
                <span data-part="touchpoint">{row.touchpointName}</span>
                {row.sentimentLabel ? (
                  <>
                    <Dot />
                    <span data-part="sentiment">{row.sentimentLabel}</span>
                  </>
                ) : null}
                <Dot />
                <span data-part="age">{row.age}</span>
                <Dot />
                <span data-part="status">{row.statusLabel}</span>
                {row.item.assignee ? (
                  <>
                    <Dot />
                    <span data-part="assignee">{memberLabel(inbox, row.item.assignee)}</span>
                  </>
                ) : null}
                {row.item.tags?.length ? (
                  <>
                    <Dot />
                    <span data-part="row-tags">{row.item.tags.join(', ')}</span>
                  </>
                ) : null}
                {row.overdue ? (
                  <>
                    <Dot />
                    <strong data-part="overdue">{t('overdue')}</strong>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {inbox.moreState === 'error' ? (
        <p {...inbox.getMoreErrorProps()}>{t('inboxMoreError')}</p>
      ) : null}
      {inbox.hasMore ? <button {...inbox.getMoreProps()}>{t('inboxShowMore')}</button> : null}
    </>
  );
}

/** A team member's name as the assignee options give it, else their id. */
function memberLabel(inbox: FeedbackInboxApi, member: string) {
  return inbox.memberOptions.find((option) => option.value === member)?.label ?? member;
}

/** A dot between details for the eye, a comma for the ear (so words never run together). */
function Dot() {
  return (
    <>
      <span aria-hidden="true" data-part="separator">
        {' ·'}
      </span>
      <VisuallyHidden>,</VisuallyHidden>{' '}
    </>
  );
}

/**
 * The launcher's kinds as the inbox filters by them (`none`: feedback without one). Marked pure: a
 * spread at a module's top level is kept by bundlers, and with it the engine's records module (and
 * zod) in a page that only asks a survey.
 */
const FEEDBACK_KIND_FILTERS = /* @__PURE__ */ (() => ['all', ...FEEDBACK_KINDS, 'none'] as const)();

/**
 * The filter form: a search of what customers wrote (Enter or "Search"), status, touchpoint, age,
 * segment, tag, assignee and what the customer said it is about in the launcher (an idea, a
 * problem, praise, something else, or not said) (and, `withKinds`, the kind: survey feedback,
 * ideas, bug reports), "Refresh", and "Download the list as CSV" of the filtered list.
 */
export function InboxFilterForm({
  withKinds = false,
}: {
  /** Offers the kind filter (survey feedback, ideas, bug reports; see `InboxIdeas`). @default false */
  withKinds?: boolean | undefined;
} = {}) {
  const { inbox } = useFeedbackInboxContext();
  const { t } = useLoopTools();
  const segment = inbox.segments.find((candidate) => candidate.key === inbox.filters.segmentKey);
  return (
    <form {...inbox.getFiltersProps()}>
      <div data-part="filter-field" data-filter="text">
        <Label htmlFor={inbox.getSearchProps().id}>{t('toolsSearch')}</Label>
        <span data-part="search-row">
          <input {...inbox.getSearchProps()} />
          <button {...inbox.getSearchSubmitProps()}>{t('toolsSearchSubmit')}</button>
        </span>
        <p {...inbox.getSearchHintProps()}>{t('toolsSearchHint')}</p>
      </div>
      {withKinds ? <InboxKindFilter /> : null}
      <div data-part="filter-field">
        <Label {...inbox.getFilterLabelProps('status')}>{t('filterStatus')}</Label>
        <select {...inbox.getFilterProps('status')}>
          <option value="all">{t('filterAll')}</option>
          <option value="open">{t('filterOpen')}</option>
          {FEEDBACK_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(TEAM_STATUS[status])}
            </option>
          ))}
        </select>
      </div>
      <div data-part="filter-field">
        <Label {...inbox.getFilterLabelProps('touchpointId')}>{t('filterTouchpoint')}</Label>
        <select {...inbox.getFilterProps('touchpointId')}>
          <option value="">{t('filterAnyTouchpoint')}</option>
          {inbox.touchpointOptions.map(({ value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <FilterNote inbox={inbox} name="touchpointId" />
      </div>
      <div data-part="filter-field">
        <Label {...inbox.getFilterLabelProps('olderThan')}>{t('filterOlderThan')}</Label>
        <input {...inbox.getFilterProps('olderThan')} type="number" min={0} inputMode="numeric" />
      </div>
      <div data-part="filter-field">
        <Label {...inbox.getFilterLabelProps('olderThanUnit')}>{t('filterUnit')}</Label>
        <select {...inbox.getFilterProps('olderThanUnit')}>
          <option value="hours">{t('hours')}</option>
          <option value="days">{t('days')}</option>
        </select>
      </div>
      <div data-part="filter-field">
        <Label {...inbox.getFilterLabelProps('segmentKey')}>{t('filterSegment')}</Label>
        <select {...inbox.getFilterProps('segmentKey')}>
          <option value="">{t('filterAny')}</option>
          {inbox.segments.map(({ key, label }) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
        <FilterNote inbox={inbox} name="segmentKey" />
      </div>
      <div data-part="filter-field">
        <Label {...inbox.getFilterLabelProps('segmentValue')}>{t('filterSegmentValue')}</Label>
        <select {...inbox.getFilterProps('segmentValue')} disabled={!segment}>
          <option value="">{t('filterAny')}</option>
          {segment?.values.map(({ value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <FilterNote inbox={inbox} name="segmentValue" />
      </div>
      <div data-part="filter-field">
        <Label {...inbox.getFilterLabelProps('tag')}>{t('filterTag')}</Label>
        <select {...inbox.getFilterProps('tag')}>
          <option value="">{t('filterAnyTag')}</option>
          {inbox.tagOptions.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </div>
      <div data-part="filter-field">
        <Label {...inbox.getFilterLabelProps('assignee')}>{t('filterAssignee')}</Label>
        <select {...inbox.getFilterProps('assignee')}>
          <option value="">{t('filterAnyAssignee')}</option>
          {inbox.memberOptions.map(({ value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div data-part="filter-field" data-filter="feedbackKind">
        <Label {...inbox.getFilterLabelProps('feedbackKind')}>{t('filterFeedbackKind')}</Label>
        <select {...inbox.getFilterProps('feedbackKind')}>
          {FEEDBACK_KIND_FILTERS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`filterFeedbackKind_${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" data-part="refresh" onClick={() => void inbox.refresh()}>
        {t('refresh')}
      </button>
      {inbox.csvHref ? (
        <a data-part="csv" href={inbox.csvHref} download>
          {t('csvExport')}
        </a>
      ) : (
        <button {...inbox.getCsvProps()}>
          {inbox.exporting ? t('csvExporting') : t('csvExport')}
        </button>
      )}
      {inbox.errors.csv ? <p {...inbox.getErrorProps('csv')}>{inbox.errors.csv}</p> : null}
    </form>
  );
}

/** What a filter's options leave out, under its field (which it describes). */
function FilterNote({ inbox, name }: { inbox: FeedbackInboxApi; name: InboxFacetFilter }) {
  const note = inbox.filterNotes[name];
  return note ? <p {...inbox.getFilterNoteProps(name)}>{note}</p> : null;
}

/**
 * The selected item: who said it and their score, its facts, the customer's words, the impact
 * notice the customer sees, answers, history, the thread and its composer, the status moves, the
 * decline form and a "back to the list" for phones (Escape does the same).
 */
export function InboxItem() {
  const { inbox, headingLevel, timeZone } = useFeedbackInboxContext();
  const { t } = useLoopTools();
  const time = useTimeFormat(timeZone);
  const utc = useTimeFormat('UTC');
  const { part: id } = useIds();
  const view = inbox.view;
  if (!view) return null;
  const [itemLevel, partLevel] = LEVELS[headingLevel];
  const ItemTitle = itemLevel as ElementType;
  const Part = partLevel as ElementType;
  const { item } = view;
  const segment = Object.entries(item.segment ?? {});
  return (
    <section {...inbox.getItemViewProps()}>
      <button type="button" data-part="back" onClick={inbox.close}>
        {t('backToList')}
      </button>
      <ItemTitle {...inbox.getItemTitleProps()}>
        {t('feedbackFrom', { customer: view.customerLabel })}
      </ItemTitle>
      <p {...inbox.getStatusProps()}>
        <span data-part="label">{t('statusLabel')}: </span>
        <strong>{view.statusLabel}</strong>
        {view.awaitingTeam ? (
          <>
            <Dot />
            <strong data-part="awaiting">{t('awaitingTeam')}</strong>
          </>
        ) : null}
        {view.overdue ? (
          <>
            <Dot />
            <strong data-part="overdue">{t('overdue')}</strong>
          </>
        ) : null}
      </p>
      <dl data-part="facts">
        <div>
          <dt>{t('touchpoint')}</dt>
          <dd>{view.touchpointName}</dd>
        </div>
        {view.kindLabel ? (
          <div>
            <dt>{t('filterFeedbackKind')}</dt>
            <dd data-part="kind">{view.kindLabel}</dd>
          </div>
        ) : null}
        {view.score ? (
          <div>
            <dt>{t('score')}</dt>
            <dd data-part="score">{view.score.label}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('received')}</dt>
          <dd>
            <time dateTime={item.createdAt}>{time.dateTime(item.createdAt)}</time>
          </dd>
        </div>
        {view.sentimentLabel ? (
          <div>
            <dt>{t('sentiment')}</dt>
            <dd>{view.sentimentLabel}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('mayContact')}</dt>
          <dd>{item.consentToContact ? t('yes') : t('no')}</dd>
        </div>
        {segment.length > 0 ? (
          <div>
            <dt>{t('filterSegment')}</dt>
            <dd>
              {segment
                .map(([key, value]) => `${key}: ${segmentValueText(value, time, utc)}`)
                .join(', ')}
            </dd>
          </div>
        ) : null}
      </dl>
      <div data-part="filing">
        <Part {...inbox.getTagsTitleProps()}>{t('tags')}</Part>
        {view.item.tags?.length ? (
          <ul {...inbox.getTagsProps()}>
            {view.item.tags.map((tag) => (
              <li key={tag} data-part="tag">
                <span>{tag}</span>
                <button {...inbox.getTagRemoveProps(tag)}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p data-part="no-tags">{t('noTags')}</p>
        )}
        <form {...inbox.getTagFormProps()}>
          <Label {...inbox.getTagLabelProps()}>{t('tagAdd')}</Label>
          <input {...inbox.getTagFieldProps()} type="text" />
          <button type="submit" disabled={inbox.busy}>
            {t('tagAddSubmit')}
          </button>
          {inbox.errors.tag ? <p {...inbox.getErrorProps('tag')}>{inbox.errors.tag}</p> : null}
        </form>
        <div data-part="assignee-field">
          <Label {...inbox.getAssigneeLabelProps()}>{t('assignee')}</Label>
          <select {...inbox.getAssigneeProps()}>
            {inbox.memberOptions.map(({ value, label }) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {inbox.errors.assignee ? (
            <p {...inbox.getErrorProps('assignee')}>{inbox.errors.assignee}</p>
          ) : null}
        </div>
      </div>
      {item.text ? (
        <figure data-part="their-words">
          <figcaption data-part="label">{t('theirWords')}</figcaption>
          <blockquote>
            {item.text
              .split(/\n{2,}/)
              .filter((paragraph) => paragraph.trim() !== '')
              .map((paragraph, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one fixed text
                <p key={index}>{paragraph}</p>
              ))}
          </blockquote>
        </figure>
      ) : null}
      {view.notice ? (
        <>
          <Part id={id('notice')}>{t('customerSees')}</Part>
          {/* h5: below the part heading (h4), or beside it in an inbox under an h3 (h6 is too deep). */}
          <ImpactNotice notice={view.notice} headingLevel="h5" />
        </>
      ) : null}
      <Part id={id('answers')}>{t('answers')}</Part>
      <dl data-part="answers" aria-labelledby={id('answers')}>
        {view.answers.map((answer) => (
          <div key={answer.questionId}>
            <dt>{answer.label}</dt>
            <dd>{answer.value}</dd>
          </div>
        ))}
      </dl>
      <Part id={id('history')}>{t('history')}</Part>
      <ol data-part="history" aria-labelledby={id('history')}>
        {view.history.map((step, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the history only grows at its end
          <li key={index} data-state={step.status}>
            <strong>{step.statusLabel}</strong>
            <Dot />
            <span data-part="by">{t('historyBy', { name: step.by })}</span>
            <Dot />
            <time dateTime={step.at}>{time.dateTime(step.at)}</time>
            {step.reason ? (
              <p data-part="reason">
                <span data-part="label">{t('reason')}: </span>
                {step.reason}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <Part id={id('conversation')}>{t('conversation')}</Part>
      {view.messages.length > 0 ? (
        <ol data-part="messages" aria-labelledby={id('conversation')}>
          {view.messages.map((message) => (
            <li
              key={message.id}
              data-part="message"
              data-author={message.fromTeam ? 'team' : 'customer'}
            >
              <p data-part="meta">
                <span data-part="author">{message.author}</span>
                <Dot />
                <time dateTime={message.at}>{time.dateTime(message.at)}</time>
              </p>
              <p data-part="body">{message.body}</p>
              {message.receipt ? <p data-part="receipt">{message.receipt}</p> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p data-part="no-messages">{t('noMessages')}</p>
      )}
      <form {...inbox.getReplyFormProps()}>
        <Label {...inbox.getReplyLabelProps()}>{t('replyToCustomer')}</Label>
        {inbox.restoredDrafts.includes('reply') ? (
          <p {...inbox.getDraftNoteProps('reply')}>{t('teamDraftKept')}</p>
        ) : null}
        <textarea {...inbox.getReplyFieldProps()} rows={3} maxLength={5000} />
        <p {...inbox.getReplyHintProps()}>{view.canReply ? t('replyHint') : t('replyNoConsent')}</p>
        {inbox.errors.reply ? <p {...inbox.getErrorProps('reply')}>{inbox.errors.reply}</p> : null}
        <button type="submit" data-part="send" disabled={!view.canReply || inbox.busy}>
          {t('sendTeamReply')}
        </button>
      </form>
      {view.actions.length > 0 ? (
        <>
          <Part id={id('actions')}>{t('changeStatus')}</Part>
          <fieldset aria-labelledby={id('actions')} data-part="actions">
            {view.actions.map((action) => (
              <div key={action.type} data-part="action-field">
                <button {...inbox.getActionProps(action)}>{action.label}</button>
                {action.blockedBy ? (
                  <p {...inbox.getActionNoteProps(action)}>{action.blockedBy}</p>
                ) : null}
              </div>
            ))}
          </fieldset>
        </>
      ) : null}
      {inbox.errors.action ? <p {...inbox.getErrorProps('action')}>{inbox.errors.action}</p> : null}
      {view.canDecline ? (
        <form {...inbox.getDeclineFormProps()}>
          <Label {...inbox.getDeclineLabelProps()}>{t('declineReason')}</Label>
          {inbox.restoredDrafts.includes('decline') ? (
            <p {...inbox.getDraftNoteProps('decline')}>{t('teamDraftKept')}</p>
          ) : null}
          <textarea {...inbox.getDeclineFieldProps()} rows={2} maxLength={2000} />
          {inbox.errors.decline ? (
            <p {...inbox.getErrorProps('decline')}>{inbox.errors.decline}</p>
          ) : null}
          <button
            type="submit"
            data-part="action"
            data-action="feedback.decline"
            disabled={inbox.busy}
          >
            {t('actionDecline')}
          </button>
        </form>
      ) : null}
      {item.status !== 'shipped' ? (
        <form {...inbox.getItemChangeFormProps()}>
          <Part {...inbox.getItemChangeTitleProps()}>{t('itemShipChange')}</Part>
          <div data-part="change-field">
            <Label {...inbox.getItemChangeLabelProps('itemWeDid')}>{t('weDid')}</Label>
            <input {...inbox.getItemChangeFieldProps('itemWeDid')} type="text" maxLength={2000} />
            {inbox.errors.itemWeDid ? (
              <p {...inbox.getErrorProps('itemWeDid')}>{inbox.errors.itemWeDid}</p>
            ) : null}
          </div>
          <div data-part="change-field">
            <Label {...inbox.getItemChangeLabelProps('itemHref')}>{t('changeLink')}</Label>
            <input {...inbox.getItemChangeFieldProps('itemHref')} type="url" maxLength={2000} />
            {inbox.errors.itemHref ? (
              <p {...inbox.getErrorProps('itemHref')}>{inbox.errors.itemHref}</p>
            ) : null}
          </div>
          {inbox.errors.itemChange ? (
            <p {...inbox.getErrorProps('itemChange')}>{inbox.errors.itemChange}</p>
          ) : null}
          <button type="submit" data-part="ship" disabled={inbox.busy}>
            {t('changeSubmit')}
          </button>
        </form>
      ) : null}
      {inbox.confirmation && inbox.confirmationFor === 'item' ? (
        <p {...inbox.getConfirmationProps()}>{inbox.confirmation}</p>
      ) : null}
    </section>
  );
}

/**
 * The bulk form: one action (a status move, a tag, an assignee) on every ticked item, with a
 * visible confirmation ("3 items moved to Planned.") and what was refused.
 */
export function BulkForm() {
  const { inbox, headingLevel: level } = useFeedbackInboxContext();
  const { t } = useLoopTools();
  const Heading = LEVELS[level][0] as ElementType;
  const action = inbox.getBulkActionProps();
  const moveTo = {
    'feedback.triage': 'triaged',
    'feedback.plan': 'planned',
    'feedback.start': 'inProgress',
    'feedback.reopen': 'triaged',
  } as const;
  return (
    <form {...inbox.getBulkFormProps()}>
      <Heading {...inbox.getBulkTitleProps()}>{t('bulkTitle')}</Heading>
      <div data-part="change-field">
        <Label {...inbox.getBulkLabelProps('bulkAction')}>{t('bulkAction')}</Label>
        <select {...action}>
          <option value="">{t('bulkChoose')}</option>
          {INBOX_BULK_ACTIONS.map((type) => (
            <option key={type} value={type}>
              {type === 'tags.add'
                ? t('bulkTag')
                : type === 'assignee.set'
                  ? t('bulkAssign')
                  : type === 'feedback.reopen'
                    ? t('actionReopen')
                    : t('bulkMoveTo', { status: t(TEAM_STATUS[moveTo[type]]) })}
            </option>
          ))}
        </select>
        {inbox.errors.bulkAction ? (
          <p {...inbox.getErrorProps('bulkAction')}>{inbox.errors.bulkAction}</p>
        ) : null}
      </div>
      {action.value === 'tags.add' || action.value === 'assignee.set' ? (
        <div data-part="change-field">
          <Label {...inbox.getBulkLabelProps('bulkValue')}>
            {action.value === 'tags.add' ? t('bulkTagValue') : t('bulkAssigneeValue')}
          </Label>
          {action.value === 'tags.add' ? (
            <input {...inbox.getBulkValueProps()} type="text" maxLength={50} />
          ) : (
            <select {...inbox.getBulkValueProps()}>
              <option value="">{t('bulkChoose')}</option>
              {inbox.memberOptions.map(({ value, label }) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
          {inbox.errors.bulkValue ? (
            <p {...inbox.getErrorProps('bulkValue')}>{inbox.errors.bulkValue}</p>
          ) : null}
        </div>
      ) : null}
      {inbox.errors.bulk ? <p {...inbox.getErrorProps('bulk')}>{inbox.errors.bulk}</p> : null}
      <button {...inbox.getBulkSubmitProps()}>{t('bulkSubmit')}</button>
      {inbox.confirmation && inbox.confirmationFor === 'bulk' ? (
        <p {...inbox.getConfirmationProps()}>{inbox.confirmation}</p>
      ) : null}
    </form>
  );
}

/**
 * "Link to a shipped change" for the items ticked in the list, with a visible confirmation once
 * shipped.
 */
export function ChangeForm() {
  const { inbox, headingLevel: level } = useFeedbackInboxContext();
  const { t } = useLoopTools();
  const Heading = LEVELS[level][0] as ElementType;
  const count = inbox.checked.length;
  const field = (name: 'weDid' | 'details' | 'href' | 'linkLabel') =>
    inbox.errors[name] ? <p {...inbox.getErrorProps(name)}>{inbox.errors[name]}</p> : null;
  return (
    <form {...inbox.getChangeFormProps()}>
      <Heading {...inbox.getChangeTitleProps()}>{t('shipChange')}</Heading>
      <p {...inbox.getSelectionProps()}>
        {count === 0
          ? t('selectedNone')
          : count === 1
            ? t('selectedOne')
            : t('selectedMany', { count })}
      </p>
      <div data-part="change-field">
        <Label {...inbox.getChangeLabelProps('weDid')}>{t('weDid')}</Label>
        <input {...inbox.getChangeFieldProps('weDid')} type="text" maxLength={2000} />
        {field('weDid')}
      </div>
      <div data-part="change-field">
        <Label {...inbox.getChangeLabelProps('details')}>{t('changeDetails')}</Label>
        <textarea {...inbox.getChangeFieldProps('details')} rows={2} maxLength={2000} />
      </div>
      <div data-part="change-field">
        <Label {...inbox.getChangeLabelProps('href')}>{t('changeLink')}</Label>
        <input {...inbox.getChangeFieldProps('href')} type="url" maxLength={2000} />
        {field('href')}
      </div>
      <div data-part="change-field">
        <Label {...inbox.getChangeLabelProps('linkLabel')}>{t('changeLinkLabel')}</Label>
        <input
          {...inbox.getChangeFieldProps('linkLabel')}
          type="text"
          maxLength={2000}
          placeholder={t('changeLinkDefault')}
        />
      </div>
      {inbox.errors.change ? <p {...inbox.getErrorProps('change')}>{inbox.errors.change}</p> : null}
      <button {...inbox.getChangeSubmitProps()}>{t('changeSubmit')}</button>
      {inbox.confirmation && inbox.confirmationFor === 'checked' ? (
        <p {...inbox.getConfirmationProps()}>{inbox.confirmation}</p>
      ) : null}
    </form>
  );
}

/** A label; its `htmlFor` comes from the hook's prop getter. */
function Label({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return <label htmlFor={htmlFor}>{children}</label>;
}
