import type { BoardSort, IdeaDetail, IdeaKind, PublicIdea } from '@palaute/engine';
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { Announcer, VisuallyHidden } from '../shared/Announcer';
import { useIds } from '../shared/ids';
import { useBoardMessages } from './board.messages';
import { CategoryChoice, Choice, RetryButton } from './PageStatus';
import { type UseBoardOptions, type UseBoardResult, useBoard } from './useBoard';
import { type UseIdeaThreadResult, useIdeaThread } from './useIdeaThread';

/** Props of {@link FeedbackBoard}. */
export interface FeedbackBoardProps extends UseBoardOptions {
  /** Replaces the default class (`palaute-FeedbackBoard`), opting out of the optional stylesheet. */
  className?: string;
  /** The heading level of the board's title. @default 2 */
  headingLevel?: 2 | 3 | 4;
  /** The optional stylesheet's palette: `dark`, or `auto` to follow the system. @default 'light' */
  theme?: 'light' | 'dark' | 'auto' | undefined;
}

/**
 * The public board: ideas and bug reports with sort, filter and search, a vote toggle on each, the
 * suggest form with "Is it one of these? Add your vote instead" while the title is typed, and each
 * idea's comments. Built from the exported parts; votes flip at once and arrive once.
 *
 * @selector [data-state] the list's state: `loading`, `debouncing`, `ready`, `loadingMore`, `failed`
 * @example
 * ```tsx
 * <PalauteProvider backend={backend} customer={{ id: 'anna' }}><FeedbackBoard /></PalauteProvider>
 * ```
 */
export function FeedbackBoard({
  className,
  headingLevel = 2,
  theme,
  ...options
}: FeedbackBoardProps) {
  const board = useBoard(options);
  const { t } = useBoardMessages();
  const Heading = `h${headingLevel}` as const;
  const titleId = useId();
  return (
    <section
      className={className ?? 'palaute-FeedbackBoard'}
      aria-labelledby={titleId}
      data-state={board.listState}
      data-theme={theme}
    >
      <Heading id={titleId}>{t('boardTitle')}</Heading>
      <SuggestIdeaForm board={board} />
      <BoardToolbar board={board} />
      <IdeaList board={board} />
      <Announcer message={board.announcement} />
    </section>
  );
}

/**
 * Sort, kind filter, the board's status and category filters (once its definition is read, the
 * categories only when it has some) and search of the board.
 */
export function BoardToolbar({ board }: { board: UseBoardResult }) {
  const { t } = useBoardMessages();
  const { part } = useIds();
  const sortId = part('sort');
  const kindId = part('kind');
  const statusId = part('status');
  const categoryId = part('category');
  return (
    <div className="palaute-BoardToolbar" data-part="toolbar">
      <Choice
        id={sortId}
        label={t('boardSort')}
        value={board.filters.sort}
        options={[
          ['trending', t('sortTrending')],
          ['top', t('sortTop')],
          ['newest', t('sortNewest')],
        ]}
        onChange={(sort) => board.setFilters({ sort: sort as BoardSort })}
      />
      <Choice
        id={kindId}
        label={t('boardKindFilter')}
        value={board.filters.kind ?? ''}
        options={[
          ['', t('kindAll')],
          ['idea', t('kindIdea')],
          ['bug', t('kindBug')],
        ]}
        onChange={(kind) => board.setFilters({ kind: (kind || undefined) as IdeaKind | undefined })}
      />
      {board.statuses.length > 0 ? (
        <Choice
          id={statusId}
          label={t('boardStatusFilter')}
          value={board.filters.status?.[0] ?? ''}
          options={[
            ['', t('statusAll')],
            ...board.statuses.map(({ id, name }) => [id, name] as const),
          ]}
          onChange={(status) => board.setFilters({ status: status ? [status] : undefined })}
        />
      ) : null}
      {board.categories.length > 0 ? (
        <CategoryChoice
          id={categoryId}
          label={t('boardCategoryFilter')}
          none={t('categoryAll')}
          categories={board.categories}
          value={board.filters.categoryId}
          onChange={(category) => board.setFilters({ categoryId: category })}
        />
      ) : null}
      <div data-part="field">
        <label htmlFor={board.ids.search}>{t('boardSearch')}</label>
        <input
          id={board.ids.search}
          type="search"
          value={board.filters.search ?? ''}
          onChange={(event) => board.setFilters({ search: event.target.value })}
        />
      </div>
    </div>
  );
}

