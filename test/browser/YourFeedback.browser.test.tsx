import type { MemoryBackend } from '@palaute/engine';
import { PalauteProvider, YourFeedback } from '@palaute/react';
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { type Clock, createLoop, customerId, seedCustomer } from '../fixtures/feedback';

/** The customer's panel on a seeded memory backend, inside `around` (a scroller, a disclosure…). */
async function show(around: (panel: ReactNode) => ReactNode) {
  const { backend, clock } = createLoop();
  await seedCustomer(backend, clock, 'shipped');
  const mark = vi.spyOn(backend, 'markImpactSeen');
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  root.render(around(<Panel backend={backend} clock={clock} />));
  const impact = await vi.waitFor(() => {
    const element = host.querySelector<HTMLElement>('[data-part="impact"]');
    if (!element) throw new Error('The impact notice is not shown yet.');
    return element;
  });
  mounted.push({ root, host });
  return { backend, mark, impact, host };
}

function Panel({ backend, clock }: { backend: MemoryBackend; clock: Clock }) {
  return (
    <PalauteProvider backend={backend} customer={{ id: customerId }} outbox={false}>
      <YourFeedback now={clock.now} timeZone="UTC" refreshMs={0} />
    </PalauteProvider>
  );
}

/** A scrolling container the height of most of the viewport, its content `before` pixels down. */
const scroller = (before: number) => (panel: ReactNode) => (
  <div data-testid="scroller" style={{ height: '80vh', overflow: 'auto' }}>
    <div style={{ height: before }} />
    {panel}
  </div>
);

/** Long enough for the browser to have rendered and reported intersections twice over. */
const settle = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100))),
  );

const unseen = async (backend: MemoryBackend) => (await backend.listImpact({ customerId })).length;

const mounted: { root: Root; host: HTMLElement }[] = [];

describe('YourFeedback records an impact notice seen when the customer can see it, in Chromium', () => {
  afterEach(() => {
    for (const { root, host } of mounted.splice(0)) {
      root.unmount();
      host.remove();
    }
    vi.restoreAllMocks();
  });

  it('given the notice in view at once › records it seen, once', async () => {
    const { backend, mark, impact } = await show(scroller(0));
    await vi.waitFor(() => expect(mark).toHaveBeenCalledTimes(1));
    expect(mark).toHaveBeenCalledWith(expect.objectContaining({ customerId }));
    expect(await unseen(backend)).toBe(0);
    // Seen here, it stays "New" for this visit.
    expect(impact.getAttribute('data-state')).toBe('new');
    await settle();
    expect(mark).toHaveBeenCalledTimes(1);
  });

  it('given the notice below the fold of a scrolling container › records nothing until it is scrolled into view, then once, and stops watching it', async () => {
    const unobserve = vi.spyOn(IntersectionObserver.prototype, 'unobserve');
    const disconnect = vi.spyOn(IntersectionObserver.prototype, 'disconnect');
    const { backend, mark, impact, host } = await show(scroller(3000));
    const box = host.querySelector('[data-testid="scroller"]') as HTMLElement;
    await settle();
    expect(impact.getBoundingClientRect().top).toBeGreaterThan(box.getBoundingClientRect().bottom);
    expect(mark).not.toHaveBeenCalled();
    expect(await unseen(backend)).toBe(1);
    expect(impact.getAttribute('data-state')).toBe('new');

    // A glimpse of its top edge is not seeing it.
    box.scrollTop += impact.getBoundingClientRect().top - box.getBoundingClientRect().bottom + 4;
    await settle();
    expect(mark).not.toHaveBeenCalled();

    impact.scrollIntoView({ block: 'center' });
    await vi.waitFor(() => expect(mark).toHaveBeenCalledTimes(1));
    expect(await unseen(backend)).toBe(0);
    expect(unobserve).toHaveBeenCalledWith(impact);
    expect(impact.getAttribute('data-state')).toBe('new');

    // Away and back again: still once.
    box.scrollTop = 0;
    await settle();
    impact.scrollIntoView({ block: 'center' });
    await settle();
    expect(mark).toHaveBeenCalledTimes(1);

    const { root } = mounted.pop() as { root: Root; host: HTMLElement };
    root.unmount();
    host.remove();
    expect(disconnect).toHaveBeenCalled();
  });

  it('given the panel in a closed disclosure › records nothing until it is opened', async () => {
    const { backend, mark, host } = await show((panel) => (
      <details>
        <summary>Your feedback</summary>
        {panel}
      </details>
    ));
    await settle();
    expect(mark).not.toHaveBeenCalled();
    (host.querySelector('details') as HTMLDetailsElement).open = true;
    await vi.waitFor(() => expect(mark).toHaveBeenCalledTimes(1));
    expect(await unseen(backend)).toBe(0);
  });

  it('given the page in a background tab › records nothing until the page is visible', async () => {
    let visibility: DocumentVisibilityState = 'hidden';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    const { backend, mark } = await show(scroller(0));
    await settle();
    expect(mark).not.toHaveBeenCalled();
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(mark).toHaveBeenCalledTimes(1));
    expect(await unseen(backend)).toBe(0);
  });
});
