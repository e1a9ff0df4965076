import { FeedbackInbox, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import {
  anna,
  createLoop,
  customerReplies,
  inboxItems,
  loopSurvey,
  seedInbox,
} from '../fixtures/feedback';
import { axeViolations } from './axe';

async function given() {
  const { backend, clock } = createLoop();
  await seedInbox(backend, clock);
  return { backend, clock };
}

const inbox = () => screen.getByRole('region', { name: 'Feedback inbox' });
const rowOf = (words: RegExp) =>
  within(inbox()).getByRole('button', { name: words }).closest('[data-part="row"]') as HTMLElement;

describe('FeedbackInbox at work', () => {
  describe('given a customer who wrote back, a host that names customers and a journey that names touchpoints', () => {
    async function when() {
      const { backend, clock } = await given();
      await backend.team.act(
        inboxItems.login,
        { type: 'reply.team', reply: { id: 'tr-login-0001', body: 'Which browser?' } },
        anna,
      );
      await customerReplies(backend, clock, inboxItems.login, 'c-4', 'cr-login-0001', 'Firefox.');
      const ref = createRef<HTMLElement>();
      const onKeyDown = vi.fn();
      render(
        <PalauteProvider backend={backend} outbox={false} locale="en">
          <FeedbackInbox
            ref={ref}
            id="team-inbox"
            onKeyDown={onKeyDown}
            team={backend.team}
            by={anna}
            now={clock.now}
            timeZone="UTC"
            refreshMs={0}
            surveys={[loopSurvey]}
            touchpoints={[
              { id: 'dashboard', stage: 'use', channel: 'inProduct', name: 'Dashboard' },
            ]}
            resolveCustomer={(id) =>
              id === 'c-4' ? { name: 'Aino Virtanen', company: 'Virtanen Oy' } : undefined
            }
          />
        </PalauteProvider>,
      );
      await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
      return { ref, onKeyDown };
    }

    it('then the row is marked, counted, says who said it, the score with its scale and the touchpoint by name', async () => {
      const { ref } = await when();
      const login = rowOf(/^Logging in/);
      expect(login).toHaveAttribute('data-awaiting', '');
      expect(within(inbox()).getByText(/customers? waits? for your answer/)).toBeInTheDocument();
      expect(
        within(login).getByRole('button', { name: /^Logging in/ }),
      ).toHaveAccessibleDescription(
        /^Customer wrote back, Aino Virtanen, Virtanen Oy, 2 \/ 10, detractor, Dashboard,/,
      );
      expect(ref.current).toBe(inbox());
      expect(inbox()).toHaveAttribute('id', 'team-inbox');
      expect(await axeViolations(document.body)).toEqual([]);
    });

    it('then opening it shows the customer by name and the score; Escape goes back to the list, after the host’s handler', async () => {
      const user = userEvent.setup();
      const { onKeyDown } = await when();
      await user.click(within(rowOf(/^Logging in/)).getByRole('button', { name: /^Logging in/ }));
      const title = await within(inbox()).findByRole('heading', {
        name: 'Feedback from Aino Virtanen, Virtanen Oy',
      });
      expect(inbox()).toHaveAttribute('data-view', 'item');
      const view = title.closest('[data-part="item-view"]') as HTMLElement;
      expect(within(view).getByText('2 / 10, detractor')).toBeInTheDocument();
      await waitFor(() => expect(title).toHaveFocus());
      await user.keyboard('{Escape}');
      expect(onKeyDown).toHaveBeenCalled();
      await waitFor(() => expect(inbox()).toHaveAttribute('data-view', 'list'));
    });
  });

  describe('given a shipped item', () => {
    it('then the item shows no empty "Change the status" heading', async () => {
      const user = userEvent.setup();
      const { backend, clock } = await given();
      render(
        <PalauteProvider backend={backend} outbox={false} locale="en">
          <FeedbackInbox
            team={backend.team}
            by={anna}
            now={clock.now}
            timeZone="UTC"
            refreshMs={0}
          />
        </PalauteProvider>,
      );
      await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
      await user.click(within(inbox()).getByRole('button', { name: /dark mode/ }));
      await within(inbox()).findByRole('heading', { name: /^Feedback from/ });
      expect(within(inbox()).queryByRole('heading', { name: 'Change the status' })).toBeNull();
    });
  });

  describe('given an item chosen for a change', () => {
    it('when the change ships › then a confirmation stays in view, not only in the live region', async () => {
      const user = userEvent.setup();
      const { backend, clock } = await given();
      render(
        <PalauteProvider backend={backend} outbox={false} locale="en">
          <FeedbackInbox
            team={backend.team}
            by={anna}
            now={clock.now}
            timeZone="UTC"
            refreshMs={0}
          />
        </PalauteProvider>,
      );
      await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
      await user.click(within(inbox()).getByRole('checkbox', { name: /Logging in/ }));
      const form = within(inbox()).getByRole('form', { name: 'Link to a shipped change' });
      await user.type(within(form).getByLabelText('What we did'), 'Login remembers you');
      await user.click(within(form).getByRole('button', { name: 'Ship the change' }));
      await waitFor(() =>
        expect(form.querySelector('[data-part="confirmation"]')).toHaveTextContent(
          'Change shipped. The customer behind 1 item will hear of it.',
        ),
      );
    });
  });
});