/** Whether the customer narrowed the list (a search or a filter), so an empty one is "no match". */
const filtered = ({ search, kind, status, categoryId }: UseBoardResult['filters']) =>
  Boolean(search || kind || status?.length || categoryId);

/** The ideas, with their loading, empty and failed states and "show more". */
export function IdeaList({ board }: { board: UseBoardResult }) {
  const { t } = useBoardMessages();
  if (board.listState === 'loading' && board.ideas.length === 0)
    return (
      <p role="status" data-part="loading">
        {t('boardLoading')}
      </p>
    );
  if (board.listState === 'failed')
    return (
      <div role="alert" data-part="error">
        <p>{t('boardFailed')}</p>
        <RetryButton onRetry={board.retry} />
      </div>
    );
  if (board.ideas.length === 0)
    return <p data-part="empty">{t(filtered(board.filters) ? 'boardNoMatch' : 'boardEmpty')}</p>;
  return (
    <>
      <ul className="palaute-IdeaList" data-part="list" aria-busy={board.listState !== 'ready'}>
        {board.ideas.map((idea) => (
          <li key={idea.id}>
            <IdeaCard idea={idea} board={board} />
          </li>
        ))}
      </ul>
      {board.hasMore ? (
        <button {...board.getMoreButtonProps()} data-part="more">
          {t('boardMore')}
        </button>
      ) : null}
    </>
  );
}

/** One idea: title, details, status, category, votes and comments, its vote button and thread. */
export function IdeaCard({ idea, board }: { idea: PublicIdea; board: UseBoardResult }) {
  const { t } = useBoardMessages();
  const thread = useIdeaThread(idea.id);
  // The thread, once read (and after each comment posted), knows the count better than the list.
  const comments = thread.detail?.idea.comments ?? idea.comments;
  const category = board.categoryName(idea.categoryId);
  return (
    <article className="palaute-IdeaCard" data-kind={idea.kind} data-lifecycle={idea.lifecycle}>
      <h3 {...board.getIdeaHeadingProps(idea)}>{idea.title}</h3>
      {idea.body ? <p>{idea.body}</p> : null}
      <p data-part="meta">
        <span data-part="status">{idea.statusName}</span>
        {' · '}
        <span>{idea.kind === 'bug' ? t('kindBug') : t('kindIdea')}</span>
        {category ? <span data-part="category"> · {category}</span> : null}
        {idea.pending ? <span data-part="pending"> · {t('pendingApproval')}</span> : null}
        {idea.mine ? <span data-part="mine"> · {t('yours')}</span> : null}
        {' · '}
        <span>{t('comments', { count: comments })}</span>
      </p>
      <VoteButton idea={idea} board={board} />
      <IdeaThreadView idea={idea} thread={thread} />
    </article>
  );
}

/** The vote toggle: pressed when the customer voted; says the count. */
export function VoteButton({ idea, board }: { idea: PublicIdea; board: UseBoardResult }) {
  const { t } = useBoardMessages();
  // The visible words start the name (WCAG 2.5.3); the title, hidden, tells the buttons apart.
  return (
    <button className="palaute-VoteButton" {...board.getVoteButtonProps(idea)}>
      <span aria-hidden="true">▲ </span>
      {idea.locked ? t('voteLocked') : idea.voted ? t('voted') : t('voteAction')}
      {` · ${t('votes', { count: idea.votes })}`}
      <VisuallyHidden>{t('vote', { title: idea.title })}</VisuallyHidden>
    </button>
  );
}

