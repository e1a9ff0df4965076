import {
  BOARD_TEAM_VIEWS,
  type BoardTeamDraftField,
  boardTeamViewOf,
  type Idea,
} from '@palaute/engine';
import { type FormEvent, useEffect, useId, useRef } from 'react';
import { Announcer, VisuallyHidden } from '../shared/Announcer';
import { useIds } from '../shared/ids';
import { useBoardTeamMessages } from './board.messages';
import { CategoryChoice, Choice, RetryButton } from './PageStatus';
import {
  type UseBoardModerationOptions,
  type UseBoardModerationResult,
  useBoardModeration,
} from './useBoardModeration';

/** Props of {@link BoardModeration}. */
export interface BoardModerationProps extends UseBoardModerationOptions {
  /** Replaces the default class (`palaute-BoardModeration`), opting out of the optional stylesheet. */
  className?: string;
  /** The heading level of the title. @default 2 */
  headingLevel?: 2 | 3 | 4;
  /** The optional stylesheet's palette: `dark`, or `auto` to follow the system. @default 'light' */
  theme?: 'light' | 'dark' | 'auto' | undefined;
}

/**
 * The team's board moderation: the approval queue (approve or reject), every idea by moderation
 * state, one idea open to hide, mark as spam, retitle, move to a status the workflow allows, merge
 * into another or unmerge, vote on a customer's behalf and pin the official response, and the
 * changelog composer whose entry ships ideas and feedback and sends the "you said, we did" notices.
 * Built from the exported parts.
 *
 * @selector [data-state] the list's state: `loading`, `debouncing`, `ready`, `loadingMore`, `failed`
 * @selector [data-busy] while an action is on its way
 * @example
 * ```tsx
 * <BoardModeration port={team.board} board={board} by={{ kind: 'team', id: 'sofia', name: 'Sofia' }} shipChange={team.shipChange} />
 * ```
 */
export function BoardModeration({
  className,
  headingLevel = 2,
  theme,
  ...options
}: BoardModerationProps) {
  const moderation = useBoardModeration(options);
  const { t } = useBoardTeamMessages();
  const Heading = `h${headingLevel}` as const;
  const titleId = useId();
  return (
    <section
      className={className ?? 'palaute-BoardModeration'}
      aria-labelledby={titleId}
      data-state={moderation.listState}
      data-busy={moderation.actionState === 'working' ? '' : undefined}
      data-theme={theme}
    >
      <Heading id={titleId}>{t('modTitle')}</Heading>
      <ModerationToolbar moderation={moderation} />
      <div data-part="layout">
        <ModerationList moderation={moderation} />
        <ModerationPanel moderation={moderation} headingLevel={headingLevel + 1} />
      </div>
      <ChangelogComposer moderation={moderation} headingLevel={headingLevel + 1} />
      {moderation.failed ? (
        <p role="alert" data-part="error">
          {t('modFailed', { message: moderation.failed.message })}
        </p>
      ) : null}
      <Announcer message={moderation.failed ? '' : moderation.announcement} />
    </section>
  );
}

/**
 * The moderation view (approval queue, published, hidden and spam, all), the board's categories
 * (when it has some) and a search.
 */
export function ModerationToolbar({ moderation }: { moderation: UseBoardModerationResult }) {
  const { t } = useBoardTeamMessages();
  const viewId = useId();
  const categoryId = useId();
  const { categories } = moderation.board;
  const label: Record<string, string> = {
    pending: t('modViewPending'),
    published: t('modViewPublished'),
    removed: t('modViewRemoved'),
    all: t('modViewAll'),
  };
  return (
    <div className="palaute-ModerationToolbar" data-part="toolbar">
      <Choice
        id={viewId}
        label={t('modView')}
        value={boardTeamViewOf(moderation.filters.approval)}
        options={BOARD_TEAM_VIEWS.map((view) => [view.key, label[view.key] ?? view.key] as const)}
        onChange={(key) =>
          moderation.setFilters({
            approval: BOARD_TEAM_VIEWS.find((view) => view.key === key)?.approval,
          })
        }
      />
      {categories.length > 0 ? (
        <CategoryChoice
          id={categoryId}
          label={t('boardCategoryFilter')}
          none={t('categoryAll')}
          categories={categories}
          value={moderation.filters.categoryId}
          onChange={(category) => moderation.setFilters({ categoryId: category })}
        />
      ) : null}
      <div data-part="field">
        <label htmlFor={moderation.ids.search}>{t('modSearch')}</label>
        <input
          id={moderation.ids.search}
          type="search"
          value={moderation.filters.search ?? ''}
          onChange={(event) => moderation.setFilters({ search: event.target.value })}
        />
      </div>
    </div>
  );
}

