import {
  createMemoryBackend,
  cxReportCsv,
  defineSurvey,
  type FeedbackResponse,
  type MemoryBackend,
} from '@palaute/engine';
import { CxDashboard, PalauteProvider } from '@palaute/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axeViolations } from './axe';

const survey = defineSurvey({
  id: 'nps-survey',
  touchpointId: 'pricing',
  title: 'A quick question',
  questions: [
    { id: 'nps', type: 'nps', title: 'How likely are you to recommend us?' },
    { id: 'why', type: 'text', title: 'Why?', required: false },
  ],
});

let count = 0;
async function answer(
  backend: MemoryBackend,
  touchpointId: string,
  day: string,
  nps: number,
  why?: string,
) {
  count++;
  const at = `${day}T12:00:00.000Z`;
  const response: FeedbackResponse = {
    id: `response-${count}`,
    surveyId: 'nps-survey',
    surveyVersion: 1,
    touchpointId,
    customerId: `c-${count}`,
    locale: 'en',
    answers: why === undefined ? { nps } : { nps, why },
    startedAt: at,
    submittedAt: at,
  };
  await backend.recordDisplay({
    responseId: response.id,
    surveyId: response.surveyId,
    surveyVersion: 1,
    touchpointId,
    customerId: response.customerId,
    at,
  });
  await backend.submitResponse(response);
}

async function seeded() {
  const backend = createMemoryBackend({
    now: () => new Date('2026-12-01T09:00:00.000Z'),
    cx: {
      surveys: [survey],
      touchpoints: [
        { id: 'pricing', stage: 'evaluate', channel: 'web', name: 'Pricing page' },
        { id: 'signup', stage: 'onboard', channel: 'inProduct', name: 'Sign-up done' },
      ],
    },
  });
  await answer(backend, 'pricing', '2026-11-02', 10, 'Clear prices');
  await answer(backend, 'pricing', '2026-11-03', 3, '<b>Too expensive</b>');
  await answer(backend, 'pricing', '2026-11-04', 2);
  await answer(backend, 'signup', '2026-11-05', 0, 'Broken form');
  await answer(backend, 'signup', '2026-11-06', 8);
  return backend;
}

const query = { period: { from: '2026-11-01', to: '2026-11-30' }, granularity: 'month' as const };

