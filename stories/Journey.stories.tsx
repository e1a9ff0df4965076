import { createMemoryBackend, createPalaute, type Palaute, type Survey } from '@palaute/engine';
import {
  ExplainPanel,
  FeedbackLauncher,
  fi,
  OfferedFeedback,
  PalauteProvider,
  useTouchpoint,
} from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { cesInvoice, general, invoicingTouchpoints, npsDashboard } from '../test/fixtures/journey';

/** The demo client: a CES after the first invoice, a relational NPS on the dashboard. */
function makeClient(): Palaute {
  return createPalaute({
    backend: createMemoryBackend({ latency: 150 }),
    customer: {
      id: 'customer-42',
      attributes: { plan: 'pro', signedUpAt: '2026-09-01T00:00:00Z' },
    },
    surveys: [cesInvoice, npsDashboard, general],
    touchpoints: invoicingTouchpoints,
    asks: [
      {
        surveyId: 'first-invoice-ces',
        triggers: [
          { on: 'event', event: 'invoice.sent', where: { key: 'first', op: 'eq', value: true } },
        ],
        recontact: { mode: 'once' },
        priority: 10,
      },
      {
        surveyId: 'dashboard-nps',
        triggers: [{ on: 'touchpoint' }],
        audience: { key: 'signedUpAt', op: 'olderThanDays', days: 30 },
        recontact: { mode: 'recurring', days: 90 },
      },
    ],
    policy: { budget: { contacts: 1, days: 14 } },
  });
}

function DashboardPage() {
  useTouchpoint('dashboard');
  return <p>Revenue this month: 12 400 €</p>;
}

interface HostProps {
  /** How offers are presented. */
  present: 'launcher' | 'dialog';
  /** The launcher's general survey (none: the launcher shows only while something is offered). */
  withGeneralSurvey: boolean;
  /** Something already happened: the first invoice was sent before the story starts. */
  invoiceSent: boolean;
  /** Show the developer panel. */
  explain: boolean;
}

/** A small invoicing app hosting Palaute: a header with the launcher, two pages, a developer panel. */
function HostApp({ present, withGeneralSurvey, invoiceSent, explain }: HostProps) {
  const client = useMemo(() => {
    const created = makeClient();
    if (invoiceSent) created.track('invoice.sent', { first: true });
    return created;
  }, [invoiceSent]);
  const [page, setPage] = useState<'invoices' | 'dashboard'>('invoices');
  const survey: Survey | undefined = withGeneralSurvey ? general : undefined;
  return (
    <PalauteProvider locales={{ fi }} client={client} outbox={false}>
      <header style={{ display: 'flex', gap: '1rem', alignItems: 'center' }}>
        <strong>Laskutin</strong>
        <nav aria-label="Pages" style={{ display: 'flex', gap: '0.5rem' }}>
          <button
            type="button"
            aria-current={page === 'invoices' ? 'page' : undefined}
            onClick={() => setPage('invoices')}
          >
            Invoices
          </button>
          <button
            type="button"
            aria-current={page === 'dashboard' ? 'page' : undefined}
            onClick={() => setPage('dashboard')}
          >
            Dashboard
          </button>
        </nav>
        <FeedbackLauncher survey={survey} />
      </header>
      <main>
        <h1>{page === 'dashboard' ? 'Dashboard' : 'Invoices'}</h1>
        {page === 'dashboard' ? (
          <DashboardPage />
        ) : (
          <button type="button" onClick={() => client.track('invoice.sent', { first: true })}>
            Send invoice
          </button>
        )}
      </main>
      {present === 'dialog' ? <OfferedFeedback present="dialog" /> : null}
      {explain ? (
        <aside aria-label="Developer panel">
          <ExplainPanel refreshMs={1000} />
        </aside>
      ) : null}
    </PalauteProvider>
  );
}

const meta = {
  title: 'Journey/Touchpoints and offers',
  component: HostApp,
  tags: ['autodocs'],
  args: { present: 'launcher', withGeneralSurvey: true, invoiceSent: false, explain: false },
  parameters: {
    docs: {
      description: {
        component:
          '`createPalaute` decides which survey, if any, is right for this customer now, across every touchpoint and under one contact policy. The host chooses how offers appear: a badge on the launcher (the customer opens it when they like), the dialog opened automatically, inline, or its own UI through `useOffer()`.',
      },
    },
  },
} satisfies Meta<typeof HostApp>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Nothing offered: the launcher opens the general survey the customer chooses to give. */
export const LauncherIdle: Story = {
  play: async ({ canvasElement }) => {
    const launcher = within(canvasElement).getByRole('button', { name: 'Feedback' });
    await expect(launcher).toHaveAttribute('data-state', 'idle');
  },
};

/** A survey is offered (the first invoice was sent): the launcher carries a badge and says so. */
export const LauncherOffered: Story = {
  args: { invoiceSent: true },
  play: async ({ canvasElement }) => {
    const launcher = within(canvasElement).getByRole('button', { name: 'Feedback' });
    await expect(launcher).toHaveAttribute('data-state', 'offered');
    await expect(launcher).toHaveAccessibleDescription('A question is waiting for you.');
  },
};

/** Without a general survey the launcher appears only while something is offered. */
export const LauncherOnlyWhenOffered: Story = {
  args: { withGeneralSurvey: false },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.queryByRole('button', { name: /^Feedback/ })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Send invoice' }));
    await expect(
      await canvas.findByRole('button', { description: 'A question is waiting for you.' }),
    ).toBeVisible();
  },
};

/** Entering the dashboard touchpoint offers the relational NPS, opened automatically in the dialog. */
export const TouchpointTriggered: Story = {
  args: { present: 'dialog' },
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Dashboard' }));
    const body = within(canvasElement.ownerDocument.body);
    const dialog = await body.findByRole('dialog', { name: 'A quick question' });
    await waitFor(() => expect(dialog).toHaveAttribute('data-step', 'asking'));
  },
};

/** The developer panel: why each survey would or would not be offered now, rule by rule. */
export const Explain: Story = {
  args: { explain: true, invoiceSent: true },
  play: async ({ canvasElement }) => {
    const panel = within(canvasElement).getByRole('region', { name: 'Palaute: why surveys show' });
    await expect(within(panel).getAllByRole('table')).toHaveLength(2);
    await expect(within(panel).getByText(/Offered now: Sending your first invoice/)).toBeVisible();
  },
};
