import {
  type Actor,
  type BoardTeamPort,
  INBOX_KINDS,
  type InboxIdeaFilters,
  inboxListsOf,
  type PublicBoard,
  type Vote,
  votersBySegment,
} from '@palaute/engine';
import { useEffect, useMemo } from 'react';
import { BoardDemand } from '../board/BoardDemand';
import { ModerationList, ModerationPanel } from '../board/BoardModeration';
import { useBoardTeamMessages } from '../board/board.messages';
import type { BoardDemandOption } from '../board/useBoardDemand';
import { useBoardModeration } from '../board/useBoardModeration';
import { Announcer } from '../shared/Announcer';
import { useIds } from '../shared/ids';
import { useFeedbackInboxContext } from './FeedbackInbox';

// Board items in the team's inbox. The inbox lists two kinds of item: survey feedback (the
// feedback store's items, with their lifecycle moves) and the board's ideas and bug reports. An
// idea is not made into a feedback item: its rows and its pane are the board's own moderation
// parts, driven by the board's team machine, so a status change is the board's `setStatus` (its
// configurable statuses, its allowed next statuses, its history) and the loop metrics read one
// history. The inbox's filters decide which lists show (`inboxListsOf`): the kind filter, and the
// status and search filters mapped onto the board's statuses and search.

/** What the inbox needs to list the board's ideas and bug reports with survey feedback. */
export interface InboxIdeasOptions {
  /** The board's definition (its statuses and their workflow), as the server was configured. */
  board: PublicBoard;
  /** The board's team side. @default the provider backend's team `board`, when it has one */
  port?: BoardTeamPort | undefined;
  /**
   * The voters the "ideas most wanted by …" table offers (see `BoardDemand`), or `false` for no
   * table. @default detractors, passives and promoters
   */
  demand?: readonly BoardDemandOption[] | false | undefined;
}

/**
 * The inbox's kind filter: everything, survey feedback, ideas or bug reports. Reads and sets the
 * inbox's `kind` filter (kept in the URL with the others). Render it inside `InboxFilterForm`'s
 * form, under `FeedbackInboxRoot`.
 *
 * @selector [data-part="filter"][data-filter="kind"]
 */
