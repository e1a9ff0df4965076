import {
  createMemoryBackend,
  type MemoryBackend,
  type Outbox,
  ValidationError,
} from '@palaute/engine';
import {
  createBrowserOutbox,
  FeedbackForm,
  PalauteProvider,
  PendingIndicator,
} from '@palaute/react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { npsSurvey } from '../fixtures/surveys';
import { axeViolations } from './axe';
import { named, tabTo } from './keyboard';

/** The browser's network switch, as jsdom lets a test flip it: `navigator.onLine` and its events. */
function network() {
  let online = true;
  vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
  return {
    set(next: boolean) {
      online = next;
      act(() => {
        window.dispatchEvent(new Event(next ? 'online' : 'offline'));
      });
    },
  };
}

/** A memory backend that fails every call while `down()` says so, as an unreachable server would. */
function reachableWhen(down: () => Error | undefined): MemoryBackend {
  return createMemoryBackend({ failWith: () => down() });
}

function App({ backend, outbox }: { backend: MemoryBackend; outbox?: Outbox }) {
  return (
    <PalauteProvider backend={backend} customer={{ id: 'c-1' }} outbox={outbox}>
      <header>
        <PendingIndicator />
      </header>
      <main>
        <FeedbackForm survey={npsSurvey} />
      </main>
    </PalauteProvider>
  );
}

/** Answers 10 (a promoter: one question) by keyboard and sends. */
async function answerByKeyboard(user: ReturnType<typeof userEvent.setup>) {
  await tabTo(user, (element) => element.getAttribute('role') === 'radio');
  await user.keyboard('{End}');
  await tabTo(user, named(/^(Next|Send)$/));
  await user.keyboard('{Enter}');
}

const form = () => document.querySelector('.palaute-FeedbackForm') as HTMLElement;
const note = () => form().querySelector('[data-part="delivery"]') as HTMLElement;
const indicator = () => document.querySelector('[data-part="pending"]') as HTMLElement;

describe('delivery through the outbox', () => {
  let net: ReturnType<typeof network>;
  beforeEach(() => {
    net = network();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('given the network is down › the customer is thanked at once, told honestly that the answer waits, and it is sent once when the network is back', async () => {
    const user = userEvent.setup();
    let offline = true;
    const backend = reachableWhen(() => (offline ? new TypeError('Failed to fetch') : undefined));
    // Retries an hour apart: only the "online" event can bring the answer out within this test.
    const outbox = createBrowserOutbox({ backend, baseDelayMs: 3_600_000 });
    net.set(false);
    render(<App backend={backend} outbox={outbox} />);
    await answerByKeyboard(user);

    await waitFor(() => expect(form()).toHaveAttribute('data-state', 'acknowledging'));
    await waitFor(() =>
      expect(note()).toHaveTextContent(
        "Saved on this device. We'll send it when you're back online.",
      ),
    );
    expect(note()).toHaveAttribute('role', 'status');
    expect(note()).toHaveAttribute('data-state', 'offline');
    expect(indicator()).toHaveTextContent(
      '1 answer saved; it will be sent when you are back online',
    );
    expect(indicator()).toHaveAttribute('data-offline', '');
    expect(backend.responses()).toEqual([]);
    expect(await axeViolations(document.body)).toEqual([]);

    // The network returns: the page's "online" event flushes the outbox at once.
    offline = false;
    net.set(true);
    await waitFor(() => expect(backend.responses()).toHaveLength(1));
    await waitFor(() => expect(note()).toHaveTextContent('Sent.'));
    expect(note()).toHaveAttribute('data-state', 'sent');
    await waitFor(() => expect(indicator()).toBeEmptyDOMElement());
    expect(backend.responses()[0]?.answers).toEqual({ nps: 10 });
  });

  it('given an online browser whose server fails › the note says so and that it keeps trying', async () => {
    const user = userEvent.setup();
    const backend = reachableWhen(() => new Error('HTTP 503'));
    render(<App backend={backend} />);
    await answerByKeyboard(user);
    await waitFor(() =>
      expect(note()).toHaveTextContent(
        "Saved on this device. We couldn't reach our server yet; we'll keep trying.",
      ),
    );
    expect(note()).toHaveAttribute('data-state', 'queued');
    expect(indicator()).toHaveTextContent('1 answer waiting to be sent');
  });

  it.each([
    ['the page is hidden', () => window.dispatchEvent(new Event('pagehide'))],
    [
      'the tab goes to the background',
      () => {
        vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
        document.dispatchEvent(new Event('visibilitychange'));
      },
    ],
  ])('given a waiting answer › when %s › the outbox sends it at once', async (_, hide) => {
    const user = userEvent.setup();
    let down = true;
    const backend = reachableWhen(() => (down ? new Error('HTTP 503') : undefined));
    const outbox = createBrowserOutbox({ backend, baseDelayMs: 3_600_000 });
    render(<App backend={backend} outbox={outbox} />);
    await answerByKeyboard(user);
    await waitFor(() => expect(note()).toHaveAttribute('data-state', 'queued'));
    down = false;
    act(hide);
    await waitFor(() => expect(backend.responses()).toHaveLength(1));
  });

  it('given an answer sent straight away › the note stays silent (nothing to report)', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    render(<App backend={backend} />);
    await answerByKeyboard(user);
    await waitFor(() => expect(backend.responses()).toHaveLength(1));
    await waitFor(() => expect(note()).toHaveAttribute('data-state', 'sent'));
    expect(note()).toBeEmptyDOMElement();
    expect(indicator()).toBeEmptyDOMElement();
  });

  it('given a reload while offline › the next page delivers the stored answer, once', async () => {
    const user = userEvent.setup();
    let offline = true;
    const backend = reachableWhen(() => (offline ? new TypeError('Failed to fetch') : undefined));
    net.set(false);
    const first = render(<App backend={backend} />);
    await answerByKeyboard(user);
    await waitFor(() => expect(note()).toHaveAttribute('data-state', 'offline'));
    first.unmount();

    // A new page over the same storage, online again.
    offline = false;
    net.set(true);
    render(<App backend={backend} />);
    await waitFor(() => expect(backend.responses()).toHaveLength(1));
    await waitFor(() => expect(indicator()).toBeEmptyDOMElement());
    expect(backend.responses()[0]?.answers).toEqual({ nps: 10 });
  });

  it('given a server that refuses the answer for good › the note says it could not be accepted', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend({
      failWith: (operation) =>
        operation === 'submitResponse'
          ? new ValidationError([{ path: 'answers.nps', message: 'is retired' }], 'response')
          : undefined,
    });
    render(<App backend={backend} />);
    await answerByKeyboard(user);
    await waitFor(() =>
      expect(note()).toHaveTextContent('Saved on this device, but our server could not accept it.'),
    );
    expect(note()).toHaveAttribute('data-state', 'rejected');
  });

  it('given outbox={false} › the answer goes straight to the backend and no note waits', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    render(
      <PalauteProvider backend={backend} customer={{ id: 'c-1' }} outbox={false}>
        <FeedbackForm survey={npsSurvey} />
      </PalauteProvider>,
    );
    await answerByKeyboard(user);
    await waitFor(() => expect(form()).toHaveAttribute('data-state', 'acknowledging'));
    expect(backend.responses()).toHaveLength(1);
    expect(localStorage.length).toBe(0);
    expect(within(form()).getAllByRole('status')).toHaveLength(2);
    expect(screen.queryByText(/Saved on this device/)).not.toBeInTheDocument();
  });
});
