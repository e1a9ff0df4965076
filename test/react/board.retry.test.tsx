import { defineBoard, type MemoryBackend } from '@palaute/engine';
import { BoardModeration, FeedbackBoard, PalauteProvider } from '@palaute/react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { oneIdea } from '../fixtures/board';

/**
 * "Try again" goes away with the failure it answers: pressed by keyboard, focus must land where
 * the reader was (the section's heading, or the thread's toggle), never on the document.
 */
/** `port` with `read` failing ("Offline") until `reconnect()`. */
function offline<P extends object, K extends keyof P>(port: P, read: K) {
  const state = { down: true };
  const real = port[read] as (...args: unknown[]) => Promise<unknown>;
  return {
    port: {
      ...port,
      [read]: (...args: unknown[]) =>
        state.down ? Promise.reject(new Error('Offline')) : real.apply(port, args),
    } as P,
    reconnect: () => {
      state.down = false;
    },
  };
}

/** The failure's "Try again", pressed by keyboard once the read works again. */
async function retryByKeyboard(user: ReturnType<typeof userEvent.setup>, reconnect: () => void) {
  const alert = await screen.findByRole('alert');
  reconnect();
  within(alert).getByRole('button', { name: 'Try again' }).focus();
  await user.keyboard('{Enter}');
}

/** The customer's board over `board`, in a page. */
const renderBoard = (backend: MemoryBackend, board: MemoryBackend['board']) =>
  render(
    <PalauteProvider backend={{ ...backend, board }} customer={{ id: 'ben' }} outbox={false}>
      <main>
        <FeedbackBoard />
      </main>
    </PalauteProvider>,
  );

describe('"Try again" on the board, by keyboard', () => {
  it('given the ideas that could not be loaded › focus moves to the board’s heading and the ideas load', async () => {
    const backend = await oneIdea();
    const { port, reconnect } = offline(backend.board, 'listIdeas');
    const user = userEvent.setup();
    renderBoard(backend, port);
    await retryByKeyboard(user, reconnect);
    expect(await screen.findByRole('heading', { name: 'Export invoices to CSV' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Ideas' }));
  });

  it('given an idea’s comments that could not be loaded › focus moves to the thread’s toggle and they load', async () => {
    const backend = await oneIdea();
    const { port, reconnect } = offline(backend.board, 'getIdea');
    const user = userEvent.setup();
    renderBoard(backend, port);
    const toggle = await screen.findByRole('button', {
      name: 'Show comments on “Export invoices to CSV”',
    });
    await user.click(toggle);
    await retryByKeyboard(user, reconnect);
    expect(await screen.findByText('No comments yet.')).toBeTruthy();
    expect(document.activeElement).toBe(toggle);
  });

  it('given the moderation list that could not be loaded › focus moves to its heading and the list loads', async () => {
    const backend = await oneIdea();
    const { port, reconnect } = offline(backend.team.board, 'listIdeas');
    const user = userEvent.setup();
    render(
      <PalauteProvider outbox={false}>
        <main>
          <BoardModeration
            port={port}
            board={defineBoard({ id: 'ideas', moderation: 'publish' })}
            by={{ kind: 'team', id: 'sofia', name: 'Sofia' }}
          />
        </main>
      </PalauteProvider>,
    );
    await retryByKeyboard(user, reconnect);
    expect(await screen.findByRole('button', { name: 'Export invoices to CSV' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Board moderation' }));
  });
});
