import { createMemoryBackend, createPalaute, type Palaute } from '@palaute/engine';
import { ExplainPanel as FromMain, fi, PalauteProvider } from '@palaute/react';
import { devtoolsEn, devtoolsFi, ExplainPanel } from '@palaute/react/devtools';
import { render, screen, within } from '@testing-library/react';
import { cesInvoice, general, invoicingTouchpoints, npsDashboard } from '../fixtures/journey';
import { axeViolations } from './axe';

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

describe('@palaute/react/devtools', () => {
  it('given the devtools entry › it is the explain panel the main entry still exports', () => {
    expect(ExplainPanel).toBe(FromMain);
  });

  it('given the Finnish locale › the panel, its columns and its rules read in Finnish, axe clean', async () => {
    render(
      <PalauteProvider locales={{ fi }} client={makeClient()} outbox={false} locale="fi">
        <ExplainPanel />
      </PalauteProvider>,
    );
    expect(screen.getByRole('region', { name: devtoolsFi.explainLabel })).toBeInTheDocument();
    const [table] = screen.getAllByRole('table');
    expect(
      within(table as HTMLElement).getByRole('columnheader', { name: 'Sääntö' }),
    ).toBeVisible();
    expect(
      within(table as HTMLElement).getByRole('rowheader', { name: 'Kuormitusraja' }),
    ).toBeInTheDocument();
    expect(table).toHaveAccessibleName(/tarjottaisiin, jos se käynnistyisi nyt/);
    expect(screen.queryByText(/Fatigue budget/)).not.toBeInTheDocument();
    expect(await axeViolations(document.body)).toEqual([]);
  }, 20_000);

  it('given a host override › the host’s string replaces the built-in one', () => {
    render(
      <PalauteProvider
        locales={{ fi }}
        client={makeClient()}
        outbox={false}
        messages={{ ruleBudget: 'Survey budget' }}
      >
        <ExplainPanel />
      </PalauteProvider>,
    );
    const [table] = screen.getAllByRole('table');
    expect(
      within(table as HTMLElement).getByRole('rowheader', { name: 'Survey budget' }),
    ).toBeInTheDocument();
  });

  it('given no provider client › says so in the catalogue’s words', () => {
    render(<ExplainPanel />);
    expect(screen.getByText(devtoolsEn.explainNoClient)).toBeInTheDocument();
  });
});
