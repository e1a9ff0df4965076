import { Announcer, VisuallyHidden } from '../shared/Announcer';
import { useBoardTeamMessages } from './board.messages';
import { RetryButton } from './PageStatus';
import {
  type UseBoardDemandOptions,
  type UseBoardDemandResult,
  useBoardDemand,
} from './useBoardDemand';

/** Props of {@link BoardDemand}. */
export interface BoardDemandProps extends UseBoardDemandOptions {
  /** Replaces the default class (`palaute-BoardDemand`), opting out of the optional stylesheet. */
  className?: string;
  /** The heading level of the title. @default 2 */
  headingLevel?: 2 | 3 | 4 | 5;
  /** The optional stylesheet's palette: `dark`, or `auto` to follow the system. @default 'light' */
  theme?: 'light' | 'dark' | 'auto' | undefined;
  /**
   * Opens an idea (the inbox's idea pane, the moderation panel): each row gets an "Open" button
   * named with the idea's title. Without it, no buttons.
   */
  onOpen?: ((ideaId: string) => void) | undefined;
}

/**
 * "Ideas most wanted by detractors": the team's table of the ideas a segment of voters wants most
 * (detractors, passives or promoters by default; any plan or other segment the host offers), each
 * with that segment's voters, all its voters and the segment's share of them, as the segments
 * were frozen at vote time. The segment is a labelled select; the count is announced politely.
 * Built from the exported parts.
 *
 * @selector [data-state] `loading`, `ready` or `failed`
 * @selector [data-part="demand-row"][data-id][data-kind] one idea's row; [data-part="demand-open"] its "Open" button
 * @example
 * ```tsx
 * <BoardDemand port={team.board} choices={[...DEMAND_NPS_CHOICES, { key: 'plan', value: 'enterprise', label: 'Enterprise' }]} />
 * ```
 */
export function BoardDemand({
  className,
  headingLevel = 2,
  theme,
  onOpen,
  ...options
}: BoardDemandProps) {
  const demand = useBoardDemand(options);
  const { t } = useBoardTeamMessages();
  const Heading = `h${headingLevel}` as 'h2';
  return (
    <section
      className={className ?? 'palaute-BoardDemand'}
      aria-labelledby={demand.ids.title}
      data-state={demand.state}
      data-theme={theme}
    >
      <Heading id={demand.ids.title}>{demand.title}</Heading>
      <DemandChoice demand={demand} />
      <p data-part="hint">{t('demandHint')}</p>
      <DemandTable demand={demand} onOpen={onOpen} />
      <Announcer message={demand.announcement} />
    </section>
  );
}

/** The segment whose demand is shown: a labelled select of the choices. */
export function DemandChoice({ demand }: { demand: UseBoardDemandResult }) {
  const { t } = useBoardTeamMessages();
  return (
    <div data-part="choice">
      <label htmlFor={demand.ids.choice}>{t('demandChoice')}</label>
      <select
        id={demand.ids.choice}
        value={demand.selected}
        onChange={(event) => {
          const option = demand.options.find((one) => one.value === event.target.value);
          if (option) demand.choose(option.choice);
        }}
      >
        {demand.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The ranked ideas as a table named by the title: the idea, the segment's voters, all voters and
 * the share (and, with `onOpen`, an "Open" button per idea); or the loading, empty or failed state.
 */
export function DemandTable({
  demand,
  onOpen,
}: {
  demand: UseBoardDemandResult;
  onOpen?: ((ideaId: string) => void) | undefined;
}) {
  const { t } = useBoardTeamMessages();
  if (demand.state === 'failed')
    return (
      <div role="alert" data-part="error">
        <p>{t('demandFailed', { message: demand.error ?? '' })}</p>
        <RetryButton onRetry={demand.retry} />
      </div>
    );
  if (!demand.loaded)
    return (
      <p role="status" data-part="loading">
        {t('demandLoading')}
      </p>
    );
  if (demand.rows.length === 0 && demand.state === 'ready')
    return <p data-part="empty">{t('demandEmpty')}</p>;
  return (
    <table aria-labelledby={demand.ids.title} aria-busy={demand.state === 'loading' || undefined}>
      <thead>
        <tr>
          <th scope="col">{t('demandIdea')}</th>
          <th scope="col">{demand.label}</th>
          <th scope="col">{t('demandVotes')}</th>
          <th scope="col">{t('demandShare')}</th>
          {onOpen ? <th scope="col">{t('demandDetails')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {demand.rows.map((row) => (
          <tr
            key={row.idea.id}
            data-part="demand-row"
            data-id={row.idea.id}
            data-kind={row.idea.kind}
          >
            <th scope="row">
              {row.idea.title}
              {row.idea.kind === 'bug' ? <span data-part="kind"> ({t('demandBug')})</span> : null}
            </th>
            {/* Each number's column name, shown before it where the rows are stacked (a narrow box). */}
            <td data-label={demand.label}>{row.wanted}</td>
            <td data-label={t('demandVotes')}>{row.votes}</td>
            <td data-label={t('demandShare')}>{demand.formatShare(row.share)}</td>
            {onOpen ? (
              <td>
                <button type="button" data-part="demand-open" onClick={() => onOpen(row.idea.id)}>
                  {t('demandOpen')}
                  <VisuallyHidden>{`: ${row.idea.title}`}</VisuallyHidden>
                </button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
