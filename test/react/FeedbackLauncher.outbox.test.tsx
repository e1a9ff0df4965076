import { type BackendPort, createMemoryBackend } from '@palaute/engine';
import { createMemoryOutboxStorage, createOutbox } from '@palaute/engine/outbox';
import { FeedbackLauncher, PalauteProvider } from '@palaute/react';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axeViolations } from './axe';

// The launcher's board post through the durable outbox: the form says it is queued while it is,
// and says so again when it arrives.

describe('the launcher’s form with an outbox', () => {
  it('given no network › when an idea is made public › it is said to wait, then announced once it is on the board, posted once', async () => {
    const memory = createMemoryBackend();
    let online = false;
    const gate = <T,>(work: () => Promise<T>) =>
      online ? work() : Promise.reject(new Error('offline'));
    const backend: BackendPort = {
      ...memory,
      submitResponse: (response) => gate(() => memory.submitResponse(response)),
      deliver: (items) =>
        gate(() => (memory.deliver as NonNullable<BackendPort['deliver']>)(items)),
      board: {
        ...memory.board,
        suggestIdea: (input, by) => gate(() => memory.board.suggestIdea(input, by)),
      },
    };
    const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
    const user = userEvent.setup();
    render(
      <PalauteProvider backend={backend} customer={{ id: 'anna' }} outbox={outbox}>
        <FeedbackLauncher kinds displayName="Anna Virtanen" />
      </PalauteProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Feedback' }));
    const dialog = await screen.findByRole('dialog');
    within(dialog).getByRole('radio', { name: 'An idea' }).focus();
    await user.keyboard(' ');
    await user.click(within(dialog).getByRole('textbox', { name: 'Tell us more' }));
    await user.keyboard('Export invoices to Excel');
    await user.click(
      within(dialog).getByRole('checkbox', {
        name: 'Post it on the public board, so others can vote for it',
      }),
    );
    await user.type(within(dialog).getByRole('textbox', { name: 'Title on the board' }), 'Excel');
    await user.keyboard('{Enter}');
    const queued = await within(dialog).findByText(
      'Thank you for your feedback. “Excel” is saved and goes to the board as soon as it can be sent.',
    );
    expect(queued).toHaveFocus();
    expect(memory.boardIdeas()).toEqual([]);
    expect(await axeViolations(dialog)).toEqual([]);

    online = true;
    await act(() => outbox.flush({ retryNow: true }));
    const posted = 'Posted on the board as “Excel” — others can vote.';
    expect(await within(dialog).findByText(posted, { selector: '[data-part="outcome"]' })).toBe(
      queued,
    );
    // A later outcome is announced in the live region (the first one was focused).
    expect(within(dialog).getByRole('status')).toHaveTextContent(posted);
    await act(() => outbox.flush({ retryNow: true }));
    expect(memory.boardIdeas()).toHaveLength(1);
    expect(memory.boardIdeas()[0]).toMatchObject({ title: 'Excel', authorName: 'Anna Virtanen' });
    outbox.stop();
  }, 20_000);
});
