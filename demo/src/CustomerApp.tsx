import { createHttpBackend, createHttpBoard, createPalaute } from '@palaute/engine';
import {
  createBrowserOutbox,
  ExplainPanel,
  FeedbackLauncher,
  OfferedFeedback,
  PalauteProvider,
  PendingIndicator,
  useUnseenReplies,
} from '@palaute/react';
import { useEffect, useMemo, useState } from 'react';
import { asks, policy, surveys, touchpoints } from './journey';
import type { Persona } from './personas';
import { Dashboard } from './screens/Dashboard';
import { Ideas } from './screens/Ideas';
import { Invoices } from './screens/Invoices';
import { Support } from './screens/Support';
import { YourFeedbackScreen } from './screens/YourFeedbackScreen';
import { palauteBaseUrl, type Session } from './session';
import { type Screen, useScreen } from './useScreen';

type CustomerSession = Extract<Session, { kind: 'customer' }>;

const screens: { id: Screen; label: string }[] = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'invoices', label: 'Invoices' },
  { id: 'support', label: 'Support' },
  { id: 'ideas', label: 'Ideas' },
  { id: 'feedback', label: 'Your feedback' },
];

/**
 * Laskutin as a signed-in customer sees it. Palaute is wired the way a host wires it: the protocol
 * client carries the customer's signed id, the journey client decides what to ask where, and every
 * answer goes through a durable outbox of this customer's own.
 */
export function CustomerApp({ session }: { session: CustomerSession }) {
  const { persona } = session;
  const { client, outbox } = useMemo(() => {
    const http = {
      baseUrl: palauteBaseUrl,
      headers: {
        'x-palaute-key': session.publishableKey,
        'x-palaute-customer': session.credential,
      },
    };
    // The public board rides on the same credential: the server knows who votes.
    const backend = { ...createHttpBackend(http), board: createHttpBoard(http) };
    const client = createPalaute({
      backend,
      customer: {
        id: persona.customerId,
        attributes: { plan: persona.plan, signedUpAt: session.signedUpAt },
      },
      surveys,
      touchpoints,
      asks,
      policy,
      cache: window.localStorage,
    });
    // One outbox per customer: records written as Anna are never delivered with Ben's credential.
    const outbox = createBrowserOutbox({ backend, name: `laskutin-palaute-${persona.customerId}` });
    return { client, outbox };
  }, [session, persona]);
  const [screen, go] = useScreen();
  // Screens declare touchpoints as they mount; they wait until the client has loaded the contact
  // history and the pending impact notices, so the first touchpoint already counts them. (On
  // failure, e.g. offline, the client decides from this device's cache.)
  const [started, setStarted] = useState(false);
  useEffect(() => {
    let current = true;
    const done = () => current && setStarted(true);
    client.start().then(done, done);
    return () => {
      current = false;
    };
  }, [client]);

  return (
    <PalauteProvider client={client} outbox={outbox} locale="en" persistDrafts>
      <CustomerHeader persona={persona} screen={screen} go={go} />
      <main className="demo-main" aria-busy={started ? undefined : true}>
        {!started ? (
          <p className="demo-note">Loading…</p>
        ) : screen === 'dashboard' ? (
          <Dashboard customer={persona} />
        ) : screen === 'invoices' ? (
          <Invoices customer={persona} />
        ) : screen === 'support' ? (
          <Support customer={persona} />
        ) : screen === 'ideas' ? (
          <Ideas />
        ) : (
          <YourFeedbackScreen />
        )}
      </main>
      {/* A developer's drawer: why each survey was or was not offered to this customer now. */}
      <details className="demo-debug">
        <summary>Developer: why a survey was or was not offered</summary>
        {/* It scrolls when long: focusable, so a keyboard can scroll it (and named for that stop). */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus */}
        <section className="demo-debug__body" tabIndex={0} aria-label="Why surveys show">
          <ExplainPanel />
        </section>
      </details>
      {/* A team reply offered at a touchpoint: "Read and answer" opens its thread. */}
      <OfferedFeedback present="dialog" theme="auto" onReadReply={() => go('feedback')} />
    </PalauteProvider>
  );
}

/**
 * Laskutin's header: its navigation, the Feedback launcher and who is signed in. The team's unread
 * replies show twice, as a host would show them: on the launcher's badge and beside "Your feedback".
 */
function CustomerHeader({
  persona,
  screen,
  go,
}: {
  persona: Extract<Persona, { kind: 'customer' }>;
  screen: Screen;
  go: (screen: Screen) => void;
}) {
  // Looked for every 15 seconds and when the window regains focus.
  const unseen = useUnseenReplies({ refreshMs: 15_000 });
  return (
    <header className="demo-header">
      <span className="demo-brand">Laskutin</span>
      <nav aria-label="Laskutin">
        <ul className="demo-nav">
          {screens.map((item) => (
            <li key={item.id}>
              <a
                href={`#${item.id}`}
                aria-current={screen === item.id ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  go(item.id);
                }}
              >
                {item.label}
                {item.id === 'feedback' && unseen > 0 ? (
                  <span className="demo-nav__badge">{` ${unseen} new`}</span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="demo-header__end">
        <PendingIndicator />
        {/* Ben and Anna say what it is about; an idea or a problem may go on the board. */}
        <FeedbackLauncher kinds theme="auto" displayName={persona.name} unseenReplies={unseen} />
        <span className="demo-user">
          {persona.name}
          <span className="demo-user__company">{persona.company}</span>
        </span>
      </div>
    </header>
  );
}