/**
 * The suggest form: kind, title, details; while the title is typed, similar ideas appear with their
 * vote buttons ("Is it one of these? Add your vote instead").
 */
export function SuggestIdeaForm({ board }: { board: UseBoardResult }) {
  const { t } = useBoardMessages();
  const { part } = useIds();
  const headingId = part('heading');
  const kindName = part('kind');
  const categoryId = part('draft-category');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    board.submit();
  };
  return (
    <form
      className="palaute-SuggestIdeaForm"
      aria-labelledby={headingId}
      onSubmit={submit}
      data-state={board.suggestState}
    >
      <h3 id={headingId}>{t('suggestTitle')}</h3>
      {board.draftedAt ? <p data-part="resumed">{t('suggestDraftKept')}</p> : null}
      <fieldset>
        <legend>{t('suggestKind')}</legend>
        {(['idea', 'bug'] as const).map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name={kindName}
              value={kind}
              checked={board.draft.kind === kind}
              onChange={() => board.setKind(kind)}
            />
            {kind === 'idea' ? t('suggestKindIdea') : t('suggestKindBug')}
          </label>
        ))}
      </fieldset>
      <label htmlFor={board.ids.title}>{t('suggestIdeaTitle')}</label>
      <input
        id={board.ids.title}
        value={board.draft.title}
        maxLength={150}
        aria-describedby={`${board.ids.titleHint}${board.similar.length ? ` ${board.ids.similar}` : ''}`}
        onChange={(event) => board.editDraft({ title: event.target.value })}
      />
      <span id={board.ids.titleHint}>{t('suggestIdeaTitleHint')}</span>
      <SimilarIdeas board={board} />
      {board.categories.length > 0 ? (
        <CategoryChoice
          id={categoryId}
          label={t('suggestCategory')}
          none={t('suggestCategoryNone')}
          categories={board.categories}
          value={board.draft.categoryId}
          onChange={(category) => board.editDraft({ categoryId: category })}
        />
      ) : null}
      <label htmlFor={board.ids.body}>{t('suggestBody')}</label>
      <textarea
        id={board.ids.body}
        value={board.draft.body}
        maxLength={5000}
        onChange={(event) => board.editDraft({ body: event.target.value })}
      />
      {board.suggestError ? (
        <p role="alert">{t('suggestFailed', { message: board.suggestError })}</p>
      ) : null}
      <button type="submit" disabled={!board.canSubmit} aria-disabled={!board.canSubmit}>
        {board.suggestState === 'submitting' ? t('suggestSubmitting') : t('suggestSubmit')}
      </button>
    </form>
  );
}

