import { FeedbackInbox, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { anna, createLoop, inboxItems, loopSurvey, seedInbox } from '../fixtures/feedback';
import { axeViolations } from './axe';
import { announced } from './drafts.helpers';

const KEPT = 'What you wrote here earlier and did not send was kept.';
const inbox = () => screen.getByRole('region', { name: 'Feedback inbox' });
const open = (user: ReturnType<typeof userEvent.setup>, words: RegExp) =>
  user.click(within(inbox()).getByRole('button', { name: words }));
const replyField = () => within(inbox()).findByRole('textbox', { name: 'Reply to the customer' });

async function rendered() {
  const { backend, clock } = createLoop();
  await seedInbox(backend, clock);
  await backend.team.act(
    inboxItems.login,
    { type: 'reply.team', reply: { id: 'tr-login-0001', body: 'Which browser?' } },
    anna,
  );
  render(
    <PalauteProvider backend={backend} outbox={false} locale="en">
      <FeedbackInbox
        team={backend.team}
        by={anna}
        now={clock.now}
        timeZone="UTC"
        refreshMs={0}
        surveys={[loopSurvey]}
      />
    </PalauteProvider>,
  );
  await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
  return backend;
}

describe('FeedbackInbox: a reply written and not sent', { timeout: 30_000 }, () => {
  it('given a reply typed and another item opened › the other starts empty; back on the first, the reply is there, described and announced; sent, it is gone', async () => {
    const user = userEvent.setup();
    const backend = await rendered();
    await open(user, /^Logging in/);
    await user.type(await replyField(), 'In Chrome too?');
    await open(user, /^The invoice preview/);
    await waitFor(async () => expect(await replyField()).toHaveValue(''));
    expect(inbox().querySelector('[data-part="resumed"]')).toBeNull();

    await open(user, /^Logging in/);
    const field = await replyField();
    expect(field).toHaveValue('In Chrome too?');
    expect(field).toHaveAccessibleDescription(expect.stringContaining(KEPT));
    await announced(inbox(), KEPT);
    expect(await axeViolations(inbox())).toEqual([]);

    await user.click(within(inbox()).getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(field).toHaveValue(''));
    expect(inbox().querySelector('[data-part="resumed"]')).toBeNull();
    const item = await backend.team.getFeedback(inboxItems.login);
    expect(item.replies.at(-1)?.body).toBe('In Chrome too?');
    await open(user, /^The invoice preview/);
    await open(user, /^Logging in/);
    expect(await replyField()).toHaveValue('');
  });

  it('given a reply typed and the item closed with Escape › reopened, the reply is back', async () => {
    const user = userEvent.setup();
    await rendered();
    await open(user, /^Logging in/);
    await user.type(await replyField(), 'Half written');
    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(within(inbox()).queryByRole('textbox', { name: 'Reply to the customer' })).toBeNull(),
    );
    await open(user, /^Logging in/);
    expect(await replyField()).toHaveValue('Half written');
    expect(inbox().querySelector('[data-part="resumed"]')).toHaveTextContent(KEPT);
  });
});
