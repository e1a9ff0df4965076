import type {
  BackendPort,
  Outbox,
  OutboxLock,
  OutboxOptions,
  OutboxStatus,
  OutboxStorage,
} from '@palaute/engine';

/** Options of {@link createBrowserOutbox}: the engine's outbox options, with browser defaults. */
export interface BrowserOutboxOptions extends Partial<Omit<OutboxOptions, 'backend'>> {
  /** Where records are delivered. */
  backend: BackendPort;
  /**
   * Names the IndexedDB database, the `localStorage` key and the Web Lock. Give each backend of one
   * origin its own name, so their records never mix. @default 'palaute-outbox'
   */
  name?: string;
}

// The outbox's code, from the entry that also holds the protocol's schemas (the HTTP client loads it
// with its first request): imported as `@palaute/engine/outbox`, a host's bundler made two lazy
// files and a shared chunk of the one file.
type OutboxModule = typeof import('@palaute/engine/protocol-schemas');

/**
 * Creates the outbox a browser page should use: records in IndexedDB (shared by the origin's tabs),
 * falling back to `localStorage` where IndexedDB cannot open (some private modes), then to memory
 * (SSR, blocked storage); deliveries under a Web Lock, so one tab sends at a time and no record is
 * ever in flight twice. Creating it has no side effects, and its code (`@palaute/engine/outbox`,
 * taken from `@palaute/engine/protocol-schemas`, which holds it) loads on its first use (`start()`,
 * the first write), not before the page's surveys can show; until then it reports itself idle and
 * empty. `PalauteProvider` starts it and flushes it when the browser comes back online or the page
 * is hidden ({@link watchPage}).
 *
 * @example
 * ```tsx
 * const outbox = createBrowserOutbox({ backend: createHttpBackend({ baseUrl: '/palaute' }) });
 * <PalauteProvider backend={backend} outbox={outbox} customer={{ id: user.id }} />
 * ```
 */
export function createBrowserOutbox(options: BrowserOutboxOptions): Outbox {
  const { name = 'palaute-outbox', ...rest } = options;
  const lock = options.lock ?? webLock(name);
  return lazyOutbox(async () => {
    const engine: OutboxModule = await import('@palaute/engine/protocol-schemas');
    return engine.createOutbox({
      ...rest,
      storage: options.storage ?? (await browserStorage(engine, name)),
      ...(lock ? { lock } : {}),
    });
  });
}

const idle: OutboxStatus = { state: 'idle', pending: 0, answers: 0, rejected: 0, lastError: null };

/**
 * An outbox whose implementation loads on first use. Before it has loaded it holds nothing: idle,
 * no records, and listeners wait for it. A `stop()` before the load finished wins over the
 * `start()` that began it.
 */
function lazyOutbox(load: () => Promise<Outbox>): Outbox {
  let loaded: Outbox | undefined;
  let loading: Promise<Outbox> | undefined;
  const waiting = new Map<Parameters<Outbox['subscribe']>[0], (() => void) | undefined>();
  /** Counts `start()` and `stop()` calls: only the latest `start()` starts the loaded outbox. */
  let generation = 0;
  let running = false;
  const get = (): Promise<Outbox> => {
    loading ??= load().then((outbox) => {
      loaded = outbox;
      for (const listener of waiting.keys()) {
        waiting.set(listener, outbox.subscribe(listener));
        listener(outbox.status());
      }
      return outbox;
    });
    return loading;
  };
  return {
    async start() {
      const own = ++generation;
      running = true;
      const outbox = await get();
      if (own === generation && running) await outbox.start();
    },
    async enqueue(kind, payload) {
      return (await get()).enqueue(kind, payload);
    },
    async flush(flushOptions) {
      await (await get()).flush(flushOptions);
    },
    async refresh() {
      await (await get()).refresh();
    },
    status: () => loaded?.status() ?? idle,
    recordStatus: (key) => loaded?.recordStatus(key),
    list: (kind) => loaded?.list(kind) ?? [],
    subscribe(listener) {
      if (loaded) return loaded.subscribe(listener);
      waiting.set(listener, undefined);
      return () => {
        waiting.get(listener)?.();
        waiting.delete(listener);
      };
    },
    stop() {
      generation++;
      running = false;
      loaded?.stop();
    },
  };
}

/** Web Locks, where the browser has them (every current browser, in secure contexts). */
function webLock(name: string): OutboxLock | undefined {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return undefined;
  return (work) => locks.request(name, () => work());
}

/**
 * IndexedDB first; if it cannot open, `localStorage`; if that is blocked too, memory. Chosen when the
 * outbox's code loads (its first use), so creating the outbox touches no storage; the outbox gets the
 * chosen storage itself, write count (`version()`) included.
 */
async function browserStorage(engine: OutboxModule, name: string): Promise<OutboxStorage> {
  try {
    if (typeof indexedDB !== 'undefined') {
      const storage = engine.createIndexedDbOutboxStorage(indexedDB, name);
      // Opens the database (reading one row, not every record).
      await storage.version?.();
      return storage;
    }
  } catch {
    // Cannot open (private mode, disabled, quota): fall through.
  }
  try {
    if (typeof localStorage !== 'undefined') {
      localStorage.getItem(name);
      return engine.createWebStorageOutboxStorage(localStorage, name);
    }
  } catch {
    // Access denied (blocked cookies, sandboxed iframe): fall through.
  }
  return engine.createMemoryOutboxStorage();
}

/**
 * Flushes the outbox when it may help: when the browser comes back online, and when the page is
 * hidden or closed (`visibilitychange` to hidden, `pagehide`), making every waiting record due at
 * once. With `createHttpBackend` those requests use `keepalive`, so they finish after the page is
 * gone; whatever does not is still stored and goes on the next visit. Tabs tell each other (a
 * `BroadcastChannel` under `name`) when they delivered something, so each tab's status stays true.
 * Returns the cleanup.
 */
export function watchPage(outbox: Outbox, name = 'palaute-outbox'): () => void {
  if (typeof window === 'undefined') return () => {};
  // Tabs tell each other when they delivered something, so every tab's pending count stays true.
  const channel =
    typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(`${name}:changes`);
  const onMessage = () => {
    void outbox.refresh();
  };
  channel?.addEventListener('message', onMessage);
  const unsubscribe = outbox.subscribe((_, event) => {
    if (event?.type === 'delivered' || event?.type === 'rejected') channel?.postMessage('changed');
  });
  const flush = () => {
    void outbox.flush({ retryNow: true });
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('online', flush);
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    unsubscribe();
    channel?.removeEventListener('message', onMessage);
    channel?.close();
    window.removeEventListener('online', flush);
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