/** The ideas of the view, each with its state, votes, "open" and (when pending) approve and reject. */
export function ModerationList({ moderation }: { moderation: UseBoardModerationResult }) {
  const { t } = useBoardTeamMessages();
  const busy = moderation.actionState === 'working';
  if (moderation.listState === 'loading' && moderation.ideas.length === 0)
    return (
      <p role="status" data-part="loading">
        {t('boardLoading')}
      </p>
    );
  if (moderation.listState === 'failed')
    return (
      <div role="alert" data-part="list-error">
        <p>{t('boardFailed')}</p>
        <RetryButton onRetry={moderation.retry} />
      </div>
    );
  if (moderation.ideas.length === 0)
    return (
      <p data-part="empty" id={moderation.ids.empty} ref={moderation.refs.empty} tabIndex={-1}>
        {t(
          boardTeamViewOf(moderation.filters.approval) === 'pending'
            ? 'modEmptyPending'
            : 'modEmpty',
        )}
      </p>
    );
  return (
    <div data-part="list-wrap">
      <ul
        id={moderation.ids.list}
        ref={moderation.refs.list}
        className="palaute-ModerationList"
        data-part="list"
        aria-busy={moderation.listState !== 'ready'}
      >
        {moderation.ideas.map((idea) => {
          const open =
            moderation.detail?.idea.id === idea.id && moderation.detailState !== 'closed';
          return (
            <li
              key={idea.id}
              data-id={idea.id}
              data-approval={idea.approval}
              data-current={open ? '' : undefined}
              data-merged={idea.mergedInto ? '' : undefined}
            >
              <button
                type="button"
                data-part="open"
                aria-expanded={open}
                aria-controls={moderation.ids.panel}
                onClick={() => moderation.select(open ? undefined : idea.id)}
              >
                {idea.title}
              </button>
              <IdeaFacts idea={idea} moderation={moderation} />
              {idea.approval === 'pending' ? (
                <span data-part="queue-actions">
                  <button type="button" disabled={busy} onClick={() => moderation.approve(idea.id)}>
                    {t('modApprove')}
                    <VisuallyHidden>{`: ${idea.title}`}</VisuallyHidden>
                  </button>
                  <button type="button" disabled={busy} onClick={() => moderation.reject(idea.id)}>
                    {t('modReject')}
                    <VisuallyHidden>{`: ${idea.title}`}</VisuallyHidden>
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      {moderation.hasMore ? (
        <button {...moderation.getMoreButtonProps()} data-part="more">
          {t('boardMore')}
        </button>
      ) : null}
    </div>
  );
}

/** An idea's facts in words: kind, status, moderation state, votes, comments, who wrote it, merged. */
export function IdeaFacts({
  idea,
  moderation,
}: {
  idea: Idea;
  moderation: UseBoardModerationResult;
}) {
  const { t } = useBoardTeamMessages();
  const into = idea.mergedInto
    ? (moderation.ideas.find((other) => other.id === idea.mergedInto)?.title ?? idea.mergedInto)
    : undefined;
  const category = moderation.board.categories.find(({ id }) => id === idea.categoryId)?.name;
  return (
    <p data-part="facts">
      <span>{idea.kind === 'bug' ? t('suggestKindBug') : t('suggestKindIdea')}</span>
      {category ? <span data-part="category">{` · ${category}`}</span> : null}
      {' · '}
      <span data-part="status">{moderation.statusName(idea.status)}</span>
      {' · '}
      <span data-part="approval" data-approval={idea.approval}>
        {t(`approval_${idea.approval}`)}
      </span>
      {' · '}
      <span>{t('votes', { count: idea.votes })}</span>
      {' · '}
      <span>{t('comments', { count: idea.comments })}</span>
      {idea.authorName ? <span>{` · ${t('modBy', { name: idea.authorName })}`}</span> : null}
      {into ? <span data-part="merged">{` · ${t('modMergedInto', { title: into })}`}</span> : null}
    </p>
  );
}

/**
 * The open idea: its facts and text, moderation (hide, spam, approve), a new title, a status the
 * workflow allows (a decline asks for its reason), merge or unmerge, a vote on a customer's behalf,
 * the official response and team comments, then its votes and comments.
 */
export function ModerationPanel({
  moderation,
  headingLevel = 3,
}: {
  moderation: UseBoardModerationResult;
  headingLevel?: number;
}) {
  const { t } = useBoardTeamMessages();
  const { detail, detailState } = moderation;
  const Heading = `h${Math.min(headingLevel, 6)}` as 'h3';
  const Sub = `h${Math.min(headingLevel + 1, 6)}` as 'h4';
  const headingRef = useRef<HTMLHeadingElement>(null);
  const openId = detailState === 'open' ? detail?.idea.id : undefined;
  // Focus follows the team member into the idea they opened.
  useEffect(() => {
    if (openId) headingRef.current?.focus();
  }, [openId]);
  const { part } = useIds();
  const ids = {
    title: part('title'),
    category: part('category'),
    status: part('status'),
    reason: part('reason'),
    merge: part('merge'),
    behalf: part('behalf'),
    official: part('official'),
    comment: part('comment'),
  };
  const { drafts, setDraft, restoredDrafts } = moderation;
  const { title, category, status, reason, into, customer, official, comment } = drafts;
  /** The note on a field whose text came back from before, and the field's link to it. */
  const kept = (field: BoardTeamDraftField, fieldId: string) =>
    restoredDrafts.includes(field) && drafts[field].trim()
      ? {
          note: (
            <p id={`${fieldId}-kept`} data-part="resumed">
              {t('modDraftKept')}
            </p>
          ),
          describedBy: `${fieldId}-kept`,
        }
      : { note: null, describedBy: undefined };
  const keptFor = {
    title: kept('title', ids.title),
    reason: kept('reason', ids.reason),
    customer: kept('customer', ids.behalf),
    official: kept('official', ids.official),
    comment: kept('comment', ids.comment),
  };
  const next = moderation.nextStatuses;
  const busy = moderation.actionState === 'working';
  if (
    detailState === 'closed' ||
    (!detail && detailState !== 'failed' && detailState !== 'loading')
  )
    return <div id={moderation.ids.panel} hidden />;
  if (detailState === 'failed')
    return (
      <div id={moderation.ids.panel} role="alert" data-part="panel">
        {t('modPanelFailed', { message: moderation.detailError ?? '' })}
      </div>
    );
  if (!detail)
    return (
      <div id={moderation.ids.panel} role="status" data-part="panel">
        {t('modPanelLoading')}
      </div>
    );
  const { idea, comments, votes } = detail;
  const needsReason = next.find((move) => move.status.id === status)?.needs === 'reason';
  const targets = moderation.ideas.filter(
    (other) => other.id !== idea.id && !other.mergedInto && other.approval === 'approved',
  );
  const submit = (run: () => void) => (event: FormEvent) => {
    event.preventDefault();
    run();
  };
  const officialComment = comments.find((found) => found.official);
  return (
    <section
      id={moderation.ids.panel}
      className="palaute-ModerationPanel"
      aria-labelledby={`${moderation.ids.panel}-title`}
      data-part="panel"
      data-approval={idea.approval}
      onKeyDown={(event) => {
        // Escape closes the panel as "Close" does; what was typed stays with the idea.
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          moderation.select(undefined);
        }
      }}
    >
      <Heading id={`${moderation.ids.panel}-title`} ref={headingRef} tabIndex={-1}>
        {idea.title}
      </Heading>
      <button type="button" data-part="close" onClick={() => moderation.select(undefined)}>
        {t('modPanelClose')}
      </button>
      <IdeaFacts idea={idea} moderation={moderation} />
      {idea.body ? <p data-part="body">{idea.body}</p> : null}

      <fieldset data-part="moderate">
        <legend>{t('modApproval')}</legend>
        {idea.approval !== 'approved' ? (
          <button type="button" disabled={busy} onClick={() => moderation.approve(idea.id)}>
            {t('modApprove')}
          </button>
        ) : null}
        {idea.approval !== 'hidden' ? (
          <button type="button" disabled={busy} onClick={() => moderation.hide(idea.id)}>
            {t('modHide')}
          </button>
        ) : null}
        {idea.approval !== 'spam' ? (
          <button type="button" disabled={busy} onClick={() => moderation.markSpam(idea.id)}>
            {t('modSpam')}
          </button>
        ) : null}
      </fieldset>

      <form onSubmit={submit(() => moderation.editTitle(idea.id, title))} data-part="title">
        <label htmlFor={ids.title}>{t('modEditTitle')}</label>
        {keptFor.title.note}
        <input
          id={ids.title}
          value={title}
          maxLength={150}
          aria-describedby={keptFor.title.describedBy}
          onChange={(event) => setDraft('title', event.target.value)}
        />
        <button type="submit" disabled={busy || title.trim().length < 3 || title === idea.title}>
          {t('modSaveTitle')}
        </button>
      </form>

      {moderation.board.categories.length > 0 ? (
        <form
          onSubmit={submit(() => moderation.setCategory(idea.id, category || null))}
          data-part="category"
        >
          <CategoryChoice
            id={ids.category}
            label={t('modCategory')}
            none={t('modCategoryNone')}
            categories={moderation.board.categories}
            value={category}
            onChange={(chosen) => setDraft('category', chosen ?? '')}
          />
          <button type="submit" disabled={busy || category === (idea.categoryId ?? '')}>
            {t('modSaveCategory')}
          </button>
        </form>
      ) : null}

      <form
        onSubmit={submit(() => moderation.setStatus(idea.id, status, reason))}
        data-part="status"
      >
        <Sub>{t('modStatus')}</Sub>
        <p>{t('modStatusNow', { status: moderation.statusName(idea.status) })}</p>
        {next.length === 0 ? (
          <p>{t('modStatusNone')}</p>
        ) : (
          <>
            <label htmlFor={ids.status}>{t('modStatusMove')}</label>
            <select
              id={ids.status}
              value={status}
              onChange={(event) => setDraft('status', event.target.value)}
            >
              {next.map((move) => (
                <option key={move.status.id} value={move.status.id}>
                  {move.status.name}
                </option>
              ))}
            </select>
            {needsReason ? (
              <>
                <label htmlFor={ids.reason}>{t('modStatusReason')}</label>
                {keptFor.reason.note}
                <textarea
                  id={ids.reason}
                  value={reason}
                  maxLength={2000}
                  required
                  aria-describedby={keptFor.reason.describedBy}
                  onChange={(event) => setDraft('reason', event.target.value)}
                />
              </>
            ) : null}
            <button type="submit" disabled={busy || !status || (needsReason && !reason.trim())}>
              {t('modStatusApply')}
            </button>
          </>
        )}
        <p data-part="hint">{t('modShipHint')}</p>
      </form>

      {idea.mergedInto ? (
        <p data-part="unmerge">
          <button type="button" disabled={busy} onClick={() => moderation.unmerge(idea.id)}>
            {t('modUnmerge')}
          </button>
        </p>
      ) : (
        <form onSubmit={submit(() => into && moderation.merge(idea.id, into))} data-part="merge">
          {targets.length === 0 ? (
            <p>{t('modMergeNone')}</p>
          ) : (
            <>
              <label htmlFor={ids.merge}>{t('modMerge')}</label>
              <select
                id={ids.merge}
                value={into}
                onChange={(event) => setDraft('into', event.target.value)}
              >
                <option value="">—</option>
                {targets.map((other) => (
                  <option key={other.id} value={other.id}>
                    {other.title}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={busy || !into}>
                {t('modMergeApply')}
              </button>
            </>
          )}
        </form>
      )}

      <form
        onSubmit={submit(() => moderation.voteOnBehalf(idea.id, customer))}
        data-part="on-behalf"
      >
        <label htmlFor={ids.behalf}>{t('modOnBehalf')}</label>
        {keptFor.customer.note}
        <input
          id={ids.behalf}
          value={customer}
          maxLength={200}
          autoComplete="off"
          aria-describedby={keptFor.customer.describedBy}
          onChange={(event) => setDraft('customer', event.target.value)}
        />
        <button type="submit" disabled={busy || !customer.trim()}>
          {t('modOnBehalfApply')}
        </button>
      </form>

      <form
        onSubmit={submit(() => moderation.comment(idea.id, official, true))}
        data-part="official"
      >
        <label htmlFor={ids.official}>{t('modOfficial')}</label>
        {keptFor.official.note}
        <textarea
          id={ids.official}
          value={official}
          maxLength={3000}
          aria-describedby={keptFor.official.describedBy}
          onChange={(event) => setDraft('official', event.target.value)}
        />
        <button type="submit" disabled={busy || !official.trim()}>
          {t('modOfficialPost')}
        </button>
      </form>

      <form
        onSubmit={submit(() => moderation.comment(idea.id, comment, false))}
        data-part="comment"
      >
        <label htmlFor={ids.comment}>{t('modComment')}</label>
        {keptFor.comment.note}
        <textarea
          id={ids.comment}
          value={comment}
          maxLength={3000}
          aria-describedby={keptFor.comment.describedBy}
          onChange={(event) => setDraft('comment', event.target.value)}
        />
        <button type="submit" disabled={busy || !comment.trim()}>
          {t('modCommentPost')}
        </button>
      </form>

      {officialComment ? (
        <section aria-label={t('threadOfficial')} data-part="official-response">
          <Sub>{t('threadOfficial')}</Sub>
          <p>{officialComment.body}</p>
        </section>
      ) : null}
      <Sub>{t('modVotes', { count: votes.length })}</Sub>
      {votes.length > 0 ? (
        <ul data-part="votes">
          {votes.map((vote) => (
            <li key={`${vote.customerId}-${vote.ideaId}`} data-source={vote.source}>
              {vote.customerId}
              {' · '}
              {vote.source === 'onBehalf'
                ? t('modVoteOnBehalf', { name: vote.by?.name ?? vote.by?.id ?? t('threadTeam') })
                : t('modVoteFrom', { source: t(`voteSource_${vote.source}`) })}
              {vote.segment?.plan !== undefined ? ` · ${String(vote.segment.plan)}` : null}
            </li>
          ))}
        </ul>
      ) : null}
      <Sub>{t('modComments', { count: comments.length })}</Sub>
      {comments.length > 0 ? (
        <ul data-part="comments">
          {comments.map((found) => (
            <li key={found.id} data-team={found.author.kind === 'team' ? '' : undefined}>
              <strong>
                {found.author.kind === 'team'
                  ? `${found.author.name ?? t('threadTeam')} (${t('threadTeam')})`
                  : (found.author.id ?? t('threadCustomer'))}
              </strong>
              {found.official ? ` (${t('threadOfficial')})` : null}: {found.body}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/**
 * The changelog composer: what shipped, details, the ideas it answers (those the workflow lets
 * ship) and, optionally, feedback item ids. Publishing ships them all and tells their people.
 */
export function ChangelogComposer({
  moderation,
  headingLevel = 3,
}: {
  moderation: UseBoardModerationResult;
  headingLevel?: number;
}) {
  const { t } = useBoardTeamMessages();
  const Heading = `h${Math.min(headingLevel, 6)}` as 'h3';
  const { part } = useIds();
  const headingId = part('heading');
  const titleId = part('title');
  const bodyId = part('body');
  const itemsId = part('items');
  const hintId = part('hint');
  // The entry being written lives in the engine: kept while the team is elsewhere, cleared once
  // published, and a failed publication tried again is the same entry.
  const { title, body, items, ideaIds: chosen, storedTitle } = moderation.changelog;
  // Published, its feedback not shipped: the text is the entry's now, and Publish ships the rest.
  const stored = storedTitle !== undefined;
  const storedId = part('stored');
  // "Start a new entry" goes away with the note: focus goes to the composer's heading.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const setChangelog = moderation.setChangelog;
  const shipping = moderation.board.statuses.find((status) => status.lifecycle === 'shipped');
  // Only what can ship: published, not merged, and in a status the lifecycle lets ship.
  const shippable = moderation.ideas.filter(
    (idea) =>
      idea.approval === 'approved' &&
      !idea.mergedInto &&
      shipping !== undefined &&
      (idea.lifecycle === 'planned' || idea.lifecycle === 'inProgress'),
  );
  const itemIds = items.split(/[\s,]+/).filter(Boolean);
  // What ships is what is shown ticked: an idea chosen in another view, or since moved on, is not.
  const ticked = shippable.filter((idea) => chosen.includes(idea.id));
  const linkedItems = ticked.flatMap((idea) => idea.itemIds);
  const ready = title.trim().length > 0 && (ticked.length > 0 || itemIds.length > 0);
  const publish = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    moderation.publishChangelog({
      title,
      body,
      ideaIds: ticked.map((idea) => idea.id),
      itemIds: [...new Set([...linkedItems, ...itemIds])],
    });
  };
  return (
    <form
      className="palaute-ChangelogComposer"
      aria-labelledby={headingId}
      aria-describedby={hintId}
      onSubmit={publish}
    >
      <Heading id={headingId} ref={headingRef} tabIndex={-1}>
        {t('modChangelog')}
      </Heading>
      <p id={hintId}>{t('modChangelogHint')}</p>
      {stored ? (
        <p data-part="stored">
          <span id={storedId}>{t('modChangelogStored', { title: storedTitle })}</span>{' '}
          <button
            type="button"
            disabled={moderation.actionState === 'working'}
            onClick={() => {
              moderation.clearChangelog();
              headingRef.current?.focus();
            }}
          >
            {t('modChangelogNew')}
          </button>
        </p>
      ) : null}
      <label htmlFor={titleId}>{t('modChangelogTitle')}</label>
      <input
        id={titleId}
        value={title}
        maxLength={200}
        readOnly={stored}
        aria-describedby={stored ? storedId : undefined}
        onChange={(event) => setChangelog({ title: event.target.value })}
      />
      <label htmlFor={bodyId}>{t('modChangelogBody')}</label>
      <textarea
        id={bodyId}
        value={body}
        maxLength={5000}
        readOnly={stored}
        aria-describedby={stored ? storedId : undefined}
        onChange={(event) => setChangelog({ body: event.target.value })}
      />
      <fieldset>
        <legend>{t('modChangelogIdeas')}</legend>
        {shippable.length === 0 ? <p>{t('modChangelogNoIdeas')}</p> : null}
        {shippable.map((idea) => (
          <label key={idea.id}>
            <input
              type="checkbox"
              checked={chosen.includes(idea.id)}
              onChange={(event) =>
                setChangelog({
                  ideaIds: event.target.checked
                    ? [...chosen, idea.id]
                    : chosen.filter((id) => id !== idea.id),
                })
              }
            />
            {/* One run of text beside the box, so a narrow form wraps it between words. */}
            <span data-part="text">
              {`${idea.title} (${moderation.statusName(idea.status)})${
                idea.itemIds.length > 0
                  ? ` · ${t('modChangelogLinked', { count: idea.itemIds.length })}`
                  : ''
              }`}
            </span>
          </label>
        ))}
      </fieldset>
      <label htmlFor={itemsId}>{t('modChangelogItems')}</label>
      <p id={`${itemsId}-hint`} data-part="hint">
        {t('modChangelogItemsHint')}
      </p>
      <input
        id={itemsId}
        aria-describedby={`${itemsId}-hint`}
        value={items}
        autoComplete="off"
        onChange={(event) => setChangelog({ items: event.target.value })}
      />
      <button type="submit" disabled={moderation.actionState === 'working' || !ready}>
        {moderation.actionState === 'working' ? t('modWorking') : t('modChangelogPublish')}
      </button>
    </form>
  );
}