export function InboxKindFilter() {
  const { inbox } = useFeedbackInboxContext();
  const { t } = useBoardTeamMessages();
  const label = {
    all: t('inboxKindAll'),
    feedback: t('inboxKindFeedback'),
    idea: t('inboxKindIdea'),
    bug: t('inboxKindBug'),
  } as const;
  return (
    <div data-part="filter-field" data-filter="kind">
      <label htmlFor={inbox.getFilterLabelProps('kind').htmlFor}>{t('inboxKind')}</label>
      <select {...inbox.getFilterProps('kind')}>
        {(['all', ...INBOX_KINDS] as const).map((kind) => (
          <option key={kind} value={kind}>
            {label[kind]}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The board's ideas and bug reports in the team's inbox, for its filters: the board's moderation
 * list (title, kind, status as the board names it, votes) and the open idea's pane (the board's
 * status moves, merge, votes on a customer's behalf, the official response), with its voters by
 * segment, and the ideas most wanted by a segment of voters (detractors first; see `BoardDemand`,
 * whose titles open the idea). Shows nothing when the filters leave ideas out (survey feedback
 * only, or a filter only feedback has). Under `FeedbackInboxRoot`.
 *
 * @selector .palaute-InboxIdeas [data-state] the list's state (as `BoardModeration`'s)
 * @example
 * ```tsx
 * <FeedbackInboxRoot inbox={inbox}><InboxList /><InboxIdeas board={board} by={by} /></FeedbackInboxRoot>
 * ```
 */
export function InboxIdeas({ board, port, by, demand }: InboxIdeasOptions & { by: Actor }) {
  const { inbox } = useFeedbackInboxContext();
  const { ideas } = inboxListsOf(inbox.filters, board.statuses);
  if (!ideas) return null;
  return <IdeasSection board={board} port={port} by={by} filters={ideas} demand={demand} />;
}

function IdeasSection({
  board,
  port,
  by,
  filters,
  demand,
}: InboxIdeasOptions & { by: Actor; filters: InboxIdeaFilters }) {
  const { headingLevel } = useFeedbackInboxContext();
  const { t } = useBoardTeamMessages();
  const level = headingLevel === 'h2' ? 3 : 4;
  const Heading = `h${level}` as 'h3';
  const titleId = useIds().part('title');
  const wanted = { approval: undefined, kind: undefined, status: undefined, search: undefined };
  const moderation = useBoardModeration({ port, board, by, filters: { ...wanted, ...filters } });
  const key = JSON.stringify(filters);
  // The inbox's filters changed: the board list follows (one query, the same machine).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `filters`
  useEffect(() => {
    moderation.setFilters({ ...wanted, ...filters });
  }, [key]);
  return (
    <section
      className="palaute-InboxIdeas"
      aria-labelledby={titleId}
      data-state={moderation.listState}
      data-busy={moderation.actionState === 'working' ? '' : undefined}
    >
      <Heading id={titleId}>{t('inboxIdeas')}</Heading>
      <p data-part="hint">{t('inboxIdeasHint')}</p>
      <div data-part="layout">
        <ModerationList moderation={moderation} />
        <div data-part="idea-pane">
          <ModerationPanel moderation={moderation} headingLevel={level + 1} />
          {moderation.detail && moderation.detailState === 'open' ? (
            <VoterSegments votes={moderation.detail.votes} headingLevel={level + 1} />
          ) : null}
        </div>
      </div>
      {demand === false ? null : (
        <BoardDemand
          port={port}
          headingLevel={(level + 1) as 4}
          kind={filters.kind}
          {...(demand ? { choices: demand } : {})}
          refreshKey={moderation.done}
          onOpen={moderation.select}
        />
      )}
      {moderation.failed ? (
        <p role="alert" data-part="error">
          {t('modFailed', { message: moderation.failed.message })}
        </p>
      ) : null}
      <Announcer message={moderation.failed ? '' : moderation.announcement} />
    </section>
  );
}

const SEGMENT_KEYS = ['npsClass', 'plan'] as const;

/** Props of {@link VoterSegments}. */
export interface VoterSegmentsProps {
  /** The idea's votes, each with the segment it froze at vote time. */
  votes: readonly Vote[];
  /** The segment keys to break down, in order. @default ['npsClass', 'plan'] */
  keys?: readonly string[] | undefined;
  /** The heading level of its caption's section. @default 4 */
  headingLevel?: number | undefined;
}

/**
 * An idea's voters by segment, as they were when they voted (which NPS class, which plan): a
 * table of each key's values with how many voters had it, the most first, each customer once.
 * "Ideas most wanted by detractors" reads here, idea by idea.
 *
 * @selector .palaute-VoterSegments [data-part="row"][data-key][data-value]
 */
export function VoterSegments({
  votes,
  keys = SEGMENT_KEYS,
  headingLevel = 4,
}: VoterSegmentsProps) {
  const { t } = useBoardTeamMessages();
  const titleId = useIds().part('title');
  const Heading = `h${Math.min(headingLevel, 6)}` as 'h4';
  const segments = useMemo(() => votersBySegment(votes, keys), [votes, keys]);
  return (
    <section className="palaute-VoterSegments" aria-labelledby={titleId}>
      <Heading id={titleId}>{t('voters')}</Heading>
      {votes.length === 0 ? (
        <p data-part="empty">{t('votersNone')}</p>
      ) : (
        <table aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">{t('votersSegment')}</th>
              <th scope="col">{t('votersValue')}</th>
              <th scope="col">{t('votersCount')}</th>
            </tr>
          </thead>
          <tbody>
            {segments.flatMap(({ key, values }) =>
              values.map(({ value, count }) => (
                <tr key={`${key}\u0000${value}`} data-part="row" data-key={key} data-value={value}>
                  <th scope="row">{key}</th>
                  <td>{value === '(none)' ? t('votersNotGiven') : value}</td>
                  <td>{count}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
