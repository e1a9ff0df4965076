import { createHttpBoardTeam, createHttpTeamBackend, DEMAND_NPS_CHOICES } from '@palaute/engine';
import {
  BoardDemand,
  BoardModeration,
  CxDashboard,
  FeedbackInbox,
  PalauteProvider,
} from '@palaute/react';
import { useMemo } from 'react';
import { publicLaskutinBoard } from './board';
import { surveys, touchpoints } from './journey';
import { palauteBaseUrl, type Session } from './session';
import { useHashView } from './useScreen';

type TeamSession = Extract<Session, { kind: 'team' }>;

/** The team's tabs, addressed by the hash (`#board`), so a link opens the same one. */
const TEAM_VIEWS = ['inbox', 'board', 'cx'] as const;

/** Whose demand the team can read: the NPS classes, then Laskutin's two plans. */
const demandChoices = [
  ...DEMAND_NPS_CHOICES,
  { key: 'plan', value: 'pro', label: 'Pro plan' },
  { key: 'plan', value: 'starter', label: 'Starter plan' },
];

/** A UTC calendar day, `YYYY-MM-DD`, `days` before today. */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Laskutin's internal tool: the customer team's inbox and its "CX" page (the dashboard over the last
 * twelve months, compared with the twelve before) over the protocol's team routes, with the team
 * token the session endpoint gave this persona (customers never get one).
 */
export function TeamApp({ session }: { session: TeamSession }) {
  const { persona } = session;
  const { team, board } = useMemo(() => {
    const http = {
      baseUrl: palauteBaseUrl,
      headers: { authorization: `Bearer ${session.teamToken}` },
    };
    return { team: createHttpTeamBackend(http), board: createHttpBoardTeam(http) };
  }, [session]);
  const by = { kind: 'team' as const, id: persona.memberId, name: persona.name };
  const [view, setView] = useHashView(TEAM_VIEWS);
  const query = useMemo(
    () => ({
      period: { from: daysAgo(364), to: daysAgo(0) },
      granularity: 'month' as const,
      compareTo: { from: daysAgo(729), to: daysAgo(365) },
    }),
    [],
  );
  return (
    <PalauteProvider outbox={false} locale="en" persistDrafts>
      <header className="demo-header" data-variant="team">
        <span className="demo-brand">
          Laskutin <span className="demo-brand__tag">Customer team</span>
        </span>
        <span className="demo-user">{persona.name}</span>
      </header>
      <nav className="demo-tabs" aria-label="Customer team">
        {(
          [
            ['inbox', 'Inbox'],
            ['board', 'Ideas board'],
            ['cx', 'CX'],
          ] as const
        ).map(([key, label]) => (
          <button
            key={key}
            type="button"
            aria-current={view === key ? 'page' : undefined}
            onClick={() => setView(key)}
          >
            {label}
          </button>
        ))}
      </nav>
      <main className="demo-main" data-variant="wide">
        {view === 'inbox' ? (
          <>
            <h1>Customer feedback</h1>
            <FeedbackInbox
              theme="auto"
              team={team}
              by={by}
              surveys={surveys}
              touchpoints={touchpoints}
              refreshMs={10_000}
              syncUrl
              ideas={{ board: publicLaskutinBoard, port: board, demand: demandChoices }}
            />
          </>
        ) : view === 'board' ? (
          <>
            <h1>Ideas board</h1>
            <BoardModeration
              theme="auto"
              port={board}
              board={publicLaskutinBoard}
              by={by}
              shipChange={team.shipChange}
              filters={{}}
              // A moderation view is a link for a colleague; prefixed beside the inbox's own names.
              syncUrl={{ prefix: 'mod-' }}
            />
            <BoardDemand theme="auto" port={board} choices={demandChoices} headingLevel={2} />
          </>
        ) : (
          <>
            <h1>How customers experience Laskutin</h1>
            <CxDashboard theme="auto" team={team} query={query} />
          </>
        )}
      </main>
    </PalauteProvider>
  );
}
