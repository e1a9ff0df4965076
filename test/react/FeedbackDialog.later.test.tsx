import { createMemoryBackend, defineSurvey } from '@palaute/engine';
import { en, FeedbackDialog, PalauteProvider } from '@palaute/react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { network } from './flowParts.network';

// Every step after the questions (sending, the thanks, the follow-up, the impact notices, the end)
// is a part the dialog loads with `import()` (`LaterStep` in `flow-parts.js`). A load that fails
// must lose no answer: the score is sent all the same, and the step shows an alert and "Try again"
// in its place. Its own file: a load that succeeded stays loaded for the rest of a file.
vi.mock('../../packages/react/src/flow/flow.parts.import', () => import('./flowParts.network'));
network.down = true;

const survey = defineSurvey({
  id: 'nps-only',
  touchpointId: 'dashboard',
  title: 'A quick question',
  questions: [{ id: 'nps', type: 'nps', title: 'How likely are you to recommend us?' }],
});

describe('FeedbackDialog › the steps after the questions, loaded later', () => {
  it('given an NPS-only survey and the parts cannot load › "Send" still sends the score, the thanks say they could not load, and "Try again" shows them', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    render(
      <PalauteProvider backend={backend} customer={{ id: 'c-1' }} locale="en" outbox={false}>
        <FeedbackDialog survey={survey} trigger={<button type="button">Feedback</button>} />
      </PalauteProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Feedback' }));
    await user.click(screen.getByRole('radio', { name: /^9/ }));
    await user.click(screen.getByRole('button', { name: en.submit }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(en.stepLoadFailed);
    expect(screen.getByRole('button', { name: en.retry })).toHaveFocus();
    expect(screen.getByRole('dialog')).toHaveAttribute('data-step', 'acknowledging');
    expect(backend.responses()[0]?.answers).toEqual({ nps: 9 });
    const failed = network.attempts;
    expect(failed).toBeGreaterThan(0);

    network.down = false;
    await user.click(screen.getByRole('button', { name: en.retry }));
    expect(await screen.findByRole('heading', { name: en.ackTitle })).toHaveFocus();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(network.attempts).toBe(failed + 1);
  }, 30_000);
});
