import type { CustomerPersona, TeamPersona } from './personas';

/**
 * What the demo server hands the browser when someone signs in: a customer gets their id signed by
 * the server (the secret never leaves it); only the team persona gets a team token.
 */
export type Session =
  | {
      kind: 'customer';
      persona: CustomerPersona;
      /** The signed customer id, sent as `x-palaute-customer`. */
      credential: string;
      publishableKey: string;
      signedUpAt: string;
    }
  | { kind: 'team'; persona: TeamPersona; teamToken: string };

/** Where the demo server mounts the Palaute protocol. */
export const palauteBaseUrl = '/api/palaute';

/** Signs in as `key` (`anna`, `ben`, `team`). */
export async function fetchSession(key: string): Promise<Session> {
  const response = await fetch(`/demo/session?as=${encodeURIComponent(key)}`, {
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`Could not sign in (${response.status})`);
  return (await response.json()) as Session;
}
