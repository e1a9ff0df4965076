import type { FeedbackItem, TeamPort } from '@palaute/engine';
import { FeedbackInbox, PalauteProvider } from '@palaute/react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { anna, createLoop, loopSurvey, seedInbox } from '../fixtures/feedback';
import { axeViolations } from './axe';

/** The team port as a server with `customerProfile` answers it: items carry their customer's profile. */
function withProfiles(team: TeamPort): TeamPort {
  const named = (item: FeedbackItem): FeedbackItem =>
    item.customerId === 'c-4'
      ? { ...item, profile: { name: 'Aino Virtanen', company: 'Virtanen Oy' } }
      : item.customerId === 'c-5'
        ? { ...item, profile: { name: 'Ben Ito' } }
        : item;
  return {
    ...team,
    listFeedback: async (query) => {
      const page = await team.listFeedback(query);
      return { ...page, items: page.items.map(named) };
    },
    getFeedback: async (id) => named(await team.getFeedback(id)),
  };
}

const inbox = () => screen.getByRole('region', { name: 'Feedback inbox' });

describe('FeedbackInbox › who said it, from the server', () => {
  it('given items with the server’s profiles › the rows and the item name the customer and company', async () => {
    const user = userEvent.setup();
    const { backend, clock } = createLoop();
    await seedInbox(backend, clock);
    render(
      <PalauteProvider backend={backend} outbox={false} locale="en">
        <FeedbackInbox
          team={withProfiles(backend.team)}
          by={anna}
          now={clock.now}
          timeZone="UTC"
          refreshMs={0}
          surveys={[loopSurvey]}
        />
      </PalauteProvider>,
    );
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
    const login = within(inbox()).getByRole('button', { name: /^Logging in/ });
    const row = login.closest('[data-part="row"]') as HTMLElement;
    expect(within(row).getByText('Aino Virtanen, Virtanen Oy')).toHaveAttribute(
      'data-part',
      'customer',
    );
    const preview = within(inbox())
      .getAllByRole('button')
      .find((button) => button.closest('[data-part="row"]')?.textContent?.includes('Ben Ito'));
    expect(preview).toBeDefined();
    await user.click(login);
    expect(
      await within(inbox()).findByRole('heading', {
        name: 'Feedback from Aino Virtanen, Virtanen Oy',
      }),
    ).toBeInTheDocument();
    expect(await axeViolations(inbox())).toEqual([]);
  }, 30_000);
});
