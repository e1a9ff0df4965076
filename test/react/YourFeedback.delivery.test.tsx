import { defineSurvey, type MemoryBackend, type Outbox } from '@palaute/engine';
import { createMemoryOutboxStorage, createOutbox } from '@palaute/engine/outbox';
import { FeedbackForm, FeedbackInbox, PalauteProvider, YourFeedback } from '@palaute/react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { anna, type Clock, createLoop, customerId, loopSurvey } from '../fixtures/feedback';
import { axeViolations } from './axe';

/** A transactional CSAT: a score, then an optional comment; no consent question. */
const supportCsat = defineSurvey({
  id: 'support-csat',
  touchpointId: 'support-chat',
  title: 'Your support chat',
  questions: [
    { id: 'csat', type: 'csat', title: 'How satisfied are you with the help you got?' },
    { id: 'comment', type: 'text', title: 'Anything to add?', required: false },
  ],
});

/** The customer's panel and a survey form on one page, sharing one provider and outbox. */
function Page({
  backend,
  clock,
  outbox,
  survey,
}: {
  backend: MemoryBackend;
  clock: Clock;
  outbox: Outbox;
  survey: typeof loopSurvey;
}) {
  return (
    <PalauteProvider backend={backend} customer={{ id: customerId }} outbox={outbox}>
      <main>
        <FeedbackForm survey={survey} now={clock.now} />
        <YourFeedback
          now={clock.now}
          timeZone="UTC"
          refreshMs={0}
          surveys={[loopSurvey, supportCsat]}
        />
      </main>
    </PalauteProvider>
  );
}

const panel = () => screen.getByRole('region', { name: 'Your feedback' });

async function setUp(survey: typeof loopSurvey) {
  const user = userEvent.setup();
  const { backend, clock } = createLoop();
  const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
  render(<Page backend={backend} clock={clock} outbox={outbox} survey={survey} />);
  expect(await within(panel()).findByText('You have not sent any feedback yet.')).toBeVisible();
  return { user, backend, clock, outbox };
}

describe('YourFeedback after a delivery', () => {
  it('given the panel on the page › when a response the customer just gave is delivered › it is listed at once, without a reload or a refocus', async () => {
    const { user, outbox } = await setUp(loopSurvey);
    await user.click(screen.getByRole('radio', { name: '3' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.type(await screen.findByRole('textbox'), 'Exports are slow');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Send' }));
    await act(() => outbox.flush());
    const article = await within(panel()).findByRole('article');
    expect(article).toHaveTextContent('Exports are slow');
    expect(within(article).getByText('Your score: 3 of 10')).toBeVisible();
    // The consent box went by unticked: they were asked, and said no.
    expect(article).toHaveTextContent('You chose not to be contacted about this.');
    expect(await axeViolations(document.body)).toEqual([]);
    outbox.stop();
  });

  it('given a score without words › the customer sees it in their history (and is not told they chose not to be contacted: nobody asked), and the team sees it in the inbox with the score', async () => {
    const { user, backend, clock, outbox } = await setUp(supportCsat);
    await user.click(screen.getByRole('radio', { name: /^2/ }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Send' }));
    await act(() => outbox.flush());
    const article = await within(panel()).findByRole('article');
    expect(within(article).getByText('Your score: 2 of 5')).toBeVisible();
    expect(article).not.toHaveTextContent('You chose not to be contacted about this.');
    outbox.stop();

    render(
      <PalauteProvider backend={backend} outbox={false}>
        <FeedbackInbox
          team={backend.team}
          by={anna}
          now={clock.now}
          timeZone="UTC"
          refreshMs={0}
          surveys={[supportCsat]}
        />
      </PalauteProvider>,
    );
    const inbox = screen.getByRole('region', { name: 'Feedback inbox' });
    expect(await within(inbox).findByText('Score 2 of 5, no written feedback')).toBeVisible();
    await waitFor(() => expect(within(inbox).getByText('1 item')).toBeVisible());
  });
});
