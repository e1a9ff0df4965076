import { createMemoryBackend } from '@palaute/engine';
import { FeedbackBoard, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { axeViolations } from './axe';

const IDEA_KEPT = 'We kept what you were writing and did not post yet.';
const COMMENT_KEPT = 'We kept the comment you were writing.';

async function seeded() {
  const backend = createMemoryBackend();
  await backend.board.suggestIdea({
    id: 'idea-csv-0001',
    customerId: 'anna',
    kind: 'idea',
    title: 'Export invoices to CSV',
    body: 'With VAT',
    at: new Date().toISOString(),
  });
  return backend;
}

describe('FeedbackBoard: what the customer writes and does not send', () => {
  it('given an idea half written and the board left › back on the board, the form has it, says so; posted, it is gone', async () => {
    const backend = await seeded();
    const user = userEvent.setup();
    const App = ({ children }: { children?: ReactNode }) => (
      <PalauteProvider backend={backend} customer={{ id: 'ben' }} outbox={false}>
        {children}
      </PalauteProvider>
    );
    const { rerender, container } = render(
      <App>
        <FeedbackBoard />
      </App>,
    );
    await screen.findByRole('list', { busy: false });
    await user.click(screen.getByRole('radio', { name: 'A bug' }));
    await user.type(screen.getByLabelText('Title'), 'Dark mode');
    await user.type(screen.getByLabelText('Details (optional)'), 'At night');
    rerender(<App />);
    rerender(
      <App>
        <FeedbackBoard />
      </App>,
    );
    await screen.findByRole('list', { busy: false });
    expect(screen.getByLabelText('Title')).toHaveValue('Dark mode');
    expect(screen.getByLabelText('Details (optional)')).toHaveValue('At night');
    expect(screen.getByRole('radio', { name: 'A bug' })).toBeChecked();
    expect(container.querySelector('[data-part="resumed"]')).toHaveTextContent(IDEA_KEPT);
    await waitFor(() =>
      expect(container.querySelector('[data-part="announcer"]')).toHaveTextContent(IDEA_KEPT),
    );
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Post' }));
    await waitFor(() => expect(backend.boardIdeas()).toHaveLength(2));
    rerender(<App />);
    rerender(
      <App>
        <FeedbackBoard />
      </App>,
    );
    await screen.findByRole('list', { busy: false });
    expect(screen.getByLabelText('Title')).toHaveValue('');
    expect(container.querySelector('[data-part="resumed"]')).toBeNull();
  }, 20_000);

  it('given a comment half written and the board left › the idea’s thread gives it back, says so; sent, it is gone', async () => {
    const backend = await seeded();
    const user = userEvent.setup();
    const App = ({ children }: { children?: ReactNode }) => (
      <PalauteProvider backend={backend} customer={{ id: 'ben' }} outbox={false}>
        {children}
      </PalauteProvider>
    );
    const { rerender } = render(
      <App>
        <FeedbackBoard />
      </App>,
    );
    const showComments = async () => {
      await user.click(
        await screen.findByRole('button', { name: 'Show comments on “Export invoices to CSV”' }),
      );
      return screen.findByRole('textbox', { name: 'Your comment' });
    };
    await user.type(await showComments(), 'Semicolons');
    rerender(<App />);
    rerender(
      <App>
        <FeedbackBoard />
      </App>,
    );
    const field = await showComments();
    expect(field).toHaveValue('Semicolons');
    expect(field).toHaveAccessibleDescription(COMMENT_KEPT);
    const thread = field.closest('.palaute-IdeaThread') as HTMLElement;
    await waitFor(() => expect(within(thread).getByRole('status')).toHaveTextContent(COMMENT_KEPT));
    expect(await axeViolations(thread)).toEqual([]);
    await user.click(within(thread).getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(field).toHaveValue(''));
    rerender(<App />);
    rerender(
      <App>
        <FeedbackBoard />
      </App>,
    );
    expect(await showComments()).toHaveValue('');
  }, 20_000);
});
