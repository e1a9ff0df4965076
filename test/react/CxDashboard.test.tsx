import type { CxReport, CxReportQuery } from '@palaute/engine';
import { CxDashboard, fi, PalauteProvider, useCxReport } from '@palaute/react';
import { act, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { buildReport, yearQuery } from '../fixtures/cxReport';
import { axeViolations } from './axe';

/** A team port that answers when told to, so a test can order the answers. */
function deferredTeam() {
  const calls: {
    query: CxReportQuery;
    resolve(report: CxReport): void;
    reject(error: Error): void;
  }[] = [];
  return {
    calls,
    team: {
      cxReport: (query: CxReportQuery) =>
        new Promise<CxReport>((resolve, reject) => calls.push({ query, resolve, reject })),
    },
  };
}

function mount(team: { cxReport(query: CxReportQuery): Promise<CxReport> }, locale = 'en') {
  return render(
    <PalauteProvider locales={{ fi }} backend={undefined} outbox={false} locale={locale}>
      <CxDashboard team={team} query={yearQuery} timeZone="UTC" />
    </PalauteProvider>,
  );
}

describe('CxDashboard', () => {
  it('given a year of answers and a target › shows each metric with n, interval, change and target, every chart, the touchpoints by stage, levels, promise and loop', {
    timeout: 30_000,
  }, async () => {
    const report = buildReport({ target: 'onTrack' });
    const { container } = mount({ cxReport: async () => report });
    const dashboard = screen.getByRole('region', { name: 'Customer experience' });
    expect(dashboard).toHaveAttribute('data-state', 'loading');
    expect(within(dashboard).getByRole('status')).toHaveTextContent('Loading the figures…');
    await waitFor(() => expect(dashboard).toHaveAttribute('data-state', 'ready'));
    const nps = within(dashboard).getAllByRole('region', { name: 'NPS' })[0] as HTMLElement;
    const figure = report.metrics[0]?.overall.current;
    expect(nps).toHaveTextContent(`n = ${figure?.n.toLocaleString('en')}`);
    expect(nps).toHaveTextContent('95 % interval');
    expect(nps).toHaveTextContent(/from Jan 1, 2025 to Dec 31, 2025/);
    expect(nps).toHaveTextContent('On track · Next: +35 by Dec 31, 2027');
    expect(
      within(dashboard)
        .getAllByRole('figure')
        .map((f) => f.getAttribute('class')),
    ).toEqual(['palaute-TrendChart', 'palaute-TrendChart', 'palaute-ScoreBreakdown']);
    expect(within(dashboard).getByRole('figure', { name: 'NPS over time' })).toHaveTextContent(
      /NPS [+−-]\d+ in December 2026, (up|down) \d+ points? from November 2026; (a|not a) significant change, n = 120\./,
    );
    // Each touchpoint with every metric measured there: NPS and CSAT here, named by the metric.
    const scorecards = within(dashboard).getByRole('region', { name: 'Touchpoints' });
    const cards = within(scorecards)
      .getAllByRole('region')
      .filter((region) => region.matches('.palaute-MetricCard'));
    expect(
      cards.map(
        (card) => card.getAttribute('aria-label') ?? card.querySelector('h4, h5')?.textContent,
      ),
    ).toEqual(
      report.touchpoints.flatMap((touchpoint) => [
        `${touchpoint.name} · NPS`,
        `${touchpoint.name} · CSAT`,
      ]),
    );
    expect(
      within(dashboard).getByRole('heading', { name: 'Targets: NPS · Overall' }),
    ).toBeInTheDocument();
    const ladder = within(dashboard)
      .getAllByRole('listitem')
      .filter((step) => step.matches('[data-part="milestone"]'));
    expect(ladder.map((step) => step.textContent)).toEqual([
      '+15 by Jun 30, 2026 · Date passed',
      '+35 by Dec 31, 2027 · Next',
      '+45 by Dec 31, 2028 · Later This step of 10 points is smaller than the 13 points the expected answers a period can detect.',
    ]);
    expect(ladder[1]).toHaveAttribute('aria-current', 'step');
    // The stylesheet puts a warning sign before the warning's words: the space goes before it.
    expect(ladder[2]?.querySelector('[data-part="warning"]')?.textContent).toMatch(/^This step/);
    expect(within(dashboard).getByRole('table', { name: 'CX levels' })).toBeInTheDocument();
    expect(dashboard).toHaveTextContent('Most shipped changes are hygiene (80%)');
    expect(dashboard).toHaveTextContent('Planned is never counted as done.');
    expect(
      within(dashboard).getByRole('heading', { name: 'Closing the loop' }),
    ).toBeInTheDocument();
    expect(container.querySelector('[style]')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('given a touchpoint with 20 answers › its card is greyed and has no arrow', async () => {
    mount({ cxReport: async () => buildReport() });
    const card = await screen.findByRole('region', { name: 'Touchpoint 4 · NPS' });
    expect(card).toHaveAttribute('data-low-sample', '');
    expect(card).toHaveTextContent('Not enough responses');
    expect(card.querySelector('[data-part="arrow"]')).toBeNull();
  });

  it('given a period with no answers › says so instead of drawing empty charts', async () => {
    mount({ cxReport: async () => buildReport({ empty: true }) });
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('No responses in this period yet.'),
    );
    expect(screen.queryByRole('figure')).toBeNull();
  });

  it('given a failing backend › an alert and "Reload", which loads again', async () => {
    const user = userEvent.setup();
    const { team, calls } = deferredTeam();
    mount(team, 'fi');
    await waitFor(() => expect(calls).toHaveLength(1));
    await act(async () => calls[0]?.reject(new Error('down')));
    expect(await screen.findByRole('alert')).toHaveTextContent('Lukuja ei voitu ladata.');
    await user.click(screen.getByRole('button', { name: 'Lataa uudelleen' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    await act(async () => calls[1]?.resolve(buildReport()));
    expect(await screen.findByRole('region', { name: 'Asiakaskokemus' })).toHaveAttribute(
      'data-state',
      'ready',
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('useCxReport', () => {
  it('given the query changes while the first answer is on its way › the stale answer is dropped', async () => {
    const { team, calls } = deferredTeam();
    const first = yearQuery;
    const second: CxReportQuery = { ...yearQuery, granularity: 'quarter' };
    const { result, rerender } = renderHook(({ query }) => useCxReport({ team, query }), {
      initialProps: { query: first },
    });
    await waitFor(() => expect(calls).toHaveLength(1));
    rerender({ query: second });
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]?.query.granularity).toBe('quarter');
    const fresh = buildReport({ months: 3 });
    await act(async () => calls[1]?.resolve(fresh));
    expect(result.current.report).toBe(fresh);
    await act(async () => calls[0]?.resolve(buildReport()));
    expect(result.current.report).toBe(fresh);
    expect(result.current.state).toBe('ready');
  });

  it('given a query equal in value › does not load again', async () => {
    const { team, calls } = deferredTeam();
    const { rerender } = renderHook(({ query }) => useCxReport({ team, query }), {
      initialProps: { query: { ...yearQuery } },
    });
    await waitFor(() => expect(calls).toHaveLength(1));
    rerender({ query: { ...yearQuery } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toHaveLength(1);
  });

  it('given a team port without cxReport › error', async () => {
    const { result } = renderHook(() => useCxReport({ team: {}, query: yearQuery }));
    await waitFor(() => expect(result.current.state).toBe('error'));
  });
});
