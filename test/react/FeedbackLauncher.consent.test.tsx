import { createMemoryBackend, createPalaute, type Palaute } from '@palaute/engine';
import { FeedbackLauncher, OfferedFeedback, PalauteProvider } from '@palaute/react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { cesInvoice, general, invoicingTouchpoints, npsDashboard } from '../fixtures/journey';
import { axeViolations } from './axe';

function makeClient(): Palaute {
  return createPalaute({
    backend: createMemoryBackend(),
    customer: { id: 'c-1' },
    surveys: [cesInvoice, npsDashboard, general],
    touchpoints: invoicingTouchpoints,
    asks: [
      {
        surveyId: 'first-invoice-ces',
        triggers: [{ on: 'event', event: 'invoice.sent' }],
        recontact: { mode: 'once' },
      },
      { surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] },
    ],
    policy: { budget: { contacts: 1, days: 14 } },
  });
}

function App({ client }: { client: Palaute }) {
  return (
    <PalauteProvider client={client} outbox={false}>
      <header>
        <FeedbackLauncher survey={general} />
      </header>
      <OfferedFeedback present="dialog" />
    </PalauteProvider>
  );
}

describe('the Feedback launcher: the customer opened it', () => {
  it('given the launcher opened by the customer › offers no "Don\'t ask me again", and giving feedback there does not use up their fatigue budget', async () => {
    const user = userEvent.setup();
    const client = makeClient();
    render(<App client={client} />);
    await user.click(screen.getByRole('button', { name: 'Feedback' }));
    const dialog = await screen.findByRole('dialog', { name: 'Tell us anything' });
    expect(within(dialog).queryByRole('button', { name: "Don't ask me again" })).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Not now' })).toBeVisible();
    expect(await axeViolations(dialog)).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.history().optedOutAt).toBeUndefined();

    // Their own feedback was no ask: the budget (one contact in 14 days) still has room.
    expect(
      client.explain('first-invoice-ces').checks.find((c) => c.rule === 'budget'),
    ).toMatchObject({ passed: true });
    act(() => {
      client.track('invoice.sent');
    });
    const asked = await screen.findByRole('dialog', { name: 'Sending your first invoice' });
    // A survey the product opened still offers it.
    expect(within(asked).getByRole('button', { name: "Don't ask me again" })).toBeVisible();
  });

  it('given a survey offered and opened from the launcher badge › still no "Don\'t ask me again" in the launcher', async () => {
    const user = userEvent.setup();
    const client = makeClient();
    render(
      <PalauteProvider client={client} outbox={false}>
        <FeedbackLauncher survey={general} />
      </PalauteProvider>,
    );
    act(() => {
      client.track('invoice.sent');
    });
    await user.click(await screen.findByRole('button', { name: 'Feedback' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sending your first invoice' });
    expect(within(dialog).queryByRole('button', { name: "Don't ask me again" })).toBeNull();
  });
});
