import type { KeyValueStorage } from '@palaute/engine';

/** An actor that can be watched: each of the engine's feature actors. */
interface Watched<Snapshot, Send> {
  getSnapshot(): Snapshot;
  send: Send;
  subscribe(listener: () => void): { unsubscribe(): void };
}

/**
 * Resolves once `ready` holds for the actor's view-model (`connect(snapshot, send)`, checked now and
 * at every change), and fails after two seconds with `message`.
 */
export function until<Snapshot, Send, Api>(
  actor: Watched<Snapshot, Send>,
  connect: (snapshot: Snapshot, send: Send) => Api,
  ready: (api: Api) => boolean,
  message = 'It did not get there.',
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), 2000);
    let subscription: { unsubscribe(): void } | undefined;
    let done = false;
    const check = () => {
      if (done || !ready(connect(actor.getSnapshot(), actor.send))) return;
      done = true;
      clearTimeout(timer);
      subscription?.unsubscribe();
      resolve();
    };
    subscription = actor.subscribe(check);
    check();
  });
}

/** A `sessionStorage` of the test's own, which a test can make fail. */
export class MemoryStorage implements KeyValueStorage {
  items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

/** The time every draft in these tests was written. */
export const AT = '2026-12-03T08:00:00.000Z';
