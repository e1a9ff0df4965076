import type { MemoryBackend } from '@palaute/engine';
import { FeedbackLauncher, PalauteProvider, useUnseenReplies } from '@palaute/react';
import { act, render, screen, waitFor } from '@testing-library/react';
import { anna, answer, createLoop, customerId, customerItem } from '../fixtures/feedback';
import { general } from '../fixtures/journey';
import { axeViolations } from './axe';

function Header() {
  const unseen = useUnseenReplies({ refreshMs: 0 });
  return (
    <header>
      <FeedbackLauncher survey={general} unseenReplies={unseen} />
    </header>
  );
}

async function setUp() {
  const { backend, clock } = createLoop();
  await answer(backend, clock, {
    id: customerItem,
    customerId,
    nps: 3,
    why: 'Exports are slow',
    contact: true,
  });
  return { backend, clock };
}

const renderHeader = (backend: MemoryBackend) =>
  render(
    <PalauteProvider backend={backend} customer={{ id: customerId }} outbox={false}>
      <Header />
    </PalauteProvider>,
  );

describe('the Feedback launcher: the team replied', () => {
  it('given no reply from the team › carries no badge and no description', async () => {
    const { backend } = await setUp();
    renderHeader(backend);
    const launcher = await screen.findByRole('button', { name: 'Feedback' });
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(launcher).not.toHaveAttribute('data-replies');
    expect(launcher.querySelector('[data-part="badge"]')).toBeNull();
    expect(launcher).not.toHaveAccessibleDescription();
  });

  it('given a team reply the customer has not read › the badge counts it and the description says so; once read, it is gone on the next look', async () => {
    const { backend, clock } = await setUp();
    await backend.team.act(
      customerItem,
      { type: 'reply.team', reply: { id: 'reply-anna-0001', body: 'Which export?' } },
      anna,
    );
    renderHeader(backend);
    const launcher = await screen.findByRole('button', { name: 'Feedback' });
    await waitFor(() => expect(launcher).toHaveAttribute('data-replies', ''));
    expect(launcher.querySelector('[data-part="badge"]')).toHaveTextContent('1');
    expect(launcher).toHaveAccessibleDescription('Our team replied to your feedback (1 new).');
    expect(await axeViolations(document.body)).toEqual([]);

    await act(() =>
      backend.markRead?.({ itemId: customerItem, customerId, at: clock.now().toISOString() }),
    );
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    await waitFor(() => expect(launcher).not.toHaveAttribute('data-replies'));
    expect(launcher).not.toHaveAccessibleDescription();
  });
});
