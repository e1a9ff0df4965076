import { FeedbackInbox, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { anna, createLoop, inboxItems, loopSurvey, seedInbox } from '../fixtures/feedback';
import { axeViolations } from './axe';
import { announced, leaveAndReturn } from './drafts.helpers';

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
  const wrap = (children?: ReactNode) => (
    <PalauteProvider backend={backend} outbox={false} locale="en">
      {children}
    </PalauteProvider>
  );
  const view = (
    <FeedbackInbox
      team={backend.team}
      by={anna}
      now={clock.now}
      timeZone="UTC"
      refreshMs={0}
      surveys={[loopSurvey]}
    />
  );
  const { rerender } = render(wrap(view));
  await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
  /** The team goes to another tab of the app (the inbox unmounts) and comes back. */
  const leaveAndBack = async () => {
    leaveAndReturn(rerender, wrap, view);
    await within(inbox()).findByRole('list', { name: 'Feedback inbox' });
  };
  return Object.assign(backend, { leaveAndBack });
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

  it('given a reply and a decline reason typed and the inbox left for another tab › back, each item gives its words back, described and announced; sent, the reply is gone', async () => {
    const user = userEvent.setup();
    const backend = await rendered();
    await open(user, /^Logging in/);
    await user.type(await replyField(), 'Which version?');
    await open(user, /^The invoice preview/);
    const reason = () => within(inbox()).findByRole('textbox', { name: /reason/i });
    await user.type(await reason(), 'Out of scope');
    await backend.leaveAndBack();

    await open(user, /^Logging in/);
    const field = await replyField();
    expect(field).toHaveValue('Which version?');
    expect(field).toHaveAccessibleDescription(expect.stringContaining(KEPT));
    await announced(inbox(), KEPT);
    expect(await axeViolations(inbox())).toEqual([]);
    await open(user, /^The invoice preview/);
    expect(await reason()).toHaveValue('Out of scope');

    await open(user, /^Logging in/);
    await user.click(within(inbox()).getByRole('button', { name: 'Send reply' }));
    await waitFor(async () => expect(await replyField()).toHaveValue(''));
    await backend.leaveAndBack();
    await open(user, /^Logging in/);
    expect(await replyField()).toHaveValue('');
    expect(inbox().querySelector('[data-part="resumed"]')).toBeNull();
  });
});
