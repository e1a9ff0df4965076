import {
  createMemoryBackend,
  defineSurvey,
  type MemoryBackend,
  type Survey,
} from '@palaute/engine';
import { FeedbackDialog, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { npsSurvey } from '../fixtures/surveys';
import { axeViolations } from './axe';

type User = ReturnType<typeof userEvent.setup>;

function Page({
  backend,
  survey = npsSurvey,
  persist,
}: {
  backend: MemoryBackend;
  survey?: Survey;
  persist?: boolean;
}) {
  return (
    <PalauteProvider backend={backend} customer={{ id: 'c-1' }} outbox={false}>
      <main>
        <FeedbackDialog
          survey={survey}
          persist={persist}
          trigger={<button type="button">Give feedback</button>}
        />
      </main>
    </PalauteProvider>
  );
}

async function open(user: User) {
  await user.click(screen.getByRole('button', { name: 'Give feedback' }));
  return screen.findByRole('dialog');
}

/** Gives a 4 and moves on to "why". */
async function answerScore(user: User, dialog: HTMLElement) {
  await user.click(within(dialog).getByRole('radio', { name: /^4/ }));
  await user.click(within(dialog).getByRole('button', { name: 'Next' }));
  await within(dialog).findByRole('textbox');
}

describe('FeedbackDialog closed after an answer', () => {
  afterEach(() => sessionStorage.clear());

  it.each([
    ['Escape', (user: User) => user.keyboard('{Escape}')],
    ['×', (user: User) => user.click(screen.getByRole('button', { name: 'Close' }))],
    ['"Not now"', (user: User) => user.click(screen.getByRole('button', { name: 'Not now' }))],
  ])(
    'given a score and then %s › the next opening resumes at the question left, says the answers were kept, and sends them once',
    async (_, close) => {
      const user = userEvent.setup();
      const backend = createMemoryBackend();
      render(<Page backend={backend} />);
      await answerScore(user, await open(user));
      await close(user);
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(backend.dismissals()).toMatchObject([{ kept: 'draft', questionId: 'why' }]);

      const dialog = await open(user);
      expect(within(dialog).getByText('We kept your answers from last time.')).toBeVisible();
      const why = within(dialog).getByRole('textbox');
      await waitFor(() => expect(why).toHaveFocus());
      expect(await axeViolations(dialog)).toEqual([]);
      await user.click(within(dialog).getByRole('button', { name: 'Back' }));
      expect(within(dialog).getByRole('radio', { name: /^4/ })).toBeChecked();
      await user.click(within(dialog).getByRole('button', { name: 'Next' }));
      await user.type(within(dialog).getByRole('textbox'), 'Exports are slow');
      await user.click(within(dialog).getByRole('button', { name: 'Send' }));
      await waitFor(() => expect(backend.responses()).toHaveLength(1));
      expect(backend.responses()[0]).toMatchObject({
        id: backend.dismissals()[0]?.responseId,
        answers: { nps: 4, why: 'Exports are slow' },
      });
    },
  );

  it('given persist › the draft outlives a reload (a new page over the same sessionStorage)', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    const first = render(<Page backend={backend} persist />);
    await answerScore(user, await open(user));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    first.unmount();

    render(<Page backend={backend} persist />);
    const dialog = await open(user);
    expect(within(dialog).getByText('We kept your answers from last time.')).toBeVisible();
    expect(within(dialog).getByRole('textbox')).toBeVisible();
  });

  it('given nothing answered › the next opening starts afresh', async () => {
    const user = userEvent.setup();
    render(<Page backend={createMemoryBackend()} />);
    await open(user);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const dialog = await open(user);
    expect(within(dialog).queryByText('We kept your answers from last time.')).toBeNull();
    expect(within(dialog).getAllByRole('radio')).toHaveLength(11);
  });

  it("given a survey with partial: 'submit' › Escape sends the score as a partial response, and the next opening starts afresh", async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    const survey = defineSurvey({ ...npsSurvey, partial: 'submit' });
    render(<Page backend={backend} survey={survey} />);
    await answerScore(user, await open(user));
    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(backend.responses()).toMatchObject([{ answers: { nps: 4 }, partial: true }]),
    );
    const dialog = await open(user);
    expect(within(dialog).queryByText('We kept your answers from last time.')).toBeNull();
    expect(within(dialog).getAllByRole('radio')).toHaveLength(11);
  });
});
