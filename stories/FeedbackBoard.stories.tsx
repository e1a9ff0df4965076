import {
  type BoardPort,
  createMemoryBackend,
  defineBoard,
  type MemoryBackend,
} from '@palaute/engine';
import { Changelog, FeedbackBoard, fi, PalauteProvider, Roadmap } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';

type Scenario =
  | 'empty'
  | 'seeded'
  | 'many'
  | 'longText'
  | 'pending'
  | 'merged'
  | 'error'
  | 'loading';

interface DemoProps {
  /**
   * `empty`: no ideas; `seeded`: a few ideas at every stage, one shipped in the changelog; `many`:
   * 60 ideas (paged); `longText`: very long titles and details; `pending`: the customer's own idea
   * waiting for approval; `merged`: a duplicate merged into the idea it repeats (its voters count
   * there, its votes locked); `error`: the board cannot be reached; `loading`: it never answers.
   */
  scenario: Scenario;
  locale?: string;
  /** The optional stylesheet's palette. */
  theme?: 'light' | 'dark';
  /** Writing direction of the page around the board. */
  dir?: 'ltr' | 'rtl';
  /** Filled in by the loader. */
  backend?: MemoryBackend | undefined;
}

const team = { kind: 'team' as const, id: 'sofia', name: 'Sofia' };

async function seed(scenario: Scenario) {
  let clock = Date.parse('2026-11-23T10:00:00.000Z');
  const backend = createMemoryBackend({
    now: () => {
      clock += 60_000;
      return new Date(clock);
    },
    board: defineBoard({
      id: 'ideas',
      moderation: scenario === 'pending' ? 'approve' : 'publish',
      categories: [
        { id: 'invoices', name: 'Invoices' },
        { id: 'reports', name: 'Reports' },
      ],
    }),
  });
  const at = () => new Date(clock).toISOString();
  const suggest = (
    id: string,
    customerId: string,
    title: string,
    body = '',
    kind: 'idea' | 'bug' = 'idea',
  ) => backend.board.suggestIdea({ id, customerId, kind, title, body, at: at() });
  if (scenario === 'seeded' || scenario === 'pending' || scenario === 'merged') {
    await suggest('idea-csv-0001', 'carl', 'Export invoices to CSV', 'With VAT columns, please.');
    await suggest('idea-dark-001', 'dana', 'Dark mode');
    await suggest('idea-crash-01', 'erik', 'Crash when saving a draft', '', 'bug');
    if (scenario === 'pending')
      for (const id of ['idea-csv-0001', 'idea-dark-001', 'idea-crash-01'])
        await backend.team.board.moderate(id, { type: 'approve' }, team);
    for (const voter of ['v1', 'v2', 'v3'])
      await backend.board.vote({
        id: `vote-${voter}-csv`,
        customerId: voter,
        ideaId: 'idea-csv-0001',
        voted: true,
        source: 'board',
        at: at(),
      });
    await backend.team.board.setStatus('idea-dark-001', { status: 'planned' }, team);
    await backend.team.board.moderate(
      'idea-csv-0001',
      { type: 'setCategory', categoryId: 'invoices' },
      team,
    );
    await backend.team.board.publishChangelog(
      {
        id: 'crash-fix',
        title: 'Saving drafts no longer crashes',
        body: 'Thanks for the reports.',
        ideaIds: ['idea-crash-01'],
      },
      team,
    );
  }
  if (scenario === 'pending')
    await suggest('idea-mine-001', 'anna', 'Send reminders by text message');
  if (scenario === 'merged') {
    await suggest('idea-csv-0002', 'anna', 'CSV export of invoices', 'For my accountant.');
    await backend.team.board.merge('idea-csv-0002', 'idea-csv-0001', team);
  }
  if (scenario === 'many')
    for (let n = 1; n <= 60; n++)
      await suggest(`idea-many-${String(n).padStart(3, '0')}`, `c${n}`, `Idea number ${n}`);
  if (scenario === 'longText')
    await suggest(
      'idea-long-001',
      'carl',
      `A very long title ${'that keeps going '.repeat(7)}`.slice(0, 150),
      'Details '.repeat(300),
    );
  return backend;
}

