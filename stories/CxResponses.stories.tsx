import type { CxResponsesPage } from '@palaute/engine';
import { CxResponses } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { answeringResponses } from '../test/fixtures/cxResponses';
import { MetricsFrame } from './metrics.story-utils';

interface DemoProps {
  state?: 'ready' | 'loading' | 'error' | 'empty';
  group?: 'all' | 'detractors' | 'passives' | 'promoters';
  touchpointId?: string | undefined;
  locale?: string | undefined;
  dir?: 'ltr' | 'rtl';
  theme?: 'light' | 'dark' | 'auto';
}

const names = new Map([
  ['touchpoint-1', 'Pricing page'],
  ['touchpoint-2', 'Checkout'],
  ['touchpoint-3', 'Sign-up done'],
  ['touchpoint-4', 'Support chat'],
]);

/** The answers behind a figure, over a port that lists them (or never answers, fails, has none). */
function CxResponsesDemo({ state = 'ready', group, touchpointId, locale, dir, theme }: DemoProps) {
  const team = {
    cxResponses:
      state === 'loading'
        ? () => new Promise<CxResponsesPage>(() => {})
        : state === 'error'
          ? async () => Promise.reject(new Error('The server is down'))
          : answeringResponses(state === 'empty' ? [] : undefined),
  };
  return (
    <MetricsFrame locale={locale} dir={dir}>
      <CxResponses
        team={team}
        figure={touchpointId ? `NPS · ${names.get(touchpointId)}` : 'NPS'}
        group={group}
        touchpointNames={names}
        theme={theme}
        pageSize={10}
        onClose={() => {}}
        query={{
          metric: 'nps',
          period: { from: '2026-12-01', to: '2026-12-31' },
          ...(touchpointId ? { touchpointId } : {}),
        }}
      />
    </MetricsFrame>
  );
}

const meta = {
  title: 'CX metrics/CxResponses',
  component: CxResponsesDemo,
  tags: ['autodocs'],
  render: (args, { globals }) => {
    const locale = args.locale ?? (globals.locale as string | undefined);
    return <CxResponsesDemo {...args} {...(locale ? { locale } : {})} />;
  },
  parameters: {
    docs: {
      description: {
        component:
          'The answers behind a figure, a click from the number: score, touchpoint and day, the words as text (a bare score says it has none); NPS groups as toggle buttons, "only answers with words", a page at a time.',
      },
    },
  },
} satisfies Meta<typeof CxResponsesDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Every answer behind NPS, ten at a time; "Show more answers" appends the next ten. */
export const AllAnswers: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent('Showing 10 of 46 answers.'),
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Show more answers' }));
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent('Showing 20 of 46 answers.'),
    );
  },
};

/** The detractors at one touchpoint, with words only: the verbatims behind a low score. */
export const DetractorsAtATouchpoint: Story = {
  args: { group: 'detractors', touchpointId: 'touchpoint-2' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(/^Showing/));
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Only answers with words' }));
    await waitFor(() => expect(canvas.getAllByRole('blockquote').length).toBeGreaterThan(0));
  },
};

/** Loading. */
export const Loading: Story = { args: { state: 'loading' } };

/** The list could not be loaded: an alert and "Reload". */
export const LoadError: Story = { args: { state: 'error' } };

/** No answer matches. */
export const Empty: Story = { args: { state: 'empty' } };

/** Finnish. */
export const Finnish: Story = { args: { locale: 'fi' } };

/** Right to left. */
export const RightToLeft: Story = { args: { dir: 'rtl' } };

/** Dark. */
export const Dark: Story = { args: { theme: 'dark' } };