/** Ideas like the draft, each with its vote button. */
export function SimilarIdeas({ board }: { board: UseBoardResult }) {
  const { t } = useBoardMessages();
  if (board.similar.length === 0) return <div id={board.ids.similar} hidden />;
  return (
    <section id={board.ids.similar} className="palaute-SimilarIdeas" aria-label={t('similarTitle')}>
      <p>{t('similarTitle')}</p>
      <ul>
        {board.similar.map(({ idea }) => (
          <li key={idea.id}>
            <span>{idea.title}</span> <VoteButton idea={idea} board={board} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An idea's comments, shown on request: the official response pinned first, one level of replies, and a comment form. */
export function IdeaThread({ idea }: { idea: PublicIdea }) {
  return <IdeaThreadView idea={idea} thread={useIdeaThread(idea.id)} />;
}

/** {@link IdeaThread} over a thread the host runs (`useIdeaThread`), so a card can share it. */
export function IdeaThreadView({
  idea,
  thread,
}: {
  idea: PublicIdea;
  thread: UseIdeaThreadResult;
}) {
  const { t } = useBoardMessages();
  const { part } = useIds();
  const regionId = part('comments');
  const fieldId = part('field');
  const noteId = part('kept');
  const errorId = part('error');
  // Only where a draft was kept does the thread say so in a live region (made before it fills).
  const [kept] = useState(thread.restored);
  // Where focus goes when "Try again" reads the thread again (the button goes with the failure).
  const toggleRef = useRef<HTMLButtonElement>(null);
  if (!thread.available) return null;
  const { open, detail, restored } = thread;
  const describedBy = [restored ? noteId : '', thread.sendError ? errorId : '']
    .filter(Boolean)
    .join(' ');
  const who = (author: IdeaDetail['comments'][number]['author']): ReactNode =>
    author.kind === 'team'
      ? `${author.name ?? t('threadTeam')} (${t('threadTeam')})`
      : author.mine
        ? t('threadYou')
        : t('threadCustomer');
  return (
    <div className="palaute-IdeaThread" data-state={open ? 'open' : 'closed'}>
      <button
        type="button"
        ref={toggleRef}
        aria-expanded={open}
        aria-controls={regionId}
        onClick={thread.toggle}
      >
        {/* The idea's title is in the name only: the card's heading shows it just above. */}
        {open ? t('threadHide') : t('threadShow')}{' '}
        <VisuallyHidden>{t('threadOn', { title: idea.title })}</VisuallyHidden>
      </button>
      <div id={regionId} hidden={!open} aria-busy={thread.view === 'loading' || undefined}>
        {thread.view === 'loading' ? <p>{t('threadLoading')}</p> : null}
        {thread.view === 'failed' ? (
          <p role="alert" data-part="error">
            {t('threadLoadFailed', { message: thread.loadError ?? '' })}{' '}
            <RetryButton onRetry={thread.retry} anchor={toggleRef} />
          </p>
        ) : null}
        {open && detail ? (
          <>
            {detail.official ? (
              <section aria-label={t('threadOfficial')} data-part="official">
                <p>
                  <strong>{t('threadOfficial')}</strong> — {who(detail.official.author)}
                </p>
                <p>{detail.official.body}</p>
              </section>
            ) : null}
            {detail.comments.length === 0 ? <p>{t('threadEmpty')}</p> : null}
            <ul aria-label={t('threadTitle')}>
              {detail.comments
                .filter((comment) => !comment.parentId)
                .map((comment) => (
                  <li key={comment.id} data-team={comment.author.kind === 'team' ? '' : undefined}>
                    <p>
                      <strong>{who(comment.author)}</strong>: {comment.body}
                    </p>
                    <ul>
                      {detail.comments
                        .filter((reply) => reply.parentId === comment.id)
                        .map((reply) => (
                          <li
                            key={reply.id}
                            data-team={reply.author.kind === 'team' ? '' : undefined}
                          >
                            <strong>{who(reply.author)}</strong>: {reply.body}
                          </li>
                        ))}
                    </ul>
                  </li>
                ))}
            </ul>
            {idea.pending ? null : (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  thread.send();
                }}
                aria-busy={thread.sending || undefined}
              >
                <label htmlFor={fieldId}>{t('threadComment')}</label>
                {restored ? (
                  <p id={noteId} data-part="resumed">
                    {t('commentDraftKept')}
                  </p>
                ) : null}
                <textarea
                  id={fieldId}
                  value={thread.draft}
                  maxLength={3000}
                  aria-describedby={describedBy || undefined}
                  aria-invalid={thread.sendError ? true : undefined}
                  onChange={(event) => thread.setDraft(event.target.value)}
                />
                {thread.sendError ? (
                  <p id={errorId} role="alert" data-part="error">
                    {t('threadSendFailed', { message: thread.sendError })}
                  </p>
                ) : null}
                <button type="submit" disabled={thread.sending}>
                  {thread.sending ? t('threadSending') : t('threadSend')}
                </button>
              </form>
            )}
          </>
        ) : null}
      </div>
      {/* Only where a draft was kept: its region is there before the thread opens and fills it. */}
      {kept ? (
        <Announcer message={thread.view === 'ready' && restored ? t('commentDraftKept') : ''} />
      ) : null}
    </div>
  );
}