/** A port that fails, or never answers, for the error and loading states. */
function brokenPort(backend: MemoryBackend, mode: 'error' | 'loading'): BoardPort {
  const broken = () =>
    mode === 'error'
      ? Promise.reject(new Error('The board could not be reached.'))
      : new Promise<never>(() => {});
  return { ...backend.board, listIdeas: broken, roadmap: broken, changelog: broken };
}

/** The customer's "Ideas" page: the board, the roadmap and the changelog, as Anna. */
function BoardDemo({ scenario, backend, locale = 'en', theme, dir }: DemoProps) {
  if (!backend) return null;
  const port =
    scenario === 'error' || scenario === 'loading' ? brokenPort(backend, scenario) : backend.board;
  return (
    <PalauteProvider
      locales={{ fi }}
      backend={backend}
      customer={{ id: 'anna' }}
      outbox={false}
      locale={locale}
    >
      <main dir={dir}>
        <FeedbackBoard port={port} theme={theme} />
        <Roadmap port={port} theme={theme} />
        <Changelog
          port={port}
          theme={theme}
          seenUntil="2026-11-01T00:00:00.000Z"
          ideaTitles={{ 'idea-crash-01': 'Crash when saving a draft' }}
        />
      </main>
    </PalauteProvider>
  );
}

const meta = {
  title: 'Public board/FeedbackBoard',
  component: BoardDemo,
  tags: ['autodocs'],
  args: { scenario: 'seeded' },
  argTypes: {
    backend: { table: { disable: true } },
    locale: { table: { disable: true } },
    theme: { table: { disable: true } },
  },
  loaders: [async ({ args }) => ({ backend: await seed(args.scenario) })],
  render: (args, { loaded, globals }) => (
    <BoardDemo
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
          'The public board inside the host app: ideas and bug reports with sort, filter and search, a vote toggle on each (optimistic, delivered once), the suggest form that offers similar ideas while the title is typed, comments, the roadmap and the changelog. Data built the real way on the memory backend.',
      },
    },
  },
} satisfies Meta<typeof BoardDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

const board = (canvasElement: HTMLElement) =>
  within(canvasElement).findByRole('region', { name: /^(Ideas|Ideat)$/ });

/** No ideas yet. */
export const Empty: Story = {
  args: { scenario: 'empty' },
  play: async ({ canvasElement }) => {
    await waitFor(async () =>
      expect(await board(canvasElement)).toHaveAttribute('data-state', 'ready'),
    );
  },
};

/** Ideas at every stage; one planned on the roadmap; a shipped fix in the changelog, new. */
export const Seeded: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByRole('button', { name: /for “Export invoices to CSV”/ }),
    ).toHaveAttribute('aria-pressed', 'false');
  },
};

/** Sixty ideas, twenty a page, "Show more ideas" below. */
export const ManyIdeas: Story = {
  args: { scenario: 'many' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('button', { name: 'Show more ideas' });
  },
};

/** Very long titles and details wrap. */
export const LongText: Story = { args: { scenario: 'longText' } };

/** The customer's own idea waits for approval (only they see it). */
export const PendingApproval: Story = { args: { scenario: 'pending' } };

/** The board cannot be reached: the board, the roadmap and the changelog say so, each with "Try again". */
export const LoadFailed: Story = {
  args: { scenario: 'error' },
  play: async ({ canvasElement }) => {
    // The board, the roadmap and the changelog each say so and offer to read again.
    await waitFor(async () =>
      expect(within(canvasElement).getAllByRole('button', { name: 'Try again' })).toHaveLength(3),
    );
  },
};

/** Still loading. */
export const Loading: Story = { args: { scenario: 'loading' } };

/** A duplicate merged into the idea it repeats: its author sees where their vote went, and its votes are locked. */
export const Merged: Story = {
  args: { scenario: 'merged' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(async () =>
      expect(
        await canvas.findByRole('button', { name: /for “Export invoices to CSV”/ }),
      ).toHaveTextContent('5 votes'),
    );
  },
};

/** Right to left: the vote button and the lists mirror. */
export const RightToLeft: Story = { args: { dir: 'rtl' } };

/** In Finnish. */
export const Finnish: Story = { globals: { locale: 'fi' } };

/** The dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };
