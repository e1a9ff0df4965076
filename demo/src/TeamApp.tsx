import { createHttpTeamBackend } from '@palaute/engine';
import { FeedbackInbox, PalauteProvider } from '@palaute/react';
import { useMemo } from 'react';
import { surveys } from './journey';
import { palauteBaseUrl, type Session } from './session';

type TeamSession = Extract<Session, { kind: 'team' }>;

/**
 * Laskutin's internal tool: the customer team's inbox over the protocol's team routes, with the team
 * token the session endpoint gave this persona (customers never get one).
 */
export function TeamApp({ session }: { session: TeamSession }) {
  const { persona } = session;
  const team = useMemo(
    () =>
      createHttpTeamBackend({
        baseUrl: palauteBaseUrl,
        headers: { authorization: `Bearer ${session.teamToken}` },
      }),
    [session],
  );
  return (
    <PalauteProvider outbox={false} locale="en">
      <header className="demo-header" data-variant="team">
        <span className="demo-brand">
          Laskutin <span className="demo-brand__tag">Customer team</span>
        </span>
        <span className="demo-user">{persona.name}</span>
      </header>
      <main className="demo-main" data-variant="wide">
        <h1>Customer feedback</h1>
        <FeedbackInbox
          team={team}
          by={{ kind: 'team', id: persona.memberId, name: persona.name }}
          surveys={surveys}
          refreshMs={10_000}
        />
      </main>
    </PalauteProvider>
  );
}
