import type { TeamPort } from '@palaute/engine';
import { FeedbackInbox, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { anna, answer, createLoop } from '../fixtures/feedback';

describe('the team inbox in React’s strict mode', () => {
  it('given a fresh mount that strict mode unmounts and remounts while the first page is loading › the list shows the page, never "0 items"', async () => {
    const { backend, clock } = createLoop();
    for (let n = 1; n <= 7; n++) {
      await answer(backend, clock, {
        id: `fb-strict-00${n}`,
        customerId: `c-${n}`,
        nps: 5,
        why: `Strict feedback ${n}`,
        contact: true,
      });
      clock.advance(1);
    }
    // The server answers a moment later, as over a network: after strict mode's remount.
    const team: TeamPort = {
      ...backend.team,
      listFeedback: async (query) => {
        await new Promise((done) => setTimeout(done, 20));
        return backend.team.listFeedback(query);
      },
    };
    render(
      <StrictMode>
        <PalauteProvider backend={backend} outbox={false} locale="en">
          <FeedbackInbox team={team} by={anna} now={clock.now} refreshMs={0} pageSize={5} />
        </PalauteProvider>
      </StrictMode>,
    );
    const inbox = screen.getByRole('region', { name: 'Feedback inbox' });
    await waitFor(() =>
      expect(within(inbox).getAllByRole('button', { name: /^Strict feedback/ })).toHaveLength(5),
    );
    // Long enough for a stale answer to land after the good one.
    await new Promise((done) => setTimeout(done, 100));
    expect(within(inbox).getAllByRole('button', { name: /^Strict feedback/ })).toHaveLength(5);
    expect(inbox.querySelector('[data-part="count"]')?.textContent).toBe('5 shown, more to load.');
  });
});