describe('CxDashboard › the answers behind a figure', () => {
  it('given the NPS card’s "Show the answers" pressed with the keyboard › lists every answer, words as text, a bare score said so; Close returns focus', {
    timeout: 30_000,
  }, async () => {
    const user = userEvent.setup();
    const backend = await seeded();
    const { container } = render(
      <PalauteProvider backend={undefined} outbox={false} locale="en">
        <CxDashboard team={backend.team} query={query} timeZone="UTC" />
      </PalauteProvider>,
    );
    const card = await screen.findByRole('region', { name: 'NPS' });
    const show = within(card).getByRole('button', { name: 'Show the answers' });
    show.focus();
    await user.keyboard('{Enter}');
    const panel = await screen.findByRole('region', { name: 'Answers behind NPS' });
    expect(document.activeElement).toBe(within(panel).getByRole('heading'));
    await waitFor(() =>
      expect(within(panel).getByRole('status')).toHaveTextContent('Showing 5 of 5 answers.'),
    );
    const answers = within(panel).getAllByRole('listitem');
    // Newest first; the customer's words are text, never markup.
    expect(answers.map((item) => item.querySelector('[data-part="score"]')?.textContent)).toEqual([
      'Score 8',
      'Score 0',
      'Score 2',
      'Score 3',
      'Score 10',
    ]);
    expect(answers[3]).toHaveTextContent('<b>Too expensive</b>');
    expect(panel.querySelector('b')).toBeNull();
    expect(answers[2]).toHaveTextContent('A score only, no words.');
    expect(answers[2]).toHaveTextContent('Pricing page');
    // Detractors only, then only those with words.
    await user.click(within(panel).getByRole('button', { name: 'Detractors' }));
    await waitFor(() =>
      expect(within(panel).getByRole('status')).toHaveTextContent('Showing 3 of 3 answers.'),
    );
    expect(within(panel).getByRole('button', { name: 'Detractors' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.click(within(panel).getByRole('checkbox', { name: 'Only answers with words' }));
    await waitFor(() =>
      expect(within(panel).getByRole('status')).toHaveTextContent('Showing 2 of 2 answers.'),
    );
    expect(await axeViolations(container)).toEqual([]);
    within(panel).getByRole('button', { name: 'Close the answers' }).focus();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('region', { name: 'Answers behind NPS' })).toBeNull();
    expect(document.activeElement).toBe(show);
  });

  it('given answers that could not be loaded › "Reload" by keyboard loads them and keeps focus in the panel', {
    timeout: 30_000,
  }, async () => {
    const user = userEvent.setup();
    const backend = await seeded();
    let down = true;
    const team = {
      ...backend.team,
      cxResponses: (...args: Parameters<NonNullable<typeof backend.team.cxResponses>>) =>
        down
          ? Promise.reject(new Error('Offline'))
          : (backend.team.cxResponses?.(...args) ?? Promise.reject(new Error('none'))),
    };
    render(
      <PalauteProvider backend={undefined} outbox={false} locale="en">
        <CxDashboard team={team} query={query} timeZone="UTC" />
      </PalauteProvider>,
    );
    const card = await screen.findByRole('region', { name: 'NPS' });
    within(card).getByRole('button', { name: 'Show the answers' }).focus();
    await user.keyboard('{Enter}');
    const panel = await screen.findByRole('region', { name: 'Answers behind NPS' });
    const alert = await within(panel).findByRole('alert');
    down = false;
    within(alert).getByRole('button', { name: 'Reload' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(within(panel).getByRole('status')).toHaveTextContent('Showing 5 of 5 answers.'),
    );
    expect(document.activeElement).toBe(within(panel).getByRole('heading'));
  });

  it('given a touchpoint’s card and the breakdown’s detractors › the answers at that touchpoint, and the detractors overall', {
    timeout: 30_000,
  }, async () => {
    const user = userEvent.setup();
    const backend = await seeded();
    render(
      <PalauteProvider backend={undefined} outbox={false} locale="en">
        <CxDashboard team={backend.team} query={query} timeZone="UTC" />
      </PalauteProvider>,
    );
    const touchpoints = await screen.findByRole('region', { name: 'Touchpoints' });
    const pricing = within(touchpoints).getByRole('region', { name: 'Pricing page' });
    await user.click(within(pricing).getByRole('button', { name: 'Show the answers' }));
    const panel = await screen.findByRole('region', { name: 'Answers behind NPS · Pricing page' });
    await waitFor(() =>
      expect(within(panel).getByRole('status')).toHaveTextContent('Showing 3 of 3 answers.'),
    );
    await user.click(within(panel).getByRole('button', { name: 'Detractors' }));
    await waitFor(() =>
      expect(within(panel).getByRole('status')).toHaveTextContent('Showing 2 of 2 answers.'),
    );
    await user.click(screen.getByRole('button', { name: 'Detractors: show the answers' }));
    const overall = await screen.findByRole('region', { name: 'Answers behind NPS' });
    expect(within(overall).getByRole('button', { name: 'Detractors' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await waitFor(() =>
      expect(within(overall).getByRole('status')).toHaveTextContent('Showing 3 of 3 answers.'),
    );
  });

  it('given a report on screen › "Download as CSV" links the same CSV the route writes', async () => {
    const backend = await seeded();
    const made: Blob[] = [];
    const create = vi.fn((blob: Blob) => {
      made.push(blob);
      return `blob:report-${made.length}`;
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: create, revokeObjectURL: vi.fn() }));
    render(
      <PalauteProvider backend={undefined} outbox={false} locale="en">
        <CxDashboard team={backend.team} query={query} timeZone="UTC" />
      </PalauteProvider>,
    );
    const link = await screen.findByRole('link', { name: 'Download as CSV' });
    expect(link).toHaveAttribute('download', 'cx-report-2026-11-01-2026-11-30.csv');
    expect(link.getAttribute('href')).toMatch(/^blob:report-/);
    const report = await backend.team.cxReport(query);
    const text = await (made.at(-1) as Blob).text();
    // The same lines as the route's (its generatedAt aside, read at another moment).
    expect(text.split('\n').slice(1)).toEqual(cxReportCsv(report).split('\n').slice(1));
    vi.unstubAllGlobals();
  });

  it('given csvHref › the link points at the server’s route', async () => {
    const backend = await seeded();
    render(
      <PalauteProvider backend={undefined} outbox={false} locale="en">
        <CxDashboard
          team={backend.team}
          query={query}
          csvHref="/v1/team/cx-report.csv?from=2026-11-01&to=2026-11-30"
        />
      </PalauteProvider>,
    );
    const link = await screen.findByRole('link', { name: 'Download as CSV' });
    expect(link).toHaveAttribute('href', '/v1/team/cx-report.csv?from=2026-11-01&to=2026-11-30');
  });
});
