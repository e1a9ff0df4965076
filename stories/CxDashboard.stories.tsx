import type { CxReport, CxReportQuery } from '@palaute/engine';
import { CxDashboard } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { buildReport, type ReportOptions, yearQuery } from '../test/fixtures/cxReport';
import { answeringResponses } from '../test/fixtures/cxResponses';
import { MetricsFrame } from './metrics.story-utils';

/** A team port that answers with a report built from answers by the engine's own functions. */
const answering = (options: ReportOptions) => ({
  cxReport: async (_query: CxReportQuery): Promise<CxReport> => buildReport(options),
  cxResponses: answeringResponses(),
});

interface DemoProps {
  /** How the report is built: months, answers per month, drift, touchpoints, target state. */
  report?: ReportOptions | 'loading' | 'error';
  locale?: string | undefined;
  dir?: 'ltr' | 'rtl';
  theme?: 'light' | 'dark' | 'auto';
}

/** The host's internal "CX" page: the dashboard in one line over the team port. */
function CxDashboardDemo({ report = { target: 'onTrack' }, locale, dir, theme }: DemoProps) {
  const team =
    report === 'loading'
      ? { cxReport: () => new Promise<CxReport>(() => {}) }
      : report === 'error'
        ? { cxReport: async () => Promise.reject(new Error('The server is down')) }
        : answering(report);
  return (
    <MetricsFrame locale={locale} dir={dir}>
      <CxDashboard team={team} query={yearQuery} timeZone="UTC" theme={theme} />
    </MetricsFrame>
  );
}

const meta = {
  title: 'CX metrics/CxDashboard',
  component: CxDashboardDemo,
  tags: ['autodocs'],
  args: { report: { target: 'onTrack' } },
  render: (args, { globals }) => {
    const locale = args.locale ?? (globals.locale as string | undefined);
    return <CxDashboardDemo {...args} {...(locale ? { locale } : {})} />;
  },
  parameters: {
    docs: {
      description: {
        component:
          'The CX dashboard over a team port: each metric with n, interval, the change only when significant and the target state; rates; trends with interval bands and stepped targets; NPS groups; touchpoints in journey order; stepped targets; CX levels; promise against delivery; the loop metrics.',
      },
    },
  },
} satisfies Meta<typeof CxDashboardDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

const ready = async (canvasElement: HTMLElement) => {
  const region = await within(canvasElement).findByRole('region', {
    name: /^(Customer experience|Asiakaskokemus)$/,
  });
  await waitFor(() => expect(region).toHaveAttribute('data-state', 'ready'));
};

/** A year of answers, on track for the next milestone. */
export const OnTrack: Story = { play: async ({ canvasElement }) => ready(canvasElement) };

/** A click from a figure to its answers: the NPS card's "Show the answers", then the detractors. */
export const AnswersBehindAFigure: Story = {
  play: async ({ canvasElement }) => {
    await ready(canvasElement);
    const canvas = within(canvasElement);
    const card = canvas.getByRole('region', { name: 'NPS' });
    await userEvent.click(within(card).getByRole('button', { name: 'Show the answers' }));
    const panel = await canvas.findByRole('region', { name: 'Answers behind NPS' });
    await userEvent.click(within(panel).getByRole('button', { name: 'Detractors' }));
    await waitFor(() =>
      expect(within(panel).getByRole('status')).toHaveTextContent(/^Showing \d+ of 19 answers\.$/),
    );
  },
};

/** The target is met. */
export const TargetMet: Story = { args: { report: { target: 'met' } } };

/** The target is off track. */
export const TargetOffTrack: Story = { args: { report: { target: 'offTrack' } } };

/** A strong rise month on month. */
export const SignificantRise: Story = {
  args: { report: { drift: 0.03, perMonth: 600, target: 'onTrack' } },
};

/** A fall month on month. */
export const SignificantFall: Story = { args: { report: { drift: -0.03, perMonth: 600 } } };

/** Twenty answers a month: every figure greyed, no arrows. */
export const LowSample: Story = { args: { report: { perMonth: 20 } } };

/** Thirty touchpoints. */
export const ManyTouchpoints: Story = { args: { report: { touchpoints: 30 } } };

/** Waiting for the report. */
export const Loading: Story = { args: { report: 'loading' } };

/** The report could not be loaded. */
export const LoadError: Story = {
  args: { report: 'error' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      'The figures could not be loaded.',
    );
  },
};

/** No answers in the period. */
export const Empty: Story = { args: { report: { empty: true } } };

/** Finnish. */
export const Finnish: Story = {
  args: { locale: 'fi' },
  play: async ({ canvasElement }) => ready(canvasElement),
};

/** Right to left. */
export const RightToLeft: Story = { args: { dir: 'rtl' } };

/** The dark palette. */
export const Dark: Story = { args: { theme: 'dark' } };
