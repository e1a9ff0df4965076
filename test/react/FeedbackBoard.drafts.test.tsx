import type { MemoryBackend } from '@palaute/engine';
import { FeedbackBoard, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { categorisedIdeas, oneIdea } from '../fixtures/board';
import { axeViolations } from './axe';
import { announced, leaveAndReturn } from './drafts.helpers';

const IDEA_KEPT = 'We kept what you were writing and did not post yet.';
const COMMENT_KEPT = 'We kept the comment you were writing.';

/** The board's page: the provider around what it shows. */
const provider = (backend: MemoryBackend) => (children?: ReactNode) => (
  <PalauteProvider backend={backend} customer={{ id: 'ben' }} outbox={false}>
    {children}
  </PalauteProvider>
);

const seeded = oneIdea;

describe('FeedbackBoard: what the customer writes and does not send', () => {
  it('given an idea half written and the board left › back on the board, the form has it, says so; posted, it is gone', async () => {
    const backend = await seeded();
    const user = userEvent.setup();
    const wrap = provider(backend);
    const { rerender, container } = render(wrap(<FeedbackBoard />));
    await screen.findByRole('list', { busy: false });
    await user.click(screen.getByRole('radio', { name: 'A bug' }));
    await user.type(screen.getByLabelText('Title'), 'Dark mode');
    await user.type(screen.getByLabelText('Details (optional)'), 'At night');
    leaveAndReturn(rerender, wrap, <FeedbackBoard />);
    await screen.findByRole('list', { busy: false });
    expect(screen.getByLabelText('Title')).toHaveValue('Dark mode');
    expect(screen.getByLabelText('Details (optional)')).toHaveValue('At night');
    expect(screen.getByRole('radio', { name: 'A bug' })).toBeChecked();
    expect(container.querySelector('[data-part="resumed"]')).toHaveTextContent(IDEA_KEPT);
    await announced(container, IDEA_KEPT);
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Post' }));
    await waitFor(() => expect(backend.boardIdeas()).toHaveLength(2));
    leaveAndReturn(rerender, wrap, <FeedbackBoard />);
    await screen.findByRole('list', { busy: false });
    expect(screen.getByLabelText('Title')).toHaveValue('');
    expect(container.querySelector('[data-part="resumed"]')).toBeNull();
  }, 20_000);

  it('given an idea half written in a category and the board left › the form has the category back', async () => {
    const backend = await categorisedIdeas();
    const user = userEvent.setup();
    const wrap = provider(backend);
    const { rerender } = render(wrap(<FeedbackBoard />));
    await user.type(await screen.findByLabelText('Title'), 'Monthly sales report');
    const category = () => screen.findByRole('combobox', { name: 'Category (optional)' });
    await user.selectOptions(await category(), 'Reports');
    leaveAndReturn(rerender, wrap, <FeedbackBoard />);
    expect(await category()).toHaveValue('reports');
    expect(screen.getByLabelText('Title')).toHaveValue('Monthly sales report');
  }, 20_000);

  it('given a comment half written and the board left › the idea’s thread gives it back, says so; sent, it is gone', async () => {
    const backend = await seeded();
    const user = userEvent.setup();
    const wrap = provider(backend);
    const { rerender } = render(wrap(<FeedbackBoard />));
    const showComments = async () => {
      await user.click(
        await screen.findByRole('button', { name: 'Show comments on “Export invoices to CSV”' }),
      );
      return screen.findByRole('textbox', { name: 'Your comment' });
    };
    await user.type(await showComments(), 'Semicolons');
    leaveAndReturn(rerender, wrap, <FeedbackBoard />);
    const field = await showComments();
    expect(field).toHaveValue('Semicolons');
    expect(field).toHaveAccessibleDescription(COMMENT_KEPT);
    const thread = field.closest('.palaute-IdeaThread') as HTMLElement;
    await waitFor(() => expect(within(thread).getByRole('status')).toHaveTextContent(COMMENT_KEPT));
    expect(await axeViolations(thread)).toEqual([]);
    await user.click(within(thread).getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(field).toHaveValue(''));
    leaveAndReturn(rerender, wrap, <FeedbackBoard />);
    expect(await showComments()).toHaveValue('');
  }, 20_000);

  it('given a comment whose post fails › the thread says why and keeps the text; posted again after a lost answer, it is one comment', async () => {
    const backend = await seeded();
    let failure: 'refused' | 'lost' | undefined = 'refused';
    const board = {
      ...backend.board,
      comment: async (...args: Parameters<typeof backend.board.comment>) => {
        if (failure === 'refused') {
          failure = 'lost';
          throw new Error('The network is down');
        }
        const comment = await backend.board.comment(...args);
        if (failure === 'lost') {
          failure = undefined;
          throw new Error('The connection was reset');
        }
        return comment;
      },
    };
    const user = userEvent.setup();
    render(
      <PalauteProvider backend={{ ...backend, board }} customer={{ id: 'ben' }} outbox={false}>
        <FeedbackBoard />
      </PalauteProvider>,
    );
    await user.click(
      await screen.findByRole('button', { name: 'Show comments on “Export invoices to CSV”' }),
    );
    const field = await screen.findByRole('textbox', { name: 'Your comment' });
    const thread = field.closest('.palaute-IdeaThread') as HTMLElement;
    await user.type(field, 'Semicolons, please');
    await user.click(within(thread).getByRole('button', { name: 'Comment' }));
    expect(await within(thread).findByRole('alert')).toHaveTextContent(
      'Your comment was not posted: The network is down. It is still here to send again.',
    );
    expect(field).toHaveValue('Semicolons, please');
    expect(field).toBeInvalid();
    expect(field).toHaveAccessibleDescription(/The network is down/);
    // Landed, its answer lost: said so, kept; sent again, the same comment.
    await user.click(within(thread).getByRole('button', { name: 'Comment' }));
    await waitFor(() =>
      expect(within(thread).getByRole('alert')).toHaveTextContent(/The connection was reset/),
    );
    await user.click(within(thread).getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(field).toHaveValue(''));
    expect(within(thread).queryByRole('alert')).toBeNull();
    const { comments } = await backend.board.getIdea('ben', 'idea-csv-0001');
    expect(comments.map((comment) => comment.body)).toEqual(['Semicolons, please']);
    expect(within(thread).getByText(/Semicolons, please/)).toBeTruthy();
    // The card's count follows the thread: one comment, not the list's zero from before.
    const card = thread.closest('.palaute-IdeaCard') as HTMLElement;
    expect(card.querySelector('[data-part="meta"]')).toHaveTextContent(/· 1 comment$/);
    expect(await axeViolations(thread)).toEqual([]);
  }, 20_000);
});
