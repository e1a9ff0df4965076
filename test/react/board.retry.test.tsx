import { defineBoard } from '@palaute/engine';
import { BoardModeration, FeedbackBoard, PalauteProvider } from '@palaute/react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { oneIdea } from '../fixtures/board';

/**
 * "Try again" goes away with the failure it answers: pressed by keyboard, focus must land where
 * the reader was (the section's heading, or the thread's toggle), never on the document.
 */
describe('"Try again" on the board, by keyboard', () => {
  it('given the ideas that could not be loaded › focus moves to the board’s heading and the ideas load', async () => {
    const backend = await oneIdea();
    let down = true;
    const board = {
      ...backend.board,
      listIdeas: (...args: Parameters<typeof backend.board.listIdeas>) =>
        down ? Promise.reject(new Error('Offline')) : backend.board.listIdeas(...args),
    };
    const user = userEvent.setup();
    render(
      <PalauteProvider backend={{ ...backend, board }} customer={{ id: 'ben' }} outbox={false}>
        <main>
          <FeedbackBoard />
        </main>
      </PalauteProvider>,
    );
    const alert = await screen.findByRole('alert');
    down = false;
    within(alert).getByRole('button', { name: 'Try again' }).focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Export invoices to CSV' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Ideas' }));
  });

  it('given an idea’s comments that could not be loaded › focus moves to the thread’s toggle and they load', async () => {
    const backend = await oneIdea();
    let down = true;
    const board = {
      ...backend.board,
      getIdea: (...args: Parameters<typeof backend.board.getIdea>) =>
        down ? Promise.reject(new Error('Offline')) : backend.board.getIdea(...args),
    };
    const user = userEvent.setup();
    render(
      <PalauteProvider backend={{ ...backend, board }} customer={{ id: 'ben' }} outbox={false}>
        <main>
          <FeedbackBoard />
        </main>
      </PalauteProvider>,
    );
    const toggle = await screen.findByRole('button', {
      name: 'Show comments on “Export invoices to CSV”',
    });
    await user.click(toggle);
    const alert = await screen.findByRole('alert');
    down = false;
    within(alert).getByRole('button', { name: 'Try again' }).focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('No comments yet.')).toBeTruthy();
    expect(document.activeElement).toBe(toggle);
  });

  it('given the moderation list that could not be loaded › focus moves to its heading and the list loads', async () => {
    const backend = await oneIdea();
    let down = true;
    const port = {
      ...backend.team.board,
      listIdeas: (...args: Parameters<typeof backend.team.board.listIdeas>) =>
        down ? Promise.reject(new Error('Offline')) : backend.team.board.listIdeas(...args),
    };
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
    const alert = await screen.findByRole('alert');
    down = false;
    within(alert).getByRole('button', { name: 'Try again' }).focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('button', { name: 'Export invoices to CSV' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Board moderation' }));
  });
});
