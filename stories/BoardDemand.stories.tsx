import {
  type BoardTeamPort,
  createMemoryBackend,
  DEMAND_NPS_CHOICES,
  defineBoard,
  type MemoryBackend,
} from '@palaute/engine';
import { BoardDemand, fi, PalauteProvider } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';

type Scenario = 'board' | 'many' | 'empty' | 'loading' | 'error';

interface DemoProps {
  /**
   * `board`: five ideas and a bug with votes from every NPS class and plan; `many`: forty ideas;
   * `empty`: no votes; `loading`: the board never answers; `error`: the board cannot be reached.
   */
  scenario: Scenario;
  locale?: string;
  theme?: 'light' | 'dark';
  dir?: 'ltr' | 'rtl';
  /** Filled in by the loader. */
  backend?: MemoryBackend | undefined;
}

const board = defineBoard({ id: 'ideas', moderation: 'publish' });
const CLASSES = ['detractor', 'passive', 'promoter'] as const;
const PLANS = ['free', 'pro', 'enterprise'] as const;

async function seed(scenario: Scenario) {
  let clock = Date.parse('2026-11-23T10:00:00.000Z');
  const backend = createMemoryBackend({
    now: () => {
      clock += 60_000;
      return new Date(clock);
    },
    board,
  });
  const at = () => new Date(clock).toISOString();
  if (scenario === 'empty' || scenario === 'loading' || scenario === 'error') return backend;
  const titles =
    scenario === 'many'
      ? Array.from({ length: 40 }, (_, n) => `Idea number ${n + 1}: a longer title that wraps`)
      : [
          'Export invoices to CSV',
          'Dark mode',
          'Reminders for unpaid invoices',
          'Sign in with a passkey',
          'Recurring invoices',
          'Totals round wrongly',
        ];
  for (const [n, title] of titles.entries()) {
    const id = `idea-${String(n).padStart(4, '0')}-x`;
    await backend.board.suggestIdea({
      id,
      customerId: `author-${n}`,
      kind: title.startsWith('Totals') ? 'bug' : 'idea',
      title,
      body: '',
      at: at(),
    });
    // A spread of voters: idea n has (n * 7) % 11 + 1 of them, every class and plan in turn.
    const voters = ((n * 7) % 11) + 1;
    for (let v = 0; v < voters; v++)
      await backend.board.vote({
        id: `vote-${id}-${v}`,
        customerId: `c-${(n + v * 3) % 29}`,
        ideaId: id,
        voted: true,
        source: 'board',
        segment: {
          npsClass: CLASSES[(n + v) % 3] as string,
          plan: PLANS[(n * 2 + v) % 3] as string,
        },
        at: at(),
      });
  }
  return backend;
}

function portOf(scenario: Scenario, backend: MemoryBackend): Pick<BoardTeamPort, 'demand'> {
  if (scenario === 'loading') return { demand: () => new Promise(() => {}) };
  if (scenario === 'error')
    return { demand: () => Promise.reject(new Error('The board could not be reached.')) };
  return backend.team.board;
}

/** The team's "ideas most wanted by …" table, NPS classes and plans to choose from. */
function DemandDemo({ scenario, backend, locale = 'en', theme, dir }: DemoProps) {
  if (!backend) return null;
  return (
    <PalauteProvider locales={{ fi }} outbox={false} locale={locale}>
      <main dir={dir}>
        <BoardDemand
          port={portOf(scenario, backend)}
          choices={[
            ...DEMAND_NPS_CHOICES,
            { key: 'plan', value: 'enterprise', label: 'Enterprise' },
            { key: 'plan', value: 'free', label: 'Free' },
          ]}
          onOpen={() => {}}
          theme={theme}
        />
      </main>
    </PalauteProvider>
  );
}

const meta = {
  title: 'Public board/BoardDemand',
  component: DemandDemo,
  tags: ['autodocs'],
  args: { scenario: 'board' },
  argTypes: {
    backend: { table: { disable: true } },
    locale: { table: { disable: true } },
    theme: { table: { disable: true } },
  },
  loaders: [async ({ args }) => ({ backend: await seed(args.scenario) })],
  render: (args, { loaded, globals }) => (
    <DemandDemo
      {...args}
      backend={loaded.backend as MemoryBackend}
      locale={(globals.locale as string | undefined) ?? 'en'}
      theme={globals.theme === 'dark' ? 'dark' : 'light'}
    />
  ),
  parameters: {
    layout: 'padded',
    a11y: { test: 'error' },
    docs: {
      description: {
        component:
          'The team’s “ideas most wanted by detractors”: the ideas a segment of voters (an NPS class, a plan) voted for most, each with that segment’s voters, all its voters and the share, from the segments frozen at vote time. Data built the real way on the memory backend.',
      },
    },
  },
} satisfies Meta<typeof DemandDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The detractors' ideas; choosing promoters re-ranks and renames the table. */
export const Detractors: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('table', { name: 'Ideas most wanted by detractors' });
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Voters' }), 'Promoters');
    await canvas.findByRole('table', { name: 'Ideas most wanted by promoters' });
  },
};

/** Forty ideas, long titles. */
export const Many: Story = {
  args: { scenario: 'many' },
  play: async ({ canvasElement }) => {
    const table = await within(canvasElement).findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(10));
  },
};

/** No votes yet. */
export const Empty: Story = {
  args: { scenario: 'empty' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('No idea has votes from these voters yet.', {
      selector: 'p',
    });
  },
};

/** The board has not answered yet. */
export const Loading: Story = {
  args: { scenario: 'loading' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('Loading ideas…');
  },
};

/** The board cannot be reached: said in words, with "Try again". */
export const LoadFailed: Story = {
  args: { scenario: 'error' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('button', { name: 'Try again' });
  },
};

/** In Finnish. */
export const Finnish: Story = {
  globals: { locale: 'fi' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('table', {
      name: 'Arvostelijoiden eniten toivomat ideat',
    });
  },
};

/** Right to left. */
export const RightToLeft: Story = { args: { dir: 'rtl' } };

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('table');
  },
};
