import { createMemoryBackend } from '@palaute/engine';
import { FeedbackLauncher, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';

// Radix conventions on the launcher: rest props, a forwarded ref, the host's handlers first, and
// `asChild` for a host that owns the element.

const wrap = (ui: React.ReactNode) => (
  <PalauteProvider backend={createMemoryBackend()} customer={{ id: 'c-1' }} outbox={false}>
    {ui}
  </PalauteProvider>
);

describe('the Feedback launcher, Radix style', () => {
  it('given rest props and a ref › spreads them on the button and forwards the ref', async () => {
    const ref = createRef<HTMLButtonElement>();
    render(
      wrap(
        <FeedbackLauncher kinds ref={ref} id="feedback" data-testid="launcher" title="Tell us" />,
      ),
    );
    const button = screen.getByRole('button', { name: 'Feedback' });
    expect(ref.current).toBe(button);
    expect(button).toHaveAttribute('id', 'feedback');
    expect(button).toHaveAttribute('data-testid', 'launcher');
    expect(button).toHaveAttribute('title', 'Tell us');
    expect(button).toHaveAttribute('type', 'button');
  });

  it('given a host onClick › runs first, and preventDefault() keeps the dialog closed', async () => {
    const user = userEvent.setup();
    const calls: string[] = [];
    let prevent = true;
    render(
      wrap(
        <FeedbackLauncher
          kinds
          onClick={(event) => {
            calls.push('host');
            if (prevent) event.preventDefault();
          }}
        />,
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Feedback' }));
    expect(calls).toEqual(['host']);
    expect(screen.queryByRole('dialog')).toBeNull();
    prevent = false;
    await user.click(screen.getByRole('button', { name: 'Feedback' }));
    expect(calls).toEqual(['host', 'host']);
    expect(await screen.findByRole('dialog', { name: 'Send feedback' })).toBeVisible();
  });

  it('given asChild › the host’s element is the launcher, opens the dialog and gets the ref and data-state', async () => {
    const user = userEvent.setup();
    const ref = createRef<HTMLButtonElement>();
    render(
      wrap(
        <FeedbackLauncher kinds asChild ref={ref} className="host-launcher">
          <button type="button">Ideas and bugs</button>
        </FeedbackLauncher>,
      ),
    );
    const button = screen.getByRole('button', { name: 'Ideas and bugs' });
    expect(ref.current).toBe(button);
    expect(button).toHaveClass('host-launcher');
    expect(button).toHaveAttribute('data-state', 'idle');
    expect(screen.queryByRole('button', { name: 'Feedback' })).toBeNull();
    await user.click(button);
    expect(await screen.findByRole('dialog', { name: 'Send feedback' })).toBeVisible();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(button).toHaveFocus();
  });
});
