import { createMemoryBackend, createPalaute, type Palaute } from '@palaute/engine';
import {
  ExplainPanel,
  FeedbackLauncher,
  OfferedFeedback,
  PalauteProvider,
  useTouchpoint,
} from '@palaute/react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { cesInvoice, general, invoicingTouchpoints, npsDashboard } from '../fixtures/journey';
import { axeViolations } from './axe';
import { named, tabTo } from './keyboard';

function makeClient(): Palaute {
  return createPalaute({
    backend: createMemoryBackend(),
    customer: { id: 'c-1', attributes: { plan: 'pro' } },
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
  });
}

function Dashboard() {
  useTouchpoint('dashboard');
  return <h1>Dashboard</h1>;
}

function App({ client, present }: { client: Palaute; present?: 'dialog' | 'inline' }) {
  const [page, setPage] = useState<'invoices' | 'dashboard'>('invoices');
  return (
    <PalauteProvider client={client} outbox={false}>
      <header>
        <FeedbackLauncher survey={general} />
        <button type="button" onClick={() => setPage('dashboard')}>
          Go to dashboard
        </button>
      </header>
      <main>{page === 'dashboard' ? <Dashboard /> : <h1>Invoices</h1>}</main>
      {present ? <OfferedFeedback present={present} /> : null}
    </PalauteProvider>
  );
}

describe('journey in React', () => {
  it('given a touchpoint declared by a page › the offered survey opens in the dialog, is answered by keyboard, and the budget then holds', async () => {
    const user = userEvent.setup();
    const client = makeClient();
    render(<App client={client} present="dialog" />);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Go to dashboard' }));
    const dialog = await screen.findByRole('dialog', { name: 'A quick question' });
    expect(await axeViolations(dialog)).toEqual([]);
    await user.keyboard('{End}');
    await tabTo(user, named(/^(Next|Send)$/));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(dialog).toHaveAttribute('data-step', 'acknowledging'));
    // Answered: the offer is over, yet its dialog stays for the thanks.
    expect(client.offer()).toBeNull();
    expect(screen.getByRole('dialog')).toBe(dialog);
    await tabTo(user, named('Done'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    // One contact in 14 days: the next trigger offers nothing, and explain says why.
    act(() => {
      client.track('invoice.sent');
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(client.explain('first-invoice-ces').checks.find((check) => !check.passed)?.rule).toBe(
      'budget',
    );
  });

  it('given an offer and a launcher › the badge is in its accessible name, and pressing it opens the offered survey', async () => {
    const user = userEvent.setup();
    const client = makeClient();
    render(<App client={client} />);
    const launcher = screen.getByRole('button', { name: 'Feedback' });
    expect(launcher).toHaveAttribute('data-state', 'idle');

    act(() => {
      client.track('invoice.sent');
    });
    expect(launcher).toHaveAccessibleName('Feedback');
    expect(launcher).toHaveAccessibleDescription('A question is waiting for you.');
    expect(launcher).toHaveAttribute('data-state', 'offered');
    expect(await axeViolations(document.body)).toEqual([]);

    launcher.focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Sending your first invoice' });
    await user.keyboard('{End}');
    await tabTo(user, named(/^(Next|Send)$/));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(dialog).toHaveAttribute('data-step', 'acknowledging'));
    await tabTo(user, named('Done'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(document.activeElement).toBe(launcher);
    expect(launcher).not.toHaveAccessibleDescription();
  });

  it('given no offer › the launcher opens the general survey the customer chose to give', async () => {
    const user = userEvent.setup();
    render(<App client={makeClient()} />);
    await user.click(screen.getByRole('button', { name: 'Feedback' }));
    expect(await screen.findByRole('dialog', { name: 'Tell us anything' })).toBeInTheDocument();
  });

  it('given "Don\'t ask me again" for all surveys, confirmed › the dialog says what it covers, closes, and nothing is offered again', async () => {
    const user = userEvent.setup();
    const client = makeClient();
    render(<App client={client} present="dialog" />);
    act(() => {
      client.track('invoice.sent');
    });
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: "Don't ask me again" }));
    // It asks what it covers first; nothing is recorded until confirmed.
    const scope = within(dialog).getByRole('group', { name: 'Stop asking you about' });
    expect(within(scope).getByRole('radio', { name: 'This survey only' })).toBeChecked();
    expect(client.history().optedOutAt).toBeUndefined();
    await user.click(within(scope).getByRole('radio', { name: 'All surveys' }));
    await user.click(within(scope).getByRole('button', { name: 'Stop asking' }));
    expect(within(dialog).getByText("We won't ask you about any survey again.")).toHaveFocus();
    expect(await axeViolations(dialog)).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(client.history().optedOutAt).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Go to dashboard' }));
    expect(client.offer()).toBeNull();
    expect(client.explain('dashboard-nps').checks[0]).toMatchObject({
      rule: 'optOut',
      passed: false,
    });
  });

  it('given inline presentation › the offered survey renders in place', async () => {
    const client = makeClient();
    render(<App client={client} present="inline" />);
    act(() => {
      client.track('invoice.sent');
    });
    expect(
      await screen.findByRole('heading', { name: 'Sending your first invoice' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('given the explain panel › one labelled table per survey, each rule with its reason, axe clean', async () => {
    const client = makeClient();
    render(
      <PalauteProvider client={client} outbox={false}>
        <ExplainPanel />
      </PalauteProvider>,
    );
    const tables = screen.getAllByRole('table');
    expect(tables.map((table) => table.getAttribute('aria-labelledby'))).toEqual([
      'palaute-explain-first-invoice-ces',
      'palaute-explain-dashboard-nps',
    ]);
    expect(
      within(tables[0] as HTMLElement).getByRole('rowheader', { name: 'Fatigue budget' }),
    ).toBeInTheDocument();
    expect(tables[0]).toHaveAccessibleName(/would be offered if triggered now/);
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it('given shipped feedback › the impact notice comes first at the next touchpoint, and once seen it is not shown again', async () => {
    const user = userEvent.setup();
    const backend = createMemoryBackend();
    backend.addImpact('c-1', {
      id: 'fast-exports:r1',
      youSaid: 'Exports are slow',
      weDid: 'Exports are now ten times faster',
      shippedAt: '2026-11-20T10:00:00.000Z',
    });
    const client = createPalaute({
      backend,
      customer: { id: 'c-1' },
      surveys: [npsDashboard],
      touchpoints: [{ id: 'dashboard', stage: 'use', channel: 'inProduct' }],
      asks: [{ surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' }] }],
    });
    await client.start();
    render(
      <PalauteProvider client={client} outbox={false}>
        <Dashboard />
        <OfferedFeedback present="dialog" />
      </PalauteProvider>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'You said, we did' });
    // Radix's open/closed stays in data-state; what is shown is the step.
    expect(dialog).toHaveAttribute('data-state', 'open');
    expect(dialog).toHaveAttribute('data-step', 'showingImpact');
    expect(within(dialog).getByText('Exports are now ten times faster')).toBeInTheDocument();
    expect(await axeViolations(dialog)).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(async () => expect(await backend.listImpact({ customerId: 'c-1' })).toEqual([]));
    expect(client.history().contacts.map((contact) => contact.kind)).toEqual(['impact']);
    // The notice used the budget: the survey waits.
    act(() => {
      client.touchpoint('dashboard');
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
