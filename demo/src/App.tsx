import { useEffect, useState } from 'react';
import { CustomerApp } from './CustomerApp';
import { findPersona, personas } from './personas';
import { fetchSession, type Session } from './session';
import { TeamApp } from './TeamApp';

/** The `?as=` persona of the address, or Anna. */
function personaFromLocation(): string {
  const key = new URLSearchParams(window.location.search).get('as');
  return findPersona(key)?.key ?? 'anna';
}

/**
 * The demo shell: a bar to switch between two customers and the team, so the whole dialogue can be
 * watched on one machine, and below it Laskutin as the chosen persona sees it. Each persona signs in
 * through the demo server's session endpoint.
 */
export function App() {
  const [key, setKey] = useState(personaFromLocation);
  const [session, setSession] = useState<Session | { kind: 'error'; message: string } | null>(null);

  useEffect(() => {
    let current = true;
    setSession(null);
    fetchSession(key).then(
      (next) => current && setSession(next),
      (error: unknown) => current && setSession({ kind: 'error', message: String(error) }),
    );
    return () => {
      current = false;
    };
  }, [key]);

  useEffect(() => {
    const onPop = () => setKey(personaFromLocation());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const switchTo = (next: string) => {
    if (next === key) return;
    const url = new URL(window.location.href);
    url.searchParams.set('as', next);
    url.hash = '';
    window.history.pushState(null, '', url);
    setKey(next);
  };

  return (
    <>
      <aside className="demo-switch" aria-label="Demo personas">
        <p className="demo-switch__intro">
          <strong>Palaute demo.</strong> View Laskutin as:
        </p>
        <ul className="demo-switch__list">
          {personas.map((persona) => (
            <li key={persona.key}>
              <button
                type="button"
                className="demo-switch__persona"
                aria-pressed={persona.key === key}
                onClick={() => switchTo(persona.key)}
              >
                {persona.name}
                <span className="demo-switch__role">
                  {persona.kind === 'team' ? 'Customer team' : `Customer, ${persona.company}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      {session === null ? (
        <main className="demo-loading" aria-busy="true">
          <p>Signing in…</p>
        </main>
      ) : session.kind === 'error' ? (
        <main className="demo-loading">
          <h1>Could not sign in</h1>
          <p role="alert">{session.message}</p>
        </main>
      ) : session.kind === 'team' ? (
        <TeamApp key={session.persona.key} session={session} />
      ) : (
        <CustomerApp key={session.persona.key} session={session} />
      )}
    </>
  );
}
