import {
  type BoardTeamPort,
  createMemoryBackend,
  defineBoard,
  type MemoryBackend,
  type PublicBoard,
} from '@palaute/engine';
import { BoardModeration, fi, PalauteProvider } from '@palaute/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';

type Scenario = 'queue' | 'board' | 'empty' | 'error';

interface DemoProps {
  /**
   * `queue`: three ideas waiting for approval; `board`: published ideas at every stage, a merged
   * duplicate, a hidden one and spam; `empty`: nothing waits; `error`: the board cannot be reached.
   */
  scenario: Scenario;
  locale?: string;
  theme?: 'light' | 'dark';
  dir?: 'ltr' | 'rtl';
  /** Filled in by the loader. */
  backend?: MemoryBackend | undefined;
}

const sofia = { kind: 'team' as const, id: 'sofia', name: 'Sofia' };
const board = defineBoard({
  id: 'ideas',
  moderation: 'approve',
  categories: [
    { id: 'invoices', name: 'Invoices' },
    { id: 'reports', name: 'Reports' },
  ],
});
const { trusted: _, ...publicBoard } = board;
const shownBoard: PublicBoard = publicBoard;

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
  const suggest = (
    id: string,
    customerId: string,
    title: string,
    body = '',
    kind: 'idea' | 'bug' = 'idea',
  ) => backend.board.suggestIdea({ id, customerId, kind, title, body, at: at() });
  if (scenario === 'empty' || scenario === 'error') return backend;
  await suggest('idea-csv-0001', 'carl', 'Export invoices to CSV', 'With VAT columns, please.');
  await suggest('idea-csv-0002', 'dana', 'CSV export of invoices');
  await suggest('idea-crash-01', 'erik', 'Crash when saving a draft', '', 'bug');
  if (scenario === 'board') {
    await suggest('idea-dark-001', 'fiona', 'Dark mode');
    await suggest('idea-spam-001', 'spammer', 'Cheap watches here');
    await suggest('idea-rude-001', 'gus', 'A rude title');
    for (const id of ['idea-csv-0001', 'idea-csv-0002', 'idea-crash-01', 'idea-dark-001'])
      await backend.team.board.moderate(id, { type: 'approve' }, sofia);
    await backend.team.board.moderate('idea-spam-001', { type: 'spam' }, sofia);
    await backend.team.board.moderate('idea-rude-001', { type: 'hide' }, sofia);
    await backend.team.board.voteOnBehalf({ customerId: 'hanna', ideaId: 'idea-csv-0001' }, sofia);
    await backend.team.board.merge('idea-csv-0002', 'idea-csv-0001', sofia);
    await backend.team.board.setStatus('idea-dark-001', { status: 'planned' }, sofia);
    await backend.team.board.comment(
      {
        id: 'official-dark-01',
        ideaId: 'idea-dark-001',
        body: 'Planned for spring.',
        official: true,
      },
      sofia,
    );
  }
  return backend;
}

function brokenPort(backend: MemoryBackend): BoardTeamPort {
  const broken = () => Promise.reject(new Error('The board could not be reached.'));
  return { ...backend.team.board, listIdeas: broken };
}

/** The team's moderation view, as Sofia. */
function ModerationDemo({ scenario, backend, locale = 'en', theme, dir }: DemoProps) {
  if (!backend) return null;
  return (
    <PalauteProvider locales={{ fi }} outbox={false} locale={locale}>
      <main dir={dir}>
        <BoardModeration
          port={scenario === 'error' ? brokenPort(backend) : backend.team.board}
          board={shownBoard}
          by={sofia}
          shipChange={backend.team.shipChange}
          filters={scenario === 'board' ? {} : { approval: ['pending'] }}
          theme={theme}
        />
      </main>
    </PalauteProvider>
  );
}

const meta = {
  title: 'Public board/BoardModeration',
  component: ModerationDemo,
  tags: ['autodocs'],
  args: { scenario: 'queue' },
  argTypes: {
    backend: { table: { disable: true } },
    locale: { table: { disable: true } },
    theme: { table: { disable: true } },
  },
  loaders: [async ({ args }) => ({ backend: await seed(args.scenario) })],
  render: (args, { loaded, globals }) => (
    <ModerationDemo
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
          'The team side of the public board: the approval queue (approve, reject), every idea by moderation state, one idea open to hide, mark as spam, retitle, move to a status its workflow allows, merge or unmerge, vote on a customer’s behalf and pin the official response; and the changelog composer, whose entry ships ideas and feedback and sends the “you said, we did” notices. Data built the real way on the memory backend.',
      },
    },
  },
} satisfies Meta<typeof ModerationDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

const region = (canvasElement: HTMLElement) =>
  within(canvasElement).findByRole('region', { name: /^(Board moderation|Taulun moderointi)$/ });

/** Three ideas wait for approval; approving one publishes it and says so. */
export const ApprovalQueue: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      await canvas.findByRole('button', { name: /^Approve\s*: Export invoices to CSV$/ }),
    );
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-part="announcer"]')?.textContent).toMatch(
        /Published/,
      ),
    );
  },
};

/** Published ideas at every stage, a merged duplicate, a hidden idea and spam; one idea open. */
export const AllIdeas: Story = {
  args: { scenario: 'board' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Export invoices to CSV' }));
    const panel = await canvas.findByRole('region', { name: 'Export invoices to CSV' });
    await within(panel).findByText(/hanna · on their behalf by Sofia/);
  },
};

/** A merged duplicate, open: "Unmerge" restores both. */
export const MergedDuplicate: Story = {
  args: { scenario: 'board' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'CSV export of invoices' }));
    const panel = await canvas.findByRole('region', { name: 'CSV export of invoices' });
    await within(panel).findByRole('button', { name: 'Unmerge' });
  },
};

/** A planned idea, ready to ship with a changelog entry. */
export const Changelog: Story = {
  args: { scenario: 'board' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('checkbox', { name: /Dark mode/ });
  },
};

/** Nothing waits for approval. */
export const EmptyQueue: Story = {
  args: { scenario: 'empty' },
  play: async ({ canvasElement }) => {
    await waitFor(async () =>
      expect(await region(canvasElement)).toHaveAttribute('data-state', 'ready'),
    );
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
export const Finnish: Story = { args: { scenario: 'board' }, globals: { locale: 'fi' } };

/** Right to left. */
export const RightToLeft: Story = { args: { scenario: 'board', dir: 'rtl' } };

/** The dark theme. */
export const Dark: Story = { args: { scenario: 'board' }, globals: { theme: 'dark' } };
