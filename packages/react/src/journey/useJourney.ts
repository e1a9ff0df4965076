import type { Offer, Palaute } from '@palaute/engine';
import { useEffect, useSyncExternalStore } from 'react';
import { usePalaute } from '../provider/PalauteProvider';

const noSubscription = () => () => {};

/** The provider's Palaute client, or `undefined` without one. */
export function usePalauteClient(): Palaute | undefined {
  return usePalaute().client;
}

/**
 * The survey offered to the customer now (or `null`), live. For hosts that present offers in their
 * own UI; `OfferedFeedback` and `FeedbackLauncher` are built on it. `null` on the server.
 */
export function useOffer(): Offer | null {
  const client = usePalauteClient();
  return useSyncExternalStore(
    client ? client.subscribe : noSubscription,
    () => client?.offer() ?? null,
    () => null,
  );
}

/**
 * Declares that the customer is at a touchpoint while this component is shown (a page, a panel):
 * the client may offer the survey that belongs there. Runs in the browser only, once per id.
 *
 * @example
 * ```tsx
 * function Dashboard() {
 *   useTouchpoint('dashboard');
 *   return <main>…</main>;
 * }
 * ```
 */
export function useTouchpoint(touchpointId: string): void {
  const client = usePalauteClient();
  useEffect(() => {
    client?.touchpoint(touchpointId);
  }, [client, touchpointId]);
}

/** Tells the client about a page view whenever `url` changes (pass your router's location). */
export function usePageView(url: string): void {
  const client = usePalauteClient();
  useEffect(() => {
    client?.page(url);
  }, [client, url]);
}
