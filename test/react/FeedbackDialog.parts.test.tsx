import { createMemoryBackend, defineSurvey } from '@palaute/engine';
import { en, FeedbackDialog, PalauteProvider } from '@palaute/react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axeViolations } from './axe';
import { network } from './flowParts.network';

// The dialog loads the parts beyond a scale question (other question types, acknowledgement,
// follow-up, impact, "Don't ask me again") with `import()`. A load that fails must lose no answer:
// the step shows an alert and "Try again" in the part's place, and the flow keeps every answer.
vi.mock('../../packages/react/src/flow/flow.parts.import', () => import('./flowParts.network'));

const survey = defineSurvey({
  id: 'nps-then-text',
  touchpointId: 'dashboard',
  title: 'A quick question',
  questions: [
    { id: 'nps', type: 'nps', title: 'How likely are you to recommend us?' },
    { id: 'why', type: 'text', title: 'What is the main reason?', required: false },
  ],
});

function setup() {
  const user = userEvent.setup();
  const backend = createMemoryBackend();
  render(
    <PalauteProvider backend={backend} customer={{ id: 'c-1' }} locale="en" outbox={false}>
      <FeedbackDialog survey={survey} trigger={<button type="button">Feedback</button>} />
    </PalauteProvider>,
  );
  return { user, backend };
}

describe('FeedbackDialog › its lazily loaded parts', () => {
  beforeEach(() => {
    network.down = true;
    network.throwsAtOnce = false;
    network.attempts = 0;
  });

  it('given a loader that throws at once › the dialog still shows the NPS question, and the next question’s place says it could not load', async () => {
    network.throwsAtOnce = true;
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Feedback' }));
    await user.click(screen.getByRole('radio', { name: /^9/ }));
    await user.click(screen.getByRole('button', { name: en.next }));
    expect(await screen.findByRole('alert')).toHaveTextContent(en.stepLoadFailed);
    expect(network.attempts).toBeGreaterThan(0);
  });

  it('given the parts cannot load › shows the NPS question all the same, then an alert and "Try again" in the next question’s place, keeping the score', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Feedback' }));
    // The NPS question needs no lazy part.
    await user.click(screen.getByRole('radio', { name: /^9/ }));
    await user.click(screen.getByRole('button', { name: en.next }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(en.stepLoadFailed);
    const retry = screen.getByRole('button', { name: en.retry });
    expect(retry).toHaveFocus();
    // No "Next" past a question the customer cannot see.
    expect(screen.queryByRole('button', { name: en.submit })).toBeNull();
    expect(await axeViolations(screen.getByRole('dialog'))).toEqual([]);

    // Back at the NPS question, the score is still there.
    await user.click(screen.getByRole('button', { name: en.back }));
    expect(screen.getByRole('radio', { name: /^9/ })).toBeChecked();
    // axe's first run in a file takes seconds on a loaded machine.
  }, 30_000);

  it('given the network comes back › "Try again" loads the parts and the customer goes on to send both answers', async () => {
    const { user, backend } = setup();
    await user.click(screen.getByRole('button', { name: 'Feedback' }));
    await user.click(screen.getByRole('radio', { name: /^9/ }));
    await user.click(screen.getByRole('button', { name: en.next }));
    await screen.findByRole('alert');
    const failed = network.attempts;
    expect(failed).toBeGreaterThan(0);

    network.down = false;
    await user.click(screen.getByRole('button', { name: en.retry }));
    const why = await screen.findByRole('textbox', { name: /What is the main reason/ });
    expect(network.attempts).toBe(failed + 1);
    await user.type(why, 'Fast exports');
    await user.click(screen.getByRole('button', { name: en.submit }));

    expect(await screen.findByText(en.ackTitle)).toBeInTheDocument();
    const [response] = backend.responses();
    expect(response?.answers).toEqual({ nps: 9, why: 'Fast exports' });
  });
});
